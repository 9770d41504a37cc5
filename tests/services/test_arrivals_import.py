"""Arrivals from a transfer list: spreadsheets made here with every defect districts send."""
from __future__ import annotations

import csv
from datetime import date, datetime, timedelta

import openpyxl
import pytest

from isolation_desk.domain.errors import DomainError
from isolation_desk.domain.identity import make_resident_id
from isolation_desk.domain.roles import Actor
from isolation_desk.io.spreadsheet import SpreadsheetError
from isolation_desk.messages import describe
from isolation_desk.messages.imports import field_words, row_reasons, status_words
from isolation_desk.reports.refused_rows import write_refused_rows
from isolation_desk.services import arrivals_import as ai
from isolation_desk.services import queries, stays, stays_expected
from isolation_desk.storage import repositories as repo

FRONT = Actor("desk1", "front_desk")
VIEWER = Actor("guest", "viewer")
FULL_WIDTH = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}


def rid(n: int, sex: str = "M", born: date = date(1990, 5, 17), region: str = "110101") -> str:
    return make_resident_id(region, born, n, sex)


def id_ending_in_x() -> str:
    for n in range(500):
        number = rid(n, "F", date(1988, 2, 3))
        if number.endswith("X"):
            return number
    raise AssertionError("no X")


def excel_serial(d: date) -> int:
    return (d - date(1899, 12, 30)).days


HEADER = ["序号", "姓名", "证件类型", "身份证号码", "性别", "联系电话", "人员类别", "末次接触时间",
          "入境时间", "来源地区", "备注"]


