"""Shared fixtures: the repository's own site, built once per test session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


#: Fixtures that build a whole site; a test that uses one is a ``site`` test (so is a test
#: marked ``site`` by hand because it starts MkDocs itself).
SITE_FIXTURES = {"built_site", "built_site_subpath", "hostile_site", "project_copy", "build"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test by what it needs: ``browser`` (Chromium), ``engine`` (a second site
    engine), ``site`` (a real site build) or else ``unit``. ``make test-fast`` runs ``unit``."""
    for item in items:
        module = item.path.name
        if any(next(item.iter_markers(name), None) for name in ("site", "browser", "engine")):
            continue
        if module == "test_browser.py":
            item.add_marker(pytest.mark.browser)
        elif module == "test_engine.py":
            item.add_marker(pytest.mark.engine)
        elif (
            SITE_FIXTURES & set(getattr(item, "fixturenames", ()))
            or "build_site" in getattr(item.function, "__code__", type("", (), {"co_names": ()})).co_names
        ):
            item.add_marker(pytest.mark.site)
        else:
            item.add_marker(pytest.mark.unit)


def build_site(
    root: Path, site_dir: Path, site_url: str | None = None, extra_env: dict | None = None
) -> subprocess.CompletedProcess:
    """Build the site of the project at ``root`` into ``site_dir`` with ``mkdocs build``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    if site_url is not None:
        env["KB_SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml"), "-d", str(site_dir)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def copy_project(target: Path) -> Path:
    """Copy the repository (without .venv, site and caches) to ``target`` for tests that change content."""
    ignore = shutil.ignore_patterns(".venv", "site", "__pycache__", ".pytest_cache", "*.egg-info", ".git", ".cache")
    shutil.copytree(ROOT, target, ignore=ignore)
    return target


#: The settings the root build is configured with: a repository of its own and the editors'
#: address (mkdocs.yml: the plugin's repo_url and extra.contact_email). The sub-path build
#: keeps mkdocs.yml's defaults: the default repository and no address.
CONFIGURED = {
    "KB_REPO_URL": "https://github.com/voorbeeld-org/kennisbank-proef",
    "KB_CONTACT_EMAIL": "redactie@voorbeeld.nl",
}


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The repository's own site, built at the root of its host (site_url http://127.0.0.1/),
    with the settings in :data:`CONFIGURED`."""
    site = tmp_path_factory.mktemp("site") / "site"
    result = build_site(ROOT, site, site_url="http://127.0.0.1:8000/", extra_env=CONFIGURED)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def built_site_subpath(tmp_path_factory) -> Path:
    """The repository's own site, built to be served under the sub-path /kennisbank/ (no
    editors' address configured: KB_CONTACT_EMAIL is emptied, whatever the environment says)."""
    site = tmp_path_factory.mktemp("site-sub") / "site"
    result = build_site(ROOT, site, site_url="http://127.0.0.1:8000/kennisbank/", extra_env={"KB_CONTACT_EMAIL": ""})
    assert result.returncode == 0, result.stdout + result.stderr
    return site


# --- Browser tests (test_browser.py, test_form.py): one chromium and one pair of servers ----


@pytest.fixture(scope="session")
def servers(request):
    """``get(name)``: the test server for the root ('root') or sub-path ('sub') build, started once."""
    from test_browser import MOUNTS, start_server, stop_server

    started: dict = {}

    def get(name: str):
        if name not in started:
            site = request.getfixturevalue("built_site" if name == "root" else "built_site_subpath")
            started[name] = start_server(name, site, MOUNTS[name])
        return started[name]

    yield get
    for server in started.values():
        stop_server(server)


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium through Playwright; nothing downloads a browser."""
    from test_browser import CHROMIUM, CHROMIUM_ARGS

    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} ontbreekt: de browsertests gebruiken Debians chromium. Installeer het met "
            "'make browser' of 'sudo apt-get install chromium' (er wordt nooit een browser gedownload).",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    except Exception:
        playwright.stop()
        raise
    yield chromium
    chromium.close()
    playwright.stop()
