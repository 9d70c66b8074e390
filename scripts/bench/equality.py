"""Whether two Pagefind bundles of the same site give equal results (``memory.py``'s check).

Equal means: the same set of page URLs in the fragments, and for each query in
:data:`CHECK_QUERIES` the same result count and the same top 10 (URL and score, ties in URL
order), asked through ``pagefind.js`` in headless Chromium.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

#: Dutch queries for the equality check (words the synthetic corpus uses).
CHECK_QUERIES = ("uitvoerbaarheid", "samenwerking gemeenten", "dienstverlening", "burgers", "wetgeving")


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
