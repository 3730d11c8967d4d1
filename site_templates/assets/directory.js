/* showpress: client-side filters of the exhibitor directory (hall, category, country).
   Without JavaScript the form stays hidden and the full list is shown. */
(function () {
  "use strict";
  function setup() {
    var form = document.querySelector("[data-sp-filters]");
    var list = document.querySelector("[data-sp-directory]");
    if (!form || !list) return;
    var items = Array.prototype.slice.call(list.children);
    var count = form.querySelector("[data-sp-count]");
    var keys = ["hall", "category", "country"];
    function apply() {
      var wanted = {};
      keys.forEach(function (k) { wanted[k] = form.elements[k] ? form.elements[k].value : ""; });
      var shown = 0;
      items.forEach(function (li) {
        var ok = keys.every(function (k) {
          if (!wanted[k]) return true;
          return (" " + (li.getAttribute("data-" + k) || "") + " ").indexOf(" " + wanted[k] + " ") !== -1;
        });
        li.hidden = !ok;
        if (ok) shown += 1;
      });
      if (count) count.textContent = count.getAttribute("data-label").replace("{n}", shown);
      var params = new URLSearchParams();
      keys.forEach(function (k) { if (wanted[k]) params.set(k, wanted[k]); });
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }
    var initial = new URLSearchParams(location.search);
    keys.forEach(function (k) {
      var select = form.elements[k];
      if (!select) return;
      if (initial.get(k)) select.value = initial.get(k);
      select.addEventListener("change", apply);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.hidden = false;
    apply();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
