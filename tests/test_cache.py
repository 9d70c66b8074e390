"""The result cache (.cache/kennisbank/): a second run reuses per-file results, yet every
answer is what a run without the cache gives, also after a change elsewhere in the project."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from kennisbank.adapters.pipeline import check, site_files
from test_cli import content_copy, invoke

CACHE = Path(".cache") / "kennisbank"
TODAY = "2026-06-01"


def validate(root: Path, *extra: str) -> tuple[int, list[dict]]:
    result = invoke("validate", "--format", "json", "--root", root, *extra)
    assert "Traceback" not in result.output and result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)["problems"]


def entry_file(root: Path, entry_id: str) -> Path:
    return next(p for p in root.glob("*/*.md") if re.search(rf"^id: {entry_id}$", p.read_text("utf-8"), re.M))


def tags(path: Path) -> list[str]:
    found = re.search(r"^tags: \[(.*)\]$", path.read_text("utf-8"), re.M)
    return found.group(1).split(", ") if found else []


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = content_copy(tmp_path)
    # A problem in one file, so the answers compared below are not merely "all clean".
    path = entry_file(root, "pr-009")
    path.write_text(path.read_text("utf-8").replace("status: lopend", "status: bezig"), encoding="utf-8")
    return root


def test_second_run_reuses_the_cache_and_answers_the_same(project):
    first = validate(project)
    records = json.loads((project / CACHE / "validate.json").read_text("utf-8"))["records"]
    files = list(project.glob("*/*.md"))
    entries = [p for p in files if p.parent.name in ("practices", "dilemmas", "instruments")]
    assert len(records) == len(entries) + 1  # one per entry file, one for docs/
    assert validate(project) == first
    assert validate(project, "--no-cache") == first
    assert [p["code"] for p in first[1]] == ["VOC001"]


def test_no_cache_reads_and_writes_nothing(project):
    validate(project, "--no-cache")
    assert not (project / CACHE).exists()


def test_a_vocabulary_change_reaches_every_entry_that_uses_the_term(project):
    validate(project)
    vocabularies = project / "vocabularies.yml"
    text = vocabularies.read_text("utf-8")
    line = next(x for x in text.split("\n") if x.startswith("  - {id: samenwerking,"))
    vocabularies.write_text(text.replace(line + "\n", ""), encoding="utf-8")
    users = {p.relative_to(project).as_posix() for p in project.glob("*/*.md") if "samenwerking" in tags(p)}
    code, problems = validate(project)
    assert code == 1 and users
    assert {p["path"] for p in problems if p["code"] == "VOC001" and "'samenwerking'" in p["message"]} == users
    assert (code, problems) == validate(project, "--no-cache")


def test_links_to_a_changed_id_are_checked_again_in_unchanged_files(project):
    validate(project)
    target = entry_file(project, "pr-010")
    target.write_text(target.read_text("utf-8").replace("id: pr-010", "id: pr-910"), encoding="utf-8")
    code, problems = validate(project)
    assert code == 1
    linking = [p for p in problems if p["field"] == "related" and "pr-010" in p["message"]]
    assert any(p["path"] == entry_file(project, "pr-009").relative_to(project).as_posix() for p in linking)
    assert (code, problems) == validate(project, "--no-cache")


@pytest.mark.parametrize(
    "content",
    [
        "{niet json",
        '{"format": 999, "salt": "x", "records": {}}',
        "[]",
        "\0\0\0",
    ],
)
def test_a_corrupt_or_foreign_cache_is_ignored(project, content):
    expected = validate(project, "--no-cache")
    (project / CACHE).mkdir(parents=True)
    (project / CACHE / "validate.json").write_text(content, encoding="utf-8")
    assert validate(project) == expected
    assert validate(project) == expected  # and the rebuilt cache serves the next run


def test_records_of_the_wrong_shape_are_ignored_not_trusted(project):
    expected = validate(project)
    path = project / CACHE / "validate.json"
    data = json.loads(path.read_text("utf-8"))
    for key in data["records"]:  # right version, broken records: a clean verdict with a bad shape
        data["records"][key] = {"load": [], "entry": {"lines": "x"}, "checks": [["a"]]}
    path.write_text(json.dumps(data), encoding="utf-8")
    assert validate(project) == expected


def test_a_record_of_another_file_content_is_never_used(project):
    """The key holds the file's bytes: a fixed problem is gone on the next run."""
    validate(project)
    path = entry_file(project, "pr-009")
    path.write_text(path.read_text("utf-8").replace("status: bezig", "status: lopend"), encoding="utf-8")
    assert validate(project) == (0, [])


