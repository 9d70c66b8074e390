"""Validation of loaded entries: schema, vocabularies, ids, links, body, safety and personal data.

Every check returns :class:`~kennisbank.checks.problems.Problem` objects; nothing raises on bad
content, so one run reports every problem in every file.
"""

from __future__ import annotations

from kennisbank.content.taxonomies import vocabulary_for

import difflib
import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any


from kennisbank.content.collections import COLLECTIONS
from kennisbank.content.entry import Entry
from kennisbank.checks.markdown_render import BodyRenderer, project_config
from kennisbank.checks.privacy import personal_data_problems
from kennisbank.checks.problems import Problem
from kennisbank.content.project import Project
from kennisbank.checks.safety import body_problems
from kennisbank.content.schemas import SchemaSet
from kennisbank.checks.schema_problems import schema_problems
from kennisbank.site.urls import RESERVED_SLUGS, alias_problem, entry_url as _entry_url, url_of_page
from kennisbank.content.vocabularies import Vocabularies

_ALIAS_SHAPE = re.compile(r"/(?:[a-z0-9]+(?:-[a-z0-9]+)*/)+")

#: Marker of a template placeholder written by ``kb new``.
PLACEHOLDER = "[[VUL IN"

def validate_project(project: Project, schemas: SchemaSet, renderer: BodyRenderer | None = None) -> list[Problem]:
    """Validate every entry and the links between entries.

    Args:
        project: the loaded project (its load problems are included in the result).
        schemas: prebuilt validators from :func:`kennisbank.content.schemas.load_schemas`.
        renderer: the site's Markdown renderer; by default built from the project's
            ``mkdocs.yml`` (see :mod:`kennisbank.markdown_render`).

    Returns:
        Every problem, sorted by path, line and code. Empty when the content is clean.
    """
    renderer = renderer or BodyRenderer(*project_config(project.root))
    problems = list(project.problems)
    for entry in project.entries:
        problems.extend(validate_entry(entry, schemas, project.vocabularies, renderer))
    problems.extend(cross_entry_problems(project.entries, reserved_urls(project)))
    return sorted(set(problems))


def reserved_urls(project: Project) -> dict[str, str]:
    """URL -> Dutch description of every page that is not an entry: generated pages
    (overviews, facet pages, the matrix, …) and hand-written pages in ``docs/``."""
    from kennisbank.site.pages import fixed_page_paths  # the generator knows which pages it writes

    taken = {url_of_page(path): f"de pagina {url_of_page(path)} van de site" for path in fixed_page_paths(project.vocabularies)}
    docs = project.root / "docs"
    if docs.is_dir():
        for path in docs.rglob("*.md"):
            relative = path.relative_to(docs).as_posix()
            taken[url_of_page(relative)] = f"de pagina docs/{relative}"
    return taken


def validate_entry(entry: Entry, schemas: SchemaSet, vocabularies: Vocabularies,
                   renderer: BodyRenderer | None = None) -> list[Problem]:
    """Check one entry on its own (everything except links and id uniqueness).

    Returns:
        Problems for this entry; fields holding a ``[[VUL IN …]]`` placeholder get only
        the placeholder problem, so a fresh ``kb new`` file lists exactly what to fill in.
    """
    placeholders = {key for key, value in entry.meta.items() if PLACEHOLDER in repr(value)}
    problems: list[Problem] = [
        Problem(entry.path, entry.key_lines.get(key, 1), 1, "VUL001", key,
                f"Het veld '{key}' bevat nog een invulplek uit het sjabloon.")
        for key in sorted(placeholders)
    ]
    for offset, line in enumerate(entry.body.split("\n")):
        if PLACEHOLDER in line:
            problems.append(Problem(entry.path, entry.body_line + offset, line.index(PLACEHOLDER) + 1, "VUL001", "body",
                                    "De hoofdtekst bevat nog een invulplek uit het sjabloon."))
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
                yield Problem(entry.path, entry.line_of(path), 1, "VOC002", key,
                              f"'{item}' en '{seen_lower[lowered]}' in '{key}' verschillen alleen in hoofdletters.")
                continue  # one problem per spelling variant; the first spelling is checked below
            seen_lower.setdefault(lowered, item)
            if item in terms:
                continue
            if len(spellings[lowered]) > 1 and lowered in terms:
                continue  # only the capitals are wrong, and VOC002 says so
            yield Problem(entry.path, entry.line_of(path), 1, "VOC001", key,
                          f"'{item}' staat niet in de woordenlijst '{vocabulary}' (veld '{key}').",
                          _did_you_mean(item, terms))


@functools.lru_cache(maxsize=4096)
def _close_match(value: str, candidates: tuple[str, ...]) -> str | None:
    """difflib's best match (cached: a misspelling usually recurs across files)."""
    guess = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
    return guess[0] if guess else None


def _did_you_mean(value: str, terms: dict[str, Any]) -> str:
    by_label = {t.label.lower(): t.id for t in terms.values()}
    lowered = value.lower().strip()
    if lowered in terms:
        return f"Bedoelde je '{lowered}'? Gebruik kleine letters."
    if lowered in by_label:
        return f"Gebruik de id '{by_label[lowered]}' in plaats van het label."
    guess = _close_match(lowered, tuple(terms) + tuple(by_label))
    if guess:
        return f"Bedoelde je '{by_label.get(guess, guess)}'?"
    return f"Kies uit: {', '.join(terms)}."


