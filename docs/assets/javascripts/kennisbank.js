/* Kennisbank Werk aan Uitvoering: progressive enhancements. Everything works without it. */
(function () {
  "use strict";

  // Entry and facet pages are not in the nav, so the theme marks no tab as current: mark the
  // tab whose address is the longest prefix of this page's address.
  function markCurrentTab() {
    var best = null;
    document.querySelectorAll(".md-tabs__link").forEach(function (link) {
      var path = new URL(link.href, location.href).pathname;
      if (location.pathname.indexOf(path) === 0 && (!best || path.length > best.path.length)) best = { link: link, path: path };
    });
    if (!best || best.link.closest(".md-tabs__item--active")) return;
    var home = new URL(document.querySelector(".md-tabs__link").href, location.href).pathname;
    if (best.path === home && location.pathname !== home) return;  // Start is no parent of every page
    best.link.closest(".md-tabs__item").classList.add("md-tabs__item--active");
    best.link.setAttribute("aria-current", "true");
  }

  // Overview tables: sortable headers (tablesort, vendored) and a filter box.
  function enhanceTables() {
    document.querySelectorAll(".kb-table table").forEach(function (table, index) {
      if (table.dataset.kbEnhanced) return;
      table.dataset.kbEnhanced = "1";
      if (window.Tablesort) new window.Tablesort(table);
      // On a phone each row becomes a card; label every cell with its column's name.
      var headers = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, column) {
          if (column > 0 && headers[column]) cell.setAttribute("data-label", headers[column]);
        });
      });
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
        status.textContent = !query ? "" : shown === 1 ? "1 item gevonden" : shown + " items gevonden";
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
      // Pagefind's own Dutch strings, except its English "Reset" on the clear button.
      translations: { placeholder: "Zoek in de kennisbank", zero_results: "Niets gevonden voor [SEARCH_TERM]", clear_search: "Wissen" }
    });
    // The query and the filters live in the address (q=…&thema=…), so Back, a bookmark or a
    // shared link shows the same results. replaceState: typing adds no history entries.
    var params = new URLSearchParams(location.search);
    var filters = {};
    params.forEach(function (value, key) {
      if (key !== "q") (filters[key] = filters[key] || []).push(value);
    });
    if (Object.keys(filters).length) ui.triggerFilters(filters);
    if (params.get("q")) ui.triggerSearch(params.get("q"));
    function writeState() {
      var next = new URLSearchParams();
      var input = element.querySelector(".pagefind-ui__search-input");
      if (input && input.value.trim()) next.set("q", input.value.trim());
      element.querySelectorAll("input.pagefind-ui__filter-checkbox:checked").forEach(function (box) {
        next.append(box.name, box.value);
      });
      var search = next.toString();
      history.replaceState(history.state, "", location.pathname + (search ? "?" + search : "") + location.hash);
    }
    var timer = null;
    element.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(writeState, 300);
    });
    element.addEventListener("change", writeState);

    // Tidy Pagefind's output as it changes: a sub-result that only repeats the page's title,
    // and a filter option with 0 hits (unless it is ticked), say nothing and are hidden. The
    // suggestions under the box make way once there is a query.
    var start = document.getElementById("kb-search-start");
    var waiting = null;
    function tidy() {
      element.querySelectorAll(".pagefind-ui__result").forEach(function (result) {
        var title = result.querySelector(".pagefind-ui__result-title");
        var text = title ? title.textContent.trim() : "";
        result.querySelectorAll(".pagefind-ui__result-nested").forEach(function (nested) {
          var link = nested.querySelector(".pagefind-ui__result-link");
          nested.hidden = !!link && link.textContent.trim() === text;
        });
      });
      element.querySelectorAll(".pagefind-ui__filter-value").forEach(function (value) {
        var box = value.querySelector("input");
        value.hidden = /\(0\)\s*$/.test(value.textContent) && !(box && box.checked);
      });
      // The stylesheet keeps the results invisible until the filter panel stands above them;
      // an index without filters never draws that panel, so then show them after a second.
      if (!waiting && element.querySelector(".pagefind-ui__results-area") && !element.querySelector(".pagefind-ui__filter-panel")) {
        waiting = setTimeout(function () {
          if (!element.querySelector(".pagefind-ui__filter-panel")) element.classList.add("kb-search--no-filters");
        }, 1000);
      }
      if (start) {
        var input = element.querySelector(".pagefind-ui__search-input");
        start.hidden = !!(input && input.value.trim());
      }
    }
    new MutationObserver(tidy).observe(element, { childList: true, subtree: true, characterData: true });
    element.addEventListener("input", tidy);
  }

  // Handout page: fetch the chosen entry pages (same site) and lay them out for print.
  function enhanceHandout() {
    var form = document.getElementById("kb-handout-form");
    var output = document.getElementById("kb-handout-output");
    if (!form || !output || form.dataset.kbEnhanced) return;
    form.dataset.kbEnhanced = "1";
    // A count of the chosen items beside the button, read out when it changes.
    var count = document.createElement("p");
    count.setAttribute("role", "status");
    count.className = "kb-handout-count";
    var submit = form.querySelector("button[type=submit]");
    submit.parentNode.insertBefore(count, submit);
    function recount() {
      var n = form.querySelectorAll("input[name=id]:checked").length;
      count.textContent = n === 1 ? "1 item gekozen" : n + " items gekozen";
    }
    form.addEventListener("change", recount);
    recount();
    handoutFilter(form);
    var params = new URLSearchParams(location.search);
    var ids = params.getAll("id");
    // The handout follows the order in which items were ticked, not the order of the form.
    var order = ids.slice();
    form.addEventListener("change", function (event) {
      var box = event.target;
      if (box.name !== "id") return;
      order = order.filter(function (id) { return id !== box.value; });
      if (box.checked) order.push(box.value);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var next = new URLSearchParams();
      next.set("title", document.getElementById("kb-handout-title").value);
      order.forEach(function (id) { next.append("id", id); });
      location.assign(location.pathname + "?" + next.toString());
    });
    if (!ids.length) return;
    var title = params.get("title") || "Handout";
    ids.forEach(function (id) {
      var box = document.getElementById("kb-h-" + id);
      if (box) box.checked = true;
    });
    document.getElementById("kb-handout-title").value = title;
    recount();
    var boxes = ids.map(function (id) { return document.getElementById("kb-h-" + id); }).filter(Boolean);
    output.textContent = "Handout wordt samengesteld…";
    Promise.all(boxes.map(function (box) {
      return fetch(new URL(box.dataset.url, location.href)).then(function (response) { return response.text(); });
    })).then(function (pages) {
      var doc = document.createElement("div");
      var heading = document.createElement("h1");
      heading.textContent = title;
      doc.appendChild(heading);
      var toc = document.createElement("ol");
      toc.className = "kb-handout-toc";
      doc.appendChild(toc);
      pages.forEach(function (html, index) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var article = page.querySelector("article.md-content__inner");
        if (!article) return;
        // Links in the fetched page are relative to that page, not to the handout page.
        var base = new URL(boxes[index].dataset.url, location.href);
        article.querySelectorAll("a[href]").forEach(function (a) {
          if (a.getAttribute("href").charAt(0) !== "#") a.href = new URL(a.getAttribute("href"), base).href;
        });
        article.querySelectorAll(".md-content__button, .md-tags, .kb-filters, .headerlink, .kb-backlinks, .kb-breadcrumb, .kb-handout-add").forEach(function (el) { el.remove(); });
        // On paper: the keeper and review dates say nothing to a trainee, and related items
        // are listed by title only (their descriptions would fill a page of their own).
        article.querySelectorAll("h2#over-dit-item, .kb-about").forEach(function (el) { el.remove(); });
        article.querySelectorAll(".kb-related li > br").forEach(function (br) {
          while (br.nextSibling) br.nextSibling.remove();
          br.remove();
        });
        var section = document.createElement("section");
        section.className = "kb-handout-entry";
        section.id = "kb-handout-" + ids[index];
        var h1 = article.querySelector("h1");
        if (h1) {
          var h2 = document.createElement("h2");
          h2.textContent = h1.textContent;
          h1.replaceWith(h2);
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = "#" + section.id;
          link.textContent = h2.textContent;
          item.appendChild(link);
          toc.appendChild(item);
        }
        article.querySelectorAll("h2:not(:first-child), h3").forEach(function (h) {
          var smaller = document.createElement(h.tagName === "H2" ? "h3" : "h4");
          smaller.textContent = h.textContent;
          h.replaceWith(smaller);
        });
        while (article.firstChild) section.appendChild(article.firstChild);
        section.querySelectorAll(".kb-print-only").forEach(function (el) { el.classList.add("kb-handout-permalink"); });
        doc.appendChild(section);
      });
      orderButtons(toc, title);
      var print = document.createElement("button");
      print.type = "button";
      print.className = "md-button md-button--primary";
      print.textContent = "Afdrukken";
      print.addEventListener("click", function () { window.print(); });
      var change = document.createElement("a");
      change.href = "#kb-handout-form";
      change.className = "md-button";
      change.textContent = "Selectie wijzigen";
      output.textContent = "";
      output.appendChild(print);
      output.appendChild(document.createTextNode(" "));
      output.appendChild(change);
      output.appendChild(doc);
      document.body.classList.add("kb-handout-ready");
    }).catch(function () {
      output.textContent = "De handout kon niet worden samengesteld. Probeer het opnieuw.";
    });
  }

  // A filter above the list of items: typing narrows the list (accents and case do not
  // matter), ticked items always stay in view, and the number shown is read out.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLocaleLowerCase("nl");
  }
  function handoutFilter(form) {
    var first = form.querySelector("fieldset");
    if (!first) return;
    var label = document.createElement("label");
    label.className = "kb-filter";
    label.setAttribute("for", "kb-handout-filter");
    label.textContent = "Zoek in de lijst: ";
    var input = document.createElement("input");
    input.type = "search";
    input.id = "kb-handout-filter";
    input.setAttribute("aria-describedby", "kb-handout-filter-status");
    label.appendChild(input);
    var status = document.createElement("p");
    status.id = "kb-handout-filter-status";
    status.className = "kb-filter-status";
    status.setAttribute("role", "status");
    first.parentNode.insertBefore(label, first);
    first.parentNode.insertBefore(status, first);
    input.addEventListener("input", function () {
      var query = fold(input.value.trim());
      var shown = 0;
      form.querySelectorAll("fieldset").forEach(function (fieldset) {
        var inSet = 0;
        fieldset.querySelectorAll("li").forEach(function (item) {
          var box = item.querySelector("input[name=id]");
          var match = !query || fold(item.textContent).indexOf(query) !== -1 || (box && box.checked);
          item.hidden = !match;
          if (match) inSet += 1;
        });
        fieldset.hidden = inSet === 0;
        shown += inSet;
      });
      status.textContent = !query ? "" : shown === 1 ? "1 item zichtbaar" : shown + " items zichtbaar";
    });
  }

  // "Eerder" and "Later" beside each item of the handout's contents: move the item and its
  // section, keep the new order in the address, and keep the focus on the moved button.
  function orderButtons(toc, title) {
    function save() {
      var next = new URLSearchParams();
      next.set("title", title);
      toc.querySelectorAll("li a").forEach(function (a) { next.append("id", a.hash.replace("#kb-handout-", "")); });
      history.replaceState(history.state, "", location.pathname + "?" + next.toString());
    }
    function move(item, up) {
      var other = up ? item.previousElementSibling : item.nextElementSibling;
      if (!other) return;
      var section = document.querySelector(item.querySelector("a").hash);
      var otherSection = document.querySelector(other.querySelector("a").hash);
      if (up) {
        toc.insertBefore(item, other);
        otherSection.parentNode.insertBefore(section, otherSection);
      } else {
        toc.insertBefore(other, item);
        section.parentNode.insertBefore(otherSection, section);
      }
      save();
    }
    toc.querySelectorAll("li").forEach(function (item) {
      var name = item.textContent;
      [["Eerder", true], ["Later", false]].forEach(function (spec) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "kb-handout-move";
        button.textContent = spec[0];
        button.setAttribute("aria-label", spec[0] + ": " + name);
        button.addEventListener("click", function () { move(item, spec[1]); button.focus(); });
        item.appendChild(document.createTextNode(" "));
        item.appendChild(button);
      });
    });
  }

  // Print: the page's margin boxes (kennisbank.css, @page) show the print date and the page's
  // lasting address; CSS cannot know either, so they are handed over as custom properties.
  function printDetails() {
    var permalink = document.querySelector("a.kb-permalink");
    var canonical = document.querySelector("link[rel=canonical]");
    var address = document.body.classList.contains("kb-handout-ready") || !permalink
      ? (document.getElementById("kb-handout-output") || !canonical ? location.href : canonical.href)
      : permalink.textContent.indexOf("http") === 0 ? permalink.textContent.trim() : new URL(permalink.getAttribute("href"), location.href).href;
    var date = new Date().toLocaleDateString("nl-NL", { day: "numeric", month: "long", year: "numeric" });
    var root = document.documentElement.style;
    root.setProperty("--kb-print-date", JSON.stringify("Afgedrukt op " + date));
    root.setProperty("--kb-print-address", JSON.stringify(decodeURI(address)));
  }

  function init() {
    printDetails();
    window.addEventListener("beforeprint", printDetails);
    markCurrentTab();
    enhanceTables();
    enhancePermalinks();
    enhanceSearch();
    enhanceHandout();
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init); // Material's page-view stream (instant navigation)
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
