"""Unit tests of the core on small in-memory fixtures: loader, validator, generator."""

from __future__ import annotations

import textwrap

import pytest

from conftest import ROOT
from kennisbank.checks.validate import cross_entry_problems, validate_entry
from kennisbank.content.collections import BY_NAME
from kennisbank.content.loader import parse_entry
from kennisbank.content.project import Project
from kennisbank.content.schemas import load_schemas
from kennisbank.content.vocabularies import load_vocabularies
from kennisbank.site.pages import SiteOptions, generate_site

SCHEMAS = load_schemas(ROOT / "schemas")
VOCAB = load_vocabularies(ROOT / "vocabularies.yml")
PRACTICE = BY_NAME["practice"]

GOOD = textwrap.dedent("""\
    ---
    id: pr-101
    title: Een goed voorbeeld
    description: Een uitvoeringsorganisatie betrok eerstelijnsprofessionals bij het ontwerp.
    themes: [vereenvoudiging]
    tags: [uitvoerbaarheid]
    organisation_types: [publieke-dienstverlener]
    target_groups: [burgers]
    status: lopend
    sources:
      - title: Herijking Werk aan Uitvoering
        section: "§3.1"
    published: 2026-11-29
    related: []
    ---

    ## Aanleiding

    Tekst.

    ## Aanpak

    Tekst.

    ## Resultaat

    Tekst.

    ## Aandachtspunten van de redactie

    Tekst.
    """)


def load(text: str, stem: str = "goed-voorbeeld"):
    return parse_entry(text, f"practices/{stem}.md", stem, PRACTICE)


def problems_of(text: str, stem: str = "goed-voorbeeld"):
    entry, problems = load(text, stem)
    if entry is not None:
        problems = problems + validate_entry(entry, SCHEMAS, VOCAB)
    return [(p.code, p.line) for p in problems]


def test_good_entry_loads_with_key_lines_and_body_line():
    entry, problems = load(GOOD)
    assert problems == []
    assert entry.meta["published"] == "2026-11-29"  # dates stay ISO strings
    assert entry.key_lines["id"] == 2 and entry.key_lines["related"] == 14
    assert entry.body_line == 16
    assert validate_entry(entry, SCHEMAS, VOCAB) == []


def test_value_lines_point_into_the_file():
    entry, _ = load(GOOD.replace("themes: [vereenvoudiging]", "themes:\n  - vereenvoudiging\n  - vakmanschapp"))
    found = [(p.code, p.line, p.hint) for p in validate_entry(entry, SCHEMAS, VOCAB)]
    assert ("VOC001", 7, "Bedoelde u 'vakmanschap'?") in found


def test_yaml_boolean_gets_quote_hint_with_original_text():
    entry, _ = load(GOOD.replace("status: lopend", "status: lopend\ndomain: NO"))
    [problem] = [p for p in validate_entry(entry, SCHEMAS, VOCAB) if p.code == "SCH003"]
    assert "'NO'" in problem.message and 'domain: "NO"' in problem.hint
    assert problem.line == 10


def test_unquoted_colon_is_reported_on_the_file_line():
    assert problems_of(GOOD.replace("title: Een goed voorbeeld", "title: Dilemma 1: wie beslist?")) == [("FM005", 3)]


def test_duplicate_key_names_both_lines():
    entry, problems = load(GOOD.replace("tags: [uitvoerbaarheid]", "tags: [uitvoerbaarheid]\ntitle: Nog een titel"))
    assert entry is None
    assert [(p.code, p.line) for p in problems] == [("FM006", 7)]
    assert "regel 3" in problems[0].message and "regel 7" in problems[0].message


def test_anchor_and_alias_are_refused():
    text = GOOD.replace("tags: [uitvoerbaarheid]", "tags: &t [uitvoerbaarheid]\nrelated_copy: *t")
    assert sorted(problems_of(text)) == [("FM007", 6), ("FM007", 7)]


@pytest.mark.parametrize(
    "text, code",
    [
        ("Doel: betere dienstverlening\n\nTekst\n", "FM001"),
        ("\ufeff" + GOOD, "FM002"),
        ("---\nid: pr-101\ntitle: Open\n\n## Aanleiding\n", "FM003"),
        ("---\n- id: pr-101\n---\n", "FM004"),
    ],
)
def test_framing_faults(text, code):
    assert code in [c for c, _ in problems_of(text)]


