"""From the answers of an issue form to the text of an entry file.

The answers are untrusted text. They only ever become YAML values (written by PyYAML's
safe dumper through python-frontmatter, which quotes whatever YAML 1.1 would read as
something else: ``NO``, ``yes``, ``2023``, ``12:30``, ``a: b``, ``#``) and the Markdown under
the collection's fixed headings. Whether that Markdown is allowed (no HTML, no personal
data, safe links) is decided by the project's own validation afterwards
(:mod:`kennisbank.checks.newentry`), never here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import frontmatter
import yaml

from kennisbank.checks.problems import Problem
from kennisbank.content import dates
from kennisbank.content.issueforms import FormField, IssueForm, split_choices
from kennisbank.content.taxonomies import vocabulary_for
from kennisbank.content.vocabularies import Vocabularies

#: Front-matter order of every entry file: these first, the collection's own fields, then the tail.
HEAD = ("id", "title", "description", "themes", "tags")
TAIL = ("sources", "published", "review_by", "owner", "related")
#: Fields that must be in the file even when empty (the common schema requires them).
ALWAYS = ("tags", "related")

_URL = re.compile(r"<?(https?://[^\s<>]+)>?")
_MD_LINK = re.compile(r"^\[([^\]]+)\]\((https?://[^\s()]+)\)$")
_SEPARATORS = (" — ", " – ", " - ", " | ", ", ")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


@dataclass
class Proposal:
    """An entry built from form answers.

    Attributes:
        meta: the front matter, keys in file order.
        body: the Markdown body: every heading of the collection with its answer.
        problems: what the answers lack or hold wrongly (ISSUE001–ISSUE003), on ``path``.
    """

    meta: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    problems: list[Problem] = field(default_factory=list)


def one_line(text: str) -> str:
    """``text`` with every run of white space (newlines and hard spaces included) as one space."""
    return " ".join(text.split())


def build(
    form: IssueForm,
    answers: dict[str, str | None],
    schema: dict[str, Any],
    vocabularies: Vocabularies,
    entry_id: str,
    path: str,
    today: dt.date | None = None,
) -> Proposal:
    """Build the entry of ``form``'s collection from ``answers``.

    Args:
        form: the issue form the answers belong to.
        answers: field id -> answer, from :func:`kennisbank.content.issueforms.answers`.
        schema: the collection's schema with the common fields merged in
            (:func:`kennisbank.content.schemas.bundle`): which fields exist and which are lists.
        vocabularies: the project's vocabularies, to map choice labels back to ids.
        entry_id: the id the entry gets.
        path: the file path problems are reported on (``practices/x.md``).
        today: the publication date (default: :func:`kennisbank.content.dates.today`).

    Returns:
        The proposal; ``problems`` is empty when every required answer was read.
    """
    today = today or dates.today()
    properties: dict[str, Any] = schema.get("properties", {})
    proposal = Proposal()
    values: dict[str, Any] = {"id": entry_id, "published": today, "review_by": dates.add_years(today, 1)}
    for form_field in form.fields:
        if form_field.id not in properties or form_field.id in values:
            continue
        raw = answers.get(form_field.id)
        if raw is None:
            if form_field.required:
                proposal.problems.append(_missing(path, form_field))
            continue
        value, problems = _convert(form_field, raw, properties[form_field.id], vocabularies, form.collection.name, path)
        proposal.problems.extend(problems)
        if value not in ([], ""):
            values[form_field.id] = value
    for name in ALWAYS:
        values.setdefault(name, [])
    middle = [k for k in properties if k not in HEAD and k not in TAIL]
    proposal.meta = {k: values[k] for k in (*HEAD, *middle, *TAIL) if k in values}
    proposal.body, missing = _body(form, answers, path)
    proposal.problems.extend(missing)
    return proposal


def _body(form: IssueForm, answers: dict[str, str | None], path: str) -> tuple[str, list[Problem]]:
    """The collection's headings, each with its answer; ISSUE001 for an answer that is missing."""
    sections, problems = [], []
    for heading in form.collection.headings:
        block = next((f for f in form.fields if f.label == heading), None) or FormField(
            heading, heading, "textarea", True
        )
        text = answers.get(block.id)
        if text is None:
            problems.append(_missing(path, block))
            continue
        sections.append(f"## {heading}\n\n{text.strip()}\n")
    return "\n".join(sections), problems


