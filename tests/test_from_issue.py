"""``kb from-issue``: a submitted issue form becomes an entry file, or Dutch problems and no file.

The issue bodies in tests/fixtures/issues/ are written as GitHub renders a submitted form
(``### Label``, the answer, ``_No response_`` for an optional field left empty). Each good
one has its expected entry file, written by hand, in tests/fixtures/issues/expected/.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kennisbank.adapters.cli import cli

ROOT = Path(__file__).resolve().parent.parent
ISSUES = Path(__file__).resolve().parent / "fixtures" / "issues"
#: 1 March 2027, noon UTC: the publication date of every proposal in these tests.
TODAY = {"SOURCE_DATE_EPOCH": str(int(dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC).timestamp())), "GITHUB_ACTIONS": None}


@pytest.fixture
def project(tmp_path) -> Path:
    """A small project: the real vocabularies, schemas and issue forms, and one entry per
    collection (pr-007, di-003, in-002), so the next ids are pr-008, di-004 and in-003."""
    root = tmp_path / "kennisbank"
    root.mkdir()
    shutil.copy(ROOT / "vocabularies.yml", root)
    shutil.copytree(ROOT / "schemas", root / "schemas")
    shutil.copytree(ROOT / ".github" / "ISSUE_TEMPLATE", root / ".github" / "ISSUE_TEMPLATE")
    shutil.copytree(ISSUES / "project", root, dirs_exist_ok=True)
    return root


def from_issue(project: Path, body: Path, *extra: str):
    return CliRunner().invoke(cli, ["from-issue", str(body), "--root", str(project), *extra], env=TODAY)


def content_files(project: Path) -> dict[str, bytes]:
    return {
        p.relative_to(project).as_posix(): p.read_bytes()
        for folder in ("practices", "dilemmas", "instruments")
        for p in sorted((project / folder).iterdir())
    }


@pytest.mark.parametrize(
    "case, written",
    [
        ("praktijkvoorbeeld-goed", "practices/no-een-loket-voor-ondernemers-2.md"),
        ("dilemma-goed", "dilemmas/snel-of-zorgvuldig-wie-beslist.md"),
        ("instrument-goed", "instruments/yes.md"),
    ],
)
def test_a_good_issue_becomes_the_expected_entry_and_kb_validate_accepts_it(project, case, written):
    result = from_issue(project, ISSUES / f"{case}.md")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == written
    assert "de controle vond geen problemen" in result.stderr
    expected = (ISSUES / "expected" / f"{case}.md").read_text(encoding="utf-8")
    assert (project / written).read_text(encoding="utf-8") == expected
    check = CliRunner().invoke(cli, ["validate", "--root", str(project)], env=TODAY)
    assert check.exit_code == 0, check.output
    assert "Geen problemen gevonden in 4 bestanden." in check.output


def test_windows_line_ends_as_github_sends_them_give_the_same_file(project, tmp_path):
    body = tmp_path / "issue.md"
    body.write_bytes((ISSUES / "praktijkvoorbeeld-goed.md").read_text(encoding="utf-8").replace("\n", "\r\n").encode())
    result = from_issue(project, body)
    assert result.exit_code == 0, result.output
    written = project / "practices" / "no-een-loket-voor-ondernemers-2.md"
    assert written.read_text(encoding="utf-8") == (ISSUES / "expected" / "praktijkvoorbeeld-goed.md").read_text()


@pytest.mark.parametrize(
    "case, lines",
    [
        (
            "fout-ontbrekend-veld",
            ["ISSUE001 bij 'Resultaat': Het veld 'Resultaat' is niet ingevuld."],
        ),
        (
            "fout-persoonsgegevens",
            [
                "PII004 bij 'Aanpak': 'jan.jansen@gmail.com' is een e-mailadres dat niet in functional_mailboxes staat.",
                "PII003 bij 'Aanpak': '06-12345678' is een telefoonnummer.",
                "PII001 bij 'Aanpak': '111222333' voldoet aan de elfproef en kan een burgerservicenummer zijn.",
            ],
        ),
        (
            "fout-html",
            [
                "SAFE001 bij 'Aandachtspunten van de redactie': De hoofdtekst bevat het HTML-element <script>; "
                "de site zou dat weghalen."
            ],
        ),
        (
            "fout-onbekend-label",
            ["ISSUE002 bij 'Thema's': 'Duurzaamheid' staat niet in de keuzelijst van 'Thema's'."],
        ),
    ],
)
def test_a_bad_issue_gets_dutch_messages_and_writes_nothing(project, case, lines):
    before = content_files(project)
    result = from_issue(project, ISSUES / f"{case}.md")
    assert result.exit_code == 1
    shown = [line for line in result.stdout.splitlines() if not line.startswith("    tip: ")]
    assert shown == lines
    assert result.stdout.count("    tip: ") == len(lines)
    assert "Er is geen bestand geschreven." in result.stderr
    assert "Traceback" not in result.output
    assert content_files(project) == before


def test_the_reaction_for_the_issue_quotes_the_contributors_text_only_inside_a_code_block(project, tmp_path):
    body = tmp_path / "issue.md"
    text = (ISSUES / "fout-onbekend-label.md").read_text(encoding="utf-8")
    body.write_text(text.replace("Duurzaamheid", "Duurzaamheid ```` @iemand <b>"), encoding="utf-8")
    reaction = tmp_path / "reactie.md"
    result = from_issue(project, body, "--comment", str(reaction))
    assert result.exit_code == 1
    comment = reaction.read_text(encoding="utf-8")
    assert comment.startswith("Uw voorstel is nog niet omgezet in een item")
    fence = "`````text\n"  # one backtick longer than the longest run in the text
    assert fence in comment
    inside = comment.split(fence, 1)[1].split("\n`````\n", 1)[0]
    assert "'Duurzaamheid ```` @iemand <b>' staat niet in de keuzelijst" in inside
    assert "@iemand" not in comment.replace(inside, "")


def test_the_reaction_names_the_new_file_when_it_worked(project, tmp_path):
    reaction = tmp_path / "reactie.md"
    result = from_issue(project, ISSUES / "dilemma-goed.md", "--comment", str(reaction))
    assert result.exit_code == 0, result.output
    assert reaction.read_text(encoding="utf-8").startswith(
        "Uw voorstel is omgezet in een nieuw item: `dilemmas/snel-of-zorgvuldig-wie-beslist.md` (id `di-004`)."
    )


def test_an_existing_file_is_never_overwritten(project):
    existing = project / "instruments" / "yes.md"
    existing.write_text("niet aanraken\n", encoding="utf-8")
    result = from_issue(project, ISSUES / "instrument-goed.md")
    assert result.exit_code == 1
    assert "ISSUE005 bij 'Titel': Er bestaat al een item instruments/yes.md." in result.stdout
    assert existing.read_text(encoding="utf-8") == "niet aanraken\n"


def test_a_title_that_looks_like_a_path_stays_a_file_name_in_the_collection_folder(project, tmp_path):
    body = tmp_path / "issue.md"
    text = (ISSUES / "instrument-goed.md").read_text(encoding="utf-8")
    body.write_text(text.replace("### Titel\n\nYes\n", "### Titel\n\n../../Yes/..\\mkdocs\n"), encoding="utf-8")
    result = from_issue(project, body)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "instruments/yes-mkdocs.md"
    assert not (project / "mkdocs").exists() and not (tmp_path / "Yes").exists()


def test_an_issue_that_is_no_form_is_refused(project, tmp_path):
    body = tmp_path / "issue.md"
    body.write_text("Ik heb een mooi voorbeeld uit mijn gemeente.\n", encoding="utf-8")
    result = from_issue(project, body)
    assert result.exit_code == 1
    assert result.stdout.startswith(
        "ISSUE004 bij 'het voorstel': Dit issue is geen ingevuld formulier voor een praktijkvoorbeeld, dilemma of instrument."
    )


def test_the_reaction_is_not_written_into_the_project(project):
    result = from_issue(project, ISSUES / "dilemma-goed.md", "--comment", str(project / "practices" / "x.md"))
    assert result.exit_code == 2
    assert "Fout: Schrijf de reactie (--comment) buiten de map van de kennisbank." in result.stderr
    assert not (project / "practices" / "x.md").exists()
    assert not (project / "dilemmas" / "snel-of-zorgvuldig-wie-beslist.md").exists()


@pytest.mark.parametrize(
    "title",
    ["NO", "yes", "On", "2023", "12:30", "1e3", "null", "~", "Dilemma 1: wie beslist?", "Doorbraakteam #2",
     "- lijst", "[haken]", "{accolades}", "'enkel' en \"dubbel\"", "&anker *verwijzing", "!label", "%procent", "@apenstaart"],
)  # fmt: skip
def test_front_matter_reads_back_as_the_text_the_contributor_wrote(title):
    """YAML 1.1 traps: whatever the title, kb's own loader reads back exactly that text."""
    from kennisbank.content.collections import BY_NAME
    from kennisbank.content.loader import parse_entry
    from kennisbank.content.proposal import Proposal, render

    meta = {"id": "pr-001", "title": title, "description": title, "themes": [title], "period": title}
    text = render(Proposal(meta=meta, body="## Aanleiding\n\nTekst.\n"))
    entry, problems = parse_entry(text, "practices/x.md", "x", BY_NAME["practice"])
    assert problems == [] and entry is not None
    assert entry.meta == meta


