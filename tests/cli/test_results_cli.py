"""`isolation-desk import results FILE --db PATH [--dry-run] [--json]` on a demo site."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from isolation_desk.cli import main
from isolation_desk.domain.identity import make_resident_id
from isolation_desk.io.spreadsheet import write_xlsx
from isolation_desk.storage.database import open_database

from .helpers import run_as as run  # every command runs signed in as the demo account
from .helpers import site_key


@pytest.fixture()
def demo_file(tmp_path):
    path = tmp_path / "demo.sqlite"
    r = run("demo", "--db", str(path), "--rooms", "60", "--seed", "5")
    assert r.exit_code == 0, r.output
    return path


def pending_people(path, n):
    db = open_database(path, key=site_key(path))
    try:
        return db.query("SELECT p.name, p.id_number, t.sampled_at, s.id AS stay_id FROM tests t "
                        "JOIN stays s ON s.id = t.stay_id JOIN people p ON p.id = s.person_id "
                        "WHERE t.sampled_at IS NOT NULL AND t.result IS NULL AND t.pool_id IS NULL "
                        "AND s.status = 'in_isolation' AND t.kind = 'pcr' AND t.purpose <> 'second_lab' "
                        "AND s.household_id IS NULL GROUP BY s.id ORDER BY t.id LIMIT ?", (n,))
    finally:
        db.close()


def lab_sheet(path, people, positive_index=0):
    rows = [[p["name"], p["id_number"], p["sampled_at"].replace("T", " "),
             "阳性" if i == positive_index else "阴性"] for i, p in enumerate(people)]
    rows.append(["陌生人", make_resident_id("440305", __import__("datetime").date(1980, 1, 1), 5, "F"),
                 people[0]["sampled_at"].replace("T", " "), "阴性"])
    write_xlsx(path, ["某某检测公司结果"], [[], ["姓名", "证件号码", "采样时间", "检测结果"]] + rows)
    return path


def test_import_results_json_dry_run_then_real(demo_file, tmp_path):
    people = pending_people(demo_file, 4)
    assert len(people) >= 2
    sheet = lab_sheet(tmp_path / "lab.xlsx", people)
    r = run("import", "results", str(sheet), "--db", str(demo_file), "--dry-run", "--json")
    assert r.exit_code == 0, r.output
    dry = json.loads(r.output)
    assert list(dry) == ["rows", "recorded", "unmatched", "conflicts", "positives", "positives_unmatched"]
    assert dry["rows"] == len(people) + 1 and dry["recorded"] == len(people)
    assert [u["name"] for u in dry["unmatched"]] == ["陌生人"]
    assert [p["name"] for p in dry["positives"]] == [people[0]["name"]]
    # nothing saved by the dry run: the same again for real
    r = run("import", "results", str(sheet), "--db", str(demo_file), "--json")
    real = json.loads(r.output)
    assert real == dry
    db = open_database(demo_file, key=site_key(demo_file))
    try:
        assert db.scalar("SELECT status FROM stays WHERE id = ?", (people[0]["stay_id"],)) == "awaiting_transfer"
        assert db.scalar("SELECT count(*) FROM alerts WHERE stay_id = ? AND handled_at IS NULL",
                         (people[0]["stay_id"],)) == 1
    finally:
        db.close()
    # plain text output
    r = run("import", "results", str(sheet), "--db", str(demo_file))
    assert r.exit_code == 0
    assert "0 recorded" in r.output and "unmatched row" in r.output and "conflict" not in r.output


def test_bad_files_give_one_clear_line(demo_file, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    r = CliRunner().invoke(main, ["import", "results", str(empty), "--db", str(demo_file)])
    assert r.exit_code != 0
    assert "error:" in r.output and "Traceback" not in r.output
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes("姓名,身份证号,检测结果\n".encode("gbk"))
    r = CliRunner().invoke(main, ["import", "results", str(gbk), "--db", str(demo_file)])
    assert r.exit_code != 0 and "error:" in r.output
    r = CliRunner().invoke(main, ["import", "results", str(gbk), "--db", str(tmp_path / "none.sqlite")])
    assert r.exit_code != 0 and "error:" in r.output


def test_sampling_list_json_and_pdf(demo_file, tmp_path):
    r = run("sampling-list", "--db", str(demo_file))
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["due"] == len(data["rows"]) > 0 and data["sampled"] <= data["due"]
    assert sum(f["due"] for f in data["floors"]) == data["due"]
    assert all("*" in row["id_masked"] for row in data["rows"])
    out = tmp_path / "list.pdf"
    r = run("sampling-list", "--db", str(demo_file), "--out", str(out), "--building", "A", "--lang", "en")
    assert r.exit_code == 0 and out.read_bytes().startswith(b"%PDF")
