"""Reading one entry file strictly: framing, YAML, key lines, body.

The loader never guesses. A file whose front matter is not framed exactly, whose YAML
has duplicate keys, anchors or aliases, or which is not a mapping, yields problems and
no entry, so a broken file can never reach the site half-read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from slugify import slugify

from kennisbank.content import hygiene
from kennisbank.content.collections import Collection
from kennisbank.checks.problems import Problem
from kennisbank.content.yamlio import Loader

#: Largest front matter accepted, in bytes. The biggest real entry is about 1.5 KB;
#: the cap stops a file from hiding a large (or exploding) document in its metadata.
MAX_FRONT_MATTER_BYTES = 32 * 1024

#: File names must already be URL slugs, so a URL is never percent-encoded.
SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # used with fullmatch: '$' would allow a final newline

#: What Python-Markdown's meta extension (used by MkDocs) takes as a metadata line.
_META_LINE_RE = re.compile(r"^[A-Za-z0-9_-]+:\s")

_FENCE = "---"
_CLOSE_RE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_SECOND_FENCE_RE = re.compile(r"(?:[ \t]*\n)*(---)[ \t]*(?:\n|$)")


@dataclass
class Entry:
    """One loaded entry: plain data between loading, validating and rendering.

    Attributes:
        collection: the collection the file belongs to.
        path: file path relative to the project root, POSIX style (``practices/x.md``).
        slug: URL slug, the file name without ``.md``.
        meta: the front matter as a dict (dates stay ISO strings).
        body: the Markdown body after the closing ``---``.
        body_line: 1-based file line on which the body starts.
        key_lines: 1-based file line of each top-level front-matter key.
        root_node: the composed YAML node of the front matter, for pointing at values.
    """

    collection: Collection
    path: str
    slug: str
    meta: dict[str, Any]
    body: str
    body_line: int
    key_lines: dict[str, int]
    root_node: yaml.MappingNode | None = field(default=None, repr=False)

    @property
    def id(self) -> str:
        """The entry's id, or '' when missing or not a string."""
        value = self.meta.get("id")
        return value if isinstance(value, str) else ""

    @property
    def title(self) -> str:
        """The entry's title, or its slug when the title is missing."""
        value = self.meta.get("title")
        return value if isinstance(value, str) else self.slug

    def node_at(self, path: tuple[Any, ...]) -> yaml.Node | None:
        """Return the YAML node at a JSON path such as ``("tags", 0)``, or None."""
        node: yaml.Node | None = self.root_node
        for step in path:
            if isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if _same_key(k, step)), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
                node = node.value[step]
            else:
                return None
        return node

    def key_node(self, path: tuple[Any, ...], key: Any) -> yaml.Node | None:
        """Return the YAML node of the key ``key`` in the mapping at ``path``, or None."""
        node = self.node_at(path)
        if isinstance(node, yaml.MappingNode):
            return next((k for k, _ in node.value if _same_key(k, key)), None)
        return None

    def line_of(self, path: tuple[Any, ...]) -> int:
        """1-based file line of the value at ``path``; the key's line, or 1, as fallback."""
        node = self.node_at(path)
        if node is not None:
            return node.start_mark.line + 2
        if path and isinstance(path[0], str) and path[0] in self.key_lines:
            return self.key_lines[path[0]]
        return 1


def _same_key(node: yaml.Node, key: Any) -> bool:
    """Whether a key node stands for ``key``; keys YAML reads as a number, yes/no or null included."""
    if not isinstance(node, yaml.ScalarNode):
        return False
    if isinstance(key, str):
        return node.value == key
    loaded = yaml.load(node.value, Loader=Loader)  # noqa: S506 - safe loader; only for the rare non-text key
    return type(loaded) is type(key) and loaded == key


