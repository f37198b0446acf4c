/*
 * Service worker of the knowledge base site (offline mode, see kb_tools/site/offline.py).
 *
 * `self.KB_OFFLINE = {version, built, manifest}` is written before this code by
 * the build. One cache per version ("kb-offline-<version>"):
 *
 * - install: fetch the manifest (kb-offline.json) of this very build, then keep
 *   every "precache" file: copied from an older version's cache when its
 *   revision is the same, else downloaded (6 at a time) and checked against
 *   its revision (SHA-256 of its content). Any failure fails the
 *   installation: the old version goes on serving, the browser tries again later.
 *   Files the older cache kept at first visit ("lazy") are copied too.
 * - activate: delete the caches of other versions, take control of open pages.
 *   A new version waits until the page asks ({type: "skip-waiting"}: the
 *   « recharger » button of kb-offline.js) or every tab of the site is closed.
 * - fetch (GET, same origin, inside the scope): the cached copy if any (cache
 *   first; the version check above is the update), else the network, keeping
 *   "lazy" files; offline, a page never kept gets a short French notice.
 */
"use strict";

var CONFIG = self.KB_OFFLINE;
var PREFIX = "kb-offline-";
var CACHE = PREFIX + CONFIG.version;
var SCOPE = self.registration.scope;
var MANIFEST_KEY = new URL(CONFIG.manifest, SCOPE).href;
var PARALLEL = 6;

var lazyUrls = null; // Promise of the Set of this version's "lazy" URLs

function absolute(url) {
  return new URL(url, SCOPE).href;
}

// The cache key of a request's URL: no query nor fragment, ".../index.html" as ".../".
function cacheKey(url) {
  var u = new URL(url);
  var path = u.pathname.replace(/\/index\.html$/, "/");
  return u.origin + path;
}

function loadManifest() {
  return fetch(MANIFEST_KEY, { cache: "no-store" }).then(function (response) {
    if (!response.ok) {
      throw new Error("kb-offline.json: HTTP " + response.status);
    }
    return response.json();
  }).then(function (manifest) {
    if (manifest.version !== CONFIG.version) {
      throw new Error("kb-offline.json is of another build: " + manifest.version);
    }
    return manifest;
  });
}

// URL -> {revision, cache name} of what older versions kept (their manifests are cached too).
function previousEntries() {
  var found = new Map();
  return caches.keys().then(function (names) {
    var older = names.filter(function (n) { return n.indexOf(PREFIX) === 0 && n !== CACHE; });
    return Promise.all(older.map(function (name) {
      return caches.open(name).then(function (cache) {
        return cache.match(MANIFEST_KEY);
      }).then(function (response) {
        return response ? response.json() : null;
      }).then(function (manifest) {
        if (!manifest) {
          return;
        }
        manifest.precache.concat(manifest.lazy).forEach(function (pair) {
          found.set(absolute(pair[0]), { revision: pair[1], cache: name });
        });
      }).catch(function () {});
    }));
  }).then(function () {
    return found;
  });
}

// The first 16 hexadecimal digits of the SHA-256 of a file (kb_tools.site.offline.revision).
function revisionOf(buffer) {
  return crypto.subtle.digest("SHA-256", buffer).then(function (digest) {
    return Array.prototype.map.call(new Uint8Array(digest).slice(0, 8), function (b) {
      return (b < 16 ? "0" : "") + b.toString(16);
    }).join("");
  });
}

// Copy from the older cache when the revision is the same; else download (required) or skip (lazy).
function keep(cache, previous, pair, required) {
  var url = absolute(pair[0]);
  var old = previous.get(url);
  var copied = old && old.revision === pair[1]
    ? caches.open(old.cache).then(function (c) { return c.match(url); })
    : Promise.resolve(undefined);
  return copied.then(function (response) {
    if (response) {
      return cache.put(url, response);
    }
    if (!required) {
      return undefined;
    }
    return fetch(url, { cache: "no-cache" }).then(function (fresh) {
      if (!fresh.ok || fresh.redirected) {
        throw new Error(url + ": HTTP " + fresh.status);
      }
      return fresh.clone().arrayBuffer().then(revisionOf).then(function (rev) {
        // A file of another build (a cache on the way, a deployment under way) is never kept
        // under this revision: it would be copied as is into every later version.
        if (rev !== pair[1]) {
          throw new Error(url + ": revision " + rev + ", expected " + pair[1]);
        }
        return cache.put(url, fresh);
      });
    });
  });
}