# --- generation -----------------------------------------------------------------------


def generate(root: Path, cache: bool = True) -> dict[str, str | bytes]:
    return site_files(check(root, cache=cache), "https://kennisbank.example/", TODAY)


def entry_pages(files: dict[str, str | bytes], root: Path, ids: set[str]) -> dict[str, str]:
    """The generated pages of the entries with ``ids`` (by file name)."""
    pages = {}
    for path in root.glob("*/*.md"):
        found = re.search(r"^id: (\S+)$", path.read_text("utf-8"), re.M)
        if found and found.group(1) in ids:
            page = next(v for k, v in files.items() if k.endswith(f"/{path.stem}.md"))
            pages[found.group(1)] = str(page)
    return pages


def related(path: Path) -> list[str]:
    found = re.search(r"^related: \[(.*)\]$", path.read_text("utf-8"), re.M)
    return found.group(1).split(", ") if found and found.group(1) else []


def test_generation_with_the_cache_equals_generation_without(project):
    cold = generate(project)
    assert (project / CACHE / "pages.json").is_file()
    assert generate(project) == cold == generate(project, cache=False)


def test_a_changed_vocabulary_label_shows_on_every_page_with_the_term(project):
    generate(project)
    vocabularies = project / "vocabularies.yml"
    text = vocabularies.read_text("utf-8")
    old = "{id: samenwerking, label: samenwerking,"
    assert old in text
    vocabularies.write_text(text.replace(old, "{id: samenwerking, label: Samen optrekken,"), encoding="utf-8")
    files = generate(project)
    users = {p for p in project.glob("*/*.md") if "samenwerking" in tags(p)}
    ids = {re.search(r"^id: (\S+)$", p.read_text("utf-8"), re.M).group(1) for p in users}
    pages = entry_pages(files, project, ids)
    assert len(pages) == len(users) > 1
    assert all("Samen optrekken" in page for page in pages.values())
    assert files == generate(project, cache=False)


def test_renaming_an_entry_updates_the_pages_that_link_to_it_and_its_backlinks(project):
    generate(project)
    old = entry_file(project, "pr-010")
    renamed = old.with_name("proactief-hernoemd.md")
    renamed.write_text(old.read_text("utf-8").replace("title: ", "title: Hernoemd ", 1), encoding="utf-8")
    old.unlink()
    files = generate(project)
    linking = {
        re.search(r"^id: (\S+)$", p.read_text("utf-8"), re.M).group(1)
        for p in project.glob("*/*.md")
        if "pr-010" in related(p)
    }
    linked = set(related(renamed)) - linking  # pages that show pr-010 under "verwijzen"
    pages = entry_pages(files, project, linking | linked)
    assert linking and linked and len(pages) == len(linking | linked)
    for entry_id, page in pages.items():
        assert "Hernoemd " in page and "proactief-hernoemd.md)" in page, entry_id
        assert f"{old.stem}.md)" not in page, entry_id
    assert files == generate(project, cache=False)


# --- live preview (mkdocs serve --dirty) ------------------------------------------------


