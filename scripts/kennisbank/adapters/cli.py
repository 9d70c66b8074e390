"""The ``kb`` command: validate, build, generate, new, handout, report.

Exit codes: 0 when clean, 1 when the content has problems, 2 for a usage or
configuration error. No command writes into, overwrites or deletes a content file,
except ``kb new``, which only creates a file that does not exist yet.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import click

from kennisbank import __version__
from kennisbank.content.collections import BY_NAME, COLLECTIONS
from kennisbank.content.loader import suggest_slug
from kennisbank.adapters.pipeline import check, site_files
from kennisbank.content.project import VOCABULARIES_FILE, ConfigError
from kennisbank.content.schemas import SchemaError, load_schemas
from kennisbank.content.vocabularies import VocabularyError, load_vocabularies
from kennisbank.checks.report import FORMATS, format_problems, summary
from kennisbank.adapters.sitedir import build_then_swap, site_dir_problem
from kennisbank.site.urls import UnsafePathError, output_path

ROOT_OPTION = click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".",
                           show_default=True, help="Map van de kennisbank (met vocabularies.yml).")


class UsageError(click.ClickException):
    """A usage or configuration problem: Dutch message, exit code 2."""

    exit_code = 2

    def show(self, file=None) -> None:  # noqa: ANN001
        click.echo(f"Fout: {self.message}", err=True)


def _checked(root: Path):
    try:
        return check(root)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None


def _clean_or_exit(root: Path, fmt: str = "human"):
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
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Uitvoer: human (standaard), github (annotaties; vanzelf als GITHUB_ACTIONS=true) of json.")
def validate(root: Path, fmt: str | None) -> None:
    """Controleer alle items. Exitcode 0: in orde, 1: problemen, 2: configuratiefout."""
    fmt = fmt or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "human")
    checked = _checked(root)
    if fmt == "json":
        click.echo(format_problems(checked.problems, "json"))
    else:
        if checked.problems:
            click.echo(format_problems(checked.problems, fmt))
        click.echo(summary(checked.problems, checked.file_count), err=fmt == "github" or bool(checked.problems))
    sys.exit(1 if checked.problems else 0)


@cli.command()
@ROOT_OPTION
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Waar de site komt (standaard: site/ in de kennisbank).")
def build(root: Path, site_dir: Path | None) -> None:
    """Controleer alle items en bouw de site met zoekindex."""
    # Only the configuration is checked here (exit 2); the plugin validates the content once,
    # reports every problem and stops the build, so the entries are not validated twice.
    try:
        load_vocabularies(root / VOCABULARIES_FILE)
        load_schemas(root / "schemas")
    except (VocabularyError, SchemaError) as exc:
        raise UsageError(str(exc)) from None
    config = root / "mkdocs.yml"
    if not config.is_file():
        raise UsageError(f"{config} ontbreekt.")
    target = (site_dir or root / "site").resolve()
    problem = site_dir_problem(target, root)
    if problem:
        raise UsageError(problem)
    started = time.perf_counter()

    def build_into(folder: Path) -> bool:
        # Pagefind runs after MkDocs has exited, so their memory peaks do not add up
        # (issue 6: about 0.55 GB for MkDocs plus 1.55 GB for Pagefind at N = 5000).
        command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(folder)]
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_SKIP_PAGEFIND": "1"}
        if subprocess.run(command, env=env, check=False).returncode != 0:
            return False
        if not os.environ.get("KB_SKIP_PAGEFIND"):
            from kennisbank.adapters.search import SearchIndexError, run_pagefind

            try:
                run_pagefind(folder)
            except SearchIndexError as exc:
                click.echo(str(exc), err=True)
                click.echo("De zoekindex is niet gebouwd.", err=True)
                return False
        return True

    # The previous site stays in place until the new one is complete.
    if not build_then_swap(target, build_into):
        click.echo("De site is niet gebouwd; de vorige versie is ongewijzigd.", err=True)
        sys.exit(1)
    click.echo(f"Site gebouwd in {time.perf_counter() - started:.1f} s.", err=True)


@cli.command("csp")
@click.argument("site_dir", type=click.Path(file_okay=False, exists=True, path_type=Path))
def csp_command(site_dir: Path) -> None:
    """Toon de Content-Security-Policy-header die alle pagina's van een gebouwde site dekt."""
    from kennisbank.site.csp import site_policy

    click.echo(f"Content-Security-Policy: {site_policy(site_dir)}")


