"""The steps from a project folder to validated, generated site files, without any engine."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from kennisbank.checks.problems import Problem
from kennisbank.checks.validate import validate_project
from kennisbank.content.collections import COLLECTIONS
from kennisbank.content.gitdates import git_dates
from kennisbank.content.project import ConfigError, Project, load_project
from kennisbank.content.schemas import SchemaError, SchemaSet, load_schemas
from kennisbank.site.pages import SiteFiles, SiteOptions, generate_site
from kennisbank.site.urls import entry_page


@dataclass
class Checked:
    """A loaded project, its schemas and the problems validation found."""

    project: Project
    schemas: SchemaSet
    problems: list[Problem]

    @property
    def file_count(self) -> int:
        """Number of entry files read (readable or not)."""
        loaded = {e.path for e in self.project.entries}
        return len(loaded) + len({p.path for p in self.project.problems if p.path not in loaded})


def check(root: Path, schemas: SchemaSet | None = None) -> Checked:
    """Load and validate the project at ``root``.

    Args:
        root: the project root.
        schemas: validators already built from this project's ``schemas/`` (a caller that
            checks many projects with the same schemas builds them once); by default
            they are loaded from ``root/schemas``.

    Raises:
        ConfigError: vocabularies or schemas cannot be read (a project problem, not an entry problem).
    """
    project = load_project(root)
    if schemas is None:
        try:
            schemas = load_schemas(project.root / "schemas")
        except SchemaError as exc:
            raise ConfigError(str(exc)) from None
    return Checked(project, schemas, validate_project(project, schemas))


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
    """
    dates = git_dates(checked.project.root, tuple(c.folder for c in COLLECTIONS))
    options = SiteOptions(
        site_url=site_url, repo_url=repo_url, contact=contact, contact_email=contact_email, git_dates=dates
    )
    if today:
        options = dataclasses.replace(options, today=today)
    return generate_site(checked.project, options, checked.schemas)


def source_paths(project: Project) -> dict[str, str]:
    """Generated page path -> the entry file it comes from, for edit links."""
    return {entry_page(e): e.path for e in project.entries}
