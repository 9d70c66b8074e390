"""Reading one entry file strictly: framing, YAML, key lines, body.

The loader never guesses. A file whose front matter is not framed exactly, whose YAML
has duplicate keys, anchors or aliases, or which is not a mapping, yields problems and
no entry, so a broken file can never reach the site half-read. The steps: framing
(:mod:`kennisbank.content.framing`), composing the YAML into nodes and checking them
here, and the Dutch wording of libyaml's errors (:mod:`kennisbank.content.yaml_messages`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from slugify import slugify

from kennisbank.checks.problems import Problem
from kennisbank.content import hygiene
from kennisbank.content.collections import Collection
from kennisbank.content.entry import Entry
from kennisbank.content.framing import frame
from kennisbank.content.yaml_messages import constructor_problem, reader_problem, syntax_problem
from kennisbank.content.yamlio import Loader

#: File names must already be URL slugs, so a URL is never percent-encoded.
SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # used with fullmatch: '$' would allow a final newline
#: A suggested file name has at most this many characters, as the form's (proposal.js
#: slugFor): a title of 120 characters can transliterate into thousands (U+FDFA alone gives
#: 29), more than a file system allows in a name (255 bytes).
SLUG_MAX = 80


def suggest_slug(stem: str) -> str:
    """Return the ASCII kebab-case slug for a file stem (``überblick é`` -> ``uberblick-e``),
    at most :data:`SLUG_MAX` characters, cut without a final ``-``."""
    return slugify(stem, max_length=SLUG_MAX) or "item"


def read_entry(path: Path, root: Path, collection: Collection) -> tuple[Entry | None, list[Problem]]:
    """Read and frame one entry file.

    Args:
        path: the Markdown file.
        root: the project root; problem paths are shown relative to it.
        collection: the collection the file belongs to.

    Returns:
        ``(entry, problems)``. ``entry`` is None when the file cannot be read safely
        (then ``problems`` says why). Problems that do not stop reading, such as a bad
        file name or a byte-order mark, come with an entry.
    """
    shown = path.relative_to(root).as_posix() if path.is_absolute() else path.as_posix()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(shown, 0, 1, "FM009", "", f"Kan het bestand niet lezen: {exc.strerror}.")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(shown, line, 1, "FM009", "", "Het bestand is geen geldige UTF-8-tekst.")]
    return parse_entry(text, shown, path.stem, collection)


def parse_entry(text: str, shown: str, stem: str, collection: Collection) -> tuple[Entry | None, list[Problem]]:
    """Frame and parse the text of one entry file; see :func:`read_entry` for the result."""
    problems: list[Problem] = []
    if not SLUG_RE.fullmatch(stem):
        problems.append(
            Problem(
                shown,
                0,
                1,
                "FILE001",
                "",
                f"De bestandsnaam '{stem}.md' is geen nette slug voor een webadres.",
                f"Hernoem het bestand naar '{suggest_slug(stem)}.md'.",
            )
        )
    framed, frame_problems = frame(text, shown)
    problems.extend(frame_problems)
    if framed is None:
        return None, problems
    node, meta, yaml_problems = compose(framed.yaml_text, framed.text, shown)
    if node is None:
        return None, problems + yaml_problems
    key_lines = {k.value: k.start_mark.line + 2 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
    problems.extend(hygiene.body_character_problems(framed.body, framed.body_line, shown))
    entry = Entry(
        collection=collection,
        path=shown,
        slug=stem,
        meta=meta,
        body=framed.body,
        body_line=framed.body_line,
        key_lines=key_lines,
        root_node=node,
    )
    return entry, problems


def compose(yaml_text: str, text: str, shown: str) -> tuple[yaml.MappingNode | None, dict[str, Any], list[Problem]]:
    """Compose and construct the front matter, refusing what YAML would read wrongly.

    Args:
        yaml_text: the front matter (file line 2 onwards).
        text: the whole file, to quote lines in messages.
        shown: the file path as shown.

    Returns:
        ``(node, meta, problems)``; node is None when the front matter cannot be used.
    """
    pre = _pre_problems(yaml_text, shown)
    if pre:
        return None, {}, pre
    loader = Loader(yaml_text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            return None, {}, [syntax_problem(exc, shown, text.split("\n"))]
        if node is None:
            node = yaml.MappingNode("tag:yaml.org,2002:map", [])
        if not isinstance(node, yaml.MappingNode):
            kind = "lijst." if isinstance(node, yaml.SequenceNode) else "losse waarde."
            message = "De front matter is geen reeks velden ('veld: waarde') maar een " + kind
            return None, {}, [Problem(shown, node.start_mark.line + 2, 1, "FM004", "", message)]
        refused = _node_problems(node, yaml_text, text, shown)
        if refused:
            return None, {}, refused
        meta = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:  # e.g. a list used as a field name
        return None, {}, [constructor_problem(exc, shown)]
    except ValueError:  # an integer longer than Python converts (4300 digits)
        return None, {}, [_long_number_problem(yaml_text, shown)]
    except yaml.YAMLError as exc:  # e.g. a control character (ReaderError, no mark)
        return None, {}, [reader_problem(exc, yaml_text, shown)]
    finally:
        loader.dispose()
    return node, meta, []


def _pre_problems(yaml_text: str, shown: str) -> list[Problem]:
    """Anchors, aliases and tags (scanned only when their characters occur), and hard spaces."""
    if "&" in yaml_text or "*" in yaml_text or "!" in yaml_text:
        token_problems = _token_problems(yaml_text, shown)
        if token_problems:
            return token_problems
    return hygiene.nbsp_problems(yaml_text, shown)


def _node_problems(node: yaml.MappingNode, yaml_text: str, text: str, shown: str) -> list[Problem]:
    """Duplicate keys, invisible characters (escapes such as "\\v" included) and values cut by ``#``."""
    duplicates = list(_duplicate_keys(node, shown))
    if duplicates:
        return duplicates
    if "\\" in yaml_text or hygiene.FORBIDDEN.search(yaml_text):
        invisible = list(hygiene.value_problems(node, text.split("\n"), shown))
        if invisible:
            return invisible
    return hygiene.comment_cut_problems(yaml_text, shown)


