"""Identity parsing: resident IDs, documents, phones, dates, temperatures, quantities."""
from __future__ import annotations

import math
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from isolation_desk.domain.cells import normalize_text, parse_quantity, parse_temperature
from isolation_desk.domain.date_parsing import parse_date, parse_datetime
from isolation_desk.domain.errors import DomainError
from isolation_desk.domain.identity import (
    ID_TYPES,
    ResidentId,
    check_character,
    make_resident_id,
    mask_id,
    mask_phone,
    normalize_id_number,
    normalize_phone,
    parse_id_type,
    parse_resident_id,
    parse_sex,
    validate_document,
)

TODAY = date(2022, 3, 27)
NOW = datetime(2022, 3, 27, 14, 0)
# A real-looking example built by the generator (region 410102 = Zhengzhou Zhongyuan district).
SAMPLE_ID = make_resident_id("410102", date(1990, 1, 1), 123, "M")


def code_of(call, *args, **kwargs) -> str:
    with pytest.raises(DomainError) as info:
        call(*args, **kwargs)
    return info.value.code


# --- strategies -------------------------------------------------------------------

regions = st.from_regex(r"[1-8][0-9]{5}", fullmatch=True)
birth_dates = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
sexes = st.sampled_from(["M", "F"])
valid_ids = st.builds(make_resident_id, regions, birth_dates, st.integers(0, 499), sexes)

FULL_WIDTH = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}


@st.composite
def messy(draw, number: str) -> str:
    """``number`` as a spreadsheet might hold it: full-width, spaced, lower-case x, padded."""
    out = []
    for char in number:
        if char == "X" and draw(st.booleans()):
            char = "x"
        if draw(st.booleans()):
            char = FULL_WIDTH[char]
        out.append(char)
        out.append(draw(st.sampled_from(["", "", " ", "\u3000", "\u200b", "\u00a0"])))
    pad = st.sampled_from(["", " ", "\t", "\u3000", "\ufeff", "\n"])
    return draw(pad) + "".join(out) + draw(pad)


# --- text -------------------------------------------------------------------------

def test_normalize_text_folds_full_width_and_invisible_characters():
    assert normalize_text(None) == ""
    assert normalize_text("\u3000张\u00a0 三\u200b ") == "张 三"
    assert normalize_text("ＡＢＣ１２３") == "ABC123"
    assert normalize_text("阿卜杜·热合曼") == "阿卜杜·热合曼"  # the middle dot of minority names stays


# --- resident IDs -----------------------------------------------------------------

def test_check_character_of_known_number():
    # Worked example of GB 11643-1999.
    assert check_character("11010519491231002") == "X"
    assert parse_resident_id("11010519491231002X").birth_date == date(1949, 12, 31)


def test_parse_resident_id_decodes_fields():
    rid = parse_resident_id(SAMPLE_ID, TODAY)
    assert rid == ResidentId(SAMPLE_ID, date(1990, 1, 1), "M", "410102")
    woman = make_resident_id("440305", date(2001, 2, 28), 7, "女")
    assert parse_resident_id(woman).sex == "F"


@pytest.mark.parametrize(
    "raw, code",
    [
        (None, "id_empty"),
        ("  ", "id_empty"),
        ("41010219900101123", "id_length"),
        ("4101021990010112345", "id_length"),
        ("41010219900101123A", "id_chars"),
        ("X10102199001011234", "id_chars"),
        ("410102199002301234", "id_birth_date"),
        ("410102189912311234", "id_birth_date"),
    ],
)
def test_parse_resident_id_refusals(raw, code):
    assert code_of(parse_resident_id, raw, TODAY) == code


def test_parse_resident_id_refuses_future_birth_date_only_when_today_given():
    future = make_resident_id("410102", date(2023, 1, 1), 1, "F")
    assert parse_resident_id(future).birth_date == date(2023, 1, 1)
    assert code_of(parse_resident_id, future, TODAY) == "id_birth_date"


def test_bad_checksum():
    wrong = SAMPLE_ID[:17] + ("0" if SAMPLE_ID[17] != "0" else "1")
    assert code_of(parse_resident_id, wrong) == "id_checksum"


@given(valid_ids)
def test_every_generated_id_validates(number):
    rid = parse_resident_id(number, TODAY)
    assert rid.number == number
    assert rid.sex == ("M" if int(number[16]) % 2 else "F")


@given(valid_ids, st.integers(0, 17), st.sampled_from("0123456789XABZ*-"))
def test_every_single_character_change_is_rejected(number, position, replacement):
    if number[position] == replacement:
        return
    changed = number[:position] + replacement + number[position + 1:]
    with pytest.raises(DomainError) as info:
        parse_resident_id(changed, TODAY)
    assert info.value.code in {"id_chars", "id_birth_date", "id_checksum"}


