"""The repository's own site, built for real: pages, themes, backlinks, search index, privacy."""

from __future__ import annotations

import html as html_lib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import CONFIGURED, ROOT, build_site, copy_project
from kennisbank.adapters.pipeline import check
from kennisbank.content.collections import COLLECTIONS

CHECKED = check(ROOT)
ENTRIES = CHECKED.project.entries


class Links(HTMLParser):
    """Collects links and resource references of one HTML page, with the text of links."""

    def __init__(self) -> None:
        super().__init__()
        self.anchors: list[str] = []
        self.resources: list[tuple[str, str]] = []
        self.in_article = 0
        self.article_links: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self.in_article += 1
        if tag == "a" and a.get("href"):
            self.anchors.append(a["href"])
            if self.in_article:
                self.article_links.append(a["href"])
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and a.get("src"):
            self.resources.append((tag, a["src"]))
        if tag == "link" and a.get("href") and a.get("rel") not in ("canonical", "alternate"):
            self.resources.append((tag, a["href"]))
        if tag == "object" and a.get("data"):
            self.resources.append((tag, a["data"]))

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article -= 1


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def entry_html(site: Path, entry) -> Path:
    return site / entry.collection.url_prefix / entry.slug / "index.html"


def resolve(page: Path, href: str, site: Path) -> Path:
    target = (page.parent / urlsplit(href).path).resolve()
    return target / "index.html" if target.is_dir() else target


def test_real_content_is_clean_and_large_enough():
    assert CHECKED.problems == []
    counts = {c.name: len(CHECKED.project.by_collection(c)) for c in COLLECTIONS}
    assert counts["instrument"] >= 18 and counts["dilemma"] >= 12 and counts["practice"] >= 10
    assert sum(counts.values()) >= 40


def test_every_entry_has_its_page_with_title_metadata_and_sources(built_site):
    for entry in ENTRIES:
        html = entry_html(built_site, entry).read_text(encoding="utf-8")
        h1 = re.search(r'<h1 id="[^"]*">(.*?)<a class="headerlink"', html).group(1)
        assert html_lib.unescape(h1) == entry.title, entry.path
        # The "In het kort" box is a named region: a screen reader lists it among the landmarks.
        box = re.search(r'<div [^>]*class="kb-meta"[^>]*>', html)
        assert box and 'role="region"' in box.group() and 'aria-label="In het kort"' in box.group(), entry.path
        h2 = [html_lib.unescape(t) for t in re.findall(r'<h2 [^>]*id="[^"]*"[^>]*>(.*?)<a class="headerlink"', html)]
        assert h2[: len(entry.collection.headings)] == list(entry.collection.headings), entry.path
        assert "Bronnen" in h2, entry.path
        assert '<html lang="nl"' in html


def test_theme_links_on_entry_pages_lead_to_theme_pages(built_site):
    entry = next(e for e in ENTRIES if e.slug == "kruispuntbank-belgie")
    page = entry_html(built_site, entry)
    links = parse(page).anchors
    for theme in entry.meta["themes"]:
        assert any(href.rstrip("/").endswith(f"themas/{theme}") for href in links), theme


@pytest.mark.parametrize("theme", [t for t in CHECKED.project.vocabularies.terms["themes"]])
def test_each_theme_page_lists_exactly_its_entries(built_site, theme):
    page = built_site / "themas" / theme / "index.html"
    listed = set()
    for href in parse(page).article_links:
        target = resolve(page, href, built_site)
        for entry in ENTRIES:
            if target == entry_html(built_site, entry).resolve():
                listed.add(entry.id)
    expected = {e.id for e in ENTRIES if theme in e.meta["themes"]}
    assert listed == expected


def test_backlinks_appear_on_the_linked_entry(built_site):
    pairs = [(e, t) for e in ENTRIES for t in e.meta.get("related", [])]
    assert pairs, "the content has no links between entries"
    by_id = {e.id: e for e in ENTRIES}
    for source, target_id in pairs:
        target_page = entry_html(built_site, by_id[target_id])
        html = target_page.read_text(encoding="utf-8")
        assert "Gerelateerd" in html
        hrefs = [resolve(target_page, h, built_site) for h in parse(target_page).article_links]
        assert entry_html(built_site, source).resolve() in hrefs, (
            f"{target_id} mist een terugverwijzing naar {source.id}"
        )


def test_collection_overviews_list_every_entry(built_site):
    for collection in COLLECTIONS:
        page = built_site / collection.url_prefix / "index.html"
        html = page.read_text(encoding="utf-8")
        assert "<table" in html
        for entry in CHECKED.project.by_collection(collection):
            assert f'href="{entry.slug}/"' in html, entry.path


