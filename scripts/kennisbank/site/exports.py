"""Open data: JSON and CSV per collection and combined, an Atom feed, and the schemas.

Field order is the schema's property order (stable); dates are ISO 8601 strings; every
JSON file names its licence and links to its JSON Schema.
"""

from __future__ import annotations

import copy
import csv
import io
import json
from typing import Any

from kennisbank.content.collections import COLLECTIONS, Collection
from kennisbank.content.entry import Entry
from kennisbank.content.schemas import SchemaSet
from kennisbank.content.taxonomies import BY_FIELD, vocabulary_for
from kennisbank.content.vocabularies import Vocabularies
from kennisbank.site.spreadsheet import workbook
from kennisbank.site.urls import entry_url, permalink

#: Licence of content and data (see docs/over.md).
LICENCE = "CC-BY-4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.nl"
DATA_DIR = "data"
COMBINED = "kennisbank"
COMBINED_TITLE = "Kennisbank Werk aan Uitvoering: alle items"


def _file_stem(collection: Collection) -> str:
    return collection.url_prefix


def record(entry: Entry, fields: tuple[str, ...]) -> dict[str, Any]:
    """The front matter of ``entry`` with keys in schema order (validates against the schema)."""
    return {key: copy.deepcopy(entry.meta[key]) for key in fields if key in entry.meta}


def _cell(value: Any) -> str:
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            return " | ".join(_source_text(v) for v in value)
        return "; ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _source_text(item: dict[str, Any]) -> str:
    if "dossier" in item:
        return f"{item.get('type', '')} {item['dossier']}-{item['number']}"
    parts = [str(item.get("title", ""))]
    if item.get("section"):
        parts.append(str(item["section"]))
    if item.get("url"):
        parts.append(str(item["url"]))
    return ", ".join(parts)


def export_files(entries: list[Entry], schemas: SchemaSet, site_url: str, today: str) -> dict[str, str | bytes]:
    """JSON, CSV and Excel files under ``data/``.

    Returns:
        Site path -> file text (bytes for ``.xlsx``): ``data/<collection>.json|csv|xlsx``
        for each collection and ``data/kennisbank.json|csv|xlsx`` for all entries (with a
        ``collection`` column).
    """
    files: dict[str, str | bytes] = {}
    combined_rows: list[dict[str, Any]] = []
    combined_fields: list[str] = ["collection"]
    pages: dict[str, dict[str, str]] = {}
    for collection in COLLECTIONS:
        fields = schemas.fields[collection.name]
        group = sorted((e for e in entries if e.collection is collection), key=lambda e: e.id)
        records = [record(e, fields) for e in group]
        links = {e.id: _links(e, site_url) for e in group}
        pages.update(links)
        stem = _file_stem(collection)
        files[f"{DATA_DIR}/{stem}.json"] = _json_document(
            collection.label, f"../schemas/{collection.schema}", records, links, today
        )
        files[f"{DATA_DIR}/{stem}.csv"] = _csv(fields, records, links)
        files[f"{DATA_DIR}/{stem}.xlsx"] = _xlsx(
            f"Kennisbank Werk aan Uitvoering: {collection.label}", fields, records, links, today
        )
        for rec in records:
            combined_rows.append({"collection": collection.name, **rec})
        combined_fields.extend(f for f in fields if f not in combined_fields)
    combined = {
        "title": COMBINED_TITLE,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "schemas": {c.name: f"../schemas/{c.schema}" for c in COLLECTIONS},
        "generated": today,
        "count": len(combined_rows),
        "pages": pages,
        "entries": combined_rows,
    }
    files[f"{DATA_DIR}/{COMBINED}.json"] = json.dumps(combined, ensure_ascii=False, indent=2) + "\n"
    files[f"{DATA_DIR}/{COMBINED}.csv"] = _csv(tuple(combined_fields), combined_rows, pages)
    files[f"{DATA_DIR}/{COMBINED}.xlsx"] = _xlsx(COMBINED_TITLE, tuple(combined_fields), combined_rows, pages, today)
    return files


def _xlsx(title: str, fields: tuple[str, ...], records: list[dict[str, Any]], links: dict[str, dict[str, str]],
          today: str) -> bytes:  # fmt: skip
    rows = [[_cell(rec.get(f)) for f in fields] + [links.get(rec.get("id", ""), {}).get(k, "") for k in ("url", "permalink")]
            for rec in records]  # fmt: skip
    return workbook(str(title), (*fields, "url", "permalink"), rows, today)


def _links(entry: Entry, site_url: str) -> dict[str, str]:
    base = site_url.rstrip("/")
    return {"url": base + entry_url(entry.collection.url_prefix, entry.slug), "permalink": base + permalink(entry.id)}


def _json_document(
    label: str, schema: str, records: list[dict[str, Any]], links: dict[str, dict[str, str]], today: str
) -> str:
    document = {
        "title": f"Kennisbank Werk aan Uitvoering: {label}",
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "schema": schema,
        "generated": today,
        "count": len(records),
        "pages": links,
        "entries": records,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


#: First characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """``cell`` with a leading ``'`` when it starts like a formula, as OWASP advises, so
    ``=HYPERLINK(…)`` shows as text in Excel or LibreOffice instead of running. The JSON
    exports keep the exact text."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def _csv(fields: tuple[str, ...], records: list[dict[str, Any]], links: dict[str, dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(list(fields) + ["url", "permalink"])
    for rec in records:
        link = links.get(rec.get("id", ""), {})
        writer.writerow(
            [neutralise(_cell(rec.get(f))) for f in fields] + [link.get("url", ""), link.get("permalink", "")]
        )
    return buffer.getvalue()


def _shared_vocabulary(field: str) -> str | None:
    """The vocabulary of ``field`` when every collection uses the same one (common schema)."""
    taxonomy = BY_FIELD.get(field)
    return taxonomy.vocabulary_names[0] if taxonomy and len(taxonomy.vocabulary_names) == 1 else None


def published_schemas(schemas: SchemaSet, vocabularies: Vocabularies) -> dict[str, str]:
    """The schemas as published on the site, with vocabulary values added as ``enum``.

    Editors then complete themes, tags and the other controlled values. The repository
    copies stay free of the lists so that ``vocabularies.yml`` is their one source.
    """
    out: dict[str, str] = {}
    for name, document in schemas.documents.items():
        doc = copy.deepcopy(document)
        collection = next((c.name for c in COLLECTIONS if c.schema == name), "")
        for field, prop in doc.get("properties", {}).items():
            vocab = vocabulary_for(collection, field) if collection else _shared_vocabulary(field)
            if not vocab:
                continue
            ids = list(vocabularies.terms.get(vocab, {}))
            if prop.get("type") == "array":
                prop["items"] = {**prop.get("items", {}), "enum": ids}
            else:
                prop["enum"] = ids
        out[f"schemas/{name}"] = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    return out
