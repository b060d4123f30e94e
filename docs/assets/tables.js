// A table in a text (a document's steps, its revision history) that is wider than the screen
// becomes one card per row, each value named by its column, instead of scrolling sideways: care
// staff read the site on phones. The lists the site makes are cards already (.sv-cards); a table
// that fits stays a table. Without JavaScript the table scrolls inside its box, as before.
(function () {
  "use strict";

  function tables() {
    return document.querySelectorAll(".md-content article table");
  }

  function name(table) {
    if (table.dataset.svNamed) return;
    var heads = table.querySelectorAll("thead th");
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, column) {
        var head = heads[column] && heads[column].textContent.trim();
        if (head) cell.setAttribute("data-sv-column", head);
      });
    });
    table.dataset.svNamed = "1";
  }

  var phone = window.matchMedia("(max-width: 37.49em)");  // as the cards in samverkan.css

  function fit() {
    tables().forEach(function (table) {
      if (table.className || table.closest(".sv-cards")) return;  // Material's plain tables only
      table.removeAttribute("data-sv-stacked");
      if (!phone.matches) return;
      var box = table.closest(".md-typeset__scrollwrap") || table;
      if (table.scrollWidth > table.clientWidth + 1 || box.scrollWidth > box.clientWidth + 1) {
        name(table);
        table.setAttribute("data-sv-stacked", "");
      }
    });
  }

  var waiting = 0;
  function later() {
    cancelAnimationFrame(waiting);
    waiting = requestAnimationFrame(fit);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fit);
  } else {
    fit();
  }
  window.addEventListener("load", fit);  // after Material has wrapped the tables
  window.addEventListener("resize", later);
})();
