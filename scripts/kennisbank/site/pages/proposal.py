"""'Stel een item voor': one form per collection, built from the schemas and vocabularies.

The page is a plain HTML form (labels, help texts, an error summary and an error line per
field, as in the GOV.UK and NL Design System form patterns). ``proposal.js`` reads the
settings from the ``data-`` attributes of ``#kb-proposal``, validates against the schema
the site publishes (``schemas/``), takes the next free id from ``data/`` and writes the
entry file. Every value from a schema, vocabulary or setting is HTML-escaped here.
"""

from __future__ import annotations

import json
from typing import Any

from kennisbank.content.collections import COLLECTIONS, Collection
from kennisbank.site.exports import DATA_DIR
from kennisbank.site.pages.context import Context, front_matter
from kennisbank.site.proposal_fields import FormField, body_sections, form_fields, key_order
from kennisbank.site.text import attr, md
from kennisbank.site.urls import CATALOGUE_PAGE, MATRIX_PAGE, PROPOSAL_INDEX, RESERVED_SLUGS, proposal_page, rel


def _site_url(page: str, target: str) -> str:
    """Relative URL from the page (served as a folder, ``.../naam/``) to a site file."""
    return "../" + rel(page, target)


def render_proposal_index() -> str:
    """'Stel een item voor': a link to the form of each collection."""
    lines = [
        front_matter(
            title="Stel een item voor",
            description="Stel een praktijkvoorbeeld, dilemma of instrument voor met een formulier op deze site.",
            kb_search=False,
        ),
        "# Stel een item voor\n",
        "Kies wat u wilt voorstellen. Het formulier controleert uw tekst meteen en maakt er een bestand van "
        "dat u op GitHub voorstelt, downloadt of naar de redactie stuurt.\n",
    ]
    for collection in COLLECTIONS:
        target = rel(PROPOSAL_INDEX, proposal_page(collection))
        lines.append(f"- [{md(collection.label_singular)}]({target}): {md(collection.intro)}")
    return "\n".join(lines) + "\n"


def render_proposal(ctx: Context, collection: Collection, documents: dict[str, dict[str, Any]]) -> str:
    """The form page of ``collection``.

    Args:
        ctx: the site context (vocabularies, options: ``repo_url``, ``contact_email``).
        collection: the collection.
        documents: schema file name -> parsed schema (``SchemaSet.documents``).

    Returns:
        Markdown with front matter; the form itself is one raw HTML block.
    """
    page = proposal_page(collection)
    name = collection.label_singular.lower()
    fields = form_fields(collection, documents, ctx.vocab)
    lines = [
        front_matter(
            title=f"Stel een {name} voor",
            description=f"Vul het formulier in; u krijgt een {name} als bestand dat de kennisbank meteen kan controleren.",
            kb_search=False,
            kb_form=collection.name,
            hide=["toc"],
        ),
        f"# Stel een {attr(name)} voor\n",
        "Vul het formulier in. Velden met *(verplicht)* moeten ingevuld zijn. Bij **Controleren** kijkt het "
        "formulier uw tekst na met dezelfde regels als de kennisbank zelf; daarna kiest u hoe u het bestand "
        "aanbiedt. Uw tekst blijft in uw browser tot u zelf een van die wegen kiest.\n",
        "<noscript><p>Dit formulier heeft JavaScript nodig. Zonder JavaScript kunt u een voorstel doen via de "
        'pagina <a href="../../">Bijdragen</a>.</p></noscript>\n',
        _settings(ctx, collection, page, documents),
        '<div id="kb-error-summary" class="kb-error-summary" tabindex="-1" hidden>',
        '<h2 id="kb-error-summary-title">Er is een probleem</h2><ul></ul></div>',
        '<form id="kb-proposal-form" class="kb-proposal-form" novalidate>',
        '<p id="kb-id-note" class="kb-id-note">Dit item krijgt de eerstvolgende vrije id: '
        '<strong id="kb-id-value">wordt opgezocht…</strong>. Stelt iemand anders tegelijk een item voor met dezelfde id, '
        "dan ziet de controle van de kennisbank (<code>kb validate</code> in de pull request) dat, en past de "
        "redactie de id aan.</p>",
    ]
    lines += [_field_html(f) for f in fields]
    lines += [_body_html(i, heading, hint) for i, (heading, hint) in enumerate(body_sections(collection))]
    lines += [
        '<p><button type="submit" class="md-button md-button--primary">Controleren</button></p>',
        "</form>",
        _result_html(name),
        "</div>",
    ]
    return "\n".join(lines) + "\n"


