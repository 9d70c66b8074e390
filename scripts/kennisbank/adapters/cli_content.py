"""``kb new``, ``kb handout`` and ``kb report``: the commands around entries."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from kennisbank.adapters.cli import ROOT_OPTION, UsageError, _checked, _clean_or_exit, cli
from kennisbank.adapters.sitedir import source_overlap
from kennisbank.content import dates
from kennisbank.content.collections import BY_NAME
from kennisbank.content.entry import Entry
from kennisbank.content.loader import suggest_slug
from kennisbank.content.project import next_id
from kennisbank.site.text import items


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
        raise UsageError(
            f"{path.relative_to(checked.project.root)} bestaat al. Kies een andere titel of bewerk dat bestand."
        )
    # Ids are never reused: also skip ids of files that failed to load.
    entry_id = next_id(checked.project.entries, spec.id_prefix)
    today = dates.today()
    template = (Path(__file__).parent.parent / "templates" / f"{collection}.md").read_text(encoding="utf-8")
    text = template.format(
        id=entry_id,
        title=json.dumps(title.strip(), ensure_ascii=False),
        today=today.isoformat(),
        review_by=dates.add_years(today, 1).isoformat(),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # 'x': fail rather than overwrite
        handle.write(text)
    click.echo(path.relative_to(checked.project.root).as_posix())
    click.echo(
        f"Nieuw item {entry_id}. Vul alle plekken met [[VUL IN ...]] in en controleer met: kb validate", err=True
    )


@cli.command()
@click.argument("ids", nargs=-1, required=True)
@click.option(
    "--title", default="Handout Kennisbank Werk aan Uitvoering", show_default=True, help="Titel van de handout."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="HTML-bestand om te schrijven.",
)
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
    target = output.resolve()
    root = checked.project.root.resolve()
    if not target.parent.is_dir():
        raise UsageError(f"De map {output.parent} bestaat niet.")
    if target.parent == root or root in target.parents or source_overlap(target.parent, root):
        raise UsageError("Schrijf de handout buiten de mappen en bestanden van de kennisbank, "
                         "bijvoorbeeld in uw eigen map Documenten.")  # fmt: skip
    url = site_url if site_url is not None else _site_url(checked.project.root)
    labels = {k: t.label for k, t in checked.project.vocabularies.terms["themes"].items()}
    output.write_text(render_handout([by_id[i] for i in ids], title, url, labels), encoding="utf-8")
    click.echo(f"Handout met {items(len(ids))} geschreven naar {output}.")


def _site_url(root: Path) -> str:
    """``site_url`` as MkDocs reads it from ``mkdocs.yml`` (``!ENV`` included), or ''."""
    from kennisbank.checks.markdown_render import load_mkdocs_config

    path = root / "mkdocs.yml"
    if not path.is_file():
        return ""
    try:
        return str(load_mkdocs_config(path).site_url or "")
    except Exception as exc:
        raise UsageError(f"{path} kan niet gelezen worden: {exc}") from None


@cli.group()
def report() -> None:
    """Overzichten voor beheerders."""


@report.command()
@ROOT_OPTION
@click.option("--today", default=None, help="Datum om mee te vergelijken (JJJJ-MM-DD, standaard vandaag).")
def stale(root: Path, today: str | None) -> None:
    """Items waarvan de herzieningsdatum (review_by) voorbij is, met hun beheerder."""
    if today is not None:
        try:
            today = dt.date.fromisoformat(today).isoformat()
        except ValueError:
            raise UsageError(f"'{today}' is geen datum in de vorm JJJJ-MM-DD.") from None
    checked = _checked(root)
    today = today or dates.today_iso()
    rows = sorted(
        (
            (e.meta["review_by"], e)
            for e in checked.project.entries
            if isinstance(e.meta.get("review_by"), str) and e.meta["review_by"] < today
        ),
        key=lambda row: (row[0], row[1].path),
    )  # entries themselves are not orderable
    if not rows:
        click.echo(f"Geen items met een verlopen herzieningsdatum (peildatum {today}).")
        return
    for review_by, entry in rows:
        click.echo(
            f"{entry.path}: {entry.id} '{entry.title}' — herzien uiterlijk {review_by} — beheerder: {entry.meta.get('owner', 'onbekend')}"
        )
    click.echo(f"{len(rows)} items moeten opnieuw bekeken worden.", err=True)


def _sources_without_url(entry: Entry) -> list[str] | None:
    """Dutch descriptions of ``entry``'s sources (``titel (§ sectie)``) when none of them has a
    ``url``; None when at least one has. A source that is not a mapping counts as one without."""
    sources = entry.meta.get("sources")
    listed = sources if isinstance(sources, list) else []
    if any(isinstance(s, dict) and isinstance(s.get("url"), str) and s["url"].strip() for s in listed):
        return None
    described = []
    for source in listed:
        if isinstance(source, dict):
            title, section = str(source.get("title") or "zonder titel"), source.get("section")
            described.append(f"{title} ({section})" if section else title)
        else:
            described.append("een bron die geen titel en adres heeft")
    return described or ["geen bronnen"]


@report.command()
@ROOT_OPTION
def sources(root: Path) -> None:
    """Items waarvan geen enkele bron een webadres (url) heeft; informeert, exitcode altijd 0."""
    checked = _checked(root)
    rows = [
        (e, found)
        for e in sorted(checked.project.entries, key=lambda e: e.path)
        if (found := _sources_without_url(e)) is not None
    ]
    for entry, found in rows:
        click.echo(f"{entry.path}: {entry.id} '{entry.title}' — bronnen zonder webadres: {'; '.join(found)}")
    total = len(checked.project.entries)
    if rows:
        verb = "heeft" if len(rows) == 1 else "hebben"
        click.echo(f"{len(rows)} van de {items(total)} {verb} geen bron met een webadres.", err=True)
    else:
        click.echo(f"Elk item noemt minstens één bron met een webadres ({items(total)}).")


@report.command()
@click.argument("bronnen", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--vanaf", default=8, show_default=True, type=click.IntRange(2), help="Kortste reeks woorden die telt.")
@click.option("--grens", default=10, show_default=True, type=click.IntRange(2), help="Exitcode 1 vanaf zoveel woorden.")
@ROOT_OPTION
def overlap(bronnen: tuple[Path, ...], vanaf: int, grens: int, root: Path) -> None:
    """Langste reeks woorden die elk item deelt met een bronbestand (.md, .txt of een map).

    Vindt overgenomen of licht bewerkte zinnen. Exitcode 1 als een item een reeks van --grens
    woorden of meer deelt met een bron, anders 0.
    """
    from kennisbank.checks.overlap import OverlapIndex, reference_files

    missing = [str(p) for p in bronnen if not p.exists()]
    if missing:
        raise UsageError(f"Deze bron bestaat niet: {', '.join(missing)}.")
    checked = _checked(root)
    files = reference_files(list(bronnen))
    index = OverlapIndex({f.name: f.read_text(encoding="utf-8", errors="replace") for f in files}, vanaf)
    rows = []
    for entry in checked.project.entries:
        found = index.longest((checked.project.root / entry.path).read_text(encoding="utf-8", errors="replace"))
        if found is not None:
            rows.append((found, entry))
    rows.sort(key=lambda row: (-row[0].length, row[1].path))
    for found, entry in rows:
        click.echo(f"{entry.path}: {found.length} woorden gedeeld met {found.reference}: \u201c{found.words}\u201d")
    over = sum(1 for found, _ in rows if found.length >= grens)
    click.echo(
        f"{items(len(checked.project.entries))} vergeleken met {len(files)} bronbestanden; "
        f"{over} met een reeks van {grens} woorden of meer.",
        err=True,
    )
    sys.exit(1 if over else 0)
