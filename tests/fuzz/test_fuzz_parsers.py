"""Hypothesis fuzzing of every parser and validator that reads what people type or what
spreadsheets hold: nothing escapes but the project's own DomainError (a reason code the UI
and the command line can put into words), and what is accepted is well formed."""
from __future__ import annotations

import math
import string
from datetime import date, datetime, time

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from isolation_desk.domain import cells as cell_parsing
from isolation_desk.domain import date_parsing, identity, policy, registration, stock
from isolation_desk.domain.errors import DomainError
from isolation_desk.messages import MESSAGES

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters that real cells hold: digits (also full-width), X, separators, dots, units,
# date words, invisible and odd spaces, minority-name dots, Chinese.
CELL_CHARS = (string.digits + "xX+-.,/:;eE ()（）" + "０１２３４５６７８９Ｘ．" + "年月日时分秒号℃°度"
              + "\u3000\u00a0\u200b\ufeff\t\n" + "·•・" + "张王李阳性阴性密接男女" + "abcZ")
cell_text = st.text(alphabet=CELL_CHARS, max_size=30)
any_text = st.text(max_size=40)
numbers = st.one_of(st.integers(min_value=-10**20, max_value=10**20),
                    st.floats(allow_nan=True, allow_infinity=True))
moments = st.one_of(st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
                    st.dates(min_value=date(1, 1, 2), max_value=date(9999, 12, 30)),
                    st.times())
# Everything an openpyxl or csv cell (or a form field) can be.
cells = st.one_of(st.none(), st.booleans(), numbers, cell_text, any_text, moments)
todays = st.dates(min_value=date(1901, 1, 1), max_value=date(2099, 12, 31))
nows = st.datetimes(min_value=datetime(1901, 1, 1), max_value=datetime(2099, 12, 31))


def only_domain_errors(fn, *args, **kwargs):
    """Call ``fn``; a DomainError is an answer (its code must have words), anything else fails."""
    try:
        return fn(*args, **kwargs)
    except DomainError as exc:
        assert exc.code in MESSAGES, f"{exc.code} has no sentence"
        return None


# -- identity ------------------------------------------------------------------------
@FUZZ
@given(cells)
def test_normalize_text_never_fails(value):
    out = cell_parsing.normalize_text(value)
    assert isinstance(out, str) and "\u200b" not in out


@FUZZ
@given(cells, todays)
@example("11010519491231002X", date(2022, 11, 20))
@example(1.10105194912310e17, date(2022, 11, 20))
@example("110105194902300021", date(2022, 11, 20))
def test_resident_id(value, today):
    rid = only_domain_errors(identity.parse_resident_id, value, today)
    if rid is not None:
        assert len(rid.number) == 18
        assert identity.check_character(rid.number[:17]) == rid.number[17]
        assert rid.birth_date <= today and rid.sex in ("M", "F")


@FUZZ
@given(st.sampled_from(["110105", "440305", "650102"]),
       st.dates(min_value=date(1901, 1, 1), max_value=date(2022, 11, 20)),
       st.integers(0, 499), st.sampled_from("MF"))
def test_a_made_resident_id_parses_back(region, birth, seq, sex):
    number = identity.make_resident_id(region, birth, seq, sex)
    rid = identity.parse_resident_id(number, date(2022, 11, 20))
    assert (rid.number, rid.birth_date, rid.sex) == (number, birth, sex)
    # what spreadsheets do to it: full-width digits, spaces, a lower-case x
    mangled = " ".join(number.translate({ord(c): ord(c) + 0xFEE0 for c in string.digits})).lower()
    assert identity.parse_resident_id(mangled, date(2022, 11, 20)).number == number


@FUZZ
@given(cells)
def test_id_number_and_type(value):
    only_domain_errors(identity.normalize_id_number, value)
    only_domain_errors(identity.parse_id_type, value)
    assert isinstance(identity.mask_id(value), str)


@FUZZ
@given(st.sampled_from(sorted(identity.ID_TYPES)) | cell_text, cells, st.none() | todays)
def test_validate_document(id_type, value, today):
    only_domain_errors(identity.validate_document, id_type, value, today)


@FUZZ
@given(cells)
@example("+86 138-0013-8000")
@example(13800138000.0)
@example(1.38e10)
def test_phone(value):
    out = only_domain_errors(identity.normalize_phone, value)
    if out is not None:
        assert len(out) == 11 and out.isdigit() and out[0] == "1"
    assert isinstance(identity.mask_phone(value), str)


