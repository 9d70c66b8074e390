"""Quality gates for the built site, checked the way readers meet it: in a real browser.

1. Accessibility: axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA) finds nothing; keyboard users
   get a skip link and see where the focus is.
2. Privacy: a page requests nothing from another host and sets no cookies.
3. Search: a reader searches in Dutch, narrows by collection and theme, opens a result and
   searches again from another page; diacritics do not matter; a title finds its own entry.
4. Links: every internal href and src of every built page resolves, anchors included.
5. Safety: the only inline scripts are the theme's own.
6. CSP: every page works under a strict Content-Security-Policy (see docs/hosting.md).

The browser is Debian's /usr/bin/chromium driven by Playwright; nothing downloads a browser.
Everything runs twice: for a site at the root of its host and for one under /kennisbank/.

`python tests/test_browser.py SITE_DIR` prints the Content-Security-Policy for a built site.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import mimetypes
import re
import sys
import threading
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urljoin, urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
MOUNTS = {"root": "/", "sub": "/kennisbank/"}
DARK_MOUNT = "root"  # where the dark scheme is checked (see make_visit)

# One page of every type a reader meets. The 404 page is requested at an address that does not
# exist, several levels deep, as a web server would serve it.
PAGES = {
    "home": "",
    "praktijkvoorbeelden": "praktijkvoorbeelden/",
    "dilemmas": "dilemmas/",
    "instrumenten": "instrumenten/",
    "praktijkvoorbeeld": "praktijkvoorbeelden/kruispuntbank-belgie/",
    "dilemma": "dilemmas/meerdere-opdrachtgevers/",
    "instrument": "instrumenten/uitvoeringstoets/",
    "thema": "themas/gegevensdeling/",
    "trefwoorden": "trefwoorden/",
    "zoeken": "zoeken/?q=gegevensdeling",
    "handout": "handout/?title=Training&id=pr-002&id=di-001&id=in-006",
    "in-cijfers": "in-cijfers/",
    "welk-instrument-wanneer": "instrumenten/welk-instrument-wanneer/",
    "bijdragen": "bijdragen/",
    "voorstel-praktijkvoorbeeld": "bijdragen/voorstel/praktijkvoorbeeld/",
    "voorstel-dilemma": "bijdragen/voorstel/dilemma/",
    "voorstel-instrument": "bijdragen/voorstel/instrument/",
    "404": "deze/pagina/bestaat-niet/",
}


# --------------------------------------------------------------------------------------------
# Reading built pages
# --------------------------------------------------------------------------------------------


@dataclass
class Script:
    attrs: dict
    text: str

    @property
    def executable(self) -> bool:
        """An inline script the browser runs (and a CSP must allow); JSON data blocks are not."""
        kind = (self.attrs.get("type") or "").strip().lower()
        return "src" not in self.attrs and kind in ("", "module", "text/javascript", "application/javascript")


class PageParser(HTMLParser):
    """Collects ids, internal references and inline scripts of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.scripts: list[Script] = []
        self.blocked_inline: list[str] = []  # what the CSP would block: style attributes, <style>, on* handlers
        self._script: tuple[dict, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        a = {name: (value if value is not None else "") for name, value in attrs}
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for name in ("href", "src") + (("action",) if tag == "form" else ()):
            if name in a:
                self.refs.append((tag, name, a[name]))
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            match = re.search(r"url\s*=\s*(.+)$", a.get("content", ""), re.I)
            if match:
                self.refs.append((tag, "content", match.group(1).strip().strip("'\"")))
        if tag == "script":
            self._script = (a, [])
        if tag == "style":
            self.blocked_inline.append("<style> element")
        for name, value in a.items():
            if name == "style" or (re.fullmatch(r"on[a-z]+", name) and name != "open"):
                self.blocked_inline.append(f"<{tag} {name}={value[:60]!r}>")

    def handle_data(self, data):
        if self._script is not None:
            self._script[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append(Script(self._script[0], "".join(self._script[1])))
            self._script = None


_parsed: dict[Path, PageParser] = {}


def parse(path: Path) -> PageParser:
    if path not in _parsed:
        parser = PageParser()
        with path.open(encoding="utf-8", newline="") as handle:  # keep bytes exact for hashes
            parser.feed(handle.read())
        parser.close()
        _parsed[path] = parser
    return _parsed[path]


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# The theme's own inline scripts (Material for MkDocs), by their exact content. A Material
# upgrade that changes them fails test_only_theme_inline_scripts: review and update this list.
MD_SCOPE = re.compile(
    r'__md_scope=new URL\("[^"\\<]*",location\),'
    + re.escape(
        "__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),"
        '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
        '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}'
    )
)
MD_TABBED = (
    "var target=document.getElementById(location.hash.slice(1));"
    'target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))'
)


def material_palette_script() -> str:
    """The colour-scheme script exactly as Material ships it (partials/javascripts/palette.html)."""
    import material

    template = Path(material.__file__).parent / "templates/partials/javascripts/palette.html"
    return re.search(r"<script>(.*)</script>", template.read_text(encoding="utf-8"), re.S).group(1)


def theme_script(script: Script) -> str | None:
    """The name of the theme script this is, or None when it is not one of the theme's own."""
    if script.attrs == {"id": "__config", "type": "application/json"}:
        try:
            config = json.loads(script.text)
        except ValueError:
            return None
        if isinstance(config, dict) and {"base", "features", "translations"} <= set(config):
            return "Material configuration (JSON, not executed)"
        return None
    if script.attrs == {"type": "application/ld+json"}:
        try:
            data = json.loads(script.text)
        except ValueError:
            return None
        return "schema.org JSON-LD (data, not executed)" if data.get("@context") == "https://schema.org" else None
    if script.attrs:
        return None
    if MD_SCOPE.fullmatch(script.text):
        return "Material localStorage helpers"
    if script.text == MD_TABBED:
        return "Material tabs from #fragment"
    if script.text == material_palette_script():
        return "Material colour scheme (dark mode)"
    return None


def page_policy(path: Path) -> str:
    """The CSP a built page carries in its meta element ('' when it has none)."""
    match = re.search(
        r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', path.read_text(encoding="utf-8")
    )
    return match.group(1) if match else ""


# --------------------------------------------------------------------------------------------
# 4. Links and 5. inline scripts: over the built files, no browser needed
# --------------------------------------------------------------------------------------------

ORIGIN = "http://kennisbank.test"


def page_address(site: Path, path: Path, prefix: str) -> str:
    rel = path.relative_to(site).as_posix()
    if rel == "404.html":  # served at any missing address, so its links must not depend on it
        return ORIGIN + prefix + "deze/pagina/bestaat-niet/"
    if rel == "index.html" or rel.endswith("/index.html"):
        return ORIGIN + prefix + rel[: -len("index.html")]
    return ORIGIN + prefix + rel


def broken_links(site: Path, prefix: str) -> list[str]:
    problems = []
    for path in html_pages(site):
        rel = path.relative_to(site).as_posix()
        here = page_address(site, path, prefix)
        for tag, attr, value in parse(path).refs:
            where = f"{rel}: <{tag} {attr}={value!r}>"
            value = value.strip()
            if not value:
                problems.append(f"{where}: empty reference")
                continue
            scheme = urlsplit(value).scheme.lower()
            if scheme in ("http", "https", "mailto"):
                continue
            if scheme:
                problems.append(f"{where}: unexpected scheme {scheme!r}")
                continue
            target = urlsplit(urljoin(here, value))
            if f"{target.scheme}://{target.netloc}" != ORIGIN:
                continue  # protocol-relative: another host
            if value.startswith("#"):
                file = path
            else:
                url_path = unquote(target.path)
                if not url_path.startswith(prefix):
                    problems.append(f"{where}: points outside the site ({url_path}, site is at {prefix})")
                    continue
                file = site / url_path[len(prefix) :]
                if url_path.endswith("/") or file.is_dir():
                    file = file / "index.html"
                if not file.is_file():
                    problems.append(f"{where}: no such file {file.relative_to(site).as_posix()}")
                    continue
            fragment = unquote(target.fragment)
            if fragment and file.suffix == ".html" and fragment not in parse(file).ids:
                problems.append(f"{where}: no id {fragment!r} in {file.relative_to(site).as_posix()}")
    return problems


@pytest.fixture(params=list(MOUNTS), scope="session")
def build(request) -> tuple[str, Path, str]:
    """(mount name, built site, URL prefix) for the root and the sub-path build."""
    site = request.getfixturevalue("built_site" if request.param == "root" else "built_site_subpath")
    return request.param, site, MOUNTS[request.param]


def test_internal_links_resolve(build):
    name, site, prefix = build
    pages = html_pages(site)
    assert len(pages) > 100, f"{name}: only {len(pages)} HTML pages built"
    problems = broken_links(site, prefix)
    assert not problems, f"{name} build, rule 'internal link resolves' ({len(problems)}):\n" + "\n".join(problems)


def test_only_theme_inline_scripts(build):
    name, site, _ = build
    problems = []
    for path in html_pages(site):
        for script in parse(path).scripts:
            if "src" in script.attrs:
                continue
            if not theme_script(script):
                problems.append(f"{path.relative_to(site).as_posix()}: <script {script.attrs}> {script.text[:120]!r}")
    assert not problems, f"{name} build, rule 'no inline script but the theme's own':\n" + "\n".join(problems)


def test_nothing_the_csp_blocks(build):
    """No style attribute, <style> element or on* handler: the CSP has no 'unsafe-inline'."""
    name, site, _ = build
    problems = [
        f"{path.relative_to(site).as_posix()}: {item}"
        for path in html_pages(site)
        for item in parse(path).blocked_inline
    ]
    assert not problems, f"{name} build, rule 'no inline styles or event handlers' ({len(problems)}):\n" + "\n".join(
        problems[:50]
    )


def test_every_page_carries_a_csp_that_allows_exactly_its_theme_scripts(build):
    """GitHub Pages sends no headers, so each page holds its policy as a meta element, before
    any script; it lists the hash of each theme script on the page and nothing inline else."""
    name, site, _ = build
    problems = []
    for path in html_pages(site):
        where = path.relative_to(site).as_posix()
        text = path.read_text(encoding="utf-8")
        policy = page_policy(path)
        if not policy:
            problems.append(f"{where}: no CSP meta element")
            continue
        if "unsafe-inline" in policy or "unsafe-eval'" in policy.replace("wasm-unsafe-eval'", ""):
            problems.append(f"{where}: unsafe source in {policy}")
        if "<script" in text and text.find("Content-Security-Policy") > text.find("<script"):
            problems.append(f"{where}: the CSP comes after a script")
        wanted = {
            "'sha256-" + base64.b64encode(hashlib.sha256(s.text.encode()).digest()).decode() + "'"
            for s in parse(path).scripts
            if s.executable
        }
        listed = set(re.findall(r"'sha256-[^']+'", policy))
        if wanted != listed:
            problems.append(f"{where}: hashes {sorted(listed)} for scripts {sorted(wanted)}")
    assert not problems, f"{name} build, rule 'CSP meta on every page':\n" + "\n".join(problems[:30])


def test_hosting_page_gives_the_header_for_every_page(built_site_subpath):
    """The hosting page shows one header whose hashes cover the theme scripts of every page."""
    text = (built_site_subpath / "hosting" / "index.html").read_text(encoding="utf-8")
    match = re.search(r"Content-Security-Policy: ([^<]*)</code>", text)
    assert match, "hosting page, rule 'shows the header'"
    shown = set(re.findall(r"'sha256-[^']+'", html.unescape(match.group(1))))
    needed = {h for path in html_pages(built_site_subpath) for h in re.findall(r"'sha256-[^']+'", page_policy(path))}
    assert needed and shown == needed, f"hosting page, rule 'header covers every page': {sorted(shown ^ needed)}"


# --------------------------------------------------------------------------------------------
# The test server: the built site under a URL prefix, with the CSP header on every response
# --------------------------------------------------------------------------------------------


class SiteHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: every response has a Content-Length
    site: Path
    prefix: str
    csp: str

    def do_GET(self):
        self._serve(body=True)

    def do_HEAD(self):
        self._serve(body=False)

    def _serve(self, body: bool) -> None:
        parts = urlsplit(self.path)
        url_path = unquote(parts.path)
        root = self.site.resolve()
        file = None
        if url_path.startswith(self.prefix):
            candidate = (root / url_path[len(self.prefix) :]).resolve()
            if candidate.is_relative_to(root):
                if candidate.is_dir():
                    if not url_path.endswith("/"):
                        self.send_response(301)
                        self.send_header("Location", parts.path + "/" + (f"?{parts.query}" if parts.query else ""))
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return
                    candidate = candidate / "index.html"
                if candidate.is_file():
                    file = candidate
        status = 200 if file else 404
        file = file or root / "404.html"
        data = file.read_bytes()
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind.endswith(("json", "javascript", "xml")):
            kind += "; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        # No CSP header, as on GitHub Pages: the meta element in each page must do the work.
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def log_message(self, format, *args):
        pass


@dataclass
class Server:
    name: str
    site: Path
    prefix: str
    csp: str
    httpd: ThreadingHTTPServer
    thread: threading.Thread

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.httpd.server_address[1]}"

    @property
    def base(self) -> str:
        return f"http://{self.host}{self.prefix}"

    def url(self, path: str) -> str:
        return self.base + path


def start_server(name: str, site: Path, prefix: str) -> Server:
    csp = ""
    handler = type("Handler", (SiteHandler,), {"site": site, "prefix": prefix, "csp": csp})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, name=f"site-{name}", daemon=True)
    thread.start()
    return Server(name, site, prefix, csp, httpd, thread)


