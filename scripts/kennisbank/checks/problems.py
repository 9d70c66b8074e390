"""Problems found in content, and the catalogue of every problem code.

A :class:`Problem` is plain data: file, line, column, code, field, Dutch message and
Dutch hint. The catalogue (:data:`CATALOGUE`) is the single source for the error
catalogue page on the site, so the page and the validator cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field as dc_field


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file.

    Attributes:
        path: file path as shown to the contributor (relative to the project root, POSIX).
        line: 1-based line in the file (0 when the problem concerns the file as a whole).
        col: 1-based column (1 when unknown).
        code: catalogue code, e.g. ``SCH003``.
        field: front-matter field or body part the problem concerns ('' when none).
        message: what is wrong, in Dutch.
        hint: how to fix it, in Dutch ('' when the catalogue hint suffices).
    """

    path: str
    line: int
    col: int = 1
    code: str = ""
    field: str = ""
    message: str = ""
    hint: str = dc_field(default="", compare=False)

    def as_dict(self) -> dict[str, object]:
        """Return the problem as a JSON-ready dict with stable key order."""
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "field": self.field,
            "message": self.message,
            "hint": self.hint or CATALOGUE[self.code].fix,
        }


@dataclass(frozen=True)
class CatalogueEntry:
    """Documentation of one problem code: title, cause, a bad example and the fix (all Dutch)."""

    code: str
    title: str
    cause: str
    example: str
    fix: str


def _c(code: str, title: str, cause: str, example: str, fix: str) -> CatalogueEntry:
    return CatalogueEntry(code, title, cause, example, fix)


