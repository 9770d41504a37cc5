"""isolation-desk import arrivals FILE --db PATH [--dry-run] [--json]."""
from __future__ import annotations

import csv
import json
from datetime import date, datetime, timedelta

import openpyxl
import pytest

from isolation_desk.domain.identity import make_resident_id
from isolation_desk.domain.roles import SYSTEM
from isolation_desk.services import site
from isolation_desk.storage.database import open_database

from .helpers import run_as as run  # every command runs signed in as the demo account


@pytest.fixture
def site_db(tmp_path):
    """A small site; its dates are relative to today because the command reads the clock."""
    path = tmp_path / "site.sqlite"
    db = open_database(path)
    site.setup_site(db, name="测试隔离点", address="测试路1号", preset="edition_9", actor=SYSTEM,
                    now=datetime.now().replace(microsecond=0),
                    room_ranges=[site.RoomRange("A", "A栋", 2, 3, 1, 10, 1)])
    db.close()
    return path


def arrivals_file(path, today: date):
    ok1 = make_resident_id("110101", date(1990, 5, 17), 1, "M")
    ok2 = make_resident_id("310104", date(1985, 1, 2), 2, "F")
    bad = ok1[:17] + ("0" if ok1[17] != "0" else "1")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "转运名单"
    ws.merge_cells("A1:F1")
    ws.append(["姓名", "身份证号", "手机号", "人员类别", "末次接触时间", "备注"])
    yesterday = today - timedelta(days=1)
    ws.append(["张三", ok1, "13800138000", "密接", yesterday.isoformat(), ""])
    ws.append(["李四", ok2, "13800138001", "密接", datetime.combine(yesterday, datetime.min.time()), ""])
    ws.append([None] * 6)
    ws.append(["王五", bad, "12345", "密接", yesterday.isoformat(), ""])
    ws.append(["张三", ok1, "13800138000", "密接", yesterday.isoformat(), "又一次"])
    ws.append(["赵六", float(ok2), "13800138002", "密接", yesterday.isoformat(), ""])
    wb.save(path)
    return path


def test_json_report_and_reimport(site_db, tmp_path):
    path = arrivals_file(tmp_path / "list.xlsx", date.today())
    r = run("import", "arrivals", path, "--db", site_db, "--dry-run", "--json")
    assert r.exit_code == 0, r.output
    report = json.loads(r.output)
    assert set(report) == {"rows", "imported", "duplicates", "invalid"}
    assert (report["rows"], report["imported"], report["duplicates"]) == (5, 2, 1)
    assert {(i["row"], i["field"]) for i in report["invalid"]} == {(6, "id_number"), (6, "phone"), (8, "id_number")}
    assert all(set(i) == {"row", "field", "reason"} for i in report["invalid"])
    stored = next(i for i in report["invalid"] if i["row"] == 8)
    assert "stored as a number" in stored["reason"]
    r = run("export", "occupants", "--db", site_db)
    assert json.loads(r.output) == []  # the dry run saved nothing

    r = run("import", "arrivals", path, "--db", site_db, "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["imported"] == 2
    r = run("export", "occupants", "--db", site_db)
    rows = json.loads(r.output)
    assert sorted(x["name"] for x in rows) == ["张三", "李四"]
    assert {x["status"] for x in rows} == {"expected"}

    r = run("import", "arrivals", path, "--db", site_db, "--json")
    assert r.exit_code == 0
    again = json.loads(r.output)
    assert again["imported"] == 0 and again["duplicates"] == 3
    r = run("import", "arrivals", path, "--db", site_db)
    assert r.exit_code == 0 and "already imported" in r.output


def test_text_output_and_refused_rows(site_db, tmp_path):
    path = arrivals_file(tmp_path / "list.xlsx", date.today())
    refused = tmp_path / "refused.xlsx"
    r = run("import", "arrivals", path, "--db", site_db, "--refused", refused)
    assert r.exit_code == 0, r.output
    assert "5 rows, 2 imported, 1 duplicates, 2 refused" in r.output
    assert "row 6 (invalid)" in r.output
    ws = openpyxl.load_workbook(refused).active
    assert [c.value for c in ws["A"]][1:] == [6, 7, 8]


def test_gbk_csv(site_db, tmp_path):
    path = tmp_path / "list.csv"
    yesterday = (date.today() - timedelta(days=1)).strftime("%Y/%m/%d")
    with open(path, "w", encoding="gbk", newline="") as fh:
        csv.writer(fh).writerows([["姓名", "证件号码", "人员类别", "末次暴露时间"],
                                  ["张三", make_resident_id("110101", date(1990, 5, 17), 1, "M"), "密接", yesterday]])
    r = run("import", "arrivals", path, "--db", site_db, "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["imported"] == 1


@pytest.mark.parametrize("content,word", [
    (None, "could not be read"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, ".xls"),
    (b"a,b\n1,2\n", "header"),
])
def test_unreadable_file_fails_with_a_message(site_db, tmp_path, content, word):
    path = tmp_path / "list.xls"
    if content is not None:
        path.write_bytes(content)
    r = run("import", "arrivals", path, "--db", site_db, "--json")
    assert r.exit_code != 0
    assert word in r.output
    assert "Traceback" not in r.output


def test_missing_database_fails(tmp_path):
    path = arrivals_file(tmp_path / "list.xlsx", date.today())
    r = run("import", "arrivals", path, "--db", tmp_path / "nope.sqlite")
    assert r.exit_code != 0 and "no database" in r.output.lower()
