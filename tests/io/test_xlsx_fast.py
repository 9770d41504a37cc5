"""The fast xlsx reader gives exactly what openpyxl's read-only mode gives, or steps aside."""
from __future__ import annotations

from datetime import date, datetime, time

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.styles import Font

from isolation_desk.io.spreadsheet import read_rows
from isolation_desk.io.xlsx_fast import read_sheet_values


def by_openpyxl(path, sheet=None):
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        if sheet is None:
            ws = wb.active if wb.active in wb.worksheets else wb.worksheets[0]
        elif isinstance(sheet, int):
            ws = wb.worksheets[sheet]
        else:
            ws = wb[sheet]
        ws.reset_dimensions()
        return [list(r) for r in ws.iter_rows(min_row=1, values_only=True)]
    finally:
        wb.close()


def trimmed(rows):
    out = []
    for r in rows:
        r = list(r)
        while r and r[-1] is None:
            r.pop()
        out.append(r)
    while out and not out[-1]:
        out.pop()
    return out


def test_every_kind_of_cell(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "名单"
    ws["A1"] = "2022年11月20日 转运名单 & <特殊> \"字符\""
    ws.merge_cells("A1:F1")
    ws.append(["姓名", "身份证号", "数字", "小数", "布尔", "日期", "时间", "日期时间"])
    ws.append(["张三", "110101199003074514", 110101199003074514, 36.6, True,
               date(2022, 11, 18), time(8, 30), datetime(2022, 11, 18, 14, 5, 9)])
    ws.append([None, None, None])
    ws["B5"] = "跳过A列"
    ws["H7"] = "远处的单元格"
    ws["C8"] = 1.10101199003075e17
    ws["D8"] = -0.5
    ws["E8"] = False
    ws["A9"] = "=1+1"  # a formula without a cached value
    ws["B9"] = "  前后空格  "
    ws["C9"] = "line\nbreak"
    ws["D9"] = 44882
    ws["D9"].number_format = "yyyy/m/d"
    ws["E9"] = 44882.5
    ws["E9"].number_format = "[h]:mm"
    ws["F9"].font = Font(bold=True)  # a styled empty cell
    ws["A12"] = "after a gap"
    other = wb.create_sheet("第二页")
    other.append(["别的表"])
    wb.save(tmp_path / "kinds.xlsx")
    path = tmp_path / "kinds.xlsx"
    fast = read_sheet_values(path)
    assert fast is not None
    assert trimmed(fast) == trimmed(by_openpyxl(path))
    assert trimmed(read_sheet_values(path, "第二页")) == [["别的表"]]
    assert trimmed(read_sheet_values(path, 1)) == [["别的表"]]


def test_active_sheet_and_write_only_inline_strings(tmp_path):
    wb = openpyxl.Workbook(write_only=True)
    first = wb.create_sheet("一")
    first.append(["甲", 1])
    second = wb.create_sheet("二")
    second.append(["乙", 2.5, datetime(2022, 3, 27)])
    second.append([])
    second.append(["丙"])
    path = tmp_path / "wo.xlsx"
    wb.save(path)
    assert trimmed(read_sheet_values(path)) == trimmed(by_openpyxl(path))
    assert trimmed(read_sheet_values(path, "二")) == trimmed(by_openpyxl(path, "二"))
    wb = openpyxl.load_workbook(path)
    wb.active = 1
    wb.save(path)
    assert trimmed(read_sheet_values(path)) == trimmed(by_openpyxl(path)) == [["乙", 2.5, datetime(2022, 3, 27)], [], ["丙"]]


def test_unusual_files_step_aside_and_openpyxl_reads_them(tmp_path):
    wb = openpyxl.Workbook()
    wb.epoch = openpyxl.utils.datetime.MAC_EPOCH  # the 1904 date system
    wb.active.append(["日期", datetime(2022, 3, 27)])
    path = tmp_path / "mac.xlsx"
    wb.save(path)
    assert read_sheet_values(path) is None
    assert read_rows(path)[0][1] == ["日期", datetime(2022, 3, 27)]
    assert read_sheet_values(path, "no such sheet") is None
    assert read_sheet_values(tmp_path / "missing.xlsx") is None


cell_values = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
    st.integers(min_value=-(10**15), max_value=10**18),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.booleans(),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)).map(lambda d: d.replace(microsecond=0)),
    st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 1, 1)),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(cell_values, max_size=6), max_size=8))
def test_same_values_as_openpyxl(tmp_path, table):
    wb = openpyxl.Workbook()
    ws = wb.active
    for r, values in enumerate(table, start=1):
        for c, value in enumerate(values, start=1):
            if value is not None:
                ws.cell(row=r, column=c, value=value)
    path = tmp_path / "p.xlsx"
    wb.save(path)
    assert trimmed(read_sheet_values(path)) == trimmed(by_openpyxl(path))
