"""Identity values as people type them and spreadsheets mangle them: document types, ID
numbers (the resident ID's check character and birth date, the shape of other documents),
mobile phones, sex, and masking for lists and papers.

Everything here turns one raw value (a cell, a form field) into one clean value, or
raises :class:`~isolation_desk.domain.errors.DomainError` with a stable reason code.
Standard library only; the clock is never read (``today`` is a parameter). Text, numbers
and measurements are ``cells``; dates and times ``date_parsing``.

Guiding rule: refuse rather than guess. An ID number that went through a numeric
cell has lost its last digits; a temperature of 3.7 might be 37.3 or 37.0. Neither is
"fixed" here, because a wrong identity or a wrong fever reading is worse than a
question to the user.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from isolation_desk.domain.cells import DIGITS_POINT_ZERO, THOUSANDS, as_float, is_number, normalize_text
from isolation_desk.domain.errors import DomainError

__all__ = [
    "ID_TYPES",
    "ResidentId",
    "check_character",
    "make_resident_id",
    "mask_id",
    "mask_phone",
    "normalize_id_number",
    "normalize_phone",
    "parse_id_type",
    "parse_resident_id",
    "parse_sex",
    "validate_document",
]


# ---------------------------------------------------------------------------
# Document types
# ---------------------------------------------------------------------------

ID_TYPES = ("resident_id", "passport", "hk_macau_permit", "taiwan_permit", "foreign_permanent_id", "other")

_ID_TYPE_LABELS = {
    "resident_id": ("居民身份证", "身份证", "中华人民共和国居民身份证", "二代身份证", "resident id", "id card"),
    "passport": ("护照", "passport"),
    "hk_macau_permit": ("港澳居民来往内地通行证", "回乡证", "hk macau permit"),
    "taiwan_permit": ("台湾居民来往大陆通行证", "台胞证", "taiwan permit"),
    "foreign_permanent_id": ("外国人永久居留身份证", "外国人永久居留证", "foreign permanent id"),
    "other": ("其他", "其它", "other"),
}


def _label_key(text: object) -> str:
    """Compare labels without case, spaces, hyphens or underscores ("Resident-ID" == "resident_id")."""
    return re.sub(r"[\s_\-]", "", normalize_text(text).lower())


_ID_TYPE_BY_KEY = {
    _label_key(label): code
    for code, labels in _ID_TYPE_LABELS.items()
    for label in (code, *labels)
}


def parse_id_type(raw: object) -> str:
    """Map a document-type label (Chinese or English code) to one of :data:`ID_TYPES`.

    Blank means a resident ID card: that is what the column holds in nearly every
    row, and registration sheets often leave it empty.
    """
    key = _label_key(raw)
    if not key:
        return "resident_id"
    try:
        return _ID_TYPE_BY_KEY[key]
    except KeyError:
        raise DomainError("id_type_unknown", field="id_type", value=normalize_text(raw)) from None


# ---------------------------------------------------------------------------
# ID numbers
# ---------------------------------------------------------------------------

# Doubles carry 15-17 significant decimal digits; Excel displays and stores at most 15.
# Anything longer that went through a number has invented or lost digits.
_MAX_EXACT_DIGITS = 15
# "4.10102E+17" (Excel), "4.10102199001012e+17" (Python), "4.101021990010112E17" (Java);
# an unsigned exponent counts only after a decimal point, so that a document number
# such as "12E345678" is not mistaken for a number.
_SCIENTIFIC = re.compile(r"[+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)E[+-]|\d+\.\d*E)\d+")


def _id_error(code: str, **params: Any) -> DomainError:
    return DomainError(code, field="id_number", **params)


def _id_from_number(value: int | float) -> str:
    """Digits of an ID that arrived as a numeric cell, if they can be trusted."""
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            raise _id_error("id_chars")
        value = int(value)
    if value < 0:
        raise _id_error("id_chars")
    digits = str(value)
    if len(digits) > _MAX_EXACT_DIGITS:
        raise _id_error("id_stored_as_number")
    return digits


def _scientific_digits(text: str) -> str:
    """Digits of "4.10102E+17"-style text, refused when Excel may have dropped digits.

    Works on the decimal digit tuple (no arithmetic), so absurd exponents cannot overflow.
    """
    sign, digits, exponent = Decimal(text).as_tuple()
    assert isinstance(exponent, int)  # _SCIENTIFIC text is finite: never NaN or Infinity
    significant = "".join(map(str, digits)).lstrip("0").rstrip("0")
    magnitude = len(digits) + exponent  # number of digits before the decimal point
    if len(significant) > _MAX_EXACT_DIGITS or magnitude > _MAX_EXACT_DIGITS:
        raise _id_error("id_stored_as_number")
    fraction = digits[max(magnitude, 0):] if exponent < 0 else ()
    if sign or any(fraction):
        raise _id_error("id_chars")
    return str(int(Decimal(text))) if magnitude > 0 else "0"


def _id_from_numeric_text(text: str) -> str | None:
    """Digits of text that is really a printed number ("4.10102E+17", "123.0", "1,234"), else None."""
    if _SCIENTIFIC.fullmatch(text):
        return _scientific_digits(text)
    match = DIGITS_POINT_ZERO.fullmatch(text)
    digits = match.group(1) if match else (text.replace(",", "") if THOUSANDS.fullmatch(text) else None)
    if digits is not None and len(digits) > _MAX_EXACT_DIGITS:
        raise _id_error("id_stored_as_number")
    return digits


def normalize_id_number(value: object) -> str:
    """Return a document number as typed, minus the noise: no spaces, half-width, upper case.

    A value that went through a number (an int/float cell, or text such as
    ``4.10102E+17`` or ``410102199001011234.0``) is accepted only if it has at most
    15 digits, because Excel keeps no more than that: the digits after the 15th are
    gone, and guessing them would attach a result to the wrong person. Longer ones
    raise ``id_stored_as_number``; the user must re-enter them as text.
    """
    if isinstance(value, bool):
        raise _id_error("id_chars")
    if is_number(value):
        return _id_from_number(value)
    text = normalize_text(value).replace(" ", "").upper()
    if not text:
        raise _id_error("id_empty")
    from_number = _id_from_numeric_text(text)
    return from_number if from_number is not None else text


_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_MAP = "10X98765432"
_DIGITS_17 = re.compile(r"[0-9]{17}")
_ID_18 = re.compile(r"[0-9]{17}[0-9X]")


def check_character(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of the first 17 digits of a resident ID."""
    if not isinstance(first17, str) or not _DIGITS_17.fullmatch(first17):
        raise _id_error("id_chars")
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_MAP[total % 11]


