"""The repository as an engineer who carries it on finds it: nothing generated is tracked,
modules stay small, and the Markdown configuration of the checks is the site's."""

from __future__ import annotations

import ast
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "scripts" / "kennisbank"


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="geen git-checkout")
def test_nothing_generated_is_tracked():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split(
        "\n"
    )
    generated = [p for p in tracked if p.startswith((".venv/", "site/", ".cache/")) or "node_modules/" in p]
    assert generated == [], generated[:10]


def test_modules_stay_under_300_lines_and_functions_under_50():
    too_long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        name = path.relative_to(PACKAGE).as_posix()
        if source.count("\n") >= 300:
            too_long.append(f"{name}: {source.count(chr(10))} regels")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno + 1 > 50:
                too_long.append(f"{name}: {node.name}() {node.end_lineno - node.lineno + 1} regels")
    assert too_long == []


def test_the_core_never_imports_mkdocs():
    """Only the adapters know the site engine, so the core survives a change of engine."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.parent.name == "adapters":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else ([node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            )
            if any(n == "mkdocs" or n.startswith("mkdocs.") for n in names):
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    # markdown_render reads mkdocs.yml through MkDocs' own loader, lazily, and only that.
    assert {o.split(":")[0] for o in offenders} <= {"checks/markdown_render.py"}, offenders


def test_default_markdown_configuration_is_the_sites():
    """Projects without mkdocs.yml (the test fixtures) are checked with the repository's configuration."""
    from kennisbank.checks.markdown_render import DEFAULT_CONFIGS, DEFAULT_EXTENSIONS, markdown_config

    path = ROOT / "mkdocs.yml"
    assert markdown_config(str(path), path.stat().st_mtime) == (DEFAULT_EXTENSIONS, DEFAULT_CONFIGS)


def test_reading_the_markdown_settings_leaves_a_running_builds_plugins_alone(tmp_path):
    """The checks read mkdocs.yml's Markdown settings while a build runs. A build of another
    configuration file (``mkdocs build -f other.yml``, as the benchmark does) keeps that
    file's plugin settings: here, no Pagefind and no cache."""
    from mkdocs.config import load_config

    from kennisbank.checks.markdown_render import markdown_config

    other = tmp_path / "other.yml"
    other.write_text(
        f"site_name: Ander bestand\ndocs_dir: {ROOT / 'docs'}\n"
        f"plugins:\n  - kennisbank:\n      root: {ROOT}\n      pagefind: false\n      cache: false\n",
        encoding="utf-8",
    )
    running = load_config(str(other))
    path = ROOT / "mkdocs.yml"
    markdown_config.cache_clear()
    markdown_config(str(path), path.stat().st_mtime)
    settings = running.plugins["kennisbank"].config
    assert (settings.pagefind, settings.cache) == (False, False)