def _token_problems(yaml_text: str, shown: str) -> list[Problem]:
    """Anchors and aliases (FM007, one problem per line) and explicit tags such as ``!!python/object`` (FM005)."""
    marks: dict[int, list[str]] = {}
    columns: dict[int, int] = {}
    found: list[Problem] = []
    try:
        for token in yaml.scan(yaml_text, Loader=Loader):
            line = token.start_mark.line + 2
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                sign = "&" if isinstance(token, yaml.AnchorToken) else "*"
                marks.setdefault(line, []).append(sign + token.value)
                columns.setdefault(line, token.start_mark.column + 1)
            elif isinstance(token, yaml.TagToken):
                handle, suffix = token.value
                label = f"{handle or '!<'}{suffix}{'' if handle else '>'}"
                found.append(
                    Problem(
                        shown,
                        line,
                        token.start_mark.column + 1,
                        "FM005",
                        "",
                        f"Het YAML-label '{label}' is niet toegestaan.",
                        "Haal het label weg; staat er gewone tekst die met ! begint, zet die dan tussen aanhalingstekens.",
                    )
                )
    except yaml.YAMLError:
        return []  # the composer reports the syntax error with its line
    for line, names in marks.items():
        if len(names) == 1:
            kind = "anker" if names[0][0] == "&" else "verwijzing"
            message = f"YAML-{kind} '{names[0]}' is niet toegestaan."
        else:
            message = f"YAML-ankers en -verwijzingen ({', '.join(names)}) zijn niet toegestaan."
        found.append(Problem(shown, line, columns[line], "FM007", "", message))
    return sorted(found)


def _long_number_problem(yaml_text: str, shown: str) -> Problem:
    match = re.search(r"\d{1000,}", yaml_text)
    line = yaml_text.count("\n", 0, match.start()) + 2 if match else 2
    return Problem(shown, line, 1, "FM005", "", "Hier staat een getal van duizenden cijfers; zo'n getal kan niet gelezen worden.",
                   "Zet de waarde tussen aanhalingstekens als het tekst is, of haal het getal weg.")  # fmt: skip


def _duplicate_keys(node: yaml.Node, shown: str, prefix: str = "") -> Iterator[Problem]:
    """FM006 for a key written twice; FM007 for a YAML merge key (``<<``), which would fill in
    fields without writing them (and let the explicit value win without a word)."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key)
            line = key.start_mark.line + 2
            if key.tag == "tag:yaml.org,2002:merge":
                yield Problem(shown, line, key.start_mark.column + 1, "FM007", prefix + "<<",
                              "Een samenvoegsleutel '<<' is niet toegestaan.", "Schrijf de velden gewoon uit.")  # fmt: skip
                continue
            if name in seen:
                yield Problem(
                    shown,
                    line,
                    key.start_mark.column + 1,
                    "FM006",
                    prefix + str(name),
                    f"Het veld '{prefix}{name}' staat er twee keer in: op regel {seen[name]} en op regel {line}.",
                )
            else:
                seen[name] = line
            yield from _duplicate_keys(value, shown, f"{prefix}{name}.")
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _duplicate_keys(item, shown, f"{prefix.rstrip('.')}[{index}].")
