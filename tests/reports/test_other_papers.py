"""The roster, door cards, release notice and daily report, read back."""
from __future__ import annotations

import re
from datetime import datetime

from openpyxl import load_workbook
from pypdf import PdfReader

from isolation_desk.reports.daily_report import build_daily_pdf, write_daily_xlsx
from isolation_desk.reports.door_cards import build_door_cards, qr_modules, qr_payload
from isolation_desk.reports.release_notice import build_release_notice, home_monitoring
from isolation_desk.reports.roster import build_roster
from isolation_desk.services import queries, site_figures

PRINTED = datetime(2022, 11, 20, 9, 30)
RESIDENT_ID = re.compile(r"(?<![0-9*])\d{17}[\dX](?![0-9])")


def text_of(path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)


def test_roster_lists_everybody_on_site_by_room_with_masked_ids(demo_db, now, tmp_path):
    stays = site_figures.roster(demo_db, now)
    rows = [queries.occupant_row(s, now.date()) for s in stays]
    assert len(rows) == queries.census(demo_db)["occupied"]
    path = tmp_path / "roster.pdf"
    pages = build_roster(rows, path, site_name="滨江路集中隔离点(演示)", printed_at=PRINTED)
    text = text_of(path)
    assert f"第 1 页,共 {pages} 页" in text and "在住人员名单" in text
    for r in rows:
        assert r["name"] in text.replace("\n", "") or "·" in r["name"]
    assert not RESIDENT_ID.findall(text)
    # room order: the first rooms come first
    assert text.index(rows[0]["room"]) < text.index(rows[-1]["room"])


def test_roster_of_five_thousand_rows_builds(tmp_path, now):
    from datetime import date
    row = {"room": "A-0201", "name": "古丽娜尔·艾山", "sex": "F", "age": 30, "id_masked": "650***********0032",
           "category": "close_contact", "start_date": date(2022, 11, 15), "release_date": date(2022, 11, 22),
           "day": 5, "phone_masked": "138****8000", "status": "in_isolation"}
    pages = build_roster([row] * 5000, tmp_path / "big.pdf", site_name="x", printed_at=PRINTED)
    assert pages > 100


def test_door_cards_carry_room_name_dates_and_the_stay_qr(demo_db, now, tmp_path):
    stays = site_figures.roster(demo_db, now)[:3]
    path = tmp_path / "cards.pdf"
    pages = build_door_cards(stays, path, site_name="演示", printed_at=PRINTED)
    assert pages == 2
    text = text_of(path)
    for s in stays:
        assert s["room"] in text and s["name"] in text and s["release_date"] in text
        assert qr_payload(s["id"]) in text
    assert qr_payload(12) == "ISD:12"
    modules = qr_modules("ISD:12345")
    assert len(modules) == 25 and any(any(r) for r in modules)  # version 2


def test_release_notice_has_full_id_and_home_monitoring_dates(demo_db, now, tmp_path):
    stay = next(s for s in site_figures.roster(demo_db, now) if s["home_monitoring_days"])
    start, release, home_from, home_to = home_monitoring(stay)
    assert (home_to - release).days == stay["home_monitoring_days"]
    path = tmp_path / "notice.pdf"
    build_release_notice(stay, path, site_name="滨江路集中隔离点(演示)", printed_at=PRINTED)
    text = text_of(path).replace("\n", "")
    assert "集中隔离医学观察解除告知书" in text
    assert stay["name"] in text and stay["id_number"] in text
    assert home_from.isoformat() in text and home_to.isoformat() in text


