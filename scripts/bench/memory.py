"""Pagefind's memory (issue 14, item 4): peak RSS of indexing one built site by several
routes, each checked for equal results against the route the build uses.

Routes (each writes its own bundle under the site, ``pf-<route>/``):

* ``cli``: what ``kb build`` runs (``kennisbank.adapters.search.pagefind_command``, which
  reads only Material's ``<article>`` since 30 November 2026);
* ``api``: Pagefind's Python API, ``add_html_file`` per page, then ``write_files``
  (``pf_api.py`` in its own process; the tree's summed RSS counts the Pagefind child too);
* ``api-body``: the same with each page cut down to its ``data-pagefind-body`` element;
* ``exclude-more``: the CLI, also ignoring the header, navigation, sidebars and footer;
* ``whole-page``: the CLI on whole pages (``--root-selector html``, Pagefind's default), the
  build's route until ``cli`` took only the article;
* ``split-N``: the CLI once per part of the site (``--glob``), one bundle per part; the
  search page would combine them with ``mergeIndex``; the peak is that of the largest part;
* ``floor``: Pagefind on a copy of the site that holds only what is indexed (each page cut
  down to its ``data-pagefind-body`` element): the memory Pagefind itself needs for this content.

Equal results (see ``equality.py``): the same set of page URLs in the fragments, the same page count, and the same
top 10 URLs for each Dutch query, asked through ``pagefind.js`` in headless Chromium.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import indexed_part
from equality import compare
from rss import RouteFailed, TreeSample, run_tree

MORE_EXCLUDED = ("header", "nav", ".md-sidebar", ".md-footer", ".md-header", ".md-tabs")


def _cli(site: Path, output: str, extra: list[str]) -> list[str]:
    """The build's Pagefind command with its own bundle; a ``--root-selector`` in ``extra``
    replaces the build's (Pagefind takes each option once)."""
    from kennisbank.adapters.search import pagefind_command

    command = pagefind_command(site)
    if "--root-selector" in extra:
        at = command.index("--root-selector")
        del command[at : at + 2]
    return [*command, "--output-subdir", output, *extra]


