"""The command line's hostile-input set (issue 15): every input here ends in one sentence
that says what is wrong, exit 2 (1 for `check`), never a traceback, never a half-written
file. Run as real processes, so that what Python prints at exit is seen too."""
from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import zipfile

import pytest
from click.testing import CliRunner

from isolation_desk.cli import DEMO_PASSWORD, DEMO_USER, main

from .helpers import site_connection


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "site.sqlite"
    r = CliRunner().invoke(main, ["demo", "--db", str(path), "--rooms", "60", "--seed", "7"])
    assert r.exit_code == 0, r.output
    return path


def cli(*args, limit_file_size: int | None = None, stdout=subprocess.PIPE):
    def preexec():
        if limit_file_size:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit: EFBIG
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_size, limit_file_size))
    env = {"ISOLATION_DESK_LANG": "en", "PATH": os.environ.get("PATH", "/usr/bin")}
    if limit_file_size:  # never leave a cut-off .pyc behind
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    # signed in as the demo manager (every command runs as a named person, issue 16)
    return subprocess.run([sys.executable, "-m", "isolation_desk", *map(str, args),
                           "--user", DEMO_USER, "--password-stdin"], input=DEMO_PASSWORD + "\n",
                          stdout=stdout, stderr=subprocess.PIPE, text=True, env=env,
                          preexec_fn=preexec if limit_file_size else None)


def refused(p, code: int = 2) -> str:
    assert p.returncode == code, (p.returncode, p.stderr)
    assert "Traceback" not in p.stderr and "Exception ignored" not in p.stderr, p.stderr
    lines = [line for line in p.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, p.stderr
    assert len(lines[0]) < 600, lines[0][:200]
    return lines[0]


def _xlsx(path, sheet_xml: bytes):
    """A minimal workbook whose one sheet is ``sheet_xml`` (compressed: a few KB on disk)."""
    parts = {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types '
                               b'xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default '
                               b'Extension="rels" '
                               b'ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default '
                               b'Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
                               b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xm'
                               b'l"/><Override PartName="/xl/worksheets/sheet1.xml" '
                               b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml'
                               b'"/></Types>',
        "_rels/.rels": b'<?xml version="1.0"?><Relationships '
                       b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                       b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
                       b'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": b'<?xml version="1.0"?><workbook '
                           b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                           b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><she'
                           b'et name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": b'<?xml version="1.0"?><Relationships '
                                      b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relations'
                                      b'hip Id="rId1" '
                                      b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/works'
                                      b'heet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


SHEET_HEAD = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
SHEET_TAIL = b"</sheetData></worksheet>"


def test_a_csv_field_over_128_kib(site, tmp_path):
    f = tmp_path / "list.csv"
    f.write_text("姓名,身份证号\n" + "张" * 140_000 + ",110101199003071234\n", encoding="utf-8")
    line = refused(cli("import", "arrivals", f, "--db", site))
    assert "list.csv" in line and "131,072 characters" in line


def test_an_xlsx_that_expands_past_the_size_cap(site, tmp_path):
    filler = b'<row r="1"><c r="A1" t="inlineStr"><is><t>' + b" " * (70 * 1024 * 1024) + b"</t></is></c></row>"
    f = _xlsx(tmp_path / "bomb.xlsx", SHEET_HEAD + filler + SHEET_TAIL)
    assert f.stat().st_size < 1024 * 1024
    line = refused(cli("import", "arrivals", f, "--db", site))
    assert "bomb.xlsx" in line and "64 MB" in line


def test_an_xlsx_with_too_many_rows(site, tmp_path):
    rows = b"".join(b'<row r="%d"/>' % i for i in range(1, 100_003))
    f = _xlsx(tmp_path / "rows.xlsx", SHEET_HEAD + rows + SHEET_TAIL)
    line = refused(cli("import", "results", f, "--db", site))
    assert "rows.xlsx" in line and "100,000 rows" in line


@pytest.mark.parametrize("args", [["audit", "--limit", "99999999999999999999"],
                                  ["sampling-list", "--building", "A", "--floor", "99999999999999999999"]])
def test_numbers_too_large_for_options(site, args):
    p = cli(*args, "--db", site)
    assert p.returncode == 2 and "Traceback" not in p.stderr and "OverflowError" not in p.stderr
    assert "99999999999999999999" in p.stderr and "range" in p.stderr


def test_a_10000_character_value_is_not_echoed_whole(site, tmp_path):
    f = tmp_path / "list.csv"
    f.write_text("姓名,身份证号,人员类别\n王五,110101199003071234," + "X" * 10_000 + "\n", encoding="utf-8")
    p = cli("import", "arrivals", f, "--db", site, "--dry-run")
    assert p.returncode == 0 and "Traceback" not in p.stderr
    assert "X" * 200 not in p.stdout and "XXX" in p.stdout
    p = cli("print", "door-cards", "--room", "R" * 10_000, "--out", tmp_path / "d.pdf", "--db", site)
    assert "R" * 200 not in p.stdout + p.stderr and "Traceback" not in p.stderr


def test_an_export_into_a_missing_folder_names_the_file(site, tmp_path):
    target = tmp_path / "no such folder" / "rooms.csv"
    line = refused(cli("export", "rooms", "--format", "csv", "--out", target, "--db", site))
    assert str(target) in line


def test_a_failed_export_leaves_no_truncated_file(site, tmp_path):
    """A full disk (a file-size limit stands in for it): the old file stays as it was and
    no temporary file is left; the message names the file."""
    target = tmp_path / "restock.pdf"
    target.write_bytes(b"%PDF old")
    line = refused(cli("print", "restock", "--out", target, "--db", site, limit_file_size=40_000))
    assert str(target) in line and "could not be written" in line
    assert target.read_bytes() == b"%PDF old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["restock.pdf"]


def test_xlsx_without_out_writes_nothing(site, tmp_path):
    p = cli("export", "occupants", "--format", "xlsx", "--db", site)
    refused(p)
    conn = site_connection(site)
    try:  # refused before anything was read or recorded
        assert conn.execute("SELECT count(*) FROM audit WHERE action LIKE '%export%' "
                            "AND after LIKE '%stdout%' AND after LIKE '%occupants%'").fetchone()[0] == 0
    finally:
        conn.close()


def test_standard_output_on_a_full_disk(site):
    with open("/dev/full", "w") as full:
        p = cli("export", "rooms", "--format", "json", "--db", site, stdout=full)
    line = refused(p)
    assert "output could not be written" in line


def test_the_results_header_error_names_columns_not_codes(site, tmp_path):
    f = tmp_path / "results.csv"
    f.write_text("a,b\n1,2\n", encoding="utf-8")
    line = refused(cli("import", "results", f, "--db", site))
    assert "身份证号" in line and "id_number" not in line


def test_an_unknown_migration_says_newer_version_without_equal_numbers(site, tmp_path):
    import shutil
    path = tmp_path / "newer.sqlite"
    shutil.copy(site, path)
    shutil.copy(str(site) + ".keys", str(path) + ".keys")
    conn = site_connection(path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('isolation_desk', '0099_from_the_future', '2030-01-01')")
    conn.commit()
    conn.close()
    line = refused(cli("export", "rooms", "--db", path))
    assert "newer version" in line and "0099_from_the_future" in line
    assert "reads up to" not in line