@FUZZ
@given(cells)
def test_sex(value):
    assert only_domain_errors(identity.parse_sex, value) in (None, "M", "F")


@FUZZ
@given(cells, todays, st.booleans())
@example("2022/3/27", date(2022, 11, 20), False)
@example("3月27日", date(2022, 1, 5), False)
@example(44647, date(2022, 11, 20), False)
@example(2958466.0, date(2022, 11, 20), True)
@example(-1e300, date(2022, 11, 20), True)
def test_dates(value, today, allow_future):
    out = only_domain_errors(date_parsing.parse_date, value, today, allow_future=allow_future)
    if out is not None:
        assert isinstance(out, date) and not isinstance(out, datetime)
        assert allow_future or out <= today


@FUZZ
@given(cells, nows, st.booleans())
@example("2022-11-20 25:61", datetime(2022, 11, 20, 9, 30), False)
@example(time(9, 30), datetime(2022, 11, 20, 9, 30), False)
def test_datetimes(value, now, allow_future):
    out = only_domain_errors(date_parsing.parse_datetime, value, now, allow_future=allow_future)
    if out is not None:
        assert isinstance(out, datetime)


@FUZZ
@given(cells)
@example("37,3℃")
@example("３６．５")
@example(float("nan"))
def test_temperature(value):
    out = only_domain_errors(cell_parsing.parse_temperature, value)
    if out is not None:
        assert cell_parsing.TEMPERATURE_MIN <= out <= cell_parsing.TEMPERATURE_MAX


@FUZZ
@given(cells)
@example("1,000")
@example("-0")
@example("1e400")
def test_quantity(value):
    out = only_domain_errors(cell_parsing.parse_quantity, value)
    if out is not None:
        assert math.isfinite(out) and out >= 0
    out = only_domain_errors(stock.validate_quantity, value)
    if out is not None:
        assert math.isfinite(out) and out > 0


# -- registration and policy ------------------------------------------------------------
@FUZZ
@given(cells)
def test_name_category_test_days(value):
    only_domain_errors(registration.validate_name, value)
    only_domain_errors(policy.parse_category, value)
    if isinstance(value, str):
        days = only_domain_errors(policy.parse_test_days, value)
        if days is not None:
            assert list(days) == sorted(set(days))


FIELDS = ("name", "id_type", "id_number", "sex", "birth_date", "phone", "category",
          "last_exposure_date", "arrival_date", "registered_address", "current_address",
          "origin", "notes", "destination_community", "community_contact", "community_phone", "diet")

registration_rows = st.fixed_dictionaries({}, optional={f: cells for f in FIELDS}).map(dict)
plausible_rows = st.fixed_dictionaries({
    "name": st.sampled_from(["张三", "阿卜杜拉·买买提", "", "王2", "  李四 "]),
    "id_type": st.sampled_from(["身份证", "resident_id", "护照", "passport", "", "驾照"]),
    "id_number": st.sampled_from(["11010519491231002X", "110105194912310021", "E12345678",
                                  1.10105194912310e17, "", "１１０１０５１９４９１２３１００２Ｘ"]) | cell_text,
    "sex": st.sampled_from(["男", "女", "M", "", None, "未知"]),
    "phone": st.sampled_from(["13800138000", 13800138000, "+8613800138000", "", "12345"]) | cell_text,
    "category": st.sampled_from(["密接", "close contact", "入境人员", "次密接", "", "外星人"]),
    "last_exposure_date": cells, "arrival_date": cells, "birth_date": cells,
    "special_needs": st.lists(st.sampled_from(["elderly", "child", "pregnancy", "bogus", ""]), max_size=3),
    "diet": st.sampled_from(["regular", "halal", "vegetarian", "", None, "keto"]),
    "community_phone": st.sampled_from(["", "13900000000", "x"]),
})


@FUZZ
@given(registration_rows | plausible_rows, todays, st.booleans())
def test_registration_rows(fields, today, phone_required):
    reg = only_domain_errors(registration.validate_registration, fields, today,
                             phone_required=phone_required)
    if reg is not None:
        assert reg.name and reg.id_number and reg.category
        if reg.id_type == "resident_id":
            assert reg.birth_date is not None and reg.sex in ("M", "F")


