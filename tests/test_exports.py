"""Open data, feed and charts on the built site, checked against the content and schemas."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from conftest import ROOT
from kennisbank.adapters.pipeline import check
from kennisbank.content.collections import COLLECTIONS

CHECKED = check(ROOT)
ATOM = "{http://www.w3.org/2005/Atom}"


def repo_validator(collection) -> Draft202012Validator:
    docs = {p.name: json.loads(p.read_text()) for p in (ROOT / "schemas").glob("*.json")}
    registry = Registry().with_resources((name, Resource.from_contents(d)) for name, d in docs.items())
    return Draft202012Validator(docs[collection.schema], registry=registry, format_checker=FormatChecker())


def test_json_exports_validate_and_match_csv_row_for_row(built_site):
    for collection in COLLECTIONS:
        data = json.loads((built_site / "data" / f"{collection.url_prefix}.json").read_text(encoding="utf-8"))
        assert data["licence"] == "CC-BY-4.0"
        assert data["schema"] == f"../schemas/{collection.schema}"
        assert (built_site / "data" / data["schema"]).resolve().is_file()
        validator = repo_validator(collection)
        for record in data["entries"]:
            errors = [e.message for e in validator.iter_errors(record)]
            assert not errors, (record["id"], errors)
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["published"])
        expected_ids = sorted(e.id for e in CHECKED.project.by_collection(collection))
        assert [r["id"] for r in data["entries"]] == expected_ids
        with (built_site / "data" / f"{collection.url_prefix}.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert [r["id"] for r in rows] == [r["id"] for r in data["entries"]]
        for row, record in zip(rows, data["entries"], strict=False):
            assert row["title"] == record["title"]
            assert row["themes"] == "; ".join(record["themes"])
            assert row["published"] == record["published"]
            assert row["permalink"].endswith(f"/p/{record['id']}/")
        # stable field order: the schema's property order
        header = list(rows[0].keys())
        assert header[:3] == ["id", "title", "description"]


def test_combined_export_holds_every_entry(built_site):
    data = json.loads((built_site / "data" / "kennisbank.json").read_text(encoding="utf-8"))
    assert data["count"] == len(CHECKED.project.entries) == len(data["entries"])
    with (built_site / "data" / "kennisbank.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["collection"], r["id"]) for r in rows] == [(r["collection"], r["id"]) for r in data["entries"]]


def test_published_schemas_carry_vocabulary_enums(built_site):
    schema = json.loads((built_site / "schemas" / "practice.schema.json").read_text(encoding="utf-8"))
    assert "lopend" in schema["properties"]["status"]["enum"]
    common = json.loads((built_site / "schemas" / "common.schema.json").read_text(encoding="utf-8"))
    assert "gegevensdeling" in common["properties"]["themes"]["items"]["enum"]


def test_atom_feed_parses_and_lists_entries(built_site):
    root = ET.parse(built_site / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    items = root.findall(f"{ATOM}entry")
    assert len(items) == min(50, len(CHECKED.project.entries))
    titles = {e.title for e in CHECKED.project.entries}
    for item in items:
        assert item.find(f"{ATOM}title").text in titles
        assert re.match(r"http://127.0.0.1:8000/p/(pr|di|in)-\d{3}/", item.find(f"{ATOM}id").text)


def test_charts_exist_and_their_numbers_match_the_content(built_site):
    entries = CHECKED.project.entries
    page = (built_site / "in-cijfers" / "index.html").read_text(encoding="utf-8")
    assert page.count('alt="Staafdiagram van het aantal') == len(COLLECTIONS) and 'alt="Heatmap' in page
    matrix = (built_site / "assets" / "charts" / "thema-organisatietype.svg").read_text(encoding="utf-8")
    themes = list(CHECKED.project.vocabularies.terms["themes"])
    orgs = list(CHECKED.project.vocabularies.terms["organisation_types"])
    svg = ET.fromstring(matrix)
    numbers = [int(t.text) for t in svg.iter("{http://www.w3.org/2000/svg}text") if (t.text or "").isdigit()]
    expected = [
        sum(1 for e in entries if t in e.meta["themes"] and o in e.meta.get("organisation_types", []))
        for t in themes
        for o in orgs
    ]
    assert numbers == expected
    for collection in COLLECTIONS:
        bars = (built_site / "assets" / "charts" / f"items-per-thema-{collection.url_prefix}.svg").read_text(
            encoding="utf-8"
        )
        assert bars.count("<rect") >= len(themes) and "<title>" in bars
        assert "serif" not in bars.replace("sans-serif", "")  # one sans-serif family for every text
    # every chart image has its size, so the page does not shift while it loads
    assert all(
        re.search(r'width="\d+"', tag) and re.search(r'height="\d+"', tag)
        for tag in re.findall(r"<img [^>]*kb-chart[^>]*>", page)
    )
    # the table beside the bar chart gives the same totals per theme
    for theme in themes:
        total = sum(1 for e in entries if theme in e.meta["themes"])
        label = CHECKED.project.vocabularies.terms["themes"][theme].label
        assert re.search(rf">{re.escape(label)}</a></td>(?:\s*<td[^>]*>\d+</td>){{3}}\s*<td[^>]*>{total}</td>", page), (
            theme
        )


def test_instrument_matrix_places_each_instrument_by_user_and_phase(built_site):
    html = (built_site / "instrumenten" / "welk-instrument-wanneer" / "index.html").read_text(encoding="utf-8")
    quickscan = next(e for e in CHECKED.project.entries if e.id == "in-006")
    assert html.count(quickscan.title) == len(quickscan.meta["users"]) * len(quickscan.meta["phases"])


def test_excel_exports_hold_every_entry_with_dutch_headers(built_site):
    """The workbook (a zip of XML) has the Dutch headers and every title, all as text cells."""
    import zipfile

    for collection in COLLECTIONS:
        with zipfile.ZipFile(built_site / "data" / f"{collection.url_prefix}.xlsx") as book:
            strings = ET.fromstring(book.read("xl/sharedStrings.xml"))
            sheet = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
        texts = [t.text for t in strings.iter("{http://schemas.openxmlformats.org/spreadsheetml/2006/main}t")]
        assert texts[:3] == ["Id", "Titel", "Samenvatting"]
        entries = CHECKED.project.by_collection(collection)
        assert {e.title for e in entries} <= set(texts)
        assert "<f>" not in sheet  # no formulas, ever
        assert sheet.count("<row ") == len(entries) + 1