def suggest_slug(stem: str) -> str:
    """Return the ASCII kebab-case slug for a file stem (``überblick é`` -> ``uberblick-e``)."""
    return slugify(stem) or "item"


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
        problems.append(Problem(
            shown, 0, 1, "FILE001", "",
            f"De bestandsnaam '{stem}.md' is geen nette slug voor een webadres.",
            f"Hernoem het bestand naar '{suggest_slug(stem)}.md'.",
        ))
    if text.startswith("\ufeff"):
        problems.append(Problem(shown, 1, 1, "FM002", "", "Het bestand begint met een onzichtbaar BOM-teken vóór '---'."))
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    # Framing works on offsets rather than a list of every line: bodies are long.
    first_end = text.find("\n")
    first_line = text if first_end < 0 else text[:first_end]
    if first_line.rstrip() != _FENCE:
        if _META_LINE_RE.match(first_line):
            message = (f"Regel 1 ('{first_line[:40]}') ziet eruit als een veld, maar de front matter begint niet met '---'. "
                       "MkDocs zou zulke regels stil als metadata opvatten en van de pagina laten verdwijnen.")
        else:
            message = "Het bestand begint niet met '---' op regel 1; de front matter ontbreekt."
        problems.append(Problem(shown, 1, 1, "FM001", "", message))
        return None, problems
    closing = _CLOSE_RE.search(text, first_end + 1) if first_end >= 0 else None
    if closing is None:
        problems.append(Problem(shown, 1, 1, "FM003", "", "De front matter die op regel 1 begint, wordt nergens met '---' afgesloten."))
        return None, problems
    close = text.count("\n", 0, closing.start())  # 0-based line of the closing fence

    yaml_text = text[first_end + 1:max(closing.start() - 1, first_end + 1)]
    if len(yaml_text.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        problems.append(Problem(shown, 2, 1, "FM008", "",
                                f"De front matter is groter dan {MAX_FRONT_MATTER_BYTES // 1024} KB."))
        return None, problems
    if "&" in yaml_text or "*" in yaml_text or "!" in yaml_text:  # cheap pre-check; scanning only when needed
        token_problems = _token_problems(yaml_text, shown)
        if token_problems:
            return None, problems + token_problems
    hard_spaces = hygiene.nbsp_problems(yaml_text, shown)
    if hard_spaces:
        return None, problems + hard_spaces

    loader = Loader(yaml_text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            problems.append(_syntax_problem(exc, shown, text.split("\n")))
            return None, problems
        if node is None:
            node = yaml.MappingNode("tag:yaml.org,2002:map", [])
        if not isinstance(node, yaml.MappingNode):
            problems.append(Problem(shown, node.start_mark.line + 2, 1, "FM004", "",
                                    "De front matter is geen reeks velden ('veld: waarde') maar een "
                                    + ("lijst." if isinstance(node, yaml.SequenceNode) else "losse waarde.")))
            return None, problems
        duplicates = list(_duplicate_keys(node, shown))
        if duplicates:
            return None, problems + duplicates
        if "\\" in yaml_text or hygiene.FORBIDDEN.search(yaml_text):  # escapes such as "\v" included
            invisible = list(hygiene.value_problems(node, text.split("\n"), shown))
            if invisible:
                return None, problems + invisible
        cut = hygiene.comment_cut_problems(yaml_text, shown)
        if cut:
            return None, problems + cut
        meta = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:  # e.g. a list used as a field name
        problems.append(_constructor_problem(exc, shown))
        return None, problems
    except yaml.YAMLError as exc:  # e.g. a control character (ReaderError, no mark)
        problems.append(_reader_problem(exc, yaml_text, shown))
        return None, problems
    finally:
        loader.dispose()

    key_lines = {k.value: k.start_mark.line + 2 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
    body = text[closing.end() + 1:]
    problems.extend(_second_block(body, close + 2, shown))
    problems.extend(hygiene.body_character_problems(body, close + 2, shown))
    entry = Entry(
        collection=collection, path=shown, slug=stem, meta=meta,
        body=body, body_line=close + 2, key_lines=key_lines, root_node=node,
    )
    return entry, problems


#: libyaml's (English) problem texts, in Dutch. Unknown texts get a general Dutch message,
#: so a contributor never sees the parser's English.
_YAML_PROBLEMS = (
    ("did not find expected key", "YAML verwachtte hier een nieuw veld ('veld: waarde'); vaak klopt de inspringing niet"),
    ("did not find expected '-' indicator", "in de lijst verwachtte YAML hier een regel die met '- ' begint"),
    ("did not find expected ',' or ']'", "een lijst tussen [ en ] wordt niet goed afgesloten"),
    ("did not find expected ',' or '}'", "een groep tussen { en } wordt niet goed afgesloten"),
    ("found character that cannot start any token", "een waarde begint met een teken dat YAML niet toestaat, zoals @, ` of %"),
    ("found unexpected end of stream", "de front matter houdt midden in een waarde op"),
    ("found unknown escape character", "na een \\ binnen aanhalingstekens staat een teken dat YAML niet kent"),
    ("could not find expected ':'", "na een veldnaam ontbreekt de dubbele punt"),
    ("did not find expected node content", "hier ontbreekt een waarde"),
    ("block sequence entries are not allowed", "een regel met '- ' staat op een plek waar geen lijst kan beginnen"),
    ("found undefined tag handle", "een label dat met ! begint, is niet toegestaan"),
)


def _dutch_problem(problem: str) -> str:
    for english, dutch in _YAML_PROBLEMS:
        if english in problem:
            return dutch
    return "de opmaak klopt hier niet"


_QUOTED_VALUE_RE = re.compile(r"^\s*(?:-\s+)?(?:([^\s:#\"'][^:#]*?):\s+)?([\"'])")


def _unclosed_quote(lines: list[str], last: int) -> tuple[int, int, str, str] | None:
    """First front-matter line up to file line ``last`` whose quoted value is never closed.

    Returns ``(line, column, key, quote)`` (1-based), or None. Only asked after YAML failed,
    so a quoted value that legitimately spans lines cannot cause a false report.
    """
    for index in range(1, min(last, len(lines))):
        match = _QUOTED_VALUE_RE.match(lines[index])
        if not match:
            continue
        quote, rest = match.group(2), lines[index][match.end():]
        count = len(re.findall(r'(?<!\\)"', rest)) if quote == '"' else rest.count("'")
        if count % 2 == 0:  # the closing quote is missing ('' inside single quotes counts double)
            return index + 1, match.start(2) + 1, (match.group(1) or "").strip(), quote
    return None


def _syntax_problem(exc: yaml.MarkedYAMLError, shown: str, lines: list[str]) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = (mark.line + 2) if mark else 2
    col = (mark.column + 1) if mark else 1
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    problem = (exc.problem or "").strip()
    if "mapping values are not allowed" in problem:
        key, _, value = source_line.partition(":")
        key = key.strip().lstrip("-").strip()
        value = value.strip().replace('"', '\\"')
        return Problem(
            shown, line, col, "FM005", key,
            f"In de waarde van '{key}' staat een dubbele punt gevolgd door een spatie; YAML leest dat als een nieuw veld.",
            f"Zet de waarde tussen aanhalingstekens: {key}: \"{value}\"",
        )
    if "found character '\\t'" in problem or "\t" in source_line:
        return Problem(shown, line, col, "FM005", "", "Er staat een tab in de front matter; YAML staat alleen spaties toe.",
                       "Vervang de tab door spaties.")
    unclosed = _unclosed_quote(lines, line)
    if unclosed:
        q_line, q_col, key, quote = unclosed
        where = f"van '{key}' " if key else ""
        return Problem(shown, q_line, q_col, "FM005", key,
                       f"De waarde {where}begint met een aanhalingsteken ({quote}) dat op deze regel niet wordt gesloten.",
                       f"Zet aan het eind van de waarde hetzelfde aanhalingsteken: {key + ': ' if key else ''}{quote}...{quote}")
    return Problem(shown, line, col, "FM005", "",
                   f"De YAML kan niet gelezen worden op regel {line} ({_dutch_problem(problem)}): '{source_line.strip()[:60]}'.",
                   "Controleer inspringing, aanhalingstekens en dubbele punten op deze regel en de regel ervoor.")


def _constructor_problem(exc: yaml.MarkedYAMLError, shown: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = (mark.line + 2) if mark else 2
    if "unhashable" in (exc.problem or ""):
        return Problem(shown, line, 1, "FM005", "", "Een veldnaam is een lijst of een groep; een veldnaam moet gewone tekst zijn.",
                       "Schrijf het veld als 'veld: waarde'.")
    return Problem(shown, line, 1, "FM005", "", f"De YAML kan niet gelezen worden op regel {line}.",
                   "Controleer de opmaak van deze regel.")


def _reader_problem(exc: yaml.YAMLError, yaml_text: str, shown: str) -> Problem:
    position = getattr(exc, "position", None)
    character = getattr(exc, "character", None)
    line = yaml_text[:position].count("\n") + 2 if isinstance(position, int) else 2
    if isinstance(character, int):
        character = chr(character)
    name = hygiene.describe(character) if isinstance(character, str) and len(character) == 1 else "stuurteken"
    column = 1
    if isinstance(position, int):
        column = position - (yaml_text.rfind("\n", 0, position) + 1) + 1
    return Problem(shown, line, column, "FM011", "", f"In de front matter staat een onzichtbaar teken: {name}.",
                   "Verwijder het teken; typ de regel zo nodig opnieuw.")


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
                found.append(Problem(shown, line, token.start_mark.column + 1, "FM005", "",
                                     f"Het YAML-label '{label}' is niet toegestaan.",
                                     "Haal het label weg; staat er gewone tekst die met ! begint, zet die dan tussen aanhalingstekens."))
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


def _duplicate_keys(node: yaml.Node, shown: str, prefix: str = ""):
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key)
            line = key.start_mark.line + 2
            if name in seen:
                yield Problem(shown, line, key.start_mark.column + 1, "FM006", prefix + str(name),
                              f"Het veld '{prefix}{name}' staat er twee keer in: op regel {seen[name]} en op regel {line}.")
            else:
                seen[name] = line
            yield from _duplicate_keys(value, shown, f"{prefix}{name}.")
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _duplicate_keys(item, shown, f"{prefix.rstrip('.')}[{index}].")


def _second_block(body: str, first_line: int, shown: str) -> list[Problem]:
    """Flag a second ``---`` block right after the front matter: its text would vanish."""
    match = _SECOND_FENCE_RE.match(body)
    if not match:
        return []
    return [Problem(shown, first_line + body.count("\n", 0, match.start(1)), 1, "FM010", "",
                    "Na de front matter begint een tweede blok met '---'; die tekst zou niet goed op de site komen.")]
