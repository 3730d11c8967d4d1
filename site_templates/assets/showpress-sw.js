/* showpress offline show guide: a service worker per language folder (generator/site/offline_guide.py).
   On install it saves the language's guide pages (home, halls, directory, schedule, visiting...)
   with the styles, scripts, images and fonts they use; afterwards pages come from the network when
   there is one (and are saved again), else from this device. No third-party request. */
"use strict";
var CACHE = "showpress-guide-" + "__SP_VERSION__";
var PAGES = __SP_PAGES__;
var ASSET = /\.(?:css|js|svg|png|jpe?g|webp|gif|ico|woff2?|ttf|otf)(?:[?#].*)?$/i;

function inScope(url) {
  return url.indexOf(self.registration.scope) === 0;
}

function links(text, base, pattern) {
  var found = [];
  var match;
  while ((match = pattern.exec(text)) !== null) {
    var raw = match[1].replace(/&amp;/g, "&");
    if (raw.indexOf("data:") === 0) { continue; }
    var url = new URL(raw, base);
    url.hash = "";
    if (url.origin === self.location.origin && ASSET.test(url.pathname)) { found.push(url.href); }
  }
  return found;
}

function save(cache, url, seen) {
  if (seen[url]) { return Promise.resolve(); }
  seen[url] = true;
  return fetch(url, { cache: "no-cache" }).then(function (response) {
    if (!response.ok) { return undefined; }
    return cache.put(url, response.clone()).then(function () {
      if (!/\.css(?:[?#].*)?$/i.test(url)) { return undefined; }
      return response.text().then(function (css) {  // fonts and images a stylesheet uses
        return Promise.all(links(css, url, /url\(\s*['"]?([^'")\s]+)['"]?\s*\)/g).map(function (u) {
          return save(cache, u, seen);
        }));
      });
    });
  }).catch(function () { return undefined; });
}

function savePage(cache, url, seen) {
  return fetch(url, { cache: "no-cache" }).then(function (response) {
    if (!response.ok) { return undefined; }
    return cache.put(url, response.clone()).then(function () { return response.text(); }).then(function (html) {
      var subresources = links(html, url, /<(?:link|script|img)\b[^>]*?\s(?:href|src)="([^"]+)"/gi);
      return Promise.all(subresources.map(function (u) { return save(cache, u, seen); }));
    });
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    var seen = {};
    return Promise.all(PAGES.map(function (page) {
      return savePage(cache, new URL(page, self.registration.scope).href, seen).catch(function () { return undefined; });
    }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) {
      return key.indexOf("showpress-guide-") === 0 && key !== CACHE;
    }).map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.clients.claim(); }));
});

function fromNetwork(request) {
  return fetch(request).then(function (response) {
    if (response.ok && response.type === "basic") {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { return cache.put(request, copy); });
    }
    return response;
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || !inScope(request.url)) { return; }
  if (request.mode === "navigate") {  // the page: fresh when online, saved when not
    event.respondWith(fromNetwork(request).catch(function () {
      return caches.match(request, { ignoreSearch: true }).then(function (hit) {
        return hit || caches.match(new URL("./", self.registration.scope).href);
      }).then(function (hit) { return hit || Response.error(); });
    }));
    return;
  }
  if (!ASSET.test(new URL(request.url).pathname)) { return; }
  event.respondWith(caches.match(request).then(function (hit) {  // saved copy first, refreshed behind
    var refresh = fromNetwork(request);
    if (hit) { refresh.catch(function () { return undefined; }); return hit; }
    return refresh;
  }));
});