def stop_server(server: Server) -> None:
    server.httpd.shutdown()
    server.httpd.server_close()
    server.thread.join(timeout=10)


# The fixtures ``browser`` (Debian's chromium through Playwright) and ``servers`` (the built
# sites behind test servers) live in conftest.py, so every browser test module shares them.


def axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


# Reports CSP violations to Python; init scripts and bindings are not subject to the page's CSP.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.__kbCspViolation({directive: e.effectiveDirective, blocked: e.blockedURI,
    source: e.sourceFile + ":" + e.lineNumber, sample: e.sample});
});
"""


@dataclass
class Watch:
    """Everything a browser context did: requests, failures, console errors, CSP violations."""

    requests: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    csp: list[dict] = field(default_factory=list)

    def clear(self) -> None:
        for recorded in (self.requests, self.failures, self.errors, self.csp):
            recorded.clear()


def open_context(browser, watch: Watch):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.expose_function("__kbCspViolation", lambda violation: watch.csp.append(violation))
    context.add_init_script(CSP_LISTENER)

    def on_response(response):
        if response.status >= 400:
            watch.failures.append(f"HTTP {response.status} {response.url}")

    def on_console(message):
        if message.type == "error":
            watch.errors.append(f"console: {message.text} ({message.location.get('url', '')})")

    context.on("request", lambda r: watch.requests.append(r.url))
    context.on("response", on_response)
    context.on("requestfailed", lambda r: watch.failures.append(f"failed ({r.failure}) {r.url}"))
    context.on("console", on_console)
    context.on("weberror", lambda e: watch.errors.append(f"uncaught: {e.error}"))
    return context


def foreign_requests(requests: list[str], server: Server) -> list[str]:
    return [
        url
        for url in requests
        if urlsplit(url).scheme not in ("data", "blob")
        and (urlsplit(url).scheme != "http" or urlsplit(url).netloc != server.host)
    ]


# The focused element and whether its focus is visible: an outline or box-shadow, and an outline
# that contrasts at least 3:1 with the background around it (WCAG 1.4.11, 2.4.7).
FOCUS_STYLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const rgb = (c) => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
  const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  let around = {r: 255, g: 255, b: 255, a: 1};
  for (let e = el.parentElement; e; e = e.parentElement) {
    const c = rgb(getComputedStyle(e).backgroundColor);
    if (c && c.a > 0) { around = c; break; }
  }
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
  const oc = rgb(s.outlineColor);
  let contrast = null;
  if (outline && s.outlineStyle !== "auto" && oc) {
    const [hi, lo] = [lum(oc), lum(around)].sort((a, b) => b - a);
    contrast = Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100;
  }
  const r = el.getBoundingClientRect();
  const label = (el.getAttribute("aria-label") || el.textContent || "").trim().slice(0, 40);
  return {
    element: el.tagName.toLowerCase() + (typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\\s+/).join(".") : ""),
    text: label,
    outline, contrast, outlineColor: s.outlineColor, background: `rgb(${around.r}, ${around.g}, ${around.b})`,
    shadow: s.boxShadow !== "none",
    onscreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
    inContent: !!el.closest(".md-content"),
  };
}"""


