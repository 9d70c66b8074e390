"""Site settings that hand-written pages show: the repository and the editors' e-mail address.

Both are configured once in ``mkdocs.yml`` (the plugin's ``repo_url``, env ``KB_REPO_URL``;
``extra.contact_email``, env ``KB_CONTACT_EMAIL``). A page in ``docs/`` uses them through
placeholders, filled in before Markdown is rendered:

* ``%kb:repo_url%``: the repository URL without a final ``/`` (for ``…/issues/new``);
* ``%kb:contact_email%``: the address as text; ``%kb:contact_mailto%``: its ``mailto:`` link;
* a block between ``<!-- kb:als NAME -->`` and ``<!-- kb:einde -->`` is shown only when the
  condition holds, one between ``<!-- kb:als-niet NAME -->`` and ``<!-- kb:einde -->`` only
  when it does not. NAME is ``repo_url``, ``contact_email`` or ``pagina:URL`` (the site has a
  page at that URL, such as ``pagina:bijdragen/voorstel/dilemma/``).

The values are checked (:func:`settings_problem`) and escaped for where they stand
(percent-encoding in a URL, backslash escapes in Markdown text), so a setting can never
become markup on a page. Nothing here is invented: an empty setting hides its blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

#: An https address of a repository: host, optional port, path segments of safe characters.
REPO_URL = re.compile(r"https://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~-]+)*/?")
#: An e-mail address of plain characters (RFC 5321's common subset), at most 254 characters.
EMAIL = re.compile(r"[A-Za-z0-9._+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+")

_BLOCK = re.compile(r"<!-- kb:(als|als-niet) ([a-z_]+(?::[A-Za-z0-9/._-]*)?) -->\n?(.*?)<!-- kb:einde -->\n?", re.S)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~])")


@dataclass(frozen=True)
class PageSettings:
    """What a hand-written page may show.

    Attributes:
        repo_url: the source repository ('' when not configured).
        contact_email: the editors' address ('' when not configured).
        pages: URLs of the site's pages (``bijdragen/voorstel/dilemma/``), for ``pagina:`` conditions.
    """

    repo_url: str = ""
    contact_email: str = ""
    pages: frozenset[str] = frozenset()


def settings_problem(repo_url: str, contact_email: str) -> str:
    """A Dutch message when a setting is not a plain https address or e-mail address; '' when fine."""
    if repo_url and not REPO_URL.fullmatch(repo_url):
        return (
            f"repo_url (KB_REPO_URL) '{repo_url}' is geen eenvoudig https-adres van een repository, "
            "zoals https://github.com/organisatie/kennisbank."
        )
    if contact_email and (len(contact_email) > 254 or not EMAIL.fullmatch(contact_email)):
        return (
            f"contact_email (KB_CONTACT_EMAIL) '{contact_email}' is geen eenvoudig e-mailadres, "
            "zoals redactie@organisatie.nl."
        )
    return ""


def uses_settings(markdown: str) -> bool:
    """Whether ``markdown`` holds a placeholder or a conditional block."""
    return "%kb:" in markdown or "<!-- kb:" in markdown


def fill(markdown: str, settings: PageSettings) -> str:
    """``markdown`` with its conditional blocks decided and its placeholders filled (see the
    module docstring). Blocks do not nest."""

    def decide(match: re.Match[str]) -> str:
        kind, name, content = match.groups()
        holds = _holds(name, settings)
        return content if holds == (kind == "als") else ""

    markdown = _BLOCK.sub(decide, markdown)
    repo = quote(settings.repo_url.rstrip("/"), safe=":/._~-")
    email = settings.contact_email
    return (
        markdown.replace("%kb:repo_url%", repo)
        .replace("%kb:contact_mailto%", "mailto:" + quote(email, safe="@._+-") if email else "")
        .replace("%kb:contact_email%", _MARKDOWN_SPECIAL.sub(r"\\\1", email))
    )


#: The most condition names a page may use: :func:`variants` makes ``2**n`` texts.
MAX_CONDITIONS = 6


def condition_names(markdown: str) -> list[str]:
    """The names of the conditional blocks in ``markdown`` (``repo_url``, ``pagina:…``), sorted."""
    return sorted({match.group(2) for match in _BLOCK.finditer(markdown)})


def variants(markdown: str) -> list[str]:
    """``markdown`` with its conditional blocks decided every way they can be (``2**n`` texts
    for ``n`` condition names; the first keeps every ``kb:als`` block), so a check can see
    each page a build may make: cutting a block out can end an HTML block early and free
    the Markdown after it.

    Raises:
        ValueError: more than :data:`MAX_CONDITIONS` names.
    """
    names = condition_names(markdown)
    if len(names) > MAX_CONDITIONS:
        raise ValueError(f"{len(names)} voorwaarden")

    def decide(number: int) -> str:
        chosen = {name: not (number >> k) & 1 for k, name in enumerate(names)}
        return _BLOCK.sub(lambda m: m.group(3) if chosen[m.group(2)] == (m.group(1) == "als") else "", markdown)

    return [decide(number) for number in range(2 ** len(names))]


def _holds(name: str, settings: PageSettings) -> bool:
    if name.startswith("pagina:"):
        return name.removeprefix("pagina:") in settings.pages
    return bool({"repo_url": settings.repo_url, "contact_email": settings.contact_email}.get(name))
