/* Kennisbank Werk aan Uitvoering: the 'Stel een item voor' form (bijdragen/voorstel/<naam>/).
   The page is generated from the schemas and vocabularies (scripts/kennisbank/site/pages/proposal.py);
   this script validates what the contributor wrote against the schema the site publishes, with the
   vendored @cfworker/json-schema, plus the checks of proposal-checks.js, shows each problem next
   to its field (GOV.UK / NL Design System error pattern) and only then writes the entry file and
   offers it: GitHub's new-file page, a download, the clipboard or e-mail. Nothing leaves the browser
   until the contributor chooses one of those. Contributed text only ever enters the page as text. */
(function () {
  "use strict";
  var root = document.getElementById("kb-proposal");
  var form = document.getElementById("kb-proposal-form");
  if (!root || !form || !window.CfworkerJsonSchema || !window.kbProposalChecks) return;
  var checks = window.kbProposalChecks;
  var S = root.dataset;
  var KEYS = JSON.parse(S.keys), HEADINGS = JSON.parse(S.headings), MAILBOXES = JSON.parse(S.mailboxes);
  var RESERVED = JSON.parse(S.reserved);
  // GitHub answers 414 to longer addresses (its documented server limit is about 8 KB).
  var GITHUB_URL_LIMIT = 8000;
  var MAILTO_LIMIT = 1900;  // mail programs cut longer mailto: addresses
  var BODY_LIMIT = 200 * 1024;  // BODY003
  // Fields that hold ids, dates or vocabulary ids (checks/privacy.py NOT_CHECKED).
  var NOT_CHECKED = "id related published updated review_by reviewed_numbers themes tags organisation_types target_groups status users phases maturity".split(" ");
  var state = { validator: null, nextId: "", taken: [], file: "", path: "" };

  function el(id) { return document.getElementById(id); }
  function text(node, value) { node.textContent = value; return node; }
  function absolute(url) { return new URL(url, location.href).href; }

  function fetchJson(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(url + ": HTTP " + r.status);
      return r.json();
    });
  }

  /* The validator (the published schema with its vocabularies as enum), the next free id and the slugs in use. */
  var ready = Promise.all([fetchJson(S.schema), fetchJson(S.common), fetchJson(S.data)]).then(function (all) {
    var schema = all[0], common = all[1], data = all[2];
    schema.$id = absolute(S.schema);
    common.$id = absolute(S.common);
    state.validator = new window.CfworkerJsonSchema.Validator(schema, "2020-12", false);
    state.validator.addSchema(common);
    var highest = 0;
    (data.entries || []).forEach(function (e) {
      var m = String(e.id || "").match(/^([a-z]+)-(\d+)$/);
      if (m && m[1] === S.prefix) highest = Math.max(highest, parseInt(m[2], 10));
    });
    state.nextId = S.prefix + "-" + String(highest + 1).padStart(3, "0");
    state.taken = Object.keys(data.pages || {}).map(function (id) {
      return String(data.pages[id].url || "").replace(/\/$/, "").split("/").pop();
    });
    text(el("kb-id-value"), state.nextId);
  }).catch(function () {
    text(el("kb-id-value"), "onbekend");
    showSummary([{ target: "kb-id-value", code: "", message: "Het formulier kon de regels van de kennisbank niet laden. Laad de pagina opnieuw." }]);
  });

  // ---- reading the form ------------------------------------------------------------------

  function today() {
    var d = new Date();
    return [d.getFullYear(), String(d.getMonth() + 1).padStart(2, "0"), String(d.getDate()).padStart(2, "0")].join("-");
  }

  function yearLater(iso) {
    var p = iso.split("-").map(Number);
    var day = (p[1] === 2 && p[2] === 29) ? 28 : p[2];  // as content/dates.add_years
    return [p[0] + 1, String(p[1]).padStart(2, "0"), String(day).padStart(2, "0")].join("-");
  }

  function fieldOf(key) { return form.querySelector('[data-field="' + key + '"]'); }

  function sourceRows() {
    var rows = [];
    form.querySelectorAll(".kb-source").forEach(function (row) {
      var i = row.dataset.index, source = {};
      ["title", "url", "section"].forEach(function (part) {
        var value = el("kb-f-sources-" + i + "-" + part).value.trim();
        if (value) source[part] = value;
      });
      if (Object.keys(source).length) rows.push({ index: i, source: source });
    });
    return rows;
  }

  function valueOf(key) {
    var field = fieldOf(key);
    if (!field) return undefined;
    var kind = field.dataset.kind;
    if (kind === "checkboxes") {
      return Array.prototype.map.call(field.querySelectorAll("input:checked"), function (box) { return box.value; });
    }
    if (kind === "sources") {
      var rows = sourceRows();
      return rows.length ? rows.map(function (r) { return r.source; }) : undefined;
    }
    var value = el("kb-f-" + key).value.replace(/\r\n?/g, "\n");
    if (kind === "lines") {
      var lines = value.split("\n").map(function (l) { return l.trim(); }).filter(Boolean);
      return lines.length ? lines : undefined;
    }
    value = kind === "textarea" ? value.trim().replace(/\s*\n\s*/g, " ") : value.trim();
    return value || undefined;
  }

  function collect() {
    var meta = {}, published = today();
    KEYS.forEach(function (key) {
      var value;
      if (key === "id") value = state.nextId;
      else if (key === "published") value = published;
      else if (key === "review_by") value = yearLater(published);
      else if (key === "related") value = [];
      else value = valueOf(key);
      if (value !== undefined) meta[key] = value;
    });
    var sections = HEADINGS.map(function (heading, i) {
      return el("kb-f-body-" + i).value.replace(/\r\n?/g, "\n").replace(/^\s*\n|\s+$/g, "");
    });
    return { meta: meta, sections: sections };
  }

  // ---- checking --------------------------------------------------------------------------

  function labelOf(key) {
    var label = el("kb-f-" + key + "-label");
    return label ? label.firstChild.textContent.trim() : key;
  }

  /* The control a problem belongs to, from a JSON pointer such as #/sources/0/url. */
  function targetOf(pointer, property) {
    var parts = pointer.replace(/^#\/?/, "").split("/").filter(Boolean);
    if (property) parts.push(property);
    if (!parts.length) return "kb-f-title";
    if (parts[0] === "sources") {
      var rows = sourceRows(), row = parts.length > 1 ? rows[+parts[1]] : null;
      var index = row ? row.index : (form.querySelector(".kb-source") || { dataset: { index: 0 } }).dataset.index;
      return "kb-f-sources-" + index + "-" + (parts[2] || (row ? "url" : "title"));
    }
    var field = fieldOf(parts[0]);
    if (field && field.dataset.kind === "checkboxes") return field.querySelector("input").id;
    return "kb-f-" + parts[0];
  }

  var SIZE = { minLength: "minstens", maxLength: "hoogstens", minItems: "minstens", maxItems: "hoogstens" };

  /* One Dutch problem per schema error, with the code kb validate gives it (checks/schema_problems.py). */
  function schemaProblem(error, meta) {
    var kw = error.keyword, pointer = error.instanceLocation;
    if (/\/anyOf\/\d+\//.test(error.keywordLocation)) return null;  // reported once, as the anyOf
    var parts = pointer.replace(/^#\/?/, "").split("/").filter(Boolean);
    var key = parts[0], label = key ? labelOf(key) : "";
    var where = key === "sources" && parts[1] !== undefined ? "Bron " + (+parts[1] + 1) + ": " : (label ? "‘" + label + "’: " : "");
    if (kw === "required") {
      var missing = (error.error.match(/property "([^"]+)"/) || [])[1];
      if (!missing || missing === "id") return null;
      var target = targetOf(pointer, missing);
      if (pointer !== "#") return { target: target, code: "SCH001", message: where + "vul de titel van de bron in; die is verplicht." };
      var field = fieldOf(missing);
      var choose = field && /select|checkboxes/.test(field.dataset.kind);
      var message = choose ? "Kies ‘" + labelOf(missing) + "’; dat is verplicht." : "Vul ‘" + labelOf(missing) + "’ in; dat is verplicht.";
      return { target: target, code: "SCH001", message: message };
    }
    if (kw === "anyOf" && key === "sources") {
      return { target: targetOf(pointer + "/url"), code: "SCH007", message: where + "geef een webadres (url) of een sectie van het document." };
    }
    if (kw === "pattern" && key === "id") return { target: "kb-id-value", code: "ID002", message: "De id ‘" + state.nextId + "’ heeft niet de vorm van deze collectie." };
    if (kw === "pattern" || kw === "format") {
      var hint = { url: "een webadres dat met https:// of http:// begint, zonder spaties", period: "een jaar (2023) of twee jaren (2022-2024)" }[parts[parts.length - 1]];
      return { target: targetOf(pointer), code: "SCH004", message: where + "dit heeft niet de juiste vorm" + (hint ? ": schrijf " + hint + "." : ".") };
    }
    if (SIZE[kw]) {
      var limit = (error.error.match(/\((\d+) [<>] (\d+)\)/) || [])[2];
      var unit = /Items/.test(kw) ? (fieldOf(key) && fieldOf(key).dataset.kind === "checkboxes" ? "keuzes" : "regels") : "tekens";
      var now = (error.error.match(/\((\d+) [<>]/) || [])[1];
      if (unit === "keuzes" && kw === "minItems") return { target: targetOf(pointer), code: "SCH005", message: where + "kies er minstens " + limit + "." };
      if (unit === "regels" && kw === "minItems") return { target: targetOf(pointer), code: "SCH005", message: where + "geef er minstens " + limit + ", elk op een eigen regel." };
      return { target: targetOf(pointer), code: "SCH005", message: where + "dit heeft " + now + " " + unit + "; dat moeten er " + SIZE[kw] + " " + limit + " zijn." };
    }
    if (kw === "uniqueItems") return { target: targetOf(pointer), code: "SCH006", message: where + "een waarde staat er dubbel in." };
    if (kw === "enum") return { target: targetOf(pointer), code: "VOC001", message: where + "deze waarde staat niet in de woordenlijst." };
    if (kw === "type") return { target: targetOf(pointer), code: "SCH003", message: where + "deze waarde heeft het verkeerde type." };
    return null;  // allOf, $ref, properties, items, unevaluatedProperties: follow from the above
  }

  function lower(message) { return message.charAt(0).toLowerCase() + message.slice(1); }

  function textProblems(target, value, where, isFrontMatter) {
    var out = [];
    checks.markup(value).forEach(function (p) { out.push({ target: target, code: p.code, message: where + lower(p.message) }); });
    if (value.indexOf("[[VUL IN") !== -1) out.push({ target: target, code: "VUL001", message: where + "hier staat nog een invulplek uit het sjabloon." });
    checks.invisible(value, !isFrontMatter).forEach(function (p) { out.push({ target: target, code: p.code, message: where + lower(p.message) }); });
    return out;
  }

  function frontMatterProblems(meta) {
    var out = [];
    Object.keys(meta).forEach(function (key) {
      if (NOT_CHECKED.indexOf(key) !== -1) return;
      var values = Array.isArray(meta[key]) ? meta[key] : [meta[key]];
      values.forEach(function (value, i) {
        var pieces = typeof value === "object" ? Object.keys(value).map(function (k) { return [k, value[k]]; }) : [[null, value]];
        pieces.forEach(function (piece) {
          var target = key === "sources" ? targetOf("#/sources/" + i + "/" + piece[0]) : targetOf("#/" + key);
          var where = key === "sources" ? "Bron " + (i + 1) + ": " : "‘" + labelOf(key) + "’: ";
          out = out.concat(textProblems(target, String(piece[1]), where, true));
          checks.personalData(String(piece[1]), MAILBOXES).forEach(function (f) { out.push({ target: target, code: f.code, message: where + f.message }); });
        });
      });
    });
    return out;
  }

  function bodyProblems(sections) {
    var out = [], size = 0;
    sections.forEach(function (section, i) {
      var target = "kb-f-body-" + i, where = "‘" + HEADINGS[i] + "’: ";
      size += new Blob([section]).size;
      if (!section.trim()) { out.push({ target: target, code: "BODY001", message: where + "schrijf tekst onder deze kop; elke kop is verplicht." }); return; }
      out = out.concat(textProblems(target, section, where, false));
      checks.headings(section).forEach(function (p) { out.push({ target: target, code: p.code, message: where + lower(p.message) }); });
      section.split(/\n\s*\n/).forEach(function (paragraph) {
        checks.personalData(paragraph, MAILBOXES).forEach(function (f) { out.push({ target: target, code: f.code, message: where + f.message }); });
      });
    });
    if (size > BODY_LIMIT) out.push({ target: "kb-f-body-0", code: "BODY003", message: "De tekst is groter dan 200 KB; maak hem korter." });
    return out;
  }

  function problemsOf(entry) {
    var result = state.validator.validate(entry.meta);
    var out = [];
    result.errors.forEach(function (error) {
      var p = schemaProblem(error, entry.meta);
      if (p && !out.some(function (q) { return q.target === p.target && q.code === p.code; })) out.push(p);
    });
    return out.concat(frontMatterProblems(entry.meta), bodyProblems(entry.sections));
  }

  // ---- showing problems ------------------------------------------------------------------

  function errorNodeFor(target) {
    var control = el(target);
    var group = control && control.closest(".kb-choices");
    var base = group ? group.id : target;
    return { control: control, group: group, error: el(base + "-error"), base: base };
  }

  function clearProblems() {
    form.querySelectorAll(".kb-error-message").forEach(function (node) { node.hidden = true; node.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(function (node) { node.removeAttribute("aria-invalid"); });
    form.querySelectorAll(".kb-field--error").forEach(function (node) { node.classList.remove("kb-field--error"); });
    form.querySelectorAll("[data-kb-described]").forEach(function (node) {
      node.setAttribute("aria-describedby", node.dataset.kbDescribed);
      if (!node.dataset.kbDescribed) node.removeAttribute("aria-describedby");
    });
    el("kb-error-summary").hidden = true;
  }

  function codeLink(code) {
    var a = document.createElement("a");
    a.href = S.codes + "#" + code.toLowerCase();
    return text(a, code);
  }

  function showProblem(p) {
    var at = errorNodeFor(p.target);
    if (!at.error) return;
    var line = document.createElement("span");
    var hidden = text(document.createElement("span"), "Fout: ");
    hidden.className = "kb-visually-hidden";
    line.appendChild(hidden);
    line.appendChild(document.createTextNode(p.message + " ("));
    line.appendChild(codeLink(p.code));
    line.appendChild(document.createTextNode(")"));
    if (at.error.childNodes.length) at.error.appendChild(document.createElement("br"));
    at.error.appendChild(line);
    at.error.hidden = false;
    var described = at.group || at.control;
    if (described) {
      if (described.dataset.kbDescribed === undefined) described.dataset.kbDescribed = described.getAttribute("aria-describedby") || "";
      var ids = (described.dataset.kbDescribed + " " + at.error.id).trim();
      described.setAttribute("aria-describedby", ids);
      (at.group ? at.group.querySelectorAll("input") : [at.control]).forEach(function (c) { c.setAttribute("aria-invalid", "true"); });
      (at.group || at.control.closest(".kb-field")).classList.add("kb-field--error");
    }
  }

  function showSummary(problems) {
    var summary = el("kb-error-summary"), list = summary.querySelector("ul");
    list.textContent = "";
    text(el("kb-error-summary-title"), problems.length === 1 ? "Er is 1 probleem" : "Er zijn " + problems.length + " problemen");
    problems.forEach(function (p) {
      var item = document.createElement("li"), link = document.createElement("a");
      link.href = "#" + p.target;
      text(link, p.message + (p.code ? " (" + p.code + ")" : ""));
      link.addEventListener("click", function (event) {
        var target = el(p.target);
        if (!target) return;
        event.preventDefault();
        target.focus();
        target.scrollIntoView({ block: "center" });
      });
      item.appendChild(link);
      list.appendChild(item);
    });
    summary.hidden = false;
    summary.focus();
  }

  // ---- the file ---------------------------------------------------------------------------

  /* A double-quoted YAML scalar: JSON's escapes are YAML's too; the line and paragraph
     separators, NEL and BOM are escaped as well, so YAML 1.1 reads exactly this text. */
  function quoted(value) {
    return JSON.stringify(String(value)).replace(/[\u0085\u2028\u2029\ufeff]/g, function (c) {
      return "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0");
    });
  }

  function yamlValue(value) {
    if (Array.isArray(value)) return "[" + value.map(quoted).join(", ") + "]";
    return quoted(value);
  }

  /* The entry file, keys in the template's order, every string quoted (so NO, yes, 2024 and colons stay text). */
  function entryFile(entry) {
    var lines = ["---", "# yaml-language-server: $schema=../schemas/" + S.collection.replace(/[^a-z]/g, "") + ".schema.json"];
    KEYS.forEach(function (key) {
      if (!(key in entry.meta)) return;
      var value = entry.meta[key];
      if (key === "sources") {
        lines.push("sources:");
        value.forEach(function (source) {
          Object.keys(source).forEach(function (part, i) {
            lines.push((i === 0 ? "  - " : "    ") + part + ": " + quoted(source[part]));
          });
        });
      } else {
        lines.push(key + ": " + yamlValue(value));
      }
    });
    lines.push("---", "");
    HEADINGS.forEach(function (heading, i) {
      lines.push("## " + heading, "", entry.sections[i], "");
    });
    return lines.join("\n").replace(/\n+$/, "\n");
  }

  /* A file name as kb validate accepts it (content/loader.py SLUG_RE), not yet in use. */
  function slugFor(title) {
    var slug = title.replace(/ß/g, "ss").replace(/[æÆ]/g, "ae").replace(/[øØ]/g, "o").replace(/[œŒ]/g, "oe")
      .normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80).replace(/-+$/, "") || "item";
    var candidate = slug, n = 2;
    while (state.taken.indexOf(candidate) !== -1 || RESERVED.indexOf(candidate) !== -1) candidate = slug + "-" + n++;
    return candidate;
  }

  // ---- the ways out ----------------------------------------------------------------------

  function offer(file, path) {
    state.file = file;
    state.path = path;
    text(el("kb-file"), file);
    text(el("kb-result-file"), "Het bestand heet " + path + ". De redactie leest het na voordat het op de site komt.");
    var github = el("kb-github"), note = el("kb-github-note");
    var url = S.repo ? S.repo + "/new/main?filename=" + encodeURIComponent(path) + "&value=" + encodeURIComponent(file) : "";
    github.hidden = !url || url.length > GITHUB_URL_LIMIT;
    if (url && url.length <= GITHUB_URL_LIMIT) {
      github.href = url;
      text(note, "Op GitHub ziet u het bestand klaarstaan. Heeft u geen schrijfrechten, dan maakt GitHub een eigen kopie (fork) en een pull request voor u; daarvoor heeft u een GitHub-account nodig.");
    } else if (url) {
      github.removeAttribute("href");
      text(note, "Uw tekst is te lang om in één webadres naar GitHub te sturen (GitHub neemt adressen tot ongeveer 8.000 tekens aan). Download het bestand en voeg het op GitHub toe met ‘Add file’ en ‘Upload files’, kopieer het, of stuur het per e-mail.");
    } else {
      text(note, "");
    }
    var mail = el("kb-email");
    mail.hidden = !S.email;
    if (S.email) {
      var subject = "Voorstel voor de kennisbank: " + path;
      var body = file;
      var href = "mailto:" + S.email + "?subject=" + encodeURIComponent(subject) + "&body=" + encodeURIComponent(body);
      if (href.length > MAILTO_LIMIT) {
        body = "Mijn voorstel staat in het bijgevoegde bestand " + path.split("/").pop() + " (gedownload van het formulier op de site).";
        href = "mailto:" + S.email + "?subject=" + encodeURIComponent(subject) + "&body=" + encodeURIComponent(body);
      }
      mail.href = href;
    }
    var result = el("kb-result");
    result.hidden = false;
    el("kb-result-title").focus();
  }

  el("kb-download").addEventListener("click", function () {
    if (!state.file) return;
    var url = URL.createObjectURL(new Blob([state.file], { type: "text/markdown;charset=utf-8" }));
    var a = document.createElement("a");
    a.href = url;
    a.download = state.path.split("/").pop();
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    text(el("kb-way-status"), "Het bestand " + a.download + " is gedownload.");
  });

  el("kb-copy").addEventListener("click", function () {
    if (!state.file) return;
    var done = function () { text(el("kb-way-status"), "Het bestand staat op het klembord."); };
    var failed = function () { text(el("kb-way-status"), "Kopiëren lukte niet. Open ‘Bekijk het bestand’ en kopieer de tekst zelf."); };
    if (navigator.clipboard) navigator.clipboard.writeText(state.file).then(done, failed);
    else failed();
  });

  // ---- sources: add and remove rows -------------------------------------------------------

  var rows = el("kb-source-rows"), template = rows && rows.querySelector(".kb-source").cloneNode(true);

  function renumber() {
    rows.querySelectorAll(".kb-source").forEach(function (row, n) {
      text(row.querySelector("legend"), "Bron " + (n + 1));
      var remove = row.querySelector(".kb-remove-source");
      if (remove) text(remove, "Verwijder bron " + (n + 1));
    });
  }

  if (rows) {
    var counter = 1;
    el("kb-add-source").addEventListener("click", function () {
      var index = counter++;
      var row = template.cloneNode(true);
      row.dataset.index = String(index);
      row.querySelectorAll("[id]").forEach(function (node) { node.id = node.id.replace("-0-", "-" + index + "-"); });
      row.querySelectorAll("[for]").forEach(function (node) { node.htmlFor = node.htmlFor.replace("-0-", "-" + index + "-"); });
      row.querySelectorAll("[name]").forEach(function (node) { node.name = node.name.replace("-0-", "-" + index + "-"); node.value = ""; });
      row.querySelectorAll(".kb-error-message").forEach(function (node) { node.hidden = true; node.textContent = ""; });
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "md-button kb-remove-source";
      remove.addEventListener("click", function () {
        row.remove();
        renumber();
        el("kb-add-source").focus();
      });
      var holder = document.createElement("p");
      holder.appendChild(remove);
      row.appendChild(holder);
      rows.appendChild(row);
      renumber();
      row.querySelector("input").focus();
    });
  }

  // ---- submit ----------------------------------------------------------------------------

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    ready.then(function () {
      if (!state.validator) return;
      clearProblems();
      el("kb-result").hidden = true;
      state.file = "";
      text(el("kb-file"), "");
      var entry = collect();
      var slug = slugFor(entry.meta.title || "");
      var problems = problemsOf(entry);
      checks.personalData(slug, MAILBOXES).forEach(function (f) {
        problems.push({ target: "kb-f-title", code: f.code, message: "‘Titel’ (de bestandsnaam): " + f.message });
      });
      var order = Array.prototype.map.call(form.querySelectorAll("[id]"), function (node) { return node.id; });
      problems.sort(function (a, b) { return order.indexOf(a.target) - order.indexOf(b.target); });
      if (problems.length) {
        problems.forEach(showProblem);
        showSummary(problems);
        return;
      }
      offer(entryFile(entry), S.folder + "/" + slug + ".md");
    });
  });

  // For the browser tests: the same steps the buttons take.
  window.kbProposal = { ready: ready, state: state };
})();