def test_daily_report_pdf_and_xlsx_follow_the_template(demo_db, now, manager, tmp_path):
    site_figures.set_daily_template(demo_db, ["date", {"field": "persons_in_residence", "title": "在住人数(人)"},
                                       "supplies_below_reorder", "rooms_not_disinfected"], manager, now)
    figures = site_figures.daily_figures(demo_db, now.date(), now)
    template = site_figures.daily_template(demo_db)
    pdf = tmp_path / "daily.pdf"
    build_daily_pdf(figures, template, pdf, printed_at=PRINTED)
    text = text_of(pdf)
    assert "在住人数(人)" in text and str(figures["persons_in_residence"]) in text
    assert "未消杀或待清理房间" in text
    xlsx = tmp_path / "daily.xlsx"
    write_daily_xlsx(figures, template, xlsx)
    ws = load_workbook(xlsx).active
    header = [c.value for c in ws[1]]
    values = [c.value for c in ws[2]]
    assert header == ["日期", "在住人数(人)", "低于补货线物资种数", "未消杀或待清理房间"]
    assert values[0] == now.date().isoformat()
    assert int(values[1]) == figures["persons_in_residence"]
    expected = "暂不可知" if figures["supplies_below_reorder"] is None else figures["supplies_below_reorder"]
    assert values[2] == expected or int(values[2]) == expected


def test_release_notices_of_a_day_one_per_page(demo_db, now, tmp_path, manager):
    from conftest import make_releasable

    from isolation_desk.services import papers
    releasable = make_releasable(demo_db, now)
    due = [s for s in site_figures.release_due_stays(demo_db, now.date()) if s["id"] in releasable]
    assert due
    path = tmp_path / "notices.pdf"
    left_out = []
    pages = papers.write_release_notices(demo_db, path, now, actor=manager, left_out=left_out)
    assert pages == len(due)
    assert len(left_out) == len(site_figures.release_due_stays(demo_db, now.date())) - len(due)
    reader = PdfReader(str(path))
    for stay, page in zip(due, reader.pages, strict=True):
        assert stay["name"] in page.extract_text().replace("\n", "")


def test_landscape_roster_and_daily_report_stay_inside_the_page(demo_db, now, tmp_path):
    from test_handover_pdf import text_positions
    rows = [queries.occupant_row(s, now.date()) for s in site_figures.roster(demo_db, now)][:80]
    roster = tmp_path / "roster.pdf"
    build_roster(rows, roster, site_name="滨江路集中隔离点(演示)", printed_at=PRINTED, lang="en")
    daily = tmp_path / "daily.pdf"
    build_daily_pdf(site_figures.daily_figures(demo_db, now.date(), now), site_figures.daily_template(demo_db), daily,
                    printed_at=PRINTED)
    margin = 10 * 72 / 25.4
    for path in (roster, daily):
        runs = text_positions(path)
        assert runs
        for page, x, _y, text, width, _height, est in runs:
            assert margin <= x and x + est <= width - margin, (path.name, page, x, est, text)


def test_a_household_gets_one_door_card(demo_db, now, tmp_path):
    stays = site_figures.roster(demo_db, now)
    rooms = {}
    for s in stays:
        rooms.setdefault(s["room_id"], []).append(s)
    shared = next(g for g in rooms.values() if len(g) > 1)
    path = tmp_path / "household.pdf"
    assert build_door_cards(shared, path, site_name="演示", printed_at=PRINTED) == 1
    text = text_of(path)
    assert text.count(shared[0]["room"]) == 1
    assert all(s["name"] in text for s in shared)


def test_papers_naming_people_are_audited_and_need_view_personal(demo_db, now, tmp_path, manager):
    from isolation_desk.domain.errors import DomainError
    from isolation_desk.domain.roles import Actor
    from isolation_desk.services import papers
    papers.write_roster(demo_db, tmp_path / "r.pdf", now, actor=manager)
    papers.write_handover(demo_db, tmp_path / "h.pdf", now, actor=manager)
    entries = demo_db.query("SELECT action, actor FROM audit WHERE entity = 'paper' ORDER BY id")
    assert entries == [{"action": "print_roster", "actor": "manager1"},
                       {"action": "print_handover", "actor": "manager1"}]
    logistics = Actor("store", "logistics")
    try:
        papers.write_roster(demo_db, tmp_path / "x.pdf", now, actor=logistics)
    except DomainError as exc:
        assert exc.code == "permission_denied"
    else:
        raise AssertionError("a logistics user printed the roster")
    assert not (tmp_path / "x.pdf").exists()
    papers.write_handover(demo_db, tmp_path / "h2.pdf", now, actor=logistics)  # masked IDs: allowed
