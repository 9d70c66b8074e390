"""The Content-Security-Policy: one definition for the build, ``kb csp`` and docs/hosting.md.

GitHub Pages cannot send HTTP headers, so every page carries its policy as
``<meta http-equiv="Content-Security-Policy">``. Scripts run only from the site's own
files; inline scripts only when their SHA-256 hash is listed, and only the theme's own
inline scripts are hashed: scripts inside a page's content never are (entry content is
sanitized besides, see ``html_safety``). There is no ``'unsafe-inline'``.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

#: Directives besides script-src. ``img-src data:``: Material and Pagefind draw icons as
#: data: SVG in their stylesheets. ``frame-ancestors`` is left out: browsers ignore it in
#: a meta element (and log an error), so it belongs in a server header only.
BASE_DIRECTIVES = (
    "default-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)

#: Pagefind runs its search as WebAssembly; JavaScript eval stays forbidden.
SCRIPT_SOURCES = ("'self'", "'wasm-unsafe-eval'")

#: What redirect pages get: they need nothing but a meta refresh, which CSP does not govern.
REDIRECT_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'"

#: Where docs/hosting.md shows the site's header; the build fills it in.
PLACEHOLDER = "KB_CSP_POLICY"

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_DATA_TYPE = re.compile(
    r"""\btype\s*=\s*["']?(?!(?:text|application)/(?:java|ecma)script|module)[\w/+.-]+""", re.IGNORECASE
)
_HEAD = re.compile(r"<head\b[^>]*>(\s*<meta charset=[^>]*>)?", re.IGNORECASE)


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script in ``html`` a browser would run (JSON data blocks such
    as Material's ``<script type="application/json">`` are not run and not listed)."""
    out = []
    for match in _SCRIPT.finditer(html):
        attributes = match.group(1)
        if re.search(r"\bsrc\s*=", attributes, re.IGNORECASE) or _DATA_TYPE.search(attributes):
            continue
        out.append(match.group(2))
    return out


def script_hash(text: str) -> str:
    """CSP source expression for an inline script: ``'sha256-<base64>'`` of its UTF-8 text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(hashes: Iterable[str] = ()) -> str:
    """The policy with ``hashes`` (sorted, deduplicated) allowed as inline scripts."""
    scripts = " ".join((*SCRIPT_SOURCES, *sorted(set(hashes))))
    return "; ".join((*BASE_DIRECTIVES, f"script-src {scripts}"))


#: The theme's own inline scripts (Material for MkDocs 9.8), by their exact content: the
#: localStorage helpers (the scope is the page's base URL, or the site path on the 404
#: page), the stored colour scheme (partials/javascripts/palette.html) and the tab
#: selection from the URL fragment. Only these ever get a hash.
THEME_SCRIPTS = (
    re.compile(
        r'__md_scope=new URL\("[^"\\<]*",location\),'
        + re.escape(
            "__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),"
            '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
            '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}'
        )
    ),
    # The colour scheme the reader chose last time, set before the page is painted.
    re.compile(
        re.escape(
            'var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-scheme)"===palette.color.media)'
            '{var media=matchMedia("(prefers-color-scheme: light)"),input=document.querySelector(media.matches?'
            "\"[data-md-color-media='(prefers-color-scheme: light)']\":\"[data-md-color-media='(prefers-color-scheme: dark)']\");"
            'palette.color.media=input.getAttribute("data-md-color-media"),palette.color.scheme=input.getAttribute("data-md-color-scheme"),'
            'palette.color.primary=input.getAttribute("data-md-color-primary"),palette.color.accent=input.getAttribute("data-md-color-accent")}'
            'for(var[key,value]of Object.entries(palette.color))document.body.setAttribute("data-md-color-"+key,value)}'
        )
    ),
    re.compile(
        re.escape(
            "var target=document.getElementById(location.hash.slice(1));"
            'target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))'
        )
    ),
)


class UnknownScriptError(ValueError):
    """Raised when a page holds an inline script that is not one of the theme's own."""


def theme_hashes(output: str) -> set[str]:
    """Hashes of the inline scripts of a rendered page.

    Raises:
        UnknownScriptError: an inline script is not one of :data:`THEME_SCRIPTS` (it came
            from content, front matter or a changed theme: never hash it, stop instead).
    """
    hashes = set()
    for script in inline_scripts(output):
        if not any(pattern.fullmatch(script) for pattern in THEME_SCRIPTS):
            raise UnknownScriptError(f"onbekend inline script: {' '.join(script.split())[:80]!r}")
        hashes.add(script_hash(script))
    return hashes


def meta_tag(value: str) -> str:
    """``<meta http-equiv="Content-Security-Policy" content="…">`` for ``value``."""
    return f'<meta http-equiv="Content-Security-Policy" content="{value}">'


def with_meta(output: str, hashes: Iterable[str]) -> str:
    """``output`` with the policy as the first element after ``<meta charset>`` in ``<head>``.

    Raises:
        ValueError: the page has no ``<head>``.
    """
    match = _HEAD.search(output)
    if match is None:
        raise ValueError("pagina zonder <head>")
    return output[: match.end()] + "\n    " + meta_tag(policy(hashes)) + output[match.end() :]


def site_policy(site_dir: Path) -> str:
    """The policy that covers every page of a built site (for a server header): the union
    of the hashes in the CSP meta elements the build wrote."""
    hashes: set[str] = set()
    for path in sorted(site_dir.rglob("*.html")):
        if "pagefind" in path.relative_to(site_dir).parts:
            continue
        for value in re.findall(
            r'http-equiv="Content-Security-Policy" content="([^"]*)"', path.read_text(encoding="utf-8")
        ):
            hashes.update(re.findall(r"'sha256-[A-Za-z0-9+/=]+'", value))
    return policy(hashes)