def test_bad_file_name_suggests_a_slug():
    _entry, problems = load(GOOD, stem="überblick é")
    assert problems[0].code == "FILE001" and "'uberblick-e.md'" in problems[0].hint


def test_body_safety_and_headings():
    body = GOOD.replace("## Resultaat\n\nTekst.", "Zie <script>alert(1)</script> en [klik](javascript:alert(1)).")
    found = problems_of(body)
    assert ("SAFE001", 25) in found and ("SAFE002", 25) in found and ("BODY001", 16) in found


def test_personal_data_is_flagged_and_can_be_marked_reviewed():
    text = GOOD.replace("## Aanpak\n\nTekst.", "## Aanpak\n\nDossier 111222333 en 06 12345678.")
    found = problems_of(text)
    assert ("PII001", 23) in found and ("PII003", 23) in found
    reviewed = text.replace("related: []", 'related: []\nreviewed_numbers: ["111222333"]')
    assert "PII001" not in [c for c, _ in problems_of(reviewed)]


def test_cross_entry_checks_name_both_files_and_suggest_ids():
    a, _ = load(GOOD, "a")
    b, _ = load(GOOD.replace("related: []", "related: [pr-102, pr-101]"), "b")
    found = {(p.code, p.path) for p in cross_entry_problems([a, b])}
    assert ("ID001", "practices/b.md") in found
    assert ("LINK002", "practices/b.md") in found
    messages = [p for p in cross_entry_problems([a, b]) if p.code == "LINK001"]
    assert messages and "pr-101" in messages[0].hint


def test_generator_builds_pages_and_backlinks_without_mkdocs():
    a, _ = load(GOOD, "a")
    b, _ = load(GOOD.replace("pr-101", "pr-102").replace("related: []", "related: [pr-101]"), "b")
    project = Project(root=ROOT, vocabularies=VOCAB, entries=[a, b])
    pages = generate_site(project, SiteOptions(site_url="https://voorbeeld.test/", today="2026-11-29"))
    assert "praktijkvoorbeelden/a.md" in pages and "p/pr-101/index.html" in pages
    assert "Items die naar dit item verwijzen" in pages["praktijkvoorbeelden/a.md"]
    assert "[Een goed voorbeeld](b.md)" in pages["praktijkvoorbeelden/a.md"]
    theme = pages["themas/vereenvoudiging.md"]
    assert theme.count("](../praktijkvoorbeelden/") == 2
    assert "https://voorbeeld.test/p/pr-101/" in pages["praktijkvoorbeelden/a.md"]


def test_bundled_schema_judges_like_the_schema_files():
    """The fast in-memory bundle must accept and reject exactly what the files do."""
    import copy
    import json

    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry, Resource

    from kennisbank.adapters.pipeline import check

    docs = {p.name: json.loads(p.read_text()) for p in (ROOT / "schemas").glob("*.json")}
    registry = Registry().with_resources((n, Resource.from_contents(d)) for n, d in docs.items())
    mutations = [
        lambda m: m.pop("title"),
        lambda m: m.update(titel="x"),
        lambda m: m.update(tags="privacy"),
        lambda m: m.update(published="2024-13-45"),
        lambda m: m.update(id="PR1"),
        lambda m: m.update(sources=[{"title": "Bron"}]),
        lambda m: m.update(themes=[]),
        lambda m: m.update(description="kort"),
        lambda m: m.update(parliamentary_refs=[{"type": "motie", "dossier": "36", "number": "x"}]),
    ]
    for entry in check(ROOT).project.entries:
        reference = Draft202012Validator(
            docs[entry.collection.schema], registry=registry, format_checker=FormatChecker(formats=("date",))
        )
        for mutate in [lambda m: None] + mutations:
            meta = copy.deepcopy(entry.meta)
            mutate(meta)
            fast = SCHEMAS.validators[entry.collection.name]
            assert fast.is_valid(meta) == reference.is_valid(meta), (entry.path, meta)
            fast_paths, fast_unknown = _judgement(fast, meta, SCHEMAS.fields[entry.collection.name])
            ref_paths, ref_unknown = _judgement(reference, meta, SCHEMAS.fields[entry.collection.name])
            assert (fast_paths, fast_unknown) == (ref_paths, ref_unknown), (entry.path, meta)


def _judgement(validator, meta, known):
    """Paths of errors, and the unknown keys. The files' allOf + unevaluatedProperties also
    call every common field 'unevaluated' once the common part fails; those are not unknown."""
    paths, unknown = set(), set()
    for error in validator.iter_errors(meta):
        if error.validator in ("unevaluatedProperties", "additionalProperties") and not error.absolute_path:
            unknown |= {k for k in error.instance if k not in known}
        else:
            paths.add(tuple(map(str, error.absolute_path)))
    return paths, unknown


