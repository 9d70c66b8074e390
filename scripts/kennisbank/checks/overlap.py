"""Shared word runs between entries and reference texts, to find copied or lightly edited sentences.

The content rule (issue 13; docs/bijdragen, "Regels voor de inhoud"): no entry may share a
run of ten or more consecutive words with a source text. Words are compared case-insensitively,
web addresses are left out, and a typographic apostrophe counts as a plain one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_URL_RE = re.compile(r"(https?://\S+|www\.\S+)")
_WORD_RE = re.compile(r"[a-z0-9à-ÿ']+")

#: Reference files that describe a collection instead of holding a source text.
SKIPPED_NAMES = frozenset({"README.md"})


@dataclass(frozen=True)
class SharedRun:
    """The longest run of words an entry shares with one reference text.

    Attributes:
        length: number of words in the run.
        reference: name of the reference file (``bron.md``).
        words: the run itself, lower case, words separated by one space.
    """

    length: int
    reference: str
    words: str


def words(text: str) -> list[str]:
    """The words of ``text`` in lower case, without web addresses (``str`` -> ``list[str]``)."""
    return _WORD_RE.findall(_URL_RE.sub(" ", text).lower().replace("\u2019", "'"))


def reference_files(paths: list[Path]) -> list[Path]:
    """Every ``.md`` and ``.txt`` file in ``paths`` (files as given, folders recursively, sorted),
    except the index files in :data:`SKIPPED_NAMES`.

    Raises:
        FileNotFoundError: a path does not exist.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in (".md", ".txt")))
        elif path.is_file():
            found.append(path)
        else:
            raise FileNotFoundError(str(path))
    return [p for p in found if p.name not in SKIPPED_NAMES]


class OverlapIndex:
    """An index of every run of ``minimum`` words in the reference texts.

    Args:
        references: file name -> full text of each reference.
        minimum: the shortest run that counts (at least 2).
    """

    def __init__(self, references: dict[str, str], minimum: int = 8) -> None:
        if minimum < 2:
            raise ValueError("minimum moet minstens 2 zijn")
        self._minimum = minimum
        self._refs = {name: words(text) for name, text in references.items()}
        self._index: dict[tuple[str, ...], list[tuple[str, int]]] = {}
        for name, ref in self._refs.items():
            for i in range(len(ref) - minimum + 1):
                self._index.setdefault(tuple(ref[i : i + minimum]), []).append((name, i))

    def longest(self, text: str) -> SharedRun | None:
        """The longest run of at least ``minimum`` words that ``text`` shares with a reference,
        or None; on a tie, the first one found in ``text``."""
        own = words(text)
        best: SharedRun | None = None
        for i in range(len(own) - self._minimum + 1):
            for name, j in self._index.get(tuple(own[i : i + self._minimum]), ()):
                ref, k = self._refs[name], self._minimum
                while i + k < len(own) and j + k < len(ref) and own[i + k] == ref[j + k]:
                    k += 1
                if best is None or k > best.length:
                    best = SharedRun(k, name, " ".join(own[i : i + k]))
        return best


__all__ = ["SKIPPED_NAMES", "OverlapIndex", "SharedRun", "reference_files", "words"]
