"""Linear everywhere (issue 14, item 5): CPU seconds of ``kb validate`` and ``kb build`` at
N = 1000, 2000 and 4000, with a check on the quadratic term, and the hostile shapes at two
sizes each.

A step is taken to be linear when its CPU time at N = 4000 is at most 4.4 × that at N = 1000
(4 × for the work itself, plus room for noise on a shared machine). Both commands run as
contributors run them, in a fresh process; ``os.wait4`` gives the CPU time of that process
and of everything it waited for (MkDocs and Pagefind under ``kb build``). The hostile
shapes (``hostile.py``) run at half and full size, so a superlinear check shows as a ratio
well above 2.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from common import REPO
from corpus import write_corpus
from measure import run_measured

SIZES = (1000, 2000, 4000)
LIMIT = 4.4


def _kb(*args: str) -> list[str]:
    return [sys.executable, "-m", "kennisbank", *args]


def scale(sizes: tuple[int, ...] = SIZES, seed: int = 2024, keep: Path | None = None) -> dict[str, Any]:
    """CPU seconds (and wall, peak RSS) of ``kb validate`` and ``kb build`` per N, plus ratios."""
    rows: dict[str, dict[int, dict[str, float]]] = {"kb validate": {}, "kb build": {}}
    for n in sizes:
        work = Path(tempfile.mkdtemp(prefix=f"kb-scale-{n}-", dir=keep))
        try:
            write_corpus(REPO, work / "project", n, seed)
            project = str(work / "project")
            for name, command in (
                ("kb validate", _kb("validate", "--root", project)),
                ("kb build", _kb("build", "--root", project, "--site-dir", str(work / "site"))),
            ):
                sample = run_measured(command, work, work / f"{name.replace(' ', '-')}.log")
                rows[name][n] = sample.__dict__
                print(f"   N = {n}: {name} {sample.cpu:.1f} CPU-s ({sample.wall:.1f} s wand)", flush=True)
        finally:
            if keep is None:
                shutil.rmtree(work, ignore_errors=True)
    ratios = {
        name: by_n[sizes[-1]]["cpu"] / by_n[sizes[0]]["cpu"] for name, by_n in rows.items() if len(by_n) == len(sizes)
    }
    return {"sizes": list(sizes), "rows": rows, "ratios": ratios, "limit": LIMIT * sizes[-1] / sizes[0] / 4}


def scaling_lines(result: dict[str, Any] | None, hostile: list[dict[str, Any]]) -> list[str]:
    """The scaling table (when measured) and the hostile table, as printed by ``make bench``."""
    lines: list[str] = []
    if result:
        lines += _scaling_table(result)
    lines += ["vijandige vorm (half → vol) | CPU-s | meldingen | verhouding (lineair ≈ 2)", "-|-|-|-"]
    for h in hostile:
        lines.append(
            f"{h['case']} | {h['cpu'][0]:.2f} → {h['cpu'][1]:.2f} | {h['problems'][0]} → {h['problems'][1]} | "
            f"{h['ratio']:.1f}"
        )
    return lines


def _scaling_table(result: dict[str, Any]) -> list[str]:
    sizes = result["sizes"]
    lines = [
        "stap (CPU-s) | " + " | ".join(f"N = {n}" for n in sizes) + f" | N={sizes[-1]}/N={sizes[0]} | lineair",
        "-|" + "-|" * len(sizes) + "-|-",
    ]
    for name, rows in result["rows"].items():
        by_n = {int(n): row for n, row in rows.items()}  # JSON turns the keys into text
        ratio = result["ratios"].get(name)
        verdict = "–" if ratio is None else ("MET" if ratio <= result["limit"] else "NOT MET")
        cells = " | ".join(f"{by_n[n]['cpu']:.1f}" if n in by_n else "–" for n in sizes)
        lines.append(
            f"{name} | {cells} | {'–' if ratio is None else f'{ratio:.2f}'} | {verdict} (≤ {result['limit']:g})"
        )
    lines.append("")
    return lines