def test_tags_index_lists_tags(built_site):
    html = (built_site / "trefwoorden" / "index.html").read_text(encoding="utf-8")
    shown = re.findall(r'<h2 id="tag:[^"]*">\s*<span class="md-tag">([^<]*)</span>', html)
    used = {t for e in ENTRIES for t in e.meta.get("tags") or []}
    labels = CHECKED.project.vocabularies.terms["tags"]
    assert sorted(shown, key=str.casefold) == sorted((labels[t].label for t in used), key=str.casefold)


def test_pagefind_index_has_only_dutch_and_counts_every_entry(built_site):
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["nl"]
    indexed = [p for p in built_site.rglob("*.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    for e in ENTRIES:
        assert entry_html(built_site, e) in indexed, e.path
    assert entry["languages"]["nl"]["page_count"] == len(indexed)


def pagefind_fragment(site: Path, url: str) -> dict:
    """The search record Pagefind keeps for the page at ``url`` (its gzip JSON fragment)."""
    import gzip

    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        record = json.loads(data[data.index(b"{") :])
        if record["url"] == url:
            return record
    raise AssertionError(f"no search record for {url}")


def test_search_record_holds_the_entry_text_not_the_boxes_around_it(built_site):
    """What a result can show of an entry (its Pagefind fragment): the title, summary and
    body, not the details box, sources list, handout link or 'Over dit item'; the box's
    labels are still searchable as metadata."""
    entry = next(e for e in ENTRIES if e.meta.get("themes") and e.meta.get("sources") and e.meta.get("owner"))
    url = f"/{entry.collection.url_prefix}/{entry.slug}/"
    record = pagefind_fragment(built_site, url)
    content = record["content"]
    words = " ".join(re.findall(r"\w+", content))
    first_line = next(line for line in entry.body.splitlines() if line.strip() and not line.startswith("#"))
    for shown in (entry.title, entry.meta["description"], first_line):
        assert " ".join(re.findall(r"\w+", shown)[:8]) in words, f"{url}: {shown!r} is not in its search record"
    for boilerplate in ("In het kort", "Vaste link", "Herzien uiterlijk", "Voeg dit item toe", "Over dit item"):
        assert boilerplate not in content, f"{url}: the search record holds {boilerplate!r}"
    themes = CHECKED.project.vocabularies.terms["themes"]
    for theme in entry.meta["themes"]:
        assert themes[theme].label in record["meta"].get("kenmerken", ""), f"{url}: theme {theme} not searchable"


def test_entry_pages_carry_search_filters(built_site):
    html = entry_html(built_site, ENTRIES[0]).read_text(encoding="utf-8")
    assert 'data-pagefind-filter="collectie:' in html
    assert 'data-pagefind-filter="thema:' in html
    assert 'data-pagefind-filter="organisatietype:' in html


# Hosts that appear only in licence comments, SVG namespaces or inert example strings of
# bundled third-party code (Material, Pagefind); none is ever requested (see test_browser).
INERT_HOSTS = {
    "www.w3.org",
    "github.com",
    "example.com",
    "fontawesome.com",
    "bugs.webkit.org",
    "bugzilla.mozilla.org",
    "tristen.ca",  # tablesort's licence comment
}  # example.com: pagefind.js's dummy URL base
# Material's bundle also names: api.github.com (repository facts, only fetched when
# repo_url is set, which mkdocs.yml avoids on purpose), unpkg.com (Mermaid, only loaded for
# a diagram with the mermaid class, which no page has: no custom fence is configured) and
# clipboardjs.com (a licence comment).
MATERIAL_BUNDLE_HOSTS = {"api.github.com", "unpkg.com", "clipboardjs.com"}


def test_no_built_file_references_another_host(built_site):
    for page in built_site.rglob("*.html"):
        for tag, ref in parse(page).resources:
            assert not urlsplit(ref).netloc, f"{page.relative_to(built_site)}: <{tag}> laadt {ref}"
    for css in built_site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), css
        assert not re.search(r"@import\s+(url\()?['\"]?(https?:)?//", text), css
    for js in built_site.rglob("*.js"):
        hosts = set(re.findall(r"https?://([a-zA-Z0-9.-]+)", js.read_text(encoding="utf-8")))
        allowed = INERT_HOSTS | (MATERIAL_BUNDLE_HOSTS if js.name.startswith("bundle.") else set())
        assert hosts <= allowed, f"{js.relative_to(built_site)}: {hosts - allowed}"
    assert not (built_site / "assets" / "javascripts" / "lunr").exists()


def test_permalinks_resolve_to_their_entry(built_site):
    for entry in ENTRIES:
        page = built_site / "p" / entry.id / "index.html"
        html = page.read_text(encoding="utf-8")
        target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', html).group(1)
        assert resolve(page, target, built_site) == entry_html(built_site, entry).resolve(), entry.id
        assert f"/p/{entry.id}/" in entry_html(built_site, entry).read_text(encoding="utf-8")


def test_entry_page_prints_permalink_and_qr_code(built_site):
    html = entry_html(built_site, ENTRIES[0]).read_text(encoding="utf-8")
    assert 'class="kb-print-only"' in html
    assert f"http://127.0.0.1:8000/p/{ENTRIES[0].id}/" in html
    assert "<svg" in html.split('class="kb-print-only"', 1)[1]


def test_required_government_pages_are_linked_from_the_footer(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    footer = html.split('class="kb-footer-links"', 1)[1].split("</nav>", 1)[0]
    for path in ("over/", "toegankelijkheid/", "privacy/", "beveiliging/"):
        assert path in footer
        assert (built_site / path / "index.html").exists(), path
    # The Dutch page explains how to report and links the machine-readable security.txt.
    assert 'href="../.well-known/security.txt"' in (built_site / "beveiliging" / "index.html").read_text(
        encoding="utf-8"
    )
    security = (built_site / ".well-known" / "security.txt").read_text()
    assert re.search(r"^Contact: https://", security, re.M) and re.search(r"^Expires: \d{4}-", security, re.M)


def test_an_invalid_entry_stops_the_build_and_publishes_nothing(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "practices" / "kapot.md").write_text("---\nid: pr-900\ntitle: Kapot\n---\n\nTekst\n", encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode != 0
    assert not site.exists()
    assert "practices/kapot.md" in result.stdout + result.stderr
    assert "SCH001" in result.stdout + result.stderr


def test_a_renamed_entry_keeps_its_old_url(tmp_path):
    project = copy_project(tmp_path / "project")
    old = project / "practices" / "common-ground.md"
    text = old.read_text(encoding="utf-8").replace(
        "related:", "aliases: [/praktijkvoorbeelden/common-ground/]\nrelated:", 1
    )
    (project / "practices" / "common-ground-federatief.md").write_text(text, encoding="utf-8")
    old.unlink()
    site = tmp_path / "site"
    result = build_site(project, site, extra_env={"KB_PAGEFIND": "false"})
    assert result.returncode == 0, result.stdout + result.stderr
    redirect = site / "praktijkvoorbeelden" / "common-ground" / "index.html"
    assert "url=../common-ground-federatief/" in redirect.read_text(encoding="utf-8")


def test_removing_a_published_page_fails_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "practices" / "common-ground.md").unlink()
    # also drop the links to it, so that only the URL manifest can object
    for path in project.glob("*/*.md"):
        text = path.read_text(encoding="utf-8")
        if "pr-008" in text:
            # pr-008 may stand first in a list ("[pr-008, …]") or later in it ("…, pr-008")
            text = re.sub(r"\[pr-008,\s*", "[", text)
            path.write_text(re.sub(r",?\s*pr-008", "", text), encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(project, site, extra_env={"KB_PAGEFIND": "false"})
    assert result.returncode != 0
    assert "/praktijkvoorbeelden/common-ground/" in result.stdout + result.stderr
    assert "/p/pr-008/" in result.stdout + result.stderr


def test_manifest_holds_every_current_url(built_site):
    from kennisbank.site.manifest import MANIFEST_FILE, read_manifest, url_of

    manifest = set(read_manifest(ROOT / MANIFEST_FILE))
    pages = {url_of(p.relative_to(built_site).as_posix()) for p in built_site.rglob("index.html")}
    missing = sorted(u for u in pages if u and u not in manifest)
    assert not missing, f"Nieuwe adressen ontbreken in {MANIFEST_FILE}; draai 'kb urls --update': {missing[:5]}"


def test_stale_entries_show_a_notice(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "dilemmas" / "meerdere-opdrachtgevers.md"
    text = re.sub(r"review_by: .*", "review_by: 2020-01-01", path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(project, site, extra_env={"KB_PAGEFIND": "false"})
    assert result.returncode == 0, result.stderr
    stale = (site / "dilemmas" / "meerdere-opdrachtgevers" / "index.html").read_text(encoding="utf-8")
    fresh = (
        (site / "dilemmas" / "meerdere-opdrachtgevers" / "index.html").parent.parent
        / "waarmee-stopt-de-overheid"
        / "index.html"
    )
    assert "Mogelijk verouderd" in stale and "1 januari 2020" in stale
    assert "Mogelijk verouderd" not in fresh.read_text(encoding="utf-8")


def test_edit_links_point_at_the_real_source_files(built_site):
    entry = ENTRIES[0]
    html = entry_html(built_site, entry).read_text(encoding="utf-8")
    assert f'href="https://github.com/werk-aan-uitvoering/kennisbank/edit/main/{entry.path}"' in html
    docs_page = (built_site / "privacy" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/werk-aan-uitvoering/kennisbank/edit/main/docs/privacy.md"' in docs_page


def test_site_engine_and_exports_read_the_same_front_matter(built_site):
    """The page MkDocs renders and the JSON export show what the validator read."""
    import html as html_lib

    exported = {
        r["id"]: r for r in json.loads((built_site / "data" / "kennisbank.json").read_text(encoding="utf-8"))["entries"]
    }
    for entry in ENTRIES:
        page = entry_html(built_site, entry).read_text(encoding="utf-8")
        description = re.search(r'<meta name="description" content="([^"]*)"', page).group(1)
        assert html_lib.unescape(description) == entry.meta["description"], entry.path
        assert exported[entry.id]["title"] == entry.meta["title"]
        assert exported[entry.id]["themes"] == entry.meta["themes"]


def test_serve_watches_every_content_folder():
    from kennisbank.adapters.mkdocs_plugin import KennisbankPlugin

    class FakeServer:
        def __init__(self):
            self.watched = []

        def watch(self, path):
            self.watched.append(Path(path).name)

    plugin = KennisbankPlugin()
    plugin.root = ROOT
    server = FakeServer()
    plugin.on_serve(server, config=None, builder=None)
    assert {"practices", "dilemmas", "instruments", "schemas", "vocabularies.yml"} <= set(server.watched)


def test_two_builds_of_one_commit_are_identical_outside_pagefind(built_site, tmp_path):
    """Reproducible builds: the same content gives the same bytes (Pagefind's own output is
    not reproducible: the README shows the evidence)."""
    again = tmp_path / "site"
    result = build_site(
        ROOT, again, site_url="http://127.0.0.1:8000/", extra_env={"KB_PAGEFIND": "false", **CONFIGURED}
    )
    assert result.returncode == 0, result.stdout + result.stderr

    def files(site: Path) -> dict[str, bytes]:
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
                if p.is_file() and p.relative_to(site).parts[0] != "pagefind"}  # fmt: skip

    first, second = files(built_site), files(again)
    assert sorted(first) == sorted(second)
    assert [path for path in first if first[path] != second[path]] == []


# --- the plugin's error paths: each stops the build with a Dutch message, before writing --


def failed_build(tmp_path, change) -> str:
    project = copy_project(tmp_path / "kennisbank")
    change(project)
    site = tmp_path / "site"
    result = build_site(project, site, extra_env={"KB_PAGEFIND": "false"})
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    assert not (site / "index.html").exists()
    return result.stdout + result.stderr


@pytest.mark.site
def test_plugin_stops_on_content_problems(tmp_path):
    def break_entry(project):
        path = next((project / "practices").glob("*.md"))
        path.write_text(path.read_text(encoding="utf-8").replace("\ntitle:", "\ntitel:", 1), encoding="utf-8")

    log = failed_build(tmp_path, break_entry)
    assert "SCH002" in log and "De site is niet gebouwd." in log


@pytest.mark.site
def test_plugin_stops_on_a_broken_vocabulary(tmp_path):
    log = failed_build(tmp_path, lambda p: (p / "vocabularies.yml").write_text("themes: [\n", encoding="utf-8"))
    assert "Configuratiefout" in log and "vocabularies.yml" in log


@pytest.mark.site
def test_plugin_stops_when_a_hand_written_page_takes_a_generated_address(tmp_path):
    log = failed_build(tmp_path, lambda p: (p / "docs" / "handout.md").write_text("# Eigen\n", encoding="utf-8"))
    assert "docs/handout.md bestaat al, maar die pagina wordt gegenereerd" in log


@pytest.mark.site
def test_plugin_refuses_an_invalid_today(tmp_path):
    def set_today(project):
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        config.write_text(
            text.replace("  - kennisbank:\n", "  - kennisbank:\n      today: 29-02-2028\n"), encoding="utf-8"
        )

    log = failed_build(tmp_path, set_today)
    assert "'29-02-2028' is geen datum in de vorm JJJJ-MM-DD." in log


def test_counts_read_as_dutch(built_site):
    """ "1 item", never "1 items"; an empty facet page invites a contribution."""
    wrong = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")
             if re.search(r"(?<![\d.,])1 items\b", re.sub(r"<[^>]+>", " ", p.read_text(encoding="utf-8")))]  # fmt: skip
    assert wrong == []
    empty = [p for p in built_site.glob("*/*/index.html") if "Er zijn nog geen items met deze waarde" in p.read_text()]
    assert empty and all('href="../../bijdragen/"' in p.read_text() for p in empty)


def test_link_previews_on_every_page_and_json_ld_on_entries(built_site):
    """Open Graph with absolute URLs on every page; on an entry page its title is the h1, and
    the JSON-LD parses, names the entry and is based on its sources."""
    for path in built_site.rglob("index.html"):
        if path.relative_to(built_site).parts[0] in ("p", "pagefind") or "refresh" in path.read_text()[:400]:
            continue  # redirect pages
        text = path.read_text(encoding="utf-8")
        assert re.search(r'<meta property="og:title" content="[^"]+">', text), path
        url = re.search(r'<meta property="og:url" content="([^"]+)">', text)
        assert url and url.group(1).startswith("http://127.0.0.1:8000/"), path
    for entry in ENTRIES:
        text = entry_html(built_site, entry).read_text(encoding="utf-8")
        og_title = html_lib.unescape(re.search(r'<meta property="og:title" content="([^"]*)">', text).group(1))
        h1 = html_lib.unescape(re.search(r'<h1 id="[^"]*">(.*?)<a class="headerlink"', text).group(1))
        assert og_title == h1 == entry.title
        graph = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S).group(1))[
            "@graph"
        ]
        data = next(node for node in graph if node["@type"] == "Article")
        assert data["headline"] == entry.title
        assert data["datePublished"] == entry.meta["published"] and data["inLanguage"] == "nl"
        assert [s["name"] for s in data["isBasedOn"]] == [s["title"] for s in entry.meta["sources"]]


def test_breadcrumb_and_header_search_on_every_page_type(built_site):
    """Start › collection › entry, Start › facet › value: a nav labelled "Kruimelpad" with
    links to every step but the page itself, the same steps as schema.org BreadcrumbList, and
    a search box in the header that sends the query to the search page."""
    entry = ENTRIES[0]
    pages = {
        entry_html(built_site, entry): ["Start", entry.collection.label, entry.title],
        built_site / "themas" / "gegevensdeling" / "index.html": ["Start", "Thema's", "Gegevensdeling"],
        built_site / "organisatietypen" / "index.html": ["Start", "Organisatietypen"],
        built_site / entry.collection.url_prefix / "index.html": ["Start", entry.collection.label],
    }
    for path, steps in pages.items():
        text = path.read_text(encoding="utf-8")
        nav = re.search(r'<nav aria-label="Kruimelpad" class="kb-breadcrumb">(.*?)</nav>', text, re.S).group(1)
        items = [
            html_lib.unescape(re.sub(r"<[^>]+>", "", li)).strip() for li in re.findall(r"<li>(.*?)</li>", nav, re.S)
        ]
        assert items == steps, path
        assert len(re.findall(r"<a href=", nav)) == len(steps) - 1
        graph = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S).group(1))
        crumbs = next(n for n in graph.get("@graph", [graph]) if n["@type"] == "BreadcrumbList")
        assert [i["name"] for i in crumbs["itemListElement"]] == steps
        assert all(i["item"].startswith("http://127.0.0.1:8000/") for i in crumbs["itemListElement"])
    for path in [*pages, built_site / "index.html", built_site / "404.html", built_site / "over" / "index.html"]:
        form = re.search(
            r'<form class="kb-header-search" action="([^"]+)" method="get" role="search">', path.read_text()
        )
        assert form and form.group(1).endswith("zoeken/"), path


def test_home_page_starts_from_questions_and_puts_trainer_tools_last(built_site):
    text = (built_site / "index.html").read_text(encoding="utf-8")
    headings = [html_lib.unescape(h) for h in re.findall(r'<h2 id="[^"]*">(.*?)<a class="headerlink"', text)]
    assert headings[0] == "Waar zoekt u hulp bij?" and headings.index(
        "Voor trainers en bijeenkomsten"
    ) > headings.index("Thema's")
    questions = re.search(r'<div class="kb-questions">(.*?)</div>', text, re.S).group(1)
    links = re.findall(r'href="([^"]+)"', questions)
    assert (
        "instrumenten/quickscan-moties-en-amendementen/" in links and "instrumenten/welk-instrument-wanneer/" in links
    )
    assert all((built_site / link / "index.html").is_file() for link in links)
