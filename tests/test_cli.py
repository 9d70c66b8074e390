"""The ``kb`` command line: output formats, exit codes and the commands around validation."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import copy_project
from kennisbank.adapters.cli import cli
from kennisbank.content.collections import BY_NAME, COLLECTIONS
from kennisbank.content.project import load_project

ROOT = Path(__file__).resolve().parent.parent
BAD = Path(__file__).resolve().parent / "fixtures" / "bad"

#: CI runs with GITHUB_ACTIONS=true; tests of the human format must not inherit it.
NO_CI = {"GITHUB_ACTIONS": None}


def invoke(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, [str(a) for a in args], env={**NO_CI, **(env or {})})


def bad_project(tmp_path: Path, case: str) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(ROOT / "vocabularies.yml", root)
    shutil.copytree(ROOT / "schemas", root / "schemas")
    shutil.copytree(BAD / case, root, dirs_exist_ok=True)
    return root


def content_copy(tmp_path: Path) -> Path:
    """A copy of the repository's real content (vocabularies, schemas, the three collections)."""
    root = tmp_path / "kennisbank"
    root.mkdir()
    shutil.copy(ROOT / "vocabularies.yml", root)
    for folder in ["schemas"] + [c.folder for c in COLLECTIONS]:
        shutil.copytree(ROOT / folder, root / folder)
    return root


# --- kb validate ----------------------------------------------------------------------

LINE = "practices/voorbeeld.md:18:9: SCH003: domain: YAML leest 'NO' in 'domain' als een ja/nee-waarde, maar hier hoort tekst."
TIP = '    tip: Zet de waarde tussen aanhalingstekens: domain: "NO"'
ANNOTATION = (
    "::error file=practices/voorbeeld.md,line=18,col=9,title=SCH003::YAML leest 'NO' in 'domain' als een "
    'ja/nee-waarde, maar hier hoort tekst. Tip: Zet de waarde tussen aanhalingstekens: domain: "NO"'
)
SUMMARY = "1 probleem in 1 van 1 bestanden. Uitleg per code: docs op de site, pagina Bijdragen > Foutcodes."


def test_human_output_is_exact(tmp_path):
    result = invoke("validate", "--root", bad_project(tmp_path, "sch003-domain-no"))
    assert result.exit_code == 1
    assert result.stdout == f"{LINE}\n{TIP}\n"
    assert result.stderr == f"{SUMMARY}\n"


def test_github_format(tmp_path):
    result = invoke("validate", "--format", "github", "--root", bad_project(tmp_path, "sch003-domain-no"))
    assert result.exit_code == 1
    assert result.stdout == f"{ANNOTATION}\n"
    assert result.stderr == f"{SUMMARY}\n"


def test_github_format_is_automatic_in_github_actions(tmp_path):
    root = bad_project(tmp_path, "sch003-domain-no")
    result = invoke("validate", "--root", root, env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    assert result.stdout == f"{ANNOTATION}\n"
    # --format still wins over the environment
    human = invoke("validate", "--format", "human", "--root", root, env={"GITHUB_ACTIONS": "true"})
    assert human.stdout == f"{LINE}\n{TIP}\n"


def test_github_annotation_escapes_file_names(tmp_path):
    root = bad_project(tmp_path, "sch003-domain-no")
    (root / "practices" / "voorbeeld.md").rename(root / "practices" / "a,b.md")
    result = invoke("validate", "--format", "github", "--root", root)
    assert "file=practices/a%2Cb.md,line=0" not in result.stdout  # line 0 is shown as line 1
    assert "::error file=practices/a%2Cb.md,line=1,col=1,title=FILE001::" in result.stdout


def test_real_content_is_clean():
    result = invoke("validate", "--root", ROOT)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Geen problemen gevonden in ")


def test_json_format_on_real_content():
    result = invoke("validate", "--format", "json", "--root", ROOT)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"problems": [], "count": 0}


