"""GitHub issue forms: reading the form definitions and the Markdown GitHub makes of an answer.

The forms live in ``.github/ISSUE_TEMPLATE/`` (one per collection, see :data:`FORM_FILES`).
GitHub writes a submitted form into the issue body as one section per field: a line
``### <label>``, an empty line and the answer; ``_No response_`` for an optional field left
empty; a multiple choice as the labels joined by ``", "``; checkboxes as ``- [X] <label>``
(https://docs.github.com/en/communities/using-templates-to-encourage-useful-issues-and-pull-requests/syntax-for-issue-forms).
Markdown blocks of the form do not appear in the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from kennisbank.content.collections import BY_NAME, Collection

#: Collection name -> file name of its issue form in :data:`FORM_DIR`.
FORM_FILES: dict[str, str] = {
    "practice": "praktijkvoorbeeld.yml",
    "dilemma": "dilemma.yml",
    "instrument": "instrument.yml",
}
FORM_DIR = ".github/ISSUE_TEMPLATE"
#: The label every form puts on its issue; the workflow reacts to it.
PROPOSAL_LABEL = "voorstel"
#: What GitHub writes for an optional field left empty.
NO_RESPONSE = "_No response_"


class FormError(Exception):
    """Raised when a form file is missing or malformed; the message is Dutch."""


@dataclass(frozen=True)
class FormField:
    """One field of an issue form.

    Attributes:
        id: the field's id (for entry fields: the front-matter field name).
        label: the label, which heads the answer in the issue body.
        kind: ``input``, ``textarea``, ``dropdown`` or ``checkboxes``.
        required: whether GitHub demands an answer.
        options: the choices of a dropdown (empty for other kinds).
    """

    id: str
    label: str
    kind: str
    required: bool
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class IssueForm:
    """The issue form of one collection: its file name and fields in form order."""

    collection: Collection
    file: str
    fields: tuple[FormField, ...]

    def label_of(self, field_id: str) -> str:
        """The label of field ``field_id``, or the id itself when the form has no such field."""
        return next((f.label for f in self.fields if f.id == field_id), field_id)


def load_form(root: Path, collection: Collection) -> IssueForm:
    """Read the issue form of ``collection`` from ``root/.github/ISSUE_TEMPLATE``.

    Raises:
        FormError: the file is missing, is not YAML, or has no list of fields.
    """
    name = FORM_FILES[collection.name]
    path = root / FORM_DIR / name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        raise FormError(f"Het formulier {FORM_DIR}/{name} ontbreekt of is niet leesbaar.") from None
    except yaml.YAMLError:
        raise FormError(f"Het formulier {FORM_DIR}/{name} is geen geldige YAML.") from None
    body = data.get("body") if isinstance(data, dict) else None
    if not isinstance(body, list):
        raise FormError(f"Het formulier {FORM_DIR}/{name} heeft geen lijst 'body' met velden.")
    fields = []
    for block in body:
        attributes = block.get("attributes", {}) if isinstance(block, dict) else {}
        if not isinstance(block, dict) or "id" not in block or not isinstance(attributes.get("label"), str):
            continue  # a Markdown block: it never reaches the issue body
        required = block.get("validations", {}).get("required") is True
        options = tuple(str(o) for o in attributes.get("options", [])) if block.get("type") == "dropdown" else ()
        fields.append(FormField(str(block["id"]), attributes["label"], str(block.get("type")), required, options))
    return IssueForm(collection, name, tuple(fields))


def load_forms(root: Path) -> list[IssueForm]:
    """The forms of every collection, in collection order (see :func:`load_form`)."""
    return [load_form(root, BY_NAME[name]) for name in FORM_FILES]


def headings_of(text: str) -> list[str]:
    """The texts of the ``### `` lines in an issue body (line ends ``\\r\\n`` or ``\\n``)."""
    return [line[4:].strip() for line in text.replace("\r\n", "\n").split("\n") if line.startswith("### ")]


def detect(text: str, forms: list[IssueForm]) -> IssueForm | None:
    """The form whose labels match the most ``###`` headings of ``text``; None when no form
    matches at least half of its labels, or two forms match equally well."""
    found = set(headings_of(text))
    scored = sorted(((sum(f.label in found for f in form.fields), form) for form in forms), key=lambda s: -s[0])
    if not scored or scored[0][0] * 2 < len(scored[0][1].fields):
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return scored[0][1]


def answers(text: str, form: IssueForm) -> dict[str, str | None]:
    """Field id -> the answer in the issue body, read in form order.

    Each label is looked for after the previous one, so an answer that itself contains a
    line ``### …`` is only misread when that line repeats a later label of the form.

    Returns:
        For each field found: its answer with surrounding blank lines removed, or None for
        ``_No response_`` or an empty answer. Fields whose heading is missing are absent.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    starts: list[tuple[int, str]] = []
    position = 0
    for field in form.fields:
        heading = f"### {field.label}"
        index = next((i for i in range(position, len(lines)) if lines[i].rstrip() == heading), None)
        if index is not None:
            starts.append((index, field.id))
            position = index + 1
    result: dict[str, str | None] = {}
    for number, (index, field_id) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(lines)
        value = "\n".join(line.rstrip() for line in lines[index + 1 : end]).strip("\n")
        result[field_id] = None if value.strip() in ("", NO_RESPONSE) else value
    return result


def split_choices(text: str, options: tuple[str, ...]) -> list[str]:
    """The choices of a multiple-choice answer (GitHub joins them with ``", "``). Known
    options are matched first, longest first, so an option that holds a comma stays whole;
    an unknown piece runs to the next comma."""
    known = sorted(options, key=len, reverse=True)
    rest, parts = " ".join(text.split()), []
    while rest:
        match = next(
            (o for o in known if rest.lower().startswith(o.lower()) and re.match(r"\s*(,|$)", rest[len(o) :])), None
        )
        head, _, tail = (rest[: len(match)], "", rest[len(match) :]) if match else rest.partition(",")
        parts.append(head.strip())
        rest = tail.strip().removeprefix(",").strip()
    return [p for p in parts if p]
