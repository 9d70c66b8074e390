"""Validation of loaded entries: schema, vocabularies, ids, links, body, safety and personal data.

Every check returns :class:`~kennisbank.checks.problems.Problem` objects; nothing raises on bad
content, so one run reports every problem in every file.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

import yaml
from jsonschema import ValidationError

from kennisbank.content.collections import COLLECTIONS
from kennisbank.content.loader import Entry
from kennisbank.checks.markdown_render import BodyRenderer, project_config
from kennisbank.checks.privacy import personal_data_problems
from kennisbank.checks.problems import Problem
from kennisbank.content.project import Project
from kennisbank.checks.safety import body_problems
from kennisbank.content.schemas import SchemaSet
from kennisbank.site.urls import RESERVED_SLUGS, alias_problem, entry_url as _entry_url, url_of_page
from kennisbank.content.vocabularies import Vocabularies

ID_RE = re.compile(r"(pr|di|in)-[0-9]{3,}")  # used with fullmatch
_ALIAS_SHAPE = re.compile(r"/(?:[a-z0-9]+(?:-[a-z0-9]+)*/)+")

#: Marker of a template placeholder written by ``kb new``.
PLACEHOLDER = "[[VUL IN"

_YAML_TYPES = {
    "tag:yaml.org,2002:bool": "een ja/nee-waarde",
    "tag:yaml.org,2002:int": "een getal",
    "tag:yaml.org,2002:float": "een kommagetal",
    "tag:yaml.org,2002:null": "een lege waarde",
}
_JSON_TYPES = {
    "string": "tekst", "array": "een lijst", "object": "een groep velden (veld: waarde)",
    "integer": "een geheel getal", "number": "een getal", "boolean": "ja of nee",
}


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
    from kennisbank.site.generate import fixed_page_paths  # the generator knows which pages it writes

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
    vocabulary_fields = {key for key in entry.meta if vocabularies.field_vocabulary(entry.collection.name, key)}
    for problem in _schema_problems(entry, schemas, vocabulary_fields):
        if problem.field.split(".")[0].split("[")[0] not in placeholders:
            problems.append(problem)
    problems.extend(p for p in _vocabulary_problems(entry, vocabularies) if p.field not in placeholders)
    problems.extend(body_problems(entry, renderer or BodyRenderer()))
    problems.extend(personal_data_problems(entry, vocabularies.functional_mailboxes))
    return problems


# --- schema ---------------------------------------------------------------------------

def _field_name(path: Iterable[Any]) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def _schema_problems(entry: Entry, schemas: SchemaSet, vocabulary_fields: set[str] = frozenset()) -> Iterator[Problem]:
    validator = schemas.validators[entry.collection.name]
    known = schemas.fields[entry.collection.name]
    for error in validator.iter_errors(entry.meta):
        path = tuple(error.absolute_path)
        if error.validator == "pattern" and path and path[0] in vocabulary_fields:
            continue  # a value of a vocabulary field gets VOC001/VOC002 with a suggestion instead
        yield from _translate(error, entry, known)


def _translate(error: ValidationError, entry: Entry, known: tuple[str, ...]) -> Iterator[Problem]:
    path = tuple(error.absolute_path)
    name = _field_name(path)
    line = entry.line_of(path) if path else 1
    kind = error.validator
    if kind == "required":
        present = error.instance if isinstance(error.instance, dict) else {}
        for missing in error.validator_value:
            if missing not in present:
                where = f"{name}." if name else ""
                yield Problem(entry.path, line, 1, "SCH001", where + missing,
                              f"Het verplichte veld '{where}{missing}' ontbreekt.",
                              f"Voeg een regel '{missing}: ...' toe." if not name else "")
    elif kind in ("unevaluatedProperties", "additionalProperties"):
        allowed = known if not path else tuple((error.schema.get("properties") or {}).keys())
        for key in error.instance:
            if key in allowed:
                continue
            key_node = entry.key_node(path, key)
            text = key_node.value if key_node is not None else str(key)  # as written: 'yes', not 'True'
            guess = difflib.get_close_matches(text, allowed, n=1, cutoff=0.6)
            hint = f"Bedoelde je '{guess[0]}'?" if guess else f"Toegestane velden: {', '.join(allowed)}."
            where = f"{name}." if name else ""
            line = key_node.start_mark.line + 2 if key_node is not None else entry.line_of(path + (key,))
            yield Problem(entry.path, line, 1, "SCH002", where + text,
                          f"Het veld '{where}{text}' is onbekend in een {entry.collection.label_singular.lower()}.", hint)
    elif kind == "type":
        yield _type_problem(error, entry, path, name, line)
    elif kind == "pattern" and path == ("id",):
        prefix = entry.collection.id_prefix
        if ID_RE.fullmatch(str(error.instance)):
            message = (f"De id '{error.instance}' hoort niet bij de map {entry.collection.folder}/: "
                       f"ids daar beginnen met '{prefix}-'.")
        else:
            message = f"De id '{error.instance}' heeft niet de vorm '{prefix}-' plus minstens drie cijfers."
        yield Problem(entry.path, line, 1, "ID002", "id", message, f"Bijvoorbeeld: id: {prefix}-012")
    elif kind == "format":
        yield Problem(entry.path, line, 1, "SCH004", name,
                      f"'{error.instance}' in '{name}' is geen geldige datum in de vorm JJJJ-MM-DD.",
                      "Schrijf de datum als 2024-03-01 (jaar-maand-dag).")
    elif kind == "pattern":
        readable = {"^https?://[^\\s]+$": "een webadres dat met https:// begint, zonder spaties",
                    "^[a-z0-9]+(-[a-z0-9]+)*$": "kleine letters, cijfers en streepjes",
                    "^[0-9]{4}(-[0-9]{4})?$": "een jaar (2023) of twee jaren met een streepje (2022-2024)",
                    "^/([a-z0-9]+(-[a-z0-9]+)*/)+$": "een adres als /praktijkvoorbeelden/oude-naam/, zonder lege delen (//)",
                    "^[0-9]{5}(-[A-Z0-9]+)?$": "een dossiernummer van vijf cijfers, zoals 36410",
                    "^[0-9]+$": "alleen cijfers"}
        yield Problem(entry.path, line, 1, "SCH004", name,
                      f"'{error.instance}' in '{name}' heeft niet de juiste vorm: verwacht {readable.get(error.validator_value, 'de vorm ' + error.validator_value)}.",
                      "Pas de waarde aan naar de vorm uit de melding.")
    elif kind in ("minLength", "maxLength", "minItems", "maxItems"):
        size = len(error.instance) if hasattr(error.instance, "__len__") else 0
        unit = "tekens" if isinstance(error.instance, str) else "waarden"
        bound = "minstens" if kind.startswith("min") else "hoogstens"
        yield Problem(entry.path, line, 1, "SCH005", name,
                      f"'{name}' heeft {size} {unit}; dat moeten er {bound} {error.validator_value} zijn.")
    elif kind == "uniqueItems":
        yield Problem(entry.path, line, 1, "SCH006", name, f"In '{name}' staat een waarde dubbel.")
    elif kind == "anyOf" and path and path[0] == "sources":
        yield Problem(entry.path, line, 1, "SCH007", name,
                      f"De bron '{name}' heeft een webadres (url) of een sectie (section) nodig.")
    elif kind == "enum":
        yield Problem(entry.path, line, 1, "SCH004", name,
                      f"'{error.instance}' in '{name}' is niet toegestaan; kies uit: {', '.join(map(str, error.validator_value))}.",
                      "Kies een van de genoemde waarden.")
    else:  # a rule added to a schema later; keep the problem visible rather than lose it
        yield Problem(entry.path, line, 1, "SCH004", name, f"'{name}' voldoet niet aan het schema ({kind}).")


def _type_problem(error: ValidationError, entry: Entry, path: tuple[Any, ...], name: str, line: int) -> Problem:
    expected = error.validator_value if isinstance(error.validator_value, str) else error.validator_value[0]
    want = _JSON_TYPES.get(expected, expected)
    node = entry.node_at(path)
    if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null" and not node.value.strip():
        return Problem(entry.path, line, 1, "SCH003", name, f"'{name}' is leeg, maar hier hoort {want}.",
                       "Vul een waarde in, of verwijder de regel als het veld niet verplicht is.")
    # PyYAML's C loader gives plain (unquoted) scalars the style '' and the Python loader None.
    if isinstance(node, yaml.ScalarNode) and not node.style and node.tag in _YAML_TYPES:
        original = node.value
        quoted = f"{path[-1]}: \"{original}\"" if path and isinstance(path[-1], str) else f"\"{original}\""
        return Problem(entry.path, line, node.start_mark.column + 1, "SCH003", name,
                       f"YAML leest '{original}' in '{name}' als {_YAML_TYPES[node.tag]}, maar hier hoort {want}.",
                       f"Zet de waarde tussen aanhalingstekens: {quoted}")
    if expected == "array" and isinstance(error.instance, str):
        return Problem(entry.path, line, 1, "SCH003", name,
                       f"'{name}' moet een lijst zijn, maar is de tekst '{error.instance}'.",
                       f"Schrijf een lijst: {name}: [{error.instance}]")
    return Problem(entry.path, line, 1, "SCH003", name,
                   f"'{name}' moet {want} zijn, maar is {_describe(error.instance)}.")


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "een ja/nee-waarde"
    if isinstance(value, (int, float)):
        return "een getal"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een groep velden"
    if value is None:
        return "leeg"
    return "tekst"


# --- vocabularies ---------------------------------------------------------------------

def _vocabulary_problems(entry: Entry, vocabularies: Vocabularies) -> Iterator[Problem]:
    for key, value in entry.meta.items():
        vocabulary = vocabularies.field_vocabulary(entry.collection.name, key)
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
