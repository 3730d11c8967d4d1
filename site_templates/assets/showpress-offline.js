/* showpress offline show guide: registers this language's service worker (showpress-sw.js at the
   language's root, scope the language folder) and says so honestly when the device is offline. */
(function () {
  "use strict";
  var MESSAGE = __SP_MESSAGE__;
  var script = document.currentScript;
  if ("serviceWorker" in navigator && script && script.src) {
    var worker = new URL("../../showpress-sw.js", script.src);  // this file is <lang>/assets/showpress/
    navigator.serviceWorker.register(worker.href, { scope: new URL("./", worker).href }).catch(function () {
      return undefined;  // no service worker (private mode, file://): the site works as before
    });
  }
  function indicate() {
    var banner = document.getElementById("sp-offline");
    if (navigator.onLine) {
      if (banner) { banner.remove(); }
      return;
    }
    if (banner) { return; }
    banner = document.createElement("p");
    banner.id = "sp-offline";
    banner.className = "sp-offline";
    banner.setAttribute("role", "status");
    banner.textContent = MESSAGE;
    document.body.insertBefore(banner, document.body.firstChild);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", indicate);
  } else {
    indicate();
  }
  window.addEventListener("online", indicate);
  window.addEventListener("offline", indicate);
})();
