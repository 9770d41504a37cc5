"""Dates and times as the site file stores them (ISO 8601 text: ``2022-11-20``,
``2022-11-20T09:30:00``): the one converter every layer uses to read them back."""
from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache


@lru_cache(maxsize=65536)
def _day(text: str) -> date:
    # lists repeat the same few start and release dates on thousands of rows: each is parsed once
    return date.fromisoformat(text[:10])


def stored_date(value: object) -> date | None:
    """The day of a stored date or time (or of a ``date``); None for None or ''."""
    if value is None or value == "":
        return None
    return _day(str(value))


def stored_datetime(value: object) -> datetime | None:
    """A stored time as a ``datetime``; None for None or ''."""
    if value is None or value == "":
        return None
    return datetime.fromisoformat(str(value))


def stored_moment(moment: datetime) -> str:
    """A time as the site file stores it and its queries compare it: ISO text, to the second."""
    return moment.replace(microsecond=0).isoformat()
