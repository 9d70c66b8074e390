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

import datetime as dt
import json
import random
import re
import shutil
from pathlib import Path

import yaml
from lexicon import (
    CONTACT_ROLES,
    DOMAINS,
    ORGANISATIONS,
    OWNERS,
    SOURCE_TITLES,
    Writer,
)

#: What a project copy needs besides the content folders.
PROJECT_FILES = ("vocabularies.yml", "mkdocs.yml")
PROJECT_DIRS = ("schemas", "docs", "overrides")

#: Share of each collection in the corpus (practices, dilemmas, instruments).
SHARES = (("practices", "pr", 0.45), ("dilemmas", "di", 0.25), ("instruments", "in", 0.30))

HEADINGS = {
    "practices": ("Aanleiding", "Aanpak", "Resultaat", "Aandachtspunten van de redactie"),
    "dilemmas": ("Het dilemma", "Waar het speelt", "Afwegingen", "Stand van zaken"),
    "instruments": ("Wat het is", "Wie het gebruikt en wanneer", "Hoe het werkt", "Stand van zaken"),
}

# --- lexicon ------------------------------------------------------------------------------


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
