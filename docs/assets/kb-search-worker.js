/* The site's search worker, in place of Material's (its search box and result list are kept).
 *
 * Why: Material's worker builds a lunr index in the browser from search/search_index.json
 * before the first query can run. At 3,700 answers (22,000 entries with the answers'
 * sections) that build took 7 to 9 s on a loopback link, before any network delay: the
 * agent waits for the first result while a citizen waits at the counter. This worker
 * builds a plain inverted index from the same file in a fraction of that time (no lunr
 * TokenSet, no per-token pipeline), and ranks as Material's did, so the boosts of
 * kb_tools/site/search.py keep their meaning:
 *
 * - the same fields and boosts (config.fields), the same word separator
 *   (config.separator), French stop words left out of the index (config.pipeline);
 * - every query word is a prefix (Material appends * to each), accents ignored on both
 *   sides (« etat » finds « État »); "+word" is required, "-word" excluded, a quoted
 *   phrase requires all its words;
 * - lunr's score: per field, BM25 (k1 = 1.2; b = 0.75 for titles, 0 elsewhere, so a short
 *   title that holds the words beats a long one) and idf over the entries, the query
 *   vector normalised by its length (a prefix that expands to many words weighs each of
 *   them less); then Material's boost: × (1 + (article + share of the query's words
 *   found)²), and × (1 + 3 × (share of the title the query covers)²);
 * - beyond lunr: a query word of 5 letters or more also finds its family (same light
 *   French stem: « créer » finds « création », « déménager » « déménagement ») at 0.3 of
 *   its weight (the word typed weighs more than its family, other things equal);
 * - results grouped by answer (its sections under it), title, text and tags with the
 *   query's words in <mark>, the text cut to the paragraphs that hold them (two at
 *   most), the missing words in ``terms``, and a completion of the last word (``suggest``).
 *
 * It speaks Material's worker protocol (SETUP -> READY, QUERY -> RESULT), so
 * assets/kb-search.js (which also corrects typos on the way) only swaps the worker URL.
 * The text it shows comes from the index, sanitized at build time
 * (kb_tools/site/sanitize.py); the only markup it adds is <mark> around words of text
 * nodes, never inside a tag or an entity.
 */
