/* The search page: Pagefind's index, Swedish query handling, ranking and result cards.
 *
 * Served by the site itself from sok/; loads ../pagefind/pagefind.js (the index in chunks)
 * and, for each query word, the site's words that begin with its first two letters
 * (ordlista/va.json, listed in ordlista/index.json, written by vocabulary.py). A word the
 * site has, or an inflection of one, is searched as typed (a compound on a single page also
 * as its parts). Any other word is, in this order: read with aa, ae, oe as å, ä, ö
 * ("vaardplanering"); corrected by one letter dropped, added, swapped or wrong
 * ("utskrivnig"); split into words the site has ("sipmöte" → "sip möte"); corrected by two
 * letters when it is long. Among corrections the word used on most pages wins. A slip in the
 * second letter ("lkemedel") is found in the files by first and third letter
 * (ordlista/l-k.json), fetched only when the word's own files have nothing near. Each part of
 * a hyphenated word is read on its own ("sip-möet" → "sip-möte"). A corrected query is said
 * on the page, with a link that searches exactly what was typed (&exakt=1). A word that
 * nothing above explains and that does not begin like a word of the site ("asdfgh"), and a
 * query of stop words alone, match no page: the reader sees "Inga träffar" and the spelling help.
 * Nothing is fetched from other hosts.
 *
 * Ranking: each query word (or its parts) is searched on its own; a page's score is the sum
 * of its scores, times the share of words it matched (squared), times its rank factor (in
 * force 1, role pages 0.5, drafts 0.45, expired and withdrawn 0.3), so a page that answers
 * every word of a question comes first, and what applies now comes before the archive.
 * Pagefind matches every word as a prefix as well; an abbreviation typed with capitals
 * ("SoL", "LPT") finds only pages with the whole word, not "Solvik".
 *
 * Contract for tests and other pages: the results list #sv-results gets data-state="done"
 * when the results for q are shown (also when there are none); each <li> is one result and
 * its first link goes to the result's page.
 */
