"""The goals of issue 14, each MET, NOT MET or NOT MEASURED with the measured value."""

from __future__ import annotations

from typing import Any

from common import QUERIES


def _search_kb(r: dict[str, Any] | None) -> float | None:
    found = r and r["sizes"].get("search")
    return max(q["transfer"] for q in found.values()) / 1024 if found else None


def _search_detail(r: dict[str, Any] | None) -> str:
    where = "grootste van " + ", ".join(repr(q) for q in QUERIES) + "; alles wat de browser ophaalt onder /pagefind/"
    found = r and r["sizes"].get("search")
    if not found:
        return where
    query, largest = max(found.items(), key=lambda item: item[1]["transfer"])
    own = largest.get("pagefind_own")
    if own is None:
        return where
    return (
        f"{where}; van {query!r} is {own / 1024:.1f} KB Pagefind zelf (WebAssembly, pagefind.js, metadata, "
        f"indexdelen van vaste omvang), {(largest['transfer'] - own) / 1024:.1f} KB fragmenten van de getoonde resultaten"
    )


def goals(
    results: list[dict[str, Any]], scaling: dict[str, Any] | None, memory: dict[str, Any] | None
) -> list[dict[str, Any]]:
    """Issue 14's goals from the per-N results, the scaling table and the memory routes
    (the warm runs and the live preview: ``warm.warm_targets``)."""
    by_n = {r["n"]: r for r in results}
    r1 = by_n.get(1000)
    out: list[dict[str, Any]] = []

    def add(name: str, value: float | None, limit: float, unit: str, detail: str | None) -> None:
        status = "NOT MEASURED" if value is None else ("MET" if value <= limit else "NOT MET")
        out.append({"target": name, "value": value, "limit": limit, "unit": unit, "status": status, "detail": detail})

    base1 = r1 and r1["base_build_cpu"]["median"]
    add(
        "koude build N=1000 ≤ 1,15 × eerlijke basis (CPU)",
        r1 and r1["ratio_cpu"],
        1.15,
        "×",
        r1 and f"{r1['build_cpu']['median']:.1f} tegen {base1:.1f} CPU-s; wandtijd {r1['ratio_wall']:.2f}×",
    )
    for n, limit in ((5000, 150.0), (1000, 120.0)):
        add(
            f"eerste zoekvraag N={n} ≤ {limit:g} KB gzip",
            _search_kb(by_n.get(n)),
            limit,
            "KB",
            _search_detail(by_n.get(n)),
        )
    if scaling:
        for name, ratio in scaling["ratios"].items():
            add(f"lineair: {name} N=4000 / N=1000 (CPU)", ratio, scaling["limit"], "×", None)
    else:
        add("lineair: N=4000 / N=1000 (CPU)", None, 4.4, "×", None)
    add(*_memory_goal(memory))
    return out


def _memory_goal(memory: dict[str, Any] | None) -> tuple[str, float | None, float, str, str | None]:
    name = f"piek-RSS Pagefind N={memory['n'] if memory else 5000} ≤ 1 GB (of de gemeten vloer van Pagefind)"
    if not memory:
        return name, None, 1024.0, "MB", None
    routes, checks = memory["routes"], memory["checks"]
    # The floor route indexes a cut-down copy of the site: evidence, not a way to build.
    equal = {k: routes[k]["tree_rss_mb"] for k, c in checks.items() if c["equal"] and k != "floor"}
    best = min(equal, key=lambda k: equal[k]) if equal else "cli"
    floor = routes.get("floor", {}).get("tree_rss_mb")
    detail = f"beste route met gelijke resultaten: {best}; huidige route (cli) {routes['cli']['tree_rss_mb']:.0f} MB"
    if floor:
        above = routes[best]["tree_rss_mb"] / floor - 1
        detail += (
            f"; vloer van Pagefind zelf (alleen de geïndexeerde inhoud) {floor:.0f} MB, de beste route ligt daar "
            f"{above:.0%} boven"
            + ("; de vloer ligt boven 1 GB: geen route met gelijke resultaten haalt 1 GB" if floor > 1024 else "")
        )
    return name, routes[best]["tree_rss_mb"], 1024.0, "MB", detail
