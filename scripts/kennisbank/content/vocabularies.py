"""The controlled vocabularies in ``vocabularies.yml``: id, Dutch label, short description."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


#: Largest vocabularies file accepted, in bytes (the real one is about 11 KB).
MAX_BYTES = 512 * 1024


def load_vocabularies(path: Path) -> Vocabularies:
    """Read ``vocabularies.yml``.

    Args:
        path: path of the YAML file.

    Returns:
        The vocabularies, each as an ordered mapping of id to :class:`Term`.

    Raises:
        VocabularyError: the file is missing, too large, not valid YAML, uses anchors or
            aliases (which can make a small file explode), lacks a required vocabulary; a
            term has no id or label, or one that is not text; an id is not a slug or occurs
            twice; a text holds an invisible character; or
            ``functional_mailboxes`` is not a list of addresses.
    """
    data = _read(path)
    terms: dict[str, dict[str, Term]] = {}
    for name in REQUIRED:
        if not isinstance(data.get(name), list):
            raise VocabularyError(f"{path}: de woordenlijst '{name}' ontbreekt of is geen lijst.")
    for name, items in data.items():
        if name != "functional_mailboxes":
            terms[name] = _terms(path, name, items)
    mailboxes = data.get("functional_mailboxes") or []
    if not isinstance(mailboxes, list) or not all(isinstance(m, str) and "@" in m for m in mailboxes):
        raise VocabularyError(
            f"{path}: 'functional_mailboxes' is een lijst van e-mailadressen, zoals [info@voorbeeld.nl]."
        )
    return Vocabularies(terms=terms, functional_mailboxes=tuple(m.lower() for m in mailboxes))


def _read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise VocabularyError(
            f"{path} bestaat niet. Start het commando in de map van de kennisbank of geef die map op met --root."
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise VocabularyError(f"{path}: kan de woordenlijsten niet lezen ({exc}).") from None
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise VocabularyError(f"{path}: het bestand is groter dan {MAX_BYTES // 1024} KB.")
    try:
        if any(isinstance(t, (yaml.AnchorToken, yaml.AliasToken)) for t in yaml.scan(text, Loader=Loader)):
            raise VocabularyError(
                f"{path}: YAML-ankers (&) en -verwijzingen (*) zijn niet toegestaan; schrijf de waarden uit."
            )
        data = yaml.load(text, Loader=Loader)  # noqa: S506 - Loader is a CSafeLoader
    except yaml.YAMLError as exc:
        raise VocabularyError(f"{path}: geen geldige YAML: {exc}") from None
    if not isinstance(data, dict):
        raise VocabularyError(f"{path}: verwacht een lijst van woordenlijsten (veld: waarde).")
    return data


def _terms(path: Path, name: str, items: object) -> dict[str, Term]:
    if not isinstance(items, list):
        raise VocabularyError(f"{path}: de woordenlijst '{name}' is geen lijst.")
    table: dict[str, Term] = {}
    for item in items:
        if not isinstance(item, dict) or not item.get("id") or not item.get("label"):
            raise VocabularyError(f"{path}: in '{name}' heeft elke waarde een id en een label nodig: {item!r}")
        texts = {key: item.get(key, "") for key in ("id", "label", "description")}
        wrong = [key for key, value in texts.items() if not isinstance(value, str)]
        if wrong:
            raise VocabularyError(f"{path}: in '{name}' is {wrong[0]} van {item.get('id')!r} geen tekst; "
                                  "zet de waarde tussen aanhalingstekens (YAML leest 010 als een getal).")  # fmt: skip
        term = Term(texts["id"], texts["label"], texts["description"])
        _check_term(path, name, term)
        if term.id in table:
            raise VocabularyError(f"{path}: id '{term.id}' staat twee keer in '{name}'.")
        table[term.id] = term
    return table
