"""The fields of the 'Stel een item voor' form, read from the JSON Schemas, the vocabularies
and the ``kb new`` templates, so the form cannot drift from what ``kb validate`` accepts.

* Which fields, whether required, their limits and help texts: the collection's schema and
  ``common.schema.json`` (``required``, ``minLength``/``maxLength``/``minItems``,
  ``description``).
* Choices: the vocabulary of the field (:mod:`kennisbank.content.taxonomies`), shown by label.
* Key order of the file the form writes, the body headings and their help texts: the
  collection's template in ``kennisbank/templates`` (the same file ``kb new`` copies).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from kennisbank.content.collections import Collection
from kennisbank.content.taxonomies import BY_FIELD, vocabulary_for
from kennisbank.content.vocabularies import Vocabularies

#: Fields the form fills in itself: the next free id, today's date, a review date a year
#: later and no related entries (the editors link entries).
AUTOMATIC = ("id", "published", "review_by", "related")
#: Fields only editors set, after review.
EDITOR_ONLY = frozenset({"updated", "aliases", "parliamentary_refs", "reviewed_numbers"})

#: Dutch labels for the form; other fields take the label of the collection's details-box
#: row, of their taxonomy or the schema's ``title``.
FIELD_LABELS = {
    "title": "Titel",
    "description": "Korte samenvatting",
    "organisations": "Betrokken organisaties",
    "sources": "Bronnen",
    "owner": "Beheerder van het item (een rol, geen persoon)",
    "domain": "Beleidsdomein",
    "contact_role": "Contact (een rol of afdeling, geen persoon)",
}

#: Fields whose text runs to a few sentences: a text area instead of one line.
LONG_TEXT_FROM = 250

_VOCAB_NOTE = re.compile(r"\s*\((?:id's uit )?vocabularies\.yml[^)]*\)")
_KEY = re.compile(r"^([a-z_]+):", re.MULTILINE)
_SECTION = re.compile(r"^## (.+)\n+\[\[VUL IN: (.+?)\]\]", re.MULTILINE)


@dataclass(frozen=True)
class FormField:
    """One front-matter field as the form shows it.

    Attributes:
        name: the front-matter key (``organisation_types``).
        label: Dutch label.
        hint: Dutch help text ('' for none).
        kind: ``text``, ``textarea``, ``lines`` (a list of texts, one per line),
            ``select``, ``checkboxes`` or ``sources``.
        required: whether the contributor must fill it in: the schema requires it and, for
            a list, asks for at least one value (``tags`` is required but may be empty).
        choices: ``(id, label)`` of each vocabulary term, for ``select`` and ``checkboxes``.
        min_length: ``minLength`` of the text (or of each line), or None.
        max_length: ``maxLength`` of the text, or None (the form reports a longer text rather
            than cutting it off with ``maxlength``, as the GOV.UK character-count pattern advises).
        min_items: ``minItems`` of a list, or None.
        notes: ``(label, description)`` of each choice of a ``select``, from the vocabulary,
            shown as help (what ``open`` or ``pilot`` means).
    """

    name: str
    label: str
    hint: str
    kind: str
    required: bool
    choices: tuple[tuple[str, str], ...] = ()
    min_length: int | None = None
    max_length: int | None = None
    min_items: int | None = None
    notes: tuple[tuple[str, str], ...] = ()


def template_text(collection: Collection) -> str:
    """The ``kb new`` template of ``collection`` (package data)."""
    return resources.files("kennisbank").joinpath("templates", f"{collection.name}.md").read_text(encoding="utf-8")


def key_order(collection: Collection, documents: dict[str, dict[str, Any]]) -> list[str]:
    """Front-matter keys in the order the written file has them: the template's order, with
    the collection's optional fields the template leaves out (in schema order) before
    ``sources``. Only fields the form or :data:`AUTOMATIC` fills in are listed."""
    front = template_text(collection).split("---", 2)[1]
    keys = [k for k in _KEY.findall(front) if k not in EDITOR_ONLY]
    own = documents[collection.schema].get("properties", {})
    extra = [k for k in own if k not in keys and k not in EDITOR_ONLY]
    at = keys.index("sources") if "sources" in keys else len(keys)
    return keys[:at] + extra + keys[at:]


def body_sections(collection: Collection) -> list[tuple[str, str]]:
    """``(heading, help text)`` for each required body heading, the help text taken from the
    template's placeholder under it ('' when the template has none)."""
    hints = dict(_SECTION.findall(template_text(collection)))
    return [(heading, hints.get(heading, "")) for heading in collection.headings]


def form_fields(collection: Collection, documents: dict[str, dict[str, Any]], vocab: Vocabularies) -> list[FormField]:
    """The fields a contributor fills in, in file order (see :func:`key_order`).

    Args:
        collection: the collection.
        documents: schema file name -> parsed schema (``SchemaSet.documents``).
        vocab: the vocabularies, for the choices and their labels.
    """
    common = documents["common.schema.json"]
    own = documents[collection.schema]
    properties = {**common.get("properties", {})}
    for key, prop in own.get("properties", {}).items():
        properties[key] = {**properties.get(key, {}), **prop}
    required = set(common.get("required", [])) | set(own.get("required", []))
    return [
        _field(collection, key, properties.get(key, {}), key in required, vocab)
        for key in key_order(collection, documents)
        if key not in AUTOMATIC
    ]


def _field(collection: Collection, key: str, prop: dict[str, Any], required: bool, vocab: Vocabularies) -> FormField:
    vocabulary = vocabulary_for(collection.name, key)
    is_list = prop.get("type") == "array"
    items = prop.get("items", {}) if is_list else {}
    if key == "sources":
        kind = "sources"
    elif vocabulary:
        kind = "checkboxes" if is_list else "select"
    elif is_list:
        kind = "lines"
    else:
        kind = "textarea" if (prop.get("maxLength") or 0) >= LONG_TEXT_FROM else "text"
    terms = vocab.terms.get(vocabulary, {}) if vocabulary else {}
    hint = _VOCAB_NOTE.sub("", str(prop.get("description", ""))).strip()
    if kind == "lines":
        hint = (hint + " Eén per regel.").strip()
    if kind == "select" and set(re.split(r"[\s,.]+|\bof\b", hint)) - {""} <= set(terms):
        hint = ""  # only the ids ('lopend of afgerond'): the notes say it better, and stay complete
    return FormField(
        name=key,
        label=field_label(collection, key, prop),
        hint=hint,
        kind=kind,
        required=required and not (is_list and not prop.get("minItems")),  # an empty list will do
        choices=tuple((term.id, term.label) for term in terms.values()),
        min_length=items.get("minLength") if is_list else prop.get("minLength"),
        max_length=None if is_list else prop.get("maxLength"),
        min_items=prop.get("minItems"),
        notes=tuple((term.label, term.description) for term in terms.values()) if kind == "select" else (),
    )


def field_label(collection: Collection, key: str, prop: dict[str, Any]) -> str:
    """:data:`FIELD_LABELS`, then the collection's own wording (details-box rows), the
    taxonomy's label, the schema's ``title``, else the key."""
    rows = dict(collection.facet_rows + collection.text_rows)
    taxonomy = BY_FIELD.get(key)
    return (
        FIELD_LABELS.get(key)
        or rows.get(key)
        or (taxonomy.label if taxonomy else None)
        or str(prop.get("title") or key)
    )
