"""Allowlists for the HTML the site publishes, sanitizing with nh3 and finding what it would remove.

Contributed Markdown is judged by the HTML the site's own renderer (Python-Markdown with
the extensions of ``mkdocs.yml``) makes of it. Two allowlists exist:

* :data:`BODY`: what plain Markdown in an entry body may produce. ``kb validate`` reports
  everything outside it (SAFE001 for an element or attribute, SAFE002 for a link scheme).
* :data:`PAGE`: :data:`BODY` plus the markup the generator itself writes around the body
  (metadata block, Pagefind filters, the QR code). The build sanitizes every entry page
  with it in ``on_page_content``, a second line of defence after validation.

nh3 (the Python binding of the Rust crate ammonia, which parses like a browser does)
sanitizes. To *report* what it would remove, :func:`html_findings` asks nh3 for an
inventory of every attribute as the browser would see it (``generic_attribute_prefixes``
plus ``attribute_filter``), so ``<img/src/onerror=…>`` is read the way a browser reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import nh3

from kennisbank.checks.allowlists import BODY, PAGE, SAFE_ID, URL_ATTRIBUTES, URL_SCHEMES, Allowlist


@dataclass(frozen=True)
class Finding:
    """One thing sanitizing would remove.

    Attributes:
        kind: ``element``, ``attribute``, ``class``, ``scheme``, ``comment``, or
            ``remote-image`` (an image from another website, see :func:`html_findings`).
        tag: the element name ('' for a comment).
        name: the attribute name ('' for an element or comment).
        value: the attribute value, or the element's start as written.
    """

    kind: str
    tag: str
    name: str = ""
    value: str = ""


_TAG_RE = re.compile(r"<(/?)([A-Za-z][^\s/>]*)")
_SCHEME_RE = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_COMMENT_RE = re.compile(r"<!--|<![A-Za-z\[]|<\?")
#: Every element a browser knows, so the inventory pass keeps them all (and their attributes).
_KNOWN_TAGS = frozenset(
    (
        "a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption cite code col "
        "colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure footer form h1 h2 "
        "h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li link main map mark math menu "
        "meta meter nav noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp script "
        "search section select slot small source span strong style sub summary sup svg table tbody td template textarea "
        "tfoot th thead time title tr track u ul var video wbr frame frameset marquee font center applet basefont image "
        "animate animatemotion animatetransform set use foreignobject path g circle rect line polyline polygon text tspan "
        "defs symbol filter feimage mi mo mn ms mtext annotation-xml"
    ).split()
)


def scheme_of(url: str) -> str:
    """The lower-case scheme of ``url`` as a browser reads it ('' for a relative URL or fragment).

    Browsers drop ASCII tab and newline anywhere in a URL and leading control characters
    and spaces (WHATWG URL standard), so ``java\\tscript:`` counts as ``javascript``.
    """
    cleaned = re.sub(r"[\t\n\r]", "", url).lstrip(
        "\x00 \x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
        "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f"
    )
    if ":" not in cleaned.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]:
        return ""
    try:
        return urlsplit(cleaned).scheme.lower()
    except ValueError:
        return "?"


def html_findings(html: str, policy: Allowlist = BODY, remote_images: bool = False) -> list[Finding]:
    """Everything in ``html`` that sanitizing with ``policy`` would remove.

    Args:
        html: an HTML fragment (rendered Markdown).
        policy: the allowlist to judge by.
        remote_images: also report ``<img>`` from an http(s) address (kind
            ``remote-image``): the site makes no request to another host.

    Returns:
        One :class:`Finding` per element name, attribute, class value, URL scheme or
        comment outside the policy. Empty when :func:`sanitize` would keep everything.
    """
    findings: list[Finding] = []
    comment = _COMMENT_RE.search(html)
    if comment:
        findings.append(Finding("comment", "", "", comment.group(0)))
    names = {m.group(2).lower() for m in _TAG_RE.finditer(html)}
    for name in sorted(names - policy.tags, key=lambda n: html.lower().find("<" + n)):
        findings.append(Finding("element", name))
    if not names:
        return findings

    def inspect(tag: str, attribute: str, value: str) -> str:
        finding = attribute_finding(policy, tag, attribute, value, remote_images)
        if finding:
            findings.append(finding)
        return value

    # nh3 drops a URL attribute with an unknown scheme before the filter sees it, so the
    # inventory pass allows every scheme that could be written (tabs and newlines removed).
    schemes = {m.group(1).lower() for m in _SCHEME_RE.finditer(re.sub(r"[\t\n\r]", "", html))}
    nh3.clean(
        html,
        tags=set(_KNOWN_TAGS | names),
        clean_content_tags=set(),
        generic_attribute_prefixes={""},
        attribute_filter=inspect,
        link_rel=None,
        strip_comments=False,
        url_schemes=schemes | {"javascript", "vbscript", "data", "file", "blob"},
    )
    return findings


def attribute_finding(policy: Allowlist, tag: str, attribute: str, value: str, remote_images: bool) -> Finding | None:
    """What is wrong with one attribute under ``policy``, or None (see :func:`html_findings`)."""
    if tag not in policy.tags:
        return None  # the element itself is reported
    if attribute == "class":
        return None if policy.allows_class(tag, value) else Finding("class", tag, attribute, value)
    if not policy.allows_attribute(tag, attribute):
        return Finding("attribute", tag, attribute, value)
    if attribute == "id" and not SAFE_ID.fullmatch(value):
        return Finding("attribute", tag, attribute, value)
    if attribute not in URL_ATTRIBUTES:
        return None
    scheme = scheme_of(value)
    # As a browser reads it: tabs and newlines dropped, leading control characters and spaces too.
    cleaned = re.sub(r"[\t\n\r]", "", value).lstrip("".join(map(chr, range(33))))
    if not scheme and re.match(r"[\\/]{2}", cleaned):
        scheme = "https"  # //host/x and /\host/x are addresses on another host (network-path reference)
    # An entry has no files next to it: a relative link or image would point nowhere.
    relative_link = bool(cleaned) and not scheme and tag in ("a", "img") and not cleaned.startswith("#")
    if scheme not in URL_SCHEMES | {""} or (relative_link and not policy.relative_urls):
        return Finding("scheme", tag, attribute, value)
    if remote_images and tag == "img" and scheme in ("http", "https"):
        return Finding("remote-image", tag, attribute, value)
    return None


def as_browser_builds_it(html: str) -> str:
    """``html`` serialised from the tree a browser would build (html5ever, through nh3), with
    every element kept: every end tag is then written out where the browser puts it, so a
    simple parser can follow the nesting (``<p>a <details>`` becomes ``<p>a </p><details>``)."""
    names = {m.group(2).lower() for m in _TAG_RE.finditer(html)}
    return nh3.clean(html, tags=set(_KNOWN_TAGS | names), clean_content_tags=set(), generic_attribute_prefixes={""},
                     link_rel=None, strip_comments=False, url_schemes={"http", "https", "mailto"})  # fmt: skip


def describe(finding: Finding) -> str:
    """What a finding is, in Dutch, for a message (``het attribuut onclick="…" op <p>``)."""
    if finding.kind == "element":
        return f"het HTML-element <{finding.tag}>"
    if finding.kind == "comment":
        return "een HTML-opmerking (<!-- -->)"
    if finding.kind == "class":
        return f"de opmaakklasse '{finding.value[:40]}' op <{finding.tag}>"
    if finding.kind in ("scheme", "remote-image"):
        return f"het adres '{finding.value[:60]}' in <{finding.tag} {finding.name}>"
    return f'het attribuut {finding.name}="{finding.value[:40]}" op <{finding.tag}>'


def inline_script_count(html: str) -> int:
    """How many ``<script>`` elements in ``html`` carry their code inline (no ``src``)."""
    return sum(
        1 for m in re.finditer(r"<script\b([^>]*)>", html, re.IGNORECASE) if not re.search(r"\bsrc\s*=", m.group(1))
    )


def sanitize(html: str, policy: Allowlist = PAGE) -> str:
    """``html`` with everything outside ``policy`` removed (nh3); scripts and styles lose their content."""

    # nh3 keeps or drops a class attribute as a whole; the filter applies the prefix rules.
    def keep(tag: str, attribute: str, value: str) -> str | None:
        return None if attribute == "class" and not policy.allows_class(tag, value) else value

    return nh3.clean(html, **policy.nh3_options(), attribute_filter=keep)  # type: ignore[arg-type]
