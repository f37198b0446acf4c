/* Search that never leaves an agent empty-handed (Material's search box and worker, kept).
 *
 * Loaded in the <head> (overrides/main.html), before Material's bundle creates its
 * search worker: window.Worker is wrapped (the iframe-worker shim of the offline copy
 * included, which the theme loads earlier), so that on the way to the worker
 *
 * - the SETUP message gives us the vocabulary of the base (config.kb of the index,
 *   written by kb_tools/site/search_deep.py), removed before the worker sees it;
 * - each QUERY is corrected word by word: a word of 5 letters or more that is not
 *   the base's own (nor a prefix of one of its words: the agent is typing) becomes
 *   the closest word of the vocabulary, one edit away (two from 9 letters; a
 *   transposition is one edit), best-ranked word first. A word the base knows is
 *   never corrected, so exact matches always come first;
 *
 * and on the way back (RESULT), the page shows « Résultats pour <em>passeport</em> »
 * above the results, and for a query with no result the closest answers by tag,
 * service or synonym plus a « Proposer cette question » link to GitLab's "nouvelle
 * question d'usager" template, prefilled with the query once personal data (NIR,
 * e-mail, phone, IBAN) is masked. kb_tools/site/search_deep.py has the same
 * correction in Python (correct_word), for the tests.
 */