TRICKY_BODIES = [
    "## Aanleiding\n\nTekst\n\n## Aanpak ##\n\n# Titel\n\n### Sub\n\n####### zeven\n\n#geen kop\n",
    "Regel\n## Kop die een alinea onderbreekt\n   ## Ingesprongen kop\n    ## code, geen kop\n",
    "- punt\n  ## kop in een lijst\n\n> ## kop in een citaat\n",
    "Setext kop\n---\n\nNog een\n===\n",
    "```\n## geen kop\n```\n\n~~~\n# ook niet\n~~~\n",
    "\\## geen kop\n\n## **Vet** in kop\n\n##\n",
]


def test_line_scan_of_headings_matches_the_renderer():
    """Where the body check skips rendering (plain prose), its line scan must read the same
    headings as Python-Markdown with the site's extensions."""
    from kennisbank.adapters.pipeline import check
    from kennisbank.checks.limits import MAX_NESTING, _list_depth, _quote_depth
    from kennisbank.checks.markdown_render import BodyRenderer
    from kennisbank.checks.safety import _NEEDS_RENDER, line_scan_headings

    renderer = BodyRenderer()
    bodies = [e.body for e in check(ROOT).project.entries] + TRICKY_BODIES
    bodies += [
        p.read_text(encoding="utf-8", errors="replace").split("---\n", 2)[-1]
        for p in (ROOT / "tests" / "fixtures" / "bad").rglob("*.md")
    ]
    bodies += [line for body in TRICKY_BODIES for line in body.split("\n")]
    within_limits = [
        b for b in bodies if max(_list_depth(line) + _quote_depth(line) for line in b.split("\n")) <= MAX_NESTING
    ]
    plain = [b for b in within_limits if not _NEEDS_RENDER.search(b)]
    assert len(plain) > 20  # the comparison must cover real entries
    for body in plain:
        assert line_scan_headings(body) == renderer.render(body).headings, body[:80]


def test_security_txt_on_29_february_expires_on_28_february():
    from kennisbank.site.pages.context import SiteOptions
    from kennisbank.site.pages.extras import security_txt

    text = security_txt(
        SiteOptions(site_url="https://voorbeeld.nl/", repo_url="https://github.com/o/r", today="2028-02-29")
    )
    assert "Expires: 2029-02-28T00:00:00Z\n" in text
    assert "Contact: https://github.com/o/r/security/advisories/new\n" in text


def test_feed_without_site_url_uses_no_made_up_host_and_dates_from_content():
    import xml.etree.ElementTree as ET

    from kennisbank.adapters.pipeline import check
    from kennisbank.site.feed import atom_feed

    entries = check(ROOT).project.entries
    xml = atom_feed(entries, "", {})
    assert "localhost" not in xml
    root = ET.fromstring(xml)
    atom = "{http://www.w3.org/2005/Atom}"
    ids = [e.find(f"{atom}id").text for e in root.iter(f"{atom}entry")]
    assert ids and all(i.startswith("urn:uuid:") for i in ids) and len(set(ids)) == len(ids)
    newest = max(e.meta.get("published") for e in entries)
    assert root.find(f"{atom}updated").text.startswith(newest)
    assert atom_feed(entries, "", {}) == xml  # the same content gives the same feed


def test_feed_has_what_rfc_4287_requires():
    """Atom (RFC 4287 §4.1.1, §4.1.2): the feed has id, title, updated and an author (no entry
    has one of its own); every entry has id, title, updated and an alternate link."""
    import xml.etree.ElementTree as ET

    from kennisbank.adapters.pipeline import check
    from kennisbank.site.feed import atom_feed

    atom = "{http://www.w3.org/2005/Atom}"
    root = ET.fromstring(atom_feed(check(ROOT).project.entries, "https://voorbeeld.nl/", {}))
    for child in ("id", "title", "updated"):
        assert root.find(atom + child) is not None and root.find(atom + child).text, child
    assert root.find(f"{atom}author/{atom}name").text
    entries = root.findall(atom + "entry")
    assert entries
    for entry in entries:
        for child in ("id", "title", "updated"):
            assert entry.find(atom + child).text, child
        assert entry.find(atom + "link").get("href").startswith("https://voorbeeld.nl/")
