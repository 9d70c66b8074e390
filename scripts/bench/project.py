"""The benchmark's projects: a synthetic corpus with the repository's configuration, the
baseline configuration without the kennisbank plugin, and the two builds."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path
from typing import Any

from common import REPO
from corpus import write_corpus
from measure import Sample, run_measured

#: How mkdocs.yml switches our plugin's Pagefind run (see the repository's mkdocs.yml).
_OWN_PAGEFIND = "pagefind: !ENV [KB_PAGEFIND, true]"


def mkdocs_config(source: str, plugins: str) -> str:
    """``mkdocs.yml`` text with its ``plugins:`` block replaced by ``plugins``."""
    new, count = re.subn(r"(?ms)^plugins:\n(?:  .*\n)+", plugins, source)
    if count != 1:
        raise SystemExit("Kan het blok 'plugins:' in mkdocs.yml niet vinden.")
    return new


def prepare(work: Path, n: int, seed: int) -> dict[str, Any]:
    """Write the project, its bench config, and the baseline project for one N."""
    project = work / "project"
    stats = write_corpus(REPO, project, n, seed)
    source = (project / "mkdocs.yml").read_text(encoding="utf-8")
    if _OWN_PAGEFIND not in source:
        raise SystemExit(f"mkdocs.yml heeft geen regel '{_OWN_PAGEFIND}' onder de kennisbank-plugin.")
    # Our build without Pagefind: it is measured on its own afterwards.
    (project / "mkdocs.bench.yml").write_text(source.replace(_OWN_PAGEFIND, "pagefind: false"), encoding="utf-8")

    # The same pages without our plugin: `kb generate --out`, then docs/ on top.
    baseline = work / "baseline"
    baseline.mkdir()
    kb = str(Path(sys.executable).with_name("kb"))
    command = (
        [kb, "generate", "--root", str(project), "--out", str(baseline / "docs")]
        if Path(kb).exists()
        else [
            sys.executable,
            "-m",
            "kennisbank",
            "generate",
            "--root",
            str(project),
            "--out",
            str(baseline / "docs"),
        ]
    )
    stats["kb_generate_cli"] = run_measured(command, work, work / "generate.log").__dict__
    shutil.copytree(project / "docs", baseline / "docs", dirs_exist_ok=True)
    shutil.copytree(project / "overrides", baseline / "overrides")
    own_plugins = re.search(r"(?ms)^plugins:\n(?:  .*\n)+", source).group(0)
    bare = re.sub(r"  - kennisbank:\n(?:      .*\n)*", "", own_plugins)
    (baseline / "mkdocs.yml").write_text(mkdocs_config(source, bare), encoding="utf-8")
    (baseline / "mkdocs.lunr.yml").write_text(
        mkdocs_config(source, bare.replace("plugins:\n", "plugins:\n  - search:\n      lang: nl\n")), encoding="utf-8"
    )
    return stats


def mkdocs_build(config: Path, site: Path, log: Path) -> Sample:
    """A cold build: no site folder and no result cache (warm builds: see warm.py)."""
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(config.parent / ".cache", ignore_errors=True)
    return run_measured(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)], config.parent, log
    )


def pagefind(site: Path, log: Path, ours: bool) -> Sample:
    """Pagefind as our build runs it (with its exclusions), or bare for the baseline."""
    from kennisbank.adapters.search import pagefind_command

    command = (
        pagefind_command(site)
        if ours
        else [sys.executable, "-m", "pagefind", "--site", str(site), "--force-language", "nl"]
    )
    return run_measured(command, site.parent, log)


# --- sizes ------------------------------------------------------------------------------