def render(proposal: Proposal) -> str:
    """The entry file: front matter in the proposal's key order, then the body, ending in a newline.

    Written with python-frontmatter's YAML handler and PyYAML's safe dumper (block style,
    Unicode kept, no line folding), so every value reads back as the same text.
    """
    post = frontmatter.Post(proposal.body)
    post.metadata.update(proposal.meta)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = frontmatter.dumps(
        post, Dumper=dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000
    )
    return text + "\n"


def _missing(path: str, form_field: FormField) -> Problem:
    return Problem(path, 0, 1, "ISSUE001", form_field.id, f"Het veld '{form_field.label}' is niet ingevuld.",
                   "Vul het veld in: bewerk het issue (menu ··· > Edit).")  # fmt: skip


def _convert(
    form_field: FormField, raw: str, prop: dict[str, Any], vocabularies: Vocabularies, collection: str, path: str
) -> tuple[Any, list[Problem]]:
    """The front-matter value of one answer, with the problems found reading it."""
    is_list = prop.get("type") == "array"
    vocabulary = vocabulary_for(collection, form_field.id)
    if vocabulary is not None:
        pieces = split_choices(raw, form_field.options) if is_list else [one_line(raw)]
        ids, problems = _choices(pieces, form_field, vocabularies, vocabulary, path)
        return (ids if is_list else (ids[0] if ids else "")), problems
    if form_field.id == "sources":
        return sources(raw, path, form_field)
    if form_field.id == "related":
        return [p for p in re.split(r"[,;\s]+", raw) if p], []
    if is_list:
        return [one_line(_BULLET.sub("", line)) for line in raw.split("\n") if line.strip()], []
    return one_line(raw), []


def _choices(
    pieces: list[str], form_field: FormField, vocabularies: Vocabularies, vocabulary: str, path: str
) -> tuple[list[str], list[Problem]]:
    """Vocabulary ids for the chosen labels (an id, or ``Label (id)``, is accepted as well)."""
    terms = vocabularies.terms.get(vocabulary, {})
    by_text = {t.label.lower(): t.id for t in terms.values()} | {t.id: t.id for t in terms.values()}
    by_text |= {f"{t.label} ({t.id})".lower(): t.id for t in terms.values()}
    ids: list[str] = []
    problems = []
    for piece in pieces:
        term_id = by_text.get(piece.lower())
        if term_id is None:
            problems.append(Problem(path, 0, 1, "ISSUE002", form_field.id,
                                    f"'{piece}' staat niet in de keuzelijst van '{form_field.label}'.",
                                    "Kies uit: " + "; ".join(t.label for t in terms.values()) + "."))  # fmt: skip
        elif term_id not in ids:
            ids.append(term_id)
    return ids, problems


def sources(raw: str, path: str, form_field: FormField) -> tuple[list[dict[str, str]], list[Problem]]:
    """The sources of an answer, one per line: ``Titel — https://…`` or ``[Titel](https://…)``
    (title plus url), or ``Titel — §4.4`` (title plus section; the last ``—``, ``–``, ``-``,
    ``|`` or ``,`` with spaces separates them). A line without either is ISSUE003."""
    found: list[dict[str, str]] = []
    problems: list[Problem] = []
    for line in raw.split("\n"):
        line = one_line(_BULLET.sub("", line))
        if not line:
            continue
        link = _MD_LINK.match(line)
        url = _URL.search(line)
        if link:
            found.append({"title": one_line(link.group(1)), "url": link.group(2)})
        elif url:
            address = url.group(1).rstrip(".,;:")
            address = address.rstrip(")") if "(" not in address else address
            title = (line[: url.start()] + " " + line[url.end() :]).strip(" —–-:|,")
            title = title.removesuffix("(").removesuffix("()").strip(" —–-:|,")
            if title:
                found.append({"title": one_line(title), "url": address})
            else:
                problems.append(_source_problem(path, form_field, f"Bij de bron {address} ontbreekt de titel."))
        else:
            cut = max((line.rfind(s), s) for s in _SEPARATORS)
            if cut[0] > 0 and line[cut[0] + len(cut[1]) :].strip():
                found.append({"title": line[: cut[0]].strip(), "section": line[cut[0] + len(cut[1]) :].strip()})
            else:
                problems.append(
                    _source_problem(path, form_field, f"De bron '{line}' heeft geen webadres en geen sectie.")
                )
    return found, problems


def _source_problem(path: str, form_field: FormField, message: str) -> Problem:
    return Problem(path, 0, 1, "ISSUE003", form_field.id, message,
                   "Schrijf per regel de titel, een streepje en dan het webadres (https://…) of de sectie, "
                   "bijvoorbeeld: Herijking Werk aan Uitvoering — §4.4")  # fmt: skip
