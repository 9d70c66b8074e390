"""Validation of loaded entries: schema, vocabularies, ids, links, body, safety and personal data.

Every check returns :class:`~kennisbank.checks.problems.Problem` objects; nothing raises on bad
content, so one run reports every problem in every file.
"""

from __future__ import annotations

import difflib
import functools
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from kennisbank.checks import pii
from kennisbank.checks.docs_pages import docs_page_problems
from kennisbank.checks.links import cross_entry_problems, reserved_urls
from kennisbank.checks.markdown_render import BodyRenderer, project_config
from kennisbank.checks.privacy import personal_data_problems
from kennisbank.checks.problems import Problem
from kennisbank.checks.safety import body_problems
from kennisbank.checks.schema_problems import schema_problems
from kennisbank.content.entry import Entry
from kennisbank.content.project import Project
from kennisbank.content.schemas import SchemaSet
from kennisbank.content.taxonomies import vocabulary_for
from kennisbank.content.vocabularies import Vocabularies

#: Marker of a template placeholder written by ``kb new``.
PLACEHOLDER = "[[VUL IN"


#: Checks one entry on its own: ``entry -> problems`` (see :func:`validate_entry`).
EntryCheck = Callable[[Entry], list[Problem]]


def validate_project(
    project: Project,
    schemas: SchemaSet,
    renderer: BodyRenderer | None = None,
    entry_check: EntryCheck | None = None,
    docs_check: Callable[[], list[Problem]] | None = None,
) -> list[Problem]:
    """Validate every entry and the links between entries.

    Args:
        project: the loaded project (its load problems are included in the result).
        schemas: prebuilt validators from :func:`kennisbank.content.schemas.load_schemas`.
        renderer: the site's Markdown renderer; by default built from the project's
            ``mkdocs.yml`` (see :mod:`kennisbank.markdown_render`) when first needed.
        entry_check: checks one entry on its own (default: :func:`validate_entry`; the
            result cache passes one that reuses earlier results).
        docs_check: the problems of the pages in ``docs/`` (default: :func:`docs_page_problems`).

    Returns:
        Every problem, sorted by path, line and code. Empty when the content is clean.
        The checks across entries (ids, links, addresses) always run on every entry.
    """
    lazy = LazyRenderer(project.root, renderer)
    check_one = entry_check or (lambda e: validate_entry(e, schemas, project.vocabularies, lazy.get()))
    problems = list(project.problems)
    for entry in project.entries:
        problems.extend(check_one(entry))
    problems.extend(cross_entry_problems(project.entries, reserved_urls(project)))
    if docs_check is None:
        problems.extend(docs_page_problems(project.root, lazy.get(), project.vocabularies.functional_mailboxes))
    else:
        problems.extend(docs_check())
    problems.extend(vocabulary_text_problems(project))
    return sorted(set(problems))


class LazyRenderer:
    """The project's :class:`BodyRenderer`, built on first use (reading ``mkdocs.yml`` through
    MkDocs and building Python-Markdown costs over a second, which a run that finds every
    result in the cache does not need)."""

    def __init__(self, root: Path, renderer: BodyRenderer | None = None) -> None:
        self.root = root
        self._renderer = renderer

    def get(self) -> BodyRenderer:
        """The renderer (built now when not yet built)."""
        if self._renderer is None:
            self._renderer = BodyRenderer(*project_config(self.root))
        return self._renderer