@dataclass
class Visit:
    server: Server
    key: str
    url: str
    status: int = 0
    csp_header: str = ""
    requests: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    csp: list[dict] = field(default_factory=list)
    cookies: list[dict] = field(default_factory=list)
    keyboard: list[str] = field(default_factory=list)
    axe: list[dict] = field(default_factory=list)
    axe_dark: list[dict] = field(default_factory=list)
    dark_scheme: str = ""

    @property
    def where(self) -> str:
        return f"[{self.server.name}] {self.key} ({self.url})"


def focus_problem(state: dict | None) -> str | None:
    if not state:
        return None
    if not (state["outline"] or state["shadow"]):
        return f"rule 'visible focus': {state['element']} {state['text']!r} has no outline or box-shadow"
    if state["outline"] and state["contrast"] is not None and state["contrast"] < 3 and not state["shadow"]:
        return (
            f"rule 'visible focus' (contrast): {state['element']} {state['text']!r}: outline {state['outlineColor']} "
            f"on {state['background']} is {state['contrast']}:1, needs 3:1"
        )
    return None


def keyboard_problems(page) -> list[str]:
    """Tab from the top: the first stop is a visible skip link; every stop shows its focus;
    following the skip link puts the next Tab stop in the content."""
    problems = []
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUS_STYLE)
    if not first or "md-skip" not in first["element"]:
        problems.append(f"rule 'skip link first': first Tab stop is {first}, not a.md-skip")
    elif not first["onscreen"]:
        problems.append("rule 'skip link visible on focus': a.md-skip is not on screen when focused")
    for _ in range(12):
        problem = focus_problem(page.evaluate(FOCUS_STYLE))
        if problem and problem not in problems:
            problems.append(problem)
        page.keyboard.press("Tab")
    if page.locator("a.md-skip").count() == 1:
        target = page.locator("a.md-skip").get_attribute("href")
        page.focus("a.md-skip")
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STYLE)
        if not state or not state["inContent"]:
            problems.append(f"rule 'skip link works': after following {target!r}, Tab goes to {state}, not the content")
        else:
            for _ in range(4):
                problem = focus_problem(page.evaluate(FOCUS_STYLE))
                if problem and problem not in problems:
                    problems.append(problem)
                page.keyboard.press("Tab")
    # The footer (dark background) is far down most pages: start at its first link.
    footer = page.locator(".md-footer a")
    if footer.count():
        footer.first.focus()
        for _ in range(min(footer.count(), 8)):
            problem = focus_problem(page.evaluate(FOCUS_STYLE))
            if problem and problem not in problems:
                problems.append(problem)
            page.keyboard.press("Tab")
    return problems


def run_axe(page) -> list[dict]:
    page.evaluate(axe_source())
    return page.evaluate(
        """async (tags) => {
          const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
          return result.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map((n) => n.target.join(" ") + " — " + (n.failureSummary || "").replace(/\\s+/g, " "))}));
        }""",
        AXE_TAGS,
    )


SCHEME = "document.body.getAttribute('data-md-color-scheme')"


def settle(page, key: str) -> None:
    """Wait until a page is as a reader sees it: search results and handouts are built by
    scripts after the page has loaded."""
    if key == "zoeken":
        page.wait_for_selector(".kb-search-result", timeout=15000)
        wait_for_results(page)
    if key == "handout":
        page.wait_for_selector(".kb-handout-entry", timeout=15000)
    page.wait_for_load_state("networkidle")


def dark_mode_axe(page) -> tuple[str, list[dict]]:
    """Switch to the dark scheme with the header's toggle, as a reader would, run axe, and
    switch back (the choice is remembered, so the next page would open dark otherwise).
    Returns the scheme the toggle set and axe's violations in it."""
    toggle = page.locator("form[data-md-component=palette] label:visible")
    if toggle.count() != 1:
        return f"{toggle.count()} toggles", []
    toggle.click()
    page.wait_for_function(f"{SCHEME} === 'slate'", timeout=5000)
    violations = run_axe(page)
    page.locator("form[data-md-component=palette] label:visible").click()
    page.wait_for_function(f"{SCHEME} === 'default'", timeout=5000)
    return "slate", violations


@pytest.fixture(scope="session")
def visits(browser, servers):
    """Each page is opened once, in the one tab of a browser context per mount; the checks
    then read the recorded Visit. A failed visit fails its checks without being retried."""
    done: dict[tuple[str, str], Visit | Exception] = {}
    tabs: dict[str, tuple] = {}

    def get(mount: str, key: str) -> Visit:
        if (mount, key) not in done:
            try:
                done[(mount, key)] = make_visit(mount, key)
            except Exception as error:
                done[(mount, key)] = error
        result = done[(mount, key)]
        if isinstance(result, Exception):
            pytest.fail(f"[{mount}] {key} ({PAGES[key]}): the page could not be checked: {result}", pytrace=False)
        return result

    def make_visit(mount: str, key: str) -> Visit:
        server = servers(mount)
        if mount not in tabs:
            watch = Watch()
            context = open_context(browser, watch)
            tabs[mount] = (context, watch, context.new_page())
        context, watch, page = tabs[mount]
        page.goto("about:blank")
        watch.clear()
        visit = Visit(server, key, server.url(PAGES[key]))
        response = page.goto(visit.url, wait_until="load")
        visit.status = response.status if response else 0
        visit.csp_header = page.evaluate(
            "document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]')?.content || ''"
        )
        settle(page, key)
        # Recorded before axe runs, so axe itself cannot hide or cause anything here.
        visit.requests = list(watch.requests)
        visit.failures = [f for f in watch.failures if not (key == "404" and f == f"HTTP 404 {visit.url}")]
        visit.errors = [e for e in watch.errors if not (key == "404" and "404" in e and visit.url in e)]
        visit.csp = list(watch.csp)
        visit.cookies = context.cookies()
        # axe checks the page as it loaded, before keyboard use scrolls it.
        visit.axe = run_axe(page)
        # Colours do not depend on where the site is mounted: the dark scheme is checked
        # once, at the root. The toggle takes the focus, so the keyboard checks then start
        # from the page reloaded (a scrolled page has half-faded tabs and a toc.follow
        # sidebar that axe would judge instead).
        if mount == DARK_MOUNT:
            visit.dark_scheme, visit.axe_dark = dark_mode_axe(page)
            page.reload(wait_until="load")
            settle(page, key)
        watch.clear()
        visit.keyboard = keyboard_problems(page)
        # What keyboard use set off counts too (axe ran before, so none of this is axe's).
        visit.requests += watch.requests
        visit.failures += watch.failures
        visit.errors += watch.errors
        visit.csp += watch.csp
        visit.cookies = context.cookies()
        return visit

    yield get
    for context, _, _ in tabs.values():
        context.close()


