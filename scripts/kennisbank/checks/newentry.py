"""Validating one entry file that does not exist yet, as ``kb validate`` would once it is added."""

from __future__ import annotations

from pathlib import Path

from kennisbank.checks.links import cross_entry_problems, reserved_urls
from kennisbank.checks.markdown_render import BodyRenderer, project_config
from kennisbank.checks.problems import Problem
from kennisbank.checks.validate import validate_entry
from kennisbank.content.collections import Collection
from kennisbank.content.issueforms import IssueForm
from kennisbank.content.loader import parse_entry
from kennisbank.content.project import Project
from kennisbank.content.schemas import SchemaSet


def new_entry_problems(
    text: str, path: str, collection: Collection, project: Project, schemas: SchemaSet
) -> list[Problem]:
    """Every problem ``kb validate`` would report on ``text`` written to ``path``.

    Args:
        text: the complete entry file.
        path: where it would be written, relative to the project root (``practices/x.md``).
        collection: the collection of the file.
        project: the loaded project (its entries for ids, links and addresses).
        schemas: the project's schemas.

    Returns:
        The problems of this file only (the same checks and codes as ``kb validate``:
        framing, YAML, schema, vocabularies, body, safety, personal data, ids, links and
        addresses), sorted. Problems of other files are not included.
    """
    stem = path.rsplit("/", 1)[-1].removesuffix(".md")
    entry, problems = parse_entry(text, path, stem, collection)
    if entry is None:
        return sorted(problems)
    renderer = BodyRenderer(*project_config(project.root))
    problems.extend(validate_entry(entry, schemas, project.vocabularies, renderer))
    others = [e for e in project.entries if e.path != path]
    problems.extend(p for p in cross_entry_problems([*others, entry], reserved_urls(project)) if p.path == path)
    return sorted(set(problems))


def answer_heading_problems(form: IssueForm, answers: dict[str, str | None], path: str, root: Path) -> list[Problem]:
    """ISSUE006 for an answer under a fixed heading that makes a heading of level 1 or 2 itself
    (``## …``, ``# …`` or a line underlined with ``---`` or ``===``), as the site's Markdown
    renderer reads it: it would end the contributor's section and start another, such as a
    second 'Aandachtspunten van de redactie'. Smaller headings (``### …``) are fine.

    Args:
        form: the issue form; answers: field id -> answer; path: the file the problems are on;
        root: the project root (for the site's Markdown configuration).
    """
    renderer = BodyRenderer(*project_config(root))
    problems = []
    for field in form.fields:
        answer = answers.get(field.id)
        if field.label not in form.collection.headings or not answer:
            continue
        for level, text in renderer.render(answer).headings:
            if level <= 2:
                problems.append(Problem(path, 0, 1, "ISSUE006", field.id,
                                        f"Het antwoord bij '{field.label}' bevat een eigen kop '{text}' van niveau {level}.",
                                        "Maak er gewone tekst van, of een kleinere kop met ### ervoor."))  # fmt: skip
    return problems
