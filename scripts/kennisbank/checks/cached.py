"""Validation that reuses earlier per-file results from the result cache.

What is cached, per entry file, under the key (salt, ``"entry"``, path, collection, file
bytes): the problems found while reading it, the problems of :func:`validate_entry` (the
checks of one entry on its own), and the line of each top-level value and list item.
The salt (:func:`kennisbank.content.cache.environment_digest`) covers the schemas,
``vocabularies.yml``, ``mkdocs.yml`` (the Markdown renderer), the installed libraries and
this package's source, so every input of those results is in the key.

What is never cached: the entry's front matter and body (they are read from the file
again on every run, with the same C YAML loader, so a cache file cannot put content on
the site), and every check across entries (ids, links, aliases, addresses, backlinks),
which :func:`~kennisbank.checks.validate.validate_project` recomputes from the entries of
this run. The pages in ``docs/`` are cached as one result keyed by all their bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from kennisbank.checks.docs_pages import docs_page_problems
from kennisbank.checks.html_safety import sanitize
from kennisbank.checks.problems import Problem
from kennisbank.checks.validate import LazyRenderer, validate_entry
from kennisbank.content.cache import ResultCache
from kennisbank.content.collections import Collection
from kennisbank.content.entry import Entry
from kennisbank.content.framing import frame
from kennisbank.content.loader import read_entry
from kennisbank.content.schemas import SchemaSet
from kennisbank.content.vocabularies import Vocabularies
from kennisbank.content.yamlio import Loader

#: What a record that does not have the expected shape raises while being read.
_BAD_RECORD = (KeyError, TypeError, ValueError, IndexError, AttributeError, yaml.YAMLError)


def problem_record(problem: Problem) -> list[object]:
    """A problem as a JSON list ``[path, line, col, code, field, message, hint]``."""
    return [problem.path, problem.line, problem.col, problem.code, problem.field, problem.message, problem.hint]


def problem_from(record: Any) -> Problem:
    """The inverse of :func:`problem_record`. Raises ValueError for any other shape."""
    types = (str, int, int, str, str, str, str)
    if not isinstance(record, list) or len(record) != len(types):
        raise ValueError("problem record")
    if not all(type(value) is kind for value, kind in zip(record, types, strict=True)):
        raise ValueError("problem record")
    return Problem(*record)


class CachedChecker:
    """Reader and per-entry check for :func:`load_project` and :func:`validate_project`.

    Args:
        store: the ``validate`` cache (disabled for ``--no-cache``).
        renderer: the project's Markdown renderer, built only when a result is missing.
    """

    def __init__(self, store: ResultCache, renderer: LazyRenderer) -> None:
        self.store = store
        self.renderer = renderer
        # Both set once the project is loaded (before the first call of entry_problems).
        self.schemas: SchemaSet | None = None
        self.vocabularies: Vocabularies | None = None
        self._known: dict[str, list[Problem]] = {}
        self._pending: dict[str, tuple[str, list[Problem]]] = {}

    def read(self, path: Path, root: Path, collection: Collection) -> tuple[Entry | None, list[Problem]]:
        """Like :func:`read_entry`, with the entry's own problems taken from the cache on a hit."""
        shown = path.relative_to(root).as_posix()
        try:
            raw = path.read_bytes()
        except OSError:
            return read_entry(path, root, collection)
        key = self.store.key("entry", shown, collection.name, raw)
        record = self.store.get(key)
        if record is not None:
            try:
                return self._rebuild(record, raw, shown, path.stem, collection)
            except _BAD_RECORD:
                self.store.discard(key)
        entry, problems = read_entry(path, root, collection)
        if entry is None:
            self.store.put(key, {"load": [problem_record(p) for p in problems], "entry": None, "checks": []})
        else:
            self._pending[shown] = (key, problems)
        return entry, problems

    def _rebuild(
        self, record: Any, raw: bytes, shown: str, stem: str, collection: Collection
    ) -> tuple[Entry | None, list[Problem]]:
        load = [problem_from(p) for p in record["load"]]
        checks = [problem_from(p) for p in record["checks"]]
        data = record["entry"]
        if data is None:
            return None, load
        framed, _ = frame(raw.decode("utf-8"), shown)
        if framed is None:
            raise ValueError("the file no longer frames")  # cannot happen for the same bytes
        meta = yaml.load(framed.yaml_text, Loader=Loader) or {}  # noqa: S506 - the safe C loader
        lines: dict[tuple[Any, ...], int] = {}
        for key, found in data["lines"].items():  # key -> [line of the value, line of each item]
            if type(found) is not list or not found or not all(type(line) is int for line in found):
                raise ValueError("line record")
            lines[(key,)] = found[0]
            lines.update(((key, index), line) for index, line in enumerate(found[1:]))
        key_lines = {str(k): int(v) for k, v in data["key_lines"].items()}
        if not isinstance(meta, dict):
            raise ValueError("front matter")
        entry = Entry(collection, shown, stem, meta, framed.body, framed.body_line, key_lines, None, lines)
        self._known[shown] = checks
        return entry, load

    def entry_problems(self, entry: Entry) -> list[Problem]:
        """:func:`validate_entry` of ``entry``, from the cache when its file was found there."""
        if entry.path in self._known:
            return self._known.pop(entry.path)
        assert self.vocabularies is not None and self.schemas is not None, "set after loading the project"
        problems = validate_entry(entry, self.schemas, self.vocabularies, self.renderer.get())
        if entry.path in self._pending:
            key, load = self._pending.pop(entry.path)
            # Per key the line of its value, then of each list item: the compact form, as
            # reading this cache is a fifth of a warm run's own work at N = 5000.
            compact: dict[str, list[int]] = {}
            for name, _, line in entry.top_lines():  # the value first, then the items in order
                compact.setdefault(name, []).append(line)
            data = {"key_lines": entry.key_lines, "lines": compact}
            self.store.put(
                key,
                {
                    "load": [problem_record(p) for p in load],
                    "entry": data,
                    "checks": [problem_record(p) for p in problems],
                },
            )
        return problems

    def docs_problems(self, root: Path) -> list[Problem]:
        """The problems of the pages in ``docs/``, cached as one result keyed by their bytes."""
        assert self.vocabularies is not None, "set vocabularies after loading the project"
        docs = root / "docs"
        parts: list[str | bytes] = ["docs"]
        for path in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
            parts += [path.relative_to(root).as_posix(), _bytes_or_marker(path)]
        key = self.store.key(*parts)
        record = self.store.get(key)
        if record is not None:
            try:
                return [problem_from(p) for p in record]
            except _BAD_RECORD:
                self.store.discard(key)
        problems = docs_page_problems(root, self.renderer.get(), self.vocabularies.functional_mailboxes)
        self.store.put(key, [problem_record(p) for p in problems])
        return problems


def _bytes_or_marker(path: Path) -> bytes:
    """The file's bytes, or a marker no file's bytes can equal in length-prefixed hashing context."""
    try:
        return b"" if path.is_symlink() else b"F" + path.read_bytes()
    except OSError:
        return b"unreadable"


def sanitized(html: str, store: ResultCache) -> str:
    """:func:`~kennisbank.checks.html_safety.sanitize` of a page, from the cache when this
    very HTML was sanitized before.

    The key is the salt (this package, so the allowlist, and the installed nh3) plus the
    page's HTML; the record is the sanitized HTML. nh3 reserializes what it keeps, so the
    output rarely equals the input and the result itself must be stored. Like the cached
    entry pages, a record is trusted as far as the folder it lives in. Sanitizing every entry
    page again took about 1 CPU-s of a warm build at N = 1000 (``make bench``).

    Args:
        html: the page's HTML as MkDocs rendered it.
        store: the ``sanitized`` cache (disabled for ``--no-cache``).

    Returns:
        The sanitized HTML.
    """
    key = store.key("sanitized", html)
    record = store.get(key)
    if isinstance(record, str):
        return record
    if record is not None:
        store.discard(key)
    clean = sanitize(html)
    store.put(key, clean)
    return clean