@pytest.fixture(params=list(MOUNTS))
def mount(request) -> str:
    return request.param


@pytest.mark.parametrize("key", list(PAGES))
def test_accessibility(visits, mount, key):
    visit = visits(mount, key)
    problems = [
        f"axe rule {v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"][:10]) for v in visit.axe
    ]
    assert not problems, f"{visit.where}:\n" + "\n".join(problems)


@pytest.mark.parametrize("key", list(PAGES))
def test_accessibility_in_dark_mode(visits, key):
    """The toggle in the header switches every page type to the dark scheme, and axe finds
    nothing there either (contrast above all)."""
    visit = visits(DARK_MOUNT, key)
    assert visit.dark_scheme == "slate", f"{visit.where}, rule 'dark mode toggle': {visit.dark_scheme}"
    problems = [
        f"axe rule {v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"][:10])
        for v in visit.axe_dark
    ]
    assert not problems, f"{visit.where} (dark):\n" + "\n".join(problems)


def test_dark_mode_follows_the_system_and_is_remembered(browser, servers):
    """A reader whose system is dark gets the dark scheme; choosing light with the toggle
    holds on the next page."""
    server = servers("root")
    context = browser.new_context(locale="nl-NL", color_scheme="dark")
    page = context.new_page()
    page.goto(server.url(PAGES["home"]), wait_until="load")
    page.wait_for_function(f"{SCHEME} === 'slate'", timeout=5000)
    toggle = page.locator("form[data-md-component=palette] label:visible")
    assert toggle.get_attribute("title") == "Lichte weergave"
    toggle.click()
    page.wait_for_function(f"{SCHEME} === 'default'", timeout=5000)
    page.goto(server.url(PAGES["praktijkvoorbeeld"]), wait_until="load")
    scheme = page.evaluate(SCHEME)
    context.close()
    assert scheme == "default", f"rule 'the chosen scheme holds on the next page': {scheme}"


@pytest.mark.parametrize("key", list(PAGES))
def test_keyboard(visits, mount, key):
    visit = visits(mount, key)
    assert not visit.keyboard, f"{visit.where}:\n" + "\n".join(visit.keyboard)


@pytest.mark.parametrize("key", list(PAGES))
def test_privacy(visits, mount, key):
    visit = visits(mount, key)
    foreign = foreign_requests(visit.requests, visit.server)
    assert not foreign, f"{visit.where}, rule 'no requests to other hosts':\n" + "\n".join(foreign)
    assert not visit.cookies, f"{visit.where}, rule 'no cookies': {visit.cookies}"


@pytest.mark.parametrize("key", list(PAGES))
def test_works_under_csp(visits, mount, key):
    visit = visits(mount, key)
    expected_status = 404 if key == "404" else 200
    assert visit.status == expected_status, f"{visit.where}, rule 'HTTP status': {visit.status}"
    assert visit.csp_header.startswith("default-src 'self'"), (
        f"{visit.where}, rule 'CSP meta in the page': {visit.csp_header!r}"
    )
    assert not visit.csp, f"{visit.where}, rule 'no CSP violations' ({visit.csp_header}):\n" + "\n".join(
        map(str, visit.csp)
    )
    assert not visit.failures, f"{visit.where}, rule 'every resource loads':\n" + "\n".join(visit.failures)
    assert not visit.errors, f"{visit.where}, rule 'no console errors':\n" + "\n".join(visit.errors)


# --------------------------------------------------------------------------------------------
# 3. Search as a reader (under the CSP, like every page here)
# --------------------------------------------------------------------------------------------

RESULT_COUNT = re.compile(r"^(\d+) resulta")


def search(page, query: str) -> int:
    """Type a query in the search box and wait for the result count."""
    box = page.locator("#kb-search-q")
    box.fill("")
    box.press_sequentially(query, delay=15)
    page.wait_for_function(
        """(q) => { const m = document.querySelector(".kb-search-status");
                    return m && m.textContent.includes(q) && !m.textContent.startsWith("Zoeken naar"); }""",
        arg=query,
        timeout=15000,
    )
    return wait_for_results(page)


# Ready: the count is shown (the status line is empty until the first answer), and as many results as the count (at most the page of 5), each
# with its link.
RESULTS_READY = """() => {
  const m = document.querySelector(".kb-search-status");
  if (!m || !m.textContent.trim() || m.textContent.startsWith("Zoeken naar")) return false;
  const n = m.textContent.match(/^(\\d+) resulta/);
  const items = [...document.querySelectorAll(".kb-search-results > .kb-search-result")];
  return items.length === Math.min(n ? Number(n[1]) : 0, 5)
    && items.every((li) => li.querySelector(".kb-search-result-title > .kb-search-result-link"));
}"""


def wait_for_results(page) -> int:
    page.wait_for_function(RESULTS_READY, timeout=15000)
    return message_count(page)


def message_count(page) -> int:
    text = page.locator(".kb-search-status").inner_text().strip()
    match = RESULT_COUNT.match(text)
    return int(match.group(1)) if match else 0


def result_links(page) -> list[str]:
    """The links of the results shown, best first (not the links to headings within them)."""
    return [
        a.get_attribute("href")
        for a in page.locator(".kb-search-result > .kb-search-result-title > .kb-search-result-link").all()
    ]


def wait_for_count_change(page, before: int) -> int:
    page.wait_for_function(
        """(before) => { const m = document.querySelector(".kb-search-status");
                         const n = m && m.textContent.match(/^(\\d+) resulta/);
                         return n && Number(n[1]) !== before; }""",
        arg=before,
        timeout=15000,
    )
    return wait_for_results(page)


def open_filters(page) -> None:
    """Open the filter panel (a button with aria-expanded) if it is closed, and wait for its options."""
    toggle = page.get_by_role("button", name=re.compile("^Filters"))
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true", "the filter button does not say it opened the panel"
    page.locator(".kb-search-filter-value:visible").first.wait_for(timeout=15000)


def check_filter(page, name: str, value: str) -> None:
    open_filters(page)
    block = page.locator("fieldset", has=page.locator("legend", has_text=name))
    block.get_by_role("checkbox", name=re.compile(rf"^{re.escape(value)} \(\d+\)$")).check()


def built_file(server: Server, href: str) -> Path:
    path = unquote(urlsplit(urljoin(server.base, href)).path)
    assert path.startswith(server.prefix), f"search result {href} outside the site {server.prefix}"
    file = server.site / path[len(server.prefix) :]
    return file / "index.html" if path.endswith("/") or file.is_dir() else file