@cli.command()
@ROOT_OPTION
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Map waarin de gegenereerde pagina's komen.")
@click.option("--site-url", default="", help="Adres van de site, voor vaste links en QR-codes.")
def generate(root: Path, out: Path, site_url: str) -> None:
    """Schrijf de gegenereerde pagina's en bestanden naar een map (zonder MkDocs)."""
    checked = _clean_or_exit(root)
    target = out.resolve()
    protected = [(checked.project.root / c.folder).resolve() for c in COLLECTIONS] + [checked.project.root / "docs"]
    for folder in protected:
        if target == folder or folder in target.parents or target in folder.parents:
            raise UsageError(f"{out} ligt in of boven {folder.name}/; kies een andere map, zodat geen bronbestand wordt overschreven.")
    files = site_files(checked, site_url)
    for path, content in files.items():
        try:
            destination = output_path(target, path)
        except UnsafePathError as exc:
            raise UsageError(f"Interne fout: {exc}; er is niets buiten {out} geschreven.") from None
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(content, encoding="utf-8")
    click.echo(f"{len(files)} bestanden geschreven naar {out}.")


def _next_id(entries, prefix: str) -> str:
    numbers = [int(e.id.split("-", 1)[1]) for e in entries if e.id.startswith(prefix + "-") and e.id.split("-", 1)[1].isdigit()]
    return f"{prefix}-{(max(numbers, default=0) + 1):03d}"


@cli.command()
@click.argument("collection", type=click.Choice(list(BY_NAME)))
@click.argument("title")
@ROOT_OPTION
def new(collection: str, title: str, root: Path) -> None:
    """Begin een nieuw item uit het sjabloon van de collectie; overschrijft nooit iets."""
    checked = _checked(root)
    spec = BY_NAME[collection]
    if len(title.strip()) < 3:
        raise UsageError("Geef een titel van minstens drie tekens.")
    slug = suggest_slug(title)
    path = checked.project.root / spec.folder / f"{slug}.md"
    if path.exists():
        raise UsageError(f"{path.relative_to(checked.project.root)} bestaat al. Kies een andere titel of bewerk dat bestand.")
    # Ids are never reused: also skip ids of files that failed to load.
    entry_id = _next_id(checked.project.entries, spec.id_prefix)
    today = dt.date.today()
    template = (Path(__file__).parent.parent / "templates" / f"{collection}.md").read_text(encoding="utf-8")
    text = template.format(id=entry_id, title=json.dumps(title.strip(), ensure_ascii=False),
                           today=today.isoformat(), review_by=today.replace(year=today.year + 1).isoformat())
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # 'x': fail rather than overwrite
        handle.write(text)
    click.echo(path.relative_to(checked.project.root).as_posix())
    click.echo(f"Nieuw item {entry_id}. Vul alle plekken met [[VUL IN ...]] in en controleer met: kb validate", err=True)


@cli.command()
@click.argument("ids", nargs=-1, required=True)
@click.option("--title", default="Handout Kennisbank Werk aan Uitvoering", show_default=True, help="Titel van de handout.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="HTML-bestand om te schrijven.")
@click.option("--site-url", default=None, help="Adres van de site (standaard: site_url uit mkdocs.yml).")
@ROOT_OPTION
def handout(ids: tuple[str, ...], title: str, output: Path, site_url: str | None, root: Path) -> None:
    """Maak één afdrukbare handout van enkele items, met vaste links en QR-codes."""
    from kennisbank.site.handout import render_handout

    checked = _clean_or_exit(root)
    by_id = {e.id: e for e in checked.project.entries}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise UsageError(f"Onbekende id: {', '.join(unknown)}.")
    content_dirs = {(checked.project.root / c.folder).resolve() for c in COLLECTIONS}
    if output.resolve().parent in content_dirs:
        raise UsageError("Schrijf de handout niet in een map met items.")
    url = site_url if site_url is not None else _site_url(checked.project.root)
    labels = {k: t.label for k, t in checked.project.vocabularies.terms["themes"].items()}
    output.write_text(render_handout([by_id[i] for i in ids], title, url, labels), encoding="utf-8")
    click.echo(f"Handout met {len(ids)} items geschreven naar {output}.")


def _site_url(root: Path) -> str:
    """``site_url`` as MkDocs would read it: ``KB_SITE_URL`` or the default of its ``!ENV`` tag."""
    import yaml

    from kennisbank.content.yamlio import Loader

    class ConfigLoader(Loader):  # a subclass, so the extra constructors stay local
        pass

    def env_tag(loader, node):  # noqa: ANN001 - PyYAML's constructor protocol
        names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
        for name in names[:-1] if len(names) > 1 else names:
            if os.environ.get(str(name)):
                return os.environ[str(name)]
        return names[-1] if len(names) > 1 else ""

    ConfigLoader.add_constructor("!ENV", env_tag)
    ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)  # other tags: not needed here
    path = root / "mkdocs.yml"
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=ConfigLoader) if path.is_file() else {}
    except yaml.YAMLError as exc:
        raise UsageError(f"{path} kan niet gelezen worden: {exc}") from None
    return str((config or {}).get("site_url") or "")


