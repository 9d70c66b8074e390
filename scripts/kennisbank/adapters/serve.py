"""Fast live preview: generated files backed by files on disk that change only when their
content does, so ``mkdocs serve --dirty`` rebuilds only the pages an edit affects.

MkDocs' dirty build (``--dirty``) skips a page whose source file is older than its built
page (``File.is_modified``). A file made with ``File.generated(content=…)`` has no source
file and counts as modified on every build; one made with ``abs_src_path`` is judged by
that file's modification time. :func:`backing_file` writes each generated file into
``.cache/kennisbank/serve/`` and leaves it untouched when its content is the same, so
after saving one entry MkDocs rebuilds that entry's page and the pages that show it
(overviews, facet pages, the pages linking to it), and nothing else. The rest of the
work per rebuild (validation, page generation) reuses the result cache.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from kennisbank.content.cache import CACHE_DIR
from kennisbank.site.urls import UnsafePathError, output_path

#: Where the generated files of a live preview are kept (under the project root).
SERVE_DIR = CACHE_DIR / "serve"


def backing_file(root: Path, path: str, content: str | bytes) -> str:
    """Write ``content`` to the serve folder under ``root`` unless the file holds it already.

    Args:
        root: the project root.
        path: the generated file's site path (checked by ``output_path``: never outside the folder).
        content: the file's text or bytes.

    Returns:
        The file's absolute path, for ``File.generated(abs_src_path=…)``.

    Raises:
        UnsafePathError: ``path`` would leave the folder.
        OSError: the file cannot be written.
    """
    target = output_path(root / SERVE_DIR, path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        unchanged = target.read_bytes() == data
    except OSError:
        unchanged = False
    if not unchanged:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_bytes(data)
        temporary.replace(target)  # atomic: MkDocs never reads half a page
    return str(target)


def generated_file(config: MkDocsConfig, path: str, content: str | bytes, backed: Path | None) -> File:
    """A generated MkDocs file: in memory, or with ``backed`` (the project root) backed by
    :func:`backing_file`. Raises PluginError when the backing file cannot be written."""
    if backed is None:
        return File.generated(config, path, content=content)
    try:
        return File.generated(config, path, abs_src_path=backing_file(backed, path, content))
    except (OSError, UnsafePathError) as exc:
        raise PluginError(f"Kan {path} niet klaarzetten voor de voorvertoning: {exc}.") from None


def quiet_dirty_builds() -> None:
    """Drop MkDocs' warning that a build is dirty: it comes with every rebuild under
    ``mkdocs serve --dirty``, and strict mode (``mkdocs.yml``) would turn it into an abort.
    Every other warning still counts."""
    logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_warning)


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    return "'dirty' build" not in record.getMessage()