def test_missing_vocabularies_is_a_configuration_error(tmp_path):
    (tmp_path / "practices").mkdir()
    result = invoke("validate", "--root", tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith("Fout: ") and "vocabularies.yml bestaat niet" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("root", ["bestaat-niet", "README.md"])
def test_bad_root_is_a_configuration_error(tmp_path, root):
    target = tmp_path / root
    if root == "README.md":
        target.write_text("geen map\n", encoding="utf-8")
    result = invoke("validate", "--root", target)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_missing_schema_is_a_configuration_error(tmp_path):
    root = bad_project(tmp_path, "sch003-domain-no")
    (root / "schemas" / "practice.schema.json").unlink()
    result = invoke("validate", "--root", root)
    assert result.exit_code == 2
    assert result.stderr.startswith("Fout: ")


# --- kb new ---------------------------------------------------------------------------


def add_entry_with_id(root: Path, collection: str, entry_id: str) -> None:
    """Copy one real entry of the collection under a new name and the given id."""
    spec = BY_NAME[collection]
    source = sorted((root / spec.folder).glob("*.md"))[0].read_text(encoding="utf-8")
    text = re.sub(r"^id: .*$", f"id: {entry_id}", source, count=1, flags=re.M)
    text = re.sub(r"^aliases:.*\n(?:  - .*\n)*", "", text, flags=re.M)
    (root / spec.folder / "hoogste-id.md").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("collection", ["practice", "dilemma", "instrument"])
def test_new_writes_a_template_with_the_next_free_id(tmp_path, collection):
    root = content_copy(tmp_path)
    spec = BY_NAME[collection]
    add_entry_with_id(root, collection, f"{spec.id_prefix}-950")  # the highest id in the folder
    expected_id = f"{spec.id_prefix}-951"
    result = invoke("new", collection, "Snel & eerlijk: één loket", "--root", root)
    assert result.exit_code == 0, result.output
    path = f"{spec.folder}/snel-eerlijk-een-loket.md"
    assert result.stdout == path + "\n"
    text = (root / path).read_text(encoding="utf-8")
    assert f"\nid: {expected_id}\n" in text
    assert '\ntitle: "Snel & eerlijk: één loket"\n' in text

    # Refuses to overwrite, and leaves the file alone.
    (root / path).write_text(text + "\nmijn eigen tekst\n", encoding="utf-8")
    again = invoke("new", collection, "Snel & eerlijk: één loket", "--root", root)
    assert again.exit_code == 2
    assert "bestaat al" in again.stderr
    assert (root / path).read_text(encoding="utf-8").endswith("mijn eigen tekst\n")
    (root / path).write_text(text, encoding="utf-8")

    # A fresh file lists only the places to fill in.
    check = invoke("validate", "--format", "json", "--root", root)
    assert check.exit_code == 1
    problems = json.loads(check.stdout)["problems"]
    assert problems
    assert {p["code"] for p in problems} == {"VUL001"}
    assert {p["path"] for p in problems} == {path}


def test_new_on_29_february_sets_review_by_to_28_february(tmp_path):
    leap_day = str(int(dt.datetime(2028, 2, 29, 12, tzinfo=dt.UTC).timestamp()))
    root = content_copy(tmp_path)
    result = invoke("new", "practice", "Schrikkeldag", "--root", root, env={"SOURCE_DATE_EPOCH": leap_day})
    assert result.exit_code == 0, result.output
    text = (root / "practices" / "schrikkeldag.md").read_text(encoding="utf-8")
    assert "\npublished: 2028-02-29\n" in text and "\nreview_by: 2029-02-28\n" in text


def test_new_rejects_a_too_short_title(tmp_path):
    result = invoke("new", "practice", "ab", "--root", content_copy(tmp_path))
    assert result.exit_code == 2


# --- kb generate ----------------------------------------------------------------------


@pytest.mark.parametrize("out", ["practices", "practices/gegenereerd", "dilemmas", "instruments", "docs", "."])
def test_generate_refuses_a_content_folder(tmp_path, out):
    root = content_copy(tmp_path)

    def files() -> list[Path]:  # the result cache (.cache/, gitignored) is the one folder kb may write to
        return sorted(p.relative_to(root) for p in root.rglob("*") if p.relative_to(root).parts[0] != ".cache")

    before = files()
    result = invoke("generate", "--root", root, "--out", root / out)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Fout: ")
    assert files() == before


def test_generate_writes_every_page_and_file_to_a_separate_folder(tmp_path):
    root = content_copy(tmp_path)
    out = tmp_path / "uit"
    result = invoke("generate", "--root", root, "--out", out, "--site-url", "https://voorbeeld.nl/kb/")
    assert result.exit_code == 0, result.output
    entries = load_project(root).entries
    for entry in entries:
        page = (out / entry.collection.url_prefix / f"{entry.slug}.md").read_text(encoding="utf-8")
        assert f"\nkb_id: {entry.id}\n" in page
        redirect = (out / "p" / entry.id / "index.html").read_text(encoding="utf-8")
        assert f'url=../../{entry.collection.url_prefix}/{entry.slug}/"' in redirect
    data = json.loads((out / "data" / "kennisbank.json").read_text(encoding="utf-8"))
    assert data["count"] == len(entries)
    assert data["pages"][entries[0].id]["permalink"] == f"https://voorbeeld.nl/kb/p/{entries[0].id}/"
    assert (
        "Canonical: https://voorbeeld.nl/kb/.well-known/security.txt"
        in (out / ".well-known" / "security.txt").read_text()
    )
    assert result.stdout.strip() == f"{sum(1 for p in out.rglob('*') if p.is_file())} bestanden geschreven naar {out}."


# --- kb report stale ------------------------------------------------------------------


def test_report_stale_lists_entries_with_their_owner():
    result = invoke("report", "stale", "--root", ROOT, "--today", "2099-01-01")
    assert result.exit_code == 0
    stale = [
        e
        for e in load_project(ROOT).entries
        if isinstance(e.meta.get("review_by"), str) and e.meta["review_by"] < "2099-01-01"
    ]
    assert stale, "de echte inhoud heeft herzieningsdatums"
    lines = result.stdout.splitlines()
    assert len(lines) == len(stale)
    for entry in stale:
        line = next(line for line in lines if line.startswith(entry.path + ":"))
        assert entry.id in line
        assert f"beheerder: {entry.meta['owner']}" in line
    assert result.stderr == f"{len(stale)} items moeten opnieuw bekeken worden.\n"


def test_report_stale_with_nothing_stale():
    result = invoke("report", "stale", "--root", ROOT, "--today", "2000-01-01")
    assert result.exit_code == 0
    assert result.stdout.startswith("Geen items met een verlopen herzieningsdatum")


# --- kb handout -----------------------------------------------------------------------


def test_handout_of_three_entries(tmp_path):
    project = load_project(ROOT)
    entries = [project.by_collection(c)[0] for c in COLLECTIONS]
    out = tmp_path / "handout.html"
    result = invoke(
        "handout",
        *[e.id for e in entries],
        "--title",
        "Training beleid en uitvoering",
        "-o",
        out,
        "--site-url",
        "https://voorbeeld.nl/kb/",
        "--root",
        ROOT,
    )
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and '<html lang="nl">' in page
    assert "Training beleid en uitvoering" in page
    for entry in entries:
        assert html.escape(entry.title, quote=True) in page
        assert f'href="https://voorbeeld.nl/kb/p/{entry.id}/"' in page
        assert f"QR-code naar https://voorbeeld.nl/kb/p/{entry.id}/" in page
    assert len(re.findall(r"<svg\b", page)) == 3


def test_handout_unknown_id(tmp_path):
    result = invoke("handout", "pr-999999", "-o", tmp_path / "h.html", "--root", ROOT)
    assert result.exit_code == 2
    assert "Onbekende id: pr-999999" in result.stderr
    assert not (tmp_path / "h.html").exists()


# --- kb urls and kb build -------------------------------------------------------------


@pytest.mark.site
def test_urls_lists_every_page_and_update_only_adds(tmp_path):
    root = copy_project(tmp_path / "kennisbank")
    listed = invoke("urls", "--root", root)
    assert listed.exit_code == 0, listed.output
    urls = listed.stdout.split()
    entries = load_project(root).entries
    for entry in entries:
        assert f"/{entry.collection.url_prefix}/{entry.slug}/" in urls and f"/p/{entry.id}/" in urls
    manifest = root / "published-urls.txt"
    before = manifest.read_text(encoding="utf-8")
    add_entry_with_id(root, "practice", "pr-950")
    updated = invoke("urls", "--root", root, "--update")
    assert updated.exit_code == 0, updated.output
    assert updated.stdout.strip() == "2 nieuwe adressen toegevoegd aan published-urls.txt."
    after = manifest.read_text(encoding="utf-8")
    assert set(before.split()) < set(after.split())
    assert set(after.split()) - set(before.split()) == {"/praktijkvoorbeelden/hoogste-id/", "/p/pr-950/"}


@pytest.mark.site
def test_urls_reports_a_published_address_that_would_disappear(tmp_path):
    root = copy_project(tmp_path / "kennisbank")
    entry = load_project(root).entries[0]
    (root / entry.path).rename(root / entry.collection.folder / "nieuwe-naam.md")
    result = invoke("urls", "--root", root)
    assert result.exit_code == 1
    assert f"/{entry.collection.url_prefix}/{entry.slug}/" in result.stderr


@pytest.mark.site
def test_build_writes_a_complete_site_with_its_marker(tmp_path):
    root = copy_project(tmp_path / "kennisbank")
    site = tmp_path / "uit"
    result = invoke("build", "--root", root, "--site-dir", site)
    assert result.exit_code == 0, result.output
    assert (site / ".kennisbank-site").is_file() and (site / "pagefind" / "pagefind.js").is_file()
    for entry in load_project(root).entries:
        assert (site / entry.collection.url_prefix / entry.slug / "index.html").is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".uit.")]  # no staging folder left


