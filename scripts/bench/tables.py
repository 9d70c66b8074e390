"""The report: the results table and the targets, met or not."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from common import QUERIES


def cell(d: dict[str, float], fmt: str = "{:.2f}") -> str:
    return f"{fmt.format(d['median'])} [{fmt.format(d['min'])}–{fmt.format(d['max'])}]"


def kb(value: float | None) -> str:
    return "–" if value is None else f"{value / 1024:.1f}"


def table(results: list[dict[str, Any]], runs: int) -> str:
    ns = [r["n"] for r in results]
    rows: list[tuple[str, list[str]]] = []

    def add(label: str, fn: Callable[[dict[str, Any]], str]) -> None:
        rows.append((label, [fn(r) for r in results]))

    add("items (pr/di/in)", lambda r: "/".join(str(v) for v in r["corpus"]["per_collection"].values()))
    add("woorden per item (gem.)", lambda r: str(r["corpus"]["mean_body_words"]))
    add("vloer: lezen + YAML (s)", lambda r: cell(r["floor"]["wall"]))
    add("kb validate in-proces (s)", lambda r: cell(r["validate"]["wall"]))
    add("  idem CPU (s)", lambda r: cell(r["validate"]["cpu"]))
    add("  validate / vloer (CPU)", lambda r: f"{r['validate']['cpu']['median'] / r['floor']['cpu']['median']:.1f}×")
    add(
        "kb validate CLI (s | MB)",
        lambda r: f"{r['kb_validate_cli']['wall']:.2f} | {r['kb_validate_cli']['rss_mb']:.0f}",
    )
    add("genereren site_files (s)", lambda r: cell(r["generate"]["wall"]))
    add("MkDocs met plugin (s)", lambda r: cell(r["mkdocs"]["wall"], "{:.1f}"))
    add("Pagefind (s)", lambda r: cell(r["pagefind"]["wall"], "{:.1f}"))
    add("build totaal (s)", lambda r: cell(r["build_wall"], "{:.1f}"))
    add("  idem CPU (s)", lambda r: cell(r["build_cpu"], "{:.1f}"))
    add("basis: MkDocs zonder plugin (s)", lambda r: cell(r["base_mkdocs"]["wall"], "{:.1f}"))
    add("basis: Pagefind (s)", lambda r: cell(r["base_pagefind"]["wall"], "{:.1f}"))
    add("basis totaal (s)", lambda r: cell(r["base_build_wall"], "{:.1f}"))
    add("  idem CPU (s)", lambda r: cell(r["base_build_cpu"], "{:.1f}"))
    add("build / basis (wand | CPU)", lambda r: f"{r['ratio_wall']:.2f} | {r['ratio_cpu']:.2f}")
    add(
        "piek-RSS MkDocs | Pagefind (MB)",
        lambda r: f"{r['peak_rss_mb']['mkdocs']:.0f} | {r['peak_rss_mb']['pagefind']:.0f}",
    )
    add("piek-RSS kb build, bovengrens (MB)", lambda r: f"{r['peak_rss_mb']['kb_build_upper_bound']:.0f}")
    add(
        "HTML-bestanden | site (MB)",
        lambda r: f"{r['sizes']['site_html_files']} | {r['sizes']['site_bytes'] / 2**20:.0f}",
    )
    add("Pagefind-index op schijf (MB)", lambda r: f"{r['sizes']['pagefind_bytes'] / 2**20:.1f}")
    for query in QUERIES:
        add(
            f"zoeken '{query}' (KB gzip, n verz.)",
            lambda r, q=query: (
                f"{kb(r['sizes']['search'][q]['transfer'])} ({r['sizes']['search'][q]['requests']})"
                if r["sizes"].get("search")
                else "–"
            ),
        )
    add(
        "lunr search_index.json (KB | gzip)",
        lambda r: f"{kb(r['sizes']['lunr_index_bytes'])} | {kb(r['sizes']['lunr_index_gzip'])}",
    )
    add(
        "itempagina + CSS/JS (KB gzip, mediaan | max)",
        lambda r: (
            f"{kb(r['sizes']['entry_page_median']['transfer'])} | {kb(r['sizes']['entry_page_largest']['transfer'])}"
            if r["sizes"].get("entry_page_median")
            else "–"
        ),
    )

    head = ["meting (mediaan [min–max] van " + str(runs) + " runs)"] + [f"N = {n}" for n in ns]
    widths = [max(len(head[i]), *(len(row[0] if i == 0 else row[1][i - 1]) for row in rows)) for i in range(len(head))]
    lines = [" | ".join(h.ljust(w) for h, w in zip(head, widths, strict=False)), "-|-".join("-" * w for w in widths)]
    for label, values in rows:
        lines.append(" | ".join(v.ljust(w) for v, w in zip([label] + values, widths, strict=False)))
    return "\n".join(lines)


def targets(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The targets of the performance issue, each MET, NOT MET or NOT MEASURED."""
    by_n = {r["n"]: r for r in results}
    out: list[dict[str, Any]] = []

    def add(name: str, value: float | None, limit: float, unit: str, detail: str) -> None:
        status = "NOT MEASURED" if value is None else ("MET" if value <= limit else "NOT MET")
        out.append({"target": name, "value": value, "limit": limit, "unit": unit, "status": status, "detail": detail})

    r1, r5 = by_n.get(1000), by_n.get(5000)
    add(
        "kb build N=1000 ≤ 1,15 × basis (Material + Pagefind), CPU-tijd",
        r1 and r1["ratio_cpu"],
        1.15,
        "×",
        r1
        and f"wandtijd: {r1['ratio_wall']:.2f}× ({r1['build_wall']['median']:.1f} s tegen "
        f"{r1['base_build_wall']['median']:.1f} s)",
    )
    scale = r1 and r5 and r5["build_cpu"]["median"] / r1["build_cpu"]["median"]
    add(
        "build N=5000 ≤ 5,5 × N=1000, CPU-tijd",
        scale,
        5.5,
        "×",
        r1 and r5 and f"wandtijd: {r5['build_wall']['median'] / r1['build_wall']['median']:.2f}×",
    )
    add(
        "kb validate N=5000 ≤ 3 × vloer, CPU-tijd",
        r5 and r5["validate"]["cpu"]["median"] / r5["floor"]["cpu"]["median"],
        3.0,
        "×",
        r5 and f"{r5['validate']['cpu']['median']:.2f} s tegen vloer {r5['floor']['cpu']['median']:.2f} s",
    )
    search5 = r5 and r5["sizes"].get("search") and max(q["transfer"] for q in r5["sizes"]["search"].values())
    add(
        "eerste zoekvraag N=5000 ≤ 200 KB",
        search5 and search5 / 1024,
        200.0,
        "KB",
        "grootste van de zoekvragen " + ", ".join(repr(q) for q in QUERIES) + "; gzip zoals over de lijn",
    )
    search1 = r1 and r1["sizes"].get("search") and max(q["transfer"] for q in r1["sizes"]["search"].values())
    add(
        "eerste zoekvraag N=1000 ≤ 1/8 van lunr-index",
        search1 and search1 / r1["sizes"]["lunr_index_gzip"],
        0.125,
        "× lunr",
        r1
        and f"{kb(search1)} KB tegen lunr {kb(r1['sizes']['lunr_index_gzip'])} KB gzip "
        f"({kb(r1['sizes']['lunr_index_bytes'])} KB onverpakt)",
    )
    add(
        "piekgeheugen N=5000 ≤ 1 GB",
        r5 and r5["peak_rss_mb"]["kb_build_upper_bound"],
        1024.0,
        "MB",
        r5
        and f"MkDocs {r5['peak_rss_mb']['mkdocs']:.0f} MB + Pagefind {r5['peak_rss_mb']['pagefind']:.0f} MB "
        "(tegelijk in geheugen tijdens kb build)",
    )
    largest = results[-1]
    page = largest["sizes"].get("entry_page_largest")
    add(
        f"itempagina ≤ 150 KB gzip (grootste item bij N={largest['n']})",
        page and page["transfer"] / 1024,
        150.0,
        "KB",
        page and f"HTML {kb(page['html_transfer'])} KB + {page['requests'] - 1} CSS/JS/overige bestanden",
    )
    return out
