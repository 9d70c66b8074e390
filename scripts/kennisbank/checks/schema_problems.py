"""JSON Schema errors, translated into Dutch problems that point at the file line.

Each JSON Schema keyword has a handler in :data:`HANDLERS`; a keyword without one (a rule
added to a schema later) still gives a visible SCH004 rather than being lost.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from jsonschema import ValidationError

from kennisbank.checks.problems import Problem
from kennisbank.content.entry import Entry
from kennisbank.content.schemas import SchemaSet

ID_RE = re.compile(r"(pr|di|in)-[0-9]{3,}")  # used with fullmatch

_YAML_KINDS = {"bool": "een ja/nee-waarde", "int": "een getal", "float": "een kommagetal", "null": "een lege waarde"}
_JSON_TYPES = {
    "string": "tekst",
    "array": "een lijst",
    "object": "een groep velden (veld: waarde)",
    "integer": "een geheel getal",
    "number": "een getal",
    "boolean": "ja of nee",
}
#: The schemas' patterns, as a contributor reads them.
_READABLE_PATTERNS = {
    "^https?://[^\\s]+$": "een webadres dat met https:// begint, zonder spaties",
    "^[a-z0-9]+(-[a-z0-9]+)*$": "kleine letters, cijfers en streepjes",
    "^[0-9]{4}(-[0-9]{4})?$": "een jaar (2023) of twee jaren met een streepje (2022-2024)",
    "^/([a-z0-9]+(-[a-z0-9]+)*/)+$": "een adres als /praktijkvoorbeelden/oude-naam/, zonder lege delen (//)",
    "^[0-9]{5}(-[A-Z0-9]+)?$": "een dossiernummer van vijf cijfers, zoals 36410",
    "^[0-9]+$": "alleen cijfers",
    "\\S": "minstens één zichtbaar teken, niet alleen spaties",
}


@dataclass(frozen=True)
class Failure:
    """One schema error with what every handler needs.

    Attributes:
        error: the jsonschema error.
        entry: the entry it concerns.
        path: the JSON path of the value (``("sources", 0, "url")``).
        name: that path as a contributor reads it (``sources[0].url``).
        line: the file line of the value.
        known: every field the collection's schema knows.
    """

    error: ValidationError
    entry: Entry
    path: tuple[Any, ...]
    name: str
    line: int
    known: tuple[str, ...]

    @property
    def instance(self) -> Any:
        """The value that failed."""
        return self.error.instance

    @property
    def value(self) -> Any:
        """The value of the schema keyword that failed (``["id", "title"]`` for required)."""
        return self.error.validator_value

    @property
    def schema(self) -> Any:
        """The (sub)schema that failed."""
        return self.error.schema

    def problem(
        self,
        code: str,
        message: str,
        hint: str = "",
        field: str | None = None,
        line: int | None = None,
        column: int = 1,
    ) -> Problem:
        return Problem(
            self.entry.path,
            self.line if line is None else line,
            column,
            code,
            self.name if field is None else field,
            message,
            hint,
        )


def field_name(path: Iterable[Any]) -> str:
    """``("sources", 0, "url")`` -> ``sources[0].url``."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def schema_problems(entry: Entry, schemas: SchemaSet, vocabulary_fields: set[str]) -> Iterator[Problem]:
    """Every schema problem of ``entry``, in Dutch.

    Args:
        entry: the entry.
        schemas: the prebuilt validators.
        vocabulary_fields: fields whose pattern errors are left to the vocabulary check,
            which suggests the right value (VOC001/VOC002).
    """
    validator = schemas.validators[entry.collection.name]
    known = schemas.fields[entry.collection.name]
    for error in validator.iter_errors(entry.meta):
        path = tuple(error.absolute_path)
        if error.validator == "pattern" and path and path[0] in vocabulary_fields:
            continue
        failure = Failure(error, entry, path, field_name(path), entry.line_of(path) if path else 1, known)
        handler = HANDLERS.get(str(error.validator), _other)
        yield from handler(failure)


def _required(f: Failure) -> Iterator[Problem]:
    present = f.instance if isinstance(f.instance, dict) else {}
    where = f"{f.name}." if f.name else ""
    for missing in f.value:
        if missing not in present:
            yield f.problem(
                "SCH001",
                f"Het verplichte veld '{where}{missing}' ontbreekt.",
                f"Voeg een regel '{missing}: ...' toe." if not f.name else "",
                field=where + missing,
            )


def _unknown_fields(f: Failure) -> Iterator[Problem]:
    allowed = f.known if not f.path else tuple((f.schema.get("properties") or {}).keys())
    where = f"{f.name}." if f.name else ""
    for key in f.instance:
        if key in allowed:
            continue
        written = f.entry.key_text(f.path, key)  # as written: 'yes', not 'True'
        text, line = written if written else (str(key), f.entry.line_of(f.path + (key,)))
        guess = difflib.get_close_matches(text, allowed, n=1, cutoff=0.6)
        hint = f"Bedoelde u '{guess[0]}'?" if guess else f"Toegestane velden: {', '.join(allowed)}."
        yield f.problem(
            "SCH002",
            f"Het veld '{where}{text}' is onbekend in een {f.entry.collection.label_singular.lower()}.",
            hint,
            field=where + text,
            line=line,
        )


