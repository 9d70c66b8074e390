"""Measuring: CPU time and peak memory of a subprocess or a call, the read-and-parse floor,
the parts of validation."""

from __future__ import annotations

import gc
import os
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from common import ENV

from kennisbank.content.collections import COLLECTIONS


@dataclass
class Sample:
    """One measurement: wall seconds, CPU seconds and (for subprocesses) peak RSS in MB."""

    wall: float
    cpu: float
    rss_mb: float = 0.0


def run_measured(command: list[str], cwd: Path, log: Path) -> Sample:
    """Run ``command``; return its wall time, its own CPU time (user+sys) and peak RSS.

    ``os.wait4`` reports the resources of exactly this child (and its waited-for
    descendants), unlike ``RUSAGE_CHILDREN``, which accumulates over all children.
    """
    with log.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"Mislukt (code {process.returncode}): {' '.join(command)}\n{tail}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def run_inprocess(fn: Callable[[], Any]) -> tuple[Sample, Any]:
    gc.collect()
    wall0, cpu0 = time.perf_counter(), time.process_time()
    result = fn()
    return Sample(time.perf_counter() - wall0, time.process_time() - cpu0), result


def floor(root: Path) -> int:
    """Read every entry file and parse its front matter with the C YAML loader."""
    count = 0
    for collection in COLLECTIONS:
        for path in sorted((root / collection.folder).glob("*.md")):
            text = path.read_text(encoding="utf-8")
            end = text.find("\n---", 3)
            yaml.load(text[4:end], Loader=yaml.CSafeLoader)
            count += 1
    return count


def site_url(mkdocs_yml: Path) -> str:
    """The site URL the build uses: ``KB_SITE_URL`` or the default in ``mkdocs.yml``.

    It matters for timing: every entry page carries a QR code of its full permalink, and
    a longer URL means a larger, slower QR code.
    """
    from kennisbank.checks.markdown_render import load_mkdocs_config  # MkDocs' own reading, !ENV included

    return str(load_mkdocs_config(mkdocs_yml).site_url or "")


def validate_breakdown(root: Path) -> dict[str, float]:
    """CPU seconds of each part of validation, measured once (for the report, not a target)."""
    from kennisbank.checks import validate as v
    from kennisbank.checks.links import cross_entry_problems
    from kennisbank.checks.markdown_render import BodyRenderer, project_config
    from kennisbank.checks.privacy import personal_data_problems
    from kennisbank.checks.safety import body_problems
    from kennisbank.checks.schema_problems import schema_problems
    from kennisbank.content.project import load_project
    from kennisbank.content.schemas import load_schemas

    out: dict[str, float] = {}

    def part(name: str, fn: Callable[[], Any]) -> Any:
        sample, result = run_inprocess(fn)
        out[name] = sample.cpu
        return result

    project = part("load_project", lambda: load_project(root))
    schemas = part("load_schemas", lambda: load_schemas(root / "schemas"))
    entries = project.entries

    part("schema", lambda: [list(schema_problems(e, schemas, set())) for e in entries])
    part("vocabularies", lambda: [list(v._vocabulary_problems(e, project.vocabularies)) for e in entries])
    renderer = BodyRenderer(*project_config(root))
    part("body (Python-Markdown + nh3)", lambda: [body_problems(e, renderer) for e in entries])
    part(
        "personal data", lambda: [personal_data_problems(e, project.vocabularies.functional_mailboxes) for e in entries]
    )
    part("cross-entry", lambda: cross_entry_problems(entries))
    return out


def summary(samples: list[Sample], attr: str = "wall") -> dict[str, float]:
    values = [getattr(s, attr) for s in samples]
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}
