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


def details(results: list[dict[str, Any]]) -> list[str]:
    """Validation per part and the search payload per kind of file, per N."""
    lines = ["Details (KB = gzip over de lijn; CPU-seconden):"]
    for r in results:
        parts = ", ".join(f"{k} {v:.2f}" for k, v in r["validate_breakdown_cpu"].items() if isinstance(v, float))
        lines.append(f"  N={r['n']} validatie per onderdeel: {parts}")
        for query, found in (r["sizes"].get("search") or {}).items():
            kinds = ", ".join(
                f"{k} {kb(v)}" for k, v in sorted(found["by_kind_transfer"].items(), key=lambda kv: -kv[1])
            )
            lines.append(
                f"  N={r['n']} zoeken '{query}': {kb(found['transfer'])} KB in {found['requests']} verzoeken: {kinds}"
            )
    return lines


def goal_lines(checks: list[dict[str, Any]]) -> list[str]:
    """One line per goal: status, name, measured value, limit and details."""
    lines = []
    for t in checks:
        value = "–" if t["value"] is None else f"{t['value']:.2f} {t['unit']}"
        detail = f"; {t['detail']}" if t["detail"] else ""
        lines.append(f"  {t['status']:<12} {t['target']}: {value} (grens {t['limit']:g} {t['unit']}){detail}")
    return lines
