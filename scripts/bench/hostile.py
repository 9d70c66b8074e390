"""Validation time of hostile inputs (issues 9 and 14): each shape at half and full size, so
a check that grows faster than its input shows as a ratio well above 2."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from common import REPO
from measure import run_inprocess

HOSTILE_BASE = REPO / "tests" / "fixtures" / "bad" / "safe001-script" / "practices" / "voorbeeld.md"


def _hostile_cases(half: bool) -> dict[str, dict[str, str]]:
    """The hostile shapes at full size, or at half size when ``half``.

    The 16 000 links exceed the 200 KB body limit (one message); 7 000 links stay just under
    it and so go through every check, as do 2 000 ``related`` ids (under the 32 KB front matter limit).
    """
    base = HOSTILE_BASE.read_text(encoding="utf-8").replace("\n<script>alert(1)</script>\n", "")
    div = 2 if half else 1

    def related(i: int, count: int) -> str:
        return "related: [" + ", ".join(f"pr-{90000 + i * count + j}" for j in range(count)) + "]"

    def links(count: int) -> str:
        return base + "\n" + " ".join(f"[b{i}](https://x.nl/{i})" for i in range(count)) + "\n"

    return {
        "500 bestanden met elk 10 onbekende related-id's": {
            f"practices/p{i:03d}.md": base.replace("id: pr-101", f"id: pr-{i + 101:03d}").replace(
                "related: []", related(i, 10)
            )
            for i in range(500 // div)
        },
        "1 item met 16 000 links in een alinea": {"practices/links.md": links(16000 // div)},
        "1 item met 7 000 links (onder 200 KB)": {"practices/links.md": links(7000 // div)},
        "1 item met 2 000 onbekende related-id's": {
            "practices/rel.md": base.replace("related: []", related(0, 2000 // div))
        },
        "1 item met 8 000 keer [": {"practices/haken.md": base + "\n" + "[" * (8000 // div) + "\n"},
        "1 item met 800 geneste lijstniveaus": {
            "practices/lijst.md": base + "\n" + "\n".join(" " * (4 * k) + "- x" for k in range(800 // div)) + "\n"
        },
    }


def hostile_scaling() -> list[dict[str, Any]]:
    """Each hostile shape at half and full size: CPU seconds, problem counts and their ratio."""
    from kennisbank.adapters.pipeline import check

    out = []
    half, full = _hostile_cases(True), _hostile_cases(False)
    for name in full:
        measured = []
        for files in (half[name], full[name]):
            with tempfile.TemporaryDirectory() as tmp:
                root = Path(tmp)
                shutil.copy(REPO / "vocabularies.yml", root / "vocabularies.yml")
                shutil.copytree(REPO / "schemas", root / "schemas")
                for rel, text in files.items():
                    (root / rel).parent.mkdir(parents=True, exist_ok=True)
                    (root / rel).write_text(text, encoding="utf-8")
                sample, checked = run_inprocess(lambda root=root: check(root))
                measured.append((sample.cpu, len(checked.problems), checked.problems[:2]))
        out.append(
            {
                "case": name,
                "cpu": [m[0] for m in measured],
                "problems": [m[1] for m in measured],
                "ratio": measured[1][0] / max(measured[0][0], 1e-3),
                "example": [str(p) for p in measured[1][2]],
            }
        )
    return out