@pytest.mark.parametrize("today", ["foo", "9", "2027-11-30x", "2027-02-30"])
def test_report_stale_refuses_a_date_that_is_not_one(today):
    result = invoke("report", "stale", "--root", ROOT, "--today", today)
    assert result.exit_code == 2 and f"'{today}' is geen datum" in result.stderr


def test_csp_refuses_a_folder_that_is_not_a_built_site(tmp_path):
    result = invoke("csp", tmp_path)
    assert result.exit_code == 2 and ".kennisbank-site ontbreekt" in result.stderr


# --- kb report sources ----------------------------------------------------------------


def report_project(tmp_path: Path) -> Path:
    """A small project (tests/fixtures/report-sources) with the repository's schemas and vocabularies."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(ROOT / "vocabularies.yml", root)
    shutil.copytree(ROOT / "schemas", root / "schemas")
    shutil.copytree(Path(__file__).resolve().parent / "fixtures" / "report-sources", root, dirs_exist_ok=True)
    return root


def test_report_sources_lists_entries_without_any_source_url(tmp_path):
    root = report_project(tmp_path)
    assert invoke("validate", "--root", root).exit_code == 0, "het voorbeeld zelf is in orde"

    result = invoke("report", "sources", "--root", root)

    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "instruments/zonder-adres.md: in-101 'Instrument zonder webadres' — bronnen zonder webadres: "
        "Een verslag (§2); Een notitie (bijlage 1)",
        "practices/alleen-sectie.md: pr-102 'Voorbeeld met alleen een sectie' — bronnen zonder webadres: "
        "Herijking Werk aan Uitvoering (§4.4)",
    ]
    assert "met-adres" not in result.output
    assert result.stderr == "2 van de 3 items hebben geen bron met een webadres.\n"


def test_report_sources_when_every_entry_has_a_url(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(ROOT / "vocabularies.yml", root)
    shutil.copytree(ROOT / "schemas", root / "schemas")
    shutil.copytree(Path(__file__).resolve().parent / "fixtures" / "report-sources" / "practices", root / "practices")
    (root / "practices" / "alleen-sectie.md").unlink()

    result = invoke("report", "sources", "--root", root)

    assert result.exit_code == 0
    assert result.stdout == "Elk item noemt minstens één bron met een webadres (1 item).\n"


# --- merged entries keep their permalink ----------------------------------------------


def test_a_merged_entry_keeps_its_permalink_and_its_id_stays_taken(tmp_path):
    root = content_copy(tmp_path)
    # The first entry that has no aliases of its own, so the added line is its only 'aliases' key.
    survivor = next(
        path
        for path in sorted((root / "practices").glob("*.md"))
        if "\naliases:" not in path.read_text(encoding="utf-8")
    )
    text = survivor.read_text(encoding="utf-8")
    survivor.write_text(
        text.replace("\nrelated:", "\naliases: [/p/pr-900/, /praktijkvoorbeelden/opgegaan/]\nrelated:", 1)
    )
    assert invoke("validate", "--root", root).exit_code == 0

    out = tmp_path / "uit"
    assert invoke("generate", "--root", root, "--out", out).exit_code == 0
    slug = survivor.stem
    for old, target in (
        ("p/pr-900", f"../../praktijkvoorbeelden/{slug}/"),
        ("praktijkvoorbeelden/opgegaan", f"../{slug}/"),
    ):
        redirect = (out / old / "index.html").read_text(encoding="utf-8")
        assert f'url={target}"' in redirect

    made = invoke("new", "practice", "Een nieuw voorbeeld", "--root", root)
    assert made.exit_code == 0, made.output
    assert "\nid: pr-901\n" in (root / made.stdout.strip()).read_text(encoding="utf-8")


def test_home_page_says_what_is_sourced_and_what_is_the_editors_reading(tmp_path):
    root = content_copy(tmp_path)
    out = tmp_path / "uit"
    assert invoke("generate", "--root", root, "--out", out).exit_code == 0
    home = (out / "index.md").read_text(encoding="utf-8")
    assert "De feiten komen uit openbare bronnen" in home
    assert "Aandachtspunten van de redactie" in home and "de lezing van de redactie" in home
    assert "Alles is gebaseerd op openbare bronnen" not in home


# --- kb report overlap ----------------------------------------------------------------


def test_report_overlap_names_the_longest_shared_run_and_fails_from_the_limit(tmp_path):
    root = report_project(tmp_path)
    sources = tmp_path / "bronnen"
    sources.mkdir()
    # Twelve words of the instrument's description, with a typographic apostrophe and a web
    # address in between that the comparison ignores.
    (sources / "bron.txt").write_text(
        "Zoals gezegd: Een instrument waarvan de bron https://voorbeeld.nl/x alleen een document "
        "met een sectie is. Verder niets.",
        encoding="utf-8",
    )
    # An index file is not a source, even though it repeats a practice's description.
    (sources / "README.md").write_text(
        "Een korte beschrijving van wat de organisatie deed en wat het opleverde.", encoding="utf-8"
    )

    result = invoke("report", "overlap", sources, "--root", root)

    assert result.exit_code == 1
    assert result.stdout == (
        "instruments/zonder-adres.md: 12 woorden gedeeld met bron.txt: "
        "\u201ceen instrument waarvan de bron alleen een document met een sectie is\u201d\n"
    )
    assert result.stderr == "3 items vergeleken met 1 bronbestanden; 1 met een reeks van 10 woorden of meer.\n"

    relaxed = invoke("report", "overlap", sources / "bron.txt", "--grens", "13", "--root", root)
    assert relaxed.exit_code == 0
    assert "instruments/zonder-adres.md: 12 woorden" in relaxed.stdout


def test_report_overlap_refuses_a_missing_source(tmp_path):
    result = invoke("report", "overlap", tmp_path / "bestaat-niet", "--root", ROOT)
    assert result.exit_code == 2
    assert result.stderr == f"Fout: Deze bron bestaat niet: {tmp_path / 'bestaat-niet'}.\n"