_ENTRIES = [
    # Framing of the front matter
    _c("FM001", "Front matter ontbreekt",
       "Elk item begint op regel 1 met een regel met alleen `---`, dan de velden, dan weer `---`.",
       "Doel: betere dienstverlening\n\n## Aanleiding",
       "Zet op regel 1 `---`, daarna de velden (id, title, ...) en sluit af met `---`. "
       "Begin met `kb new` om een goed sjabloon te krijgen."),
    _c("FM002", "Bestand begint met een onzichtbaar BOM-teken",
       "Sommige editors zetten een onzichtbaar teken (UTF-8 BOM) vóór de eerste `---`.",
       "\\ufeff---\nid: pr-001",
       "Sla het bestand op als 'UTF-8 zonder BOM' (in VS Code: rechtsonder op 'UTF-8 with BOM' klikken)."),
    _c("FM003", "Front matter wordt niet afgesloten",
       "Na de velden ontbreekt de afsluitende regel `---`; alles erna zou als veld worden gelezen.",
       "---\nid: pr-001\ntitle: Voorbeeld\n\n## Aanleiding",
       "Zet na het laatste veld een regel met alleen `---`."),
    _c("FM004", "Front matter is geen lijst van velden",
       "De front matter moet bestaan uit regels `veld: waarde`, niet uit een lijst of losse tekst.",
       "---\n- id: pr-001\n- title: Voorbeeld\n---",
       "Schrijf elk veld als `veld: waarde`, zonder streepje ervoor."),
    _c("FM005", "YAML kan niet gelezen worden",
       "De front matter bevat een fout in de YAML-opmaak, bijvoorbeeld een dubbele punt in een waarde.",
       "title: Dilemma 1: wie beslist?",
       "Zet de waarde tussen aanhalingstekens: `title: \"Dilemma 1: wie beslist?\"`."),
    _c("FM006", "Veld staat er twee keer in",
       "Een veld komt twee keer voor; YAML zou stilzwijgend de laatste waarde houden.",
       "title: Eerste titel\ntitle: Tweede titel",
       "Houd één van de twee regels over."),
    _c("FM007", "Ankers en verwijzingen (& en *) zijn niet toegestaan",
       "YAML-ankers (`&naam`) en -verwijzingen (`*naam`) maken een bestand moeilijk leesbaar "
       "en kunnen bij het exporteren exploderen in omvang.",
       "tags: &t [privacy]\nrelated: *t",
       "Schrijf de waarden gewoon uit."),
    _c("FM008", "Front matter is te groot",
       "De front matter is groter dan toegestaan. Lange tekst hoort in de hoofdtekst, niet in de velden.",
       "description: (tienduizenden tekens)",
       "Verplaats lange tekst naar de hoofdtekst onder de koppen."),
    _c("FM009", "Bestand is geen geldige UTF-8-tekst",
       "Het bestand bevat tekens die niet als UTF-8 gelezen kunnen worden.",
       "(bestand opgeslagen als Windows-1252)",
       "Sla het bestand op als UTF-8."),
    _c("FM010", "Tekst na de front matter ontbreekt of zou verloren gaan",
       "Er staat een tweede blok `---` of er is geen hoofdtekst; tekst zou niet op de site verschijnen.",
       "---\nid: pr-001\n---\n---\ntitle: nog een blok\n---",
       "Zet alle velden in één blok bovenaan en schrijf daaronder de hoofdtekst met de vaste koppen."),
    _c("FM011", "Onzichtbaar teken of stuurteken",
       "Een waarde bevat een teken dat je niet ziet: een stuurteken (ook geschreven als `\\v` of `\\x01`), "
       "een teken dat de tekstrichting omkeert of een breedteloze spatie. Zulke tekens kunnen tekst anders "
       "laten lezen dan hij eruitziet en breken de exportbestanden.",
       "title: \"Eén loket\\vvoor iedereen\"",
       "Verwijder het teken; typ de waarde zo nodig opnieuw. De melding noemt het teken en de kolom."),
    _c("FM012", "Waarde afgebroken door #",
       "In YAML begint een spatie gevolgd door `#` een opmerking. Zonder aanhalingstekens verdwijnt alles "
       "vanaf de `#` uit de waarde.",
       "title: Doorbraakteam #2 (tweede ronde)",
       "Zet de waarde tussen aanhalingstekens: `title: \"Doorbraakteam #2 (tweede ronde)\"`, "
       "of zet een opmerking op een eigen regel."),
    # File names
    _c("FILE001", "Bestandsnaam is geen nette slug",
       "De bestandsnaam wordt het webadres. Spaties, hoofdletters, apostroffen en accenten "
       "geven adressen die breken of onleesbaar worden.",
       "practices/privacy en ethiek.md",
       "Hernoem het bestand naar kleine letters, cijfers en streepjes, bijvoorbeeld `privacy-en-ethiek.md`."),
    _c("FILE002", "Bestand hoort niet in deze map",
       "In de mappen practices/, dilemmas/ en instruments/ staan alleen gewone bestanden die op `.md` eindigen. "
       "Een snelkoppeling (symlink) kan een bestand van buiten de kennisbank publiceren; een bestand op `.MD`, "
       "`.markdown` of zonder extensie zou stil worden overgeslagen. In docs/ zijn snelkoppelingen ook niet toegestaan.",
       "practices/voorbeeld.markdown",
       "Hernoem het bestand naar `naam.md` (kleine letters), of vervang de snelkoppeling door het bestand zelf."),
    # Schema
    _c("SCH001", "Verplicht veld ontbreekt",
       "Elk item heeft een aantal verplichte velden; zonder zo'n veld verdwijnt een item uit lijsten en zoeken.",
       "---\nid: pr-001\n---   (title ontbreekt)",
       "Voeg het veld toe. Het sjabloon van `kb new` bevat alle verplichte velden."),
    _c("SCH002", "Onbekend veld",
       "Het veld hoort niet bij deze collectie, vaak door een tikfout.",
       "titel: Voorbeeld",
       "Gebruik de veldnaam uit het schema (zie de suggestie) of verwijder het veld."),
    _c("SCH003", "Waarde heeft het verkeerde type",
       "Een veld verwacht bijvoorbeeld een lijst of tekst. YAML maakt van `NO`, `off` of `yes` "
       "een ja/nee-waarde en van `2024` een getal.",
       "tags: privacy\nperiod: 2024",
       "Schrijf lijsten als `[a, b]` en zet tekst die YAML verkeerd leest tussen aanhalingstekens: `period: \"2024\"`."),
    _c("SCH004", "Waarde heeft niet de juiste vorm",
       "De waarde past niet in het vaste formaat, zoals een datum JJJJ-MM-DD of een webadres dat met https:// begint.",
       "published: 1-3-2024",
       "Gebruik het formaat uit de melding, bijvoorbeeld `published: 2024-03-01`."),
    _c("SCH005", "Waarde is te kort, te lang of de lijst is leeg",
       "Sommige velden hebben een minimale of maximale lengte, bijvoorbeeld de beschrijving (maximaal 300 tekens).",
       "themes: []",
       "Pas de waarde aan binnen de grenzen uit de melding."),
    _c("SCH006", "Waarde staat er dubbel in",
       "Een lijst bevat dezelfde waarde twee keer.",
       "themes: [vakmanschap, vakmanschap]",
       "Verwijder de dubbele waarde."),
    _c("SCH007", "Bron is onvolledig",
       "Elke bron heeft een titel en daarnaast een webadres (`url`) of een sectie van een document (`section`).",
       "sources:\n  - title: Herijking",
       "Voeg `url:` of `section:` toe aan de bron."),
    # Vocabularies
    _c("VOC001", "Onbekende waarde uit een woordenlijst",
       "Thema's, trefwoorden, organisatietypen en andere vaste lijsten staan in `vocabularies.yml`.",
       "themes: [vereenvoudigen]",
       "Kies een waarde uit `vocabularies.yml` (zie de suggestie). Een nieuw trefwoord voeg je daar toe in dezelfde pull request."),
    _c("VOC002", "Trefwoorden verschillen alleen in hoofdletters",
       "`Ethiek` en `ethiek` zouden op de site twee trefwoorden worden en in zoekfilters botsen.",
       "tags: [Ethiek, ethiek]",
       "Gebruik alleen kleine letters en houd één van de twee over."),
    # Ids and links
    _c("ID001", "Id komt twee keer voor",
       "Elk item heeft een eigen, vaste id. Twee items met dezelfde id breken permalinks.",
       "practices/a.md: id: pr-001\npractices/b.md: id: pr-001",
       "Geef het nieuwe item de volgende vrije id (`kb new` doet dat vanzelf). Wijzig nooit de id van een gepubliceerd item."),
    _c("ID002", "Id heeft niet de juiste vorm",
       "Een id bestaat uit het voorvoegsel van de collectie (pr, di, in), een streepje en minstens drie cijfers.",
       "id: PR1",
       "Schrijf de id als `pr-012` (praktijkvoorbeeld), `di-012` (dilemma) of `in-012` (instrument)."),
    _c("LINK001", "Verwijzing naar een onbekende id",
       "In `related` staat een id die bij geen enkel item hoort.",
       "related: [in-999]",
       "Controleer de id (zie de suggestie) of verwijder de verwijzing."),
    _c("LINK002", "Item verwijst naar zichzelf",
       "Een item staat in zijn eigen lijst `related`.",
       "id: pr-001\nrelated: [pr-001]",
       "Verwijder de eigen id uit `related`."),
    _c("URL001", "Adres botst met een andere pagina",
       "Twee items krijgen hetzelfde webadres, een oud adres (`aliases`) is al in gebruik door een item of "
       "een pagina van de site, of de bestandsnaam is gereserveerd (zoals `index` of `welk-instrument-wanneer`).",
       "aliases: [/zoeken/]",
       "Kies een ander oud adres of een andere bestandsnaam, of verwijder de alias."),
    _c("URL002", "Oud adres heeft geen geldige vorm",
       "Een oud adres (`aliases`) begint en eindigt met `/`, heeft geen lege delen (`//`) en ligt niet in een map "
       "van de site zelf (assets, pagefind, data, schemas, p).",
       "aliases: [\"///\"]",
       "Schrijf het oude adres zoals het in de adresbalk stond, bijvoorbeeld `/praktijkvoorbeelden/oude-naam/`."),
    # Body
    _c("BODY001", "Verplichte kop ontbreekt",
       "Elke collectie heeft vaste koppen in de hoofdtekst, zodat lezers alles op dezelfde plek vinden.",
       "## Aanpak   (## Aanleiding ontbreekt)",
       "Voeg de kop toe als `## Kopnaam`, precies zoals in de melding."),
    _c("BODY003", "Hoofdtekst is te groot",
       "Een hoofdtekst is hoogstens 200 KB. Zo blijft elke pagina licht en de bouw snel.",
       "(een hoofdtekst van 1 MB)",
       "Maak de tekst korter of verdeel hem over meer items die naar elkaar verwijzen (`related`)."),
    _c("BODY004", "Hoofdtekst is te diep genest",
       "Lijsten, blokcitaten (`>`) en blokhaken (`[`) mogen hoogstens 10 niveaus diep genest zijn. "
       "Diepere nesting maakt de tekst onleesbaar en de bouw traag of onmogelijk.",
       "[[[[[[[[[[[[ tekst",
       "Maak de opbouw platter; een lijst in een lijst is meestal genoeg."),
    _c("BODY002", "Kop op het hoogste niveau in de hoofdtekst",
       "De titel komt uit het veld `title`; een kop met één `#` geeft een tweede titel.",
       "# Mijn voorbeeld",
       "Verwijder de kop of maak er een `##`-kop van."),
    # Safety
    _c("SAFE001", "HTML of attributen in de hoofdtekst die de site weghaalt",
       "De hoofdtekst wordt gelezen zoals de site hem maakt. HTML als `<script>`, `<iframe>` of `<svg>`, "
       "attributen als `style=` of `onclick=` (ook via `{: ... }` achter een alinea of link) en HTML-opmerkingen "
       "haalt de site weg, omdat ze code in de browser van lezers kunnen uitvoeren of de pagina kunnen vervormen.",
       "<img src=x onerror=alert(1)>\n[bron](https://voorbeeld.nl){: onclick=\"alert(1)\" }",
       "Gebruik alleen Markdown: `**vet**`, `[tekst](https://...)`, lijsten en koppen."),
    _c("SAFE002", "Link met een onveilig of onbekend protocol",
       "Links mogen alleen naar `https://`, `http://` of `mailto:` wijzen, ook als het adres via `{: href=... }` "
       "wordt gezet.",
       "[klik](javascript:alert(1))",
       "Gebruik een gewoon webadres dat met https:// begint."),
    _c("SAFE003", "Afbeelding van een andere website",
       "Een afbeelding van een andere website laat de browser van elke lezer die website bezoeken. "
       "De kennisbank doet geen verzoeken aan andere websites.",
       "![grafiek](https://voorbeeld.nl/grafiek.png)",
       "Laat de afbeelding weg en beschrijf in tekst wat die laat zien, of link ernaar met een gewone link."),
    # Personal data
    _c("PII001", "Mogelijk burgerservicenummer (BSN)",
       "Een getal van negen cijfers voldoet aan de elfproef. Een kennisbank bevat geen persoonsgegevens.",
       "Dossier 111222333 is opgelost.",
       "Verwijder het nummer. Is het zeker geen BSN? Zet het dan in de front matter onder "
       "`reviewed_numbers: [\"111222333\"]`."),
    _c("PII002", "Mogelijk IBAN-rekeningnummer",
       "Een rekeningnummer met een geldig controlegetal staat in de tekst.",
       "Stort op NL91ABNA0417164300.",
       "Verwijder het nummer, of zet het onder `reviewed_numbers` als het een openbaar rekeningnummer van een organisatie is."),
    _c("PII003", "Mogelijk telefoonnummer",
       "Een Nederlands telefoonnummer staat in de tekst. Noem een rol of een algemeen nummer, geen persoon.",
       "Bel 06 12345678.",
       "Verwijder het nummer, of zet een algemeen nummer van een organisatie onder `reviewed_numbers`."),
    _c("PII004", "E-mailadres dat geen functioneel adres is",
       "Alleen functionele mailboxen uit de lijst `functional_mailboxes` in `vocabularies.yml` zijn toegestaan.",
       "Mail j.jansen@voorbeeld.nl",
       "Verwijs naar een rol of een functionele mailbox, en voeg die zo nodig toe aan `functional_mailboxes`."),
    _c("VUL001", "Invulplek uit het sjabloon is nog niet ingevuld",
       "Het sjabloon van `kb new` bevat invulplekken `[[VUL IN: …]]` die vervangen moeten worden.",
       "description: \"[[VUL IN: één of twee zinnen]]\"",
       "Vervang elke `[[VUL IN: …]]` door echte tekst."),
    # Configuration
    _c("CFG001", "Configuratie kan niet gelezen worden",
       "`vocabularies.yml` of een schema in `schemas/` ontbreekt of bevat een fout.",
       "vocabularies.yml: themes ontbreekt",
       "Herstel het bestand; het is geen item maar hoort bij de hele kennisbank."),
]

CATALOGUE: dict[str, CatalogueEntry] = {e.code: e for e in _ENTRIES}
