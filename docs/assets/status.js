/* Samverkanswebben: keep every status true on the reader's date.
 *
 * The site is built on one day and read on another. Every status (the chip in lists, the
 * marker and notices under a document's title, search result cards) is rendered for the
 * build date and carries its dates: data-valid-from, data-valid-until (the last day in
 * force), data-doc-status and data-expiry-window (days). This script evaluates them again
 * against today's date where the reader is, with the same rules as the build
 * (samverkan.core.model.Validity), and updates the wording, the colour and which notice
 * shows. Without JavaScript the build date's status stands, marked "Status per <date>".
 *
 * window.samverkanStatus.refresh(root) re-evaluates what is inside root (for content added
 * later, such as search results).
 */
(function () {
  "use strict";

  var LABELS = {
    "in-force": "Gäller",
    "expiring": "Går snart ut",
    "not-yet-valid": "Gäller ännu inte",
    "expired": "Giltighetstiden har gått ut",
    "draft": "Utkast",
    "withdrawn": "Upphävd"
  };
  var MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
    "september", "oktober", "november", "december"];
  var DEFAULT_WINDOW = 90;

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function isoDay(date) {
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  }

  function daysBetween(fromIso, toIso) {
    var a = Date.UTC(+fromIso.slice(0, 4), +fromIso.slice(5, 7) - 1, +fromIso.slice(8, 10));
    var b = Date.UTC(+toIso.slice(0, 4), +toIso.slice(5, 7) - 1, +toIso.slice(8, 10));
    return Math.round((b - a) / 86400000);
  }

  function windowOf(el) {
    var holder = el.closest("[data-expiry-window]") || document.documentElement;
    var days = parseInt(holder.getAttribute("data-expiry-window"), 10);
    return isNaN(days) ? DEFAULT_WINDOW : days;
  }

  /* The same classification as the build: valid_until is still in force on that day. */
  function keyOf(el, today) {
    var status = el.getAttribute("data-doc-status");
    if (status === "draft") return "draft";
    if (status === "withdrawn") return "withdrawn";
    var from = el.getAttribute("data-valid-from");
    var until = el.getAttribute("data-valid-until");
    if (today > until) return "expired";
    if (from && today < from) return "not-yet-valid";
    if (daysBetween(today, until) <= windowOf(el)) return "expiring";
    return "in-force";
  }

  function update(el, today) {
    var key = keyOf(el, today);
    el.setAttribute("data-state", key);
    if (el.classList.contains("sv-status")) {
      for (var name in LABELS) el.classList.toggle("sv-status--" + name, name === key);
      if (el.textContent !== LABELS[key]) el.textContent = LABELS[key];
    }
    var notices = el.querySelectorAll(":scope > [data-state-for]");
    for (var i = 0; i < notices.length; i++) {
      notices[i].hidden = notices[i].getAttribute("data-state-for") !== key;
    }
  }

  function refresh(root, now) {
    var scope = root || document;
    var date = now || new Date();
    var today = isoDay(date);
    var found = scope.querySelectorAll("[data-valid-until]");
    if (scope !== document && scope.matches && scope.matches("[data-valid-until]")) update(scope, today);
    for (var i = 0; i < found.length; i++) update(found[i], today);
    var stamps = scope.querySelectorAll(".sv-asof");
    for (var j = 0; j < stamps.length; j++) {
      stamps[j].textContent = "Status per " + date.getDate() + " " + MONTHS[date.getMonth()] + " " + date.getFullYear();
    }
  }

  window.samverkanStatus = { refresh: refresh };

  function onLoad() { refresh(document); }
  /* Material's instant navigation swaps pages without a load event; document$ tells of each. */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onLoad);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onLoad);
  } else {
    onLoad();
  }
})();