def validate_entry(
    entry: Entry, schemas: SchemaSet, vocabularies: Vocabularies, renderer: BodyRenderer | None = None
) -> list[Problem]:
    """Check one entry on its own (everything except links and id uniqueness).

    Returns:
        Problems for this entry; fields holding a ``[[VUL IN …]]`` placeholder get only
        the placeholder problem, so a fresh ``kb new`` file lists exactly what to fill in.
    """
    placeholders = {key for key, value in entry.meta.items() if PLACEHOLDER in repr(value)}
    problems: list[Problem] = [
        Problem(
            entry.path,
            entry.key_lines.get(key, 1),
            1,
            "VUL001",
            key,
            f"Het veld '{key}' bevat nog een invulplek uit het sjabloon.",
        )
        for key in sorted(placeholders)
    ]
    for offset, line in enumerate(entry.body.split("\n")):
        if PLACEHOLDER in line:
            problems.append(
                Problem(
                    entry.path,
                    entry.body_line + offset,
                    line.index(PLACEHOLDER) + 1,
                    "VUL001",
                    "body",
                    "De hoofdtekst bevat nog een invulplek uit het sjabloon.",
                )
            )
    vocabulary_fields = {key for key in entry.meta if vocabulary_for(entry.collection.name, key)}
    for problem in schema_problems(entry, schemas, vocabulary_fields):
        if problem.field.split(".")[0].split("[")[0] not in placeholders:
            problems.append(problem)
    problems.extend(p for p in _vocabulary_problems(entry, vocabularies) if p.field not in placeholders)
    problems.extend(body_problems(entry, renderer or BodyRenderer()))
    problems.extend(personal_data_problems(entry, vocabularies.functional_mailboxes))
    return problems


# --- vocabularies ---------------------------------------------------------------------


def _vocabulary_problems(entry: Entry, vocabularies: Vocabularies) -> Iterator[Problem]:
    for key, value in entry.meta.items():
        vocabulary = vocabulary_for(entry.collection.name, key)
        if vocabulary is None:
            continue
        terms = vocabularies.terms.get(vocabulary, {})
        values = value if isinstance(value, list) else [value]
        spellings: dict[str, set[str]] = defaultdict(set)
        for item in values:
            if isinstance(item, str):
                spellings[item.lower()].add(item)
        seen_lower: dict[str, str] = {}
        for index, item in enumerate(values):
            if not isinstance(item, str):
                continue  # the schema already reports the type
            path = (key, index) if isinstance(value, list) else (key,)
            lowered = item.lower()
            if lowered in seen_lower and seen_lower[lowered] != item:
                yield Problem(
                    entry.path,
                    entry.line_of(path),
                    1,
                    "VOC002",
                    key,
                    f"'{item}' en '{seen_lower[lowered]}' in '{key}' verschillen alleen in hoofdletters.",
                )
                continue  # one problem per spelling variant; the first spelling is checked below
            seen_lower.setdefault(lowered, item)
            if item in terms:
                continue
            if len(spellings[lowered]) > 1 and lowered in terms:
                continue  # only the capitals are wrong, and VOC002 says so
            yield Problem(
                entry.path,
                entry.line_of(path),
                1,
                "VOC001",
                key,
                f"'{item}' staat niet in de woordenlijst '{vocabulary}' (veld '{key}').",
                _did_you_mean(item, terms),
            )


@functools.lru_cache(maxsize=4096)
def _close_match(value: str, candidates: tuple[str, ...]) -> str | None:
    """difflib's best match (cached: a misspelling usually recurs across files)."""
    guess = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
    return guess[0] if guess else None


def _did_you_mean(value: str, terms: dict[str, Any]) -> str:
    by_label = {t.label.lower(): t.id for t in terms.values()}
    lowered = value.lower().strip()
    if lowered in terms:
        return f"Bedoelde u '{lowered}'? Gebruik kleine letters."
    if lowered in by_label:
        return f"Gebruik de id '{by_label[lowered]}' in plaats van het label."
    guess = _close_match(lowered, tuple(terms) + tuple(by_label))
    if guess:
        return f"Bedoelde u '{by_label.get(guess, guess)}'?"
    return f"Kies uit: {', '.join(terms)}."


def vocabulary_text_problems(project: Project) -> list[Problem]:
    """Personal data in the labels and descriptions of ``vocabularies.yml`` (they are published
    on the facet pages); each problem on the line where the text stands."""
    path = project.root / "vocabularies.yml"
    lines = path.read_text(encoding="utf-8").split("\n") if path.is_file() else []
    problems = []
    for name, terms in project.vocabularies.terms.items():
        for term in terms.values():
            for text in (term.label, term.description):
                normalised = pii.normalise(text)
                for f in pii.findings(normalised, set(), project.vocabularies.functional_mailboxes):
                    line = next((i + 1 for i, source in enumerate(lines) if text and text[:30] in source), 0)
                    problems.append(Problem("vocabularies.yml", line, 1, f.code, f"{name}.{term.id}", f.message))
    return problems