(function () {
  "use strict";

  const PAGE_SIZE = 10;
  const FIRST_CARDS = 5;
  const MARKER = "⁂";
  const RANK_FACTORS = { "1": 1, "2": 0.5, "3": 0.5, "4": 0.45, "5": 0.3 };
  const FILTERS = ["typ", "omrade", "part", "status"];
  // Words that carry no meaning on their own in a question ("vem ansvarar för …").
  const STOP = new Set((
    "och i att det som på är av för med till den har de inte om ett en var jag han hon hen " +
    "vi ni man kan ska skall vill får måste bör när vad vem vilka vilken vilket hur var varför " +
    "där här efter från vid hos mot under över eller men så nu då också bara alla sin sina sitt " +
    "mitt min mina vår våra er era deras dess detta denna dessa något några finns gör göra görs " +
    "blir bli eftersom innan sedan utan mellan samt the"
  ).split(" "));

  const FILTER_LABELS = { typ: "Typ", omrade: "Område", part: "Gäller för", status: "Status" };
  const form = document.querySelector("form.sv-search");
  const input = document.getElementById("sv-q");
  const list = document.getElementById("sv-results");
  const status = document.getElementById("sv-search-status");
  if (!form || !input || !list || !status) return;

  // What the page's HTML policy keeps out of the Markdown is added here: the live region,
  // the list's state, the filters and the "more" button.
  const note = document.createElement("p");
  note.id = "sv-correction";
  note.className = "sv-search__correction";
  note.hidden = true;
  status.before(note);
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  status.textContent = "Skriv ett eller flera ord och tryck på Sök.";
  list.setAttribute("aria-label", "Sökresultat");
  list.setAttribute("data-state", "idle");
  const more = document.createElement("button");
  more.type = "button";
  more.id = "sv-more";
  more.className = "md-button sv-search__more";
  more.textContent = "Visa fler träffar";
  more.hidden = true;
  (document.getElementById("sv-search-more") || list.parentNode).appendChild(more);
  const fieldset = document.createElement("fieldset");
  fieldset.className = "sv-search__filters";
  fieldset.innerHTML = "<legend>Visa bara</legend>" + FILTERS.map((key) =>
    '<div class="sv-search__filter"><label for="sv-filter-' + key + '">' + FILTER_LABELS[key] + "</label>" +
    '<select id="sv-filter-' + key + '" name="' + key + '"><option value="">Alla</option></select></div>').join("");
  /* On a phone the four filters would push the first result below the fold: there they sit
     in a <details> that opens on its summary, "Visa bara … (1 valt)". On a wider screen it
     is kept open and its summary hidden, so the filters show as before. */
  const box = document.createElement("details");
  box.className = "sv-search__filter-box";
  const summary = document.createElement("summary");
  summary.className = "sv-search__filter-toggle";
  summary.textContent = "Visa bara …";
  const count = document.createElement("span");
  count.className = "sv-search__filter-count";
  summary.appendChild(count);
  box.append(summary, fieldset);
  const slot = document.getElementById("sv-search-filters");
  if (slot) slot.replaceWith(box); else form.appendChild(box);
  const narrow = window.matchMedia("(max-width: 30em)");
  const fitFilters = () => { box.open = !narrow.matches; };
  fitFilters();
  narrow.addEventListener("change", fitFilters);

  const scriptUrl = document.currentScript ? document.currentScript.src : location.href;
  const siteRoot = new URL("../", scriptUrl);
  let pagefind = null;
  let fileKeys = null;
  const wordFiles = new Map();
  let ranked = [];
  let lastTerms = [];
  let shown = 0;
  let generation = 0;

  const fold = (s) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));

  async function engine() {
    if (!pagefind) {
      pagefind = await import(new URL("pagefind/pagefind.js", siteRoot).href);
      /* noWorker: Pagefind's worker is another 40 KB before the first result, on phones and
         slow intranets too; a search of a few thousand pages takes milliseconds on the page's
         own thread. */
      await pagefind.options({ baseUrl: siteRoot.pathname, excerptLength: 30, ranking: { termSimilarity: 2.0, pageLength: 0.5 }, noWorker: true });
      await pagefind.init();
    }
    return pagefind;
  }

  /* The rank of each result, from the hidden filter "rang". Searched with the query's own
     term: a search with filters alone would download the whole index. */
  async function ranksOf(pf, term, filters, rankMap) {
    const ranks = Object.keys(RANK_FACTORS);
    const found = await Promise.all(ranks.map((rank) => pf.search(term, { filters: { ...filters, rang: rank } })));
    found.forEach((f, i) => f.results.forEach((r) => rankMap.set(r.id, ranks[i])));
  }

  /* The site's words that begin like `folded`: each folded word → its most used spelling
     and the number of pages using it, plus the folded words in order for prefix look-ups. */
  const keyLetter = (c) => (/[a-z0-9]/.test(c) ? c : "_");
  const fileKey = (folded) => [...folded.slice(0, 2)].map(keyLetter).join("");
  // The files by first and third letter (vocabulary.py) that hold what a slip in the second
  // letter hides: dropped ("lkemedel": l-k), wrong ("lökemedel": l-k), added ("lxäkemedel":
  // la) or swapped with the third ("lkäemedel": l-k).
  const secondLetterKeys = (folded) => folded.length < 3 ? [] : [...new Set([
    keyLetter(folded[0]) + "-" + keyLetter(folded[1]),
    keyLetter(folded[0]) + "-" + keyLetter(folded[2]),
    keyLetter(folded[0]) + keyLetter(folded[2]),
  ])];
  const getJson = (name, empty) => fetch(new URL("ordlista/" + name, scriptUrl))
    .then((response) => (response.ok ? response.json() : empty))
    .catch(() => empty);
  function wordFile(key) {
    if (!fileKeys) fileKeys = getJson("index.json", []).then((keys) => new Set(keys));
    if (!wordFiles.has(key)) {
      wordFiles.set(key, fileKeys
        .then((keys) => (keys.has(key) ? getJson(key + ".json", {}) : {}))
        .then((all) => {
          const byFold = new Map();
          for (const [word, pages] of Object.entries(all)) {
            const had = byFold.get(fold(word));
            // The most used spelling; between equals the one with å, ä, ö.
            if (!had || pages > had.pages || (pages === had.pages && word !== fold(word))) byFold.set(fold(word), { word, pages });
          }
          return { byFold, sorted: [...byFold.keys()].sort() };
        }));
    }
    return wordFiles.get(key);
  }

  /* The first folded word that begins with `prefix`, or undefined. */
  function firstWith(file, prefix) {
    let lo = 0;
    let hi = file.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (file.sorted[mid] < prefix) lo = mid + 1; else hi = mid;
    }
    return lo < file.sorted.length && file.sorted[lo].startsWith(prefix) ? file.sorted[lo] : undefined;
  }
  const hasPrefix = (file, prefix) => firstWith(file, prefix) !== undefined;

  /* How the site spells a folded word, or the beginning of one: "vardplanering" → "vårdplanering". */
  function spelled(file, folded) {
    const entry = file.byFold.get(folded) || file.byFold.get(firstWith(file, folded));
    return entry && entry.word.length >= folded.length ? entry.word.slice(0, folded.length) : folded;
  }

  // Endings of Swedish inflections: "kallelserna" is "kallelse" + "rna", not a misspelling.
  const ENDINGS = ["ornas", "arnas", "ernas", "arna", "erna", "orna", "heten", "ande", "ende", "ens", "ets", "ans",
    "ar", "er", "or", "en", "et", "na", "an", "s", "a", "e", "n", "t"];
  const MIN_CORRECTED = 4;
  const MIN_PART = 3;
  // A compound on this few pages is also searched as its parts ("missbruksvård": "missbruk vård").
  const FEW_PAGES = 1;
  const PART_SCORE = 0.5;

  /* A word of the site, the beginning of one, or such a word with an inflection's ending. */
  function isKnown(folded, file) {
    if (hasPrefix(file, folded)) return true;
    return ENDINGS.some((e) => folded.length - e.length >= MIN_CORRECTED && folded.endsWith(e) && hasPrefix(file, folded.slice(0, -e.length)));
  }

  // Phones and foreign keyboards: "vaardplanering", "oeverenskommelse", "skoera aeldre". Who
  // types å, ä or ö in a word has them: "möet" is a slip for "möte", not "möt".
  const digraphs = (word, folded) => (/[åäö]/iu.test(word) ? folded : folded.replace(/aa|ae/g, "a").replace(/oe/g, "o"));
  const maxEdits = (folded) => (folded.length < MIN_CORRECTED ? 0 : folded.length < 8 ? 1 : 2);

  /* Optimal string alignment distance (Damerau–Levenshtein without repeated edits of one
     letter), or max + 1 as soon as it must exceed max. */
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    let before = null;
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      let least = i;
      for (let j = 1; j <= b.length; j++) {
        let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
        row.push(d);
        if (d < least) least = d;
      }
      if (least > max) return max + 1;
      before = prev;
      prev = row;
    }
    return prev[b.length];
  }

  /* The nearest word of the site to `folded` or its reading `plain` (aa/ae/oe as å/ä/ö) in
     `files` (those of its first two letters, also read with aa/ae/oe and swapped, or of its
     first and third), fewest edits first, then most used. A word is also compared without
     its inflection's ending: the site may only have "vårdplaneringen" where the
     reader meant "vårdplanering". */
  function nearest(folded, plain, files) {
    const max = maxEdits(folded);
    // Each reading is allowed the edits of its own length: "aaaa" read as "aa" is two letters,
    // and one edit of two letters ("åsa") is no slip but another word.
    const maxPlain = maxEdits(plain);
    const within = (reading, limit, key) => { const d = distance(reading, key, limit); return d <= limit ? d : Infinity; };
    let best = null;
    const consider = (key, word, pages) => {
      if (key.length < MIN_PART) return;
      const d = Math.min(within(folded, max, key), within(plain, maxPlain, key));
      if (d <= max && (!best || d < best.d || (d === best.d && pages > best.pages))) best = { word, pages, d };
    };
    for (const file of new Set(files)) {
      for (const [key, entry] of file.byFold) {
        consider(key, entry.word, entry.pages);
        for (const e of ENDINGS) {
          if (key.endsWith(e) && key.length - e.length >= MIN_PART) consider(key.slice(0, -e.length), entry.word.slice(0, -e.length), entry.pages);
        }
      }
    }
    return best;
  }

  /* The words of every file `folded` could be split into, for split(); never `folded` itself. */
  async function partsLookup(folded) {
    const keys = [...new Set([...folded].map((_, i) => fileKey(folded.slice(i))))];
    const files = new Map(await Promise.all(keys.map(async (key) => [key, await wordFile(key)])));
    return {
      get: (part) => {
        const entry = part !== folded && files.get(fileKey(part)).byFold.get(part);
        return entry ? entry.word : undefined;
      },
    };
  }

  /* The fewest known words that make up `word` (a linking s is allowed between them). */
  function split(word, known) {
    const w = fold(word);
    const n = w.length;
    const best = new Array(n + 1).fill(null);
    best[n] = [];
    for (let i = n - 3; i >= 0; i--) {
      for (let j = n; j >= i + 3; j--) {
        const part = known.get(w.slice(i, j));
        if (!part) continue;
        for (const k of [j, j + 1]) {
          if (k > n || (k === j + 1 && w[j] !== "s")) continue;
          const rest = best[k];
          if (rest && (!best[i] || rest.length + 1 < best[i].length)) best[i] = [part, ...rest];
        }
      }
    }
    return best[0] && best[0].length > 1 ? best[0] : null;
  }

  /* Whether a word nothing could correct still begins like a word of the site. Pagefind
     matches such a word by the longest word of the index that begins it ("utskrivningsklar":
     "utskrivning"), but for random letters that is a word of one or two letters ("asdfgh":
     "a"), and every page with it would be a result. Half the word is enough for a long
     compound on a small site ("vårdplannering": "vårdplan"). */
  const SHARED = 0.5;
  function sharesEnough(folded, file) {
    for (let n = folded.length; n >= Math.max(MIN_CORRECTED, Math.ceil(folded.length * SHARED)); n--) {
      if (hasPrefix(file, folded.slice(0, n))) return true;
    }
    return false;
  }

  /* What to search for a query word: { term, corrected, also, none } (corrected when spelled
     otherwise; also: the parts of a rare compound, searched besides it; none: nothing of
     the site is near enough, so it matches no page). */
  async function interpret(word, exact) {
    if (/^\p{L}+(?:-\p{L}+)+$/u.test(word)) {
      const parts = await Promise.all(word.split("-").map((part) => interpret(part, exact)));
      return { term: parts.map((p) => p.term).join("-"), corrected: parts.some((p) => p.corrected) };
    }
    const folded = fold(word);
    if (!/^\p{L}+$/u.test(word) || folded.length < MIN_CORRECTED) return { term: word, corrected: false };
    const file = await wordFile(fileKey(folded));
    if (isKnown(folded, file)) {
      const entry = file.byFold.get(folded);
      const parts = entry && entry.pages <= FEW_PAGES ? split(word, await partsLookup(folded)) : null;
      return { term: word, corrected: false, also: parts ? parts.join(" ") : null };
    }
    const plain = digraphs(word, folded);
    const plainFile = await wordFile(fileKey(plain));
    if (!exact && plain !== folded && plain.length >= MIN_CORRECTED && isKnown(plain, plainFile)) return { term: spelled(plainFile, plain), corrected: true };
    const swapped = exact ? null : await wordFile(fileKey(folded[1] + folded[0]));
    let near = exact ? null : nearest(folded, plain, [file, plainFile, swapped]);
    if (!exact && (!near || near.d > 1)) {
      const wider = nearest(folded, plain, await Promise.all(secondLetterKeys(folded).map(wordFile)));
      if (wider && (!near || wider.d < near.d)) near = wider;
    }
    if (near && near.d <= 1) return { term: near.word, corrected: true };
    const parts = split(word, await partsLookup(folded));
    if (parts) return { term: parts.join(" "), corrected: false };
    const plainParts = !exact && plain !== folded ? split(plain, await partsLookup(plain)) : null;
    if (plainParts) return { term: plainParts.join(" "), corrected: true };
    if (near) return { term: near.word, corrected: true };
    return { term: word, corrected: false, none: !sharesEnough(folded, file) };
  }

  /* The query's words as typed (case kept, for abbreviations), stop words left out. */
  function queryWords(q) {
    const all = (q.match(/[\p{L}\p{N}]+(?:[-:.][\p{L}\p{N}]+)*/gu) || []);
    // A question of stop words alone ("vem och när") would match every page: it matches none.
    return all.filter((w) => !STOP.has(w.toLowerCase()));
  }

  // "SoL", "LPT", "HSL": short, with more than one capital. Such a word is an abbreviation,
  // and an abbreviation is never the beginning of another word ("SoL" is not "Solvik").
  const MAX_ABBREVIATION = 5;
  const isAbbreviation = (word) => word.length <= MAX_ABBREVIATION && /^\p{L}+$/u.test(word) && (word.match(/\p{Lu}/gu) || []).length >= 2;

  /* Pagefind's results for one word; for an abbreviation only the pages that have the whole
     word (its exact search, in quotes, scores every page alike, so the scores come from the
     ordinary search). */
  async function searchWord(pf, term, filters) {
    const found = await pf.search(term, { filters });
    if (!isAbbreviation(term)) return found;
    const whole = await pf.search('"' + term + '"', { filters });
    const ids = new Set(whole.results.map((r) => r.id));
    return ids.size ? { results: found.results.filter((r) => ids.has(r.id)) } : found;
  }

  function selectedFilters() {
    const filters = {};
    for (const key of FILTERS) {
      const select = document.getElementById("sv-filter-" + key);
      if (select && select.value) filters[key] = select.value;
    }
    return filters;
  }

  function countFilters() {
    const n = Object.keys(selectedFilters()).length;
    count.textContent = n ? " (" + n + (n === 1 ? " valt)" : " valda)") : "";
  }

  async function rank(q, filters, exact) {
    const pf = await engine();
    const rankMap = new Map();
    const groups = queryWords(q);
    if (!groups.length) return { results: [], terms: [], corrections: [] };
    const scores = new Map();
    const matched = new Map();
    const results = new Map();
    const meant = await Promise.all(groups.map((word) => interpret(word, exact)));
    const searches = await Promise.all(meant.map(async ({ term, also, none }) => {
      if (none) return { results: [] };
      let found = await searchWord(pf, term, filters);
      if (also) {
        const parts = await pf.search(also, { filters });
        await ranksOf(pf, also, filters, rankMap);
        const seen = new Set(found.results.map((r) => r.id));
        const weaker = parts.results.filter((r) => !seen.has(r.id)).map((r) => ({ id: r.id, score: r.score * PART_SCORE, data: () => r.data() }));
        found = { results: [...found.results, ...weaker] };
      }
      if (found.results.length) await ranksOf(pf, term, filters, rankMap);
      return found;
    }));
    for (const found of searches) {
      for (const r of found.results) {
        results.set(r.id, r);
        scores.set(r.id, (scores.get(r.id) || 0) + r.score);
        matched.set(r.id, (matched.get(r.id) || 0) + 1);
      }
    }
    const out = [];
    for (const [id, score] of scores) {
      const coverage = matched.get(id) / groups.length;
      const factor = RANK_FACTORS[rankMap.get(id) || "2"];
      out.push({ result: results.get(id), score: score * coverage * coverage * factor });
    }
    out.sort((a, b) => b.score - a.score);
    const corrections = groups.map((word, i) => [word, meant[i]]).filter(([, m]) => m.corrected).map(([word, m]) => [word, m.term]);
    return { results: out.map((o) => o.result), terms: meant.flatMap((m) => m.term.split(" ")), corrections };
  }

  /* The query as typed with each corrected word replaced. */
  function corrected(q, corrections) {
    let out = q;
    for (const [word, fix] of corrections) {
      const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      out = out.replace(new RegExp("(?<![\\p{L}\\p{N}])" + escaped + "(?![\\p{L}\\p{N}])", "iu"), fix);
    }
    return out;
  }

  function showCorrection(q, corrections) {
    if (!corrections.length) { note.hidden = true; note.replaceChildren(); return; }
    const params = new URLSearchParams();
    params.set("q", q);
    for (const [key, value] of Object.entries(selectedFilters())) params.set(key, value);
    params.set("exakt", "1");
    note.innerHTML = "Visar träffar för <strong>" + escapeHtml(corrected(q, corrections)) + "</strong>. Sök i stället på " +
      '<a href="?' + escapeHtml(params.toString()) + '">' + escapeHtml(q) + "</a>.";
    note.hidden = false;
  }

  function snippet(data, terms) {
    const text = (data.content || "").split(MARKER)[0];
    const tokens = text.split(/\s+/).filter(Boolean);
    const stems = terms.map((t) => fold(t).slice(0, Math.max(3, Math.min(t.length, 6))));
    const hits = (token) => {
      if (token.includes("@")) return false;
      const f = fold(token.replace(/^[^\p{L}\p{N}]+/u, ""));
      return stems.some((s) => f.startsWith(s) || (s.length >= 5 && f.includes(s)));
    };
    // Skip the title at the top when the text itself matches further down.
    const title = ((data.meta && data.meta.title) || "").split(/\s+/).length;
    let at = tokens.findIndex((t, i) => i >= title && hits(t));
    if (at < 0) at = tokens.findIndex(hits);
    if (at < 0) return escapeHtml((data.meta && data.meta.sammanfattning) || tokens.slice(0, 30).join(" "));
    const start = Math.max(0, at - 10);
    const piece = tokens.slice(start, start + 30).map((t) => (hits(t) ? "<mark>" + escapeHtml(t) + "</mark>" : escapeHtml(t)));
    return (start > 0 ? "… " : "") + piece.join(" ") + (start + 30 < tokens.length ? " …" : "");
  }

  function card(data, terms) {
    const meta = data.meta || {};
    const li = document.createElement("li");
    li.className = "sv-result";
    const parts = [];
    parts.push('<span class="sv-result__type">' + escapeHtml(meta.typ || "Sida") + "</span>");
    if (meta.status) {
      parts.push(
        '<span class="sv-status sv-status--' + escapeHtml(meta.status) + '" data-valid-from="' + escapeHtml(meta.giltig_fran || "") +
        '" data-valid-until="' + escapeHtml(meta.giltig_till || "") + '" data-doc-status="' + escapeHtml(meta.dokumentstatus || "") + '">' +
        escapeHtml(meta.statustext || "") + "</span>"
      );
    }
    if (meta.giltig_till) parts.push('<span class="sv-result__until">Giltigt t.o.m. ' + escapeHtml(meta.giltig_till) + "</span>");
    if (meta.agare) parts.push('<span class="sv-result__owner">Ägare: ' + escapeHtml(meta.agare) + "</span>");
    li.innerHTML =
      '<h2 class="sv-result__title"><a href="' + escapeHtml(data.url) + '">' + escapeHtml(meta.title || data.url) + "</a></h2>" +
      '<p class="sv-result__meta">' + parts.join(" ") + "</p>" +
      '<p class="sv-result__snippet">' + snippet(data, terms) + "</p>";
    return li;
  }

  async function showMore(mine, terms) {
    /* Each card needs its page's text. The first cards are fetched and shown on their own,
       so a reader on a slow line sees a result before the rest of the page has come. */
    for (const size of shown === 0 ? [FIRST_CARDS, PAGE_SIZE - FIRST_CARDS] : [PAGE_SIZE]) {
      const next = ranked.slice(shown, shown + size);
      if (!next.length) break;
      const datas = await Promise.all(next.map((r) => r.data()));
      if (mine !== generation) return;
      for (const data of datas) list.appendChild(card(data, terms));
      shown += next.length;
    }
    more.hidden = shown >= ranked.length;
    if (window.samverkanStatus && typeof window.samverkanStatus.refresh === "function") window.samverkanStatus.refresh(list);
  }

  /* Back to the page without a query: no results, no correction. */
  function clear() {
    ++generation;
    ranked = [];
    shown = 0;
    list.replaceChildren();
    list.setAttribute("data-state", "idle");
    more.hidden = true;
    showCorrection("", []);
    status.textContent = "Skriv ett eller flera ord och tryck på Sök.";
  }

  /* Search for q and show its results, at least `wanted` of them (as many as were shown when
     the reader left the page). */
  async function run(q, exact, wanted = 0) {
    const mine = ++generation;
    list.setAttribute("data-state", "loading");
    list.setAttribute("aria-busy", "true");
    status.textContent = "Söker …";
    const filters = selectedFilters();
    let found;
    try {
      found = await rank(q, filters, exact);
    } catch (error) {
      if (mine !== generation) return;
      list.replaceChildren();
      status.textContent = "Sökningen fungerar inte just nu. Alla dokument finns i listan under Dokument.";
      list.setAttribute("data-state", "error");
      list.removeAttribute("aria-busy");
      throw error;
    }
    if (mine !== generation) return;
    ranked = found.results;
    shown = 0;
    list.replaceChildren();
    showCorrection(q, found.corrections);
    const shownQuery = found.corrections.length ? corrected(q, found.corrections) : q;
    const filtered = Object.keys(filters).length > 0;
    if (!ranked.length) {
      status.textContent = "Inga träffar för ”" + shownQuery + "”. " +
        (filtered ? "Ta bort ett filter, eller kontrollera stavningen." : "Kontrollera stavningen, eller pröva ett annat ord.");
    } else {
      status.textContent = ranked.length + (ranked.length === 1 ? " träff" : " träffar") + " för ”" + shownQuery + "”" + (filtered ? " med valda filter." : ".");
    }
    lastTerms = found.terms;
    do await showMore(mine, found.terms); while (mine === generation && shown < Math.min(wanted, ranked.length));
    if (mine !== generation) return;
    list.removeAttribute("aria-busy");
    list.setAttribute("data-state", "done");
  }

  function addOption(select, value) {
    if ([...select.options].some((o) => o.value === value)) return;
    const option = document.createElement("option");
    option.value = value;
    option.textContent = value;
    select.appendChild(option);
  }

  /* The filters in the address are chosen at once, so the first search uses them; the other
     choices are filled in after the first results, since listing them downloads every
     filter's data. */
  function chooseFilters(params) {
    for (const key of FILTERS) {
      const select = document.getElementById("sv-filter-" + key);
      if (!select) continue;
      if (params.get(key)) addOption(select, params.get(key));
      select.value = params.get(key) || "";
    }
    countFilters();
  }

  async function fillFilters() {
    const pf = await engine();
    const available = await pf.filters();
    for (const key of FILTERS) {
      const select = document.getElementById("sv-filter-" + key);
      const values = Object.keys(available[key] || {}).sort((a, b) => a.localeCompare(b, "sv"));
      if (!select) continue;
      if (!values.length && !select.value) { select.closest(".sv-search__filter").hidden = true; continue; }
      const chosen = select.value;
      for (const value of values) addOption(select, value);
      // The option chosen from the address was added first: put it back in its sorted place.
      const sorted = [...select.options].filter((o) => o.value).sort((a, b) => a.value.localeCompare(b.value, "sv"));
      select.append(...sorted);
      select.value = chosen;
    }
  }

  /* The query, its filters and how many results were shown live in the address and its
     history entry, so that Back from a result, or a shared link, shows the same list. A new
     query is a new history entry; a changed filter or more results replace the current one,
     so that Back leaves the search rather than undo each choice. */
  function address() {
    const params = new URLSearchParams(location.search);
    return { q: (params.get("q") || "").trim(), exact: params.get("exakt") === "1", params };
  }

  function fromUrl() {
    const { q, exact, params } = address();
    input.value = q;
    chooseFilters(params);
    const wanted = history.state && Number.isInteger(history.state.shown) ? history.state.shown : 0;
    return { q, exact, wanted };
  }

  function toUrl(q, exact, replace) {
    const params = new URLSearchParams();
    if (q) params.set("q", q);
    for (const [key, value] of Object.entries(selectedFilters())) params.set(key, value);
    if (exact) params.set("exakt", "1");
    history[replace ? "replaceState" : "pushState"](null, "", "?" + params.toString());
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const q = input.value.trim();
    toUrl(q, false, false);
    if (q) run(q);
  });
  for (const key of FILTERS) {
    const select = document.getElementById("sv-filter-" + key);
    if (select) {
      select.addEventListener("change", () => {
        countFilters();
        const q = input.value.trim();
        // The same query keeps its "exactly as typed"; a query typed anew is searched as usual.
        const now = address();
        const exact = q === now.q && now.exact;
        toUrl(q, exact, true);
        if (q) run(q, exact);
      });
    }
  }
  more.addEventListener("click", async () => {
    const mine = generation;
    await showMore(mine, lastTerms);
    if (mine === generation) history.replaceState({ ...(history.state || {}), shown }, "", location.href);
  });
  window.addEventListener("popstate", () => {
    const { q, exact, wanted } = fromUrl();
    if (q) run(q, exact, wanted); else clear();
  });

  /* Back from a result returns to the same place in the list, not to its top: the place is kept
     with the history entry when a result is opened, and the page scrolls there once the list is
     drawn again (the browser cannot, as the list is drawn after the page has loaded). */
  if ("scrollRestoration" in history) history.scrollRestoration = "manual";
  list.addEventListener("click", (event) => {
    if (event.target.closest("a")) history.replaceState({ ...(history.state || {}), scroll: window.scrollY }, "", location.href);
  });

  const { q, exact, wanted } = fromUrl();
  const place = history.state && Number.isFinite(history.state.scroll) ? history.state.scroll : 0;
  (q ? run(q, exact, wanted) : Promise.resolve())
    .then(() => { if (place) window.scrollTo(0, place); })
    .finally(fillFilters);
})();