@pytest.fixture
def reader(browser, servers, mount):
    """A fresh browser context on one server; afterwards no foreign requests, failures, errors or CSP violations."""
    server = servers(mount)
    watch = Watch()
    context = open_context(browser, watch)
    page = context.new_page()
    yield server, page
    where = f"[{server.name}] search"
    foreign = foreign_requests(watch.requests, server)
    cookies = context.cookies()
    context.close()
    assert not foreign, f"{where}, rule 'no requests to other hosts':\n" + "\n".join(foreign)
    assert not cookies, f"{where}, rule 'no cookies': {cookies}"
    assert not watch.csp, f"{where}, rule 'no CSP violations':\n" + "\n".join(map(str, watch.csp))
    assert not watch.failures, f"{where}, rule 'every resource loads':\n" + "\n".join(watch.failures)
    assert not watch.errors, f"{where}, rule 'no console errors':\n" + "\n".join(watch.errors)


def test_search_as_a_reader(reader):
    server, page = reader
    where = f"[{server.name}] zoeken"
    page.goto(server.url("zoeken/"))
    total = search(page, "gegevensdeling")
    assert total >= 3, f"{where}, rule 'Dutch query finds results': 'gegevensdeling' gave {total} results"

    check_filter(page, "collectie", "Praktijkvoorbeelden")
    in_collection = wait_for_count_change(page, total)
    assert 0 < in_collection < total, f"{where}, rule 'filter collectie': {total} -> {in_collection} results"
    for href in result_links(page):
        html = built_file(server, href).read_text(encoding="utf-8")
        assert 'data-pagefind-filter="collectie:Praktijkvoorbeelden"' in html, (
            f"{where}, rule 'filter collectie': result {href} is not a praktijkvoorbeeld"
        )

    check_filter(page, "thema", "Gegevensdeling")
    page.wait_for_timeout(600)  # the count may stay the same when every result has the theme
    in_theme = wait_for_results(page)
    assert 0 < in_theme <= in_collection, f"{where}, rule 'filter thema': {in_collection} -> {in_theme} results"
    links = result_links(page)
    for href in links:
        html = built_file(server, href).read_text(encoding="utf-8")
        assert 'data-pagefind-filter="thema:Gegevensdeling"' in html, (
            f"{where}, rule 'filter thema': result {href} does not have theme Gegevensdeling"
        )

    page.locator(".kb-search-result-title > .kb-search-result-link").first.click()
    page.wait_for_load_state("load")
    assert page.url == urljoin(server.base, links[0]) or page.url.startswith(
        urljoin(server.base, links[0]).split("#")[0]
    ), f"{where}, rule 'open a result': landed on {page.url}, expected {links[0]}"
    assert page.locator("h1").count() >= 1, f"{where}, rule 'open a result': {page.url} has no heading"

    # From that page, back to search through the navigation, and search again.
    page.locator(".md-tabs a", has_text="Zoeken").click()
    page.wait_for_selector("#kb-search-q")
    assert urlsplit(page.url).path == server.prefix + "zoeken/", f"{where}, rule 'search from another page': {page.url}"
    again = search(page, "uitvoeringstoets")
    assert again >= 1, f"{where}, rule 'search again': 'uitvoeringstoets' gave no results"


def test_search_state_survives_back_and_can_be_shared(reader):
    """Type, filter, open a result, press Back: the query, the filter and the results are back;
    the address holds them, so the same link shows the same results."""
    server, page = reader
    where = f"[{server.name}] zoeken"
    page.goto(server.url("zoeken/"))
    total = search(page, "kamer")
    check_filter(page, "collectie", "Instrumenten")
    filtered = wait_for_count_change(page, total)
    page.wait_for_timeout(500)  # the address is written 300 ms after typing stops
    params = dict(parse_qsl(urlsplit(page.url).query))
    assert params == {"q": "kamer", "collectie": "Instrumenten"}, f"{where}, rule 'state in the address': {page.url}"
    shared = page.url
    page.wait_for_load_state("networkidle")  # leaving mid-request would abort it (a failure here)
    page.locator(".kb-search-result-title > .kb-search-result-link").first.click()
    page.wait_for_load_state("networkidle")
    page.go_back()
    page.wait_for_selector(".kb-search-result", timeout=15000)
    page.wait_for_load_state("networkidle")
    assert page.locator("#kb-search-q").input_value() == "kamer", f"{where}, rule 'Back keeps the query'"
    assert wait_for_results(page) == filtered, f"{where}, rule 'Back keeps the filtered results'"
    other = page.context.new_page()
    other.goto(shared)
    other.wait_for_selector(".kb-search-result", timeout=15000)
    assert wait_for_results(other) == filtered, f"{where}, rule 'a shared link shows the same results'"
    other.wait_for_load_state("networkidle")
    other.close()


def test_search_results_say_something_new(reader):
    """No visible sub-result repeats its page's title, and no filter offers an option with 0
    hits; the suggestions make way once there is a query."""
    server, page = reader
    where = f"[{server.name}] zoeken"
    page.goto(server.url("zoeken/"))
    assert page.locator("#kb-search-start").is_visible(), f"{where}, rule 'suggestions on the empty page'"
    search(page, "uitvoeringstoets")
    page.wait_for_timeout(500)
    repeats = page.evaluate(
        """() => Array.from(document.querySelectorAll('.kb-search-result')).flatMap(r => {
               const title = r.querySelector('.kb-search-result-title').textContent.trim();
               return Array.from(r.querySelectorAll('.kb-search-sub'))
                 .filter(n => n.checkVisibility() && n.querySelector('a').textContent.trim() === title)
                 .map(() => title); })"""
    )
    subs = page.locator(".kb-search-sub:visible").count()
    assert subs >= 1, f"{where}, rule 'sub-results shown': no result shows a heading within its page"
    assert repeats == [], f"{where}, rule 'no sub-result repeats the title': {repeats}"
    open_filters(page)
    page.wait_for_timeout(500)
    options = page.locator(".kb-search-filter-value:visible").count()
    assert options >= 3, f"{where}, rule 'filters with counts': only {options} options shown"
    empty = page.evaluate(
        """() => Array.from(document.querySelectorAll('.kb-search-filter-value'))
                 .filter(v => v.checkVisibility() && /\\(0\\)\\s*$/.test(v.textContent)).map(v => v.textContent.trim())"""
    )
    assert empty == [], f"{where}, rule 'no filter option with 0 hits': {empty}"
    assert not page.locator("#kb-search-start").is_visible(), f"{where}, rule 'suggestions make way'"
    page.wait_for_load_state("networkidle")


def test_search_loads_the_filters_only_when_the_panel_opens(reader):
    """A query fetches the search engine, index and results, but no filter file: those load
    when the reader opens the filter panel, which then offers options with counts."""
    server, page = reader
    where = f"[{server.name}] zoeken"
    requested: list[str] = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    page.goto(server.url("zoeken/"))
    search(page, "kamer")
    page.wait_for_load_state("networkidle")
    filters = [p for p in requested if "/pagefind/filter/" in p]
    assert any("/pagefind/fragment/" in p for p in requested), f"{where}: no result was fetched: {requested}"
    assert filters == [], f"{where}, rule 'no filter file before the panel opens': {filters}"
    assert not any("pagefind-ui" in p for p in requested), f"{where}, rule 'no Pagefind UI': {requested}"
    assert page.locator("#kb-search-filters").is_hidden(), f"{where}: the filter panel is open from the start"
    open_filters(page)
    page.wait_for_load_state("networkidle")
    assert [p for p in requested if "/pagefind/filter/" in p], f"{where}: opening the panel loaded no filters"
    counts = page.locator(".kb-search-filter-value:visible").all_inner_texts()
    assert counts and all(re.search(r"\(\d+\)$", c.strip()) for c in counts), f"{where}, rule 'counts': {counts}"


