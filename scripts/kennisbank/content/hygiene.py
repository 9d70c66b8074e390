"""Text hygiene of front matter: invisible characters, hard spaces and values cut by ``#``.

Rules (issue 9):

* No C0 or C1 control character except tab and newline, no bidirectional control
  (U+202A–202E, U+2066–2069, U+200E, U+200F, U+061C) and no zero-width character
  (U+200B–200D, U+2060, U+FEFF) in any front-matter value, also when written as a YAML
  escape such as ``"\\v"`` or ``"\\x01"``. They are invisible on review, can reorder what a
  reader sees (Trojan Source, CVE-2021-42574) and break XML exports (the Atom feed).
* No surrogate or Unicode noncharacter (U+FFFE, U+FDD0 …): XML cannot hold them.
* A non-breaking space where YAML expects an ordinary space (indentation, after ``key:``
  or ``-``) makes YAML read something else than the contributor sees: named on its line.
* An unquoted `` #`` starts a YAML comment, so ``title: Doorbraakteam #2`` would publish
  "Doorbraakteam": reported, so the value gets quotes or the comment its own line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import yaml

from kennisbank.checks.problems import Problem
from kennisbank.content.yamlio import Loader

#: Surrogates and Unicode noncharacters (U+FDD0–FDEF and U+xFFFE/xFFFF in every plane):
#: XML cannot hold them, so the Atom feed would fail, and no text needs them.
_NONCHARACTERS = "\ud800-\udfff\ufdd0-\ufdef" + "".join(
    chr(p * 0x10000 + 0xFFFE) + chr(p * 0x10000 + 0xFFFF) for p in range(17)
)

#: Characters refused in front-matter values (see the module docstring).
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff" + _NONCHARACTERS + "]"
)
#: Characters refused in a body: the same without zero-width characters (which have
#: typographic uses there) and with carriage returns allowed (line ends are normalised).
FORBIDDEN_IN_BODY = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069" + _NONCHARACTERS + "]"
)

_NAMES = {
    "\x00": "nulteken",
    "\x09": "tab",
    "\x0b": "verticale tab",
    "\x0c": "paginaeinde",
    "\x1b": "escapeteken",
    "\x7f": "wisteken",
    "\u00a0": "harde spatie",
    "\u200b": "breedteloze spatie",
    "\u200c": "breedteloze niet-verbinder",
    "\u200d": "breedteloze verbinder",
    "\u2060": "woordverbinder",
    "\ufeff": "BOM-teken",
    "\u200e": "links-naar-rechtsteken",
    "\u200f": "rechts-naar-linksteken",
    "\u061c": "Arabisch richtingsteken",
}


def describe(char: str) -> str:
    """Dutch name and code point of ``char``, e.g. ``verticale tab (U+000B)``."""
    name = _NAMES.get(char)
    if name is None:
        if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
            name = "teken dat de tekstrichting omkeert"
        elif unicodedata.category(char) == "Cc":
            name = "stuurteken"
        else:
            name = "onzichtbaar teken"
    return f"{name} (U+{ord(char):04X})"


_NBSP_STRUCTURE = re.compile(
    "^([ \u00a0]*\u00a0)|^[ \u00a0]*(?:-[ \u00a0]+)?[^\\s:#'\"][^:#]*?:(\u00a0)|^[ \u00a0]*-(\u00a0)"
)


def nbsp_problems(yaml_text: str, shown: str) -> list[Problem]:
    """FM005 for each line where a non-breaking space stands where YAML needs a space."""
    if "\u00a0" not in yaml_text:
        return []
    problems = []
    for index, line in enumerate(yaml_text.split("\n")):
        match = _NBSP_STRUCTURE.search(line) if "\u00a0" in line else None
        if match:
            group = next(g for g in (1, 2, 3) if match.group(g) is not None)
            column = match.end(group)  # 1-based column of the hard space itself
            problems.append(
                Problem(
                    shown,
                    index + 2,
                    column,
                    "FM005",
                    "",
                    f"Op regel {index + 2}, kolom {column} staat een harde spatie (U+00A0) waar YAML een gewone spatie "
                    "verwacht; YAML leest de regel daardoor anders dan hij eruitziet.",
                    "Vervang de harde spatie door een gewone spatie (typ de spatie opnieuw).",
                )
            )
    return problems


_COMMENT_AFTER = re.compile(r"[ \t]+#")


def comment_cut_problems(yaml_text: str, shown: str) -> list[Problem]:
    """FM012 for each unquoted value that YAML cut short at `` #``."""
    if not _COMMENT_AFTER.search(yaml_text):
        return []
    problems = []
    try:
        for token in yaml.scan(yaml_text, Loader=Loader):
            if not isinstance(token, yaml.ScalarToken) or not token.plain:
                continue
            end = token.end_mark.index
            line_end = yaml_text.find("\n", end)
            rest = yaml_text[end : line_end if line_end >= 0 else len(yaml_text)]
            if _COMMENT_AFTER.match(rest):
                shown_rest = rest.strip()[:40]
                problems.append(
                    Problem(
                        shown,
                        token.start_mark.line + 2,
                        token.start_mark.column + 1,
                        "FM012",
                        "",
                        f"YAML leest '{token.value[:40]}' als de hele waarde: wat volgt ('{shown_rest}') geldt als "
                        "opmerking en verdwijnt.",
                        f'Zet de hele waarde tussen aanhalingstekens: "{token.value} {rest.strip()}", '
                        "of zet een opmerking op een eigen regel.",
                    )
                )
    except yaml.YAMLError:
        return []  # the composer reports the syntax error with its line
    return problems


def value_problems(node: yaml.Node, lines: list[str], shown: str, path: str = "") -> Iterator[Problem]:
    """FM011 for each forbidden character in a key or value under ``node``.

    Args:
        node: the composed front matter (or a part of it).
        lines: the file's lines, to find the column where the character was written.
        shown: file path as shown to the contributor.
        path: field path of ``node`` (``sources[0].title``).
    """
    if isinstance(node, yaml.ScalarNode):
        match = FORBIDDEN.search(node.value)
        if match:
            line = node.start_mark.line + 2
            source = lines[line - 1] if 0 < line <= len(lines) else ""
            column = source.find(match.group()) + 1 or node.start_mark.column + 1
            yield Problem(
                shown,
                line,
                column,
                "FM011",
                path,
                f"In '{path or 'de front matter'}' staat een onzichtbaar teken: {describe(match.group())}.",
                "Verwijder het teken; typ de waarde zo nodig opnieuw.",
            )
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else "?"
            yield from value_problems(key, lines, shown, path)
            yield from value_problems(value, lines, shown, f"{path}.{name}" if path else str(name))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from value_problems(item, lines, shown, f"{path}[{index}]")


def body_character_problems(body: str, first_line: int, shown: str) -> list[Problem]:
    """FM011 for the first forbidden character on each body line (see :data:`FORBIDDEN_IN_BODY`)."""
    if not FORBIDDEN_IN_BODY.search(body):
        return []
    problems = []
    for offset, line in enumerate(body.split("\n")):
        match = FORBIDDEN_IN_BODY.search(line)
        if match:
            problems.append(
                Problem(
                    shown,
                    first_line + offset,
                    match.start() + 1,
                    "FM011",
                    "body",
                    f"In de hoofdtekst staat een onzichtbaar teken: {describe(match.group())}.",
                    "Verwijder het teken; typ de regel zo nodig opnieuw.",
                )
            )
    return problems
