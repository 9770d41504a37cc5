"""isolation-desk handover / report daily / print roster|door-cards|release-notice."""
from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from .helpers import run_as as run  # every command runs signed in as the demo account


@pytest.fixture
def demo_file(demo_db):
    return demo_db.path


def test_handover_default_shift(demo_file, tmp_path):
    out = tmp_path / "h.pdf"
    r = run("handover", "--db", demo_file, "--out", str(out))
    assert r.exit_code == 0, r.output
    assert re.search(r"written: .*h\.pdf \(\d+ pages?\)", r.output)
    text = PdfReader(str(out)).pages[0].extract_text()
    assert "交接班记录" in text and "第 1 页" in text


def test_handover_given_shift_in_english(demo_file, tmp_path):
    out = tmp_path / "n.pdf"
    r = run("handover", "--db", demo_file, "--date", "2022-11-19", "--shift", "night", "--lang", "en",
            "--out", str(out))
    assert r.exit_code == 0, r.output
    text = PdfReader(str(out)).pages[0].extract_text()
    assert "2022-11-19 Night shift (20:00 to 08:00)" in text and "Page 1 of" in text


def test_handover_refuses_a_future_shift_in_one_line(demo_file, tmp_path):
    r = run("handover", "--db", demo_file, "--date", "2099-01-01", "--out", str(tmp_path / "x.pdf"))
    assert r.exit_code != 0
    assert "has not started yet" in r.output or "尚未开始" in r.output
    assert "Traceback" not in r.output


def test_report_daily_pdf_and_xlsx(demo_file, tmp_path):
    r = run("report", "daily", "--db", demo_file, "--date", "2022-11-19", "--out", str(tmp_path / "d.pdf"))
    assert r.exit_code == 0, r.output
    r = run("report", "daily", "--db", demo_file, "--date", "2022-11-19", "--out", str(tmp_path / "d.xlsx"))
    assert r.exit_code == 0, r.output
    ws = load_workbook(tmp_path / "d.xlsx").active
    assert ws.cell(2, 1).value == "2022-11-19"
    r = run("report", "daily", "--db", demo_file, "--out", str(tmp_path / "d.doc"))
    assert r.exit_code != 0 and ".xlsx" in r.output


def test_report_template_set_and_reset(demo_file):
    r = run("report", "template", "--db", demo_file, "--set", "date,persons_in_residence=在住")
    assert r.exit_code == 0 and "persons_in_residence=在住" in r.output
    r = run("report", "template", "--db", demo_file, "--set", "date,weather")
    assert r.exit_code != 0 and "weather" in r.output
    r = run("report", "template", "--db", demo_file, "--reset")
    assert r.exit_code == 0 and "cumulative_released" in r.output


def test_print_roster_door_cards_and_release_notice(demo_file, tmp_path):
    for args in (("roster",), ("door-cards", "--room", "A-0201"), ("release-notice", "--stay", "1")):
        out = tmp_path / f"{args[0]}.pdf"
        r = run("print", *args, "--db", demo_file, "--out", str(out))
        assert r.exit_code == 0, r.output
        assert out.stat().st_size > 1000
    r = run("print", "release-notice", "--db", demo_file, "--stay", "999999", "--out", str(tmp_path / "x.pdf"))
    assert r.exit_code != 0 and "Traceback" not in r.output


def test_release_notices_due_today_and_usage(demo_db, demo_file, tmp_path):
    from conftest import make_releasable

    from isolation_desk.services import site_figures
    due = site_figures.release_due_stays(demo_db, date(2022, 11, 20))
    r = run("print", "release-notice", "--db", demo_file, "--stay", str(due[0]["id"]), "--out",
            str(tmp_path / "n.pdf"))  # not releasable yet (release-day sample not taken)
    assert r.exit_code == 2 and "cannot be released now" in r.output, r.output
    # the first sign-in encrypted the file in place: reach it again with its key
    demo_db.close()
    from .helpers import site_database
    with site_database(demo_file) as db:
        make_releasable(db, datetime.now())
    r = run("print", "release-notice", "--db", demo_file, "--due", "2022-11-20", "--out", str(tmp_path / "n.pdf"))
    assert r.exit_code == 0, r.output
    r = run("print", "release-notice", "--db", demo_file, "--out", str(tmp_path / "n.pdf"))
    assert r.exit_code != 0 and "--stay" in r.output
    r = run("print", "release-notice", "--db", demo_file, "--due", "2020-01-01", "--out", str(tmp_path / "n.pdf"))
    assert r.exit_code != 0 and "2020-01-01" in r.output


def test_handover_warns_when_chinese_is_not_embedded(demo_file, tmp_path, monkeypatch):
    from isolation_desk.reports import fonts, handover
    cid = fonts.find_cjk_font(None, search_system=False)
    monkeypatch.setattr(fonts, "register_fonts", lambda *a, **k: cid)
    monkeypatch.setattr(handover, "register_fonts", lambda *a, **k: cid)
    out = tmp_path / "cid.pdf"
    r = run("handover", "--db", demo_file, "--out", str(out))
    assert r.exit_code == 0 and out.exists()
    assert "STSong-Light" in r.output and "not embedded" in r.output
    r = run("handover", "--db", demo_file, "--out", str(out))
    monkeypatch.undo()
    r = run("handover", "--db", demo_file, "--out", str(out))
    assert "warning" not in r.output
