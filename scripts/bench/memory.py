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

Equal results: the same set of page URLs in the fragments, the same page count, and the same
top 10 URLs for each Dutch query, asked through ``pagefind.js`` in headless Chromium.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rss import RouteFailed, TreeSample, run_tree

#: Dutch queries for the equality check (words the synthetic corpus uses).
CHECK_QUERIES = ("uitvoerbaarheid", "samenwerking gemeenten", "dienstverlening", "burgers", "wetgeving")
MORE_EXCLUDED = ("header", "nav", ".md-sidebar", ".md-footer", ".md-header", ".md-tabs")
_BODY = re.compile(r"<div data-pagefind-body>.*</article>", re.S)
# The cut page keeps the <article> around the indexed element: the build reads only that.
_HTML_LANG = '<!doctype html><html lang="nl"><head><meta charset="utf-8"></head><body><article>'


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
        found = _BODY.search(page.read_text(encoding="utf-8"))
        if found:
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            (target / rel).write_text(_HTML_LANG + found.group(0) + "</body></html>", encoding="utf-8")
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


def indexed_urls(bundle: Path) -> set[str]:
    """The page URLs in a bundle's fragments (gzip with Pagefind's ``pagefind_dcd`` prefix)."""
    urls = set()
    for fragment in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        urls.add(json.loads(data[data.index(b"{") :])["url"])
    return urls


_SEARCH = """async ([bundles, queries]) => {
  const pf = await import(bundles[0] + 'pagefind.js');
  await pf.options({ basePath: bundles[0] });
  for (const extra of bundles.slice(1)) await pf.mergeIndex(extra);
  const out = {};
  for (const q of queries) {
    const found = await pf.search(q);
    const top = found.results.slice(0, 10);
    const data = await Promise.all(top.map((r) => r.data()));
    out[q] = { count: found.results.length, top: data.map((d, i) => [Math.round(top[i].score * 1e4) / 1e4, d.url]) };
  }
  return out;
}"""


def top_results(root: Path, bundle_sets: dict[str, list[Path]]) -> dict[str, Any]:
    """For each route: the result count and top 10 URLs of each query in ``CHECK_QUERIES``.

    The bundles are served from ``root`` on 127.0.0.1; the query runs on a page without the
    site's CSP (a missing path), through ``pagefind.js`` and, for split bundles, ``mergeIndex``.
    """
    from payload import _Server, chromium_path
    from playwright.sync_api import sync_playwright

    server = _Server(root)
    out: dict[str, Any] = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
            for name, bundles in bundle_sets.items():
                page = browser.new_context().new_page()
                page.goto(f"http://127.0.0.1:{server.port}/geen-pagina/")
                urls = ["/" + b.relative_to(root).as_posix() + "/" for b in bundles]
                out[name] = page.evaluate(_SEARCH, [urls, list(CHECK_QUERIES)])
                page.context.close()
            browser.close()
    finally:
        server.close()
    return out


def _ranked(top: list[list[Any]]) -> list[tuple[float, str]]:
    """Top results as (score, URL), ties in URL order: Pagefind orders equal scores by page number."""
    return sorted(((-score, url) for score, url in top))


def compare(site: Path, routes: dict[str, Any]) -> dict[str, Any]:
    """Equal results per route against ``cli``: page URLs and the top 10 of each query."""
    names = [k for k, v in routes.items() if isinstance(v, dict) and "bundles" in v]
    bundles = {k: [Path(b) for b in routes[k]["bundles"]] for k in names}
    urls = {k: set().union(*(indexed_urls(b) for b in v)) for k, v in bundles.items()}
    tops = top_results(site.parent, bundles)
    out = {}
    for k in names:
        same_pages = urls[k] == urls["cli"]
        same_top = all(_ranked(tops[k][q]["top"]) == _ranked(tops["cli"][q]["top"]) for q in CHECK_QUERIES)
        same_count = all(tops[k][q]["count"] == tops["cli"][q]["count"] for q in CHECK_QUERIES)
        out[k] = {
            "pages": len(urls[k]),
            "same_pages": same_pages,
            "same_top10": same_top,
            "same_counts": same_count,
            "equal": same_pages and same_top and same_count,
            "queries": tops[k],
        }
    return out


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
