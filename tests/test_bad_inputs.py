"""The bad-input corpus: every fault kind gives exactly the expected problems, in Dutch.

Each folder in ``tests/fixtures/bad/`` is a tiny project with one kind of fault; the golden
file ``expected.json`` lists the (code, line) pairs ``kb validate`` must report per file.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from kennisbank.adapters.cli import cli
from kennisbank.adapters.pipeline import check
from kennisbank.checks.problems import Problem
from kennisbank.checks.report import format_problems
from kennisbank.content.schemas import load_schemas

ROOT = Path(__file__).resolve().parent.parent
BAD = Path(__file__).resolve().parent / "fixtures" / "bad"
EXPECTED: dict[str, list[list]] = json.loads((BAD / "expected.json").read_text(encoding="utf-8"))
CASES = sorted(p.name for p in BAD.iterdir() if p.is_dir())

#: Every fault kind the corpus must cover (the brief of issue "bad-input corpus").
REQUIRED_CODES = {
    "FM001",
    "FM002",
    "FM003",
    "FM004",
    "FM005",
    "FM006",
    "FM007",
    "FM008",
    "FM009",
    "FM010",
    "SCH001",
    "SCH002",
    "SCH003",
    "SCH004",
    "VOC001",
    "VOC002",
    "FILE001",
    "SAFE001",
    "SAFE002",
    "SAFE003",
    "PII001",
    "PII002",
    "PII003",
    "PII004",
    "ID001",
    "ID002",
    "LINK001",
    "LINK002",
    "BODY001",
    "BODY002",
    "VUL001",
}

#: Words that betray English (parser or jsonschema) text in a message meant for contributors.
ENGLISH = re.compile(
    r"\b(the|and|not|found|expected|could|cannot|property|properties|allowed|error|while|scanning|"
    r"parsing|mapping|character|context|does|should|invalid|required|unhashable|constructor|"
    r"Traceback|Exception|None|True|False)\b"
)
#: At least one of these common Dutch words appears in every message.
DUTCH = re.compile(
    r"\b(de|het|een|en|of|is|niet|van|in|op|met|uit|als|naar|zonder|alleen|geen|staat|hoort|wordt|"
    r"bevat|ontbreekt|zijn|moet|je|bedoelde|gebruik|kies|schrijf|bijvoorbeeld|toegestane)\b",
    re.I,
)


def make_project(tmp_path: Path, case: str) -> Path:
    """A project with the repository's vocabularies and schemas and the files of one case."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(ROOT / "vocabularies.yml", root / "vocabularies.yml")
    shutil.copytree(ROOT / "schemas", root / "schemas")
    shutil.copytree(BAD / case, root, dirs_exist_ok=True)
    return root


def case_files(case: str) -> list[str]:
    """Every file of a case: entries, and files that are wrongly named (.MD, .markdown, none)."""
    return sorted(p.relative_to(BAD / case).as_posix() for p in (BAD / case).rglob("*") if p.is_file())


def run(root: Path, *args: str):
    return CliRunner().invoke(cli, ["validate", "--root", str(root), *args], env={"GITHUB_ACTIONS": None})


@pytest.fixture(scope="session")
def schemas():
    """The repository's schemas, built once for the whole corpus (every case copies them)."""
    return load_schemas(ROOT / "schemas")


@pytest.fixture(scope="session")
def corpus(tmp_path_factory, schemas) -> dict[str, list[Problem]]:
    """Every case validated once, in-process, as ``kb validate`` does (``pipeline.check``)."""
    results = {}
    for case in CASES:
        root = make_project(tmp_path_factory.mktemp(case), case)
        results[case] = check(root, schemas).problems
    return results


def test_corpus_size_and_coverage():
    assert len(CASES) >= 35
    codes = {code for pairs in EXPECTED.values() for code, _ in pairs}
    assert codes >= REQUIRED_CODES, f"niet gedekt: {sorted(REQUIRED_CODES - codes)}"


def test_golden_file_matches_the_folders():
    on_disk = {f"{case}/{rel}" for case in CASES for rel in case_files(case)}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("case", CASES)
def test_each_case_has_one_fault_kind(case):
    codes = {code for key, pairs in EXPECTED.items() if key.startswith(case + "/") for code, _ in pairs}
    assert len(codes) == 1, codes


