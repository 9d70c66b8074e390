"""The one registry of taxonomies: front-matter field -> vocabulary -> facet.

A taxonomy is a front-matter field whose values come from a controlled vocabulary in
``vocabularies.yml``. Most are also *facets*: ways to browse, with an index page and a
page per value under their own Dutch URL section. ``tags`` is the exception: Material's
tags plugin lists them on one page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kennisbank.content.entry import Entry

_ALL = ("practice", "dilemma", "instrument")


@dataclass(frozen=True)
class Taxonomy:
    """One taxonomy.

    Attributes:
        field: front-matter field (``themes``).
        vocabularies: collection name -> vocabulary name, for every collection that has
            the field (``status`` draws from a different vocabulary per collection).
        url_prefix: Dutch URL section of its facet pages (``themas``); '' for no pages.
        label: Dutch plural label (``Thema's``).
        label_singular: Dutch singular label (``Thema``).
        intro: one Dutch sentence for the facet's index page.
    """

    field: str
    vocabularies: Mapping[str, str]
    url_prefix: str
    label: str
    label_singular: str
    intro: str = ""

    @property
    def collections(self) -> tuple[str, ...]:
        """Names of the collections that have this field."""
        return tuple(self.vocabularies)

    @property
    def vocabulary_names(self) -> tuple[str, ...]:
        """The vocabularies the values come from, in display order, without repeats."""
        return tuple(dict.fromkeys(self.vocabularies.values()))

    @property
    def is_facet(self) -> bool:
        """Whether the site has browse pages for it."""
        return bool(self.url_prefix)

    def values(self, entry: Entry) -> list[str]:
        """The entry's values for this taxonomy, as a list of ids (empty when absent)."""
        if entry.collection.name not in self.vocabularies:
            return []
        value = entry.meta.get(self.field)
        if isinstance(value, str):
            return [value]
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _same(vocabulary: str, collections: tuple[str, ...] = _ALL) -> dict[str, str]:
    return {c: vocabulary for c in collections}


TAXONOMIES: tuple[Taxonomy, ...] = (
    Taxonomy(
        "themes",
        _same("themes"),
        "themas",
        "Thema's",
        "Thema",
        "De vier versnellingsthema's en de zeven thema's om door te zetten en uit te bouwen uit de herijking "
        "van Werk aan Uitvoering.",
    ),
    Taxonomy(
        "organisation_types",
        _same("organisation_types"),
        "organisatietypen",
        "Organisatietypen",
        "Organisatietype",
        "Wat is er geprobeerd door, of speelt er bij, uw soort organisatie?",
    ),
    Taxonomy(
        "target_groups",
        _same("target_groups", ("practice", "dilemma")),
        "doelgroepen",
        "Doelgroepen",
        "Doelgroep",
        "Voor wie het voorbeeld of dilemma gevolgen heeft.",
    ),
    Taxonomy(
        "status",
        {"practice": "practice_status", "dilemma": "dilemma_status"},
        "status",
        "Status",
        "Status",
        "Lopende en afgeronde voorbeelden, en dilemma's die open zijn, in de ACU besproken worden of doorbroken zijn.",
    ),
    Taxonomy(
        "users",
        _same("instrument_users", ("instrument",)),
        "gebruikers",
        "Gebruikers van instrumenten",
        "Gebruiker",
        "Welke instrumenten Tweede Kamer, Eerste Kamer, ministeries, uitvoerders en medeoverheden gebruiken.",
    ),
    Taxonomy(
        "phases",
        _same("policy_phases", ("instrument",)),
        "beleidsfasen",
        "Fasen van de beleidscyclus",
        "Fase",
        "Welke instrumenten in welke fase van de beleidscyclus helpen.",
    ),
    Taxonomy(
        "maturity",
        _same("maturity", ("instrument",)),
        "volwassenheid",
        "Volwassenheid van instrumenten",
        "Volwassenheid",
        "Van idee tot instrument dat in gebruik is.",
    ),
    Taxonomy("tags", _same("tags"), "", "Trefwoorden", "Trefwoord"),
)

BY_FIELD: dict[str, Taxonomy] = {t.field: t for t in TAXONOMIES}

#: The taxonomies with browse pages, in menu order.
FACETS: tuple[Taxonomy, ...] = tuple(t for t in TAXONOMIES if t.is_facet)


def vocabulary_for(collection: str, field: str) -> str | None:
    """Name of the vocabulary that ``field`` of ``collection`` draws from, or None."""
    taxonomy = BY_FIELD.get(field)
    return taxonomy.vocabularies.get(collection) if taxonomy else None