@dataclass(frozen=True)
class ResidentId:
    """A valid 18-character resident ID and what it says about its holder."""

    number: str
    birth_date: date
    sex: str  # "M" or "F"
    region_code: str


def _birth_date_of(number: str, today: date | None) -> date:
    """Birth date at positions 7-14; must be a real date from 1900 up to today."""
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise _id_error("id_birth_date") from None
    if born.year < 1900 or (today is not None and born > today):
        raise _id_error("id_birth_date", birth_date=born.isoformat())
    return born


def parse_resident_id(raw: object, today: date | None = None) -> ResidentId:
    """Validate a resident ID number (居民身份证号码) and decode it.

    Checks, in order: empty, length 18, characters (17 digits then a digit or X),
    birth date, check character. Pass ``today`` to refuse birth dates in the future.
    """
    number = normalize_id_number(raw)
    if len(number) != 18:
        raise _id_error("id_length", length=len(number))
    if not _ID_18.fullmatch(number):
        raise _id_error("id_chars")
    born = _birth_date_of(number, today)
    if check_character(number[:17]) != number[17]:
        raise _id_error("id_checksum")
    sex = "M" if int(number[16]) % 2 else "F"
    return ResidentId(number=number, birth_date=born, sex=sex, region_code=number[:6])


def make_resident_id(region_code: str, birth_date: date, sequence: int, sex: str) -> str:
    """Build a valid resident ID (for the demo data and tests).

    ``sequence`` (0-499) picks the order code; its third digit is forced odd for men
    and even for women, as the standard requires.
    """
    if not re.fullmatch(r"[0-9]{6}", str(region_code)):
        raise _id_error("id_region", region_code=str(region_code))
    if not 1900 <= birth_date.year <= 9999:
        raise _id_error("id_birth_date", birth_date=birth_date.isoformat())
    if not isinstance(sequence, int) or not 0 <= sequence < 500:
        raise _id_error("id_sequence", sequence=sequence)
    order = sequence * 2 + (1 if parse_sex(sex) == "M" else 0)
    first17 = f"{region_code}{birth_date:%Y%m%d}{order:03d}"
    return first17 + check_character(first17)