(function () {
  "use strict";

  var Base = window.Worker;
  if (typeof Base !== "function") return;

  var SETUP = 0, QUERY = 2, RESULT = 3;
  var MIN_WORD = 4;
  var ENDINGS = ["s", "x", "e", "es"];
  var vocab = null;      // {words, keys: Map folded -> rank, sorted: folded keys sorted, byLength}
  var docs = [];         // answer entries of the index (location, title, tags)
  var propose = null;    // {url, template, description}
  var topics = null;     // Map folded tag word -> indexes into docs (lazily built)
  var last = null;       // {query, corrected: {query, parts} | null}

  function fold(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  }

  /* ------------------------------------------------------------ vocabulary */

  function setupVocabulary(kb) {
    var words = String(kb.words || "").split(" ").filter(Boolean);
    var keys = new Map();
    var byLength = [];
    words.forEach(function (word, rank) {
      var key = fold(word);
      if (keys.has(key)) return;
      keys.set(key, rank);
      (byLength[key.length] = byLength[key.length] || []).push(key);
    });
    vocab = { words: words, keys: keys, sorted: Array.from(keys.keys()).sort(), byLength: byLength };
    propose = kb.propose || null;
  }

  function hasPrefix(sorted, prefix) {
    var lo = 0, hi = sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] < prefix) lo = mid + 1; else hi = mid;
    }
    return lo < sorted.length && sorted[lo].lastIndexOf(prefix, 0) === 0;
  }

  function known(word) {
    if (vocab.keys.has(word)) return true;
    for (var i = 0; i < ENDINGS.length; i++) {
      var e = ENDINGS[i];
      if (word.length > e.length && word.slice(-e.length) === e && vocab.keys.has(word.slice(0, -e.length))) return true;
    }
    return hasPrefix(vocab.sorted, word);
  }

  function allowedEdits(word) {
    return word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0;
  }

  /* Optimal string alignment distance; limit + 1 once above limit. */
  function damerau(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var prev2 = [], prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prev2[j - 2] + 1);
        cur.push(value);
        if (value < best) best = value;
      }
      if (best > limit) return limit + 1;
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length] <= limit ? prev[b.length] : limit + 1;
  }

  /* The word to search instead of ``word``: {text, shown} (shown: a typo corrected, not only
     accents put back on a word typed without them, which lunr needs), or null. */
  function correctWord(word) {
    var typed = fold(word);
    var edits = allowedEdits(typed);
    if (vocab.keys.has(typed)) {
      var spelling = vocab.words[vocab.keys.get(typed)];
      return typed === word.toLowerCase() && spelling !== typed ? { text: spelling, shown: false } : null;
    }
    if (!edits || !/^\p{L}+$/u.test(typed) || known(typed)) return null;
    var best = null, found = null;
    for (var n = Math.max(MIN_WORD, typed.length - edits); n <= typed.length + edits; n++) {
      var keys = vocab.byLength[n] || [];
      for (var k = 0; k < keys.length; k++) {
        var d = damerau(typed, keys[k], edits);
        if (d > edits) continue;
        var rank = vocab.keys.get(keys[k]);
        if (best === null || d < best[0] || (d === best[0] && rank < best[1])) {
          best = [d, rank];
          found = vocab.words[rank];
        }
      }
    }
    return found === null ? null : { text: found, shown: true };
  }

  /* The query with its unknown words corrected, and its parts for display; null if nothing changed. */
  function correctQuery(query) {
    if (!vocab) return null;
    var parts = [], changed = false, at = 0;
    query.replace(/\p{L}+/gu, function (word, offset) {
      var start = query.lastIndexOf(" ", offset) + 1, end = query.indexOf(" ", offset);
      var token = query.slice(start, end < 0 ? query.length : end);
      var fixed = /[\d@]/.test(token) ? null : correctWord(word);  // an address or a number: as typed
      if (offset > at) parts.push({ text: query.slice(at, offset) });
      parts.push({ text: fixed ? fixed.text : word, fixed: !!(fixed && fixed.shown) });
      if (fixed) changed = true;
      at = offset + word.length;
      return word;
    });
    if (!changed) return null;
    if (at < query.length) parts.push({ text: query.slice(at) });
    return {
      query: parts.map(function (p) { return p.text; }).join(""),
      parts: parts,
      shown: parts.some(function (p) { return p.fixed; })
    };
  }

  /* ------------------------------------------------------------ closest answers */

  function plainText(html) {
    return new DOMParser().parseFromString(String(html), "text/html").body.textContent || "";
  }

  function buildTopics() {
    topics = new Map();
    docs.forEach(function (doc, i) {
      (doc.tags || []).forEach(function (tag) {
        (fold(plainText(tag)).match(/\p{L}+/gu) || []).forEach(function (word) {
          if (word.length < 4) return;
          var list = topics.get(word);
          if (!list) topics.set(word, list = []);
          if (list[list.length - 1] !== i) list.push(i);
        });
      });
    });
  }

  function sharedPrefix(a, b) {
    var n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  }

  /* Answers whose tags, service or synonyms are closest to the query's words, best first. */
  function closestAnswers(query, limit) {
    if (!docs.length) return [];
    if (!topics) buildTopics();
    var words = (fold(query).match(/\p{L}+/gu) || []).filter(function (w) { return w.length >= 4; });
    var scores = new Map();
    words.forEach(function (word) {
      var hit = new Map();
      topics.forEach(function (list, topic) {
        var score = 0;
        if (topic === word) score = 3;
        else if (word.length >= 5 && damerau(word, topic, 2) <= 2) score = 2;
        else if (sharedPrefix(word, topic) >= Math.min(5, word.length)) score = 1;
        if (!score) return;
        list.forEach(function (i) { hit.set(i, Math.max(hit.get(i) || 0, score)); });
      });
      hit.forEach(function (score, i) { scores.set(i, (scores.get(i) || 0) + score); });
    });
    return Array.from(scores.entries())
      .sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; })
      .slice(0, limit)
      .map(function (e) { return docs[e[0]]; });
  }

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
    if (!result || !last) return;
    clear(result);
    if (!input || input.value.trim() === "") return;
    var meta = result.querySelector(".md-search-result__meta");
    if (last.corrected && last.corrected.shown) {
      var note = element("p", "kb-search-correction", "Résultats pour ");
      note.setAttribute("role", "status");
      last.corrected.parts.forEach(function (p) {
        note.appendChild(p.fixed ? element("em", "", p.text) : document.createTextNode(p.text));
      });
      result.insertBefore(note, meta);
    }
    if (data && data.items && data.items.length) return;
    var box = element("div", "kb-search-fallback");
    var near = closestAnswers(last.query, 5);
    if (near.length) {
      box.appendChild(element("p", "kb-search-fallback__title", "Réponses proches :"));
      var list = element("ul", "kb-search-fallback__list");
      near.forEach(function (doc) {
        var a = element("a", "kb-search-suggestion", plainText(doc.title));
        a.href = siteUrl(doc.location);
        var li = element("li");
        li.appendChild(a);
        list.appendChild(li);
      });
      box.appendChild(list);
    }
    var url = proposeUrl(last.query);
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
      last = null;
    }
  }, true);

  /* ------------------------------------------------------------ the worker, wrapped */

  function setup(message) {
    var config = message.data.config;
    setupVocabulary(config.kb);
    docs = (message.data.docs || []).filter(function (d) {
      return d && d.tags && d.tags.length && String(d.location).indexOf("#") < 0;
    });
    topics = null;
    var rest = {};
    Object.keys(config).forEach(function (k) { if (k !== "kb") rest[k] = config[k]; });
    return { type: SETUP, data: Object.assign({}, message.data, { config: rest }) };
  }

  function KbWorker(url, options) {
    var worker = options === undefined ? new Base(url) : new Base(url, options);
    var post = worker.postMessage.bind(worker);
    worker.postMessage = function (message) {
      try {
        if (message && message.type === SETUP && message.data && message.data.config && message.data.config.kb) {
          message = setup(message);
        } else if (message && message.type === QUERY && typeof message.data === "string") {
          var corrected = correctQuery(message.data);
          last = { query: message.data, corrected: corrected };
          if (corrected) message = { type: QUERY, data: corrected.query };
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
      }
    });
    return worker;
  }
  KbWorker.prototype = Base.prototype;
  window.Worker = KbWorker;

  window.kbSearch = { correctQuery: correctQuery, maskPersonalData: maskPersonalData, damerau: damerau };
})();
