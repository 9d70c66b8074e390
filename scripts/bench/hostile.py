"""Validation time of hostile inputs (issue 9)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from common import REPO
from measure import run_inprocess

HOSTILE_BASE = REPO / "tests" / "fixtures" / "bad" / "safe001-script" / "practices" / "voorbeeld.md"


def hostile_inputs() -> list[tuple[str, float, int]]:
    """Validation time of hostile inputs (issue 9): ``(case, CPU seconds, problems)``.

    Each case is a project in a temporary folder with the repository's vocabularies and
    schemas; ``kennisbank.adapters.pipeline.check`` runs in-process, as ``kb validate`` does.
    """
    from kennisbank.adapters.pipeline import check

    base = HOSTILE_BASE.read_text(encoding="utf-8").replace("\n<script>alert(1)</script>\n", "")
    cases: dict[str, dict[str, str]] = {
        "500 bestanden x 10 onbekende related-id's": {
            f"practices/p{i:03d}.md": base.replace("id: pr-101", f"id: pr-{i + 101:03d}").replace(
                "related: []", "related: [" + ", ".join(f"pr-{9000 + i * 10 + j}" for j in range(10)) + "]"
            )
            for i in range(500)
        },
        "1 item met 16 000 links in een alinea": {
            "practices/links.md": base + "\n" + " ".join(f"[b{i}](https://x.nl/{i})" for i in range(16000)) + "\n"
        },
        "1 item met 7 000 links (net onder 200 KB)": {
            "practices/links.md": base + "\n" + " ".join(f"[b{i}](https://x.nl/{i})" for i in range(7000)) + "\n"
        },
        "1 item met 8 000 keer [": {"practices/haken.md": base + "\n" + "[" * 8000 + "\n"},
        "1 item met 800 geneste lijstniveaus": {
            "practices/lijst.md": base + "\n" + "\n".join(" " * (4 * k) + "- x" for k in range(800)) + "\n"
        },
    }
    out = []
    for name, files in cases.items():
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            shutil.copy(REPO / "vocabularies.yml", root / "vocabularies.yml")
            shutil.copytree(REPO / "schemas", root / "schemas")
            for rel, text in files.items():
                (root / rel).parent.mkdir(parents=True, exist_ok=True)
                (root / rel).write_text(text, encoding="utf-8")
            sample, checked = run_inprocess(lambda root=root: check(root, cache=False))
            out.append((name, sample.cpu, len(checked.problems)))
    return out
