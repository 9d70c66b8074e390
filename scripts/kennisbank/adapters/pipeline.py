"""The steps from a project folder to validated, generated site files, without any engine."""

from __future__ import annotations

import contextlib
import dataclasses
import gc
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kennisbank.checks.cached import CachedChecker
from kennisbank.checks.problems import Problem
from kennisbank.checks.validate import LazyRenderer, validate_project
from kennisbank.content.cache import ResultCache, environment_digest
from kennisbank.content.collections import COLLECTIONS
from kennisbank.content.gitdates import git_dates
from kennisbank.content.project import ConfigError, Project, load_project
from kennisbank.content.schemas import SchemaError, SchemaSet, load_schemas
from kennisbank.site.pages import SiteFiles, SiteOptions, generate_site
from kennisbank.site.urls import entry_page


@contextlib.contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Pause Python's cycle collector for one step, and restore its earlier state afterwards.

    Loading keeps every entry (dicts, lists, strings) alive, so the collector's generation
    counters fill up and it walks all of them again and again, without finding garbage:
    the data has no reference cycles. At N = 5000 that was 0.3 to 0.5 CPU-s of a warm
    ``kb validate`` of 2.5 to 3 s (three full collections; measured with ``gc.get_stats``).
    Reference counting still frees everything as usual; only cycles wait until the step ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass
class Checked:
    """A loaded project, its schemas and the problems validation found.

    ``salt`` is the result cache's :func:`environment_digest` ('' when the cache is off).
    """

    project: Project
    schemas: SchemaSet
    problems: list[Problem]
    salt: str = ""

    @property
    def file_count(self) -> int:
        """Number of entry files read (readable or not)."""
        loaded = {e.path for e in self.project.entries}
        return len(loaded) + len({p.path for p in self.project.problems if p.path not in loaded})


@cycle_collection_paused()
def check(root: Path, schemas: SchemaSet | None = None, cache: bool = True) -> Checked:
    """Load and validate the project at ``root``.

    Args:
        root: the project root.
        schemas: validators already built from this project's ``schemas/`` (a caller that
            checks many projects with the same schemas builds them once); by default
            they are loaded from ``root/schemas``.
        cache: reuse and store per-file results in ``root/.cache/kennisbank/`` (see
            :mod:`kennisbank.checks.cached`); False reads and writes no cache.

    Raises:
        ConfigError: vocabularies or schemas cannot be read (a project problem, not an entry problem).
    """
    root = root.resolve()
    salt = environment_digest(root) if cache else ""
    store = ResultCache(root, "validate", salt, enabled=cache)
    checker = CachedChecker(store, LazyRenderer(root))
    project = load_project(root, checker.read)
    if schemas is None:
        try:
            schemas = load_schemas(project.root / "schemas")
        except SchemaError as exc:
            raise ConfigError(str(exc)) from None
    checker.schemas, checker.vocabularies = schemas, project.vocabularies
    problems = validate_project(
        project, schemas, entry_check=checker.entry_problems, docs_check=lambda: checker.docs_problems(root)
    )
    store.save()
    return Checked(project, schemas, problems, salt)


@cycle_collection_paused()
def site_files(
    checked: Checked,
    site_url: str = "",
    today: str | None = None,
    repo_url: str = "",
    contact: str = "",
    contact_email: str = "",
) -> SiteFiles:
    """Every generated site file for a clean project (pages, redirects, exports, schemas).

    Args:
        checked: result of :func:`check` with no problems.
        site_url: absolute site root URL ending in ``/`` ('' when unknown).
        today: ISO date for review-date notices (default: today).
        repo_url: source repository URL, for security.txt ('' when unknown).
        contact: where to report a vulnerability ('' for the repository's advisories).
        contact_email: the editors' address for proposals by e-mail ('' for none).

    Entry pages come from the ``pages`` result cache when :func:`check` used the cache
    (see :func:`kennisbank.site.pages.generate_site`).
    """
    dates = git_dates(checked.project.root, tuple(c.folder for c in COLLECTIONS))
    options = SiteOptions(
        site_url=site_url, repo_url=repo_url, contact=contact, contact_email=contact_email, git_dates=dates
    )
    if today:
        options = dataclasses.replace(options, today=today)
    store = ResultCache(checked.project.root, "pages", checked.salt, enabled=bool(checked.salt))
    files = generate_site(checked.project, options, checked.schemas, store)
    store.save()
    return files


def source_paths(project: Project) -> dict[str, str]:
    """Generated page path -> the entry file it comes from, for edit links."""
    return {entry_page(e): e.path for e in project.entries}