def test_a_shared_filtered_search_on_a_phone_shows_the_results_first(reader):
    """On a phone, a link with a filter opens with the filter applied and named on the closed
    filter button, and the first result in view; the panel shows the filter ticked."""
    server, page = reader
    where = f"[{server.name}] zoeken op 390 px"
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(server.url("zoeken/?q=kamer&collectie=Instrumenten"))
    count = wait_for_results(page)
    assert count >= 1, f"{where}: no results for a shared filtered search"
    toggle = page.get_by_role("button", name=re.compile("^Filters"))
    assert toggle.inner_text().strip() == "Filters (1 gekozen)", (
        f"{where}, rule 'filter named': {toggle.inner_text()!r}"
    )
    assert toggle.get_attribute("aria-expanded") == "false", f"{where}, rule 'panel closed on a phone'"
    top = page.evaluate("document.querySelector('.kb-search-result').getBoundingClientRect().top")
    assert 0 <= top < 844, f"{where}, rule 'first result in view': top at {top}"
    open_filters(page)
    box = page.get_by_role("checkbox", name=re.compile(r"^Instrumenten \(\d+\)$"))
    assert box.is_checked(), f"{where}, rule 'the panel shows the filter ticked'"
    page.wait_for_load_state("networkidle")


def test_search_by_keyboard_alone(reader):
    """Type, filter, load more results and clear, from the keyboard only; the count is in a
    status region, so a screen reader announces it."""
    server, page = reader
    where = f"[{server.name}] zoeken"
    page.goto(server.url("zoeken/"))
    page.get_by_label("Zoekwoorden").focus()
    total = search(page, "gegevensdeling")
    assert total > 5, f"{where}: 'gegevensdeling' gave {total} results, too few to load more"
    status = page.get_by_role("status").filter(has_text=f"{total} resultaten voor gegevensdeling")
    assert status.count() == 1, f"{where}, rule 'count announced': no status region with the count"

    def focused() -> str:
        return page.evaluate(
            "(() => { const e = document.activeElement; return e.type + ' ' + e.textContent.trim(); })()"
        )

    page.keyboard.press("Tab")
    assert focused() == "button Wissen", f"{where}, rule 'Dutch clear button next': focus on {focused()!r}"
    page.keyboard.press("Tab")
    assert focused().startswith("button Filters"), f"{where}, rule 'filter button next': focus on {focused()!r}"
    page.keyboard.press("Enter")
    page.locator(".kb-search-filter-value:visible").first.wait_for(timeout=15000)
    page.keyboard.press("Tab")
    assert focused().startswith("checkbox"), f"{where}, rule 'options reachable': focus on {focused()!r}"
    page.keyboard.press("Space")
    filtered = wait_for_count_change(page, total)
    assert 0 < filtered < total, f"{where}, rule 'filter by keyboard': {total} -> {filtered}"
    page.keyboard.press("Space")
    assert wait_for_count_change(page, filtered) == total, f"{where}, rule 'unticking restores the results'"

    more = page.get_by_role("button", name="Meer resultaten laden")
    more.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "(n) => document.querySelectorAll('.kb-search-results > .kb-search-result').length === n",
        arg=min(total, 10),
        timeout=15000,
    )
    sixth = page.evaluate("document.activeElement === document.querySelectorAll('.kb-search-result-link')[5]")
    assert sixth, f"{where}, rule 'focus on the first new result': focus on {focused()!r}"

    page.get_by_role("button", name="Wissen").focus()
    page.keyboard.press("Enter")
    assert page.locator("#kb-search-q").input_value() == "", f"{where}, rule 'Wissen empties the box'"
    assert page.evaluate("document.activeElement.id") == "kb-search-q", f"{where}, rule 'focus back in the box'"
    assert page.locator(".kb-search-result").count() == 0, f"{where}, rule 'Wissen clears the results'"
    assert page.locator("#kb-search-start").is_visible(), f"{where}, rule 'suggestions return'"
    assert "q=" not in urlsplit(page.url).query, f"{where}, rule 'address cleared': {page.url}"
    page.wait_for_load_state("networkidle")


def test_handout_appears_at_the_top_with_a_count(reader):
    """After 'Handout maken' the reader sees the handout, not the form: its heading is in view."""
    server, page = reader
    page.goto(server.url("handout/?title=Training&id=pr-002&id=di-001"))
    page.wait_for_selector(".kb-handout-entry", timeout=15000)
    page.wait_for_load_state("networkidle")
    top = page.evaluate("document.querySelector('#kb-handout-output h1').getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"], f"[{server.name}] handout, rule 'result in view': top at {top}"
    assert page.locator(".kb-handout-count").inner_text() == "2 items gekozen"
    assert page.locator("#kb-handout-output a", has_text="Selectie wijzigen").count() == 1
    # Reorder from the keyboard: "Later" on the first item swaps the two, in the contents and the sections.
    page.locator(".kb-handout-toc li").first.locator("button", has_text="Later").focus()
    page.keyboard.press("Enter")
    sections = page.evaluate("Array.from(document.querySelectorAll('.kb-handout-entry')).map(s => s.id)")
    assert sections == ["kb-handout-di-001", "kb-handout-pr-002"], sections
    assert parse_qsl(urlsplit(page.url).query)[1:] == [("id", "di-001"), ("id", "pr-002")], page.url


def test_handout_form_filter_narrows_the_list_and_keeps_ticked_items(reader):
    """A trainer types a word from a title without its accents and sees only the items that
    match, plus the ones already ticked; the number shown is announced."""
    import unicodedata

    def fold(text: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()

    server, page = reader
    page.goto(server.url("handout/"))
    labels = page.locator("#kb-handout-form li label").all_inner_texts()
    # A word with an accent if any title has one (typed without it), else a word of the last title.
    words = [w for title in labels for w in title.split() if fold(w) != w.lower() and len(w) > 3]
    word = fold(words[0] if words else labels[-1].split()[-1])
    page.locator("#kb-h-di-001").check()
    ticked = page.locator("label[for=kb-h-di-001]").inner_text()
    page.locator("#kb-handout-filter").fill(word)
    visible = page.locator("#kb-handout-form li:visible label").all_inner_texts()
    expected = [t for t in labels if word in fold(t) or t == ticked]
    where = f"[{server.name}] handout filter {word!r}"
    assert sorted(visible) == sorted(expected), f"{where}: shows {visible}, expected {expected}"
    assert len(expected) < len(labels), f"{where}: the word matches every title; nothing was narrowed"
    status = page.locator("#kb-handout-filter-status").inner_text()
    count = f"{len(visible)} items zichtbaar" if len(visible) != 1 else "1 item zichtbaar"
    assert status == count, f"{where}, rule 'count announced': {status!r}"
    page.locator("#kb-handout-filter").fill("")
    assert page.locator("#kb-handout-form li:visible").count() == len(labels)


def test_every_matrix_link_is_in_view_at_1366_pixels(reader):
    """'Welk instrument wanneer' at 1366 px: no link of the matrix lies beyond the right edge
    or inside a box that scrolls sideways."""
    server, page = reader
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(server.url(PAGES["welk-instrument-wanneer"]))
    hidden = page.evaluate(
        """() => Array.from(document.querySelectorAll('.kb-matrix dd a')).filter((a) => {
             const r = a.getBoundingClientRect();
             if (r.left < 0 || r.right > window.innerWidth) return true;
             for (let el = a.parentElement; el; el = el.parentElement)
               if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') return true;
             return false;
           }).map((a) => a.textContent.trim())"""
    )
    links = page.locator(".kb-matrix dd a").count()
    assert links >= 10, f"[{server.name}] matrix: only {links} instrument links"
    assert hidden == [], f"[{server.name}] matrix, rule 'every link in view at 1366 px': {hidden}"


LAYOUT_SHIFT = """() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 500);
})"""


@pytest.mark.parametrize("path", ["zoeken/", "zoeken/?q=gegevensdeling", "zoeken/?q=kamer&collectie=Instrumenten"])
def test_search_page_does_not_jump(reader, path):
    """Cumulative layout shift while the search page loads its results stays under 0.1
    (Core Web Vitals' 'good'), for an empty page and for a shared link with results."""
    server, page = reader
    page.goto(server.url(path))
    if "q=" in path:
        wait_for_results(page)
    page.wait_for_load_state("networkidle")
    shift = page.evaluate(LAYOUT_SHIFT)
    assert shift < 0.1, f"[{server.name}] {path}, rule 'CLS < 0.1': {shift:.3f}"


def test_search_finds_entry_first(reader):
    server, page = reader
    page.goto(server.url("zoeken/?q=Kruispuntbank"))
    page.wait_for_selector(".kb-search-status", timeout=15000)
    wait_for_results(page)
    first = result_links(page)[0]
    assert urlsplit(urljoin(server.base, first)).path == server.prefix + "praktijkvoorbeelden/kruispuntbank-belgie/", (
        f"[{server.name}] zoeken?q=Kruispuntbank, rule 'entry first': first result is {first}"
    )


def entry_texts(site: Path) -> dict[str, tuple[str, str, list[str]]]:
    """Per entry page (site-relative address): the text of its details box ("In het kort"),
    the text of the rest of what it shows as an entry (title, summary, body), and its themes."""

    def text(markup: str) -> str:
        return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup)))

    found = {}
    for path in html_pages(site):
        page = path.read_text(encoding="utf-8")
        box = re.search(r'<div [^>]*class="kb-meta"[^>]*>.*?</dl>', page, re.S)
        if "data-pagefind-body" not in page or not box or "kb-about" in box.group(0):
            continue
        main = page[
            page.index("data-pagefind-body") : page.index(
                'id="gerelateerd"' if 'id="gerelateerd"' in page else 'id="bronnen"'
            )
        ]
        themes = [html.unescape(t) for t in re.findall(r'data-pagefind-filter="thema:([^"]+)"', page)]
        found[path.parent.relative_to(site).as_posix() + "/"] = (
            text(box.group(0)),
            text(main.replace(box.group(0), " ")),
            themes,
        )
    return found


