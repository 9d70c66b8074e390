"""``kb from-issue``: a submitted issue form becomes an entry file, or Dutch problems."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from kennisbank.adapters.cli import ROOT_OPTION, UsageError, cli
from kennisbank.checks.newentry import answer_heading_problems, new_entry_problems
from kennisbank.checks.problems import Problem
from kennisbank.checks.proposal_report import comment, contributor_lines
from kennisbank.content import issueforms, proposal
from kennisbank.content.collections import BY_NAME
from kennisbank.content.loader import suggest_slug
from kennisbank.content.project import ConfigError, Project, load_project, next_id
from kennisbank.content.schemas import SchemaError, SchemaSet, bundle, load_schemas

#: GitHub allows 65,536 characters in an issue body; more is not an issue body.
MAX_BODY = 262_144


@cli.command("from-issue")
@click.argument("issue_body_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--collection", type=click.Choice(list(BY_NAME)), default=None,
              help="Soort item (standaard: herkend aan de koppen van het formulier).")  # fmt: skip
@click.option("--comment", "comment_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Schrijf ook een reactie voor het issue (Markdown) naar dit bestand, buiten de kennisbank.")  # fmt: skip
@ROOT_OPTION
def from_issue(issue_body_file: Path, collection: str | None, comment_file: Path | None, root: Path) -> None:
    """Maak een nieuw item van een ingevuld issueformulier en controleer het.

    Exitcode 0: het item is geschreven; 1: problemen in het voorstel, er is niets geschreven;
    2: gebruiks- of configuratiefout. Overschrijft nooit een bestand.
    """
    project, schemas = _project(root)
    if comment_file is not None and project.root in comment_file.resolve().parents:
        raise UsageError("Schrijf de reactie (--comment) buiten de map van de kennisbank.")
    text = _read(issue_body_file)
    try:
        forms = issueforms.load_forms(project.root)
    except issueforms.FormError as exc:
        raise UsageError(str(exc)) from None
    form = next((f for f in forms if f.collection.name == collection), None) or issueforms.detect(text, forms)
    if form is None:
        problem = Problem(
            "",
            0,
            1,
            "ISSUE004",
            "",
            "Dit issue is geen ingevuld formulier voor een praktijkvoorbeeld, dilemma of instrument.",
        )
        _finish(contributor_lines([problem], None, ""), comment_file)
    spec = form.collection
    answers = issueforms.answers(text, form)
    slug = suggest_slug(proposal.one_line(answers.get("title") or ""))
    shown = f"{spec.folder}/{slug}.md"
    entry_id = next_id(project.entries, spec.id_prefix)
    schema = bundle(schemas.documents[spec.schema], schemas.documents["common.schema.json"]) or {}
    built = proposal.build(form, answers, schema, project.vocabularies, entry_id, shown)
    content = proposal.render(built)
    problems = built.problems + answer_heading_problems(form, answers, shown, project.root)
    target = project.root / spec.folder / f"{slug}.md"
    if target.exists() or target.is_symlink():
        problems.append(Problem(shown, 0, 1, "ISSUE005", "title", f"Er bestaat al een item {shown}."))
    problems += _also_invalid(built, new_entry_problems(content, shown, spec, project, schemas), schema)
    if problems:
        _finish(contributor_lines(problems, form, content), comment_file)
    _write(project, target, content)
    click.echo(shown)
    click.echo(f"Voorstel omgezet in {shown} ({entry_id}); de controle vond geen problemen.", err=True)
    if comment_file is not None:
        comment_file.write_text(comment([], shown, entry_id), encoding="utf-8")


def _also_invalid(built: proposal.Proposal, found: list[Problem], schema: dict[str, Any]) -> list[Problem]:
    """The validation problems that say something new: a field the form left empty or read
    wrongly is not reported again, nor a heading left empty as BODY001."""
    reported = {p.field.split(".")[0].split("[")[0] for p in built.problems}
    fields = schema.get("properties", {})
    heading_missing = any(p.code == "ISSUE001" and p.field not in fields for p in built.problems)
    return [
        p
        for p in found
        if p.field.split(".")[0].split("[")[0] not in reported and not (heading_missing and p.code == "BODY001")
    ]


def _project(root: Path) -> tuple[Project, SchemaSet]:
    try:
        project = load_project(root)
        return project, load_schemas(project.root / "schemas")
    except (ConfigError, SchemaError) as exc:
        raise UsageError(str(exc)) from None


def _read(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path} kan niet gelezen worden: {exc.strerror}.") from None
    if len(raw) > MAX_BODY:
        raise UsageError(f"{path} is groter dan een issue kan zijn ({len(raw)} bytes).")
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise UsageError(f"{path} is geen UTF-8-tekst.") from None


def _finish(lines: list[str], comment_file: Path | None) -> NoReturn:
    """Print the problems, write the reaction, exit 1; nothing is written into the project."""
    click.echo("\n".join(lines))
    count = len(lines) // 2
    click.echo(f"Het voorstel is niet omgezet: {count} {'probleem' if count == 1 else 'problemen'}. "
               "Er is geen bestand geschreven.", err=True)  # fmt: skip
    if comment_file is not None:
        comment_file.write_text(comment(lines), encoding="utf-8")
    sys.exit(1)


def _write(project: Project, target: Path, content: str) -> None:
    """Create ``target`` inside its collection folder; refuse a symlinked folder or anything else."""
    folder = target.parent
    if (
        folder.is_symlink()
        or target.resolve().parent != folder.resolve()
        or project.root not in folder.resolve().parents
    ):
        raise UsageError(f"{folder} is geen gewone map in de kennisbank; er is niets geschreven.")
    folder.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as handle:  # 'x': fail rather than overwrite
        handle.write(content)
