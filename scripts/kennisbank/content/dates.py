"""Dates: today (reproducible when ``SOURCE_DATE_EPOCH`` is set) and adding years safely."""

from __future__ import annotations

import datetime as dt
import os


def today() -> dt.date:
    """Today's date, or the UTC date of ``SOURCE_DATE_EPOCH`` when that is set.

    ``SOURCE_DATE_EPOCH`` (seconds since 1970, https://reproducible-builds.org/specs/source-date-epoch/)
    makes two builds of one commit byte-identical on different days, and lets tests pin
    a date such as 29 February 2028.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def today_iso() -> str:
    """:func:`today` as ``YYYY-MM-DD``."""
    return today().isoformat()


def add_years(date: dt.date, years: int) -> dt.date:
    """``date`` plus ``years`` calendar years; 29 February becomes 28 February in a
    non-leap year (the last day of the same month), never an invalid date."""
    try:
        return date.replace(year=date.year + years)
    except ValueError:  # 29 February in a year without one
        return date.replace(year=date.year + years, day=28)