def _type(f: Failure) -> Iterator[Problem]:
    value = f.value
    expected = value if isinstance(value, str) else value[0]
    want = _JSON_TYPES.get(expected, expected)
    scalar = f.entry.scalar_at(f.path)
    if scalar is not None and scalar.kind == "null" and not scalar.text.strip():
        yield f.problem(
            "SCH003",
            f"'{f.name}' is leeg, maar hier hoort {want}.",
            "Vul een waarde in, of verwijder de regel als het veld niet verplicht is.",
        )
    elif scalar is not None and not scalar.quoted and scalar.kind in _YAML_KINDS:
        quoted = f'{f.path[-1]}: "{scalar.text}"' if f.path and isinstance(f.path[-1], str) else f'"{scalar.text}"'
        yield f.problem(
            "SCH003",
            f"YAML leest '{scalar.text}' in '{f.name}' als {_YAML_KINDS[scalar.kind]}, maar hier hoort {want}.",
            f"Zet de waarde tussen aanhalingstekens: {quoted}",
            column=scalar.column,
        )
    elif expected == "array" and isinstance(f.instance, str):
        yield f.problem(
            "SCH003",
            f"'{f.name}' moet een lijst zijn, maar is de tekst '{f.instance}'.",
            f"Schrijf een lijst: {f.name}: [{f.instance}]",
        )
    else:
        yield f.problem("SCH003", f"'{f.name}' moet {want} zijn, maar is {_describe(f.instance)}.")


def _pattern(f: Failure) -> Iterator[Problem]:
    if f.path == ("id",):
        prefix = f.entry.collection.id_prefix
        if ID_RE.fullmatch(str(f.instance)):
            message = (
                f"De id '{f.instance}' hoort niet bij de map {f.entry.collection.folder}/: "
                f"ids daar beginnen met '{prefix}-'."
            )
        else:
            message = f"De id '{f.instance}' heeft niet de vorm '{prefix}-' plus minstens drie cijfers."
        yield f.problem("ID002", message, f"Bijvoorbeeld: id: {prefix}-012", field="id")
        return
    pattern = str(f.value)
    yield f.problem(
        "SCH004",
        f"'{f.instance}' in '{f.name}' heeft niet de juiste vorm: verwacht "
        f"{_READABLE_PATTERNS.get(pattern, 'de vorm ' + pattern)}.",
        "Pas de waarde aan naar de vorm uit de melding.",
    )


def _format(f: Failure) -> Iterator[Problem]:
    yield f.problem(
        "SCH004",
        f"'{f.instance}' in '{f.name}' is geen geldige datum in de vorm JJJJ-MM-DD.",
        "Schrijf de datum als 2024-03-01 (jaar-maand-dag).",
    )


def _size(f: Failure) -> Iterator[Problem]:
    kind = str(f.error.validator)
    size = len(f.instance) if hasattr(f.instance, "__len__") else 0
    unit = "tekens" if isinstance(f.instance, str) else "waarden"
    bound = "minstens" if kind.startswith("min") else "hoogstens"
    yield f.problem("SCH005", f"'{f.name}' heeft {size} {unit}; dat moeten er {bound} {f.value} zijn.")


def _unique(f: Failure) -> Iterator[Problem]:
    yield f.problem("SCH006", f"In '{f.name}' staat een waarde dubbel.")


def _any_of(f: Failure) -> Iterator[Problem]:
    if f.path and f.path[0] == "sources":
        yield f.problem("SCH007", f"De bron '{f.name}' heeft een webadres (url) of een sectie (section) nodig.")
    else:
        yield from _other(f)


def _enum(f: Failure) -> Iterator[Problem]:
    yield f.problem(
        "SCH004",
        f"'{f.instance}' in '{f.name}' is niet toegestaan; kies uit: {', '.join(map(str, f.value))}.",
        "Kies een van de genoemde waarden.",
    )


def _other(f: Failure) -> Iterator[Problem]:
    yield f.problem("SCH004", f"'{f.name}' voldoet niet aan het schema ({f.error.validator}).")


#: JSON Schema keyword -> the handler that words its errors.
HANDLERS: dict[str, Callable[[Failure], Iterator[Problem]]] = {
    "required": _required,
    "additionalProperties": _unknown_fields,
    "unevaluatedProperties": _unknown_fields,
    "type": _type,
    "pattern": _pattern,
    "format": _format,
    "minLength": _size,
    "maxLength": _size,
    "minItems": _size,
    "maxItems": _size,
    "uniqueItems": _unique,
    "anyOf": _any_of,
    "enum": _enum,
}


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