@given(valid_ids.flatmap(lambda n: st.tuples(st.just(n), messy(n))))
def test_messy_forms_normalise_back(pair):
    number, written = pair
    assert normalize_id_number(written) == number
    assert parse_resident_id(written, TODAY).number == number


@given(valid_ids, st.sampled_from(["int", "float", "sci", "point_zero"]))
def test_ids_from_numeric_cells_are_refused(number, form):
    if number.endswith("X"):
        number = number[:17] + "1"  # a number cell cannot hold X; the refusal must not depend on it
    value = {
        "int": int(number),
        "float": float(number),
        "sci": f"{float(number):.5E}",
        "point_zero": number + ".0",
    }[form]
    assert code_of(normalize_id_number, value) == "id_stored_as_number"


@given(st.integers(min_value=10**15, max_value=10**30))
def test_any_number_beyond_15_digits_is_refused(value):
    assert code_of(normalize_id_number, value) == "id_stored_as_number"
    assert code_of(normalize_id_number, float(value)) == "id_stored_as_number"


def test_excel_display_forms_are_refused():
    for text in ("4.10102E+17", "4.10102199001012e+17", "410102199001011234.0", "4.101021990010112E17"):
        assert code_of(normalize_id_number, text) == "id_stored_as_number"


def test_short_numeric_cells_are_read_exactly():
    assert normalize_id_number(123456789012345) == "123456789012345"
    assert normalize_id_number(12345678.0) == "12345678"
    assert normalize_id_number("12345678.0") == "12345678"
    assert code_of(normalize_id_number, 1.5) == "id_chars"
    assert code_of(normalize_id_number, math.nan) == "id_chars"


def test_make_resident_id_argument_checks():
    assert code_of(make_resident_id, "41010", date(1990, 1, 1), 1, "M") == "id_region"
    assert code_of(make_resident_id, "410102", date(1990, 1, 1), 500, "M") == "id_sequence"
    assert code_of(make_resident_id, "410102", date(1990, 1, 1), 1, "?") == "sex_invalid"


# --- documents --------------------------------------------------------------------

@pytest.mark.parametrize(
    "label, code",
    [
        ("", "resident_id"), (None, "resident_id"), ("居民身份证", "resident_id"), ("身份证", "resident_id"),
        ("护照", "passport"), ("Passport", "passport"), ("回乡证", "hk_macau_permit"),
        ("港澳居民来往内地通行证", "hk_macau_permit"), ("台胞证", "taiwan_permit"),
        ("台湾居民来往大陆通行证", "taiwan_permit"), ("外国人永久居留身份证", "foreign_permanent_id"),
        ("其他", "other"), ("foreign-permanent-id", "foreign_permanent_id"), (" RESIDENT_ID ", "resident_id"),
    ],
)
def test_parse_id_type(label, code):
    assert parse_id_type(label) == code


def test_parse_id_type_unknown():
    assert code_of(parse_id_type, "驾驶证") == "id_type_unknown"
    assert set(ID_TYPES) == {parse_id_type(code) for code in ID_TYPES}


@pytest.mark.parametrize(
    "kind, raw, expected",
    [
        ("passport", "e 1234 5678", "E12345678"),
        ("hk_macau_permit", "H12345678", "H12345678"),
        ("hk_macau_permit", "m1234567801", "M1234567801"),
        ("taiwan_permit", "12345678", "12345678"),
        ("taiwan_permit", 1234567890, "1234567890"),
        ("foreign_permanent_id", "usa123456789012", "USA123456789012"),
        ("foreign_permanent_id", "93100019900101123X", "93100019900101123X"),
        ("other", "军官证 123", "军官证123"),
    ],
)
def test_validate_document_accepts(kind, raw, expected):
    assert validate_document(kind, raw, TODAY) == expected


@pytest.mark.parametrize(
    "kind, raw",
    [
        ("passport", "E12"), ("passport", "E1234-5678"), ("hk_macau_permit", "12345678"),
        ("taiwan_permit", "123456789"), ("foreign_permanent_id", "USA12345"), ("other", "x" * 31),
    ],
)
def test_validate_document_refuses_shape(kind, raw):
    assert code_of(validate_document, kind, raw, TODAY) == "id_format"


def test_validate_document_resident_id_goes_through_full_check():
    assert validate_document("身份证", SAMPLE_ID.lower(), TODAY) == SAMPLE_ID
    assert code_of(validate_document, "resident_id", SAMPLE_ID[:17] + "Z", TODAY) == "id_chars"


# --- phones, sex, masks -----------------------------------------------------------