@pytest.mark.parametrize(
    "answer, heading",
    [("## Aandachtspunten van de redactie", "Aandachtspunten van de redactie"), ("Conclusie\n---", "Conclusie")],
)
def test_an_answer_cannot_start_a_section_of_its_own(project, tmp_path, answer, heading):
    """A level-2 heading in the 'Resultaat' answer would pass facts off as the editors' reading."""
    body = tmp_path / "issue.md"
    text = (ISSUES / "praktijkvoorbeeld-goed.md").read_text(encoding="utf-8")
    body.write_text(
        text.replace("De bronnen noemen nog geen resultaten.", f"Minder wachttijd.\n\n{answer}\n\nBegin klein.")
    )
    result = from_issue(project, body)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"ISSUE006 bij 'Resultaat': Het antwoord bij 'Resultaat' bevat een eigen kop '{heading}' van niveau 2."
    )
    assert not (project / "practices" / "no-een-loket-voor-ondernemers-2.md").exists()


def test_a_title_that_spells_out_long_still_gets_a_file_name_the_file_system_takes(project, tmp_path):
    # U+FDFA is one character of the title (at most 120) but 29 letters in a file name.
    body = tmp_path / "issue.md"
    text = (ISSUES / "instrument-goed.md").read_text(encoding="utf-8")
    body.write_text(text.replace("### Titel\n\nYes\n", "### Titel\n\n" + "\ufdfa" * 100 + "\n"), encoding="utf-8")
    result = from_issue(project, body)
    assert "Interne fout" not in result.output and result.exit_code == 0, result.output
    written = result.stdout.strip()
    assert written.startswith("instruments/") and written.endswith(".md")
    assert len(written.removeprefix("instruments/").removesuffix(".md")) <= 80
    assert (project / written).is_file()


def test_a_reaction_on_thousands_of_problems_still_fits_in_a_github_comment(project, tmp_path):
    # A body of some 40 KB (GitHub allows 65,536 characters) with 5,000 unknown tags.
    body = tmp_path / "issue.md"
    text = (ISSUES / "praktijkvoorbeeld-goed.md").read_text(encoding="utf-8")
    tags = ", ".join(f"x{i}" for i in range(5000))
    body.write_text(text.replace("samenwerking, proactieve dienstverlening", tags), encoding="utf-8")
    reaction = tmp_path / "reactie.md"
    result = from_issue(project, body, "--comment", str(reaction))
    assert result.exit_code == 1
    assert "ISSUE002 bij 'Trefwoorden': 'x4999' staat niet in de keuzelijst" in result.stdout  # all on the terminal
    shown = reaction.read_text(encoding="utf-8")
    assert len(shown) <= 65_536, "GitHub refuses a longer comment; the contributor would read nothing"
    assert "ISSUE002 bij 'Trefwoorden': 'x0' staat niet in de keuzelijst van 'Trefwoorden'." in shown
    left = int(re.search(r"En nog (\d+) problemen; los eerst deze op\.", shown).group(1))
    assert left + shown.count("ISSUE002 bij") == 5000
