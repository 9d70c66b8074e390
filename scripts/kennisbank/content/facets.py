"""Facets: the ways to browse the knowledge base (theme, organisation type, target group, …).

Each facet is a field backed by one or more vocabularies and gets an index page plus one
page per value under its own Dutch URL section.
"""

from __future__ import annotations

from dataclasses import dataclass

from kennisbank.content.loader import Entry


@dataclass(frozen=True)
class Facet:
    """One way to browse.

    Attributes:
        field: front-matter field (``themes``).
        vocabularies: vocabulary names the values come from, in display order.
        url_prefix: Dutch URL section (``themas``).
        label: Dutch plural label (``Thema's``).
        label_singular: Dutch singular label (``Thema``).
        collections: collection names that have this field.
        intro: one Dutch sentence for the facet's index page.
    """

    field: str
    vocabularies: tuple[str, ...]
    url_prefix: str
    label: str
    label_singular: str
    collections: tuple[str, ...]
    intro: str

    def values(self, entry: Entry) -> list[str]:
        """The entry's values for this facet, as a list of ids (empty when absent)."""
        if entry.collection.name not in self.collections:
            return []
        value = entry.meta.get(self.field)
        if isinstance(value, str):
            return [value]
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


FACETS: tuple[Facet, ...] = (
    Facet("themes", ("themes",), "themas", "Thema's", "Thema", ("practice", "dilemma", "instrument"),
          "De vier versnellingsthema's en de zeven thema's om door te zetten en uit te bouwen uit de herijking van Werk aan Uitvoering."),
    Facet("organisation_types", ("organisation_types",), "organisatietypen", "Organisatietypen", "Organisatietype",
          ("practice", "dilemma", "instrument"),
          "Wat is er geprobeerd door, of speelt er bij, uw soort organisatie?"),
    Facet("target_groups", ("target_groups",), "doelgroepen", "Doelgroepen", "Doelgroep", ("practice", "dilemma"),
          "Voor wie het voorbeeld of dilemma gevolgen heeft."),
    Facet("status", ("practice_status", "dilemma_status"), "status", "Status", "Status", ("practice", "dilemma"),
          "Lopende en afgeronde voorbeelden, en dilemma's die open zijn, in de ACU besproken worden of doorbroken zijn."),
    Facet("users", ("instrument_users",), "gebruikers", "Gebruikers van instrumenten", "Gebruiker", ("instrument",),
          "Welke instrumenten Tweede Kamer, Eerste Kamer, ministeries, uitvoerders en medeoverheden gebruiken."),
    Facet("phases", ("policy_phases",), "beleidsfasen", "Fasen van de beleidscyclus", "Fase", ("instrument",),
          "Welke instrumenten in welke fase van de beleidscyclus helpen."),
    Facet("maturity", ("maturity",), "volwassenheid", "Volwassenheid van instrumenten", "Volwassenheid", ("instrument",),
          "Van idee tot instrument dat in gebruik is."),
)

BY_FIELD: dict[str, Facet] = {f.field: f for f in FACETS}
