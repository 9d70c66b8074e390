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

  // Search page: a small interface on Pagefind's JavaScript API (pagefind/pagefind.js). A
  // query loads only the search engine and the index chunks and fragments it needs; the filter
  // files load when the reader opens the filter panel (or when the address already holds
  // filters). The query and the filters live in the address (q=…&thema=…), so Back, a bookmark
  // or a shared link shows the same results; replaceState: typing adds no history entries.
  var SEARCH_PAGE_SIZE = 5;
  function node(tag, className, text) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  }
  // Pagefind's excerpts are HTML with <mark> around the words found: keep only the text and
  // those marks, so indexed text can never become markup here.
  function excerptNode(html, className) {
    var p = node("p", className);
    var body = new DOMParser().parseFromString("<body>" + (html || ""), "text/html").body;
    body.childNodes.forEach(function (child) {
      p.appendChild(child.nodeName === "MARK" ? node("mark", null, child.textContent) : document.createTextNode(child.textContent));
    });
    return p;
  }
  // An excerpt near a heading begins with that heading, or its last words, and a full stop
  // ("Aanpak. De …", "het is. De …"): the link above it already says so. Those words are left
  // out, marks and all, unless nothing would remain.
  function withoutHeading(p, heading) {
    var text = p.textContent;
    var words = (heading || "").trim().split(/\s+/).filter(Boolean);
    for (var i = 0; i < words.length; i++) {
      var tail = words.slice(i).join(" ");
      var after = text.slice(tail.length).match(/^[.:!?]*\s+/);
      if (text.slice(0, tail.length) !== tail || !after || !/[.:!?]$/.test(tail + after[0].trim())) continue;
      var count = tail.length + after[0].length;
      if (count >= text.trim().length) return p;
      while (count > 0 && p.firstChild) {
        var child = p.firstChild, length = child.textContent.length;
        if (length <= count) p.removeChild(child);
        else child.textContent = child.textContent.slice(count);
        count -= length;
      }
      return p;
    }
    return p;
  }
  function resultLink(url, text, className) {
    var a = node("a", className, text);
    a.href = /^(\/|https?:\/\/)/.test(url) ? url : "#";
    return a;
  }
  // The headings within a page that also match: not the page's opening text (the result
  // itself says that), not one that only repeats the page's title, at most three (those with
  // the most words found), in the page's order.
  function subResults(data) {
    var subs = (data.sub_results || []).slice();
    var own = (data.meta && data.meta.url) || data.url;
    if (subs.length && subs[0].url === own) subs.shift();
    var title = ((data.meta && data.meta.title) || "").trim();
    subs = subs.filter(function (sub) { return (sub.title || "").trim() !== title; });
    if (subs.length <= 3) return subs;
    var best = subs.slice().sort(function (a, b) { return b.locations.length - a.locations.length; }).slice(0, 3);
    return subs.filter(function (sub) { return best.indexOf(sub) !== -1; });
  }
  function resultItem(data) {
    var meta = data.meta || {};
    var item = node("li", "kb-search-result");
    var heading = node("h2", "kb-search-result-title");
    heading.appendChild(resultLink(data.url, meta.title || data.url, "kb-search-result-link"));
    item.appendChild(heading);
    if (meta.collectie) item.appendChild(node("p", "kb-search-result-kind", meta.collectie));
    item.appendChild(withoutHeading(excerptNode(data.excerpt, "kb-search-result-excerpt"), meta.title));
    var subs = subResults(data);
    if (subs.length) {
      var list = node("ul", "kb-search-subs");
      subs.forEach(function (sub) {
        var li = node("li", "kb-search-sub");
        li.appendChild(resultLink(sub.url, sub.title, "kb-search-sub-link"));
        li.appendChild(withoutHeading(excerptNode(sub.excerpt, "kb-search-sub-excerpt"), sub.title));
        list.appendChild(li);
      });
      item.appendChild(list);
    }
    return item;
  }
  function searchMessage(count, term) {
    if (!term) return count === 0 ? "Geen resultaten" : count === 1 ? "1 resultaat" : count + " resultaten";
    return count === 0 ? "Niets gevonden voor " + term : (count === 1 ? "1 resultaat" : count + " resultaten") + " voor " + term;
  }
  function capitalise(text) {
    return text.charAt(0).toLocaleUpperCase("nl") + text.slice(1);
  }

  function enhanceSearch() {
    var root = document.getElementById("kb-search");
    if (!root || root.dataset.kbEnhanced) return;
    root.dataset.kbEnhanced = "1";
    var ui = {
      form: root.querySelector(".kb-search-form"),
      input: root.querySelector(".kb-search-input"),
      clear: root.querySelector(".kb-search-clear"),
      toggle: root.querySelector(".kb-search-filter-toggle"),
      panel: root.querySelector(".kb-search-filters"),
      status: root.querySelector(".kb-search-status"),
      list: root.querySelector(".kb-search-results"),
      more: root.querySelector(".kb-search-more"),
      start: document.getElementById("kb-search-start")
    };
    // pagefind/ lies two folders above this script (assets/javascripts/), wherever the site is mounted.
    var script = document.querySelector('script[src*="assets/javascripts/kennisbank.js"]');
    var base = new URL("../../pagefind/", script ? script.src : location.href).href;
    var state = { selected: {}, totals: null, filtersLoading: null, search: null, term: "", shown: 0, id: 0, timer: null };
    var engine = null;
    // noWorker: Pagefind searches on the page itself rather than in a web worker, which would
    // fetch a second copy of its code (12 KB gzip); a search over this index takes milliseconds.
    function pagefind() {
      if (!engine) {
        engine = import(base + "pagefind.js").then(function (module) {
          return module.options({ noWorker: true }).then(function () { return module; });
        });
      }
      return engine;
    }

    function writeAddress() {
      var next = new URLSearchParams();
      var term = ui.input.value.trim();
      if (term) next.set("q", term);
      Object.keys(state.selected).forEach(function (key) {
        state.selected[key].forEach(function (value) { next.append(key, value); });
      });
      var search = next.toString();
      history.replaceState(history.state, "", location.pathname + (search ? "?" + search : "") + location.hash);
    }
    function failed() {
      ui.status.textContent = "Zoeken lukt nu niet. Probeer het later opnieuw, of blader via de links hieronder.";
      if (ui.start) ui.start.hidden = false;
    }

    // One search: the count and the first page of results appear together, once every
    // result shown has loaded, so nothing moves while they arrive.
    function run() {
      clearTimeout(state.timer);
      writeAddress();
      var term = ui.input.value.trim();
      var id = ++state.id;
      ui.clear.hidden = !ui.input.value;
      if (ui.start) ui.start.hidden = !!term;
      if (!term && !Object.keys(state.selected).length) {
        state.search = null;
        ui.list.textContent = "";
        ui.status.textContent = "";
        ui.more.hidden = true;
        updateCounts(null);
        return;
      }
      pagefind().then(function (engine) {
        return engine.search(term || null, { filters: state.selected });
      }).then(function (search) {
        if (id !== state.id) return null;
        state.search = search;
        state.term = term;
        state.shown = 0;
        updateCounts(search);
        return showMore(id);
      }).catch(failed);
    }
    function showMore(id) {
      var results = state.search.results.slice(state.shown, state.shown + SEARCH_PAGE_SIZE);
      return Promise.all(results.map(function (result) { return result.data(); })).then(function (pages) {
        if (id !== state.id) return null;
        if (state.shown === 0) ui.list.textContent = "";
        var items = pages.map(resultItem);
        items.forEach(function (item) { ui.list.appendChild(item); });
        state.shown += items.length;
        ui.more.hidden = state.shown >= state.search.results.length;
        ui.status.textContent = searchMessage(state.search.results.length, state.term);
        return items[0] || null;
      });
    }
    ui.more.addEventListener("click", function () {
      if (!state.search) return;
      // The button may disappear: keep the keyboard where the new results begin.
      showMore(state.id).then(function (first) {
        if (first) first.querySelector("a").focus();
      }).catch(failed);
    });
    ui.form.addEventListener("submit", function (event) {
      event.preventDefault();
      run();
    });
    ui.input.addEventListener("input", function () {
      ui.clear.hidden = !ui.input.value;
      if (ui.start) ui.start.hidden = !!ui.input.value.trim();
      clearTimeout(state.timer);
      state.timer = setTimeout(run, 300);
    });
    ui.input.addEventListener("focus", function () { pagefind().catch(function () {}); }, { once: true });
    ui.clear.addEventListener("click", function () {
      ui.input.value = "";
      run();
      ui.input.focus();
    });

    // Filters: built from pagefind.filters() when the panel first opens. A value with 0 hits
    // among the results is hidden, unless it is ticked.
    function toggleLabel() {
      var n = Object.keys(state.selected).reduce(function (sum, key) { return sum + state.selected[key].length; }, 0);
      ui.toggle.textContent = n ? "Filters (" + n + " gekozen)" : "Filters";
    }
    function openPanel(open) {
      ui.toggle.setAttribute("aria-expanded", String(open));
      ui.panel.hidden = !open;
      if (open) loadFilters().catch(failed);
    }
    ui.toggle.addEventListener("click", function () {
      openPanel(ui.toggle.getAttribute("aria-expanded") !== "true");
    });
    function loadFilters() {
      if (state.filtersLoading) return state.filtersLoading;
      ui.panel.setAttribute("aria-busy", "true");
      state.filtersLoading = pagefind().then(function (engine) { return engine.filters(); }).then(function (totals) {
        state.totals = totals;
        // Names in the address that are no filter here (say a tracking parameter) are ignored.
        Object.keys(state.selected).forEach(function (key) { if (!totals[key]) delete state.selected[key]; });
        buildPanel(totals);
        ui.panel.removeAttribute("aria-busy");
        toggleLabel();
        run();
      });
      return state.filtersLoading;
    }
    function buildPanel(totals) {
      ui.panel.textContent = "";
      Object.keys(totals).forEach(function (key) {
        var fieldset = node("fieldset", "kb-search-filter");
        fieldset.appendChild(node("legend", "kb-search-filter-name", capitalise(key)));
        Object.keys(totals[key]).sort(function (a, b) { return a.localeCompare(b, "nl"); }).forEach(function (value) {
          var label = node("label", "kb-search-filter-value");
          var box = node("input");
          box.type = "checkbox";
          box.name = key;
          box.value = value;
          box.checked = (state.selected[key] || []).indexOf(value) !== -1;
          label.appendChild(box);
          label.appendChild(document.createTextNode(" " + value + " "));
          label.appendChild(node("span", "kb-search-filter-count"));
          fieldset.appendChild(label);
        });
        ui.panel.appendChild(fieldset);
      });
      updateCounts(state.search);
    }
    ui.panel.addEventListener("change", function (event) {
      var box = event.target;
      if (!box || box.type !== "checkbox") return;
      var values = (state.selected[box.name] || []).filter(function (value) { return value !== box.value; });
      if (box.checked) values.push(box.value);
      if (values.length) state.selected[box.name] = values; else delete state.selected[box.name];
      toggleLabel();
      run();
    });
    function updateCounts(search) {
      if (!state.totals) return;
      var counts = search ? search.filters : state.totals;
      ui.panel.querySelectorAll(".kb-search-filter").forEach(function (fieldset) {
        var shown = 0;
        fieldset.querySelectorAll(".kb-search-filter-value").forEach(function (label) {
          var box = label.querySelector("input");
          var count = (counts[box.name] && counts[box.name][box.value]) || 0;
          label.querySelector(".kb-search-filter-count").textContent = "(" + count + ")";
          label.hidden = count === 0 && !box.checked;
          if (!label.hidden) shown += 1;
        });
        fieldset.hidden = shown === 0;
      });
    }

    // The state in the address, on load and when Back brings the page back from the cache.
    function restore() {
      var params = new URLSearchParams(location.search);
      state.selected = {};
      params.forEach(function (value, key) {
        if (key !== "q") (state.selected[key] = state.selected[key] || []).push(value);
      });
      // Words typed before this script ran are kept (and searched for).
      if (!ui.input.value) ui.input.value = params.get("q") || "";
      toggleLabel();
      // Filters in the address: load them (names that are no filter are dropped, then the
      // search runs); show the panel above the results on a wide screen, but on a phone keep
      // it closed so the results come first ("Filters (1 gekozen)" says what is applied).
      if (!Object.keys(state.selected).length) run();
      else if (window.matchMedia("(min-width: 45em)").matches) openPanel(true);
      else loadFilters().catch(failed);
    }
    restore();
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
