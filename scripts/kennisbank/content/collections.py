"""The registry of content collections: name, folder, schema, URL prefix and body headings."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Collection:
    """One content collection.

    Attributes:
        name: machine name used in the CLI and in exports (``practice``).
        folder: folder of the Markdown files, relative to the project root.
        schema: file name of the JSON Schema in ``schemas/``.
        url_prefix: Dutch section name in site URLs (``praktijkvoorbeelden``).
        id_prefix: prefix of every id in this collection (``pr``).
        label: Dutch plural label, used in navigation and filters.
        label_singular: Dutch singular label.
        headings: the level-2 body headings every entry must have, in order.
        intro: one Dutch sentence for the overview page.
        overview_columns: ``(field, column header)`` of the taxonomy columns in the
            overview table, after title and summary.
        facet_rows: ``(field, label)`` of the taxonomy rows in an entry's details box.
        text_rows: ``(field, label)`` of the free-text rows in an entry's details box.
    """

    name: str
    folder: str
    schema: str
    url_prefix: str
    id_prefix: str
    label: str
    label_singular: str
    headings: tuple[str, ...]
    intro: str
    overview_columns: tuple[tuple[str, str], ...] = ()
    facet_rows: tuple[tuple[str, str], ...] = ()
    text_rows: tuple[tuple[str, str], ...] = ()


COLLECTIONS: tuple[Collection, ...] = (
    Collection(
        name="practice",
        folder="practices",
        schema="practice.schema.json",
        url_prefix="praktijkvoorbeelden",
        id_prefix="pr",
        label="Praktijkvoorbeelden",
        label_singular="Praktijkvoorbeeld",
        headings=("Aanleiding", "Aanpak", "Resultaat", "Aandachtspunten van de redactie"),
        intro="Wat organisaties deden om de publieke dienstverlening te verbeteren, "
        "waarom en hoe, en wat anderen ervan kunnen leren.",
        overview_columns=(("themes", "Thema's"), ("status", "Status")),
        facet_rows=(("organisation_types", "Organisatietype"), ("target_groups", "Doelgroep"), ("status", "Status")),
        text_rows=(
            ("organisations", "Organisaties"),
            ("domain", "Domein"),
            ("period", "Periode"),
            ("contact_role", "Contact"),
        ),
    ),
    Collection(
        name="dilemma",
        folder="dilemmas",
        schema="dilemma.schema.json",
        url_prefix="dilemmas",
        id_prefix="di",
        label="Dilemma's",
        label_singular="Dilemma",
        headings=("Het dilemma", "Waar het speelt", "Afwegingen", "Stand van zaken"),
        intro="Spanningen tussen publieke waarden of doelen waar professionals in de "
        "praktijk tegenaan lopen, open besproken.",
        overview_columns=(("themes", "Thema's"), ("status", "Status")),
        facet_rows=(
            ("organisation_types", "Wie loopt ertegenaan"),
            ("target_groups", "Doelgroep"),
            ("status", "Status"),
        ),
        text_rows=(("values", "Waarden in spanning"),),
    ),
    Collection(
        name="instrument",
        folder="instruments",
        schema="instrument.schema.json",
        url_prefix="instrumenten",
        id_prefix="in",
        label="Instrumenten",
        label_singular="Instrument",
        headings=("Wat het is", "Wie het gebruikt en wanneer", "Hoe het werkt", "Stand van zaken"),
        intro="Het overzicht van instrumenten om met de politiek te werken en om de "
        "uitvoerbaarheid van wetten, moties en amendementen te toetsen.",
        overview_columns=(("themes", "Thema's"), ("maturity", "Volwassenheid")),
        facet_rows=(
            ("users", "Gebruikers"),
            ("phases", "Fase van de beleidscyclus"),
            ("maturity", "Volwassenheid"),
            ("organisation_types", "Organisatietype"),
        ),
        text_rows=(("purpose", "Doel"), ("organiser", "Eigenaar of organisator")),
    ),
)

BY_NAME: dict[str, Collection] = {c.name: c for c in COLLECTIONS}
BY_FOLDER: dict[str, Collection] = {c.folder: c for c in COLLECTIONS}
BY_ID_PREFIX: dict[str, Collection] = {c.id_prefix: c for c in COLLECTIONS}


def collection_of_id(entry_id: str) -> Collection | None:
    """Return the collection an id belongs to by its prefix (``pr-001`` -> practice), or None."""
    return BY_ID_PREFIX.get(entry_id.split("-", 1)[0])
