"""Workbooks through calamine (xlsx, xlsm, xls, ods) and text in every encoding a district
office saves: the values the importers expect, the sheet Excel opens first, the same
transfer list in every format giving the same import."""
from __future__ import annotations

import csv
import shutil
import zipfile
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from isolation_desk.io import spreadsheet
from isolation_desk.io.spreadsheet import SpreadsheetError, read_rows
from isolation_desk.services import arrivals_import as ai

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ID_A = "410102199001010258"


def values(path, sheet=None):
    return [v for _, v in read_rows(path, sheet)]


def test_every_kind_of_cell(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "名单"
    ws["A1"] = "2022年11月20日 转运名单 & <特殊> \"字符\""
    ws.merge_cells("A1:F1")
    ws.append(["姓名", "身份证号", "数字", "小数", "布尔", "日期", "时间", "日期时间"])
    ws.append(["张三", ID_A, 13800138001, 36.6, True, date(2022, 11, 18), time(8, 30),
               datetime(2022, 11, 18, 14, 5, 9)])
    ws.append([None, None, None])
    ws["B5"] = "跳过A列"
    ws["H7"] = "远处的单元格"
    ws["C8"] = 1.10101199003075e17  # an ID number Excel turned into a number
    ws["D8"] = -0.5
    ws["E8"] = False
    ws["B9"] = "  前后空格  "
    ws["C9"] = "line\nbreak"
    ws["D9"] = 44882
    ws["D9"].number_format = "yyyy/m/d"
    ws["A12"] = "after a gap"
    wb.create_sheet("第二页").append(["别的表"])
    path = tmp_path / "kinds.xlsx"
    wb.save(path)
    rows = read_rows(path)
    assert [n for n, _ in rows] == list(range(1, 13))  # Excel's row numbers, blank rows kept
    got = dict(rows)
    assert got[1] == ["2022年11月20日 转运名单 & <特殊> \"字符\""]  # a merged title: its first cell
    assert got[3] == ["张三", ID_A, 13800138001, 36.6, True, date(2022, 11, 18), time(8, 30),
                      datetime(2022, 11, 18, 14, 5, 9)]
    assert type(got[3][2]) is int  # a whole number is an int, as openpyxl gave it
    assert got[4] == [] and got[6] == []
    assert got[5] == [None, "跳过A列"]
    assert got[7] == [None] * 7 + ["远处的单元格"]
    assert got[8] == [None, None, 1.10101199003075e17, -0.5, False]
    assert type(got[8][2]) is float  # too long to be exact: the importer refuses it in words
    assert got[9] == [None, "  前后空格  ", "line\nbreak", date(2022, 11, 17)]
    assert got[12] == ["after a gap"]
    assert values(path, "第二页") == [["别的表"]]
    assert values(path, 1) == [["别的表"]]
    with pytest.raises(SpreadsheetError) as e:
        read_rows(path, "no such sheet")
    assert e.value.code == "sheet_not_found"


def test_the_sheet_excel_opens_first(tmp_path):
    wb = openpyxl.Workbook(write_only=True)
    wb.create_sheet("一").append(["甲", 1])
    second = wb.create_sheet("二")
    second.append(["乙", 2.5, datetime(2022, 3, 27, 8, 0)])
    path = tmp_path / "wo.xlsx"
    wb.save(path)
    assert values(path) == [["甲", 1]]
    wb = openpyxl.load_workbook(path)
    wb.active = 1
    wb.save(path)
    assert values(path) == [["乙", 2.5, datetime(2022, 3, 27, 8, 0)]]


def test_the_1904_date_system(tmp_path):
    wb = openpyxl.Workbook()
    wb.epoch = openpyxl.utils.datetime.MAC_EPOCH
    wb.active.append(["日期", datetime(2022, 3, 27, 9, 15)])
    path = tmp_path / "mac.xlsx"
    wb.save(path)
    assert values(path) == [["日期", datetime(2022, 3, 27, 9, 15)]]


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, monkeypatch):
    path = tmp_path / "big.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "x" * 5000])
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        total = sum(i.file_size for i in z.infolist())
    monkeypatch.setattr(spreadsheet, "MAX_UNCOMPRESSED_BYTES", total - 1)
    with pytest.raises(SpreadsheetError) as e:
        read_rows(path)
    assert e.value.code == "spreadsheet_too_large" and e.value.params["file"] == "big.xlsx"
    monkeypatch.setattr(spreadsheet, "MAX_UNCOMPRESSED_BYTES", total)
    assert read_rows(path)[0][1][0] == "姓名"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "utf-16"])
def test_text_in_every_encoding(tmp_path, encoding):
    path = tmp_path / f"list-{encoding}.csv"
    with open(path, "w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter="\t" if encoding == "utf-16" else ",").writerows(
            [["姓名", "身份证号"], ["阿卜杜拉·买买提", ID_A]])
    assert values(path) == [["姓名", "身份证号"], ["阿卜杜拉·买买提", ID_A]]


def _import(db, path, now):
    preview = ai.read_arrivals(db, path, now)
    return (preview.header.row_number,
            [(r.row, r.status, r.registration, sorted((f, e.code) for f, e in r.errors.items()))
             for r in preview.rows])


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_the_messy_transfer_list_as_xls_and_ods_imports_as_the_xlsx(db, now, tmp_path, suffix):
    """tests/fixtures/transfer_list.{xls,ods}: the .xlsx (written by test_arrivals_import's
    transfer_list()) converted once with LibreOffice (soffice --headless --convert-to)."""
    xlsx = _import(db, FIXTURES / "transfer_list.xlsx", now)
    other = FIXTURES / f"transfer_list{suffix}"
    with open(other, "rb") as fh:  # a real workbook of that format, not a renamed xlsx
        assert fh.read(4) == (b"\xd0\xcf\x11\xe0" if suffix == ".xls" else b"PK\x03\x04")
    assert _import(db, other, now) == xlsx
    statuses = [s for _, s, _, _ in xlsx[1]]
    assert statuses.count(ai.VALID) == 6 and statuses.count(ai.INVALID) == 3
    # the same file renamed does not matter: the format is read from the first bytes
    renamed = tmp_path / "名单.dat"
    shutil.copy(other, renamed)
    assert _import(db, renamed, now) == xlsx


def _comparable(value):
    """openpyxl gives a midnight datetime for a date cell, calamine a date; numbers alike."""
    if isinstance(value, datetime) and value.time() == time(0):
        return value.date()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2 ** 53:
        return int(value)
    return value


cell_values = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12)
    .filter(lambda t: t.strip() != "" or False),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False, width=64, min_value=-1e300, max_value=1e300),
    st.booleans(),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1))
    .map(lambda d: d.replace(microsecond=0)),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(cell_values, max_size=6), min_size=1, max_size=8))
def test_same_values_as_openpyxl(tmp_path, table):
    wb = openpyxl.Workbook()
    ws = wb.active
    for r, row in enumerate(table, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(row=r, column=c, value=value)
    path = tmp_path / "p.xlsx"
    wb.save(path)
    back = openpyxl.load_workbook(path, read_only=True, data_only=True)
    expected = [[_comparable(v) for v in row] for row in back.active.iter_rows(values_only=True)]
    back.close()
    expected = [spreadsheet._trim(row) for row in expected]
    while expected and not expected[-1]:
        expected.pop()
    if not expected:
        with pytest.raises(SpreadsheetError):
            read_rows(path)
        return
    got = [[_comparable(v) for v in row] for row in values(path)]
    assert got == expected
