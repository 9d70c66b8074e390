"""The allowlists of the HTML the site publishes (see :mod:`kennisbank.checks.html_safety`).

* :data:`BODY`: what plain Markdown in an entry body may produce.
* :data:`PAGE`: :data:`BODY` plus the markup the generator itself writes around the body.
* :data:`DOCS`: what a hand-written page in ``docs/`` may hold (it may use HTML on purpose,
  such as the search page's container and scripts from the site itself).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: URL schemes allowed in links; relative URLs and ``#fragments`` are always allowed.
URL_SCHEMES = frozenset({"http", "https", "mailto"})

#: Attributes whose value is a URL (checked against :data:`URL_SCHEMES`).
URL_ATTRIBUTES = frozenset(
    "href src action formaction xlink:href poster cite background srcset data ping longdesc manifest codebase".split()
)

#: An id that can stand in a URL fragment and in the theme's sidebar link as it is, and that
#: cannot take the place of an element of the theme (Material's own ids begin with ``__``).
SAFE_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")

_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_ADMONITIONS = (
    "admonition|note|abstract|summary|tldr|info|todo|tip|hint|important|success|check|done|question|help|faq|"
    "warning|caution|attention|failure|fail|missing|danger|error|bug|example|quote|cite"
)


@dataclass(frozen=True)
class Allowlist:
    """One sanitizing policy.

    Attributes:
        tags: element names kept (others are removed, their text kept).
        attributes: element name -> attribute names kept on it (``*``: on every element).
        classes: element name -> regular expression every class on it must match in full;
            ``None`` allows every class. An element not listed may carry no class.
        relative_urls: whether a relative link (other than a ``#fragment``) is acceptable.
            An entry body has no pages next to it, so a relative link there is a mistake.
    """

    tags: frozenset[str]
    attributes: dict[str, frozenset[str]]
    classes: dict[str, str | None] = field(default_factory=dict)
    relative_urls: bool = True

    def allows_class(self, tag: str, value: str) -> bool:
        """Whether every class in ``value`` (space-separated) may stand on ``tag``."""
        if tag not in self.classes:
            return False
        pattern = self.classes[tag]
        return pattern is None or all(re.fullmatch(pattern, c) for c in value.split())

    def allows_attribute(self, tag: str, attribute: str) -> bool:
        """Whether ``attribute`` may stand on ``tag`` (classes aside)."""
        return attribute in self.attributes.get(tag, frozenset()) or attribute in self.attributes.get("*", frozenset())

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


#: What Python-Markdown with the site's extensions makes of plain Markdown, and no more.
#: attr_list can still be written, but only a plain id on a heading survives it; a class,
#: style, event handler or href set through ``{: … }`` is reported.
BODY = Allowlist(
    tags=frozenset(
        "p br hr strong em code pre blockquote ul ol li dl dt dd a abbr table thead tbody tr th td div span "
        "details summary img sup sub".split()
    )
    | frozenset(_HEADINGS),
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
        "a": "headerlink",
        "p": "admonition-title",
        # Pygments' token classes (n, nf, s2, …) on highlighted code.
        "span": r"[a-z][a-z0-9]{0,3}|hll|linenos?|filename",
        "code": r"language-[a-z0-9+#-]+",
        "div": rf"{_ADMONITIONS}|highlight|language-[a-z0-9+#-]+",
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
        # data-pagefind-ignore: the blocks around the body that stay out of the search index.
        "h2": frozenset({"id", "data-pagefind-ignore"}),
        "p": frozenset({"data-pagefind-ignore"}),
        "div": frozenset({"hidden", "aria-hidden", "role", "aria-label", "data-pagefind-ignore"}),
        "span": frozenset({"data-pagefind-filter", "data-pagefind-meta"}),
        "svg": frozenset({"xmlns", "width", "height", "viewBox", "role", "aria-hidden", "focusable"}),
        "path": frozenset({"d", "stroke", "transform", "fill"}),
        "nav": frozenset({"aria-label"}),
    },
    classes={**BODY.classes, "div": None, "p": None, "a": None, "svg": None, "path": None, "nav": None},
    relative_urls=True,
)

#: A hand-written page may use structure, forms and the site's own scripts and styles by
#: address, but no inline script, event handler, style attribute, frame or plug-in.
DOCS = Allowlist(
    tags=PAGE.tags
    | frozenset(
        "h1 section article aside header footer main figure figcaption small mark kbd samp var q cite time "
        "form label input button select option textarea fieldset legend noscript script link caption colgroup "
        "col tfoot b i u s del ins".split()
    ),
    attributes={
        **PAGE.attributes,
        "*": frozenset(
            {
                "id",
                "title",
                "lang",
                "role",
                "hidden",
                "aria-label",
                "aria-labelledby",
                "aria-describedby",
                "aria-hidden",
                "aria-live",
                "data-pagefind-ignore",
                "data-pagefind-body",
                "markdown",
            }
        ),
        "a": frozenset({"href", "title", "rel", "hreflang", "download"}),
        "script": frozenset({"src", "defer", "type"}),
        "link": frozenset({"rel", "href", "type"}),
        "form": frozenset({"action", "method", "role"}),
        "input": frozenset({"type", "name", "value", "placeholder", "checked", "required", "size", "autocomplete"}),
        "label": frozenset({"for"}),
        "button": frozenset({"type", "name", "value", "aria-expanded", "aria-controls"}),
        "select": frozenset({"name", "required"}),
        "option": frozenset({"value", "selected"}),
        "textarea": frozenset({"name", "rows", "cols", "required"}),
    },
    classes={tag: None for tag in PAGE.tags | {"section", "form", "input", "button", "label", "span", "div", "p"}},
    relative_urls=True,
)
