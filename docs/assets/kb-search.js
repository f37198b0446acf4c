/* Search that never leaves an agent empty-handed (Material's search box and result list, kept).
 *
 * Loaded in the <head> (overrides/main.html), before Material's bundle creates its
 * search worker. window.Worker is wrapped (the iframe-worker shim of the offline copy
 * included, which the theme loads earlier) so that Material gets the site's own worker,
 * assets/kb-search-worker.js (same protocol; why: see its header), started here as soon as
 * the head is read and already downloading and indexing search/kb-index.json when
 * Material's bundle asks for a worker. The worker corrects typos (« Résultats pour … ») and, for a
 * query without result, finds the closest answers by tag, service or synonym; it says so
 * in the RESULT message (``data.kb``), and this script shows it above the results: the
 * correction, the closest answers and a « Proposer cette question » link to GitLab's
 * "nouvelle question d'usager" template, prefilled with the query once personal data
 * (NIR, e-mail, phone, IBAN) is masked, here, before it leaves the browser.
 */
(function () {
  "use strict";

  var Base = window.Worker;
  if (typeof Base !== "function") return;

  var SETUP = 0, RESULT = 3, LOAD = "kb-load", COMPLETE = "kb-complete";
  var DATA = "search/kb-index.json";               // kb_tools/site/search.py: DATA_FILE
  var SECTIONS = "search/kb-index-sections.json";  // … SECTIONS_FILE
  var api = { complete: false };   // window.kbSearch
  var propose = null;    // {url, template, description}: config.kb of search/search_index.json

  /* ------------------------------------------------------------ personal data */

  var SEP = "[\\s\\u00a0.\\-/]{0,3}";
  var MASKS = [
    [new RegExp("[\\w.+-]{1,64}(?:\\s*@\\s*|\\s*[\\[(]at[\\])]\\s*|\\s+arobase\\s+)[\\w-]{1,63}(?:\\.[\\w-]{1,63})+", "gi"),
      "[adresse e-mail masquée]"],
    [new RegExp("\\b[A-Z]{2}\\d{2}(?:[\\s-]?[A-Z0-9]){11,30}\\b", "gi"), "[IBAN masqué]"],
    [new RegExp("(?<![\\w])[1-478]" + SEP + "\\d\\d" + SEP + "\\d\\d" + SEP + "(?:\\d\\d|2[AB])" + SEP + "\\d{3}" + SEP +
      "\\d{3}(?:" + SEP + "\\d\\d)?(?![\\w])", "gi"), "[NIR masqué]"],
    [new RegExp("(?:\\+\\s?33\\s?(?:\\(0\\))?[\\s.\\-]?|0033[\\s.\\-]?|\\(\\+33\\)\\s?|\\b0)[1-9](?:" + SEP + "\\d\\d){4}(?!\\d)", "g"),
      "[téléphone masqué]"],
    [/\d(?:[\s.\-]?\d){8,}/g, "[numéro masqué]"]
  ];

  function maskPersonalData(text) {
    return MASKS.reduce(function (out, m) { return out.replace(m[0], m[1]); }, text);
  }

  function proposeUrl(query) {
    if (!propose) return null;
    var masked = maskPersonalData(query.trim());
    var description = "Recherche sans résultat dans la base : « " + masked + " »\n\n" + (propose.description || "");
    return propose.url + "?issuable_template=" + encodeURIComponent(propose.template) +
      "&issue%5Btitle%5D=" + encodeURIComponent(masked) +
      "&issue%5Bdescription%5D=" + encodeURIComponent(description);
  }

  /* ------------------------------------------------------------ page */

  function siteUrl(location) {
    var el = document.getElementById("__config");
    var base = ".";
    try { base = JSON.parse(el.textContent).base || "."; } catch (e) { /* keep "." */ }
    var root = new URL(base.replace(/\/?$/, "/"), window.location.href);
    return new URL(location, root).href;
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  function clear(result) {
    result.querySelectorAll(".kb-search-correction, .kb-search-fallback").forEach(function (el) { el.remove(); });
  }

  function render(data) {
    var result = document.querySelector(".md-search-result");
    var input = document.querySelector("input.md-search__input");
    if (!result) return;
    clear(result);
    var kb = data && data.kb;
    if (!kb || !input || input.value.trim() === "") return;
    var meta = result.querySelector(".md-search-result__meta");
    if (kb.corrected) {
      var note = element("p", "kb-search-correction", "Résultats pour ");
      note.setAttribute("role", "status");
      kb.corrected.forEach(function (p) {
        note.appendChild(p.fixed ? element("em", "", p.text) : document.createTextNode(p.text));
      });
      result.insertBefore(note, meta);
    }
    if (data.items && data.items.length) return;
    var box = element("div", "kb-search-fallback");
    var near = kb.near || [];
    if (near.length) {
      box.appendChild(element("p", "kb-search-fallback__title", "Réponses proches :"));
      var list = element("ul", "kb-search-fallback__list");
      near.forEach(function (doc) {
        var a = element("a", "kb-search-suggestion", String(doc.title));
        a.href = siteUrl(String(doc.location));
        var li = element("li");
        li.appendChild(a);
        list.appendChild(li);
      });
      box.appendChild(list);
    }
    var url = proposeUrl(String(kb.query || ""));
    if (url) {
      var p = element("p", "kb-search-fallback__propose", "La base n’a pas encore cette réponse ? ");
      var link = element("a", "kb-search-propose", "Proposer cette question");
      link.href = url;
      link.rel = "noopener";
      p.appendChild(link);
      box.appendChild(p);
    }
    if (box.childNodes.length) result.appendChild(box);
  }

  document.addEventListener("input", function (ev) {
    var t = ev.target;
    if (t && t.matches && t.matches("input.md-search__input") && t.value.trim() === "") {
      var result = document.querySelector(".md-search-result");
      if (result) clear(result);
    }
  }, true);

  /* ------------------------------------------------------------ the worker, wrapped */

  /* Material's worker is replaced by ours (assets/kb-search-worker.js): the same URL with
     Material's file swapped for ours, so that the offline copy's iframe-worker bootstrap
     keeps the hash its page allows (kb_tools/site/csp.py, own_worker_url: the same
     substitution). */
  var MATERIAL_WORKER = /javascripts\/workers\/search\.\w+\.min\.js/;
  var SCRIPT = document.currentScript && document.currentScript.src;   // …/assets/kb-search.js

  /* Online, the worker starts now and fetches the index (its answers, then their sections)
     while the page loads, and indexes it on arrival: the page's thread, busy with the theme
     at that moment, neither downloads nor parses it. */
  var early = null;
  if (SCRIPT && /^https?:$/.test(window.location.protocol)) {
    try {
      var booted = new Base(new URL("kb-search-worker.js", SCRIPT).href);
      Base.prototype.postMessage.call(booted, { type: LOAD, data: new URL("../" + DATA, SCRIPT).href });
      early = wrap(booted);
    } catch (e) {
      early = null;
    }
  }

  function setupMessage(message) {
    var config = message.data.config;
    propose = config.kb.propose || null;
    if (SCRIPT && config.kb.data) {
      var kb = Object.assign({}, config.kb, {
        data_url: new URL("../" + DATA, SCRIPT).href,
        sections_url: new URL("../" + SECTIONS, SCRIPT).href
      });
      return { type: SETUP, data: Object.assign({}, message.data, { config: Object.assign({}, config, { kb: kb }) }) };
    }
    return message;
  }

  function wrap(worker) {
    var post = worker.postMessage.bind(worker);
    worker.postMessage = function (message) {
      try {
        if (message && message.type === SETUP && message.data && message.data.config && message.data.config.kb) {
          message = setupMessage(message);
        }
      } catch (e) {
        if (window.console) console.warn("kb-search:", e);
      }
      return post(message);
    };
    worker.addEventListener("message", function (ev) {
      if (ev.data && ev.data.type === RESULT) {
        var data = ev.data.data;
        setTimeout(function () { render(data); }, 0);
      } else if (ev.data && ev.data.type === COMPLETE) {
        api.complete = true;   // every answer's sections are searchable (tests wait for it)
      }
    });
    return worker;
  }

  function KbWorker(url, options) {
    var own = (typeof url === "string" || url instanceof URL) && MATERIAL_WORKER.test(String(url));
    if (own && early) {
      var worker = early;
      early = null;
      return worker;
    }
    if (own) url = String(url).replace(MATERIAL_WORKER, "kb-search-worker.js");
    return wrap(options === undefined ? new Base(url) : new Base(url, options));
  }
  KbWorker.prototype = Base.prototype;
  window.Worker = KbWorker;

  api.maskPersonalData = maskPersonalData;
  window.kbSearch = api;
})();
