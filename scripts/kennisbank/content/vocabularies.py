"""The controlled vocabularies in ``vocabularies.yml``: id, Dutch label, short description."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from kennisbank.content.hygiene import FORBIDDEN, describe
from kennisbank.content.yamlio import Loader

REQUIRED = (
    "themes",
    "organisation_types",
    "target_groups",
    "practice_status",
    "dilemma_status",
    "instrument_users",
    "policy_phases",
    "maturity",
    "tags",
)


#: A term id becomes part of URLs and file names (``/themas/<id>/``), so it is a slug.
TERM_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # used with fullmatch


def _check_term(path: Path, vocabulary: str, term: Term) -> None:
    """Refuse an id that is not a slug and invisible characters in id, label or description.

    Labels and descriptions may hold any visible text: everything that prints them
    escapes them (``text.md``, ``text.attr``, the plugin's metadata escaping).
    """
    if not TERM_ID_RE.fullmatch(term.id):
        raise VocabularyError(
            f"{path}: in '{vocabulary}' is de id '{term.id}' geen slug: gebruik alleen kleine "
            "letters, cijfers en streepjes (de id komt in webadressen)."
        )
    for field_name, value in (("id", term.id), ("label", term.label), ("description", term.description)):
        match = FORBIDDEN.search(value)
        if match:
            raise VocabularyError(
                f"{path}: in '{vocabulary}', id '{term.id}', staat in {field_name} een "
                f"onzichtbaar teken: {describe(match.group())}."
            )


class VocabularyError(Exception):
    """Raised when ``vocabularies.yml`` is missing or malformed; the message is Dutch."""


@dataclass(frozen=True)
class Term:
    """One vocabulary value: stable kebab-case id, Dutch label, Dutch description."""

    id: str
    label: str
    description: str


@dataclass(frozen=True)
class Vocabularies:
    """All vocabularies, by name (``themes``) then term id, in file order."""

    terms: dict[str, dict[str, Term]]
    functional_mailboxes: tuple[str, ...] = ()

    def label(self, vocabulary: str, term_id: str) -> str:
        """Return the Dutch label of ``term_id``, or the id itself when unknown."""
        term = self.terms.get(vocabulary, {}).get(term_id)
        return term.label if term else term_id


def load_vocabularies(path: Path) -> Vocabularies:
    """Read ``vocabularies.yml``.

    Args:
        path: path of the YAML file.

    Returns:
        The vocabularies, each as an ordered mapping of id to :class:`Term`.

    Raises:
        VocabularyError: the file is missing, is not valid YAML, lacks a required
            vocabulary, or a term has no id or label, or an id occurs twice.
    """
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)  # noqa: S506 - Loader is a CSafeLoader
    except FileNotFoundError:
        raise VocabularyError(
            f"{path} bestaat niet. Start het commando in de map van de kennisbank of geef die map op met --root."
        ) from None
    except OSError as exc:
        raise VocabularyError(f"{path}: kan de woordenlijsten niet lezen ({exc.strerror}).") from None
    except yaml.YAMLError as exc:
        raise VocabularyError(f"{path}: geen geldige YAML: {exc}") from None
    if not isinstance(data, dict):
        raise VocabularyError(f"{path}: verwacht een lijst van woordenlijsten (veld: waarde).")
    terms: dict[str, dict[str, Term]] = {}
    for name in REQUIRED:
        if not isinstance(data.get(name), list):
            raise VocabularyError(f"{path}: de woordenlijst '{name}' ontbreekt of is geen lijst.")
    for name, items in data.items():
        if name == "functional_mailboxes":
            continue
        table: dict[str, Term] = {}
        if not isinstance(items, list):
            raise VocabularyError(f"{path}: de woordenlijst '{name}' is geen lijst.")
        for item in items:
            if not isinstance(item, dict) or not item.get("id") or not item.get("label"):
                raise VocabularyError(f"{path}: in '{name}' heeft elke waarde een id en een label nodig: {item!r}")
            term = Term(str(item["id"]), str(item["label"]), str(item.get("description", "")))
            _check_term(path, name, term)
            if term.id in table:
                raise VocabularyError(f"{path}: id '{term.id}' staat twee keer in '{name}'.")
            table[term.id] = term
        terms[name] = table
    mailboxes = tuple(str(m).lower() for m in data.get("functional_mailboxes") or ())
    return Vocabularies(terms=terms, functional_mailboxes=mailboxes)
