"""``kb build``, ``kb generate``, ``kb urls`` and ``kb csp``: the commands that make a site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import click

from kennisbank.adapters.cli import NO_CACHE_OPTION, ROOT_OPTION, UsageError, _clean_or_exit, cli
from kennisbank.adapters.pipeline import site_files
from kennisbank.adapters.sitedir import MARKER, build_then_swap, site_dir_problem, source_overlap
from kennisbank.content.project import VOCABULARIES_FILE
from kennisbank.content.schemas import SchemaError, load_schemas
from kennisbank.content.vocabularies import VocabularyError, load_vocabularies
from kennisbank.site.settings import PageSettings, fill, settings_problem, uses_settings
from kennisbank.site.urls import UnsafePathError, output_path, url_of_page


@cli.command()
@ROOT_OPTION
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Waar de site komt (standaard: site/ in de kennisbank).",
)
@NO_CACHE_OPTION
def build(root: Path, site_dir: Path | None, no_cache: bool) -> None:
    """Controleer alle items en bouw de site met zoekindex."""
    # Not resolved: a symlinked site folder must be seen as one (the site would land elsewhere).
    target = Path(os.path.abspath(site_dir or root / "site"))
    problem = site_dir_problem(target, root)
    if problem:
        raise UsageError(problem)
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
    started = time.perf_counter()

    def build_into(folder: Path) -> bool:
        # Pagefind runs after MkDocs has exited, so their memory peaks do not add up
        # (issue 6: about 0.55 GB for MkDocs plus 1.55 GB for Pagefind at N = 5000).
        command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(folder)]
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_PAGEFIND": "false"}
        if no_cache:
            env["KB_CACHE"] = "false"
        if subprocess.run(command, env=env, check=False).returncode != 0:
            return False
        if os.environ.get("KB_PAGEFIND", "true").lower() not in ("false", "0", "no"):
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

    if not (site_dir / MARKER).is_file():
        raise UsageError(f"{site_dir} is geen gebouwde site (het bestand {MARKER} ontbreekt); bouw eerst met kb build.")

    click.echo(f"Content-Security-Policy: {site_policy(site_dir)}")


@cli.command()
@ROOT_OPTION
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Map waarin de gegenereerde pagina's komen.",
)
@click.option("--site-url", default="", help="Adres van de site, voor vaste links en QR-codes.")
@click.option(
    "--project",
    "as_project",
    is_flag=True,
    help="Schrijf een compleet project voor een andere site-engine: MAP/mkdocs.yml, MAP/overrides/ en "
    "MAP/docs/ met de eigen pagina's en de gegenereerde pagina's (zie README, 'Een andere engine').",
)
def generate(root: Path, out: Path, site_url: str, as_project: bool) -> None:
    """Schrijf de gegenereerde pagina's en bestanden naar een map (zonder MkDocs)."""
    checked = _clean_or_exit(root)
    problem = source_overlap(out, checked.project.root)
    if problem:
        raise UsageError(problem + " Zo wordt geen bronbestand overschreven.")
    target = out.resolve()
    if as_project:
        target = _engine_project(checked.project.root, target)
    files = site_files(checked, site_url)
    for path, content in files.items():
        try:
            destination = output_path(target, path)
        except UnsafePathError as exc:
            raise UsageError(f"Interne fout: {exc}; er is niets buiten {out} geschreven.") from None
        destination.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            destination.write_bytes(content)
        else:
            destination.write_text(content, encoding="utf-8")
    if as_project:
        _fill_settings(checked.project.root, target, set(files))
    copied = "" if not as_project else " (plus mkdocs.yml, overrides/ en de eigen pagina's uit docs/)"
    click.echo(f"{len(files)} bestanden geschreven naar {out}{copied}.")


def _engine_project(root: Path, target: Path) -> Path:
    """Copy ``mkdocs.yml``, ``overrides/`` and ``docs/`` of the project into ``target``;
    returns the folder the generated pages go into (``target/docs``). Symlinks in docs/
    were refused by validation, so only real files are copied."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(root / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("overrides", "docs"):
        if (root / folder).is_dir():
            shutil.copytree(root / folder, target / folder, symlinks=True, dirs_exist_ok=True)
    return target / "docs"


def _fill_settings(root: Path, docs: Path, generated: set[str]) -> None:
    """Fill the repository URL and the editors' address into the copied pages of ``docs``, as
    the plugin does while building (another engine runs no plugin; see ``site.settings``).

    Only the hand-written pages are filled, never a ``generated`` one (paths relative to
    ``docs``): an entry page holds contributed text, in which a ``<!-- kb:als … -->`` pair in
    inline code could cut out a fence and set free the HTML inside it (the plugin, too, skips
    generated pages)."""
    from kennisbank.checks.markdown_render import load_mkdocs_config

    try:
        config = load_mkdocs_config(root / "mkdocs.yml")
    except Exception as exc:
        raise UsageError(f"{root / 'mkdocs.yml'} kan niet gelezen worden: {exc}") from None
    plugin = config.plugins.get("kennisbank")
    repo_url = str(getattr(getattr(plugin, "config", None), "repo_url", "") or "")
    email = (config.extra or {}).get("contact_email")
    email = email.strip() if isinstance(email, str) else ""
    problem = settings_problem(repo_url, email)
    if problem:
        raise UsageError(f"Configuratiefout in mkdocs.yml: {problem}")
    written = [p.relative_to(docs).as_posix() for p in docs.rglob("*.md")]
    pages = frozenset(url_of_page(p).lstrip("/") for p in [*generated, *written])
    for page in docs.rglob("*.md"):
        if page.relative_to(docs).as_posix() in generated:
            continue
        text = page.read_text(encoding="utf-8")
        if uses_settings(text):
            page.write_text(fill(text, PageSettings(repo_url, email, pages)), encoding="utf-8")


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
        command = [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            str(checked.project.root / "mkdocs.yml"),
            "-d",
            str(site),
        ]
        env["KB_MANIFEST"] = "false"  # settings of the plugin in mkdocs.yml (!ENV)
        env["KB_PAGEFIND"] = "false"
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
