"""The MkDocs plugin: a thin layer that calls the core and hands its pages to MkDocs.

* ``on_config``: refuse a dangerous ``site_dir``; load and validate; any problem stops
  the build before anything is written.
* ``on_files``: add the generated pages with ``File.generated``; edit links point at the
  real source file (``practices/x.md``), not at a generated page.
* ``on_page_markdown``: HTML-escape the metadata Material prints unescaped; fill the
  repository URL and the editors' e-mail address into hand-written pages (``site.settings``).
* ``on_page_content``: sanitize entry pages again (second line of defence).
* ``on_post_page`` / ``on_post_template``: the Content-Security-Policy meta element.
* ``on_startup``: note ``mkdocs serve --dirty``; then generated files are backed by files
  that change only with their content, so a rebuild redoes only the affected pages
  (:mod:`kennisbank.adapters.serve`), and Pagefind runs on the first build only.
* ``on_serve``: watch the content folders, vocabularies and schemas.
* ``on_post_build``: show the site's CSP on the hosting page; run Pagefind.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from kennisbank.adapters.pipeline import Checked, check, site_files, source_paths
from kennisbank.adapters.search import SearchIndexError, run_pagefind
from kennisbank.adapters.serve import generated_file, quiet_dirty_builds
from kennisbank.adapters.sitedir import MARKER, MARKER_TEXT, site_dir_problem
from kennisbank.checks.allowlists import SAFE_ID
from kennisbank.checks.cached import sanitized
from kennisbank.checks.report import format_problems, summary
from kennisbank.content.cache import ResultCache
from kennisbank.content.collections import COLLECTIONS
from kennisbank.content.project import VOCABULARIES_FILE, ConfigError
from kennisbank.site import csp
from kennisbank.site.manifest import MANIFEST_FILE, missing_urls, read_manifest, url_of
from kennisbank.site.settings import PageSettings, fill, settings_problem, uses_settings
from kennisbank.site.urls import UnsafePathError, output_path

log = get_plugin_logger(__name__)


class IsoDate(c.Type):  # type: ignore[type-arg]
    """A ``YYYY-MM-DD`` date as text (YAML's own date type is accepted too)."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        if isinstance(value, dt.date):
            return value.isoformat()
        try:
            return dt.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise ValidationError(f"'{value}' is geen datum in de vorm JJJJ-MM-DD.") from None


class KennisbankConfig(Config):
    """Plugin settings in ``mkdocs.yml`` (each can come from the environment with ``!ENV``).

    Attributes:
        enabled: turn the plugin off entirely (default: true).
        root: project root, relative to ``mkdocs.yml`` (default: the same folder); must exist.
        pagefind: build the Pagefind search index after the site (default: true).
        manifest: stop when a published URL would disappear (default: true).
        today: ISO date to judge review dates against (default: the build date, or
            ``SOURCE_DATE_EPOCH``).
        repo_url: the source repository, for security.txt and the links on hand-written
            pages ('' for none; see ``site.settings``). Not MkDocs' ``repo_url``: with that,
            Material would call the GitHub API from every page.
        contact: where to report a vulnerability (security.txt ``Contact``); default: the
            repository's security advisories.
        cache: reuse per-file results from ``.cache/kennisbank/`` (default: true; ``kb build
            --no-cache`` sets it to false through ``KB_CACHE``).
    """

    enabled = c.Type(bool, default=True)
    root = c.Dir(exists=True, default=".")
    pagefind = c.Type(bool, default=True)
    manifest = c.Type(bool, default=True)
    today = c.Optional(IsoDate())
    repo_url = c.Type(str, default="")
    contact = c.Type(str, default="")
    cache = c.Type(bool, default=True)


class KennisbankPlugin(BasePlugin[KennisbankConfig]):
    """Turns the practices, dilemmas and instruments collections into pages."""

    def __init__(self) -> None:
        self.checked: Checked | None = None
        self.root = Path(".")
        self.entry_pages: set[str] = set()
        self.hashes: set[str] = set()
        self.csp_pages: list[str] = []
        self.dirty_serve = False  # mkdocs serve --dirty (set in on_startup)
        self.sanitized = ResultCache(self.root, "sanitized", "", enabled=False)  # see on_config
        self.builds = 0

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this object alive across the rebuilds of mkdocs serve.
        self.dirty_serve = command == "serve" and dirty
        if self.dirty_serve:
            quiet_dirty_builds()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:
            return config
        self.root = Path(self.config.root).resolve()
        problem = site_dir_problem(Path(config.site_dir), self.root)
        if problem:  # before MkDocs empties site_dir
            raise PluginError(problem + " De site is niet gebouwd.")
        problem = settings_problem(self.config.repo_url, _contact_email(config))
        if problem:
            raise PluginError(f"Configuratiefout in mkdocs.yml: {problem} De site is niet gebouwd.")
        self.hashes, self.csp_pages = set(), []
        try:
            checked = check(self.root, cache=self.config.cache)
        except ConfigError as exc:
            raise PluginError(f"Configuratiefout: {exc}") from None
        if checked.problems:
            for line in format_problems(checked.problems, "human").splitlines():
                log.error(line)
            raise PluginError(summary(checked.problems, checked.file_count) + " De site is niet gebouwd.")
        self.checked = checked
        self.sanitized = ResultCache(self.root, "sanitized", checked.salt, enabled=self.config.cache)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.checked is None:  # enabled: false
            return files
        sources = source_paths(self.checked.project)
        # Material ships lunr and a search worker for its own search plugin, which Pagefind
        # replaces here; dropping them keeps unused third-party code off the site.
        unused = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")
        for file in [f for f in files if f.src_uri.startswith(unused)]:
            files.remove(file)
        for file in files:
            if not file.generated_by:
                file.edit_uri = f"{Path(config.docs_dir).name}/{file.src_uri}"
        self.entry_pages = set(sources)
        extra: dict[str, Any] = dict(config.extra or {})
        contact_email = str(extra.get("contact_email") or "").strip()
        generated_files = site_files(
            self.checked,
            config.site_url or "",
            self.config.today,
            self.config.repo_url,
            self.config.contact,
            contact_email,
        )
        generated_files[MARKER] = MARKER_TEXT
        for path, content in generated_files.items():
            try:
                output_path(Path(config.site_dir), path)
            except UnsafePathError as exc:
                raise PluginError(f"Interne fout: {exc}. De site is niet gebouwd.") from None
            if files.get_file_from_path(path) is not None:
                raise PluginError(
                    f"docs/{path} bestaat al, maar die pagina wordt gegenereerd. Verwijder of hernoem het bestand."
                )
            backed = self.root if self.dirty_serve and self.config.cache else None
            generated = generated_file(config, path, content, backed)
            generated.edit_uri = sources.get(path)
            if path.startswith(".well-known/") or path == MARKER:
                generated.inclusion = InclusionLevel.INCLUDED  # MkDocs skips dot-folders by default
            files.append(generated)
        if self.config.manifest:
            self._check_manifest(files)
        return files

    def _check_manifest(self, files: Files) -> None:
        """Stop the build when a published URL would disappear (see manifest.py)."""
        available = {u for f in files if not f.inclusion.is_excluded() and (u := url_of(f.dest_uri))}
        gone = missing_urls(read_manifest(self.root / MANIFEST_FILE), available)
        if gone:
            for url in gone:
                log.error(
                    "%s: het adres %s staat in de lijst van gepubliceerde adressen, maar heeft geen pagina "
                    "en geen doorverwijzing meer.",
                    MANIFEST_FILE,
                    url,
                )
            raise PluginError(
                (
                    "1 gepubliceerd adres zou verdwijnen. "
                    if len(gone) == 1
                    else f"{len(gone)} gepubliceerde adressen zouden verdwijnen. "
                )
                + "Zet het oude adres onder "
                "'aliases' in de front matter van het item, zodat het blijft werken. De site is niet gebouwd."
            )

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """HTML-escape title, description and tags of hand-written pages where they enter:
        Material prints ``page.meta.title``, ``page.meta.description`` and tag names
        unescaped (base.html, header.html, tags.html), and Jinja does not autoescape in
        MkDocs. Generated pages carry them escaped already (``site.pages.context``).
        Placeholders of the site settings are filled in first (``site.settings``)."""
        if page.file.generated_by:
            return markdown
        if uses_settings(markdown):
            pages = frozenset(f.url for f in files)
            markdown = fill(markdown, PageSettings(self.config.repo_url, _contact_email(config), pages))
        meta = page.meta
        for key in ("title", "description"):
            if isinstance(meta.get(key), str):
                meta[key] = html.escape(meta[key], quote=True)
        if isinstance(meta.get("tags"), list):
            meta["tags"] = [html.escape(t, quote=True) if isinstance(t, str) else t for t in meta["tags"]]
        return markdown

    def on_page_content(self, content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Sanitize entry pages with the page allowlist: validation already refused what
        this would remove, so normally nothing changes."""
        if page.file.src_uri not in self.entry_pages:
            return content
        # The theme prints heading ids into the sidebar unescaped; validation refuses unsafe ones.
        unsafe = [item.id for item in _toc_items(page.toc) if not SAFE_ID.fullmatch(item.id)]
        if unsafe:
            raise PluginError(f"{page.file.src_uri}: onveilige kop-id {unsafe[0]!r}. De site is niet gebouwd.")
        return sanitized(content, self.sanitized)

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        hashes = self._hashes(output, page.file.src_uri)
        self.hashes |= hashes
        if csp.PLACEHOLDER in output:
            self.csp_pages.append(page.file.dest_uri)
        return csp.with_meta(output, hashes)

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        if not template_name.endswith(".html"):
            return output_content
        hashes = self._hashes(output_content, template_name)
        self.hashes |= hashes
        return csp.with_meta(output_content, hashes)

    @staticmethod
    def _hashes(output: str, where: str) -> set[str]:
        try:
            return csp.theme_hashes(output)
        except csp.UnknownScriptError as exc:
            raise PluginError(
                f"{where}: {exc}. Alleen de inline scripts van het thema mogen op een pagina staan; "
                "de site is niet gebouwd."
            ) from None

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]) -> LiveReloadServer:
        for folder in [collection.folder for collection in COLLECTIONS] + ["schemas"]:
            if (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        server.watch(str(self.root / VOCABULARIES_FILE))
        return server

    def on_post_build(self, config: MkDocsConfig) -> None:
        for dest in self.csp_pages:  # the hosting page shows the header for this very site
            path = Path(config.site_dir) / dest
            path.write_text(
                path.read_text(encoding="utf-8").replace(csp.PLACEHOLDER, html.escape(csp.policy(self.hashes))),
                encoding="utf-8",
            )
        self.builds += 1
        self.sanitized.save()
        if not self.config.pagefind or not self.config.enabled:
            return
        if self.dirty_serve and self.builds > 1:
            log.info("pagefind: zoekindex van de eerste bouw blijft staan (mkdocs serve --dirty).")
            return
        try:
            output = run_pagefind(Path(config.site_dir))
        except SearchIndexError as exc:
            raise PluginError(str(exc)) from None
        for line in output.splitlines():
            if "Indexed" in line or "language" in line.lower():
                log.info("pagefind: %s", line.strip())


def _contact_email(config: MkDocsConfig) -> str:
    """``extra.contact_email`` of mkdocs.yml (env ``KB_CONTACT_EMAIL``), '' when unset."""
    extra: dict[str, Any] = dict(config.extra or {})
    value = extra.get("contact_email")
    return value.strip() if isinstance(value, str) else ""


def _toc_items(items: Any) -> Iterator[Any]:
    for item in items:
        yield item
        yield from _toc_items(item.children)
