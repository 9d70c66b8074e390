"""Rendering a body the way the site does: Python-Markdown with the extensions of ``mkdocs.yml``.

The body checks judge what the site's own renderer makes of a body, not what another
Markdown parser would. The extension list is read from the project's ``mkdocs.yml`` with
MkDocs' own YAML loader and option type (so ``!ENV`` and defaults behave exactly as in a build);
a project without ``mkdocs.yml`` (the test fixtures) uses :data:`DEFAULT_EXTENSIONS`,
which a test keeps equal to the repository's ``mkdocs.yml``.
"""

from __future__ import annotations

import functools
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import markdown

#: The Markdown configuration of the repository's ``mkdocs.yml`` as MkDocs resolves it
#: (MkDocs adds toc, tables and fenced_code itself).
DEFAULT_EXTENSIONS: tuple[str, ...] = (
    "toc",
    "tables",
    "fenced_code",
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "md_in_html",
    "pymdownx.superfences",
    "pymdownx.details",
)
DEFAULT_CONFIGS: dict[str, dict[str, Any]] = {
    "tables": {"use_align_attribute": True},
    "toc": {"permalink": "#", "permalink_title": "Link naar deze kop"},
}


@dataclass
class Rendered:
    """A rendered body.

    Attributes:
        html: the HTML Python-Markdown produced.
        headings: ``(level, text)`` of every heading, in order (from the toc extension).
    """

    html: str
    headings: list[tuple[int, str]] = field(default_factory=list)


def load_mkdocs_config(path: Path) -> Any:
    """``mkdocs.yml`` as MkDocs itself reads it (``!ENV``, defaults, validation).

    Returns the ``MkDocsConfig``. Raises what ``mkdocs.config.load_config`` raises for a
    broken file (``ConfigurationError``, ``OSError``, YAML errors).
    """
    from mkdocs.config import load_config  # lazily: importing MkDocs costs about 0.3 s

    logging.getLogger("mkdocs").disabled = True  # load_config logs in English; errors are raised anyway
    try:
        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
        return load_config(str(path))
    finally:
        logging.getLogger("mkdocs").disabled = False


@functools.lru_cache(maxsize=8)
def markdown_config(config_file: str, mtime: float) -> tuple[tuple[str, ...], dict[str, dict[str, Any]]]:
    """``(extensions, extension configs)`` of ``config_file`` as MkDocs reads them.

    Only ``markdown_extensions`` is read, with MkDocs' own YAML loader (``!ENV``,
    ``INHERIT``) and option type, not with ``load_config``: MkDocs keeps one instance of
    every plugin that has ``on_startup`` and reconfigures it on each ``load_config``, so
    reading ``mkdocs.yml`` during a build of another file (``mkdocs build -f other.yml``)
    would hand the running plugins ``mkdocs.yml``'s settings.

    ``mtime`` is part of the cache key only. Raises ``mkdocs.exceptions.ConfigurationError``
    for invalid YAML or extensions, ``OSError`` for an unreadable file.
    """
    from mkdocs.config import config_options
    from mkdocs.config.base import Config
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import ConfigurationError

    mkdocs_option = cast(config_options.MarkdownExtensions, MkDocsConfig.markdown_extensions)

    class MarkdownSettings(Config):  # type: ignore[no-untyped-call]
        markdown_extensions = config_options.MarkdownExtensions(
            builtins=list(mkdocs_option.builtins), configkey="mdx_configs"
        )
        mdx_configs = config_options.Private[dict[str, dict[str, Any]]]()

    config = MarkdownSettings(config_file_path=config_file)
    with open(config_file, "rb") as file:
        config.load_file(file)
    errors, _ = config.validate()
    if errors:
        raise ConfigurationError("; ".join(f"{key}: {error}" for key, error in errors))
    extensions = tuple(e for e in config.markdown_extensions if isinstance(e, str))
    return extensions, {k: dict(v) for k, v in config.mdx_configs.items()}


def project_config(root: Path) -> tuple[tuple[str, ...], dict[str, dict[str, Any]]]:
    """The Markdown configuration for the project at ``root`` (see the module docstring)."""
    path = root / "mkdocs.yml"
    if path.is_file():
        return markdown_config(str(path), path.stat().st_mtime)
    return DEFAULT_EXTENSIONS, DEFAULT_CONFIGS


class BodyRenderer:
    """One reusable Python-Markdown instance (building one per body would cost more than rendering)."""

    def __init__(
        self, extensions: tuple[str, ...] = DEFAULT_EXTENSIONS, configs: dict[str, dict[str, Any]] | None = None
    ) -> None:
        self._md = markdown.Markdown(
            extensions=list(extensions), extension_configs=DEFAULT_CONFIGS if configs is None else configs
        )

    def render(self, body: str) -> Rendered:
        """Render ``body``.

        Raises:
            RecursionError: the body nests deeper than Python-Markdown can follow; the
                body checks refuse such bodies before rendering (see ``limits``).
        """
        self._md.reset()
        html = self._md.convert(body)
        headings: list[tuple[int, str]] = []
        _flatten(getattr(self._md, "toc_tokens", []), headings)
        return Rendered(html, headings)


def _flatten(tokens: list[dict[str, Any]], out: list[tuple[int, str]]) -> None:
    import html as html_lib

    for token in tokens:
        # The heading as shown ("html"), not "name", which data-toc-label can replace.
        visible = re.sub(r"<[^>]*>", "", str(token.get("html", token["name"])))
        out.append((int(token["level"]), html_lib.unescape(visible).strip()))
        _flatten(token.get("children") or [], out)