# Other documents carry no check digit; only their shape can be checked.
_DOCUMENT_SHAPES = {
    "passport": re.compile(r"[A-Z0-9]{5,17}"),
    # 回乡证: H (Hong Kong) or M (Macau) + 8 digits, older cards + 2 more; tolerate any letter.
    "hk_macau_permit": re.compile(r"[A-Z][0-9]{8,10}"),
    "taiwan_permit": re.compile(r"[0-9]{8}|[0-9]{10}"),
    # 2004 card: 15 alphanumerics; 2023 card: 18 characters beginning with 9.
    "foreign_permanent_id": re.compile(r"[A-Z0-9]{15}|9[0-9]{16}[0-9X]"),
    "other": re.compile(r".{1,30}"),
}


def validate_document(id_type: str, raw: object, today: date | None) -> str:
    """Return the normalized document number for ``id_type`` (a code or a label), or raise.

    Resident IDs are fully validated (:func:`parse_resident_id`); other documents
    are checked for shape only (``id_format``).
    """
    kind = parse_id_type(id_type)
    if kind == "resident_id":
        return parse_resident_id(raw, today).number
    number = normalize_id_number(raw)
    if not _DOCUMENT_SHAPES[kind].fullmatch(number):
        raise _id_error("id_format", id_type=kind)
    return number


# ---------------------------------------------------------------------------
# Phone numbers, sex, masking
# ---------------------------------------------------------------------------

_PHONE_NOISE = re.compile(r"[\s\-()（）]")
_MOBILE = re.compile(r"1[0-9]{10}")


def _phone_text(raw: object) -> str:
    """Phone as text; numeric cells (13800138000.0) become their digits."""
    if is_number(raw):
        if isinstance(raw, float) and not (math.isfinite(raw) and raw.is_integer()):
            raise DomainError("phone_invalid", field="phone")
        return str(int(raw))
    text = _PHONE_NOISE.sub("", normalize_text(raw))
    match = DIGITS_POINT_ZERO.fullmatch(text)
    return match.group(1) if match else text


def normalize_phone(raw: object) -> str:
    """Return an 11-digit mainland mobile number, without country code or separators."""
    if isinstance(raw, bool):
        raise DomainError("phone_invalid", field="phone")
    text = _phone_text(raw)
    if not text:
        raise DomainError("phone_empty", field="phone")
    # Country code written as +86, 0086 or plain 86 in front of the 11 digits.
    for prefix in ("+86", "0086", "86"):
        if text.startswith(prefix) and len(text) == len(prefix) + 11:
            text = text[len(prefix):]
            break
    if not _MOBILE.fullmatch(text):
        raise DomainError("phone_invalid", field="phone")
    return text


def mask_id(number: object) -> str:
    """Hide the middle of a document number for lists and printouts (410***********123X).

    Long numbers (14+) show 3 + 4 characters; shorter ones (passports, permits)
    show only the last 2 so that at least half stays hidden; 3 or fewer are hidden.
    """
    # Stored numbers are ASCII letters and digits (normalised when written): normalize_text
    # would return them unchanged, so lists of thousands skip it (and its regular expression).
    if type(number) is str and number.isascii() and number.isalnum():
        text = number
    else:
        text = normalize_text(number).replace(" ", "")
    n = len(text)
    if n >= 14:
        return text[:3] + "*" * (n - 7) + text[-4:]
    if n >= 4:
        return "*" * (n - 2) + text[-2:]
    return "*" * n


def mask_phone(phone: object) -> str:
    """Hide the middle four digits of a mobile number (138****8000)."""
    if type(phone) is str and phone.isascii() and phone.isalnum():  # as stored: see mask_id
        text = phone
    else:
        text = normalize_text(phone).replace(" ", "")
    if len(text) == 11:
        return text[:3] + "****" + text[-4:]
    return mask_id(text)


_SEX_LABELS = {
    "M": ("男", "男性", "m", "male", "1", "man"),
    "F": ("女", "女性", "f", "female", "2", "woman"),
}
_SEX_BY_LABEL = {label: code for code, labels in _SEX_LABELS.items() for label in labels}


def parse_sex(raw: object) -> str:
    """'M' or 'F' from 男/女, M/F, male/female or the statistical codes 1/2."""
    if is_number(raw) and as_float(raw).is_integer():
        raw = int(raw)
    key = normalize_text(raw).lower()
    try:
        return _SEX_BY_LABEL[key]
    except KeyError:
        raise DomainError("sex_invalid", field="sex", value=key) from None
