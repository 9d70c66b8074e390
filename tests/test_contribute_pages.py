"""The Bijdragen page and the contact route: links built from the one configured repository
URL and the editors' e-mail address (mkdocs.yml), shown only when set."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import CONFIGURED, build_site, copy_project
from kennisbank.content.issueforms import FORM_FILES
from kennisbank.site.settings import PageSettings, fill, settings_problem

REPO = CONFIGURED["KB_REPO_URL"]
MAIL = CONFIGURED["KB_CONTACT_EMAIL"]
DEFAULT_REPO = "https://github.com/werk-aan-uitvoering/kennisbank"
FORM_PAGES = {"praktijkvoorbeeld": "Praktijkvoorbeeld", "dilemma": "Dilemma", "instrument": "Instrument"}


def links(page: Path) -> dict[str, str]:
    """href -> the link's visible text, for every link in the page's content."""
    html = page.read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    return {
        href: re.sub(r"<[^>]+>", "", text).strip()
        for href, text in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', article, flags=re.S)
    }


def test_bijdragen_shows_the_three_routes_with_working_links(built_site):
    page = built_site / "bijdragen" / "index.html"
    found = links(page)
    html = page.read_text(encoding="utf-8")
    routes = re.findall(r'<section class="kb-route">\s*<h3[^>]*>(.*?)<a', html)
    assert routes == ["Op deze site: een formulier", "Op GitHub: een issueformulier", "Met git: een pull request"]
    for file in FORM_FILES.values():
        assert f"{REPO}/issues/new?template={file}" in found, file
    assert found[f"{REPO}/issues/new?template=dilemma.yml"] == "Dilemma voorstellen op GitHub"
    assert found[REPO] == "De repository op GitHub"
    assert found["#met-git-stap-voor-stap"] == "stap voor stap"
    assert found[f"mailto:{MAIL}"] == MAIL
    # the edit button has its own setting (KB_EDIT_URL); every other link follows KB_REPO_URL
    assert [h for h in found if h.startswith(DEFAULT_REPO) and "/edit/" not in h] == []
    # The form on the site is linked exactly when the site has the page (another part of issue 11).
    for name, label in FORM_PAGES.items():
        exists = (built_site / "bijdragen" / "voorstel" / name / "index.html").is_file()
        assert (found.get(f"voorstel/{name}/") == f"{label} voorstellen") is exists, name


def test_every_issue_form_the_page_links_exists():
    for file in FORM_FILES.values():
        assert (Path(__file__).resolve().parent.parent / ".github" / "ISSUE_TEMPLATE" / file).is_file()


@pytest.mark.parametrize("page", ["toegankelijkheid", "privacy"])
def test_accessibility_and_privacy_pages_give_the_same_contact_route(built_site, page):
    found = links(built_site / page / "index.html")
    assert found[f"mailto:{MAIL}"] == MAIL
    assert f"{REPO}/issues/new" in found
    assert "../bijdragen/" in found


@pytest.mark.parametrize("page", ["bijdragen", "toegankelijkheid", "privacy"])
def test_without_an_address_no_mail_route_is_shown(built_site_subpath, page):
    html = (built_site_subpath / page / "index.html").read_text(encoding="utf-8")
    assert "mailto:" not in html and "%kb:" not in html and "kb:als" not in html
    assert f"{DEFAULT_REPO}/issues/new" in html
    if page == "bijdragen":
        assert "vraag dan een collega met een account om uw voorstel in te dienen" in html


@pytest.mark.parametrize(
    "setting, value, message",
    [
        ("KB_CONTACT_EMAIL", "redactie@voorbeeld.nl><script>", "is geen eenvoudig e-mailadres"),
        ("KB_REPO_URL", "javascript:alert(1)//github.com/x", "is geen eenvoudig https-adres"),
    ],
)
def test_a_setting_that_is_not_a_plain_address_stops_the_build(tmp_path, setting, value, message):
    project = copy_project(tmp_path / "kennisbank")
    site = tmp_path / "site"
    result = build_site(project, site, extra_env={"KB_PAGEFIND": "false", setting: value})
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Configuratiefout in mkdocs.yml" in output and message in output and "Traceback" not in output
    assert not (site / "index.html").exists()


# --- the placeholders themselves (no build) -------------------------------------------

PAGE = """Intro.
<!-- kb:als contact_email -->
Mail [%kb:contact_email%](%kb:contact_mailto%).
<!-- kb:einde -->
<!-- kb:als-niet contact_email -->
Geen adres.
<!-- kb:einde -->
[Issue](%kb:repo_url%/issues/new)
<!-- kb:als pagina:bijdragen/voorstel/dilemma/ -->
[Formulier](voorstel/dilemma/)
<!-- kb:einde -->
"""


def test_blocks_show_only_what_is_configured():
    assert fill(PAGE, PageSettings()) == "Intro.\nGeen adres.\n[Issue](/issues/new)\n"
    filled = fill(
        PAGE,
        PageSettings("https://git.voorbeeld.nl/kb/", "a_b@voorbeeld.nl", frozenset({"bijdragen/voorstel/dilemma/"})),
    )
    assert filled == (
        "Intro.\nMail [a\\_b@voorbeeld\\.nl](mailto:a_b@voorbeeld.nl).\n"
        "[Issue](https://git.voorbeeld.nl/kb/issues/new)\n[Formulier](voorstel/dilemma/)\n"
    )


def test_a_value_is_escaped_where_it_stands_even_when_not_checked():
    filled = fill(PAGE, PageSettings("https://x.nl/a) <b>", "x)<i>@y.nl"))
    assert "(https://x.nl/a%29%20%3Cb%3E/issues/new)" in filled
    assert "mailto:x%29%3Ci%3E@y.nl" in filled and "[x\\)\\<i\\>@y\\.nl]" in filled


@pytest.mark.parametrize(
    "repo, mail, bad",
    [
        ("http://github.com/o/r", "", "repo_url"),
        ("https://github.com/o/r?x=1", "", "repo_url"),
        ("https://github.com/o r", "", "repo_url"),
        ("", "geen-adres", "contact_email"),
        ("", "a@b", "contact_email"),
        ("", "a b@c.nl", "contact_email"),
    ],
)
def test_settings_that_are_not_plain_addresses_are_refused(repo, mail, bad):
    assert settings_problem(repo, mail).startswith(bad)


def test_plain_settings_pass():
    assert settings_problem("https://github.com/werk-aan-uitvoering/kennisbank", "redactie@werkaanuitvoering.nl") == ""
    assert settings_problem("", "") == ""


@pytest.mark.site
def test_another_engine_gets_the_pages_filled_in_as_well(tmp_path):
    """kb generate --project copies docs/ for an engine without plugins: the placeholders are filled there too."""
    from click.testing import CliRunner

    from kennisbank.adapters.cli import cli

    out = tmp_path / "engine"
    result = CliRunner().invoke(
        cli,
        ["generate", "--root", str(Path(__file__).resolve().parent.parent), "--out", str(out), "--project"],
        env={**CONFIGURED, "GITHUB_ACTIONS": None},
    )
    assert result.exit_code == 0, result.output
    page = (out / "docs" / "bijdragen" / "index.md").read_text(encoding="utf-8")
    assert f"]({REPO}/issues/new?template=instrument.yml)" in page
    assert "(mailto:redactie@voorbeeld.nl)" in page
    assert "%kb:" not in page and "<!-- kb:" not in page