def all_results(page) -> dict[str, str]:
    """Every result of the search shown ("Meer resultaten laden" until it is gone): its
    site-relative address -> the text of its excerpt."""
    while page.get_by_role("button", name="Meer resultaten laden").is_visible():
        shown = page.locator(".kb-search-result").count()
        page.get_by_role("button", name="Meer resultaten laden").click()
        page.wait_for_function("(n) => document.querySelectorAll('.kb-search-result').length > n", arg=shown)
    results = {}
    for item in page.locator(".kb-search-result").all():
        href = item.locator(".kb-search-result-title > a").get_attribute("href")
        results[href] = item.locator(".kb-search-result-excerpt").inner_text()
    return results


def test_a_theme_found_only_in_the_details_box_shows_the_entry_text(reader):
    """A theme's name finds every entry with that theme, also one whose text never uses it
    (the name stands only in its "In het kort" box); that result's excerpt is the entry's
    own text, not the box."""
    server, page = reader
    texts = entry_texts(server.site)
    fold = str.casefold
    candidates = [
        (theme, url)
        for url, (_, main, themes) in texts.items()
        for theme in themes
        if not any(fold(w)[:5] in fold(main) for w in re.findall(r"\w{4,}", theme))
    ]
    if not candidates:
        pytest.skip("every entry uses its themes' names in its own text: nothing to check")
    theme = min(candidates, key=lambda c: sum(c[0] in t[2] for t in texts.values()))[0]
    where = f"[{server.name}] zoeken?q={theme}"
    page.goto(server.url("zoeken/"))
    search(page, theme)
    results = {
        urlsplit(urljoin(server.base, href)).path[len(server.prefix) :]: e for href, e in all_results(page).items()
    }
    with_theme = sorted(url for url, (_, _, themes) in texts.items() if theme in themes)
    missing = [url for url in with_theme if url not in results]
    assert not missing, f"{where}, rule 'a theme finds its entries': not found {missing}"
    for t, url in candidates:
        if t != theme:
            continue
        excerpt = results[url]
        foreign = sorted(set(re.findall(r"\w+", fold(excerpt))) - set(re.findall(r"\w+", fold(texts[url][1]))))
        assert excerpt.strip() and not foreign, (
            f"{where}, rule 'excerpt from the entry, not its details box': {url} shows {excerpt!r} (words {foreign})"
        )


def test_a_word_from_the_body_shows_where_it_stands(reader):
    """A word used in one entry's body alone finds that entry first, and the result shows
    the word marked in an excerpt of the body."""
    server, page = reader
    texts = entry_texts(server.site)
    counts: dict[str, int] = {}
    for _, main, _ in texts.values():
        for word in set(re.findall(r"\b[a-z]{12,}\b", main)):
            counts[word] = counts.get(word, 0) + 1
    url, word = next((u, w) for u, (box, main, _) in sorted(texts.items())
                     for w in sorted(set(re.findall(r"\b[a-z]{12,}\b", main)))
                     if counts[w] == 1 and w[:8] not in box.casefold())  # fmt: skip
    where = f"[{server.name}] zoeken?q={word}"
    page.goto(server.url("zoeken/"))
    search(page, word)
    first = page.locator(".kb-search-result").first
    href = first.locator(".kb-search-result-title > a").get_attribute("href")
    assert urlsplit(urljoin(server.base, href)).path == server.prefix + url, f"{where}, rule 'entry first': {href}"
    marks = first.locator(".kb-search-result-excerpt mark, .kb-search-sub-excerpt mark").all_inner_texts()
    assert any(m.casefold().startswith(word[:8]) for m in marks), f"{where}, rule 'the word marked': {marks}"


def test_an_excerpt_does_not_repeat_its_heading(reader):
    """Under a heading within a page, the excerpt starts with new text, not with the heading
    (or its last words) again; under a result's title, not with that title."""
    server, page = reader
    page.goto(server.url("zoeken/"))
    search(page, "uitvoeringstoets")
    pairs = page.evaluate(
        """() => [...document.querySelectorAll('.kb-search-sub')].map(s =>
                   [s.querySelector('a').textContent.trim(), s.querySelector('p').textContent.trim()])
                 .concat([...document.querySelectorAll('.kb-search-result')].map(r =>
                   [r.querySelector('.kb-search-result-title').textContent.trim(),
                    r.querySelector('.kb-search-result-excerpt').textContent.trim()]))"""
    )
    assert len(pairs) > 5, f"[{server.name}] too few headings shown to check: {pairs}"
    repeats = [(heading, excerpt[:60]) for heading, excerpt in pairs
               if excerpt.startswith(heading) or re.match(re.escape(heading.split()[-1]) + r"[.:?!]\s", excerpt)]  # fmt: skip
    assert not repeats, f"[{server.name}] zoeken?q=uitvoeringstoets, rule 'excerpt says something new': {repeats}"


def searchable_text(site: Path) -> str:
    """The visible text of every page Pagefind indexes (tags stripped), for checking what exists."""
    texts = []
    for path in html_pages(site):
        html = path.read_text(encoding="utf-8")
        if "data-pagefind-body" in html:
            texts.append(re.sub(r"<[^>]+>", " ", html[html.index("data-pagefind-body") :]))
    return "\n".join(texts)


