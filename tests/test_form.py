"""'Stel een item voor' as a contributor uses it, in Debian's chromium (issue 11).

* For each collection the form is filled in as a person would (the dilemma with the keyboard
  only); the file it offers is written into a copy of the repository, where ``kb validate``
  exits 0 and the site builds with the new entries.
* The 'Open op GitHub' link and the download hold exactly that file.
* A bad entry gives no file, and Dutch errors next to the right fields, with the codes of
  ``kb validate``, in an error summary that links to the fields; axe finds nothing then either.
* No request goes to another host. (axe, keyboard, CSP and privacy checks of the pages as they
  load run in test_browser.py, where the form pages are in PAGES.)
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import CONFIGURED, ROOT, build_site, copy_project
from kennisbank.content.collections import BY_NAME
from kennisbank.content.project import load_project
from test_browser import Watch, foreign_requests, open_context, run_axe

pytestmark = pytest.mark.browser

SUBMIT = "#kb-proposal-form button[type=submit]"
FORM = {"practice": "praktijkvoorbeeld", "dilemma": "dilemma", "instrument": "instrument"}


@dataclass
class Proposal:
    collection: str
    file: str
    path: str
    github: str
    download: str
    shown_id: str


def open_form(page, server, collection: str) -> None:
    from playwright.sync_api import expect  # as test_browser.py: imported where a browser runs

    page.goto(server.url(f"bijdragen/voorstel/{FORM[collection]}/"), wait_until="load")
    expect(page.locator("#kb-id-value")).to_have_text(re.compile(r"^[a-z]{2}-\d{3,}$"))


def fill_sections(page, collection: str, texts: list[str]) -> None:
    for index, text in enumerate(texts):
        page.fill(f"#kb-f-body-{index}", text)
    assert len(texts) == len(BY_NAME[collection].headings)


def fill_practice(page) -> None:
    page.fill("#kb-f-title", "Eén loket: NO, yes & 2024")
    page.fill("#kb-f-description", "Een gemeente voegt haar loketten samen, zodat inwoners op één plek terechtkunnen.")
    page.check("#kb-f-themes-vereenvoudiging")
    page.check("#kb-f-themes-mensen-centraal")
    page.fill("#kb-f-organisations", "Gemeente Voorbeeld\nSamenwerkingsverband Noord")
    page.check("#kb-f-organisation_types-gemeente")
    page.check("#kb-f-target_groups-burgers")
    page.select_option("#kb-f-status", "lopend")
    page.fill("#kb-f-period", "2024")
    page.fill("#kb-f-sources-0-title", "Herijking Werk aan Uitvoering")
    page.fill("#kb-f-sources-0-section", "§4.4")
    page.click("#kb-add-source")
    page.fill("#kb-f-sources-1-title", "Een pagina: met een dubbele punt")
    page.fill("#kb-f-sources-1-url", "https://example.org/loket?a=1&b=2")
    page.fill("#kb-f-owner", "Redactie van de kennisbank")
    fill_sections(
        page,
        "practice",
        [
            "Inwoners zochten lang naar het juiste loket.\n\n- eerste punt\n- tweede punt",
            "De gemeente bracht de loketten samen.\n\n### Eerste stap\n\nEen *proef* in één wijk.",
            "Nog niet bekend; de proef loopt.",
            "Let op de **afspraken** tussen de teams.",
        ],
    )


def fill_instrument(page) -> None:
    page.fill("#kb-f-title", "Toets op uitvoerbaarheid")
    page.fill("#kb-f-description", "Een toets die vooraf laat zien of een regel in de praktijk uit te voeren is.")
    page.check("#kb-f-themes-werken-met-de-politiek")
    page.check("#kb-f-users-ministerie")
    page.check("#kb-f-phases-beleidsvorming")
    page.fill("#kb-f-purpose", "Vooraf weten of een nieuwe regel uitvoerbaar is.")
    page.fill("#kb-f-organiser", "Een ministerie")
    page.select_option("#kb-f-maturity", "pilot")
    page.check("#kb-f-organisation_types-ministerie")
    page.fill("#kb-f-sources-0-title", "Herijking Werk aan Uitvoering")
    page.fill("#kb-f-sources-0-section", "§3.4")
    fill_sections(page, "instrument", ["Een toets.", "Ministeries, vooraf.", "Met vragen.", "Een proef."])


def tab_to(page, element_id: str, limit: int = 400) -> None:
    """Press Tab until the element has the focus (keyboard only, as a contributor would)."""
    for _ in range(limit):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    pytest.fail(f"Tab never reached #{element_id}")


def fill_dilemma_by_keyboard(page) -> None:
    type_into = [
        ("kb-f-title", "Snel helpen of zorgvuldig toetsen"),
        ("kb-f-description", "Wie snel wil helpen, toetst minder; wie zorgvuldig toetst, helpt later."),
    ]
    for element_id, text in type_into:
        tab_to(page, element_id)
        page.keyboard.type(text)
    for element_id in ("kb-f-themes-vereenvoudiging", "kb-f-tags-maatwerk"):
        tab_to(page, element_id)
        page.keyboard.press("Space")
    tab_to(page, "kb-f-values")
    page.keyboard.type("Snelheid")
    page.keyboard.press("Enter")
    page.keyboard.type("Zorgvuldigheid")
    tab_to(page, "kb-f-organisation_types-gemeente")
    page.keyboard.press("Space")
    tab_to(page, "kb-f-status")
    for _ in range(10):
        if page.eval_on_selector("#kb-f-status", "s => s.value") == "open":
            break
        page.keyboard.press("ArrowDown")
    tab_to(page, "kb-f-sources-0-title")
    page.keyboard.type("Herijking Werk aan Uitvoering")
    tab_to(page, "kb-f-sources-0-section")
    page.keyboard.type("§4.3")
    for index, text in enumerate(["Twee doelen botsen.", "Aan het loket.", "Sneller of zorgvuldiger.", "Open."]):
        tab_to(page, f"kb-f-body-{index}")
        page.keyboard.type(text)
    tab_to(page, "kb-f-body-3")
    page.keyboard.press("Tab")  # to the submit button
    assert page.evaluate("document.activeElement.type") == "submit"


def submit_and_take(page, collection: str, keyboard: bool = False) -> Proposal:
    if keyboard:
        page.keyboard.press("Enter")
    else:
        page.click(SUBMIT)
    page.wait_for_selector("#kb-result:not([hidden])", timeout=10000)
    if keyboard:
        tab_to(page, "kb-download")
        with page.expect_download() as info:
            page.keyboard.press("Enter")
    else:
        with page.expect_download() as info:
            page.click("#kb-download")
    download = Path(info.value.path()).read_text(encoding="utf-8")
    return Proposal(
        collection=collection,
        file=page.text_content("#kb-file"),
        path=page.text_content("#kb-result-file").split("Het bestand heet ", 1)[1].split(". ", 1)[0],
        github=page.get_attribute("#kb-github", "href") or "",
        download=download,
        shown_id=page.text_content("#kb-id-value"),
    )


def form_tab(browser, watch: Watch):
    """A browser context (Dutch, watched for foreign requests and CSP reports) with one tab;
    the form's checks may take a while, hence 15 s per step."""
    context = open_context(browser, watch)
    context.set_default_timeout(15000)
    return context, context.new_page()


