"""One loaded entry: plain data between loading, validating and rendering."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from kennisbank.content.collections import Collection
from kennisbank.content.yamlio import Loader


@dataclass(frozen=True)
class Scalar:
    """How a scalar value was written in the front matter.

    Attributes:
        text: the value as written (``NO``, ``2024``), without quotes.
        kind: what YAML made of it: ``bool``, ``int``, ``float``, ``null``, ``str``, ``timestamp``.
        quoted: whether it was written between quotes.
        line: 1-based file line.
        column: 1-based column.
    """

    text: str
    kind: str
    quoted: bool
    line: int
    column: int


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
        path_lines: 1-based line of the value at ``(key,)`` and ``(key, index)`` for top-level
            keys and list items; :meth:`line_of` uses it when ``root_node`` is None (an
            entry rebuilt from the result cache, see :mod:`kennisbank.checks.cached`).
    """

    collection: Collection
    path: str
    slug: str
    meta: dict[str, Any]
    body: str
    body_line: int
    key_lines: dict[str, int]
    root_node: yaml.MappingNode | None = field(default=None, repr=False)
    path_lines: dict[tuple[Any, ...], int] = field(default_factory=dict, repr=False)

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

    def top_lines(self) -> list[tuple[str, int | None, int]]:
        """``(key, list index or None, line)`` of every top-level value and list item, as
        :meth:`line_of` finds them (what ``path_lines`` holds for a rebuilt entry)."""
        found: list[tuple[str, int | None, int]] = []
        for key, value in self.meta.items():
            if isinstance(key, str):
                found.append((key, None, self.line_of((key,))))
                if isinstance(value, list):
                    found += [(key, index, self.line_of((key, index))) for index in range(len(value))]
        return found

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
        if self.root_node is None and path in self.path_lines:
            return self.path_lines[path]
        if path and isinstance(path[0], str) and path[0] in self.key_lines:
            return self.key_lines[path[0]]
        return 1

    def scalar_at(self, path: tuple[Any, ...]) -> Scalar | None:
        """How the scalar at ``path`` was written, or None when there is none."""
        node = self.node_at(path)
        if not isinstance(node, yaml.ScalarNode):
            return None
        kind = node.tag.rsplit(":", 1)[-1] if node.tag.startswith("tag:yaml.org,2002:") else "str"
        # PyYAML's C loader gives plain (unquoted) scalars the style '' and the Python loader None.
        return Scalar(node.value, kind, bool(node.style), node.start_mark.line + 2, node.start_mark.column + 1)

    def key_text(self, path: tuple[Any, ...], key: Any) -> tuple[str, int] | None:
        """``(key as written, 1-based line)`` of ``key`` in the mapping at ``path``, or None."""
        node = self.key_node(path, key)
        return (node.value, node.start_mark.line + 2) if isinstance(node, yaml.ScalarNode) else None


def _same_key(node: yaml.Node, key: Any) -> bool:
    """Whether a key node stands for ``key``; keys YAML reads as a number, yes/no or null included."""
    if not isinstance(node, yaml.ScalarNode):
        return False
    if isinstance(key, str):
        return bool(node.value == key)
    loaded = yaml.load(node.value, Loader=Loader)  # noqa: S506 - safe loader; only for the rare non-text key
    return bool(type(loaded) is type(key) and loaded == key)
