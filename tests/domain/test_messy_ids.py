"""Property tests for ID numbers as they reach the site in import rows.

tests/domain/test_identity.py covers ``normalize_id_number`` on its own; here the same
properties must hold for a whole import row, through the one validator
(``validate_registration``), the per-cell row check of the arrivals import, and a real
file written and read back by ``io.spreadsheet``.
"""
from __future__ import annotations

import csv
import tempfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from isolation_desk.domain.errors import DomainError
from isolation_desk.domain.identity import make_resident_id
from isolation_desk.domain.registration import validate_registration
from isolation_desk.io.spreadsheet import read_rows
from isolation_desk.services.arrivals_import import validate_row

TODAY = date(2022, 11, 20)
FULL_WIDTH = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}

regions = st.from_regex(r"[1-8][0-9]{5}", fullmatch=True)
birth_dates = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
valid_ids = st.builds(make_resident_id, regions, birth_dates, st.integers(0, 499), st.sampled_from("MF"))


@st.composite
def messy(draw, number: str) -> str:
    """Every supported mangling: full-width, spaces of all kinds, invisible characters,
    lower-case x, padding (tab, newline, BOM)."""
    out = []
    for char in number:
        if char == "X" and draw(st.booleans()):
            char = "x"
        if draw(st.booleans()):
            char = FULL_WIDTH[char]
        out.append(char)
        out.append(draw(st.sampled_from(["", "", "", " ", "\u3000", "\u200b", "\u00a0", "\u2060", "\ufeff"])))
    pad = st.sampled_from(["", " ", "\t", "\u3000", "\ufeff", "\n", "\u00a0"])
    return draw(pad) + "".join(out) + draw(pad)


def _row(id_value, id_type=None) -> dict:
    return {"name": "张三", "id_type": id_type, "id_number": id_value, "category": "密接",
            "last_exposure": "2022-11-18"}


def _registration_fields(id_value) -> dict:
    return {"name": "张三", "id_number": id_value, "category": "密接", "last_exposure_date": "2022-11-18"}


@given(valid_ids.flatmap(lambda n: st.tuples(st.just(n), messy(n))),
       st.sampled_from([None, "", "身份证", "居民身份证", "resident_id", "ID card"]))
def test_messy_id_in_an_import_row_normalises_back_to_itself(pair, id_type):
    number, written = pair
    assert validate_registration(_registration_fields(written), TODAY).id_number == number
    check = validate_row(_row(written, id_type), TODAY)
    assert check.errors == {}
    assert check.registration.id_number == number
    # the birth date and sex come from the ID, whatever its form
    assert check.registration.birth_date == date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    assert check.registration.sex == ("M" if int(number[16]) % 2 else "F")


def _numeric_forms(value: int):
    """What a numeric cell holding ``value`` looks like by the time it reaches a row."""
    as_float = float(value)
    yield value  # an int cell (openpyxl, exact)
    yield as_float  # a float cell (Excel stores doubles)
    yield f"{as_float:.5E}"  # Excel's General display: 4.10102E+17
    yield f"{as_float:.14E}"  # 15 significant digits, as Excel keeps them
    yield repr(as_float)  # Python's text of the float: 4.101021990010112e+17
    yield f"{value}.0"  # a number exported with a decimal point
    yield "".join(FULL_WIDTH.get(c, c) for c in f"{as_float:.5E}")  # and full-width


@given(st.integers(min_value=10**15, max_value=10**18 - 1))
def test_an_id_from_a_numeric_cell_beyond_15_digits_is_always_refused(value):
    for form in _numeric_forms(value):
        with pytest.raises(DomainError) as info:
            validate_registration(_registration_fields(form), TODAY)
        assert info.value.code == "id_stored_as_number", form
        check = validate_row(_row(form), TODAY)
        assert check.registration is None
        assert check.errors["id_number"].code == "id_stored_as_number", form
        # whatever the document type says: digits that went through a number are gone
        check = validate_row(_row(form, "护照"), TODAY)
        assert check.errors["id_number"].code == "id_stored_as_number", form


@given(valid_ids)
def test_a_valid_id_that_went_through_a_number_is_refused_not_repaired(number):
    digits = number[:17] + ("1" if number.endswith("X") else number[17])
    check = validate_row(_row(float(digits)), TODAY)
    assert check.errors["id_number"].code == "id_stored_as_number"
    check = validate_row(_row(int(digits)), TODAY)
    assert check.errors["id_number"].code == "id_stored_as_number"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(valid_ids.flatmap(lambda n: st.tuples(st.just(n), messy(n))), min_size=1, max_size=5),
       st.integers(min_value=10**15, max_value=10**18 - 1))
def test_through_a_real_file_and_back(pairs, numeric):
    """Written to xlsx and csv (UTF-8 with BOM) and read by the import's reader."""
    with tempfile.TemporaryDirectory() as folder:
        xlsx = Path(folder) / "list.xlsx"
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(["姓名", "身份证号"])
        for _, written in pairs:
            ws.append(["张三", written])
        ws.append(["李四", numeric])  # a numeric cell
        wb.save(xlsx)
        text = Path(folder) / "list.csv"
        with open(text, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["姓名", "身份证号"])
            writer.writerows(["张三", written] for _, written in pairs)
            writer.writerow(["李四", f"{float(numeric):.5E}"])  # how Excel saves it as CSV
        for path in (xlsx, text):
            rows = read_rows(path)[1:]
            for (number, _), (_, values) in zip(pairs, rows, strict=False):
                check = validate_row(_row(values[1]), TODAY)
                assert check.registration is not None, (path.suffix, values[1], check.errors)
                assert check.registration.id_number == number
            last = rows[len(pairs)][1]
            assert validate_row(_row(last[1]), TODAY).errors["id_number"].code == "id_stored_as_number"
