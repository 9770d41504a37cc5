"""One raw value (a spreadsheet cell, a form field) as clean text or a number.

Text loses what only looks like text (invisible characters, full-width ASCII, runs of
spaces); numbers are refused rather than guessed (a temperature of 3.7 might be 37.3 or
37.0). Standard library only. ID numbers and phones are ``identity``; dates and times
``date_parsing``.
"""
from __future__ import annotations

import math
import re
from typing import TypeGuard

from isolation_desk.domain.errors import DomainError

__all__ = [
    "DIGITS_POINT_ZERO",
    "TEMPERATURE_MAX",
    "TEMPERATURE_MIN",
    "THOUSANDS",
    "as_float",
    "is_number",
    "normalize_text",
    "parse_quantity",
    "parse_temperature",
]


# ---------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------

# Characters that look like nothing (or like a space) and arrive from web forms,
# WeChat copies and Excel: they must not survive into an ID number or a name.
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACE_LIKE = {ord("\u3000"): " ", ord("\u00a0"): " ", ord("\u2007"): " ", ord("\u202f"): " "}
# Full-width ASCII U+FF01..U+FF5E sits exactly 0xFEE0 above its half-width twin.
_FULL_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_TEXT_TABLE = {**_ZERO_WIDTH, **_SPACE_LIKE, **_FULL_WIDTH}
_WHITESPACE_RUN = re.compile(r"\s+")


def normalize_text(value: object) -> str:
    """Return ``value`` as clean text: half-width ASCII, single spaces, no invisible characters.

    ``None`` becomes ``""``; other non-strings go through ``str()``. Chinese
    characters are kept as they are (only full-width *ASCII* is folded).
    """
    if value is None:
        return ""
    text = str(value).translate(_TEXT_TABLE)
    return _WHITESPACE_RUN.sub(" ", text).strip()


def is_number(value: object) -> TypeGuard[int | float]:
    """True for int/float cell values; bool is excluded because True is not 1 here."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def as_float(value: int | float) -> float:
    """float(value), with ints too large for a float becoming infinity instead of raising."""
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


# Numbers printed as text: "123.0" (a number cell's digits), "1,234" (thousands separators)
DIGITS_POINT_ZERO = re.compile(r"(\d+)\.0+")
THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")


# ---------------------------------------------------------------------------
# Measurements
# ---------------------------------------------------------------------------

_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_TEMPERATURE_UNITS = re.compile(r"(?:℃|°\s*C|°|度|C)$", re.IGNORECASE)
TEMPERATURE_MIN = 34.0
TEMPERATURE_MAX = 43.0


def _number_or_none(raw: object) -> float | None:
    """A finite float from a numeric cell, or None when the value is not a number cell."""
    if isinstance(raw, bool):
        return math.nan
    if is_number(raw):
        return as_float(raw)
    return None


def parse_temperature(raw: object) -> float:
    """Body temperature in °C from ``36.5``, ``36.5℃``, ``36,5`` (decimal comma) or a number.

    Values outside 34.0-43.0 are refused, never "corrected": 3.7 could be 37.3 or
    37.0, and 373 could be 37.3 or 37.03. The nurse must re-measure or re-type.
    Codes: ``temperature_empty``, ``temperature_invalid``, ``temperature_out_of_range``.
    """
    value = _number_or_none(raw)
    if value is None:
        text = normalize_text(raw).replace(" ", "")
        if not text:
            raise DomainError("temperature_empty", field="temperature")
        text = _TEMPERATURE_UNITS.sub("", text).replace(",", ".", 1)
        if not _PLAIN_NUMBER.fullmatch(text):
            raise DomainError("temperature_invalid", field="temperature", value=normalize_text(raw))
        value = float(text)
    if not math.isfinite(value):
        raise DomainError("temperature_invalid", field="temperature", value=str(raw))
    if not TEMPERATURE_MIN <= value <= TEMPERATURE_MAX:
        raise DomainError("temperature_out_of_range", field="temperature", value=value,
                          minimum=TEMPERATURE_MIN, maximum=TEMPERATURE_MAX)
    return value


def parse_quantity(raw: object) -> float:
    """A non-negative finite quantity (supplies); ``1,000`` is one thousand.

    Codes: ``quantity_invalid`` (blank, not a number, infinite), ``quantity_negative``.
    """
    value = _number_or_none(raw)
    if value is None:
        text = normalize_text(raw).replace(" ", "")
        if THOUSANDS.fullmatch(text.split(".")[0]) and text.count(".") <= 1:
            text = text.replace(",", "")
        if not _PLAIN_NUMBER.fullmatch(text):
            raise DomainError("quantity_invalid", field="quantity", value=normalize_text(raw))
        value = float(text)
    if not math.isfinite(value):
        raise DomainError("quantity_invalid", field="quantity", value=str(raw))
    if value < 0:
        raise DomainError("quantity_negative", field="quantity", value=value)
    return value + 0.0  # turns -0.0 into 0.0