@pytest.mark.parametrize("query, word", [("coordineert", "coördineert"), ("Belgie", "België")])
def test_search_ignores_diacritics(request, servers, mount, query, word):
    server = servers(mount)
    where = f"[{server.name}] zoeken?q={query}"
    text = searchable_text(server.site)
    if word not in text:
        pytest.xfail(f"{where}: no searchable page contains {word!r}, so there is nothing to find")
    assert not re.search(rf"\b{query}\b", text, re.I), (
        f"{where}: the content contains {query!r} itself; choose another word"
    )
    _, page = request.getfixturevalue("reader")
    page.goto(server.url("zoeken/"))
    count = search(page, query)
    assert count >= 1, f"{where}, rule 'diacritics': {query!r} finds nothing, but pages contain {word!r}"
    links = result_links(page)
    found = [href for href in links if word in built_file(server, href).read_text(encoding="utf-8")]
    assert found, f"{where}, rule 'diacritics': no result contains {word!r}: {links}"


def test_handout_page_builds_a_printable_handout(reader):
    server, page = reader
    where = f"[{server.name}] handout"
    page.goto(server.url("handout/"))
    for entry_id in ("pr-002", "di-001", "in-006"):
        page.locator(f"#kb-h-{entry_id}").check()
    page.locator("#kb-handout-title").fill("Training dag 1")
    page.locator("#kb-handout-form button[type=submit]").click()
    page.wait_for_selector(".kb-handout-entry", timeout=15000)
    sections = page.locator(".kb-handout-entry")
    assert sections.count() == 3, f"{where}, rule 'three entries': {sections.count()}"
    text = page.locator("#kb-handout-output").inner_text()
    assert "Training dag 1" in text, f"{where}, rule 'title'"
    toc = page.locator("#kb-handout-output .kb-handout-toc > li").all_inner_texts()
    assert len(toc) == 3, f"{where}, rule 'table of contents': {toc}"
    for entry_id in ("pr-002", "di-001", "in-006"):
        assert f"/p/{entry_id}/" in text, f"{where}, rule 'permalink of {entry_id}'"
    assert page.locator(".kb-handout-entry .kb-print-only svg").count() == 3, f"{where}, rule 'QR codes'"
    for href in page.locator(".kb-handout-entry a[href]").evaluate_all("els => els.map(a => a.href)"):
        if href.startswith(server.base) and "#" not in href:
            assert built_file(server, href).exists(), f"{where}, rule 'links still resolve': {href}"


@pytest.fixture(scope="session")
def site_with_coordinator(tmp_path_factory):
    """The real content plus one test entry (tests/fixtures/search) holding 'coördinator'."""
    import shutil

    from conftest import FIXTURES, build_site, copy_project

    project = copy_project(tmp_path_factory.mktemp("coordinator") / "project")
    for path in (FIXTURES / "search" / "practices").glob("*.md"):
        shutil.copy(path, project / "practices" / path.name)
    site = project.parent / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    server = start_server("coordinator", site, "/")
    yield server
    stop_server(server)


def test_coordinator_finds_coordinator_with_trema(browser, site_with_coordinator):
    server = site_with_coordinator
    assert not re.search(r"\bcoordinator\b", searchable_text(server.site), re.I)
    context = open_context(browser, Watch())
    page = context.new_page()
    page.goto(server.url("zoeken/"))
    count = search(page, "coordinator")
    links = result_links(page)
    context.close()
    assert count >= 1, "zoeken?q=coordinator, rule 'diacritics': nothing found, but a page contains 'coördinator'"
    assert urlsplit(urljoin(server.base, links[0])).path == "/praktijkvoorbeelden/testvoorbeeld-coordinator/", (
        f"zoeken?q=coordinator, rule 'diacritics': first result is {links[0]}"
    )


if __name__ == "__main__":
    from kennisbank.site.csp import site_policy

    print("Content-Security-Policy:", site_policy(Path(sys.argv[1] if len(sys.argv) > 1 else "site")))


# --------------------------------------------------------------------------------------------
# Reflow (WCAG 1.4.10): at 320 CSS pixels no page type scrolls sideways
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def phone(browser):
    context = browser.new_context(locale="nl-NL", viewport={"width": 320, "height": 700})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("key", list(PAGES))
def test_no_horizontal_scroll_at_320_pixels(phone, servers, key):
    server = servers("root")
    phone.goto(server.url(PAGES[key]), wait_until="load")
    if key == "handout":
        phone.wait_for_selector(".kb-handout-entry", timeout=15000)
    width = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{key} at 320 px, rule 'no horizontal scroll': scrollWidth {width[0]} > {width[1]}"


# --------------------------------------------------------------------------------------------
# Print: what lands on paper (Chromium's own PDF output, read back with pypdf)
# --------------------------------------------------------------------------------------------

DUTCH_MONTHS = "januari februari maart april mei juni juli augustus september oktober november december".split()


def printed_pages(page) -> list[str]:
    """Print the page as the reader's browser would (A4, print styles) and return the text of
    every sheet."""
    import io

    from pypdf import PdfReader

    page.emulate_media(media="print")
    pdf = page.pdf(prefer_css_page_size=True)
    return [sheet.extract_text() for sheet in PdfReader(io.BytesIO(pdf)).pages]


def test_printed_handout_names_site_date_address_and_pages(reader):
    """Every sheet of a printed handout carries the site name, the print date, the handout's
    address and 'pagina i van n'; the contents share the first sheet with the first item."""
    import datetime as dt

    server, page = reader
    # Three entries of ordinary length: the content review made di-001 much longer, and the rule
    # is about the handout itself (three items, not eight sheets), not about one long entry.
    address = server.url("handout/?title=Training&id=pr-002&id=di-010&id=in-006")
    page.goto(address)
    page.wait_for_selector(".kb-handout-entry", timeout=15000)
    page.wait_for_load_state("networkidle")
    first_title = page.locator(".kb-handout-entry h2").first.inner_text()
    sheets = printed_pages(page)
    today = dt.date.today()
    date = f"Afgedrukt op {today.day} {DUTCH_MONTHS[today.month - 1]} {today.year}"
    where = f"[{server.name}] printed handout"
    assert 2 <= len(sheets) <= 7, f"{where}, rule 'three items, not eight sheets': {len(sheets)} sheets"
    for number, text in enumerate(sheets, start=1):
        flat = " ".join(text.split())
        assert "Kennisbank Werk aan Uitvoering" in flat, f"{where}, sheet {number}: no site name"
        assert date in flat, f"{where}, sheet {number}: no {date!r}"
        assert f"pagina {number} van {len(sheets)}" in flat, f"{where}, sheet {number}: no page number"
        assert address.replace(" ", "") in text.replace("\n", "").replace(" ", ""), (
            f"{where}, sheet {number}: no address"
        )
    first = " ".join(sheets[0].split())
    assert "Training" in first and first_title in first, f"{where}, rule 'contents with the first item': {first[:400]}"
    assert first.count(first_title) >= 2, f"{where}, rule 'the first item starts on sheet 1': {first[:400]}"


def test_printed_entry_carries_its_permalink_on_every_sheet(reader):
    server, page = reader
    page.goto(server.url(PAGES["praktijkvoorbeeld"]))
    page.wait_for_load_state("networkidle")
    permalink = page.locator("a.kb-permalink").first.inner_text().strip()
    sheets = printed_pages(page)
    for number, text in enumerate(sheets, start=1):
        assert permalink in text.replace("\n", ""), f"[{server.name}] printed entry, sheet {number}: no {permalink}"
        assert f"pagina {number} van {len(sheets)}" in " ".join(text.split())
