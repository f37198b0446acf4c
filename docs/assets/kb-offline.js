/*
 * Offline mode of the site (see kb_tools/site/offline.py and the guide's
 * "Hors connexion" page).
 *
 * 1. The footer says which copy is in use: « Version du 2 décembre 2026 à 04:10 »
 *    (the build's time, from assets/kb-version.js, in the browser's time zone),
 *    followed by « · disponible hors connexion » once the service worker has
 *    kept the site, « · hors connexion » when the network is gone, or
 *    « · enregistrement pour la consultation hors connexion… » while it is filling its cache.
 * 2. Over http(s) only (never from file://, where the zip copy works without
 *    it) and where the browser has service workers, registers sw.js at the
 *    site root, asks for a newer version on each page (at most once a minute)
 *    and when the network comes back.
 * 3. When a newer version has been kept in the background, says so at the top
 *    of the page: « Nouvelle version disponible — recharger »; the button
 *    switches to it and reloads the page.
 *
 * Works with Material's instant loading (re-run on each `document$` emission).
 */
(function () {
  "use strict";

  var CHECK_EVERY_MS = 60 * 1000;
  var state = { ready: false, filling: false, waiting: null, reloading: false, checked: 0, registration: null };

  var MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre"];

  function twoDigits(n) {
    return (n < 10 ? "0" : "") + n;
  }

  /* « 2 décembre 2026 à 08:30 » in the browser's time zone. By hand: the first call of
     toLocaleDateString loads the locale's data, ~30 ms of the page's thread on every page. */
  function frenchDateTime(iso) {
    var d = new Date(iso);
    if (isNaN(d.getTime())) {
      return null;
    }
    var day = d.getDate() === 1 ? "1er" : String(d.getDate());
    return day + " " + MONTHS[d.getMonth()] + " " + d.getFullYear() + " à " +
      twoDigits(d.getHours()) + ":" + twoDigits(d.getMinutes());
  }

  function versionText() {
    var version = window.KB_VERSION;
    var when = version && typeof version.built === "string" ? frenchDateTime(version.built) : null;
    if (!when) {
      return null;
    }
    var text = "Version du " + when;
    if (state.ready && navigator.onLine === false) {
      text += " · hors connexion";
    } else if (state.ready) {
      text += " · disponible hors connexion";
    } else if (state.filling) {
      text += " · enregistrement pour la consultation hors connexion…";
    }
    return text;
  }

  function showVersion() {
    var footer = document.querySelector(".md-copyright");
    var text = versionText();
    if (!footer || !text) {
      return;
    }
    var line = footer.querySelector(".kb-version");
    if (!line) {
      line = document.createElement("p");
      line.className = "kb-version";
      footer.appendChild(line);
    }
    if (line.textContent !== text) {
      line.textContent = text;
    }
  }

  function showUpdate() {
    if (!state.waiting || document.querySelector(".kb-update")) {
      return;
    }
    var host = document.querySelector(".md-content");
    if (!host) {
      return;
    }
    var notice = document.createElement("div");
    notice.className = "kb-update";
    notice.setAttribute("role", "status");
    var text = document.createElement("span");
    text.textContent = "Nouvelle version disponible — ";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "kb-update__reload";
    button.textContent = "recharger";
    notice.appendChild(text);
    notice.appendChild(button);
    host.insertBefore(notice, host.firstChild);
  }

  function render() {
    showVersion();
    showUpdate();
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!target || !target.closest || !target.closest(".kb-update__reload")) {
      return;
    }
    event.preventDefault();
    if (state.waiting) {
      state.reloading = true;
      state.waiting.postMessage({ type: "skip-waiting" });
    } else {
      window.location.reload();
    }
  });

  function siteRoot() {
    var el = document.getElementById("__config");
    var base = ".";
    try {
      base = JSON.parse(el.textContent).base || ".";
    } catch (e) {
      base = ".";
    }
    return new URL(base.replace(/\/?$/, "/"), window.location.href).href;
  }

  function announce(worker) {
    state.waiting = worker;
    render();
  }

  // A worker being installed: announced once installed when another one serves the page
  // (an update); a failed first installation ("redundant") is no longer "préparation…".
  function follow(worker) {
    worker.addEventListener("statechange", function () {
      if (worker.state === "installed" && navigator.serviceWorker.controller) {
        announce(worker);
      } else if (worker.state === "redundant" && state.filling) {
        state.filling = false;
        render();
      }
    });
  }

  function watch(registration) {
    state.registration = registration;
    state.filling = !registration.active && !!registration.installing;
    if (registration.installing) {
      follow(registration.installing);
    }
    if (registration.waiting && navigator.serviceWorker.controller) {
      announce(registration.waiting);
    }
    registration.addEventListener("updatefound", function () {
      if (registration.installing) {
        follow(registration.installing);
      }
    });
    render();
  }

  function checkForUpdate() {
    var registration = state.registration;
    var now = Date.now();
    if (!registration || now - state.checked < CHECK_EVERY_MS || navigator.onLine === false) {
      return;
    }
    state.checked = now;
    registration.update().catch(function () {});
  }

  function register() {
    if (!("serviceWorker" in navigator) || !/^https?:$/.test(window.location.protocol)) {
      return;
    }
    var root = siteRoot();
    var container = navigator.serviceWorker;
    container.addEventListener("controllerchange", function () {
      if (state.reloading) {
        window.location.reload();
      }
    });
    container.register(root + "sw.js", { scope: root }).then(function (registration) {
      state.checked = Date.now(); // register() has just checked
      watch(registration);
      return container.ready;
    }).then(function () {
      state.ready = true;
      state.filling = false;
      render();
    }).catch(function () {});
    window.addEventListener("online", function () {
      state.checked = 0;
      checkForUpdate();
      render();
    });
    window.addEventListener("offline", render);
  }

  function onPage() {
    render();
    checkForUpdate();
  }

  register();
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(onPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
})();
