"""A deterministic synthetic corpus for the benchmark: N entries that pass ``kb validate``.

Every value in the front matter comes from the real vocabularies (read from
``vocabularies.yml``); the body is varied Dutch prose (400–800 words) under the headings
each collection requires. Words are drawn with a Zipf-like distribution from a lexicon
that includes generated compound nouns, so the vocabulary keeps growing with N the way a
real corpus does (that matters for the size of the search index).

The text never contains a run of eight or more digits, a number starting with 0 or '+',
an IBAN-like string or an e-mail address, so the personal-data checks stay quiet.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import json
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

#: What a project copy needs besides the content folders.
PROJECT_FILES = ("vocabularies.yml", "mkdocs.yml")
PROJECT_DIRS = ("schemas", "docs", "overrides")

#: Share of each collection in the corpus (practices, dilemmas, instruments).
SHARES = (("practices", "pr", 0.45), ("dilemmas", "di", 0.25), ("instruments", "in", 0.30))

HEADINGS = {
    "practices": ("Aanleiding", "Aanpak", "Resultaat", "Lessen voor anderen"),
    "dilemmas": ("Het dilemma", "Waar het speelt", "Afwegingen", "Stand van zaken"),
    "instruments": ("Wat het is", "Wie het gebruikt en wanneer", "Hoe het werkt", "Stand van zaken"),
}

# --- lexicon ------------------------------------------------------------------------------

NOUNS = """
aanpak afspraak afweging agenda ambtenaar analyse antwoord arbeidsmarkt balie bedrijf beeld
begroting behoefte beleid beleidsmaker beperking bericht beslissing besluit bestuurder bezwaar
bijeenkomst bijstand brief burger capaciteit casus cijfer clientpanel coalitie collega
commissie complexiteit context dienst dienstverlening dialoog doel doelgroep dossier draagvlak
eenvoud effect eigenaar ervaring evaluatie experiment fase financiering gegevens gemeente
gesprek gevolg grens grondslag houding huishouden hulpvraag ict idee inkomen inspraak
instantie instrument inwoner kader kamerlid kans keten keuze klacht knelpunt kosten kwaliteit
leefwereld les loket maatregel maatwerk medewerker meting methode minister ministerie moment
monitor motie netwerk norm omgeving onderzoek ondernemer ontwerp oordeel opdracht opdrachtgever
opgave oplossing organisatie overheid overleg partij pilot plan planning politiek praktijk
prioriteit privacy probleem proces professional programma project provincie rapport recht
regel regelgeving regeling regie rol ruimte samenhang samenleving samenwerking schaarste
signaal situatie sleutel snelheid sturing systeem taak team tekort termijn toets toezicht
toezichthouder uitkering uitvoerder uitvoering uitvoerbaarheid uitwisseling vakmanschap
verandering verantwoording verbetering vereenvoudiging verordening vertrouwen verwachting
voorbeeld voorstel voorziening vraag waarde waterschap werkgroep werkwijze wet wetgeving
wetsvoorstel wijk wijziging zorg zorgvuldigheid
""".split()

PLURALS = """
aanvragen afspraken belanghebbenden beleidsmakers bewoners burgers casussen cijfers collega's
dienstverleners doelgroepen ervaringen gegevens gemeenten gesprekken huishoudens instanties
inwoners kamerleden knelpunten loketten maatregelen medewerkers ministeries moties
ondernemers opdrachtgevers organisaties partijen professionals provincies regels signalen
systemen teams uitvoerders uitvoeringsorganisaties voorbeelden voorstellen waterschappen
wetten wijzigingen zorgverleners
""".split()

PREFIXES = """
aanvraag arbeids belasting beleids bestuurs burger data dienst gegevens gezondheids huur
inkomens informatie jeugd keten klant kwaliteits loket mobiliteits onderwijs overheids
participatie pensioen proces programma recht regel schulden sociale toeslag uitkerings
uitvoerings verkeers verzekerings water werk wet woon zorg
""".split()

SUFFIXES = """
aanpak advies agenda analyse beleid beraad bericht besluit dienst dossier kader keten kennis
loket maatregel model monitor netwerk norm onderzoek opgave overleg plan portaal proces
programma rapport regeling register ruimte signaal systeem taak team toets traject
verbetering vernieuwing verkenning voorziening wijziging
""".split()

VERBS_PRESENT = """
beschrijft bespreekt bundelt brengt_in_kaart constateert deelt doet_onderzoek_naar
laat_zien legt_vast maakt_zichtbaar neemt_mee onderzoekt ondersteunt organiseert
stelt_voor toetst verbetert vereenvoudigt verkent versterkt verzamelt volgt weegt_af
werkt_uit zoekt_uit
""".split()

VERBS_PAST = """
analyseerde besprak bundelde deelde evalueerde onderzocht ontwikkelde organiseerde
signaleerde stelde_voor testte toetste verbeterde verkende versterkte verzamelde
""".split()

INFINITIVES = """
begrijpen bespreken delen helpen leren ondersteunen oplossen uitvoeren vereenvoudigen
verbeteren versnellen versterken voorkomen zichtbaar_maken
""".split()

ADJECTIVES = """
belangrijke bestaande brede concrete duidelijke eenvoudige eerlijke gezamenlijke goede
haalbare heldere kleine lastige lokale menselijke nieuwe open praktische realistische
snelle sterke structurele tijdelijke toegankelijke uitvoerbare verschillende vroege
zorgvuldige
""".split()

ADVERBIALS = """
in_de_praktijk op_korte_termijn op_lange_termijn samen_met_de_uitvoering vanaf_het_begin
binnen_de_bestaande_kaders met_oog_voor_de_burger zonder_extra_regels stap_voor_stap
in_overleg_met_de_gemeenten aan_de_voorkant_van_het_beleid in_de_hele_keten
voor_het_eerst opnieuw steeds_vaker al_langer per_regio in_kleine_teams
""".split()

PLACES = """
Almere Amersfoort Apeldoorn Arnhem Assen Breda Delft Deventer Dordrecht Eindhoven Emmen Enschede
Groningen Haarlem Heerlen Hengelo Hilversum Leeuwarden Leiden Lelystad Maastricht Middelburg
Nijmegen Oss Rotterdam Tilburg Utrecht Venlo Zaanstad Zoetermeer Zwolle
""".split()

ORGANISATIONS = [
    "Uitvoeringsinstituut Werknemersverzekeringen",
    "Sociale Verzekeringsbank",
    "Belastingdienst",
    "Dienst Uitvoering Onderwijs",
    "Rijksdienst voor Ondernemend Nederland",
    "CJIB",
    "Kadaster",
    "Rijkswaterstaat",
    "Dienst Toeslagen",
    "Vereniging van Nederlandse Gemeenten",
    "Unie van Waterschappen",
    "Interprovinciaal Overleg",
    "Nationale ombudsman",
    "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
    "Ministerie van Sociale Zaken en Werkgelegenheid",
    "Ministerie van Infrastructuur en Waterstaat",
    "Ministerie van Financiën",
    "Ministerie van Justitie en Veiligheid",
    "Immigratie- en Naturalisatiedienst",
    "Centraal Bureau Rijvaardigheidsbewijzen",
    "RDW",
    "Nederlandse Arbeidsinspectie",
    "Logius",
    "Autoriteit Persoonsgegevens",
]

VALUES = """
rechtszekerheid maatwerk gelijke_behandeling snelheid zorgvuldigheid privacy
dienstverlening_op_maat doelmatigheid transparantie eenvoud betrouwbaarheid
professionele_ruimte uitvoerbaarheid democratische_controle continuïteit vernieuwing
""".split()

OWNERS = [
    "Programmadirectie Werk aan Uitvoering",
    "Redactie kennisbank",
    "Netwerk van opdrachtgevers",
    "Afdeling Strategie en Beleid",
    "Team Uitvoeringstoetsen",
    "Kenniscentrum Dienstverlening",
]

CONTACT_ROLES = [
    "afdeling communicatie",
    "programmateam",
    "servicedesk van de organisatie",
    "team beleid en uitvoering",
    "kennisnetwerk",
]

DOMAINS = [
    "sociale zekerheid",
    "mobiliteit",
    "onderwijs",
    "wonen",
    "zorg",
    "belastingen",
    "werk en inkomen",
    "justitie",
    "water",
    "ruimtelijke ordening",
]

SOURCE_TITLES = [
    "Herijking Werk aan Uitvoering: op naar een betere publieke dienstverlening",
    "Staat van de uitvoering",
    "Jaarverslag publieke dienstverlening",
    "Kamerbrief over de uitvoering",
    "Evaluatie van het programma",
    "Rapport van de Nationale ombudsman",
    "Verkenning van de ACU",
]


def _words(items: list[str]) -> list[str]:
    return [w.replace("_", " ") for w in items]


@dataclass
class Lexicon:
    """Nouns with fixed Zipf weights, built once per corpus.

    The ~200 everyday nouns come first (frequent); then two- and three-part compounds
    (``uitvoeringstoets``, ``zorgloketregister``) form a long tail of some 23,000 rare
    words, so the number of distinct words grows with the corpus as in real text.
    """

    nouns: list[str]
    cumulative: list[float]

    @classmethod
    def build(cls, rng: random.Random) -> Lexicon:
        base = list(dict.fromkeys(NOUNS))
        rng.shuffle(base)
        two = [p + s for p in PREFIXES for s in SUFFIXES if not p.endswith(s)]
        rng.shuffle(two)
        middles = (
            "dienst",
            "loket",
            "keten",
            "regel",
            "data",
            "werk",
            "zorg",
            "klant",
            "kennis",
            "proces",
            "register",
            "systeem",
            "toets",
            "beleid",
            "netwerk",
            "advies",
        )
        three = [p + m + s for p in PREFIXES for m in middles for s in SUFFIXES if m != s]
        rng.shuffle(three)
        nouns = list(dict.fromkeys(base + two + three))
        weights = [1.0 / (rank + 1) ** 1.0 for rank in range(len(nouns))]
        return cls(nouns, list(itertools.accumulate(weights)))

    def noun(self, rng: random.Random) -> str:
        return self.nouns[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]


class Writer:
    """Dutch sentences and paragraphs from templates."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.lex = Lexicon.build(rng)
        self.plurals = _words(PLURALS)
        self.present = _words(VERBS_PRESENT)
        self.past = _words(VERBS_PAST)
        self.inf = _words(INFINITIVES)
        self.adj = ADJECTIVES
        self.adv = _words(ADVERBIALS)
        self.values = _words(VALUES)

    def np(self) -> str:
        r = self.rng
        noun = self.lex.noun(r)
        return f"de {r.choice(self.adj)} {noun}" if r.random() < 0.4 else f"de {noun}"

    def sentence(self) -> str:
        r = self.rng
        pick = r.randrange(14)
        subj = r.choice(self.plurals)
        year = r.randint(2015, 2026)
        if pick == 0:
            s = f"{self.np()} {r.choice(self.present)} {self.np()} {r.choice(self.adv)}"
        elif pick == 1:
            s = f"In {year} {r.choice(self.past)} {self.np()} samen met {subj} {self.np()}"
        elif pick == 2:
            s = f"Volgens {subj} is {self.np()} nodig om {self.np()} te {r.choice(self.inf)}"
        elif pick == 3:
            s = f"Daarbij gaat het om {self.np()}, {self.np()} en {self.np()}"
        elif pick == 4:
            s = f"De gemeente {r.choice(PLACES)} {r.choice(self.present)} {self.np()} voor {subj}"
        elif pick == 5:
            s = f"Wie {self.np()} wil {r.choice(self.inf)}, moet eerst weten hoe {self.np()} werkt voor {subj}"
        elif pick == 6:
            s = f"Dat vraagt om {r.choice(self.adj)} keuzes over {self.np()} en {self.np()}"
        elif pick == 7:
            s = f"Ongeveer {r.randint(2, 95)} procent van de {subj} merkt iets van {self.np()}"
        elif pick == 8:
            s = f"Het {r.choice(['team', 'programma', 'netwerk', 'project'])} {r.choice(self.past)} {self.np()} {r.choice(self.adv)}"
        elif pick == 9:
            s = f"De spanning tussen {r.choice(self.values)} en {r.choice(self.values)} wordt zichtbaar bij {self.np()}"
        elif pick == 10:
            s = f"Zo ontstaat ruimte voor {self.np()} zonder dat {self.np()} verloren gaat"
        elif pick == 11:
            s = f"{subj.capitalize()} in {r.choice(PLACES)} en {r.choice(PLACES)} gebruiken {self.np()} al {r.randint(2, 9)} jaar"
        elif pick == 12:
            s = f"Een les is dat {self.np()} pas werkt als {subj} vroeg meedenken over {self.np()}"
        else:
            s = f"Het kabinet {r.choice(self.present)} {self.np()}, maar {self.np()} blijft een punt van zorg"
        s = s.strip()
        return s[0].upper() + s[1:] + "."

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def bullets(self, count: int) -> str:
        return "\n".join(f"- {self.sentence()}" for _ in range(count))

    def title(self) -> str:
        r = self.rng
        forms = (
            lambda: f"{self.lex.noun(r).capitalize()} in {r.choice(PLACES)}",
            lambda: f"{r.choice(self.adj).capitalize()} {self.lex.noun(r)} voor {r.choice(self.plurals)}",
            lambda: f"Samen werken aan {self.lex.noun(r)}",
            lambda: f"{self.lex.noun(r).capitalize()} of {self.lex.noun(r)}",
            lambda: f"Van {self.lex.noun(r)} naar {self.lex.noun(r)}",
        )
        return r.choice(forms)()[:110]

    def short(self, low: int, high: int) -> str:
        """One or two sentences between ``low`` and ``high`` characters."""
        for _ in range(50):
            text = self.sentence()
            if len(text) < low:
                text += " " + self.sentence()
            if low <= len(text) <= high:
                return text
        return (self.sentence() + " " + "Dit voorbeeld laat zien hoe het beter kan.")[:high]