def test_a_preview_file_is_rewritten_only_when_its_content_changes(tmp_path):
    """MkDocs' dirty build rebuilds a page when its source is newer than the built page."""
    from kennisbank.adapters.serve import backing_file
    from kennisbank.site.urls import UnsafePathError

    first = Path(backing_file(tmp_path, "praktijkvoorbeelden/a.md", "# A\n"))
    assert first.read_text("utf-8") == "# A\n" and tmp_path / ".cache" in first.parents
    os.utime(first, (1_000_000, 1_000_000))
    assert backing_file(tmp_path, "praktijkvoorbeelden/a.md", "# A\n") == str(first)
    assert first.stat().st_mtime == 1_000_000  # unchanged content: the page is not rebuilt
    backing_file(tmp_path, "praktijkvoorbeelden/a.md", "# A, bewerkt\n")
    assert first.read_text("utf-8") == "# A, bewerkt\n" and first.stat().st_mtime > 1_000_000
    with pytest.raises(UnsafePathError):
        backing_file(tmp_path, "../buiten.md", "x")
    assert not (tmp_path.parent / "buiten.md").exists()


def test_the_open_data_follow_a_changed_description(project):
    generate(project)
    path = entry_file(project, "pr-010")
    text = path.read_text("utf-8")
    old = re.search(r"^description: (.*)$", text, re.M).group(0)
    path.write_text(text.replace(old, 'description: "Een nieuwe samenvatting voor de open data."'), encoding="utf-8")
    files = generate(project)
    rows = json.loads(files["data/kennisbank.json"])["entries"]
    assert next(r for r in rows if r["id"] == "pr-010")["description"] == "Een nieuwe samenvatting voor de open data."
    assert "Een nieuwe samenvatting voor de open data." in str(files["data/kennisbank.csv"])
    assert files == generate(project, cache=False)


def test_a_page_is_sanitized_again_only_when_its_html_changed(tmp_path):
    """The plugin sanitizes every entry page again after MkDocs rendered it. The result for
    the same HTML comes from the cache; other HTML, or another version of the package, is
    sanitized afresh, and a record of the wrong shape is not used."""
    from kennisbank.checks.cached import sanitized
    from kennisbank.content.cache import ResultCache

    dirty = '<p>Tekst</p><script>alert("x")</script><img src="x" onerror="alert(1)">'
    first = ResultCache(tmp_path, "sanitized", "salt")
    once = sanitized(dirty, first)
    assert "<p>Tekst</p>" in once and not re.search(r"script|onerror|alert", once)
    first.save()
    again = ResultCache(tmp_path, "sanitized", "salt")
    assert sanitized(dirty, again) == once and again.hits == 1
    other = dirty.replace("Tekst", "Andere tekst")
    assert "Andere tekst" in sanitized(other, again) and again.hits == 1
    assert sanitized(dirty, ResultCache(tmp_path, "sanitized", "another salt")) == once
    path = tmp_path / CACHE / "sanitized.json"
    data = json.loads(path.read_text("utf-8"))
    data["records"] = {key: ["geen", "tekst"] for key in data["records"]}
    path.write_text(json.dumps(data), encoding="utf-8")
    broken = ResultCache(tmp_path, "sanitized", "salt")
    assert sanitized(dirty, broken) == once and broken.hits == 1 and broken.misses == 1


def test_check_and_generation_leave_the_cycle_collector_as_they_found_it(project, monkeypatch):
    import gc

    import kennisbank.adapters.pipeline as pipeline

    seen = []
    real_load = pipeline.load_project
    monkeypatch.setattr(pipeline, "load_project", lambda *a: seen.append(gc.isenabled()) or real_load(*a))
    assert gc.isenabled()
    checked = check(project)
    assert seen == [False]  # paused while the entries are read
    assert gc.isenabled()  # and back on for the program that called it, e.g. mkdocs serve
    gc.disable()
    try:
        site_files(checked, "https://example.org/", TODAY)
        assert not gc.isenabled()  # a caller that had switched it off keeps it off
    finally:
        gc.enable()
    monkeypatch.setattr(pipeline, "load_project", lambda *a: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        check(project)
    assert gc.isenabled()