@pytest.mark.parametrize(
    "raw",
    ["13800138000", "138 0013 8000", "138-0013-8000", "(138)00138000", "+86 138 0013 8000",
     "008613800138000", "8613800138000", 13800138000, 13800138000.0, "13800138000.0", "１３８００１３８０００"],
)
def test_normalize_phone(raw):
    assert normalize_phone(raw) == "13800138000"


@pytest.mark.parametrize("raw", ["1380013800", "23800138000", "010-12345678", "138001380001", 1.38e10 + 0.5, True])
def test_normalize_phone_invalid(raw):
    assert code_of(normalize_phone, raw) == "phone_invalid"


def test_normalize_phone_empty():
    assert code_of(normalize_phone, None) == "phone_empty"
    assert code_of(normalize_phone, " ") == "phone_empty"


def test_masks():
    assert mask_id("41010219900101123X") == "410***********123X"
    assert mask_id("E12345678") == "*******78"
    assert mask_id("AB") == "**"
    assert mask_id("") == ""
    assert mask_phone("13800138000") == "138****8000"


def _mask_by_definition(text: str, head: int, tail: int) -> str:
    return text[:head] + "*" * (len(text) - head - tail) + (text[-tail:] if tail else "")


def _mask_id_slow(value) -> str:
    text = normalize_text(value).replace(" ", "")
    if len(text) >= 14:
        return _mask_by_definition(text, 3, 4)
    return _mask_by_definition(text, 0, 2) if len(text) >= 4 else "*" * len(text)


def _mask_phone_slow(value) -> str:
    text = normalize_text(value).replace(" ", "")
    return _mask_by_definition(text, 3, 4) if len(text) == 11 else _mask_id_slow(text)


@settings(max_examples=400)
@given(st.one_of(st.from_regex(r"[0-9A-Za-z]{0,20}", fullmatch=True),
                 st.from_regex(r"[0-9A-Za-z０-９Ｘ \u3000\u200b]{0,20}", fullmatch=True),
                 st.text(max_size=20), st.integers(), st.none()))
def test_masks_of_plain_text_take_the_short_path_with_the_same_result(value):
    # Stored numbers are plain ASCII letters and digits: the masks skip normalize_text for
    # them; anything else (full-width, spaces, invisible characters, numbers) is normalised first.
    assert mask_id(value) == _mask_id_slow(value)
    assert mask_phone(value) == _mask_phone_slow(value)


@pytest.mark.parametrize("raw, sex", [("男", "M"), ("女", "F"), ("m", "M"), ("Female", "F"), (1, "M"), ("2", "F"),
                                      (2.0, "F")])
def test_parse_sex(raw, sex):
    assert parse_sex(raw) == sex


def test_parse_sex_invalid():
    for raw in (None, "", "3", "未知", True):
        assert code_of(parse_sex, raw) == "sex_invalid"


# --- dates ------------------------------------------------------------------------

@pytest.mark.parametrize(
    "raw",
    ["2022-03-27", "2022/3/27", "2022.3.27", "20220327", "2022年3月27日", "2022年03月27号", "3月27日", "3/27",
     "2022-03-27 14:30", "２０２２年３月２７日", " 2022-03-27\u3000", date(2022, 3, 27), datetime(2022, 3, 27, 9, 30),
     44647, 44647.6, 20220327],
)
def test_parse_date_forms(raw):
    assert parse_date(raw, TODAY) == date(2022, 3, 27)


def test_parse_date_infers_latest_past_year():
    assert parse_date("12月31日", TODAY) == date(2021, 12, 31)
    assert parse_date("3/28", TODAY) == date(2021, 3, 28)
    assert parse_date("2月29日", TODAY) == date(2020, 2, 29)


def test_excel_serials_and_the_1900_leap_year_bug():
    assert parse_date(1, TODAY) == date(1900, 1, 1)
    assert parse_date(59, TODAY) == date(1900, 2, 28)
    assert parse_date(61, TODAY) == date(1900, 3, 1)
    assert code_of(parse_date, 60, TODAY) == "date_invalid"
    assert code_of(parse_date, 0, TODAY) == "date_invalid"
    assert code_of(parse_date, 2958466, TODAY, allow_future=True) == "date_invalid"
    assert parse_date(2958465, TODAY, allow_future=True) == date(9999, 12, 31)


@pytest.mark.parametrize("raw", ["2022-02-30", "2022/13/1", "abc", "27/3", "1899-12-31", "2022-03-27 25:00", math.nan,
                                 True])
def test_parse_date_invalid(raw):
    assert code_of(parse_date, raw, TODAY) == "date_invalid"


