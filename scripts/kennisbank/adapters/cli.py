"""The ``kb`` command: the group, ``kb validate`` and what every command shares.

The other commands are in :mod:`kennisbank.adapters.cli_site` (build, generate, urls,
csp) and :mod:`kennisbank.adapters.cli_content` (new, handout, report).

Exit codes: 0 when clean, 1 when the content has problems, 2 for a usage or
configuration error. No command writes into, overwrites or deletes a content file,
except ``kb new``, which only creates a file that does not exist yet.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO, Any

import click

from kennisbank import __version__
from kennisbank.adapters.pipeline import Checked, check
from kennisbank.checks.report import FORMATS, format_problems, summary
from kennisbank.content.project import ConfigError

ROOT_OPTION = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="Map van de kennisbank (met vocabularies.yml).",
)


NO_CACHE_OPTION = click.option(
    "--no-cache",
    is_flag=True,
    help="Gebruik en schrijf geen tussenresultaten in .cache/kennisbank/ (alles opnieuw controleren).",
)


class UsageError(click.ClickException):
    """A usage or configuration problem: Dutch message, exit code 2."""

    exit_code = 2

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"Fout: {self.message}", err=True)


def _checked(root: Path, cache: bool = True) -> Checked:
    try:
        return check(root, cache=cache)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None


def _clean_or_exit(root: Path, fmt: str = "human") -> Checked:
    checked = _checked(root)
    if checked.problems:
        click.echo(format_problems(checked.problems, fmt))
        click.echo(summary(checked.problems, checked.file_count), err=True)
        sys.exit(1)
    return checked


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kb")
def cli() -> None:
    """Gereedschap voor de Kennisbank Werk aan Uitvoering."""


@cli.command()
@ROOT_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Uitvoer: human (standaard), github (annotaties; vanzelf als GITHUB_ACTIONS=true) of json.",
)
@NO_CACHE_OPTION
def validate(root: Path, fmt: str | None, no_cache: bool) -> None:
    """Controleer alle items. Exitcode 0: in orde, 1: problemen, 2: configuratiefout."""
    fmt = fmt or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "human")
    checked = _checked(root, cache=not no_cache)
    if fmt == "json":
        click.echo(format_problems(checked.problems, "json"))
    else:
        if checked.problems:
            click.echo(format_problems(checked.problems, fmt))
        click.echo(summary(checked.problems, checked.file_count), err=fmt == "github" or bool(checked.problems))
    sys.exit(1 if checked.problems else 0)


def main() -> None:
    """Console entry point; turns unexpected errors into a Dutch message and exit code 2."""
    try:
        cli(standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:
        if os.environ.get("KB_DEBUG"):
            raise
        click.echo(
            f"Interne fout: {type(exc).__name__}: {exc}. Meld dit als issue; zet KB_DEBUG=1 voor details.", err=True
        )
        sys.exit(2)


# The commands live in two more modules, which register themselves on ``cli``.
from kennisbank.adapters import cli_content, cli_issue, cli_site  # noqa: E402,F401