def transfer_list(path, rows, title="XX区密接人员转运名单(2022年11月20日)"):
    """An xlsx as districts send it: a title merged across the header, then the header."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = title
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


# Row numbers as Excel shows them: title 1, header 2, data from 3.
ID_X = id_ending_in_x()
DEFECTIVE_ROWS = [
    # 3: a datetime cell, a number-typed phone
    [1, "张三", "身份证", rid(1), "男", 13800138001, "密接", datetime(2022, 11, 18, 14, 30), None, "上海市", ""],
    # 4: an Excel serial date, full-width digits, spaces, lower-case x
    [2, "李 四", None, " ".join(ID_X.lower()[i:i + 6] for i in (0, 6, 12)).translate(FULL_WIDTH),
     "女", "139 0013 8002", "密切接触者", excel_serial(date(2022, 11, 17)), None, "", None],
    # 5: 2022/11/16
    [3, "王五", "", rid(3), None, "13800138003", "密接", "2022/11/16", None, None, None],
    # 6: blank row
    [None] * len(HEADER),
    # 7: 2022-11-15
    [4, "赵六", "居民身份证", rid(4), "男", "13800138004", "密接", "2022-11-15", None, None, None],
    # 8: 2022年11月19日
    [5, "阿卜杜拉·买买提", None, rid(5), "男", "", "密接", "2022年11月19日", None, None, None],
    # 9: 11月18日 (year inferred), inbound traveller counted from arrival
    [6, "孙七", "", rid(6), "", "", "入境人员", None, "11月18日", "境外(首尔)", None],
    # 10: an ID stored as a number: Excel kept 15 significant digits
    [7, "周八", None, float(rid(7)), "男", "13800138007", "密接", "2022-11-18", None, None, None],
    # 11: the same person as row 3, typed again
    [8, "张三", None, rid(1), "男", "13800138001", "密接", "2022-11-18", None, None, None],
    # 12: three bad cells in one row: checksum, phone, future date
    [9, "吴九", None, rid(9)[:17] + ("0" if rid(9)[17] != "0" else "1"), None, "1380013", "密接",
     "2022-12-01", None, None, None],
    # 13: unknown category
    [10, "郑十", None, rid(10), None, None, "游客", "2022-11-18", None, None, None],
]


@pytest.fixture
def sheet(tmp_path):
    return transfer_list(tmp_path / "转运名单.xlsx", DEFECTIVE_ROWS)


def by_row(preview):
    return {r.row: r for r in preview.rows}


def test_preview_of_a_messy_transfer_list(db, now, sheet):
    preview = ai.read_arrivals(db, sheet, now)
    assert preview.header.row_number == 2  # under the merged title
    rows = by_row(preview)
    assert sorted(rows) == [3, 4, 5, 7, 8, 9, 10, 11, 12, 13]  # the blank row 6 is skipped
    valid = {r.row for r in preview.rows if r.status == ai.VALID}
    assert valid == {3, 4, 5, 7, 8, 9}
    # every date form read as the same calendar
    assert rows[3].registration.last_exposure_date == date(2022, 11, 18)
    assert rows[4].registration.last_exposure_date == date(2022, 11, 17)
    assert rows[5].registration.last_exposure_date == date(2022, 11, 16)
    assert rows[7].registration.last_exposure_date == date(2022, 11, 15)
    assert rows[8].registration.last_exposure_date == date(2022, 11, 19)
    assert rows[9].registration.arrival_date == date(2022, 11, 18)
    assert rows[9].registration.category == "inbound_traveller"
    # normalised: full-width, spaces, lower-case x
    assert rows[4].registration.id_number == ID_X
    assert rows[4].registration.name == "李 四"
    assert rows[4].registration.phone == "13900138002"
    assert rows[3].registration.phone == "13800138001"
    assert rows[8].registration.name == "阿卜杜拉·买买提"
    # an ID from a numeric cell: refused, and said in words, never guessed
    assert rows[10].status == ai.INVALID
    assert rows[10].errors["id_number"].code == "id_stored_as_number"
    assert "format the column as text" in describe(rows[10].errors["id_number"], "en").lower()
    # the duplicate of row 3
    assert rows[11].status == ai.DUPLICATE
    assert rows[11].errors["id_number"].code == "duplicate_in_file"
    assert "row 3" in describe(rows[11].errors["id_number"], "en")
    # a reason for every bad cell, not just the first
    assert {f: e.code for f, e in rows[12].errors.items()} == {
        "id_number": "id_checksum", "phone": "phone_invalid", "last_exposure": "date_future"}
    assert rows[13].errors["category"].code == "category_unknown"
    assert "游客" in describe(rows[13].errors["category"], "zh_CN")
    cells = preview.invalid_cells()
    assert (12, "phone", rows[12].errors["phone"]) in cells
    assert preview.previous_import is None
    assert ai.summary(preview) == ai.ImportResult(rows=10, imported=6, duplicates=1, invalid=3)


def test_every_sentence_exists_in_both_languages(db, now, sheet):
    preview = ai.read_arrivals(db, sheet, now)
    for row in preview.rows:
        for error in row.errors.values():
            for lang in ("en", "zh_CN"):
                text = describe(error, lang)
                assert text != error.code and "{" not in text


def test_import_writes_expected_arrivals_in_one_transaction(db, now, sheet):
    before_audit = db.scalar("SELECT count(*) FROM audit")
    preview = ai.read_arrivals(db, sheet, now)
    result = ai.import_arrivals(db, preview, FRONT, now)
    assert (result.rows, result.imported, result.duplicates, result.invalid) == (10, 6, 1, 3)
    expected = queries.occupants(db, status="expected")
    assert sorted(s["name"] for s in expected) == sorted(["张三", "李 四", "王五", "赵六", "阿卜杜拉·买买提", "孙七"])
    zhang = next(s for s in expected if s["name"] == "张三")
    assert zhang["room_id"] is None and zhang["start_date"] == "2022-11-18"
    assert zhang["release_date"] == "2022-11-25"  # 9th edition: 7 days
    assert zhang["source"] == "arrivals:转运名单.xlsx"
    assert db.scalar("SELECT count(*) FROM audit") == before_audit + 1
    assert db.scalar("SELECT action FROM audit ORDER BY id DESC LIMIT 1") == "import_arrivals"
    assert db.scalar("SELECT count(*) FROM stay_events WHERE kind = 'expected'") == 6
    imp = db.query_one("SELECT * FROM imports")
    assert imp["kind"] == "arrivals" and imp["imported"] == 6 and imp["rows"] == 10
    assert len(imp["file_sha256"]) == 64
    assert repo.verify_audit_chain(db) == []
    # they appear in the occupants export with status expected
    exported = {r["name"]: r for r in queries.occupants_export(db)}
    assert exported["孙七"]["status"] == "expected" and exported["孙七"]["id_number"] == rid(6)


def test_reimporting_the_same_file_adds_nothing(db, now, sheet, tmp_path):
    ai.import_arrivals(db, ai.read_arrivals(db, sheet, now), FRONT, now)
    stays_before = db.scalar("SELECT count(*) FROM stays")
    # same content under another name
    copy = tmp_path / "again.xlsx"
    copy.write_bytes(sheet.read_bytes())
    preview = ai.read_arrivals(db, copy, now)
    assert preview.previous_import is not None
    assert preview.count(ai.VALID) == 0
    result = ai.import_arrivals(db, preview, FRONT, now)
    assert result.imported == 0 and result.previous_import is not None
    assert db.scalar("SELECT count(*) FROM stays") == stays_before
    # a corrected file: only the corrected row is new, the others are already expected
    rows = [list(r) for r in DEFECTIVE_ROWS]
    rows[7][3] = rid(7)  # the ID typed as text this time
    fixed = transfer_list(tmp_path / "fixed.xlsx", rows)
    preview = ai.read_arrivals(db, fixed, now)
    assert [r.row for r in preview.valid] == [10]
    assert by_row(preview)[3].errors["id_number"].code == "arrival_already_expected"
    assert ai.import_arrivals(db, preview, FRONT, now).imported == 1


def test_already_checked_in_person_is_a_duplicate(db, now, tmp_path):
    from isolation_desk.domain.registration import validate_registration
    reg = validate_registration({"name": "张三", "id_number": rid(1), "category": "密接",
                                 "last_exposure_date": "2022-11-18"}, now.date())
    done = stays.check_in(db, reg, FRONT, now)
    path = transfer_list(tmp_path / "a.xlsx", [DEFECTIVE_ROWS[0]])
    row = ai.read_arrivals(db, path, now).rows[0]
    assert row.status == ai.DUPLICATE
    assert row.errors["id_number"].code == "arrival_already_at_site"
    assert done.room in describe(row.errors["id_number"], "en")


def test_documents_of_the_file_are_looked_up_alone(db, now, sheet):
    # The import asks only about its file's documents; the answer for them is the same as
    # the whole site's list of current stays, and documents not here (or gone) are absent.
    from isolation_desk.storage import repo_arrivals
    ai.import_arrivals(db, ai.read_arrivals(db, sheet, now), FRONT, now)
    everybody = repo_arrivals.active_documents(db)
    assert everybody
    known = sorted(everybody)[:3]
    keys = known + [("resident_id", rid(400)), ("passport", "E00000000"), known[0]]
    assert repo_arrivals.active_documents(db, keys) == {k: everybody[k] for k in known}
    assert repo_arrivals.active_documents(db, []) == {}
    assert repo_arrivals.active_documents(db, iter(everybody)) == everybody
    # a file with many more documents than people here: the site's current stays read whole
    many = keys + [("passport", f"E{i:08d}") for i in range(3 * len(everybody))]
    assert repo_arrivals.active_documents(db, many) == {k: everybody[k] for k in known}


def test_a_person_known_from_an_ended_stay_gets_the_new_stay_on_the_same_record(db, now, sheet):
    from isolation_desk.domain.registration import validate_registration
    reg = validate_registration({"name": "张三", "id_number": rid(1), "category": "密接",
                                 "last_exposure_date": "2022-11-10", "phone": "13700137000"}, now.date())
    old = stays.check_in(db, reg, FRONT, now - timedelta(days=9))  # isolation over by today
    person_id = db.scalar("SELECT person_id FROM stays WHERE id = ?", (old.stay_id,))
    db.execute("UPDATE stays SET status = 'released', ended_at = ?, room_id = NULL WHERE id = ?",
               (now.isoformat(), old.stay_id))
    people_before = db.scalar("SELECT count(*) FROM people")
    result = ai.import_arrivals(db, ai.read_arrivals(db, sheet, now), FRONT, now)
    assert result.imported == 6
    assert db.scalar("SELECT count(*) FROM people") == people_before + 5  # 张三 was known
    new = db.query_one("SELECT person_id FROM stays WHERE status = 'expected' AND person_id = ?", (person_id,))
    assert new is not None
    linked = db.query("SELECT s.person_id, p.id_type, p.id_number FROM stays s JOIN people p ON p.id = s.person_id "
                      "WHERE s.status = 'expected'")
    assert len(linked) == 6 and len({r["person_id"] for r in linked}) == 6


def test_a_failing_import_leaves_the_database_as_it_was(db, now, sheet, monkeypatch):
    preview = ai.read_arrivals(db, sheet, now)
    before = {t: db.scalar(f"SELECT count(*) FROM {t}") for t in ("people", "stays", "stay_events", "audit", "imports")}

    def boom(*args, **kwargs):
        raise DomainError("disk_full")

    monkeypatch.setattr(ai.repo_arrivals, "record_import", boom)
    with pytest.raises(DomainError):
        ai.import_arrivals(db, preview, FRONT, now)
    after = {t: db.scalar(f"SELECT count(*) FROM {t}") for t in before}
    assert after == before


def test_permission_is_checked(db, now, sheet):
    preview = ai.read_arrivals(db, sheet, now)
    with pytest.raises(DomainError) as e:
        ai.import_arrivals(db, preview, VIEWER, now)
    assert e.value.code == "permission_denied"


def test_refused_rows_workbook_says_why(db, now, sheet, tmp_path):
    preview = ai.read_arrivals(db, sheet, now)
    out = tmp_path / "refused.xlsx"
    assert write_refused_rows(out, preview.headers, preview.refused, "zh_CN") == 4
    ws = openpyxl.load_workbook(out).active
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert rows[0][:4] == ["行号", "状态", "原因", "序号"]
    assert [r[0] for r in rows[1:]] == [10, 11, 12, 13]
    assert "文本格式" in rows[1][2] and rows[1][4] == "周八"
    assert "第3行" in rows[2][2]
    twelve = rows[3][2]
    assert "证件号码" in twelve and "联系电话" in twelve and "末次暴露时间" in twelve
    write_refused_rows(tmp_path / "refused-en.xlsx", preview.headers, preview.refused, "en")
    en = openpyxl.load_workbook(tmp_path / "refused-en.xlsx").active
    assert en["A1"].value == "Row" and "check character" in en["C4"].value
    assert (ws.title, en.title, en["B2"].value) == ("未导入", "refused", "refused")


def test_refused_rows_carry_codes_and_the_words_come_from_messages(db, now, sheet):
    # the service gives a reason code per refused cell; messages.imports names the field and
    # the status, messages.describe makes the sentence
    preview = ai.read_arrivals(db, sheet, now)
    twelve = by_row(preview)[12]
    assert (twelve.status, list(twelve.errors)) == (ai.INVALID, ["id_number", "phone", "last_exposure"])
    assert not hasattr(twelve, "reasons")
    assert row_reasons(twelve.errors, "zh_CN")[0] == "证件号码: " + describe(twelve.errors["id_number"], "zh_CN")
    assert row_reasons(twelve.errors, "en")[1].startswith("Phone: ")
    assert (status_words(ai.INVALID, "zh_CN"), status_words(ai.DUPLICATE, "en")) == ("不予导入", "duplicate")
    assert {field_words(f, "zh_CN") for f in (*ai.ARRIVAL_FIELDS, ai.ROW)}.isdisjoint({*ai.ARRIVAL_FIELDS, ai.ROW})


def _csv_rows():
    return [
        ["姓名", "证件号码", "性别", "手机号", "人员类别", "末次暴露时间"],
        ["张三", rid(1), "男", "13800138001", "密接", "2022/11/18"],
        ["李四", rid(2, "F"), "女", "13800138002", "密接", "2022年11月17日"],
        ["王五", "4.10102E+17", "男", "13800138003", "密接", "11月16日"],
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_in_every_encoding(db, now, tmp_path, encoding):
    path = tmp_path / f"list-{encoding}.csv"
    with open(path, "w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows(_csv_rows())
    preview = ai.read_arrivals(db, path, now)
    assert [r.status for r in preview.rows] == [ai.VALID, ai.VALID, ai.INVALID]
    assert preview.rows[0].registration.name == "张三"
    assert preview.rows[1].registration.last_exposure_date == date(2022, 11, 17)
    assert preview.rows[2].errors["id_number"].code == "id_stored_as_number"


def test_unreadable_files_raise(db, now, tmp_path):
    with pytest.raises(SpreadsheetError) as e:
        ai.read_arrivals(db, tmp_path / "missing.xlsx", now)
    assert e.value.code == "file_unreadable"
    no_header = tmp_path / "no-header.csv"
    no_header.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(SpreadsheetError) as e:
        ai.read_arrivals(db, no_header, now)
    assert e.value.code == "header_not_found"


def test_user_mapping_is_used_and_remembered(db, now, tmp_path):
    path = tmp_path / "odd.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([
            ["姓名", "证件号码", "类型说明", "末次暴露时间"],  # the category column has an odd name
            ["张三", rid(1), "密接", "2022-11-18"],
        ])
    preview = ai.read_arrivals(db, path, now)
    assert preview.rows[0].errors["category"].code == "category_empty"
    preview = ai.read_arrivals(db, path, now, mapping={"category": 2})
    assert preview.rows[0].status == ai.VALID
    assert preview.user_mapping == {"category": "类型说明"}
    ai.import_arrivals(db, preview, FRONT, now)
    assert ai.remembered_mapping(db) == {"category": "类型说明"}
    # the next file with the same odd column is mapped without asking
    second = tmp_path / "odd2.csv"
    with open(second, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["类型说明", "姓名", "身份证号"], ["密接", "李四", rid(2, "F")]])
    preview = ai.read_arrivals(db, second, now)
    assert preview.header.columns["category"] == 0
    # a file without that column still maps by the aliases
    third = tmp_path / "plain.csv"
    with open(third, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["姓名", "身份证号", "人员类别"], ["李四", rid(2, "F"), "密接"]])
    assert ai.read_arrivals(db, third, now).header.columns["category"] == 2
    ai.forget_mapping(db, FRONT, now)
    assert ai.remembered_mapping(db) == {}


def test_category_rules_of_the_policy(db, now, tmp_path):
    path = transfer_list(tmp_path / "p.xlsx", [
        [1, "张三", None, rid(1), None, None, "次密接", "2022-11-18", None, None, None],  # not admitted (9th ed.)
        [2, "李四", None, rid(2), None, None, "密接", None, None, None, None],  # no exposure date
        [3, "王五", None, rid(3), None, None, "密接", "2022-11-01", None, None, None],  # already over
        [4, "赵六", None, rid(4), None, None, "入境人员", None, None, None, None],  # arrival: today
    ])
    rows = by_row(ai.read_arrivals(db, path, now))
    assert rows[3].errors["category"].code == "category_not_admitted"
    assert rows[4].errors["last_exposure"].code == "last_exposure_required"
    assert rows[5].errors["last_exposure"].code == "arrival_isolation_over"
    assert rows[6].status == ai.VALID and rows[6].start_date == now.date()


def _household_list(tmp_path, roles):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号", "人员类别", "末次接触日期", "同户编号", "同住关系"])
    ws.append(["刘父", rid(20, "M", date(1985, 1, 1)), "密接", "2022-11-18", "H1", roles[0]])
    ws.append(["刘子", rid(21, "M", date(2015, 1, 1)), "密接", "2022-11-18", "H1", roles[1]])
    ws.append(["单人", rid(22, "F", date(1992, 1, 1)), "密接", "2022-11-18", None, None])
    path = tmp_path / "household.xlsx"
    wb.save(path)
    return path


def test_households_go_into_one_room_at_bulk_check_in(db, now, tmp_path):
    preview = ai.read_arrivals(db, _household_list(tmp_path, ["家长", ""]), now)
    assert [r.status for r in preview.rows] == [ai.VALID] * 3
    assert [r.household_role for r in preview.rows] == ["parent", "child", None]
    result = ai.import_arrivals(db, preview, FRONT, now)
    plan = stays_expected.plan_check_in(db, result.stay_ids)
    assert [u.names for u in plan] == [["刘父", "刘子"], ["单人"]]
    assert plan[0].room.startswith("B-")  # the two-bed rooms are in building B
    assert plan[1].room and plan[1].room != plan[0].room
    done = stays_expected.bulk_check_in(db, plan, FRONT, now)
    assert not done.failed and len(done.checked_in) == 3
    father, son, single = done.checked_in
    assert father.room_id == son.room_id != single.room_id
    assert queries.occupants(db, status="expected") == []
    son_stay = repo.stay(db, son.stay_id)
    assert son_stay["household_id"] == repo.stay(db, father.stay_id)["household_id"] is not None
    assert son_stay["household_role"] == "child"
    assert db.scalar("SELECT count(*) FROM tests WHERE stay_id = ?", (single.stay_id,)) > 0


def test_household_rules_refuse_an_impossible_group(db, now, tmp_path):
    preview = ai.read_arrivals(db, _household_list(tmp_path, ["家长", "家长"]), now)
    assert [r.status for r in preview.rows] == [ai.INVALID, ai.INVALID, ai.VALID]
    assert preview.rows[0].errors["household"].code == "household_no_child"


def test_bulk_check_in_reports_who_could_not_get_a_room(db, now, tmp_path):
    rows = [[i, f"人员{'甲乙丙丁戊己庚辛壬癸'[i % 10]}{'子丑寅卯辰巳午未申酉'[i // 10]}", None, rid(100 + i),
             None, None, "密接", "2022-11-18", None, None, None] for i in range(40)]
    path = transfer_list(tmp_path / "bus.xlsx", rows)
    result = ai.import_arrivals(db, ai.read_arrivals(db, path, now), FRONT, now)
    assert result.imported == 40
    plan = stays_expected.plan_check_in(db)
    assert len({u.room_id for u in plan if u.room_id}) == 35  # 30 single rooms + 5 doubles
    done = stays_expected.bulk_check_in(db, plan, FRONT, now)
    assert len(done.checked_in) == 35 and len(done.failed) == 5
    assert {e.code for _, e in done.failed} == {"no_room_ready"}
    assert len(queries.occupants(db, status="expected")) == 5
    assert repo.verify_audit_chain(db) == []


def test_bulk_check_in_needs_permission(db, now):
    with pytest.raises(DomainError):
        stays_expected.bulk_check_in(db, [], VIEWER, now)


def test_five_thousand_rows_import_in_one_go(db, now, tmp_path):
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(["姓名", "身份证号", "性别", "手机号", "人员类别", "末次接触时间", "来源地区"])
    regions = ["110101", "310104", "440305", "420102", "510107"]
    for i in range(5000):
        born = date(1950, 1, 1) + timedelta(days=i * 3)
        name = "测" + "甲乙丙丁戊己庚辛壬癸"[i % 10] + "子丑寅卯辰巳午未申酉"[i // 10 % 10] + "金木水火土"[i // 100 % 5]
        ws.append([name, make_resident_id(regions[i % 5], born, i % 500, "MF"[i % 2]), "男女"[i % 2],
                   f"138{i:08d}", "密接", datetime(2022, 11, 18), "上海市"])
    path = tmp_path / "big.xlsx"
    wb.save(path)
    preview = ai.read_arrivals(db, path, now)
    result = ai.import_arrivals(db, preview, FRONT, now)
    assert result.imported == 5000
    assert db.scalar("SELECT count(*) FROM stays WHERE status = 'expected'") == 5000
