"""Loading a whole project: vocabularies, schemas and every entry of every collection."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .collections import COLLECTIONS, Collection
from .loader import Entry, read_entry
from .problems import Problem
from .vocabularies import Vocabularies, VocabularyError, load_vocabularies

VOCABULARIES_FILE = "vocabularies.yml"
SCHEMAS_DIR = "schemas"


class ConfigError(Exception):
    """Raised when the project itself (not an entry) cannot be read; the message is Dutch."""


@dataclass
class Project:
    """Everything the validator and the generator need, as plain data.

    Attributes:
        root: the project root (the folder with ``vocabularies.yml``).
        vocabularies: the controlled vocabularies.
        entries: every entry that could be read, in collection then file-name order.
        problems: problems found while reading files (framing, YAML, file names).
    """

    root: Path
    vocabularies: Vocabularies
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def by_collection(self, collection: Collection) -> list[Entry]:
        """Entries of one collection, in file-name order."""
        return [e for e in self.entries if e.collection is collection]


def entry_files(root: Path, collection: Collection) -> list[Path]:
    """Markdown files of a collection, sorted; files starting with ``_`` and README.md are skipped."""
    folder = root / collection.folder
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.md") if not p.name.startswith("_") and p.name.lower() != "readme.md")


def load_project(root: Path) -> Project:
    """Read vocabularies and every entry under ``root``.

    Args:
        root: the project root.

    Returns:
        The project; entries that could not be read are absent and their problems listed.

    Raises:
        ConfigError: ``vocabularies.yml`` is missing or malformed, or no collection folder exists.
    """
    root = root.resolve()
    try:
        vocabularies = load_vocabularies(root / VOCABULARIES_FILE)
    except VocabularyError as exc:
        raise ConfigError(str(exc)) from None
    if not any((root / c.folder).is_dir() for c in COLLECTIONS):
        raise ConfigError(f"{root}: geen van de mappen {', '.join(c.folder for c in COLLECTIONS)} gevonden. "
                          "Start het commando in de map van de kennisbank of geef --root op.")
    project = Project(root=root, vocabularies=vocabularies)
    for collection in COLLECTIONS:
        for path in entry_files(root, collection):
            entry, problems = read_entry(path, root, collection)
            project.problems.extend(problems)
            if entry is not None:
                project.entries.append(entry)
    return project
