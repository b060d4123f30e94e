/* The search page: Pagefind's index, Swedish query handling, ranking and result cards.
 *
 * Served by the site itself from sok/; loads ../pagefind/pagefind.js (the index in chunks)
 * and, only when a query word is not in the index, ordlista.json (the site's words) to split
 * it into parts: "sipmöte" → "sip möte". Nothing is fetched from other hosts.
 *
 * Ranking: each query word (or its parts) is searched on its own; a page's score is the sum
 * of its scores, times the share of words it matched (squared), times its rank factor (in
 * force 1, role pages 0.5, drafts 0.45, expired and withdrawn 0.3), so a page that answers
 * every word of a question comes first, and what applies now comes before the archive.
 *
 * Contract for tests and other pages: the results list #sv-results gets data-state="done"
 * when the results for q are shown (also when there are none); each <li> is one result and
 * its first link goes to the result's page.
 */
(function () {
  "use strict";

  const PAGE_SIZE = 10;
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
  const slot = document.getElementById("sv-search-filters");
  if (slot) slot.replaceWith(fieldset); else form.appendChild(fieldset);

  const scriptUrl = document.currentScript ? document.currentScript.src : location.href;
  const siteRoot = new URL("../", scriptUrl);
  let pagefind = null;
  let vocabulary = null;
  let ranked = [];
  let shown = 0;
  let generation = 0;

  const fold = (s) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));

  async function engine() {
    if (!pagefind) {
      pagefind = await import(new URL("pagefind/pagefind.js", siteRoot).href);
      await pagefind.options({ baseUrl: siteRoot.pathname, excerptLength: 30, ranking: { termSimilarity: 2.0, pageLength: 0.5 } });
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

  async function words() {
    if (!vocabulary) {
      const response = await fetch(new URL("ordlista.json", scriptUrl));
      const all = response.ok ? await response.json() : [];
      vocabulary = new Map();
      for (const w of all) if (!vocabulary.has(fold(w))) vocabulary.set(fold(w), w);
    }
    return vocabulary;
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

  function queryWords(q) {
    const all = (q.toLowerCase().match(/[\p{L}\p{N}]+(?:[-:.][\p{L}\p{N}]+)*/gu) || []);
    const kept = all.filter((w) => !STOP.has(w));
    return kept.length ? kept : all;
  }

  function selectedFilters() {
    const filters = {};
    for (const key of FILTERS) {
      const select = document.getElementById("sv-filter-" + key);
      if (select && select.value) filters[key] = select.value;
    }
    return filters;
  }

  async function rank(q, filters) {
    const pf = await engine();
    const rankMap = new Map();
    const groups = queryWords(q);
    if (!groups.length) return { results: [], terms: [] };
    const scores = new Map();
    const matched = new Map();
    const results = new Map();
    const searches = await Promise.all(groups.map(async (word) => {
      let term = word;
      let found = await pf.search(term, { filters });
      if (!found.results.length) {
        const parts = split(word, await words());
        if (parts) {
          term = parts.join(" ");
          found = await pf.search(term, { filters });
        }
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
    return { results: out.map((o) => o.result), terms: groups };
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
    if (meta.giltig_till) parts.push('<span class="sv-result__until">Gäller t.o.m. ' + escapeHtml(meta.giltig_till) + "</span>");
    if (meta.agare) parts.push('<span class="sv-result__owner">Ägare: ' + escapeHtml(meta.agare) + "</span>");
    li.innerHTML =
      '<h2 class="sv-result__title"><a href="' + escapeHtml(data.url) + '">' + escapeHtml(meta.title || data.url) + "</a></h2>" +
      '<p class="sv-result__meta">' + parts.join(" ") + "</p>" +
      '<p class="sv-result__snippet">' + snippet(data, terms) + "</p>";
    return li;
  }

  async function showMore(mine, terms) {
    const next = ranked.slice(shown, shown + PAGE_SIZE);
    const datas = await Promise.all(next.map((r) => r.data()));
    if (mine !== generation) return;
    for (const data of datas) list.appendChild(card(data, terms));
    shown += next.length;
    more.hidden = shown >= ranked.length;
    if (window.samverkanStatus && typeof window.samverkanStatus.refresh === "function") window.samverkanStatus.refresh(list);
  }

  async function run(q) {
    const mine = ++generation;
    list.setAttribute("data-state", "loading");
    list.setAttribute("aria-busy", "true");
    status.textContent = "Söker …";
    const filters = selectedFilters();
    let found;
    try {
      found = await rank(q, filters);
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
    const filtered = Object.keys(filters).length > 0;
    if (!ranked.length) {
      status.textContent = "Inga träffar för ”" + q + "”. " +
        (filtered ? "Ta bort ett filter, eller kontrollera stavningen." : "Kontrollera stavningen, eller pröva ett annat ord.");
    } else {
      status.textContent = ranked.length + (ranked.length === 1 ? " träff" : " träffar") + " för ”" + q + "”" + (filtered ? " med valda filter." : ".");
    }
    await showMore(mine, found.terms);
    if (mine !== generation) return;
    list.removeAttribute("aria-busy");
    list.setAttribute("data-state", "done");
  }

  async function fillFilters(params) {
    const pf = await engine();
    const available = await pf.filters();
    for (const key of FILTERS) {
      const select = document.getElementById("sv-filter-" + key);
      const values = Object.keys(available[key] || {}).sort((a, b) => a.localeCompare(b, "sv"));
      if (!select) continue;
      if (!values.length) { select.closest(".sv-search__filter").hidden = true; continue; }
      for (const value of values) {
        const option = document.createElement("option");
        option.value = value;
        option.textContent = value;
        select.appendChild(option);
      }
      if (params.get(key)) select.value = params.get(key);
    }
  }

  function fromUrl() {
    const params = new URLSearchParams(location.search);
    const q = (params.get("q") || "").trim();
    input.value = q;
    return { q, params };
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    const q = input.value.trim();
    if (q) params.set("q", q);
    for (const [key, value] of Object.entries(selectedFilters())) params.set(key, value);
    history.pushState(null, "", "?" + params.toString());
    if (q) run(q);
  });
  for (const key of FILTERS) {
    const select = document.getElementById("sv-filter-" + key);
    if (select) select.addEventListener("change", () => form.requestSubmit());
  }
  more.addEventListener("click", () => showMore(generation, queryWords(input.value)));
  window.addEventListener("popstate", () => { const { q } = fromUrl(); if (q) run(q); });

  const { q, params } = fromUrl();
  fillFilters(params).then(() => (q ? run(q) : null));
})();
