/*
 * Knowledge base site script.
 *
 * 1. Freshness banner: every `.kb-banner[data-valid-until]` element (hidden by
 *    default) is shown from the browser's date: `.kb-banner--expired` once the
 *    date has passed, `.kb-banner--soon` within `data-expiring-days` days.
 *    `window.KB_TODAY = "YYYY-MM-DD"` (set before this script runs) overrides
 *    the date, for tests.
 * 2. The home page's search button opens Material's search.
 * 3. The read-only checklist boxes are hidden from assistive technologies.
 *
 * Works with Material's instant loading (re-run on each `document$` emission)
 * and without it.
 */
(function () {
  "use strict";

  var MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet",
    "août", "septembre", "octobre", "novembre", "décembre"];

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function isoToday() {
    if (typeof window.KB_TODAY === "string" && /^\d{4}-\d{2}-\d{2}$/.test(window.KB_TODAY)) {
      return window.KB_TODAY;
    }
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function addDays(iso, days) {
    var p = iso.split("-");
    var d = new Date(Date.UTC(+p[0], +p[1] - 1, +p[2] + days));
    return d.toISOString().slice(0, 10);
  }

  function frenchDate(iso) {
    var p = iso.split("-");
    var day = +p[2];
    return (day === 1 ? "1er" : String(day)) + " " + MONTHS[+p[1] - 1] + " " + p[0];
  }

  function updateBanners(root) {
    var today = isoToday();
    var banners = root.querySelectorAll(".kb-banner[data-valid-until]");
    Array.prototype.forEach.call(banners, function (el) {
      var until = el.getAttribute("data-valid-until");
      var days = parseInt(el.getAttribute("data-expiring-days") || "30", 10);
      el.classList.remove("kb-banner--expired", "kb-banner--soon");
      if (!/^\d{4}-\d{2}-\d{2}$/.test(until)) {
        el.hidden = true;
      } else if (until < today) {
        el.classList.add("kb-banner--expired");
        el.textContent = "Réponse expirée le " + frenchDate(until) +
          " : à revérifier avant de la donner à l'usager";
        el.hidden = false;
      } else if (until <= addDays(today, days)) {
        el.classList.add("kb-banner--soon");
        el.textContent = "À revérifier : expire le " + frenchDate(until);
        el.hidden = false;
      } else {
        el.textContent = "";
        el.hidden = true;
      }
    });
  }

  function openSearch() {
    var toggle = document.querySelector('input[data-md-toggle="search"]');
    if (toggle && !toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    var input = document.querySelector("input.md-search__input");
    if (input) {
      input.focus();
    }
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target && target.closest && target.closest(".kb-search-open")) {
      event.preventDefault();
      openSearch();
    }
  });

  // The checklists ("- [ ]" items) are read-only reminders: their boxes carry
  // no information and have no label of their own, so keep them out of the
  // accessibility tree (the item's text is read as a plain list item).
  function hideChecklistBoxes(root) {
    var boxes = root.querySelectorAll(".task-list-item input[type=checkbox][disabled]");
    Array.prototype.forEach.call(boxes, function (box) {
      box.setAttribute("aria-hidden", "true");
      box.setAttribute("tabindex", "-1");
    });
  }

  function onPage() {
    updateBanners(document);
    hideChecklistBoxes(document);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(onPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
})();