def test_parse_date_empty_and_future():
    assert code_of(parse_date, None, TODAY) == "date_empty"
    assert code_of(parse_date, "  ", TODAY, field="arrival") == "date_empty"
    with pytest.raises(DomainError) as info:
        parse_date("2022-03-28", TODAY, field="last_exposure")
    assert (info.value.code, info.value.field) == ("date_future", "last_exposure")
    assert parse_date("2022-03-28", TODAY, allow_future=True) == date(2022, 3, 28)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2022/3/27 8:05", datetime(2022, 3, 27, 8, 5)),
        ("2022-03-27 08:05:09", datetime(2022, 3, 27, 8, 5, 9)),
        ("2022-03-27T08:05", datetime(2022, 3, 27, 8, 5)),
        ("2022年3月27日 8时5分", datetime(2022, 3, 27, 8, 5)),
        ("2022年3月27日8时", datetime(2022, 3, 27, 8, 0)),
        ("3月27日 8点30分", datetime(2022, 3, 27, 8, 30)),
        ("３/２７ ８：０５", datetime(2022, 3, 27, 8, 5)),
        ("2022-03-27", datetime(2022, 3, 27, 0, 0)),
        (44647.25, datetime(2022, 3, 27, 6, 0)),
        (44647 + (8 * 3600 + 5 * 60) / 86400, datetime(2022, 3, 27, 8, 5)),
        (datetime(2022, 3, 27, 8, 5, 9, 123456), datetime(2022, 3, 27, 8, 5, 9)),
    ],
)
def test_parse_datetime_forms(raw, expected):
    assert parse_datetime(raw, NOW) == expected


def test_parse_datetime_future_has_clock_slack():
    assert parse_datetime("2022-03-27 14:04", NOW) == datetime(2022, 3, 27, 14, 4)
    assert code_of(parse_datetime, "2022-03-27 14:06", NOW) == "datetime_future"
    assert parse_datetime("2022-03-27 14:06", NOW, allow_future=True).minute == 6
    assert code_of(parse_datetime, "2022-03-27 24:00", NOW) == "date_invalid"


# --- measurements -----------------------------------------------------------------

@pytest.mark.parametrize("raw, value", [("36.5", 36.5), ("36.5℃", 36.5), ("36,5", 36.5), (37.3, 37.3), (38, 38.0),
                                         (" 36.8 °C", 36.8), ("３６．６", 36.6), ("37度", 37.0), ("34", 34.0),
                                         (43.0, 43.0)])
def test_parse_temperature(raw, value):
    assert parse_temperature(raw) == value


@pytest.mark.parametrize("raw", [3.7, "373", 33.9, "43.1", 0])
def test_temperature_out_of_range_is_never_fixed(raw):
    with pytest.raises(DomainError) as info:
        parse_temperature(raw)
    assert info.value.code == "temperature_out_of_range"
    assert info.value.params["value"] == float(raw)


@pytest.mark.parametrize("raw", ["abc", "36.5.1", math.inf, True, "三十七"])
def test_temperature_invalid(raw):
    assert code_of(parse_temperature, raw) == "temperature_invalid"
    assert code_of(parse_temperature, "") == "temperature_empty"


def test_parse_quantity():
    assert parse_quantity("12") == 12.0
    assert parse_quantity(" 1,000.5 ") == 1000.5
    assert parse_quantity(0) == 0.0
    assert math.copysign(1, parse_quantity(-0.0)) == 1
    assert code_of(parse_quantity, -1) == "quantity_negative"
    for raw in (None, "", "abc", math.nan, math.inf, "1e999", True):
        assert code_of(parse_quantity, raw) == "quantity_invalid"


# --- fuzz: nothing escapes but DomainError ----------------------------------------

anything = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(),
    st.from_regex(r"[0-9０-９年月日时分:/ .\-]{0,24}", fullmatch=True),
    st.dates(), st.datetimes(),
)

PARSERS = [
    normalize_id_number, parse_resident_id, parse_id_type, normalize_phone, parse_sex,
    parse_temperature, parse_quantity, mask_id, mask_phone, normalize_text,
    lambda v: parse_date(v, TODAY), lambda v: parse_date(v, TODAY, allow_future=True),
    lambda v: parse_datetime(v, NOW), lambda v: validate_document("passport", v, TODAY),
    lambda v: validate_document("other", v, TODAY), lambda v: validate_document(v, "E12345678", TODAY),
    lambda v: check_character(v),
]


@settings(max_examples=300)
@given(st.sampled_from(range(len(PARSERS))), anything)
def test_fuzz_parsers_raise_only_domain_errors(index, value):
    try:
        PARSERS[index](value)
    except DomainError:
        pass
