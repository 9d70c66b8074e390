"""The word lists, the lexicon and the sentence writer of the synthetic corpus: Dutch nouns,
verbs, places, organisations and roles, drawn with a Zipf-like distribution."""

from __future__ import annotations

import bisect
import itertools
import random
from dataclasses import dataclass

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


def words(items: list[str]) -> list[str]:
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
        self.plurals = words(PLURALS)
        self.present = words(VERBS_PRESENT)
        self.past = words(VERBS_PAST)
        self.inf = words(INFINITIVES)
        self.adj = ADJECTIVES
        self.adv = words(ADVERBIALS)
        self.values = words(VALUES)

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
