"""Open data that people can open: one ``.xlsx`` workbook per collection, written by XlsxWriter.

Columns have Dutch headers; every cell is written as text (``write_string``), so a title
such as ``=HYPERLINK(…)`` is never a formula. Lists are joined with ``; `` as in the CSV.
The workbook's creation date is the build's ``today``, so two builds of one commit on the
same day give the same bytes (XlsxWriter stores fixed timestamps inside the zip).
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import xlsxwriter

#: Dutch column headers for the front-matter fields (a field not listed keeps its name).
HEADERS: dict[str, str] = {
    "collection": "Collectie", "id": "Id", "title": "Titel", "description": "Samenvatting", "themes": "Thema's",
    "tags": "Trefwoorden", "sources": "Bronnen", "published": "Gepubliceerd", "updated": "Bijgewerkt",
    "review_by": "Herzien uiterlijk", "owner": "Beheerder", "related": "Verwant", "aliases": "Oude adressen",
    "parliamentary_refs": "Kamerstukken", "reviewed_numbers": "Nagekeken nummers", "organisations": "Organisaties",
    "organisation_types": "Organisatietypen", "target_groups": "Doelgroepen", "status": "Status", "domain": "Domein",
    "period": "Periode", "contact_role": "Contact (rol)", "values": "Waarden in spanning", "users": "Gebruikers",
    "phases": "Fasen", "maturity": "Volwassenheid", "purpose": "Doel", "organiser": "Eigenaar of organisator",
    "url": "Adres", "permalink": "Vaste link",
}  # fmt: skip


def workbook(title: str, fields: tuple[str, ...], rows: list[list[str]], today: str) -> bytes:
    """An ``.xlsx`` file with one sheet: a header row and one row per entry.

    Args:
        title: the workbook's title (document properties).
        fields: the column fields, in order (headers from :data:`HEADERS`).
        rows: the cell texts of each entry, in the order of ``fields``.
        today: ISO date stored as the creation date.

    Returns:
        The file's bytes.
    """
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    created = dt.datetime.fromisoformat(today)
    book.set_properties({"title": title, "author": "Programma Werk aan Uitvoering", "created": created,
                         "comments": "Open data, licentie CC BY 4.0"})  # fmt: skip
    sheet = book.add_worksheet("Items")
    bold = book.add_format({"bold": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    for column, field in enumerate(fields):
        sheet.write_string(0, column, HEADERS.get(field, field), bold)
        sheet.set_column(column, column, 60 if field in ("description", "sources") else 22)
    for number, row in enumerate(rows, 1):
        for column, text in enumerate(row):
            sheet.write_string(number, column, _clean(text), wrap)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(rows), len(fields) - 1)
    book.close()
    return buffer.getvalue()


def _clean(value: Any) -> str:
    return "" if value is None else str(value)
