/* Kennisbank Werk aan Uitvoering: progressive enhancements. Everything works without it. */
(function () {
  "use strict";

  // Overview tables: sortable headers (tablesort, vendored) and a filter box.
  function enhanceTables() {
    document.querySelectorAll(".kb-table table").forEach(function (table, index) {
      if (table.dataset.kbEnhanced) return;
      table.dataset.kbEnhanced = "1";
      if (window.Tablesort) new window.Tablesort(table);
      var label = document.createElement("label");
      label.className = "kb-filter";
      var id = "kb-filter-" + index;
      label.setAttribute("for", id);
      label.textContent = "Filter deze tabel: ";
      var input = document.createElement("input");
      input.type = "search";
      input.id = id;
      input.setAttribute("aria-controls", "kb-table-" + index);
      table.id = "kb-table-" + index;
      var status = document.createElement("p");
      status.setAttribute("role", "status");
      status.className = "kb-filter-status";
      label.appendChild(input);
      table.parentNode.insertBefore(label, table);
      table.parentNode.insertBefore(status, table);
      input.addEventListener("input", function () {
        var query = input.value.trim().toLocaleLowerCase("nl");
        var shown = 0;
        table.querySelectorAll("tbody tr").forEach(function (row) {
          var match = !query || row.textContent.toLocaleLowerCase("nl").indexOf(query) !== -1;
          row.hidden = !match;
          if (match) shown += 1;
        });
        status.textContent = query ? shown + " items gevonden" : "";
      });
    });
  }

  // Permalink: a button that copies the full address.
  function enhancePermalinks() {
    document.querySelectorAll("a.kb-permalink").forEach(function (link) {
      if (link.dataset.kbEnhanced || !navigator.clipboard) return;
      link.dataset.kbEnhanced = "1";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kb-copy";
      button.textContent = "Kopieer link";
      button.addEventListener("click", function () {
        var url = link.textContent.indexOf("http") === 0 ? link.textContent : new URL(link.getAttribute("href"), location.href).href;
        navigator.clipboard.writeText(url).then(function () {
          button.textContent = "Gekopieerd";
          setTimeout(function () { button.textContent = "Kopieer link"; }, 2000);
        });
      });
      link.insertAdjacentElement("afterend", button);
    });
  }

  // Search page: Pagefind's own UI, re-created on every page view so it keeps working
  // if instant navigation is ever switched on.
  function enhanceSearch() {
    var element = document.getElementById("kb-search");
    if (!element || element.dataset.kbEnhanced || !window.PagefindUI) return;
    element.dataset.kbEnhanced = "1";
    var ui = new window.PagefindUI({
      element: "#kb-search",
      showSubResults: true,
      showImages: false,
      resetStyles: false,
      translations: { placeholder: "Zoek in de kennisbank", zero_results: "Niets gevonden voor [SEARCH_TERM]" }
    });
    var query = new URLSearchParams(location.search).get("q");
    if (query) ui.triggerSearch(query);
  }

  function init() {
    enhanceTables();
    enhancePermalinks();
    enhanceSearch();
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init); // Material's page-view stream (instant navigation)
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