# --- across entries -------------------------------------------------------------------

class IdSuggester:
    """Did-you-mean for unknown ids in O(length of the id) per question.

    Built once per run: every id under its number (``in-003`` for ``pr-003``) and under
    each one-character deletion of itself (symmetric-delete index, which finds one typo,
    one missing or extra character, or two swapped characters). difflib over every id per
    broken link was quadratic: 500 files with 10 unknown ids each took 33 s (issue 9).
    """

    def __init__(self, ids: list[str]) -> None:
        self._index: dict[str, list[str]] = defaultdict(list)
        self._cache: dict[str, str | None] = {}
        for entry_id in sorted(ids):
            for key in self._keys(entry_id):
                self._index[key].append(entry_id)

    @staticmethod
    def _keys(entry_id: str) -> set[str]:
        keys = {entry_id} | {entry_id[:i] + entry_id[i + 1:] for i in range(len(entry_id))}
        number = entry_id.split("-", 1)[1] if "-" in entry_id else ""
        if number:
            keys.add("#" + number.lstrip("0"))
        return keys

    def suggest(self, target: str) -> str | None:
        """The known id closest to ``target``, or None."""
        if target not in self._cache:
            found = sorted({c for key in self._keys(target) for c in self._index.get(key, ())})
            self._cache[target] = found[0] if found else None
        return self._cache[target]


def cross_entry_problems(entries: list[Entry], reserved: dict[str, str] | None = None) -> list[Problem]:
    """Check id uniqueness, links between entries and URL collisions.

    Args:
        entries: every loaded entry.
        reserved: URL -> description of pages that are not entries (see :func:`reserved_urls`).

    Runs in O(number of entries + number of links): one pass builds the id index, and
    suggestions for unknown ids come from :class:`IdSuggester`.
    """
    problems: list[Problem] = []
    by_id: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.id:
            by_id[entry.id].append(entry)
    for entry_id, owners in by_id.items():
        for entry in owners[1:]:
            problems.append(Problem(entry.path, entry.key_lines.get("id", 1), 1, "ID001", "id",
                                    f"De id '{entry_id}' wordt ook gebruikt door {owners[0].path}.",
                                    "Geef dit item de volgende vrije id; de id van een gepubliceerd item verandert nooit."))
    # An id with the prefix of another collection is reported by the schema's id pattern (ID002).
    suggester = IdSuggester(list(by_id))
    for entry in entries:
        related = entry.meta.get("related")
        if not isinstance(related, list):
            continue
        for index, target in enumerate(related):
            if not isinstance(target, str):
                continue
            line = entry.line_of(("related", index))
            if target == entry.id:
                problems.append(Problem(entry.path, line, 1, "LINK002", "related",
                                        f"Het item verwijst in 'related' naar zichzelf ('{target}')."))
            elif target not in by_id:
                guess = suggester.suggest(target)
                problems.append(Problem(entry.path, line, 1, "LINK001", "related",
                                        f"Er is geen item met de id '{target}'.",
                                        f"Bedoelde je '{guess}' ({by_id[guess][0].title})?" if guess else
                                        "Controleer de id in de map van de collectie, of verwijder de verwijzing."))
    problems.extend(_url_collisions(entries, reserved or {}))
    return problems


def entry_url(entry: Entry) -> str:
    """Site URL path of an entry, e.g. ``/praktijkvoorbeelden/common-ground/``."""
    return _entry_url(entry.collection.url_prefix, entry.slug)


def _url_collisions(entries: list[Entry], reserved: dict[str, str]) -> list[Problem]:
    owner: dict[str, Entry] = {}
    problems = []
    for entry in entries:
        url = entry_url(entry)
        if entry.slug in RESERVED_SLUGS or url in reserved:
            what = reserved.get(url, f"het overzicht /{entry.collection.url_prefix}/")
            problems.append(Problem(entry.path, 0, 1, "URL001", "",
                                    f"Het adres {url} van dit item is al {what}; het item zou die pagina vervangen "
                                    "of zelf verdwijnen.", "Geef het bestand een andere naam."))
        owner.setdefault(url, entry)
    owner.update({f"/p/{e.id}/": e for e in entries if e.id})
    for entry in entries:
        aliases = entry.meta.get("aliases")
        for index, alias in enumerate(aliases if isinstance(aliases, list) else []):
            if not isinstance(alias, str):
                continue
            line = entry.line_of(("aliases", index))
            malformed = alias_problem(alias)
            if malformed and not _ALIAS_SHAPE.fullmatch(alias):
                continue  # the schema's pattern reports the shape (SCH004)
            if malformed:
                problems.append(Problem(entry.path, line, 1, "URL002", "aliases", malformed))
            elif alias in reserved:
                problems.append(Problem(entry.path, line, 1, "URL001", "aliases",
                                        f"Het oude adres '{alias}' is al {reserved[alias]}; de doorverwijzing zou die pagina vervangen."))
            elif alias in owner and owner[alias] is not entry:
                problems.append(Problem(entry.path, line, 1, "URL001", "aliases",
                                        f"Het oude adres '{alias}' is al in gebruik door {owner[alias].path}."))
            owner.setdefault(alias, entry)
    return problems


__all__ = ["validate_project", "validate_entry", "cross_entry_problems", "entry_url", "COLLECTIONS"]
