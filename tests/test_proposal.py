"""The 'Stel een item voor' pages as generated (no browser): fields from the schemas and
vocabularies, escaping of every value that enters the HTML, and the settings for proposal.js.
The forms at work in a browser are tested in tests/test_form.py."""

from __future__ import annotations

import dataclasses
import html
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from conftest import ROOT
from kennisbank.checks import pii
from kennisbank.content import hygiene
from kennisbank.content.collections import BY_NAME, COLLECTIONS
from kennisbank.content.project import load_project
from kennisbank.content.schemas import load_schemas
from kennisbank.content.vocabularies import Term
from kennisbank.site.pages import SiteOptions, fixed_page_paths, generate_site

SCHEMAS = load_schemas(ROOT / "schemas")
PROJECT = load_project(ROOT)


class FormParser(HTMLParser):
    """Labels, controls and the settings element of a form page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.labels: dict[str, str] = {}
        self.controls: list[dict[str, str]] = []
        self.settings: dict[str, str] = {}
        self.options: list[tuple[str, str]] = []
        self._label: str | None = None
        self._text: list[str] = []
        self._option: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if a.get("id") == "kb-proposal":
            self.settings = a
        if tag == "label":
            self._label, self._text = a.get("for", ""), []
        if tag in ("input", "textarea", "select"):
            self.controls.append({"tag": tag, **a})
        if tag == "option":
            self._option, self._text = a.get("value", ""), []

    def handle_data(self, data):
        self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "label" and self._label is not None:
            self.labels[self._label] = "".join(self._text).strip()
            self._label = None
        if tag == "option" and self._option is not None:
            self.options.append((self._option, "".join(self._text).strip()))
            self._option = None


def pages(options: SiteOptions | None = None, project=PROJECT):
    return generate_site(project, options or SiteOptions(today="2026-11-30"), SCHEMAS)


def parsed(text: str) -> FormParser:
    parser = FormParser()
    parser.feed(text.split("---", 2)[2])
    return parser


def test_one_form_per_collection_at_its_own_address():
    generated = pages()
    for name, slug in (("practice", "praktijkvoorbeeld"), ("dilemma", "dilemma"), ("instrument", "instrument")):
        path = f"bijdragen/voorstel/{slug}.md"
        assert path in generated, f"no form page for {name}"
        assert f"kb_form: {name}" in generated[path]
        assert path in fixed_page_paths(PROJECT.vocabularies), "an entry or alias could take the form's address"
    index = generated["bijdragen/voorstel/index.md"]
    for slug in ("praktijkvoorbeeld", "dilemma", "instrument"):
        assert f"({slug}.md)" in index


def test_every_control_has_a_label_and_every_required_field_and_heading_is_there():
    for collection in COLLECTIONS:
        form = parsed(pages()[f"bijdragen/voorstel/{collection.label_singular.lower()}.md"])
        names = {c.get("name") for c in form.controls}
        schema = SCHEMAS.documents[collection.schema]
        required = set(SCHEMAS.documents["common.schema.json"]["required"]) | set(schema["required"])
        automatic = {"id", "published", "related"}
        for field in required - automatic:
            wanted = "sources-0-title" if field == "sources" else field
            assert wanted in names, f"{collection.name}: required field {field!r} has no control"
        for control in form.controls:
            if control.get("type") == "checkbox":
                continue  # labelled per box, checked below
            assert form.labels.get(control["id"]), f"{collection.name}: control {control['id']} has no label"
        headings = [form.labels[f"kb-f-body-{i}"] for i in range(len(collection.headings))]
        for heading, label in zip(collection.headings, headings, strict=True):
            assert heading in label
        for control in form.controls:
            if control.get("type") == "checkbox":
                assert form.labels.get(control["id"]), f"{collection.name}: checkbox {control['id']} has no label"


def test_choices_show_vocabulary_labels_and_carry_ids():
    form = parsed(pages()["bijdragen/voorstel/praktijkvoorbeeld.md"])
    statuses = {value: label for value, label in form.options if value}
    assert statuses == {t.id: t.label for t in PROJECT.vocabularies.terms["practice_status"].values()}
    theme = form.labels["kb-f-themes-vereenvoudiging"]
    assert theme == PROJECT.vocabularies.terms["themes"]["vereenvoudiging"].label


def test_settings_for_the_script():
    options = SiteOptions(today="2026-11-30", repo_url="https://github.com/o/r/", contact_email="redactie@example.org")
    form = parsed(pages(options)["bijdragen/voorstel/instrument.md"])
    settings = form.settings
    assert settings["data-repo"] == "https://github.com/o/r"
    assert settings["data-email"] == "redactie@example.org"
    assert settings["data-folder"] == "instruments" and settings["data-prefix"] == "in"
    assert settings["data-data"] == "../../../data/instrumenten.json"
    assert settings["data-schema"] == "../../../schemas/instrument.schema.json"
    assert "welk-instrument-wanneer" in json.loads(settings["data-reserved"])
    keys = json.loads(settings["data-keys"])
    assert keys[:3] == ["id", "title", "description"]
    assert keys[-5:] == ["sources", "published", "review_by", "owner", "related"]
    template_keys = re.findall(r"^([a-z_]+):", (ROOT / "scripts/kennisbank/templates/instrument.md").read_text(), re.M)
    assert [k for k in keys if k in template_keys] == template_keys, "key order differs from the template"
    no_email = parsed(pages()["bijdragen/voorstel/instrument.md"]).settings
    assert no_email["data-email"] == ""


def test_hostile_vocabulary_label_and_setting_stay_text():
    evil = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
    vocab = PROJECT.vocabularies
    terms = dict(vocab.terms)
    terms["themes"] = {**terms["themes"], "kwaad": Term("kwaad", evil, evil)}
    project = dataclasses.replace(PROJECT, vocabularies=dataclasses.replace(vocab, terms=terms))
    options = SiteOptions(today="2026-11-30", repo_url='https://x/"><script>', contact_email='a@b"><script>')
    text = pages(options, project)[f"bijdragen/voorstel/{BY_NAME['dilemma'].label_singular.lower()}.md"]
    assert "<script" not in text and "<img" not in text
    form = parsed(text)
    assert form.labels["kb-f-themes-kwaad"] == evil, "the label shows the text as written"
    assert html.unescape(form.settings["data-email"]) == 'a@b"><script>'


# --- proposal-checks.js against the Python checks it ports ------------------------------------

CHECKS_JS = ROOT / "docs" / "assets" / "javascripts" / "proposal-checks.js"


def browser_checks(expression: str, texts: list[str]) -> list:
    """Run ``expression`` (JavaScript over ``texts``, with ``c`` = the form's checks) in Node on
    the form's own proposal-checks.js, and return what it gives for each text."""
    script = (
        f"require({json.dumps(str(CHECKS_JS))});"
        "const texts = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "const c = globalThis.kbProposalChecks;"
        f"console.log(JSON.stringify(texts.map(t => {expression})));"
    )
    result = subprocess.run(
        ["node", "-e", script], input=json.dumps(texts), capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


#: Texts on which the browser must find exactly what kb validate finds (scripts/kennisbank/checks/pii.py).
SAME_AS_PYTHON = [
    "Dossier 111222333 is opgelost.",
    "Zaak 123456782 en 999999999",
    "Bel 06 12345678.",
    "Bel 020-1234567 of 06-1234 5678.",
    "+31 (0)6 1234 5678",
    "06\\-1234**5678**",
    "Bel 088 1234567, 0800-1234 of 14 020.",
    "Stort op NL91ABNA0417164300.",
    "DE89370400440532013000",
    "Mail j.jansen@voorbeeld.nl",
    "jan [at] minbzk [dot] nl",
    "mail jan(a)gmail.com",
    "x AT gmail DOT com",
    "info@voorbeeld.nl is de functionele mailbox",
    "Op 1-3-2023 kwam het bedrag van 123.456.708 euro binnen.",
    "١١١٢٢٢٣٣٣",
    "Sinds 2019 2020 2021 en 2022, KvK 12345678",
    "https://example.org/item/123456782",
    "Het nummer 11122&#50;333 en j&#64;voorbeeld.nl",
]


@pytest.mark.skipif(shutil.which("node") is None, reason="node ontbreekt")
def test_personal_data_port_finds_what_kb_validate_finds():
    found_all = browser_checks("c.personalData(t, ['info@voorbeeld.nl']).map(f => f.code).sort()", SAME_AS_PYTHON)
    for text, found in zip(SAME_AS_PYTHON, found_all, strict=True):
        wanted = sorted(f.code for f in pii.findings(pii.normalise(text), set(), ("info@voorbeeld.nl",)))
        assert found == wanted, f"{text!r}: browser {found}, kb validate {wanted}"
    assert any(found_all), "the cases find something"


def test_a_status_choice_is_explained_by_its_vocabulary_description():
    text = pages()["bijdragen/voorstel/dilemma.md"]
    hint = text.split('id="kb-f-status-hint">', 1)[1].split("</div>", 1)[0]
    for term in PROJECT.vocabularies.terms["dilemma_status"].values():
        assert html.escape(term.label) in hint and html.escape(term.description, quote=True) in hint
    assert 'aria-describedby="kb-f-status-hint"' in text


#: Characters at the edges of what content/hygiene.py refuses: every noncharacter plane, lone
#: surrogates, the controls, and allowed neighbours (tab, U+2028, emoji, U+FFFD).
HYGIENE_CASES = ["\t", "\n", "\x7f", "\u0085", "\u2028", "\u200b", "\ufffd", "\ufffe", "\ufdd0", "\U0001f600",
                 "\U0001fffe", "\U0001ffff", "\U0010fffe", "\U0005ffff", "\ud800", "\udfff", "\U0001fffd"]  # fmt: skip


@pytest.mark.skipif(shutil.which("node") is None, reason="node ontbreekt")
def test_the_browser_refuses_the_characters_kb_validate_refuses():
    """A file the form offers must pass kb validate: the same characters are refused (FM011),
    in a front-matter value and in the body."""
    found = browser_checks(
        "[c.invisible('a' + t + 'b', false).length > 0, c.invisible('a' + t + 'b', true).length > 0]", HYGIENE_CASES
    )
    for char, (in_meta, in_body) in zip(HYGIENE_CASES, found, strict=True):
        wanted = (bool(hygiene.FORBIDDEN.search(char)), bool(hygiene.FORBIDDEN_IN_BODY.search(char)))
        assert (in_meta, in_body) == wanted, f"U+{ord(char):04X}: browser {(in_meta, in_body)}, kb validate {wanted}"


#: Section texts with and without a heading of level 1 or 2 of their own.
OWN_HEADINGS = ["Tekst.\n\n## Aandachtspunten van de redactie\n\nNep.", "Tekst\n---\n\nMeer.", "Tekst\n===",
                "# Titel", "Tekst.\n\n---\n\nNa een lijn.", "```\n## code\n```",
                "```\nTekst\n```\n---", "### Kleiner\n\n#### Nog kleiner", "- punt\n- punt"]  # fmt: skip


@pytest.mark.skipif(shutil.which("node") is None, reason="node ontbreekt")
def test_the_form_refuses_a_section_heading_inside_a_section_as_kb_from_issue_does():
    """Under a fixed heading, '## …' or an underlined line would start a section of its own (a
    second 'Aandachtspunten van de redactie'): refused in the browser whenever the site's
    renderer reads a heading of level 1 or 2 there (checks/newentry.py, ISSUE006)."""
    from kennisbank.checks.markdown_render import BodyRenderer, project_config

    found = browser_checks(
        "c.headings(t).filter(p => p.code === 'ISSUE006' || p.code === 'BODY002').length > 0", OWN_HEADINGS
    )
    renderer = BodyRenderer(*project_config(ROOT))
    for text, browser in zip(OWN_HEADINGS, found, strict=True):
        site = any(level <= 2 for level, _ in renderer.render(text).headings)
        assert browser == site, f"{text!r}: browser {browser}, site's renderer {site}"
    assert sum(found) == 5