def _settings(ctx: Context, collection: Collection, page: str, documents: dict[str, dict[str, Any]]) -> str:
    """The opening ``<div id="kb-proposal">`` with everything proposal.js needs as ``data-``."""
    settings = {
        "collection": collection.name,
        "folder": collection.folder,
        "prefix": collection.id_prefix,
        "schema": _site_url(page, f"schemas/{collection.schema}"),
        "common": _site_url(page, "schemas/common.schema.json"),
        "data": _site_url(page, f"{DATA_DIR}/{collection.url_prefix}.json"),
        "codes": _site_url(page, CATALOGUE_PAGE)[: -len(".md")] + "/",
        "repo": ctx.options.repo_url.rstrip("/"),
        "email": ctx.options.contact_email,
        "keys": json.dumps(key_order(collection, documents)),
        "headings": json.dumps(list(collection.headings), ensure_ascii=False),
        "mailboxes": json.dumps(list(ctx.vocab.functional_mailboxes)),
        "reserved": json.dumps(sorted(RESERVED_SLUGS | _fixed_slugs(collection))),
    }
    data = " ".join(f'data-{key}="{attr(value)}"' for key, value in settings.items())
    return f'<div id="kb-proposal" class="kb-proposal" {data}>'


def _fixed_slugs(collection: Collection) -> set[str]:
    """Slugs taken by generated pages in the collection's folder (``welk-instrument-wanneer``)."""
    folder, _, stem = MATRIX_PAGE.rpartition("/")
    return {stem[: -len(".md")]} if folder == collection.url_prefix else set()


def _described(field_id: str, field: FormField) -> str:
    return f' aria-describedby="{field_id}-hint"' if field.hint or field.notes else ""


def _head(field_id: str, field: FormField, tag: str) -> list[str]:
    """Label (or legend), help text and the (empty) error line of a field."""
    need = ' <span class="kb-required">(verplicht)</span>' if field.required else ""
    label = (
        f'<legend id="{field_id}-label">{attr(field.label)}{need}</legend>'
        if tag == "legend"
        else f'<label for="{field_id}" id="{field_id}-label">{attr(field.label)}{need}</label>'
    )
    out = [label]
    if field.notes:  # what each choice means, from the vocabulary
        notes = "".join(f"<li><strong>{attr(name)}</strong>: {attr(text)}</li>" for name, text in field.notes)
        intro = f"<p>{attr(field.hint)}</p>" if field.hint else ""
        out.append(f'<div class="kb-hint" id="{field_id}-hint">{intro}<ul>{notes}</ul></div>')
    elif field.hint:
        out.append(f'<p class="kb-hint" id="{field_id}-hint">{attr(field.hint)}</p>')
    out.append(f'<p class="kb-error-message" id="{field_id}-error" hidden></p>')
    return out


def _field_html(field: FormField) -> str:
    """One field as a ``div.kb-field`` (text, text area, select) or a fieldset (choices, sources)."""
    field_id = f"kb-f-{attr(field.name)}"
    name = attr(field.name)
    required = " required" if field.required else ""
    if field.kind == "sources":
        return _sources_html(field_id, field)
    if field.kind == "checkboxes":
        boxes = "".join(
            f'<li><input type="checkbox" id="{field_id}-{attr(value)}" name="{name}" value="{attr(value)}"> '
            f'<label for="{field_id}-{attr(value)}">{attr(label)}</label></li>'
            for value, label in field.choices
        )
        head = "".join(_head(field_id, field, "legend"))
        return (
            f'<fieldset class="kb-field kb-choices" id="{field_id}" data-field="{name}" data-kind="checkboxes"'
            f"{_described(field_id, field)}>"
            f'{head}<ul class="kb-checkboxes">{boxes}</ul></fieldset>'
        )
    head = "".join(_head(field_id, field, "label"))
    described = _described(field_id, field)
    if field.kind == "select":
        options = "".join(f'<option value="{attr(v)}">{attr(label)}</option>' for v, label in field.choices)
        control = (
            f'<select id="{field_id}" name="{name}"{required}{described}>'
            f'<option value="">Kies…</option>{options}</select>'
        )
    elif field.kind in ("textarea", "lines"):
        rows = 3 if field.kind == "lines" else 4
        control = f'<textarea id="{field_id}" name="{name}" rows="{rows}"{required}{described}></textarea>'
    else:
        control = f'<input type="text" id="{field_id}" name="{name}"{required}{described}>'
    return f'<div class="kb-field" data-field="{name}" data-kind="{attr(field.kind)}">{head}{control}</div>'