@FUZZ
@given(registration_rows | plausible_rows, todays)
def test_import_row_validation_reports_every_field_and_never_raises(fields, today):
    from isolation_desk.services.arrivals_import import validate_row
    check = validate_row(fields, today)
    assert (check.registration is None) == bool(check.errors)
    for err in check.errors.values():
        assert isinstance(err, DomainError) and err.code in MESSAGES


# -- other fields that people type ------------------------------------------------------------
@FUZZ
@given(cells)
def test_result_kind_role_scan_username(value):
    from isolation_desk.services import accounts, arrivals_import, results_import
    from isolation_desk.services.testing import sampling
    only_domain_errors(results_import.parse_result, value)
    only_domain_errors(results_import.parse_kind, value)
    only_domain_errors(arrivals_import.parse_household_role, value)
    only_domain_errors(accounts.normalize_username, value)
    if isinstance(value, str) or value is None:
        only_domain_errors(sampling.stay_from_scan, value)


@FUZZ
@given(cell_text | any_text)
@example("A栋 2-15层 01-30号")
@example("A, 99999999999999999999-1, 1-2")
def test_room_range_and_shift_times(text):
    from isolation_desk.services import site
    only_domain_errors(site.parse_room_range, text)
    out = only_domain_errors(site._parse_hhmm, text)
    if out is not None:
        assert isinstance(out, time)


# -- spreadsheets ---------------------------------------------------------------------------
rows_strategy = st.lists(
    st.tuples(st.integers(1, 10**6), st.lists(cells | st.sampled_from(
        ["姓名", "身份证号码", "证件号码（必填）", "* 手机", "name", "ID No.", "联系电话", ""]), max_size=8)),
    max_size=25)


@FUZZ
@given(rows_strategy, st.sampled_from([("name", "id_number"), ("id_number",), ("name", "phone")]))
def test_header_finding(rows, required):
    from isolation_desk.io.spreadsheet import find_header, header_key
    for _, values in rows:
        for v in values:
            assert isinstance(header_key(v), str)
    header = only_domain_errors(find_header, rows, required)
    if header is not None:
        assert set(required) <= set(header.columns)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=3000) | cell_text.map(lambda t: t.encode("utf-8")) |
       st.lists(st.lists(cell_text, max_size=6), max_size=20).map(
           lambda rows: "\n".join(",".join(r) for r in rows).encode("gbk", "replace")),
       st.sampled_from([".csv", ".xlsx", ".txt", ".xls"]))
def test_reading_any_file_gives_rows_or_a_domain_error(tmp_path_factory, data, suffix):
    from isolation_desk.io.spreadsheet import read_rows
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / f"sheet{suffix}"
    path.write_bytes(data)
    rows = only_domain_errors(read_rows, path)
    if rows is not None:
        assert all(isinstance(n, int) and isinstance(v, list) for n, v in rows)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.one_of(st.none(), numbers, cell_text, moments), max_size=5), min_size=1, max_size=8))
def test_a_written_spreadsheet_reads_back(tmp_path_factory, rows):
    """Exports go through the same reader on the way back in (an xlsx round trip)."""
    from isolation_desk.io.spreadsheet import read_rows, write_xlsx
    folder = tmp_path_factory.mktemp("rt")
    path = folder / "out.xlsx"
    try:
        write_xlsx(path, ["a", "b", "c", "d", "e"], rows)
    except DomainError:
        return
    only_domain_errors(read_rows, path)


# -- accounts ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def accounts_db(tmp_path_factory):
    from argon2 import PasswordHasher

    from isolation_desk.services import accounts
    from isolation_desk.storage.database import open_database
    saved = accounts._hasher
    accounts._hasher = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    db = open_database(tmp_path_factory.mktemp("acc") / "site.sqlite")
    accounts.create_first_manager(db, "boss", "张经理", "boss-pass-1", datetime(2022, 11, 20, 9, 0))
    yield db
    db.close()
    accounts._hasher = saved


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(any_text, cell_text, st.none()), st.one_of(any_text, st.none()),
       st.sampled_from(["manager", "medical", "viewer", "chef", ""]))
def test_sign_in_and_user_creation_take_anything(accounts_db, username, password, role):
    from isolation_desk.domain.roles import SYSTEM
    from isolation_desk.services import accounts
    now = datetime(2022, 11, 20, 9, 30)
    actor = only_domain_errors(accounts.sign_in, accounts_db, username, password, now)
    assert actor is None or actor.username == "boss"
    only_domain_errors(accounts.create_user, accounts_db, username, username, role, password,
                       SYSTEM, now)
