"""The safety boundary (issue 9): contributed text never becomes markup, script, a lost file
or a file outside the site.

Inputs that ``kb validate`` refuses are in the bad-input corpus (``fixtures/bad``). Here:
inputs that cannot live in that corpus (symlinks, huge bodies, site folders), and a site
built from hostile but valid content, checked for the exact text a reader sees.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, build_site, copy_project
from kennisbank.adapters.cli import cli
from kennisbank.checks.allowlists import BODY, PAGE
from kennisbank.checks.html_safety import html_findings, sanitize
from kennisbank.checks.pii import findings, normalise
from kennisbank.site.exports import neutralise
from kennisbank.site.text import md
from kennisbank.site.urls import UnsafePathError, output_path

BAD = Path(__file__).resolve().parent / "fixtures" / "bad"
CLEAN = (
    (BAD / "safe001-script" / "practices" / "voorbeeld.md")
    .read_text(encoding="utf-8")
    .replace("\n<script>alert(1)</script>\n", "")
)


def invoke(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args], env={"GITHUB_ACTIONS": None})


def small_project(tmp_path: Path, text: str = CLEAN, name: str = "voorbeeld.md") -> Path:
    root = tmp_path / "project"
    (root / "practices").mkdir(parents=True)
    shutil.copy(ROOT / "vocabularies.yml", root / "vocabularies.yml")
    shutil.copytree(ROOT / "schemas", root / "schemas")
    (root / "practices" / name).write_text(text, encoding="utf-8")
    return root


def problems_of(root: Path) -> list[tuple[str, str, int]]:
    result = invoke("validate", "--root", root, "--format", "json")
    assert ("Traceback" not in result.output and result.exception in (None,)) or isinstance(
        result.exception, SystemExit
    )
    return [(p["path"], p["code"], p["line"]) for p in json.loads(result.stdout)["problems"]]


# --- files and folders ------------------------------------------------------------------


def test_a_symlink_in_a_content_folder_is_refused(tmp_path):
    root = small_project(tmp_path)
    outside = tmp_path / "buiten.md"
    outside.write_text(CLEAN.replace("pr-101", "pr-102"), encoding="utf-8")
    (root / "practices" / "link.md").symlink_to(outside)
    assert problems_of(root) == [("practices/link.md", "FILE002", 0)]


def test_a_symlink_in_docs_is_refused(tmp_path):
    root = small_project(tmp_path)
    (root / "docs").mkdir()
    (root / "docs" / "config.md").symlink_to(root / "vocabularies.yml")
    assert problems_of(root) == [("docs/config.md", "FILE002", 0)]


def test_a_vocabulary_id_that_is_not_a_slug_stops_everything(tmp_path):
    root = small_project(tmp_path)
    vocabularies = (root / "vocabularies.yml").read_text(encoding="utf-8")
    (root / "vocabularies.yml").write_text(
        vocabularies.replace("- id: mensen-centraal", "- id: ../../../x", 1), encoding="utf-8"
    )
    for command in (("validate",), ("generate", "--out", tmp_path / "a" / "out")):
        result = invoke(*command, "--root", root)
        assert result.exit_code == 2, result.output
        assert "'../../../x' geen slug" in result.output
    assert not (tmp_path / "x").exists() and not (tmp_path / "a").exists()


def test_output_paths_stay_inside_the_output_folder(tmp_path):
    assert output_path(tmp_path, "themas/a.md") == (tmp_path / "themas" / "a.md").resolve()
    for bad in ("/index.html", "../x.md", "a//b.md", "a/../../b.md", "", "./a.md"):
        with pytest.raises(UnsafePathError):
            output_path(tmp_path, bad)
    (tmp_path / "uit").symlink_to(tmp_path.parent)
    with pytest.raises(UnsafePathError):
        output_path(tmp_path, "uit/x.md")


# --- limits -----------------------------------------------------------------------------


def test_a_body_over_200_kb_is_refused_with_its_size(tmp_path):
    root = small_project(tmp_path, CLEAN + "\n" + ("Een zin met woorden. " * 12000) + "\n")
    result = invoke("validate", "--root", root)
    assert result.exit_code == 1
    assert "practices/voorbeeld.md:19:1: BODY003" in result.output and "246 KB" in result.output


def test_800_nested_list_levels_are_refused_without_a_traceback(tmp_path):
    nested = "\n".join(" " * (4 * level) + "- niveau" for level in range(800))
    root = small_project(tmp_path, CLEAN + "\n" + nested + "\n")
    assert problems_of(root) == [("practices/voorbeeld.md", "BODY003", 19)]  # 1.3 MB of indentation


def test_lists_nested_deeper_than_ten_levels_are_refused_at_the_eleventh(tmp_path):
    nested = "\n".join(" " * (4 * level) + "- niveau" for level in range(100))
    root = small_project(tmp_path, CLEAN + "\n" + nested + "\n")
    assert problems_of(root) == [("practices/voorbeeld.md", "BODY004", 46)]


def test_a_paragraph_with_7000_links_is_accepted(tmp_path):
    links = " ".join(f"[b{i}](https://x.nl/{i})" for i in range(7000))  # 180 KB, just under the limit
    root = small_project(tmp_path, CLEAN + "\n" + links + "\n")
    assert problems_of(root) == []


# --- kb build: where the site goes, and what a failure leaves ---------------------------


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("build") / "kennisbank")


@pytest.mark.parametrize("where", ["practices", "docs", ".", "..", "niet-leeg"])
def test_kb_build_refuses_a_site_dir_that_holds_sources(project_copy, where):
    before = sorted(p.relative_to(project_copy) for p in project_copy.rglob("*"))
    if where == "niet-leeg":
        (project_copy / where).mkdir(exist_ok=True)
        (project_copy / where / "notities.txt").write_text("bewaren", encoding="utf-8")
        before = sorted(p.relative_to(project_copy) for p in project_copy.rglob("*"))
    result = invoke("build", "--root", project_copy, "--site-dir", project_copy / where)
    assert result.exit_code == 2, result.output
    assert "kies" in result.output.lower()
    assert sorted(p.relative_to(project_copy) for p in project_copy.rglob("*")) == before


def test_a_failed_build_leaves_the_previous_site(project_copy, tmp_path):
    site = tmp_path / "site"
    env = {**os.environ, "KB_PAGEFIND": "false"}
    ok = CliRunner().invoke(cli, ["build", "--root", str(project_copy), "--site-dir", str(site)], env=env)
    assert ok.exit_code == 0, ok.output
    home = (site / "index.html").read_text(encoding="utf-8")
    broken = project_copy / "docs" / "kapot.md"
    broken.write_text("# Kapot\n\n[nergens](bestaat-niet.md)\n", encoding="utf-8")  # strict: fails after validation
    try:
        failed = CliRunner().invoke(cli, ["build", "--root", str(project_copy), "--site-dir", str(site)], env=env)
    finally:
        broken.unlink()
    assert failed.exit_code == 1
    assert "vorige versie is ongewijzigd" in failed.output
    assert (site / "index.html").read_text(encoding="utf-8") == home
    assert (site / ".kennisbank-site").is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")]


# --- the sanitizer and the detectors on their own ---------------------------------------


def test_sanitizer_removes_script_in_every_disguise():
    hostile = (
        '<p>a<img/src/onerror=alert(1)><svg/onload=alert(2)><a href=" java\tscript:x">b</a>'
        '<a href="&#106;avascript:y">c</a><span style="color:red" onclick="z">d</span></p><script>alert(3)</script>'
    )
    for policy in (BODY, PAGE):
        cleaned = sanitize(hostile, policy)
        assert not html_findings(cleaned, policy), cleaned
        for bad in ("onerror", "onload", "script", "style", "onclick"):
            assert bad not in cleaned.lower(), (bad, cleaned)
        assert "href" not in cleaned


def test_metadata_escaping_keeps_every_character():
    import markdown

    text = '2. A < B & "C" | [x](y) *z* `q` {: #i } <img src=x>'
    html = markdown.markdown(md(text), extensions=["attr_list", "tables"])
    assert html.startswith("<p>2") and "<ol" not in html
    parser = _Text()
    parser.feed(html)
    assert parser.text == text


@pytest.mark.parametrize(
    "text",
    [
        "0800-8051",
        "088-1234567",
        "0900-1234567",
        "14 020",
        "123.456.708",
        "€ 1.234.567.890",
        "op 2024-03-01",
        "Kamerstuk 36410-12",
        "1.234.567",
    ],
)
def test_organisation_numbers_and_amounts_are_not_personal_data(text):
    assert list(findings(normalise(text), set(), ())) == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("NL91ABNA0417164300 van Jan", "PII002"),
        ("06 12345678 24/7", "PII003"),
        ("+31 (0)6 12345678", "PII003"),
        ("06 - 12345678", "PII003"),
        ("06\\-12345678", "PII003"),
        ("06-**1234**5678", "PII003"),
        ("BSN111222333", "PII001"),
        ("111 222 333 12 jaar", "PII001"),
        ("jan.jansen AT gmail DOT com", "PII004"),
        ("jan.jansen @ minbzk . nl", "PII004"),
        ("jan (a) minbzk.nl", "PII004"),
        ("mailto:jan.jansen%40minbzk.nl", "PII004"),
        ("jan.jansen@*minbzk*.nl", "PII004"),
        ("Bel 06-1234\n5678", "PII003"),
        ("NL91ABNA\n0417164300", "PII002"),
    ],
)
def test_personal_data_behind_its_spelling_is_found(text, code):
    assert [f.code for f in findings(normalise(text), set(), ())] == [code]


def test_a_landline_after_a_country_code_is_a_phone_number_not_a_bsn():
    assert [f.code for f in findings(normalise("+31 20 123 4567"), set(), ())] == ["PII003"]


def test_csv_cells_that_start_like_a_formula_are_neutralised():
    assert [neutralise(c) for c in ("=1+1", "+31", "-2", "@SUM(A1)", "\tx", "\rx", "gewoon", "")] == [
        "'=1+1",
        "'+31",
        "'-2",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "gewoon",
        "",
    ]


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""

    def handle_data(self, data: str) -> None:
        self.text += data


# --- a site built from hostile but valid content ----------------------------------------

TITLE = 'A < B & "C" <img src=x onerror=alert(1)>'
DESCRIPTION = '2. Kort"><script>alert(2)</script><meta x=" en de rest van de beschrijving'
ORGANISATION = '=HYPERLINK("https://voorbeeld.nl";"Klik hier")'
THEME_LABEL = 'Mensen <b>centraal</b> & "zo"'
SOURCE_URL = "https://nl.wikipedia.org/wiki/Uitvoering_(overheid)"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("hostile") / "kennisbank")
    vocabularies = root / "vocabularies.yml"
    text = vocabularies.read_text(encoding="utf-8")
    start = text.index("- id: mensen-centraal")
    label_at = text.index("label:", start)
    line_end = text.index("\n", label_at)
    vocabularies.write_text(text[:label_at] + "label: " + json.dumps(THEME_LABEL) + text[line_end:], encoding="utf-8")
    entry = (
        CLEAN.replace("title: Voorbeeld van een goede praktijk", "title: " + json.dumps(TITLE))
        .replace(
            'description: "Een korte beschrijving van wat de organisatie deed en wat het opleverde."',
            "description: " + json.dumps(DESCRIPTION),
        )
        .replace("organisations: [Voorbeeldorganisatie]", "organisations: [" + json.dumps(ORGANISATION) + "]")
        .replace("themes: [vereenvoudiging]", "themes: [mensen-centraal]")
        .replace('    section: "§4.4"', '    url: "' + SOURCE_URL + '"')
        .replace("id: pr-101", "id: pr-901")
        # The feed holds only the 50 newest entries: date the hostile one after all real content,
        # so the feed assertions below keep testing it however many entries the collection has.
        .replace("published: 2024-03-01", "published: 2098-01-01")
    )
    (root / "practices" / "vijandig.md").write_text(entry, encoding="utf-8")
    assert invoke("validate", "--root", root).exit_code == 0, invoke("validate", "--root", root).output
    site = root / "site-out"
    result = build_site(root, site, site_url="http://127.0.0.1:8000/", extra_env={"KB_PAGEFIND": "false"})
    assert result.returncode == 0, result.stdout + result.stderr
    return site


class Page(HTMLParser):
    """The text of every element (by tag, and by class for ``kb-lead``) and every attribute."""

    VOID = ("meta", "img", "br", "link", "input", "hr", "source", "wbr", "path")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, list[str], list[str]]] = []  # (tag, classes, text parts)
        self.elements: dict[str, list[str]] = {}
        self.attributes: list[tuple[str, str, str]] = []
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        self.attributes += [(tag, k, v) for k, v in a.items()]
        if tag == "meta" and a.get("name"):
            self.meta[a["name"]] = a.get("content", "")
        if tag not in self.VOID:
            self.open.append((tag, a.get("class", "").split(), []))

    def handle_endtag(self, tag):
        while self.open:
            name, classes, parts = self.open.pop()
            text = " ".join("".join(parts).split())
            for key in [name] + ["." + c for c in classes]:
                self.elements.setdefault(key, []).append(text)
            if name == tag:
                break

    def handle_data(self, data):
        for _, _, parts in self.open:
            parts.append(data)

    def first(self, key: str) -> str:
        return self.elements[key][0]


def read(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def no_markup_from_content(page: Page) -> list[tuple[str, str, str]]:
    return [
        (t, k, v)
        for t, k, v in page.attributes
        if k.startswith("on")
        or k == "style"
        or "javascript:" in v
        or (t == "img" and v == "x")
        or (t == "meta" and k == "x")
    ]


def test_hostile_title_and_description_show_exactly_on_the_entry_page(hostile_site):
    page = read(hostile_site / "praktijkvoorbeelden" / "vijandig" / "index.html")
    assert page.first("title") == f"{TITLE} - Kennisbank Werk aan Uitvoering"
    assert page.first("h1").removesuffix("#").strip() == TITLE
    assert page.meta["description"] == DESCRIPTION
    assert page.first(".kb-lead") == DESCRIPTION
    assert page.first(".md-header__topic") == "Kennisbank Werk aan Uitvoering"
    assert page.elements[".md-header__topic"][1] == TITLE
    assert no_markup_from_content(page) == []
    text = (hostile_site / "praktijkvoorbeelden" / "vijandig" / "index.html").read_text(encoding="utf-8")
    assert "<b>centraal</b>" not in text and "alert(2)</script>" not in text
    graph = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S).group(1))["@graph"]
    assert graph[0]["headline"] == TITLE and graph[0]["description"] == DESCRIPTION
    assert graph[1]["itemListElement"][-1]["name"] == TITLE


def test_hostile_values_show_exactly_in_overviews_and_facet_pages(hostile_site):
    overview = read(hostile_site / "praktijkvoorbeelden" / "index.html")
    row = next(i for i, cell in enumerate(overview.elements["td"]) if cell == TITLE)
    assert overview.elements["td"][row : row + 3] == [TITLE, DESCRIPTION, THEME_LABEL]
    theme = read(hostile_site / "themas" / "mensen-centraal" / "index.html")
    assert theme.first("h1").removesuffix("#").strip() == THEME_LABEL
    assert theme.first("title") == f"Thema: {THEME_LABEL} - Kennisbank Werk aan Uitvoering"
    assert TITLE in theme.elements["a"]
    for page in (overview, theme, read(hostile_site / "index.html"), read(hostile_site / "trefwoorden" / "index.html")):
        assert no_markup_from_content(page) == []


def test_a_source_url_with_brackets_is_one_link(hostile_site):
    page = read(hostile_site / "praktijkvoorbeelden" / "vijandig" / "index.html")
    hrefs = [v for t, k, v in page.attributes if t == "a" and k == "href" and "wikipedia" in v]
    assert hrefs == ["https://nl.wikipedia.org/wiki/Uitvoering_%28overheid%29"]


def test_exports_neutralise_formulas_in_csv_and_keep_json_exact(hostile_site):
    rows = list(
        csv.DictReader(io.StringIO((hostile_site / "data" / "praktijkvoorbeelden.csv").read_text(encoding="utf-8")))
    )
    row = next(r for r in rows if r["id"] == "pr-901")
    assert row["organisations"] == "'" + ORGANISATION
    assert row["title"] == TITLE
    data = json.loads((hostile_site / "data" / "praktijkvoorbeelden.json").read_text(encoding="utf-8"))
    entry = next(e for e in data["entries"] if e["id"] == "pr-901")
    assert entry["organisations"] == [ORGANISATION] and entry["description"] == DESCRIPTION
    feed = ET.parse(hostile_site / "feed.xml").getroot()
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert TITLE in titles


# --- what the helper's attack found (issue 9, second round) -----------------------------


def docs_project(tmp_path: Path, page: str) -> Path:
    root = small_project(tmp_path)
    (root / "docs").mkdir()
    (root / "docs" / "pagina.md").write_text(page, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("page", "code"),
    [
        ("---\ntitle: Over\nauthor: '\"><script>alert(document.domain)</script>'\n---\n\nTekst.\n", "DOCS001"),
        ("---\ntitle: Weg\ntemplate: redirect.html\nlocation: '\"+alert(1)+\"'\n---\n", "DOCS001"),
        ("---\ntitle: Plaatje\n---\n\nZie <img src=x onerror=alert(1)> hier.\n", "SAFE001"),
        ("---\ntitle: Script\n---\n\n<script>alert(1)</script>\n", "SAFE001"),
        ("---\ntitle: Link\n---\n\n[klik](javascript:alert(1))\n", "SAFE002"),
        ("---\ntitle: Contact\n---\n\nBel Jan op 06-12345678.\n", "PII003"),
    ],
)
def test_pages_in_docs_are_checked_too(tmp_path, page, code):
    codes = {c for path, c, _ in problems_of(docs_project(tmp_path, page)) if path == "docs/pagina.md"}
    assert code in codes


def test_a_page_in_docs_may_use_the_html_the_site_needs(tmp_path):
    search = (ROOT / "docs" / "zoeken.md").read_text(encoding="utf-8")
    assert problems_of(docs_project(tmp_path, search)) == []


def test_a_symlink_in_overrides_is_refused(tmp_path):
    root = small_project(tmp_path)
    (root / "overrides").mkdir()
    (root / "overrides" / "leak.txt").symlink_to(root / "vocabularies.yml")
    assert problems_of(root) == [("overrides/leak.txt", "FILE002", 0)]


def test_kb_build_refuses_a_site_folder_that_is_a_symlink(tmp_path):
    root = small_project(tmp_path)
    victim = tmp_path / "elders"
    victim.mkdir()
    (root / "site").symlink_to(victim)
    result = invoke("build", "--root", root)
    assert result.exit_code == 2 and "snelkoppeling" in result.output
    assert list(victim.iterdir()) == []


def test_anchors_in_the_vocabularies_are_refused_before_they_explode(tmp_path):
    root = small_project(tmp_path)
    text = (root / "vocabularies.yml").read_text(encoding="utf-8")
    bomb = 'x0: &a0 "ha"\n' + "".join(f"x{i}: &a{i} [{', '.join(['*a' + str(i - 1)] * 10)}]\n" for i in range(1, 9))
    (root / "vocabularies.yml").write_text(bomb + text, encoding="utf-8")
    result = invoke("validate", "--root", root)
    assert result.exit_code == 2 and "ankers" in result.output


@pytest.mark.parametrize(("value", "message"), [("id: 010", "geen tekst"), ("id: '../x'", "geen slug")])
def test_vocabulary_ids_must_be_slugs_written_as_text(tmp_path, value, message):
    root = small_project(tmp_path)
    text = (root / "vocabularies.yml").read_text(encoding="utf-8")
    (root / "vocabularies.yml").write_text(text.replace("- id: mensen-centraal", "- " + value, 1), encoding="utf-8")
    result = invoke("validate", "--root", root)
    assert result.exit_code == 2 and message in result.output


def test_personal_data_in_a_vocabulary_description_is_found(tmp_path):
    root = small_project(tmp_path)
    text = (root / "vocabularies.yml").read_text(encoding="utf-8")
    (root / "vocabularies.yml").write_text(
        text.replace("label: ACU,", "label: ACU (bel 06-12345678),", 1), encoding="utf-8"
    )
    assert ("vocabularies.yml", "PII003") in {(p, c) for p, c, _ in problems_of(root)}


def test_only_the_themes_own_inline_scripts_get_a_hash():
    from kennisbank.site.csp import UnknownScriptError, theme_hashes

    theme = '<script>var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))</script>'
    assert len(theme_hashes(f"<html><head></head><body>{theme}</body></html>")) == 1
    with pytest.raises(UnknownScriptError):
        theme_hashes('<html><head><meta name="author" content=""><script>alert(document.domain)</script></head></html>')


@pytest.mark.parametrize("where", ["docs/over.md", "mkdocs.yml", ".venv/h.html", "bestaat-niet/h.html"])
def test_handout_never_writes_into_the_project_or_a_missing_folder(where):
    result = invoke("handout", "pr-001", "-o", ROOT / where, "--root", ROOT)
    assert result.exit_code == 2 and "Traceback" not in result.output


@pytest.mark.site
def test_settings_markers_in_an_entry_cannot_free_html_in_the_pages_for_another_engine(tmp_path):
    """kb generate --project fills %kb:…% and <!-- kb:als … --> into the hand-written pages only:
    in an entry, a marker pair in inline code would cut away a fence and free what it held."""
    from conftest import CONFIGURED

    root = copy_project(tmp_path / "project")
    entry = next((root / "practices").glob("*.md"))
    text = entry.read_text(encoding="utf-8")
    hostile = (
        "Zie `<!-- kb:als-niet repo_url -->` en %kb:repo_url%.\n\n"
        "~~~\n`<!-- kb:einde -->`\n<script>alert(1)</script>\n~~~\n\n"
    )
    first = text.index("\n## ", text.index("\n---", 4))
    at = text.index("\n\n", first + 1) + 2
    entry.write_text(text[:at] + hostile + text[at:], encoding="utf-8")
    assert invoke("validate", "--root", root).exit_code == 0  # all of it is text in code

    out = tmp_path / "engine"
    result = CliRunner().invoke(
        cli,
        ["generate", "--root", str(root), "--out", str(out), "--project"],
        env={**CONFIGURED, "GITHUB_ACTIONS": None},
    )
    assert result.exit_code == 0, result.output
    page = next(p for p in (out / "docs").rglob(f"{entry.stem}.md") if "alert(1)" in p.read_text(encoding="utf-8"))
    shown = page.read_text(encoding="utf-8")
    assert "~~~\n`<!-- kb:einde -->`\n<script>alert(1)</script>\n~~~" in shown  # still inside its fence
    assert "en %kb:repo_url%." in shown
    bijdragen = (out / "docs" / "bijdragen" / "index.md").read_text(encoding="utf-8")
    assert "%kb:" not in bijdragen and CONFIGURED["KB_REPO_URL"] in bijdragen


def test_a_settings_marker_in_code_on_a_docs_page_is_refused(tmp_path):
    """Filling in the settings cuts the Markdown at each <!-- kb:… -->; kb validate sees the page
    before that. A marker pair in inline code would cut a fence open and free the <script> in it."""
    root = copy_project(tmp_path / "project")
    (root / "docs" / "uitleg.md").write_text(
        "# Uitleg\n\nZie `<!-- kb:als-niet repo_url -->` hier.\n\n"
        "~~~\n`<!-- kb:einde -->`\n<script>alert(1)</script>\n~~~\n",
        encoding="utf-8",
    )
    assert ("docs/uitleg.md", "SAFE001", 1) in problems_of(root)
    result = invoke("validate", "--root", root)
    assert "markering <!-- kb:… die geen HTML-opmerking op de pagina is" in result.output
    assert "Traceback" not in result.output


def test_a_docs_page_is_checked_as_the_site_shows_it_once_the_settings_are_filled_in(tmp_path):
    """Cutting a <!-- kb:als-niet … --> block out can end an HTML block early: the Markdown after
    it, text inside <div> before, then becomes a link. kb validate judges every way the blocks go."""
    root = copy_project(tmp_path / "project")
    (root / "docs" / "uitleg.md").write_text(
        "# Uitleg\n\n<!-- kb:als-niet repo_url -->\n<div>\n<!-- kb:einde -->\n[klik](javascript:alert(1))\n</div>\n",
        encoding="utf-8",
    )
    assert ("docs/uitleg.md", "SAFE002", 1) in problems_of(root)
    result = invoke("validate", "--root", root)
    assert "'javascript:alert(1)' in <a href> (zodra de instellingen zijn ingevuld)" in result.output


def test_a_docs_page_with_more_conditions_than_can_be_checked_is_refused():
    from kennisbank.checks.docs_pages import page_problems
    from kennisbank.checks.markdown_render import BodyRenderer, project_config

    def page(count: int) -> str:
        blocks = (f"<!-- kb:als pagina:p{i}/ -->\nTekst {i}.\n<!-- kb:einde -->\n\n" for i in range(count))
        return "# Uitleg\n\n" + "".join(blocks)

    renderer = BodyRenderer(*project_config(ROOT))
    found = [(p.code, p.message) for p in page_problems(page(7), "docs/uitleg.md", renderer, ())]
    assert found == [
        (
            "SAFE001",
            "De pagina gebruikt 7 verschillende voorwaarden (<!-- kb:als … -->); "
            "de controle kan er hoogstens 6 in elke combinatie nagaan.",
        )
    ]
    assert page_problems(page(6), "docs/uitleg.md", renderer, ()) == []