@pytest.fixture(scope="module")
def session(browser, servers):
    """One browser context on the root-mounted site; afterwards no foreign request, failure or error."""
    server = servers("root")
    watch = Watch()
    context, page = form_tab(browser, watch)
    yield server, page
    foreign = foreign_requests(watch.requests, server)
    context.close()
    assert not foreign, "rule 'no requests to other hosts':\n" + "\n".join(foreign)
    assert not watch.csp, "rule 'no CSP violations':\n" + "\n".join(map(str, watch.csp))
    assert not watch.errors, "rule 'no console errors':\n" + "\n".join(watch.errors)


@pytest.fixture(scope="module")
def proposals(session) -> dict[str, Proposal]:
    server, page = session
    made = {}
    for collection, fill in (("practice", fill_practice), ("instrument", fill_instrument)):
        open_form(page, server, collection)
        fill(page)
        made[collection] = submit_and_take(page, collection)
    open_form(page, server, "dilemma")
    fill_dilemma_by_keyboard(page)
    made["dilemma"] = submit_and_take(page, "dilemma", keyboard=True)
    return made


def next_free_id(prefix: str) -> str:
    numbers = [int(e.id.split("-")[1]) for e in load_project(ROOT).entries if e.id.startswith(prefix + "-")]
    return f"{prefix}-{max(numbers) + 1:03d}"