@pytest.mark.parametrize("case", CASES)
def test_bad_input(case, corpus):
    problems = json.loads(format_problems(corpus[case], "json"))["problems"]
    got: dict[str, Counter] = {rel: Counter() for rel in case_files(case)}
    for problem in problems:
        assert problem["path"] in got, f"probleem in een onbekend bestand: {problem}"
        got[problem["path"]][(problem["code"], problem["line"])] += 1
    for rel, pairs in got.items():
        expected = Counter((code, line) for code, line in EXPECTED[f"{case}/{rel}"])
        assert pairs == expected, f"{rel}: {[(p['code'], p['line'], p['message']) for p in problems]}"

    for problem in problems:
        for text in (problem["message"], problem["hint"]):
            assert text, problem
            assert not ENGLISH.search(text), f"Engelse tekst: {text!r}"
            assert DUTCH.search(text), f"geen Nederlands: {text!r}"


@pytest.mark.parametrize("case", CASES)
def test_bad_input_human_and_github_output(case, corpus):
    expected = sum(len(EXPECTED[f"{case}/{rel}"]) for rel in case_files(case))
    lines = format_problems(corpus[case], "human").splitlines()
    assert len(lines) == 2 * expected
    for first, tip in zip(lines[::2], lines[1::2], strict=True):
        assert re.match(r"^[^:]+:\d+:\d+: [A-Z]+\d{3}: ", first), first
        assert tip.startswith("    tip: "), tip
    annotations = format_problems(corpus[case], "github").splitlines()
    assert len(annotations) == expected
    assert all(re.match(r"^::error file=[^,:]+,line=\d+,col=\d+,title=[A-Z]+\d{3}::", a) for a in annotations)


@pytest.mark.parametrize("case", ["fm003-niet-afgesloten", "safe001-script", "pii001-bsn"])
def test_the_cli_reports_a_case_as_the_corpus_does(case, corpus, tmp_path):
    """The in-process results above are what ``kb validate`` prints: same JSON, exit code 1."""
    result = run(make_project(tmp_path, case), "--format", "json")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert json.loads(result.stdout) == json.loads(format_problems(corpus[case], "json"))


# --- what the corpus does not show ----------------------------------------------------

GOOD_PRACTICE = (
    (BAD / "pii001-bsn" / "practices" / "voorbeeld.md")
    .read_text(encoding="utf-8")
    .replace("\nDossier 111222333 is opgelost.\n", "")
)


def write_project(tmp_path: Path, text: str) -> Path:
    root = tmp_path / "project"
    (root / "practices").mkdir(parents=True)
    shutil.copy(ROOT / "vocabularies.yml", root / "vocabularies.yml")
    shutil.copytree(ROOT / "schemas", root / "schemas")
    (root / "practices" / "voorbeeld.md").write_text(text, encoding="utf-8")
    return root


def test_base_entry_of_the_corpus_is_clean(tmp_path):
    result = run(write_project(tmp_path, GOOD_PRACTICE))
    assert result.exit_code == 0, result.output


def test_reviewed_numbers_silence_a_bsn(tmp_path):
    text = (
        GOOD_PRACTICE.replace("related: []\n", 'related: []\nreviewed_numbers: ["111222333"]\n')
        + "\nZaaknummer 111222333 is nagekeken en geen BSN.\n"
    )
    assert run(write_project(tmp_path, text)).exit_code == 0
    unreviewed = text.replace('reviewed_numbers: ["111222333"]\n', "")
    result = run(write_project(tmp_path / "b", unreviewed), "--format", "json")
    assert [p["code"] for p in json.loads(result.stdout)["problems"]] == ["PII001"]


def test_a_date_in_a_text_field_stays_text(tmp_path):
    # YAML 1.1 reads 2024-03-01 as a date; the loader keeps the text, so a title may be a date.
    text = GOOD_PRACTICE.replace("title: Voorbeeld van een goede praktijk", "title: 2024-03-01")
    result = run(write_project(tmp_path, text))
    assert result.exit_code == 0, result.output


def test_quoted_values_are_not_retyped(tmp_path):
    text = GOOD_PRACTICE.replace("related: []\n", 'related: []\ndomain: "NO"\nperiod: "2024"\n')
    result = run(write_project(tmp_path, text))
    assert result.exit_code == 0, result.output
