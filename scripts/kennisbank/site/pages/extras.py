"""Pages around the entries: the handout builder, the error catalogue, security.txt."""

from __future__ import annotations

import datetime as dt

from kennisbank.checks.catalogue import CATALOGUE
from kennisbank.content.collections import COLLECTIONS
from kennisbank.content.dates import add_years
from kennisbank.site.pages.context import Context, SiteOptions, front_matter
from kennisbank.site.text import attr, md
from kennisbank.site.urls import HANDOUT_PAGE, entry_page, rel


def render_handout_page(ctx: Context) -> str:
    """'Handout maken': choose entries; kennisbank.js fetches their pages and lays them out for print.

    Without JavaScript the page is a plain list of links to every entry, and the README
    explains ``kb handout`` for the same result offline.
    """
    lines = [
        front_matter(
            title="Handout maken",
            description="Kies een paar items en druk ze af als één handout, met vaste links en QR-codes.",
            kb_search=False,
            hide=["toc"],
        ),
        "# Handout maken\n",
        "Kies de items voor uw training of bijeenkomst en kies **Handout maken**. U krijgt één document "
        "met een inhoudsopgave en per item de vaste link en een QR-code, klaar om af te drukken of als PDF op te slaan.\n",
        # The handout appears above the form, where the reader looks after choosing.
        '<div id="kb-handout-output" class="kb-handout-output" aria-live="polite"></div>\n',
        '<form id="kb-handout-form" class="kb-handout-form" method="get" action="./">',
        '<p><label for="kb-handout-title">Titel van de handout</label><br>'
        '<input id="kb-handout-title" name="title" type="text" size="50" value="Handout Kennisbank Werk aan Uitvoering"></p>',
    ]
    for collection in COLLECTIONS:
        group = sorted((e for e in ctx.entries if e.collection is collection), key=lambda e: e.title.casefold())
        if not group:
            continue
        lines.append(f"<fieldset><legend>{attr(collection.label)}</legend><ul>")
        for entry in group:
            target = rel(HANDOUT_PAGE, entry_page(entry))[: -len(".md")] + "/"
            lines.append(
                f'<li><input type="checkbox" name="id" value="{attr(entry.id)}" id="kb-h-{attr(entry.id)}" '
                f'data-url="../{attr(target)}"> <label for="kb-h-{attr(entry.id)}">{attr(entry.title)}</label> '
                f'(<a href="../{attr(target)}">bekijk</a>)</li>'
            )
        lines.append("</ul></fieldset>")
    lines += [
        '<p><button type="submit" class="md-button md-button--primary">Handout maken</button></p></form>',
        "<noscript><p>Het samenstellen van een handout heeft JavaScript nodig. Zonder JavaScript kunt u elk "
        "item afzonderlijk afdrukken: de afdruk bevat de vaste link en een QR-code.</p></noscript>",
    ]
    return "\n".join(lines)


def render_catalogue() -> str:
    """The error catalogue: every problem code with its cause, an example and the fix."""
    lines = [
        front_matter(
            title="Foutcodes",
            description="Alle meldingen van kb validate, met oorzaak, voorbeeld en oplossing.",
            kb_search=False,  # a page for contributors: it would answer searches for "BSN" first
        ),
        "# Foutcodes van `kb validate`\n",
        "Elke melding van `kb validate` heeft de vorm `bestand:regel:kolom: CODE: melding`, met daaronder een tip. "
        "Hieronder staat per code wat er aan de hand is, een voorbeeld en hoe u het oplost.\n",
    ]
    for entry in CATALOGUE.values():
        lines.append(f"## {entry.code}: {md(entry.title)} {{ #{entry.code.lower()} }}\n")
        lines.append(f"**Oorzaak.** {entry.cause}\n")
        lines.append("**Voorbeeld.**\n\n```text\n" + entry.example + "\n```\n")
        lines.append(f"**Oplossing.** {entry.fix}\n")
    return "\n".join(lines)


def security_txt(options: SiteOptions) -> str:
    """RFC 9116 ``security.txt``: where to report a vulnerability; expires a year after ``today``.

    The contact is ``options.contact``, else the repository's security advisories. On
    29 February the expiry is 28 February of the next year.
    """
    expires = add_years(dt.date.fromisoformat(options.today), 1).isoformat()
    contact = options.contact or (f"{options.repo_url.rstrip('/')}/security/advisories/new" if options.repo_url else "")
    lines = [f"Contact: {contact}"] if contact else []
    lines += [f"Expires: {expires}T00:00:00Z", "Preferred-Languages: nl, en"]
    if options.site_url:
        lines.append(f"Canonical: {options.site_url.rstrip('/')}/.well-known/security.txt")
    return "\n".join(lines) + "\n"