def test_each_proposal_gets_the_next_free_id_and_a_file_in_its_folder(proposals):
    for collection, proposal in proposals.items():
        spec = BY_NAME[collection]
        assert proposal.shown_id == next_free_id(spec.id_prefix)
        assert f'\nid: "{proposal.shown_id}"\n' in proposal.file
        assert proposal.path.startswith(spec.folder + "/") and proposal.path.endswith(".md")
    assert proposals["practice"].path == "practices/een-loket-no-yes-2024.md"


def test_proposals_pass_kb_validate_and_build(proposals, tmp_path):
    project = copy_project(tmp_path / "repo")
    for proposal in proposals.values():
        target = project / proposal.path
        assert not target.exists()
        target.write_text(proposal.file, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "kennisbank", "validate", "--root", str(project)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    # The editors' address is set once, in mkdocs.yml extra.contact_email (env KB_CONTACT_EMAIL).
    built = build_site(project, site, extra_env={"KB_PAGEFIND": "false", "KB_CONTACT_EMAIL": "redactie@example.org"})
    assert built.returncode == 0, built.stdout + built.stderr
    form = (site / "bijdragen" / "voorstel" / "dilemma" / "index.html").read_text(encoding="utf-8")
    assert 'data-email="redactie@example.org"' in form
    practice = (site / "praktijkvoorbeelden" / "een-loket-no-yes-2024" / "index.html").read_text(encoding="utf-8")
    assert "Eén loket: NO, yes &amp; 2024" in practice, "YAML read the title as written"
    assert "Samenwerkingsverband Noord" in practice
    for collection, proposal in proposals.items():
        slug = Path(proposal.path).stem
        assert (site / BY_NAME[collection].url_prefix / slug / "index.html").is_file()


def test_github_link_and_download_hold_the_same_file(proposals):
    for proposal in proposals.values():
        parts = urlsplit(proposal.github)
        # The root build is made with CONFIGURED's repository (conftest.py).
        assert f"{parts.scheme}://{parts.netloc}{parts.path}" == CONFIGURED["KB_REPO_URL"] + "/new/main"
        query = parse_qs(parts.query, keep_blank_values=True)
        assert query["filename"] == [proposal.path]
        assert query["value"] == [proposal.file]
        assert proposal.download == proposal.file


def field_error(page, element_id: str) -> str:
    """The error text shown with a field, after checking it is tied to the control."""
    error_id = page.evaluate(
        """(id) => { const c = document.getElementById(id); const g = c.closest('.kb-choices');
                     return (g || c).getAttribute('aria-describedby') || ''; }""",
        element_id,
    )
    shown = [i for i in error_id.split() if i.endswith("-error")]
    assert shown, f"#{element_id} is not described by an error"
    assert page.get_attribute(f"#{element_id}", "aria-invalid") == "true"
    return page.text_content(f"#{shown[0]}")


def test_bad_entry_gives_no_file_and_dutch_errors_at_the_fields(session):
    server, page = session
    open_form(page, server, "practice")
    fill_practice(page)
    page.fill("#kb-f-description", "")  # a required field left out
    page.fill("#kb-f-title", "Eén <b>loket</b>")
    page.fill("#kb-f-body-0", "Het dossier 111222333 was zoek.")  # passes the 11-proef
    page.fill("#kb-f-sources-1-url", "")  # a source with a title only
    page.click(SUBMIT)
    page.wait_for_selector("#kb-error-summary:not([hidden])")
    assert page.is_hidden("#kb-result") and page.text_content("#kb-file") == ""
    assert page.evaluate("document.activeElement.id") == "kb-error-summary"
    expected = {
        "kb-f-title": ("SAFE001", "HTML"),
        "kb-f-description": ("SCH001", "verplicht"),
        "kb-f-body-0": ("PII001", "burgerservicenummer"),
        "kb-f-sources-1-url": ("SCH007", "webadres"),
    }
    links = page.eval_on_selector_all("#kb-error-summary a", "as => as.map(a => a.getAttribute('href'))")
    for element_id, (code, word) in expected.items():
        text = field_error(page, element_id)
        assert code in text and word in text, f"#{element_id}: {text!r}"
        assert f"#{element_id}" in links
    assert len(links) == len(expected), f"unexpected problems: {page.inner_text('#kb-error-summary')}"
    page.click("#kb-error-summary a[href='#kb-f-body-0']")
    assert page.evaluate("document.activeElement.id") == "kb-f-body-0"
    violations = run_axe(page)
    assert not violations, f"axe on the form with errors: {violations}"


def test_fixed_entry_then_gives_the_file_and_long_text_falls_back(session):
    server, page = session
    open_form(page, server, "instrument")
    fill_instrument(page)
    page.fill("#kb-f-body-2", "Een lange uitleg over de werking. " * 300)
    page.click(SUBMIT)
    page.wait_for_selector("#kb-result:not([hidden])")
    assert page.is_hidden("#kb-github"), "a file too long for a GitHub address must not get the link"
    assert "te lang" in page.text_content("#kb-github-note")
    assert page.is_visible("#kb-download") and page.is_visible("#kb-copy")
    # The root build has an editors' address (conftest.CONFIGURED): the mail cannot hold so
    # long a text either, so it asks the sender to attach the downloaded file.
    href = page.get_attribute("#kb-email", "href")
    assert page.is_visible("#kb-email") and href.startswith(f"mailto:{CONFIGURED['KB_CONTACT_EMAIL']}?")
    body = parse_qs(urlsplit(href).query)["body"][0]
    assert "bijgevoegde bestand" in body and "Een lange uitleg" not in body, body
    violations = run_axe(page)
    assert not violations, f"axe on the form with its result: {violations}"


def test_email_button_when_an_address_is_configured(session):
    """The address comes from mkdocs.yml extra.contact_email into data-email (test_proposal.py);
    here the page carries one, as a site with the setting would."""
    server, page = session
    open_form(page, server, "instrument")
    page.evaluate("document.getElementById('kb-proposal').dataset.email = 'redactie@example.org'")
    fill_instrument(page)
    page.click(SUBMIT)
    page.wait_for_selector("#kb-result:not([hidden])")
    href = page.get_attribute("#kb-email", "href")
    assert page.is_visible("#kb-email") and href.startswith("mailto:redactie@example.org?subject=")
    assert parse_qs(urlsplit(href).query)["body"] == [page.text_content("#kb-file")]


def test_too_long_summary_is_reported_not_cut_off(session):
    server, page = session
    open_form(page, server, "dilemma")
    page.fill("#kb-f-description", "Een samenvatting die veel te lang doorloopt. " * 8)
    assert len(page.input_value("#kb-f-description")) > 300, "the field must not cut the text off"
    page.click(SUBMIT)
    page.wait_for_selector("#kb-error-summary:not([hidden])")
    text = field_error(page, "kb-f-description")
    assert "SCH005" in text and "hoogstens 300" in text
    assert page.is_hidden("#kb-result")


def test_no_email_button_without_an_address(browser, servers):
    """The sub-path build has no extra.contact_email: the form offers no e-mail route."""
    server = servers("sub")
    context, page = form_tab(browser, Watch())
    open_form(page, server, "instrument")
    fill_instrument(page)
    page.click(SUBMIT)
    page.wait_for_selector("#kb-result:not([hidden])")
    hidden = page.is_hidden("#kb-email")
    downloads = page.is_visible("#kb-download")
    context.close()
    assert hidden, "no e-mail button without extra.contact_email"
    assert downloads, "the download route stays"