def _sources_html(field_id: str, field: FormField) -> str:
    """The sources: rows of title plus web address, or document plus section; proposal.js
    adds and removes rows (the first row is here, so the page shows what a row holds)."""
    head = "".join(_head(field_id, field, "legend"))
    row = (
        '<fieldset class="kb-source" data-index="0"><legend>Bron 1</legend>'
        '<div class="kb-field"><label for="kb-f-sources-0-title">Titel van de bron of het document</label>'
        '<p class="kb-error-message" id="kb-f-sources-0-title-error" hidden></p>'
        '<input type="text" id="kb-f-sources-0-title" name="sources-0-title"></div>'
        '<div class="kb-field"><label for="kb-f-sources-0-url">Webadres (begint met https://)</label>'
        '<p class="kb-error-message" id="kb-f-sources-0-url-error" hidden></p>'
        '<input type="url" id="kb-f-sources-0-url" name="sources-0-url" inputmode="url"></div>'
        '<div class="kb-field"><label for="kb-f-sources-0-section">Of: sectie of paragraaf in het document '
        "(bijvoorbeeld §4.4)</label>"
        '<p class="kb-error-message" id="kb-f-sources-0-section-error" hidden></p>'
        '<input type="text" id="kb-f-sources-0-section" name="sources-0-section"></div>'
        "</fieldset>"
    )
    return (
        f'<fieldset class="kb-field kb-sources" id="{field_id}" data-field="sources" data-kind="sources"'
        f"{_described(field_id, field)}>"
        f'{head}<div id="kb-source-rows">{row}</div>'
        '<p><button type="button" id="kb-add-source" class="md-button">Nog een bron toevoegen</button></p></fieldset>'
    )


def _body_html(index: int, heading: str, hint: str) -> str:
    """A text area for one required body heading (``## heading`` in the file)."""
    field_id = f"kb-f-body-{index}"
    described = f' aria-describedby="{field_id}-hint"' if hint else ""
    hint_html = f'<p class="kb-hint" id="{field_id}-hint">{attr(hint)}</p>' if hint else ""
    return (
        f'<div class="kb-field" data-field="body-{index}">'
        f'<label for="{field_id}" id="{field_id}-label">Tekst onder de kop ‘{attr(heading)}’ '
        '<span class="kb-required">(verplicht)</span></label>'
        f'{hint_html}<p class="kb-error-message" id="{field_id}-error" hidden></p>'
        f'<textarea id="{field_id}" name="body-{index}" rows="8" required{described}></textarea></div>'
    )


def _result_html(name: str) -> str:
    """Where the checked file appears, with the ways to offer it (proposal.js fills it in)."""
    return (
        '<section id="kb-result" class="kb-result" hidden aria-labelledby="kb-result-title">'
        f'<h2 id="kb-result-title" tabindex="-1">Uw {attr(name)} is klaar</h2>'
        '<p id="kb-result-file"></p>'
        '<p id="kb-github-note" class="kb-hint"></p>'
        '<ul class="kb-ways">'
        '<li><a id="kb-github" class="md-button md-button--primary" hidden>Open op GitHub</a></li>'
        '<li><button type="button" id="kb-download" class="md-button">Download het .md-bestand</button></li>'
        '<li><button type="button" id="kb-copy" class="md-button">Kopieer</button></li>'
        '<li><a id="kb-email" class="md-button" hidden>E-mail naar de redactie</a></li>'
        "</ul>"
        '<p id="kb-way-status" role="status"></p>'
        '<details><summary>Bekijk het bestand</summary><pre><code id="kb-file"></code></pre></details>'
        "</section>"
    )
