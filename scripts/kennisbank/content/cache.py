"""A result cache on disk: per-file results keyed by content, in ``.cache/kennisbank/``.

One JSON file per kind of result (``validate.json``, ``pages.json``) holds a header and a
mapping of key -> record. A key is the SHA-256 of a *salt* and the inputs of one result;
the salt (:func:`environment_digest`) covers everything a result may depend on besides
those inputs: this package's own source, the installed libraries, ``schemas/``,
``vocabularies.yml``, ``mkdocs.yml`` and the environment variables it reads. A file
whose header does not match (another format, another salt), that is not valid JSON, or
whose records have the wrong shape is ignored and rebuilt; it is never trusted, and a
debug note (logger ``kennisbank.cache``) is all that is said about it.

Standard library only: ``hashlib`` for the keys and ``json`` for the files. Not pickle:
a cache file is input like any other, and unpickling a crafted file runs code. Writes
are atomic (a temporary file in the same folder, then ``os.replace``), so a reader never
sees half a file, and the last of two concurrent writers wins with a consistent file.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

CACHE_DIR = Path(".cache") / "kennisbank"

#: Bumped when the layout of a record changes.
FORMAT = 2

_PACKAGE = Path(__file__).resolve().parent.parent
_ENV_TAG = re.compile(r"!ENV\s*\[?\s*([A-Za-z_][A-Za-z0-9_]*)")

log = logging.getLogger("kennisbank.cache")


def digest(*parts: str | bytes) -> str:
    """SHA-256 (hex) of ``parts``, each length-prefixed so that no two splits collide."""
    sha = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        sha.update(len(data).to_bytes(8, "big"))
        sha.update(data)
    return sha.hexdigest()


def _files_digest(paths: list[Path], base: Path) -> list[str | bytes]:
    parts: list[str | bytes] = []
    for path in sorted(paths):
        parts.append(path.relative_to(base).as_posix())
        parts.append(path.read_bytes() if path.is_file() else b"")
    return parts


def environment_digest(root: Path, extra: str = "") -> str:
    """Digest of everything outside an entry file that a per-file result may depend on.

    Args:
        root: the project root.
        extra: further settings of the caller (for example the plugin's options as JSON).

    Returns:
        A hex digest; it changes when the package's source, an installed library, a schema,
        ``vocabularies.yml``, ``mkdocs.yml`` or an environment variable it names changes.
    """
    parts: list[str | bytes] = [str(FORMAT), extra]
    parts += _files_digest(list(_PACKAGE.rglob("*.py")), _PACKAGE)
    parts += sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    schemas = root / "schemas"
    parts += _files_digest(list(schemas.glob("*.json")) if schemas.is_dir() else [], root)
    parts += _files_digest([root / "vocabularies.yml", root / "mkdocs.yml"], root)
    config = root / "mkdocs.yml"
    names = (
        sorted(set(_ENV_TAG.findall(config.read_text(encoding="utf-8", errors="replace")))) if config.is_file() else []
    )
    parts += [f"{name}={os.environ.get(name, '')}" for name in names]
    return digest(*parts)


class ResultCache:
    """Records of one kind, read once and written back atomically by :meth:`save`.

    Args:
        root: the project root (the cache lives in ``root/.cache/kennisbank``).
        kind: the file name without ``.json`` (``validate``, ``pages``).
        salt: :func:`environment_digest` (or a digest that includes it).
        enabled: False for ``--no-cache``: nothing is read or written.
    """

    def __init__(self, root: Path, kind: str, salt: str, enabled: bool = True) -> None:
        self.path = root / CACHE_DIR / f"{kind}.json"
        self.salt = salt
        self.enabled = enabled
        self.hits = 0
        self.misses = 0
        self._old: dict[str, Any] = self._read() if enabled else {}
        self._new: dict[str, Any] = {}

    def key(self, *parts: str | bytes) -> str:
        """The key of a result computed from ``parts`` (the salt is added)."""
        return digest(self.salt, *parts)

    def get(self, key: str) -> Any:
        """The record stored under ``key``, or None. A record returned is kept on :meth:`save`."""
        record = self._new.get(key, self._old.get(key)) if self.enabled else None
        if record is None:
            self.misses += 1
            return None
        self.hits += 1
        self._new[key] = record
        return record

    def put(self, key: str, record: Any) -> None:
        """Store ``record`` (JSON-ready data) under ``key``."""
        if self.enabled:
            self._new[key] = record

    def discard(self, key: str) -> None:
        """Forget a record that turned out unusable (wrong shape)."""
        self._new.pop(key, None)
        self._old.pop(key, None)
        self.misses += 1  # so that save() writes the file without it
        log.debug("cache %s: record %s ignored (wrong shape)", self.path.name, key[:12])

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.debug("cache %s ignored: %s", self.path, exc)
            return {}
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("salt") != self.salt:
            log.debug("cache %s ignored: another format or version", self.path)
            return {}
        records = data.get("records")
        return records if isinstance(records, dict) else {}

    def save(self) -> None:
        """Write the records used or added in this run (others are dropped), atomically.

        A folder that cannot be written to is not an error: the cache is only an aid.
        """
        if not self.enabled or (not self.misses and self._new.keys() == self._old.keys()):
            return
        data = {"format": FORMAT, "salt": self.salt, "records": self._new}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        except OSError as exc:
            log.debug("cache %s not written: %s", self.path, exc)
            return
        try:
            # json.dumps, not json.dump: dump streams through the pure-Python encoder, which
            # took 80 % of a warm kb validate after one edit at N = 5000 (cProfile).
            text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, self.path)
        except (OSError, ValueError) as exc:
            log.debug("cache %s not written: %s", self.path, exc)
            Path(temporary).unlink(missing_ok=True)
