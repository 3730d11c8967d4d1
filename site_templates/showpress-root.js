/* showpress: the site root sends a reader to the best language of the show (generator/site/rootpage.py).
   1. the language the reader chose here before (localStorage), 2. the first browser language the
   show has (zh-TW finds zh), 3. the fallback chain of the first browser language (show.yml
   fallbacks, else English if the show has it, else the default language). ?choose shows the list. */
(function () {
  "use strict";
  var KEY = "showpress-language";
  var meta = document.querySelector('meta[name="showpress-languages"]');
  if (!meta) { return; }
  var choice = JSON.parse(meta.getAttribute("content"));
  var codes = choice.languages;

  function remembered() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function remember(code) {
    try { window.localStorage.setItem(KEY, code); } catch (e) { /* private mode: nothing to keep */ }
  }
  function han(tag) {
    var parts = tag.split("-");
    if (parts[0] !== "zh") { return null; }
    if (parts.indexOf("hant") >= 0 || ["tw", "hk", "mo"].indexOf(parts[parts.length - 1]) >= 0) { return "zh-hant"; }
    return "zh-hans";
  }
  function find(tag) {
    var i;
    tag = String(tag || "").toLowerCase();
    if (!tag) { return null; }
    for (i = 0; i < codes.length; i++) { if (codes[i].toLowerCase() === tag) { return codes[i]; } }
    var script = han(tag);
    for (i = 0; script && i < codes.length; i++) { if (han(codes[i].toLowerCase()) === script && codes[i].indexOf("-") > 0) { return codes[i]; } }
    var base = tag.split("-")[0];
    for (i = 0; i < codes.length; i++) { if (codes[i].toLowerCase() === base) { return codes[i]; } }
    for (i = 0; i < codes.length; i++) { if (codes[i].toLowerCase().split("-")[0] === base) { return codes[i]; } }
    return null;
  }
  function pick() {
    var kept = remembered();
    if (kept && codes.indexOf(kept) >= 0) { return kept; }
    var wanted = (navigator.languages && navigator.languages.length) ? navigator.languages : [navigator.language || ""];
    for (var i = 0; i < wanted.length; i++) {
      var found = find(wanted[i]);
      if (found) { return found; }
    }
    var first = String(wanted[0] || "");
    var chain = choice.fallbacks[first] || choice.fallbacks[first.split("-")[0]] || choice.otherwise;
    return chain[0] || codes[0];
  }
  if (!/[?&]choose\b/.test(window.location.search)) {
    window.location.replace(pick() + "/");
    return;
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("a[hreflang]").forEach(function (link) {
      link.addEventListener("click", function () { remember(link.getAttribute("hreflang")); });
    });
  });
})();