def _quote(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _flow(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


def _flow_quoted(values: list[str]) -> str:
    return "[" + ", ".join(_quote(v) for v in values) + "]"


def _slug(text: str) -> str:
    text = text.lower()
    for a, b in (("ë", "e"), ("é", "e"), ("ï", "i"), ("'", "")):
        text = text.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60].strip("-")


def load_terms(vocabularies: Path) -> dict[str, list[str]]:
    data = yaml.load(vocabularies.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return {
        name: [str(t["id"]) for t in items]
        for name, items in data.items()
        if isinstance(items, list) and items and isinstance(items[0], dict)
    }


def copy_project(repo: Path, target: Path) -> None:
    """Copy everything but the content folders from ``repo`` into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        shutil.copy2(repo / name, target / name)
    for name in PROJECT_DIRS:
        shutil.copytree(repo / name, target / name)


def write_corpus(repo: Path, target: Path, n: int, seed: int = 2024) -> dict[str, object]:
    """Write a project copy with ``n`` synthetic entries to ``target``.

    Returns:
        Statistics: entries per collection, total and mean body words, total bytes.
    """
    copy_project(repo, target)
    terms = load_terms(repo / "vocabularies.yml")
    rng = random.Random(f"kennisbank-bench-{seed}-{n}")
    writer = Writer(rng)

    counts: list[tuple[str, str, int]] = []
    left = n
    for index, (folder, prefix, share) in enumerate(SHARES):
        count = left if index == len(SHARES) - 1 else max(1, round(n * share))
        counts.append((folder, prefix, count))
        left -= count
    ids = [f"{prefix}-{i:04d}" for folder, prefix, count in counts for i in range(1, count + 1)]

    stats = {"entries": n, "per_collection": {}, "body_words": 0, "bytes": 0}
    for folder, prefix, count in counts:
        (target / folder).mkdir(exist_ok=True)
        stats["per_collection"][folder] = count
        for number in range(1, count + 1):
            entry_id = f"{prefix}-{number:04d}"
            text, words, title = _entry(writer, rng, terms, folder, entry_id, ids)
            slug = f"{_slug(title)}-{number}"
            (target / folder / f"{slug}.md").write_text(text, encoding="utf-8")
            stats["body_words"] += words
            stats["bytes"] += len(text.encode("utf-8"))
    stats["mean_body_words"] = round(stats["body_words"] / max(n, 1))
    return stats


def _sample(rng: random.Random, values: list[str], low: int, high: int) -> list[str]:
    return rng.sample(values, min(len(values), rng.randint(low, high)))


def _entry(
    writer: Writer, rng: random.Random, terms: dict[str, list[str]], folder: str, entry_id: str, ids: list[str]
) -> tuple[str, int, str]:
    title = writer.title()
    published = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(5 * 365))
    review_by = published + dt.timedelta(days=rng.randrange(365, 3 * 365))
    lines = [
        "---",
        f"id: {entry_id}",
        f"title: {_quote(title)}",
        f"description: {_quote(writer.short(60, 280))}",
        f"themes: {_flow(_sample(rng, terms['themes'], 1, 3))}",
        f"tags: {_flow(_sample(rng, terms['tags'], 1, 5))}",
    ]
    if folder == "practices":
        lines.append(f"organisations: {_flow_quoted(rng.sample(ORGANISATIONS, rng.randint(1, 3)))}")
        lines.append(f"organisation_types: {_flow(_sample(rng, terms['organisation_types'], 1, 3))}")
        lines.append(f"target_groups: {_flow(_sample(rng, terms['target_groups'], 1, 2))}")
        if rng.random() < 0.6:
            lines.append(f"domain: {_quote(rng.choice(DOMAINS))}")
        lines.append(f"status: {rng.choice(terms['practice_status'])}")
        if rng.random() < 0.5:
            start = rng.randint(2016, 2024)
            lines.append(
                f'period: "{start}-{start + rng.randint(1, 3)}"' if rng.random() < 0.6 else f'period: "{start}"'
            )
        if rng.random() < 0.3:
            lines.append(f"contact_role: {_quote(rng.choice(CONTACT_ROLES))}")
    elif folder == "dilemmas":
        values = rng.sample(writer.values, rng.randint(2, 3))
        lines.append(f"values: {_flow_quoted([v.capitalize() for v in values])}")
        lines.append(f"organisation_types: {_flow(_sample(rng, terms['organisation_types'], 1, 3))}")
        if rng.random() < 0.7:
            lines.append(f"target_groups: {_flow(_sample(rng, terms['target_groups'], 1, 2))}")
        lines.append(f"status: {rng.choice(terms['dilemma_status'])}")
    else:
        lines.append(f"users: {_flow(_sample(rng, terms['instrument_users'], 1, 3))}")
        lines.append(f"phases: {_flow(_sample(rng, terms['policy_phases'], 1, 3))}")
        lines.append(f"purpose: {_quote(writer.short(40, 250))}")
        lines.append(f"organiser: {_quote(rng.choice(ORGANISATIONS))}")
        lines.append(f"maturity: {rng.choice(terms['maturity'])}")
        lines.append(f"organisation_types: {_flow(_sample(rng, terms['organisation_types'], 1, 4))}")
    lines.append("sources:")
    for _ in range(rng.randint(1, 3)):
        lines.append(f"  - title: {_quote(rng.choice(SOURCE_TITLES))}")
        if rng.random() < 0.5:
            lines.append(f'    section: "§{rng.randint(1, 6)}.{rng.randint(1, 9)}"')
        else:
            lines.append(
                f'    url: "https://www.rijksoverheid.nl/documenten/rapporten/{published.year}/'
                f'{_slug(writer.lex.noun(rng))}"'
            )
    if rng.random() < 0.15:
        lines.append("parliamentary_refs:")
        lines.append(f"  - type: {rng.choice(['kamerstuk', 'motie', 'amendement'])}")
        lines.append(f'    dossier: "{rng.randint(29000, 36600)}"')
        lines.append(f'    number: "{rng.randint(1, 250)}"')
    lines.append(f"published: {published.isoformat()}")
    if rng.random() < 0.3:
        updated = published + dt.timedelta(days=rng.randrange(1, 365))
        lines.append(f"updated: {updated.isoformat()}")
    lines.append(f"review_by: {review_by.isoformat()}")
    lines.append(f"owner: {_quote(rng.choice(OWNERS))}")
    related = [i for i in rng.sample(ids, min(len(ids), rng.randint(0, 4))) if i != entry_id]
    lines.append(f"related: {_flow(related)}")
    lines.append("---")
    lines.append("")

    target_words = rng.randint(420, 780)
    headings = HEADINGS[folder]
    sections: list[list[str]] = [[] for _ in headings]
    words = 0
    section = 0
    while words < target_words:
        if rng.random() < 0.15:
            block = writer.bullets(rng.randint(3, 5))
        else:
            block = writer.paragraph(rng.randint(3, 6))
            if rng.random() < 0.08:
                block += (
                    f" Meer daarover staat in [het rapport](https://www.rijksoverheid.nl/onderwerpen/"
                    f"{_slug(writer.lex.noun(rng))})."
                )
            if rng.random() < 0.1:
                block = block.replace(". ", ". **Belangrijk:** ", 1)
        sections[section % len(headings)].append(block)
        words += len(block.split())
        section += 1
    body = []
    for heading, blocks in zip(headings, sections, strict=False):
        body.append(f"## {heading}\n")
        body.extend(b + "\n" for b in blocks)
    text = "\n".join(lines) + "\n" + "\n".join(body)
    return text, words, title