def _indexed(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*.html") if "data-pagefind-body" in p.read_text(encoding="utf-8"))


def _parts(site: Path, count: int) -> list[str]:
    """``count`` globs that together cover every HTML file once, balanced by indexed pages.

    A folder without indexed pages (redirects, overviews) joins a part that has some: a
    Pagefind run that finds no ``data-pagefind-body`` at all would index whole pages instead.
    """
    folders = sorted(
        ((_indexed(d), d.name) for d in site.iterdir() if d.is_dir() and d.name[:3] != "pf-"), reverse=True
    )
    bins: list[tuple[int, list[str]]] = [(0, []) for _ in range(count)]
    for size, name in folders:
        bins.sort(key=lambda b: b[0])
        target = 0 if size else -1
        bins[target] = (bins[target][0] + size, [*bins[target][1], f"{name}/**/*.html"])
    bins[-1][1].extend(p.name for p in site.glob("*.html"))  # the pages at the top (home, 404)
    return ["{" + ",".join(patterns) + "}" for _, patterns in bins if patterns]


def _floor_site(site: Path, target: Path) -> int:
    """Copy of ``site`` with each indexed page cut down to its data-pagefind-body element."""
    shutil.rmtree(target, ignore_errors=True)
    count = 0
    for page in site.rglob("*.html"):
        rel = page.relative_to(site)
        if rel.parts[0].startswith("pf-"):
            continue
        cut = indexed_part(page.read_text(encoding="utf-8"))
        if cut is not None:
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            (target / rel).write_text(cut, encoding="utf-8")
            count += 1
    return count


ROUTES = ("cli", "api", "api-body", "exclude-more", "whole-page", "split", "floor")


def run_routes(site: Path, logs: Path, split: int, only: tuple[str, ...] = ROUTES) -> dict[str, Any]:
    """Index ``site`` by the routes in ``only``; return per route its samples and bundle folders."""
    logs.mkdir(parents=True, exist_ok=True)
    out: dict[str, Any] = {}

    def record(name: str, samples: list[TreeSample], bundles: list[Path]) -> None:
        out[name] = {
            "cpu": sum(s.cpu for s in samples),
            "wall": sum(s.wall for s in samples),
            "rss_mb": max(s.rss_mb for s in samples),
            "tree_rss_mb": max(s.tree_rss_mb for s in samples),
            "parts": [s.__dict__ for s in samples],
            "bundles": [str(b) for b in bundles],
        }
        print(
            f"   {name}: piek {out[name]['tree_rss_mb']:.0f} MB (boom) / {out[name]['rss_mb']:.0f} MB "
            f"(grootste proces), {out[name]['cpu']:.1f} CPU-s",
            flush=True,
        )

    def measured(name: str, command: list[str], where: Path, bundles: list[Path], timeout: float = 1800) -> None:
        try:
            record(name, [run_tree(command, where, logs / f"{name}.log", timeout=timeout)], bundles)
        except RouteFailed as exc:
            out.setdefault("failed", {})[name] = str(exc)
            print(f"   {name}: {exc}", flush=True)

    def cli(name: str, extra: list[str], where: Path = site) -> None:
        measured(name, _cli(where, f"pf-{name}", extra), where, [where / f"pf-{name}"])

    from kennisbank.adapters.search import EXCLUDED

    api = [sys.executable, str(Path(__file__).with_name("pf_api.py")), str(site)]
    routes: dict[str, Callable[[], None]] = {
        "cli": lambda: cli("cli", []),
        "api": lambda: measured("api", [*api, "pf-api"], site, [site / "pf-api"], 900),
        "api-body": lambda: measured(
            "api-body", [*api, "pf-api-body", "--body-only"], site, [site / "pf-api-body"], 900
        ),
        "exclude-more": lambda: cli("exclude-more", ["--exclude-selectors", ", ".join((*EXCLUDED, *MORE_EXCLUDED))]),
        "whole-page": lambda: cli("whole-page", ["--root-selector", "html"]),
        "split": lambda: _split(site, logs, split, record, out),
        "floor": lambda: (
            out.__setitem__("floor_pages", _floor_site(site, site.parent / "site-floor")),
            cli("floor", [], site.parent / "site-floor"),
        ),
    }
    for name in only:
        routes[name]()
    return out


def _split(site: Path, logs: Path, split: int, record: Callable[..., None], out: dict[str, Any]) -> None:
    samples, bundles = [], []
    for i, glob in enumerate(_parts(site, split)):
        name = f"pf-split-{i}"
        try:
            samples.append(run_tree(_cli(site, name, ["--glob", glob]), site, logs / f"{name}.log"))
        except RouteFailed as exc:
            out.setdefault("failed", {})[f"split-{split}"] = str(exc)
            return
        bundles.append(site / name)
    record(f"split-{split}", samples, bundles)


def report(routes: dict[str, Any], checks: dict[str, Any], limit_mb: float = 1024.0) -> list[str]:
    """Table lines: per route peak RSS (tree sum), CPU seconds, pages and equality."""
    lines = [
        "route | piek-RSS boom (MB) | grootste proces (MB) | CPU (s) | pagina's | gelijk (pagina's, top-10, aantallen) | ≤ 1 GB",
        "-|-|-|-|-|-|-",
    ]
    for name, check in checks.items():
        r = routes[name]
        equal = "/".join("ja" if check[k] else "nee" for k in ("same_pages", "same_top10", "same_counts"))
        lines.append(
            f"{name} | {r['tree_rss_mb']:.0f} | {r['rss_mb']:.0f} | {r['cpu']:.1f} | {check['pages']} | {equal} | "
            + ("MET" if r["tree_rss_mb"] <= limit_mb and check["equal"] else "NOT MET")
        )
    for name, reason in routes.get("failed", {}).items():
        lines.append(f"{name} | – | – | – | – | {reason.splitlines()[0][:120]} | NOT MET")
    return lines


def main() -> None:
    import argparse

    from common import REPO
    from project import mkdocs_build, prepare

    parser = argparse.ArgumentParser(description="Pagefinds geheugen per route (issue 14, punt 4).")
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--split", type=int, default=4, help="aantal delen bij de gesplitste index")
    parser.add_argument("--work", type=Path, default=REPO / "bench-results" / "memory")
    parser.add_argument("--reuse", action="store_true", help="gebruik een eerder gebouwde site in --work")
    parser.add_argument("--routes", default=",".join(ROUTES), help="komma-lijst van routes (standaard alle)")
    parser.add_argument("--tag", default="all", help="naam van dit deel: routes-TAG.json in --work")
    parser.add_argument(
        "--compare-only", action="store_true", help="alleen alle routes-*.json samenvoegen en vergelijken"
    )
    args = parser.parse_args()
    work = args.work.resolve()
    if not (args.reuse and (work / "site" / "index.html").exists()):
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        prepare(work, args.n, args.seed)
        mkdocs_build(work / "project" / "mkdocs.bench.yml", work / "site", work / "mkdocs.log")
    only = tuple(args.routes.split(","))
    if not args.compare_only:
        for name in only:
            for old in (*(work / "site").glob(f"pf-{name}"), *(work / "site").glob(f"pf-{name}-[0-9]*")):
                shutil.rmtree(old)
        print(f"Pagefinds geheugen bij N = {args.n} ({work / 'site'}):", flush=True)
        routes = run_routes(work / "site", work / "logs", args.split, only)
        (work / f"routes-{args.tag}.json").write_text(json.dumps(routes, indent=2) + "\n", encoding="utf-8")
    routes = {}
    for part in sorted(work.glob("routes-*.json")):
        found = json.loads(part.read_text(encoding="utf-8"))
        routes.setdefault("failed", {}).update(found.pop("failed", {}))
        routes.update(found)
    routes["failed"] = {k: v for k, v in routes["failed"].items() if k not in routes}  # measured again later
    if "cli" not in routes:
        return
    checks = compare(work / "site", routes)
    lines = report(routes, checks)
    print("\n".join(lines))
    document = {"n": args.n, "routes": routes, "checks": checks, "table": lines}
    (work / "memory.json").write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