(function () {
  "use strict";

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var K1 = 1.2;
  var B_TITLE = 0.75;      // lunr's length normalisation, for titles only: « Naturalisation » before « Naturalisation : quels documents… »
  var TITLE_ALL = 3;       // an answer whose title the query covers scores up to (1 + TITLE_ALL) times more
  var MAX_BLOCKS = 2;
  var MIN_STEMMED = 5;     // shorter query words are not widened to their family
  var STEM_WEIGHT = 0.3;   // a word of the family weighs this much of the word typed
  var SUFFIXES = ("issements issement ements ement ations ation itions ition atrices atrice ateurs ateur " +
    "trices trice teurs teur euses euse eurs eur ees ee ues ue ies ie er ez ir ire re es e u i").split(" ")
    .sort(function (a, b) { return b.length - a.length; });   // the longest ending first
  var MARKED_GROUPS = 60;  // answers whose words are put in <mark> (the list shows 10, then 4 per scroll)
  var STOP_WORDS = new Set((
    "ai aie aient aies ait as au aura aurai auraient aurais aurait auras aurez auriez aurions aurons " +
    "auront aux avaient avais avait avec avez aviez avions avons ayant ayez ayons c ce ceci cela ces cet " +
    "cette d dans de des du elle en es est et eu eue eues eurent eus eusse eussent eusses eussiez " +
    "eussions eut eux eumes eut eutes furent fus fusse fussent fusses fussiez fussions fut fumes fut " +
    "futes ici il ils j je l la le les leur leurs lui m ma mais me mes moi mon meme n ne nos notre nous " +
    "on ont ou par pas pour qu que quel quelle quelles quels qui s sa sans se sera serai seraient serais " +
    "serait seras serez seriez serions serons seront ses soi soient sois soit sommes son sont soyez " +
    "soyons suis sur t ta te tes toi ton tu un une vos votre vous y a etaient etais etait etant etiez " +
    "etions ete etee etees etes etes"
  ).split(" "));
  var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: " " };

  function fold(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  }

  function decode(entity) {
    if (entity.charAt(0) === "#") {
      var code = entity.charAt(1) === "x" || entity.charAt(1) === "X"
        ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : " ";
    }
    return ENTITIES[entity] || " ";
  }

  /* A word as split, folded and trimmed of what is neither a letter nor a digit at its edges. */
  function normalize(part) {
    return fold(part).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  }

  /* Where ``value`` is, or would be, in the sorted array ``sorted`` (binary search). */
  function lowerBound(sorted, value) {
    var lo = 0, hi = sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] < value) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /* The stem of a folded word: the plural, then the longest ending of SUFFIXES that leaves
     three letters or more, taken off (« creation », « creer », « crees » -> « cre »; « perdu »,
     « perdre » -> « perd »). "" for a word too short to have one. A light stemmer: it only
     widens a query word to the words of the same family, at STEM_WEIGHT. */
  function stem(term) {
    if (term.length < 4 || /\d/.test(term)) return "";
    var word = /[sx]$/.test(term) ? term.slice(0, -1) : term;
    for (var i = 0; i < SUFFIXES.length; i++) {
      var suffix = SUFFIXES[i];
      if (word.length - suffix.length >= 3 && word.slice(-suffix.length) === suffix) return word.slice(0, -suffix.length);
    }
    return word;
  }

  /* The bit of clause ``c`` in a match mask (clauses beyond the 30th share the last bit:
     searched, not told apart). */
  function clauseBit(c) {
    return 1 << Math.min(c, 29);
  }

  /* The text of an HTML fragment of the index (tags out, entities decoded). */
  function plain(html) {
    return String(html).replace(/<[^>]*>/g, " ").replace(/&(#?\w+);/g, function (m, e) { return decode(e); });
  }

  function fieldText(value) {
    if (value === undefined || value === null) return "";
    return Array.isArray(value) ? value.map(plain).join(" \n ") : plain(value);
  }

  /* ------------------------------------------------------------ index */

  function Engine(data) {
    var config = data.config || {};
    var docs = data.docs || [];
    this.options = data.options || {};
    this.separator = new RegExp(config.separator || "[\\s\\-]+");
    this.stopWords = (config.pipeline || []).indexOf("stopWordFilter") >= 0 ? STOP_WORDS : new Set();
    var fields = config.fields || { title: { boost: 1 }, text: { boost: 1 }, tags: { boost: 1 } };
    this.fields = Object.keys(fields);
    this.boosts = this.fields.map(function (f) { return (fields[f] && fields[f].boost) || 1; });
    this.b = this.fields.map(function (f) { return f === "title" ? B_TITLE : 0; });
    this.lengths = [];          // per entry and field: its number of index words
    this.lengthSums = this.fields.map(function () { return 0; });
    this.docs = [];
    this.parents = [];          // per entry: the entry of its answer (itself for an answer)
    this.articles = new Map();  // page path -> its entry
    this.ids = new Map();       // word as split, lower-cased -> term number (-1: stop word)
    this.termIds = new Map();   // term -> term number
    this.lists = [];            // per term number: postings [entry, field, tf, ...]
    this.names = [];            // per term number: the term
    this.postings = new Map();  // term -> postings
    this.add(docs);
  }

  /* Index more entries (an answer before its sections: the sections of the index come in a
     second file, see the worker section below). One map lookup per word: the build is what
     the agent waits for before the first result. */
  Engine.prototype.add = function (docs) {
    var first = this.docs.length;
    var tf = new Int32Array(1024), seen = [], ids = this.ids, lists = this.lists;
    for (var i = 0; i < docs.length; i++) {
      var n = first + i;
      this.docs.push(docs[i]);
      var path = String(docs[i].location).split("#")[0];
      var article = this.articles.get(path);
      if (article === undefined) { this.articles.set(path, n); this.parents.push(n); } else this.parents.push(article);
      for (var f = 0; f < this.fields.length; f++) {
        var text = fieldText(docs[i][this.fields[f]]);
        var length = 0;
        if (!text) { this.lengths.push(0); continue; }
        var parts = text.toLowerCase().split(this.separator);
        for (var t = 0; t < parts.length; t++) {
          var part = parts[t];
          if (!part) continue;
          var id = ids.get(part);
          if (id === undefined) {
            var term = this.term(part);
            id = term ? this.termId(term) : -1;
            ids.set(part, id);
          }
          if (id < 0) continue;
          length++;
          if (id >= tf.length) { var grown = new Int32Array(tf.length * 2); grown.set(tf); tf = grown; }
          if (tf[id]++ === 0) seen.push(id);
        }
        for (var k = 0; k < seen.length; k++) {
          lists[seen[k]].push(n, f, tf[seen[k]]);
          tf[seen[k]] = 0;
        }
        seen.length = 0;
        this.lengths.push(length);
        this.lengthSums[f] += length;
      }
    }
    this.terms = null;   // sorted again at the next query (expand)
    this.count = this.docs.length;
  };

  /* The index term of a word as split (accents and case folded, edges trimmed), "" for a stop word. */
  Engine.prototype.term = function (part) {
    var term = normalize(part);
    return this.stopWords.has(term) ? "" : term;
  };

  Engine.prototype.termId = function (term) {
    var id = this.termIds.get(term);
    if (id === undefined) {
      id = this.names.length;
      this.termIds.set(term, id);
      this.names.push(term);
      var list = [];
      this.lists.push(list);
      this.postings.set(term, list);
    }
    return id;
  };

  Engine.prototype.idf = function (list) {
    var entries = list.length / 3;
    return Math.log(1 + Math.abs((this.count - entries + 0.5) / (entries + 0.5)));
  };

  /* Index terms starting with ``prefix`` (the sorted terms, binary search). */
  Engine.prototype.expand = function (prefix) {
    if (prefix.length < 2) return this.postings.has(prefix) ? [prefix] : [];   // one letter: that word only
    var terms = this.terms || (this.terms = this.names.slice().sort());
    var out = [];
    for (var i = lowerBound(terms, prefix); i < terms.length && terms[i].lastIndexOf(prefix, 0) === 0; i++) out.push(terms[i]);
    return out;
  };

  /* The words of the family of a clause's word (its stem) that its prefix does not reach,
     sorted; [] when it has no stem. A stem is a prefix of its word (3 letters or more): the
     family is among the terms that start with it, so no table of every stem is built. */
  Engine.prototype.family = function (term) {
    var key = term.length >= MIN_STEMMED ? stem(term) : "";
    if (!key) return [];
    return this.expand(key).filter(function (word) {
      return word.lastIndexOf(term, 0) !== 0 && stem(word) === key;
    });
  };

  /* ------------------------------------------------------------ query */

  /* Clauses of a query, Material's way: {term, presence: 0 optional | 1 required | -1 prohibited}. */
  Engine.prototype.clauses = function (query) {
    var self = this, clauses = [];
    var text = String(query).trim()
      .split(/"([^"]+)"/g)
      .map(function (part, i) { return i & 1 ? part.split(/\s+/).map(function (w) { return "+" + w; }).join(" ") : part; })
      .join(" ");
    text.split(/\s+/).forEach(function (word) {
      if (!word) return;
      var presence = 0;
      if (word.charAt(0) === "+") { presence = 1; word = word.slice(1); }
      else if (word.charAt(0) === "-") { presence = -1; word = word.slice(1); }
      word = word.replace(/[~^]\d*$/, "").replace(/\*+/g, "");
      var parts = word.toLowerCase().split(self.separator);
      for (var i = 0; i < parts.length; i++) {
        var term = parts[i] ? normalize(parts[i]) : "";
        if (term) clauses.push({ term: term, presence: presence });
      }
    });
    return clauses;
  };

  /* Ranked entries for a query: {entries: [{doc, score, matched: clause bits}] best first, clauses}. */
  Engine.prototype.rank = function (query) {
    var self = this;
    var clauses = this.clauses(query);
    var fieldCount = this.fields.length;
    var weights = [];   // per field: Map term -> query weight (how many clauses expand to it)
    for (var f = 0; f < fieldCount; f++) weights.push(new Map());
    var clauseTerms = clauses.map(function (clause) {
      var terms = self.expand(clause.term), weight = terms.map(function () { return 1; });
      if (clause.presence >= 0) {
        clause.family = self.family(clause.term);
        clause.family.forEach(function (term) { terms.push(term); weight.push(STEM_WEIGHT); });
        terms.forEach(function (term, i) {
          var list = self.postings.get(term);
          var seen = 0;
          for (var p = 1; p < list.length; p += 3) {
            var bit = 1 << list[p];
            if (seen & bit) continue;
            seen |= bit;
            weights[list[p]].set(term, (weights[list[p]].get(term) || 0) + weight[i]);
          }
        });
      }
      return { terms: terms, weight: weight };
    });
    var norms = weights.map(function (w) {
      var sum = 0;
      w.forEach(function (v) { sum += v * v; });
      return Math.sqrt(sum) || 1;
    });
    var average = this.lengthSums.map(function (sum) { return sum / (self.count || 1) || 1; });
    var score = new Float64Array(this.count), matched = new Int32Array(this.count), touched = [];
    var titleHits = new Float64Array(this.count), titleField = this.fields.indexOf("title");
    for (var c = 0; c < clauses.length; c++) {
      if (clauses[c].presence < 0) continue;
      var bit = clauseBit(c);
      var terms = clauseTerms[c].terms, weight = clauseTerms[c].weight;
      for (var i = 0; i < terms.length; i++) {
        var list = this.postings.get(terms[i]);
        var idf = this.idf(list) * weight[i];
        for (var p = 0; p < list.length; p += 3) {
          var doc = list[p], field = list[p + 1], count = list[p + 2];
          // Once per clause: a term two clauses expand to weighs 2 in lunr's query vector.
          var b = this.b[field];
          var k = b ? K1 * (1 - b + b * this.lengths[doc * fieldCount + field] / average[field]) : K1;
          score[doc] += idf * this.boosts[field] * (K1 + 1) * count / (k + count) * (this.docs[doc].boost || 1) / norms[field];
          if (matched[doc] === 0) touched.push(doc);
          matched[doc] |= bit;
          if (field === titleField) titleHits[doc] += 1;
        }
      }
    }
    var requiredMask = 0, prohibited = new Uint8Array(this.count);
    clauses.forEach(function (clause, c) {
      if (clause.presence > 0) requiredMask |= clauseBit(c);
      if (clause.presence < 0) clauseTerms[c].terms.forEach(function (term) {
        var list = self.postings.get(term);
        for (var p = 0; p < list.length; p += 3) prohibited[list[p]] = 1;
      });
    });
    var out = [];
    for (var t = 0; t < touched.length; t++) {
      var d = touched[t];
      if (prohibited[d] || (matched[d] & requiredMask) !== requiredMask) continue;
      var found = 0, asked = 0;
      for (var k = 0; k < clauses.length; k++) {
        if (clauses[k].presence < 0) continue;
        if (matched[d] & clauseBit(k)) { found++; asked++; } else if (!self.stopWords.has(clauses[k].term)) asked++;
      }
      var boost = (self.parents[d] === d ? 1 : 0) + (asked ? found / asked : 0);
      var length = titleField >= 0 ? self.lengths[d * fieldCount + titleField] : 0;
      var title = length ? Math.min(1, titleHits[d] / length) : 0;
      out.push({ doc: d, score: score[d] * (1 + boost * boost) * (1 + TITLE_ALL * title * title), matched: matched[d] });
    }
    out.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    return { entries: out, clauses: clauses };
  };

  /* ------------------------------------------------------------ result */

  /* ``html`` with the words starting with one of ``prefixes`` (folded) in <mark>; text nodes
     only: a tag or an entity is copied as it is. */
  function mark(html, prefixes) {
    var found = false;
    var out = String(html).replace(/(<[^>]*>)|(&#?\w+;)|([\p{L}\p{N}]+)/gu, function (m, tag, entity, word) {
      if (tag || entity) return m;
      var folded = fold(word);
      for (var i = 0; i < prefixes.length; i++) {
        if (folded.lastIndexOf(prefixes[i], 0) === 0) { found = true; return "<mark>" + m + "</mark>"; }
      }
      return m;
    });
    return { html: out, found: found };
  }

  /* The text of a result: its paragraphs that hold a query word (MAX_BLOCKS at most), marked;
     all of it when none does. */
  function markText(html, prefixes) {
    var blocks = String(html).match(/<p>[\s\S]*?<\/p>|[^<]+(?=<p>|$)/g);
    if (!blocks) return mark(html, prefixes).html;
    var kept = [];
    for (var i = 0; i < blocks.length && kept.length < MAX_BLOCKS; i++) {
      var m = mark(blocks[i], prefixes);
      if (m.found) kept.push(m.html);
    }
    return kept.length ? kept.join("") : html;
  }

  Engine.prototype.item = function (entry, clauses, marked) {
    var doc = this.docs[entry.doc];
    var terms = {}, prefixes = [];
    for (var c = 0; c < clauses.length; c++) {
      var clause = clauses[c];
      if (clause.presence < 0) continue;
      if (entry.matched & clauseBit(c)) {
        terms[clause.term] = true;
        prefixes.push(clause.term);
        if (clause.family) prefixes.push.apply(prefixes, clause.family);
      }
      else if (!this.stopWords.has(clause.term) && !(clause.term in terms)) terms[clause.term] = false;
    }
    var item = { location: doc.location, title: doc.title, text: doc.text || "", score: entry.score, terms: terms };
    if (doc.tags) item.tags = doc.tags.slice();
    if (marked && prefixes.length) {
      item.title = mark(doc.title, prefixes).html;
      if (item.text) item.text = markText(item.text, prefixes);
      if (item.tags) item.tags = item.tags.map(function (tag) { return mark(tag, prefixes).html; });
    }
    return item;
  };

  /* Completion of the query's words from the best title that has them all (Material's suggest). */
  Engine.prototype.suggest = function (ranked) {
    var clauses = ranked.clauses.filter(function (c) { return c.presence >= 0; });
    if (!clauses.length) return [];
    for (var i = 0; i < ranked.entries.length && i < 50; i++) {
      var words = plain(this.docs[ranked.entries[i].doc].title).toLowerCase().split(this.separator).filter(Boolean);
      var out = [];
      for (var c = 0; c < clauses.length; c++) {
        var word = null;
        for (var w = 0; w < words.length && word === null; w++) {
          if (fold(words[w]).lastIndexOf(clauses[c].term, 0) === 0) word = words[w];
        }
        if (word === null) break;
        out.push(word);
      }
      if (out.length === clauses.length) return out;
    }
    return [];
  };

  /* Material's result: entries grouped by answer, the answer first when it matched. */
  Engine.prototype.search = function (query) {
    var ranked = this.rank(query);
    var groups = new Map();
    for (var i = 0; i < ranked.entries.length; i++) {
      var entry = ranked.entries[i];
      var parent = this.parents[entry.doc];
      var group = groups.get(parent);
      if (group === undefined) groups.set(parent, group = []);
      group.push(this.item(entry, ranked.clauses, groups.size <= MARKED_GROUPS));
    }
    var self = this;
    groups.forEach(function (group, parent) {
      var location = self.docs[parent].location;
      if (!group.some(function (item) { return item.location === location; })) {
        var doc = self.docs[parent];
        var article = { location: doc.location, title: doc.title, text: doc.text || "", score: 0, terms: {} };
        if (doc.tags) article.tags = doc.tags.slice();
        group.push(article);
      }
    });
    var result = { items: Array.from(groups.values()) };
    if (this.options.suggest) result.suggest = this.suggest(ranked);
    return result;
  };

  /* ------------------------------------------------------------ typos (the base's own words)
   *
   * Each query word is checked against the base's vocabulary (config.kb.words, written by
   * kb_tools/site/search_deep.py, best-ranked word first): a word of 5 letters or more that
   * is not the base's own (nor a prefix of one of its words: the agent is typing) becomes
   * the closest word of the vocabulary, one edit away (two from 9 letters; a transposition
   * is one edit), best-ranked first. A word the base knows is never corrected, so exact
   * matches always come first. kb_tools/site/search_deep.py (correct_word) has the same
   * algorithm in Python, for the tests.
   */

  var MIN_WORD = 4;
  var ENDINGS = ["s", "x", "e", "es"];
  var vocab = null;      // {words, keys: Map folded -> rank, sorted: folded keys sorted, byLength}
  var docs = [];         // answer entries of the index (location, title, tags): closest answers
  var topics = null;     // Map folded tag word -> indexes into docs (built at the first empty result)

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
  }

  function hasPrefix(sorted, prefix) {
    var at = lowerBound(sorted, prefix);
    return at < sorted.length && sorted[at].lastIndexOf(prefix, 0) === 0;
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

  /* ------------------------------------------------------------ closest answers (zero result) */

  function buildTopics() {
    topics = new Map();
    docs.forEach(function (doc, i) {
      (doc.tags || []).forEach(function (tag) {
        (fold(plain(tag)).match(/\p{L}+/gu) || []).forEach(function (word) {
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
    var words = (fold(query).match(/\p{L}+/gu) || []).filter(function (w) { return w.length >= 4; });
    if (!docs.length || !words.length) return [];   // Material's empty query on READY: nothing to build
    if (!topics) buildTopics();
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

  /* ------------------------------------------------------------ worker
   *
   * Messages: Material's SETUP, QUERY (answered in order) and, before them, LOAD from
   * assets/kb-search.js, which starts this worker as soon as the page's head is read, with
   * the URL of search/kb-index.json (the answers' entries, the vocabulary: enough for a
   * first result): the worker downloads and indexes it while the page loads. Once
   * ready, the worker fetches search/kb-index-sections.json (the answers' sections) and
   * adds it to the index in chunks, between queries (a query typed meanwhile waits for one
   * chunk, not for them all): a word found only in « Cas particuliers » is found a moment
   * later. Once every chunk is in, the last query answered before is answered again if the
   * sections change what it shows, and COMPLETE tells the page. Material's SETUP carries the small search/search_index.json only.
   * From file:// (the offline copy) there is no LOAD:
   * SETUP carries the whole index (Material reads it from search/search_index.js).
   */

  var LOAD = "kb-load", COMPLETE = "kb-complete";
  var ADD_CHUNK = 1000;   // section entries indexed per turn
  var engine = null;
  var loading = null;   // Promise of the index (its answers), from LOAD
  var indexed = null;   // … once indexed: on arrival, while the page still loads, not at SETUP
  var more = null;      // Promise of the sections' entries
  var built = null;     // resolve() once the engine exists
  var ready = new Promise(function (resolve) { built = resolve; });
  var queue = Promise.resolve();
  var complete = false;   // every entry indexed (the sections too)
  var partial = null;     // {text, reply}: the last query answered before that

  function fetchIndex(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status + " for " + url);
      return response.json();
    });
  }

  /* LOAD: the index's URL, from the page as soon as its head is read; fetched here and
     indexed on arrival, ahead of the queue: Material's SETUP comes once its bundle has run
     and only waits for what is left of that. The sections (fetched once the answers are
     indexed) are added in chunks, between queries. */
  function load(url) {
    if (loading) return;
    loading = fetchIndex(String(url));
    indexed = loading.then(install);
  }

  function loadMore(data) {
    if (more) return;
    more = fetchIndex(String(data));
    Promise.all([ready, more]).then(function (both) {
      addChunks(both[1].docs || [], 0);
    }, function (err) {
      console.warn("kb-search-worker: sections not loaded:", err);
      queue = queue.then(completed);
    });
  }

  /* Index ``entries`` from ``start`` in chunks, one turn of the queue each. The next chunk
     joins the queue only once this one is done (after a timer, so that messages waiting
     get in first): a query typed meanwhile waits for one chunk at most, not for them all. */
  function addChunks(entries, start) {
    if (start >= entries.length) {
      queue = queue.then(completed);
      return;
    }
    queue = queue.then(function () {
      engine.add(entries.slice(start, start + ADD_CHUNK));
      setTimeout(function () { addChunks(entries, start + ADD_CHUNK); }, 0);
    });
  }

  /* The engine of an index (its answers), and what the corrections and the closest answers
     need. Material's search options (SETUP) are only read by queries. */
  function install(full) {
    var config = full.config || {};
    engine = new Engine({ config: config, docs: full.docs || [] });
    setupVocabulary(config.kb || {});
    docs = (full.docs || []).filter(function (d) {
      return d && d.tags && d.tags.length && String(d.location).indexOf("#") < 0;
    });
    topics = null;
  }

  function setup(data) {
    var kb = (data.config && data.config.kb) || {};
    var again = function () { return fetchIndex(kb.data_url).then(install); };   // the early fetch failed, or none
    var index = data.docs && data.docs.length || !kb.data_url ? Promise.resolve(data).then(install)
      : indexed ? indexed.catch(again) : again();
    return index.catch(function (err) {
      console.warn("kb-search-worker: index not loaded:", err);
      engine = new Engine({ config: data.config || {}, docs: [] });
    }).then(function () {
      engine.options = data.options || {};
      built();
      if (kb.sections_url && !(data.docs && data.docs.length)) loadMore(kb.sections_url);
      else queue = queue.then(completed);
      return { type: READY };
    });
  }

  /* What an answer shows, to tell whether the complete index changed it. */
  function shown(reply) {
    var data = reply.data, kb = data.kb || {};
    return JSON.stringify([data.items.map(function (group) {
      return group.map(function (item) { return item.location; });
    }), kb.corrected, (kb.near || []).map(function (doc) { return doc.location; })]);
  }

  /* Every entry is indexed: the last query answered before that is answered again if the
     sections change what it shows (Material renders each RESULT), and the page is told
     (assets/kb-search.js: window.kbSearch.complete). */
  function completed() {
    complete = true;
    var last = partial;
    partial = null;
    try {
      var reply = last && query(last.text);
      if (reply && shown(reply) !== shown(last.reply)) postMessage(reply);
    } catch (err) {
      console.warn("kb-search-worker:", err);
    }
    postMessage({ type: COMPLETE });
  }

  function query(text) {
    if (!engine) return { type: RESULT, data: { items: [] } };
    var corrected = vocab ? correctQuery(text) : null;
    var result = engine.search(corrected ? corrected.query : text);
    var kb = { query: text, corrected: corrected && corrected.shown ? corrected.parts : null };
    if (!result.items.length) {
      kb.near = closestAnswers(text, 5).map(function (doc) { return { location: doc.location, title: plain(doc.title) }; });
    }
    result.kb = kb;
    var reply = { type: RESULT, data: result };
    partial = complete ? null : { text: text, reply: reply };
    return reply;
  }

  function handle(message) {
    switch (message && message.type) {
      case LOAD:
        load(message.data);
        return null;
      case SETUP:
        return setup(message.data || {});
      case QUERY:
        try {
          return query(String(message.data));
        } catch (err) {
          console.warn("kb-search-worker: query « " + message.data + " »:", err);
          return { type: RESULT, data: { items: [] } };
        }
      default:
        throw new TypeError("kb-search-worker: unknown message type");
    }
  }

  addEventListener("message", function (ev) {
    var message = ev.data;
    if (message && message.type === LOAD) return handle(message);
    queue = queue.then(function () { return handle(message); }).then(function (reply) {
      if (reply) postMessage(reply);
    }, function (err) { console.warn("kb-search-worker:", err); });
  });
})();
