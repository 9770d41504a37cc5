"""Dates and times as people type them and spreadsheets mangle them: ``parse_date`` and
``parse_datetime`` turn one raw value into a ``date`` or a naive local ``datetime``, or
raise :class:`~isolation_desk.domain.errors.DomainError` with a stable reason code.
Standard library only; the clock is never read (``today`` / ``now`` are parameters).
Stored ISO text back to a date is ``dates``.
"""
from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta
from typing import Any

from isolation_desk.domain.cells import as_float, is_number, normalize_text
from isolation_desk.domain.errors import DomainError

__all__ = ["parse_date", "parse_datetime"]


# ---------------------------------------------------------------------------
# Dates and times
# ---------------------------------------------------------------------------

_EXCEL_MAX_SERIAL = 2958465  # 9999-12-31
_EXCEL_EPOCH = datetime(1899, 12, 30)  # valid for serials after the fictitious 1900-02-29
_MIN_YEAR = 1900

_DATE_FORMS = (
    # 2022-03-27, 2022/3/27, 2022.3.27
    re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"),
    # 20220327
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})"),
    # 2022年3月27日
    re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]?"),
    # 3月27日 (year inferred)
    re.compile(r"(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]?"),
    # 3/27, 3-27, 3.27 (year inferred; month first as written in China)
    re.compile(r"(?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"),
)
_TIME_PATTERN = (
    r"(?P<h>\d{1,2})(?:"
    r":(?P<mi>\d{1,2})(?::(?P<s>\d{1,2})(?:\.\d+)?)?"
    r"|\s*[时点]\s*(?:(?P<mi2>\d{1,2})\s*分\s*(?:(?P<s2>\d{1,2})\s*秒)?)?"
    r")"
)
# A date part, then a time part after a space, a "T", or straight after 日/号.
_DATE_TIME = re.compile(r"(?P<date>.+?)(?:\s+|T|(?<=[日号]))" + _TIME_PATTERN)


def _date_error(code: str, field: str, **params: Any) -> DomainError:
    return DomainError(code, field=field, **params)


def _from_excel_serial(serial: float, field: str) -> datetime:
    """Excel 1900 date system. Serial 60 is Excel's 1900-02-29, a day that never was."""
    if not math.isfinite(serial) or not 1 <= serial < _EXCEL_MAX_SERIAL + 1:
        raise _date_error("date_invalid", field)
    days = math.floor(serial)
    if days == 60:
        raise _date_error("date_invalid", field)
    # Times are stored as fractions of a day with float noise: round to the second.
    seconds = round((serial - days) * 86400)
    epoch = _EXCEL_EPOCH if days > 60 else _EXCEL_EPOCH + timedelta(days=1)
    try:
        return epoch + timedelta(days=days, seconds=seconds)
    except OverflowError:  # 9999-12-31 23:59:59.9 rounds into year 10000
        raise _date_error("date_invalid", field) from None


def _from_number(value: int | float, field: str) -> datetime:
    """A numeric cell: an 8-digit yyyymmdd typed into a number cell, else an Excel serial."""
    if as_float(value).is_integer() and 19000101 <= value <= 99991231:
        text = str(int(value))
        return datetime.combine(_ymd(text[:4], text[4:6], text[6:], field), time())
    return _from_excel_serial(as_float(value), field)


def _ymd(year: str | int, month: str | int, day: str | int, field: str) -> date:
    try:
        result = date(int(year), int(month), int(day))
    except (ValueError, OverflowError):
        raise _date_error("date_invalid", field) from None
    if result.year < _MIN_YEAR:
        raise _date_error("date_invalid", field)
    return result


def _infer_year(month: str, day: str, today: date, field: str) -> date:
    """The latest month/day not after today (29 February looks back to a leap year)."""
    for year in range(today.year, today.year - 9, -1):
        try:
            candidate = date(year, int(month), int(day))
        except ValueError:
            continue
        if candidate <= today:
            return candidate
    raise _date_error("date_invalid", field)


def _parse_date_text(text: str, today: date, field: str) -> date:
    for form in _DATE_FORMS:
        match = form.fullmatch(text)
        if match:
            parts = match.groupdict()
            if "y" in parts:
                return _ymd(parts["y"], parts["m"], parts["d"], field)
            return _infer_year(parts["m"], parts["d"], today, field)
    raise _date_error("date_invalid", field)


def _parse_time_match(match: re.Match[str], field: str) -> time:
    hour = int(match["h"])
    minute = int(match["mi"] or match["mi2"] or 0)
    second = int(match["s"] or match["s2"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise _date_error("date_invalid", field)
    return time(hour, minute, second)


def _parse_text(value: object, today: date, field: str) -> datetime:
    """Text date with an optional time; without a time the result is midnight."""
    text = normalize_text(value)
    if not text:
        raise _date_error("date_empty", field)
    match = _DATE_TIME.fullmatch(text)
    if match:
        day = _parse_date_text(match["date"].strip(), today, field)
        return datetime.combine(day, _parse_time_match(match, field))
    return datetime.combine(_parse_date_text(text, today, field), time())


def _to_datetime(value: object, today: date, field: str) -> datetime:
    """Any supported cell value as a naive datetime (midnight when there is no time)."""
    if value is None:
        raise _date_error("date_empty", field)
    if isinstance(value, bool):
        raise _date_error("date_invalid", field)
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            try:
                value = value.astimezone().replace(tzinfo=None)  # the desk runs on local time
            except (OverflowError, ValueError):
                raise _date_error("date_invalid", field) from None
        result = value
    elif isinstance(value, date):
        result = datetime.combine(value, time())
    elif is_number(value):
        result = _from_number(value, field)
    else:
        result = _parse_text(value, today, field)
    if result.year < _MIN_YEAR:
        raise _date_error("date_invalid", field)
    return result


def parse_date(value: object, today: date, field: str = "date", allow_future: bool = False) -> date:
    """A calendar date from a cell or a form field.

    Accepts date/datetime objects, Excel serial numbers (1900 system), and text:
    ``2022-03-27``, ``2022/3/27``, ``2022.3.27``, ``20220327``, ``2022年3月27日``,
    and month/day without a year (``3月27日``, ``3/27``) which means the latest such
    date not after ``today``. A time after the date is allowed and dropped.

    Codes: ``date_empty``, ``date_invalid``, ``date_future`` (unless ``allow_future``).
    """
    result = _to_datetime(value, today, field).date()
    if not allow_future and result > today:
        raise _date_error("date_future", field, value=result.isoformat(), today=today.isoformat())
    return result


# Workstation clocks drift a little; a reading taken "now" on another device must pass.
_CLOCK_SLACK = timedelta(minutes=5)


def parse_datetime(value: object, now: datetime, field: str = "datetime", allow_future: bool = False) -> datetime:
    """A naive local date and time, in the forms :func:`parse_date` accepts plus a time.

    Times: ``2022/3/27 8:05``, ``2022-03-27 14:30:15``, ``2022-03-27T14:30``,
    ``2022年3月27日 8时5分``, ``3月27日8点``; Excel serials with a day fraction.
    A value with no time part returns **midnight** of that day: callers that need
    to know whether a time was given must ask the user, not infer it from 00:00.

    Codes: ``date_empty``, ``date_invalid``, ``datetime_future`` (more than five
    minutes after ``now``, unless ``allow_future``).
    """
    result = _to_datetime(value, now.date(), field).replace(microsecond=0)
    if not allow_future and result > now + _CLOCK_SLACK:
        raise _date_error("datetime_future", field, value=result.isoformat(), now=now.isoformat(timespec="seconds"))
    return result
