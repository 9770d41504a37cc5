"""The spreadsheet reader and writers, on files made in tmp_path."""
from __future__ import annotations

import csv
from datetime import date, datetime

import openpyxl
import pytest

from isolation_desk.domain.date_parsing import parse_date, parse_datetime
from isolation_desk.domain.errors import DomainError
from isolation_desk.domain.identity import make_resident_id, normalize_id_number
from isolation_desk.io.spreadsheet import (
    FIELD_ALIASES,
    Header,
    SpreadsheetError,
    find_header,
    read_rows,
    write_csv,
    write_xlsx,
)

TODAY = date(2022, 3, 27)
NOW = datetime(2022, 3, 27, 20, 0)
ID_A = make_resident_id("410102", date(1990, 1, 1), 12, "M")
ID_B = make_resident_id("440305", date(1985, 6, 30), 7, "F")


def code_of(call, *args, **kwargs) -> str:
    with pytest.raises(SpreadsheetError) as info:
        call(*args, **kwargs)
    assert isinstance(info.value, DomainError)
    return info.value.code


def arrivals_workbook(path):
    """An arrivals list as districts send them: merged title, header, data, a blank row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "2022年3月27日 入境人员名单"
    ws.merge_cells("A1:F1")
    ws.append(["序号", "* 姓名", "身份证号码（必填）", "联系电话", "末次暴露时间", "入境时间"])
    ws.append([1, "张三", ID_A, 13800138000, datetime(2022, 3, 25, 9, 30), "2022/3/26 8:05"])
    ws.append([2, "李四", 4.10102199001012e17, "139 0013 9000", 44645, "2022年3月26日 14时5分"])
    ws.append([])  # blank row in the middle: row numbers after it must still match Excel
    ws.append([3, "阿卜杜·热合曼", ID_B, "+86 137-0013-7000", "3月24日", 44646.5])
    wb.save(path)


def test_xlsx_title_header_numeric_id_and_blank_row(tmp_path):
    path = tmp_path / "arrivals.xlsx"
    arrivals_workbook(path)
    rows = read_rows(path)
    assert [number for number, _ in rows] == [1, 2, 3, 4, 5, 6]
    assert rows[0] == (1, ["2022年3月27日 入境人员名单"])  # merged title: value in first cell only
    assert rows[4] == (5, [])

    header = find_header(rows)
    assert header.row_number == 2
    assert header.columns == {"name": 1, "id_number": 2, "phone": 3, "last_exposure": 4, "arrival": 5}
    assert header.unmapped == ["序号"]

    data = {number: values for number, values in rows if number > header.row_number and values}
    assert header.get(data[3], "id_number") == ID_A
    assert header.get(data[3], "phone") == 13800138000
    assert isinstance(header.get(data[3], "last_exposure"), datetime)
    # The ID that went through a number cell is refused, never guessed.
    with pytest.raises(DomainError) as info:
        normalize_id_number(header.get(data[4], "id_number"))
    assert info.value.code == "id_stored_as_number"
    assert normalize_id_number(header.get(data[6], "id_number")) == ID_B
    assert header.get(data[6], "notes") is None


def test_xlsx_every_date_form_reads_as_the_same_day(tmp_path):
    path = tmp_path / "dates.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "证件号码", "采样日期"])
    forms = [date(2022, 3, 27), datetime(2022, 3, 27, 8, 5), 44647, 44647.25, "2022-03-27", "2022/3/27",
             "2022.3.27", "20220327", 20220327, "2022年3月27日", "3月27日", "3/27", "2022-03-27 14:30",
             "２０２２－０３－２７"]
    for i, value in enumerate(forms):
        ws.append([f"人员{i}", ID_A, value])
    wb.save(path)

    rows = read_rows(path)
    header = find_header(rows)
    for _, values in rows[1:]:
        assert parse_date(header.get(values, "sampled_at"), TODAY) == date(2022, 3, 27)
    assert parse_datetime(header.get(rows[2][1], "sampled_at"), NOW) == datetime(2022, 3, 27, 8, 5)
    assert parse_datetime(header.get(rows[4][1], "sampled_at"), NOW) == datetime(2022, 3, 27, 6, 0)


def test_xlsx_english_headers_and_lab_results(tmp_path):
    path = tmp_path / "results.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Full Name", "ID No.", "Sampling Time", "Result", "Test Type", "Lab", "Room"])
    ws.append(["Zhang San", ID_A, datetime(2022, 3, 27, 7, 0), "阴性", "PCR", "Lab A", "0301"])
    wb.save(path)
    header = find_header(read_rows(path), required=("id_number", "result"))
    assert header.columns == {"name": 0, "id_number": 1, "sampled_at": 2, "result": 3, "test_kind": 4, "lab": 5, "roo"
                                                                                                                 "m": 6}


def test_header_overrides_by_text_and_index(tmp_path):
    rows = [(1, ["人员", "编号", "电话", "核酸"]), (2, ["张三", ID_A, "13800138000", "阴性"])]
    assert code_of(find_header, rows) == "header_not_found"
    header = find_header(rows, overrides={"name": "人员", "id_number": 1, "result": "核酸"})
    assert header.row_number == 1
    assert header.columns == {"name": 0, "id_number": 1, "phone": 2, "result": 3}
    # A column serves one field: mapping phone's column to notes unmaps phone; None unmaps.
    header = find_header(rows, overrides={"name": "人员", "id_number": 1, "notes": 2, "result": None})
    assert header.columns == {"name": 0, "id_number": 1, "notes": 2}


def test_header_not_found_reports_what_is_missing():
    rows = [(1, ["报表"]), (2, ["姓名", "地址"]), (3, ["张三", "某地"])]
    with pytest.raises(SpreadsheetError) as info:
        find_header(rows)
    assert info.value.code == "header_not_found"
    assert info.value.params == {"required": ["name", "id_number"], "missing": ["id_number"], "best_row": 2}


def test_header_must_be_within_first_20_rows():
    rows = [(n, [f"说明 {n}"]) for n in range(1, 21)] + [(21, ["姓名", "身份证号"])]
    assert code_of(find_header, rows) == "header_not_found"
    assert find_header(rows[1:]).row_number == 21


def test_header_text_normalisation():
    rows = [(1, ["＊姓 名", "证件号码(必填)", "【备注】说明", " Mobile ", "ID_NUMBER"])]
    header = find_header(rows)
    assert header.columns == {"name": 0, "id_number": 1, "phone": 3}
    assert header.unmapped == ["【备注】说明", "ID_NUMBER"]  # a second id_number column is not silently used
    assert isinstance(header, Header)
    assert all(isinstance(v, tuple) for v in FIELD_ALIASES.values())


CSV_TEXT = f"姓名,身份证号,手机号,备注\r\n张三,{ID_A},13800138000,\"住址,含逗号\"\r\n\r\n李四,{ID_B},,\r\n,,,\r\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_csv_encodings(tmp_path, encoding):
    path = tmp_path / f"list-{encoding}.csv"
    path.write_bytes(CSV_TEXT.encode(encoding))
    rows = read_rows(path)
    assert rows == [
        (1, ["姓名", "身份证号", "手机号", "备注"]),
        (2, ["张三", ID_A, "13800138000", "住址,含逗号"]),
        (3, []),
        (4, ["李四", ID_B]),
    ]
    assert find_header(rows).columns == {"name": 0, "id_number": 1, "phone": 2, "notes": 3}


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_delimiters_with_title_line(tmp_path, delimiter):
    lines = ["隔离人员名单", delimiter.join(["姓名", "证件号码", "地址"]), delimiter.join(["张三", ID_A, "某路1号"])]
    path = tmp_path / "list.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = read_rows(path)
    assert rows[2] == (3, ["张三", ID_A, "某路1号"])
    assert find_header(rows).row_number == 2


def test_tab_file_with_commas_in_addresses(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(f"姓名\t证件号码\t地址\n张三\t{ID_A}\t某路1号,2单元\n李四\t{ID_B}\t某路3号\n", encoding="utf-8")
    assert read_rows(path)[1] == (2, ["张三", ID_A, "某路1号,2单元"])


def test_csv_id_in_scientific_notation_is_refused(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(f"姓名,身份证号\n张三,4.10102E+17\n李四,{ID_B}\n", encoding="utf-8")
    header = find_header(read_rows(path))
    rows = read_rows(path)
    with pytest.raises(DomainError) as info:
        normalize_id_number(header.get(rows[1][1], "id_number"))
    assert info.value.code == "id_stored_as_number"


def test_empty_and_blank_files(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert code_of(read_rows, empty) == "file_empty"
    blank = tmp_path / "blank.csv"
    blank.write_text(",,\n\n , \n", encoding="utf-8")
    assert code_of(read_rows, blank) == "file_empty"
    wb = openpyxl.Workbook()
    wb.save(tmp_path / "empty.xlsx")
    assert code_of(read_rows, tmp_path / "empty.xlsx") == "file_empty"


def test_old_xls_and_unreadable_files(tmp_path):
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    assert code_of(read_rows, xls) == "file_unreadable"  # .xls is read now (calamine): this one is damaged
    html = tmp_path / "export.xls"
    html.write_bytes(b"<html><table><tr><td>1</td></tr></table></html>")
    assert code_of(read_rows, html) == "xls_unsupported"
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 this is not a zip")
    assert code_of(read_rows, broken) == "file_unreadable"
    assert code_of(read_rows, tmp_path / "missing.xlsx") == "file_unreadable"
    encrypted = tmp_path / "locked.xlsx"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    with pytest.raises(SpreadsheetError) as info:
        read_rows(encrypted)
    assert (info.value.code, info.value.params) == ("file_unreadable", {"detail": "password_protected"})


def test_tab_separated_text_saved_as_xls_is_read(tmp_path):
    path = tmp_path / "system-export.xls"
    path.write_text(f"姓名\t身份证号\n张三\t{ID_A}\n", encoding="gbk")
    assert read_rows(path)[1] == (2, ["张三", ID_A])


def test_sheet_selection(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active["A1"] = "请看第二页"
    wb.create_sheet("名单").append(["姓名", "身份证号"])
    wb.save(tmp_path / "two.xlsx")
    assert read_rows(tmp_path / "two.xlsx") == [(1, ["请看第二页"])]
    assert read_rows(tmp_path / "two.xlsx", sheet="名单") == [(1, ["姓名", "身份证号"])]
    assert read_rows(tmp_path / "two.xlsx", sheet=1) == [(1, ["姓名", "身份证号"])]
    assert code_of(read_rows, tmp_path / "two.xlsx", sheet="无") == "sheet_not_found"


def test_write_xlsx_keeps_ids_as_text_and_round_trips(tmp_path):
    path = tmp_path / "out.xlsx"
    rows = [["张三", ID_A, "13800138000", datetime(2022, 3, 27, 8, 5), date(2022, 3, 27), 36.5, None, "=1+1"],
            ["李四", "00123", "", None, None, 37, True, "bad\x07char"]]
    write_xlsx(path, ["姓名", "身份证号", "电话", "采样时间", "日期", "体温", "备注", "公式"], rows,
               sheet_title="名单:3/27")

    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert ws.title == "名单_3_27"
    assert ws["B2"].value == ID_A and ws["B2"].data_type == "s" and ws["B2"].number_format == "@"
    assert ws["B3"].value == "00123"
    assert ws["H2"].value == "'=1+1" and ws["H2"].data_type == "s"  # text, neutralised (OWASP)
    assert ws.freeze_panes == "A2"
    read_back = read_rows(path)
    assert read_back[1] == (2, ["张三", ID_A, "13800138000", datetime(2022, 3, 27, 8, 5), date(2022, 3, 27), 36.5, None,
                                "'=1+1"])
    assert read_back[2] == (3, ["李四", "00123", None, None, None, 37, True, "badchar"])
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_write_csv_is_utf8_with_bom_and_defuses_formulas(tmp_path):
    path = tmp_path / "out.csv"
    write_csv(path, ["姓名", "身份证号", "时间", "备注"],
              [["张三", ID_A, datetime(2022, 3, 27, 8, 5), "=HYPERLINK(\"x\")"], ["李四", ID_B, None, "-5"],
               ["王五", "", date(2022, 3, 1), "@x"]])
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [["姓名", "身份证号", "时间", "备注"], ["张三", ID_A, "2022-03-27T08:05:00", "'=HYPERLINK(\"x\")"],
                    ["李四", ID_B, "", "-5"], ["王五", "", "2022-03-01", "'@x"]]
    assert read_rows(path)[1] == (2, ["张三", ID_A, "2022-03-27T08:05:00", "'=HYPERLINK(\"x\")"])


def test_write_to_missing_directory_is_a_coded_error(tmp_path):
    assert code_of(write_csv, tmp_path / "no" / "such.csv", ["a"], []) == "file_unwritable"
    assert code_of(write_xlsx, tmp_path / "no" / "such.xlsx", ["a"], []) == "file_unwritable"
