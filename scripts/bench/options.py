"""The benchmark's command-line options, and results of earlier runs that stand in for a measure."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from common import REPO

DESCRIPTION = "Performance benchmark of the kennisbank: validation, generation, build, search payload."


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=DESCRIPTION)
    add = parser.add_argument
    add("--quick", action="store_true", help="alleen N = 100 en 1000, zonder schaaltabel")
    add(
        "--sizes", type=lambda s: [int(x) for x in s.split(",")], default=None, help="eigen lijst van N, bijv. 100,2000"
    )
    add("--runs", type=int, default=None, help="aantal herhalingen per N (standaard 3; 1 bij --quick)")
    add("--json", type=Path, default=REPO / "bench-results" / "bench.json", help="JSON-uitvoer")
    add("--seed", type=int, default=2024, help="zaad van het synthetische corpus")
    add("--keep", type=Path, default=None, help="bewaar de tijdelijke mappen onder deze map")
    add("--no-browser", action="store_true", help="zoek-payload niet meten")
    add("--hostile-only", action="store_true", help="alleen de vijandige invoer (enkele seconden)")
    add("--skip-scaling", action="store_true", help="de schaaltabel (N = 1000, 2000, 4000) overslaan")
    add("--skip-memory", action="store_true", help="Pagefinds geheugenroutes bij N = 5000 overslaan")
    add("--skip-warm", action="store_true", help="de warme runs na een bewerking overslaan")
    add(
        "--scaling-json",
        type=Path,
        default=None,
        help="schaaltabel uit een eerdere run (scaling.py) in plaats van meten",
    )
    add(
        "--memory-json",
        type=Path,
        default=None,
        help="geheugenroutes uit een eerdere run (memory.py) in plaats van meten",
    )
    add("--results-json", type=Path, default=None, help="resultaten per N uit een eerdere run in plaats van meten")
    add("--at-scale", type=Path, default=None, help="N=5000-doelen op de map van memory.py (zonder nieuwe build)")
    add("--split", type=int, default=4, help="aantal delen van de gesplitste index (geheugenroutes)")
    return parser.parse_args()


def earlier(path: Path | None) -> dict[str, Any] | None:
    """A result written by an earlier run of ``scaling.py`` or ``memory.py``, if it is there."""
    if path is None or not path.is_file():
        if path:
            print(f"Let op: {path} bestaat (nog) niet; dat deel blijft ongemeten.")
        return None
    return json.loads(path.read_text(encoding="utf-8"))