function keepAll(cache, previous, pairs, required) {
  var next = 0;
  function worker() {
    if (next >= pairs.length) {
      return Promise.resolve();
    }
    var pair = pairs[next++];
    return keep(cache, previous, pair, required).then(worker);
  }
  var workers = [];
  for (var i = 0; i < PARALLEL; i++) {
    workers.push(worker());
  }
  return Promise.all(workers);
}

function install() {
  return Promise.all([loadManifest(), caches.open(CACHE), previousEntries()]).then(function (all) {
    var manifest = all[0];
    var cache = all[1];
    var previous = all[2];
    return keepAll(cache, previous, manifest.precache, true).then(function () {
      return keepAll(cache, previous, manifest.lazy, false);
    }).then(function () {
      // Last: a cache with its manifest is complete.
      var body = JSON.stringify(manifest);
      return cache.put(MANIFEST_KEY, new Response(body, { headers: { "Content-Type": "application/json" } }));
    });
  });
}

function activate() {
  return caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) {
      return n.indexOf(PREFIX) === 0 && n !== CACHE;
    }).map(function (n) {
      return caches.delete(n);
    }));
  }).then(function () {
    return self.clients.claim();
  });
}

function lazySet() {
  if (!lazyUrls) {
    lazyUrls = caches.open(CACHE).then(function (cache) {
      return cache.match(MANIFEST_KEY);
    }).then(function (response) {
      return response ? response.json() : { lazy: [] };
    }).then(function (manifest) {
      return new Set(manifest.lazy.map(function (pair) { return absolute(pair[0]); }));
    }).catch(function () {
      lazyUrls = null;
      return new Set();
    });
  }
  return lazyUrls;
}

var OFFLINE_PAGE = '<!doctype html><html lang="fr"><head><meta charset="utf-8">' +
  '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">' +
  '<meta name="viewport" content="width=device-width, initial-scale=1">' +
  "<title>Page non disponible hors connexion</title></head><body><main>" +
  "<h1>Page non disponible hors connexion</h1>" +
  "<p>Cette page n'a pas été gardée sur cet appareil. Reconnectez-vous pour l'ouvrir, " +
  'ou revenez à <a href="' + SCOPE + '">l\'accueil de la base</a>.</p></main></body></html>';

function respond(event, key) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(key).then(function (hit) {
      if (hit) {
        return hit;
      }
      return fetch(event.request).then(function (response) {
        if (response.ok && response.type === "basic" && !response.redirected) {
          var copy = response.clone();
          event.waitUntil(lazySet().then(function (lazy) {
            return lazy.has(key) ? cache.put(key, copy) : undefined;
          }));
        }
        return response;
      }, function (error) {
        if (event.request.mode === "navigate") {
          return new Response(OFFLINE_PAGE, {
            status: 503,
            headers: { "Content-Type": "text/html; charset=utf-8" },
          });
        }
        throw error;
      });
    });
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(install());
});

self.addEventListener("activate", function (event) {
  event.waitUntil(activate());
});

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type === "skip-waiting") {
    self.skipWaiting();
  } else if (data.type === "version" && event.source) {
    event.source.postMessage({ type: "version", version: CONFIG.version, built: CONFIG.built });
  }
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || request.url.indexOf(SCOPE) !== 0) {
    return;
  }
  var key = cacheKey(request.url);
  if (key === MANIFEST_KEY || key === absolute("sw.js")) {
    return;
  }
  event.respondWith(respond(event, key));
});
