"""Personal data of private persons in an entry: every free-text field, the addresses and
file name, and the body, checked with :mod:`kennisbank.checks.pii`.

The body is read paragraph by paragraph (lines joined), so a number broken over two lines
is found too; each finding is reported on the file line where it starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from kennisbank.checks import pii
from kennisbank.checks.problems import Problem
from kennisbank.checks.schema_problems import field_name
from kennisbank.content.entry import Entry

#: Fields that hold ids, dates or vocabulary ids: never text, never an address.
NOT_CHECKED = frozenset(
    "id related published updated review_by reviewed_numbers themes tags organisation_types target_groups status "
    "users phases maturity".split()
)


def personal_data_problems(entry: Entry, functional_mailboxes: tuple[str, ...]) -> list[Problem]:
    """Find personal data in the front matter, the file name and the body of ``entry``.

    Args:
        entry: the entry.
        functional_mailboxes: lower-case addresses that may appear.

    Returns:
        PII001 (BSN), PII002 (IBAN), PII003 (phone), PII004 (e-mail) problems with file
        lines; the field is the front-matter path (``contact_role``, ``sources[0].url``),
        ``body``, or '' for the file name (line 0).
    """
    reviewed = {re.sub(r"[^0-9A-Za-z]", "", pii.normalise(str(n))).upper()
                for n in entry.meta.get("reviewed_numbers") or [] if isinstance(n, (str, int))}  # fmt: skip
    problems = [Problem(entry.path, 0, 1, f.code, "", f.message)
                for f in pii.findings(pii.normalise(entry.slug), reviewed, functional_mailboxes)]  # fmt: skip
    for path, text in _strings(entry.meta):
        if pii.worth_checking(text):
            line, name = entry.line_of(path), field_name(path)
            for f in pii.findings(pii.normalise(text), reviewed, functional_mailboxes):
                problems.append(Problem(entry.path, line, 1, f.code, name, f.message))
    for first, lines in _paragraphs(entry.body):
        text = "\n".join(pii.normalise(line) for line in lines)
        if pii.worth_checking(text):
            for f in pii.findings(text, reviewed, functional_mailboxes):
                offset = text.count("\n", 0, f.offset)
                column = f.offset - (text.rfind("\n", 0, f.offset) + 1) + 1
                problems.append(
                    Problem(entry.path, entry.body_line + first + offset, column, f.code, "body", f.message)
                )
    return problems


def _strings(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if not (not path and key in NOT_CHECKED):
                yield from _strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, path + (index,))


def _paragraphs(body: str) -> Iterator[tuple[int, list[str]]]:
    """``(0-based first line, lines)`` of each run of non-blank lines."""
    lines = body.split("\n")
    start = None
    for index, line in enumerate([*lines, ""]):
        if line.strip() and start is None:
            start = index
        elif not line.strip() and start is not None:
            yield start, lines[start:index]
            start = None