@cli.command()
@ROOT_OPTION
@click.option("--update", is_flag=True, help="Voeg nieuwe adressen toe aan published-urls.txt (verwijdert nooit iets).")
def urls(root: Path, update: bool) -> None:
    """Toon de adressen van de site; met --update worden nieuwe adressen aan het manifest toegevoegd."""
    import tempfile

    from kennisbank.site.manifest import MANIFEST_FILE, missing_urls, read_manifest, update_manifest, url_of

    checked = _clean_or_exit(root)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        # The manifest check itself must not stop this listing build.
        manifest_path = checked.project.root / MANIFEST_FILE
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(checked.project.root / "mkdocs.yml"), "-d", str(site)]
        env["KB_SKIP_MANIFEST"] = "1"
        env["KB_SKIP_PAGEFIND"] = "1"
        if subprocess.run(command, env=env, check=False).returncode != 0:
            raise UsageError("De site kon niet gebouwd worden om de adressen te bepalen.")
        available = {u for p in site.rglob("*") if p.is_file() and (u := url_of(p.relative_to(site).as_posix()))}
    pages = sorted(u for u in available if u.endswith("/"))
    if update:
        added = update_manifest(manifest_path, pages)
        click.echo(f"{len(added)} nieuwe adressen toegevoegd aan {MANIFEST_FILE}.")
    else:
        click.echo("\n".join(pages))
    gone = missing_urls(read_manifest(manifest_path), available)
    if gone:
        click.echo("Verdwenen adressen: " + ", ".join(gone), err=True)
        sys.exit(1)


@cli.group()
def report() -> None:
    """Overzichten voor beheerders."""


@report.command()
@ROOT_OPTION
@click.option("--today", default=None, help="Datum om mee te vergelijken (JJJJ-MM-DD, standaard vandaag).")
def stale(root: Path, today: str | None) -> None:
    """Items waarvan de herzieningsdatum (review_by) voorbij is, met hun beheerder."""
    checked = _checked(root)
    today = today or dt.date.today().isoformat()
    rows = sorted(((e.meta["review_by"], e) for e in checked.project.entries
                   if isinstance(e.meta.get("review_by"), str) and e.meta["review_by"] < today),
                  key=lambda row: (row[0], row[1].path))  # entries themselves are not orderable
    if not rows:
        click.echo(f"Geen items met een verlopen herzieningsdatum (peildatum {today}).")
        return
    for review_by, entry in rows:
        click.echo(f"{entry.path}: {entry.id} '{entry.title}' — herzien uiterlijk {review_by} — beheerder: {entry.meta.get('owner', 'onbekend')}")
    click.echo(f"{len(rows)} items moeten opnieuw bekeken worden.", err=True)


def main() -> None:
    """Console entry point; turns unexpected errors into a Dutch message and exit code 2."""
    try:
        cli(standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - contributors must never see a traceback
        if os.environ.get("KB_DEBUG"):
            raise
        click.echo(f"Interne fout: {type(exc).__name__}: {exc}. Meld dit als issue; zet KB_DEBUG=1 voor details.", err=True)
        sys.exit(2)
