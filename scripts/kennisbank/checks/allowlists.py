"""The two allowlists of the HTML the site publishes (see :mod:`kennisbank.checks.html_safety`).

* :data:`BODY`: what plain Markdown in an entry body may produce.
* :data:`PAGE`: :data:`BODY` plus the markup the generator itself writes around the body.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: URL schemes allowed in links; relative URLs and ``#fragments`` are always allowed.
URL_SCHEMES = frozenset({"http", "https", "mailto"})

#: Attributes whose value is a URL (checked against :data:`URL_SCHEMES`).
URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "xlink:href",
        "poster",
        "cite",
        "background",
        "srcset",
        "data",
        "ping",
        "longdesc",
        "manifest",
        "codebase",
    }
)

_HEADINGS = ("h2", "h3", "h4", "h5", "h6")


@dataclass(frozen=True)
class Allowlist:
    """One sanitizing policy.

    Attributes:
        tags: element names kept (others are removed, their text kept).
        attributes: element name -> attribute names kept on it.
        classes: element name -> class values kept on it; a value ending in ``-`` allows
            every class starting with it (``language-``). ``None`` allows every class.
        relative_urls: whether a relative link (other than a ``#fragment``) is acceptable.
            An entry body has no pages next to it, so a relative link there is a mistake.
    """

    tags: frozenset[str]
    attributes: dict[str, frozenset[str]]
    classes: dict[str, frozenset[str] | None] = field(default_factory=dict)
    relative_urls: bool = True

    def allows_class(self, tag: str, value: str) -> bool:
        """Whether every class in ``value`` (space-separated) may stand on ``tag``."""
        if tag not in self.classes:
            return False
        allowed = self.classes[tag]
        if allowed is None:
            return True
        return all(c in allowed or any(p.endswith("-") and c.startswith(p) for p in allowed) for c in value.split())

    def nh3_options(self) -> dict[str, object]:
        """Keyword arguments for :func:`nh3.clean` that apply this policy."""
        attributes = {tag: set(names) for tag, names in self.attributes.items()}
        for tag in self.classes:
            attributes.setdefault(tag, set()).add("class")
        return {
            "tags": set(self.tags),
            "attributes": attributes,
            "url_schemes": set(URL_SCHEMES),
            "link_rel": None,
            "strip_comments": True,
            "clean_content_tags": {"script", "style"},
        }


_ADMONITIONS = frozenset(
    {
        "admonition",
        "note",
        "abstract",
        "summary",
        "tldr",
        "info",
        "todo",
        "tip",
        "hint",
        "important",
        "success",
        "check",
        "done",
        "question",
        "help",
        "faq",
        "warning",
        "caution",
        "attention",
        "failure",
        "fail",
        "missing",
        "danger",
        "error",
        "bug",
        "example",
        "quote",
        "cite",
    }
)

#: What Python-Markdown with the site's extensions makes of plain Markdown, and no more.
#: attr_list can still be written, but only ids on headings survive it; a class, style,
#: event handler or href set through ``{: … }`` is reported.
BODY = Allowlist(
    tags=frozenset(
        {
            "p",
            "br",
            "hr",
            *_HEADINGS,
            "strong",
            "em",
            "code",
            "pre",
            "blockquote",
            "ul",
            "ol",
            "li",
            "dl",
            "dt",
            "dd",
            "a",
            "abbr",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "div",
            "span",
            "details",
            "summary",
            "img",
            "sup",
            "sub",
        }
    ),
    attributes={
        "a": frozenset({"href", "title"}),
        "img": frozenset({"src", "alt", "title"}),
        "abbr": frozenset({"title"}),
        "th": frozenset({"align"}),
        "td": frozenset({"align"}),
        "ol": frozenset({"start"}),
        "details": frozenset({"open"}),
        **{h: frozenset({"id"}) for h in _HEADINGS},
    },
    classes={
        "a": frozenset({"headerlink"}),
        "p": frozenset({"admonition-title"}),
        "summary": None,
        "span": None,
        "code": frozenset({"language-"}),
        "pre": None,
        "div": _ADMONITIONS | {"highlight", "language-"},
        "details": _ADMONITIONS,
    },
    relative_urls=False,
)

#: :data:`BODY` plus what the generator writes on an entry page (see ``site.pages.entries.render_entry``).
PAGE = Allowlist(
    tags=BODY.tags | {"h1", "svg", "path", "title", "nav"},
    attributes={
        **BODY.attributes,
        "h1": frozenset({"id"}),
        "div": frozenset({"hidden", "aria-hidden"}),
        "span": frozenset({"data-pagefind-filter", "data-pagefind-meta"}),
        "svg": frozenset({"xmlns", "width", "height", "viewBox", "role", "aria-hidden", "focusable"}),
        "path": frozenset({"d", "stroke", "transform", "fill"}),
        "nav": frozenset({"aria-label"}),
    },
    classes={**BODY.classes, "div": None, "p": None, "a": None, "svg": None, "path": None, "nav": None},
    relative_urls=True,
)
