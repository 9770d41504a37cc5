"""The shift: boundaries, the shift log, the summary computed in one place."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from isolation_desk.domain.errors import DomainError
from isolation_desk.domain.registration import Registration
from isolation_desk.domain.roles import Actor
from isolation_desk.messages import MESSAGES
from isolation_desk.services import queries, shift, shift_summary, site, site_figures, stays

VIEWER = Actor("v", "viewer")
NURSE = Actor("nurse", "medical")


# ----------------------------------------------------------------------------- shifts
def test_day_and_night_shift_boundaries(db):
    d = date(2022, 11, 20)
    day = shift.shift_of(db, d, "day")
    night = shift.shift_of(db, d, "night")
    assert (day.start, day.end) == (datetime(2022, 11, 20, 8), datetime(2022, 11, 20, 20))
    assert (night.start, night.end) == (datetime(2022, 11, 20, 20), datetime(2022, 11, 21, 8))
    assert night.days == [d, d + timedelta(days=1)]
    assert shift.shift_at(db, datetime(2022, 11, 21, 7, 59)) == night
    assert shift.shift_at(db, datetime(2022, 11, 20, 8, 0)) == day
    assert shift.next_shift(db, day) == night
    assert shift.previous_shift(db, night) == day


def test_default_is_current_shift_or_the_one_just_finished(db):
    # 08:30: the night shift has just been handed over: its sheet is the one to print
    sh = shift.default_shift(db, datetime(2022, 11, 20, 8, 30))
    assert (sh.kind, sh.date) == ("night", date(2022, 11, 19))
    sh = shift.default_shift(db, datetime(2022, 11, 20, 9, 30))
    assert (sh.kind, sh.date) == ("day", date(2022, 11, 20))


def test_shift_times_come_from_settings(db, manager, now):
    site.update_settings(db, {"day_shift_start": "07:30", "night_shift_start": "19:30"}, manager, now)
    night = shift.shift_of(db, date(2022, 11, 20), "night")
    assert (night.start, night.end) == (datetime(2022, 11, 20, 19, 30), datetime(2022, 11, 21, 7, 30))


def test_resolve_shift_refuses_a_future_shift_and_fills_in_the_missing_half(db, now):
    with pytest.raises(DomainError) as e:
        shift.resolve_shift(db, now, date(2022, 11, 20), "night")
    assert e.value.code == "shift_in_future"
    # only --shift night at 09:30: the night shift that began yesterday evening
    sh = shift.resolve_shift(db, now, None, "night")
    assert (sh.kind, sh.date) == ("night", date(2022, 11, 19))
    with pytest.raises(DomainError) as e:
        shift.shift_of(db, date(2022, 11, 20), "evening")
    assert e.value.code == "shift_kind_unknown"


# ----------------------------------------------------------------------------- shift log
def test_log_text_keeps_chinese_punctuation_and_drops_invisible_characters():
    assert shift.clean_log_text("  \u200bA-0201：发热，已处理。\r\n第二行  \n\n") == "A-0201：发热，已处理。\n第二行"


def test_log_entry_is_written_audited_and_shown_in_the_summary(db, now):
    entry = shift.add_log_entry(db, "incident", "  A-0201 住户发热 38.2 °C,已通知医生  ", NURSE, now)
    row = db.query_one("SELECT * FROM shift_log WHERE id = ?", (entry,))
    assert row["text"] == "A-0201 住户发热 38.2 °C,已通知医生" and row["actor"] == "nurse"
    audit = db.query("SELECT * FROM audit WHERE action = 'shift_log_entry'")
    assert len(audit) == 1 and audit[0]["entity_id"] == str(entry)
    s = shift_summary.shift_summary(db, shift.shift_at(db, now), now)
    assert [e["id"] for e in s.log] == [entry]
    assert [e["id"] for e in s.open_incidents] == [entry]
    # an open incident follows into the next shift's sheet until it is handled
    later = now + timedelta(hours=12)
    assert entry in [e["id"] for e in shift_summary.shift_summary(db, shift.shift_at(db, later), later).open_incidents]
    shift.resolve_log_entry(db, entry, NURSE, later)
    assert not shift_summary.shift_summary(db, shift.shift_at(db, later), later).open_incidents
    with pytest.raises(DomainError) as e:
        shift.resolve_log_entry(db, entry, NURSE, later)
    assert e.value.code == "shift_log_already_resolved"


@pytest.mark.parametrize("kind,text,code", [
    ("note", "   ", "shift_log_text_empty"),
    ("gossip", "x", "shift_log_kind_unknown"),
    ("note", "长" * 2001, "shift_log_text_too_long"),
])
def test_bad_log_entries_are_refused_and_nothing_is_written(db, now, kind, text, code):
    with pytest.raises(DomainError) as e:
        shift.add_log_entry(db, kind, text, NURSE, now)
    assert e.value.code == code
    assert db.scalar("SELECT count(*) FROM shift_log") == 0


def test_a_viewer_may_not_write_the_log(db, now):
    with pytest.raises(DomainError) as e:
        shift.add_log_entry(db, "note", "hello", VIEWER, now)
    assert e.value.code == "permission_denied"


def test_every_code_raised_by_the_area_has_both_sentences():
    root = Path(shift.__file__).parent.parent
    text = "".join((root / f).read_text() for f in ("services/shift.py", "services/shift_summary.py",
                                                    "services/site_figures.py", "services/papers.py",
                                                    "cli/printing.py", "ui/screens/handover.py"))
    codes = set(re.findall(r'DomainError\(\s*"([a-z_]+)"', text))
    assert codes
    for code in codes:
        en, zh = MESSAGES[code]
        assert en and zh and en != zh


# ----------------------------------------------------------------------------- summary
def test_summary_of_the_demo_matches_the_site(demo_db, now):
    s = shift_summary.shift_summary(demo_db, shift.shift_at(demo_db, now), now)
    census = queries.census(demo_db)
    assert s.under_way and s.as_of == now
    assert s.census_total == census["occupied"] == sum(b["people"] for b in s.census_by_building)
    assert set(s.census_by_category) >= {"close_contact", "inbound_traveller"}
    assert s.rooms_by_status == census["rooms"]  # rebuilt from room events = the rooms' status now
    assert sum(b["rooms"] for b in s.census_by_building) == sum(census["rooms"].values())
    awaiting = queries.occupants(demo_db, status="awaiting_transfer")
    assert awaiting and {p["name"] for p in s.positives} >= {p["name"] for p in awaiting}
    assert all("*" in p["id_masked"] and "id_number" not in p for p in s.positives + s.arrivals)
    assert s.diet_counts and sum(s.diet_counts.values()) == s.census_total
    assert s.tests_due >= s.tests_done
    assert s.next_tests_due > 0 and s.next_releases_due
    assert s.log, "the demo writes shift-log entries"
    named = shift_summary.NAMED_NEEDS
    assert all(n in named for p in s.needs_named for n in p["needs"] if n in named)


def test_night_shift_holds_the_morning_fevers_and_samples(demo_db, now):
    night = shift.shift_of(demo_db, now.date() - timedelta(days=1), "night")
    s = shift_summary.shift_summary(demo_db, night, now)
    assert not s.under_way and s.as_of == night.end
    assert s.fevers and all(f["temperature"] >= 37.3 for f in s.fevers)
    assert s.tests_done > 0  # the 07:00 sampling round belongs to the night shift
    assert any(m["slot"] == "morning" and m["day"] == now.date() for m in s.missing_checks)


def test_a_finished_shift_does_not_change_when_later_things_happen(demo_db, now, manager):
    night = shift.shift_of(demo_db, now.date() - timedelta(days=1), "night")
    before = shift_summary.shift_summary(demo_db, night, now)
    reg = Registration(name="测试·人员", id_type="passport", id_number="E12345678", sex="F",
                       birth_date=date(1990, 1, 1), phone="13800138000", category="inbound_traveller",
                       last_exposure_date=None, arrival_date=now.date())
    stays.check_in(demo_db, reg, manager, now)
    after = shift_summary.shift_summary(demo_db, night, now + timedelta(minutes=5))
    assert after.census_total == before.census_total
    assert after.rooms_by_status == before.rooms_by_status
    current = shift_summary.shift_summary(demo_db, shift.shift_at(demo_db, now), now + timedelta(minutes=5))
    assert "测试·人员" in [a["name"] for a in current.arrivals]


def test_supplies_are_not_yet_known_without_items(db, now):
    s = shift_summary.shift_summary(db, shift.shift_at(db, now), now)
    assert s.supplies is None and not s.supplies_known and s.supplies_to_reorder == []


def test_supplies_come_from_the_supplies_forecast(demo_db, now):
    lines = shift_summary.supply_forecast(demo_db, now)
    assert lines and all(line.item for line in lines)
    s = shift_summary.shift_summary(demo_db, shift.shift_at(demo_db, now), now)
    assert [x.item for x in s.supplies_to_reorder] == [x.item for x in lines if x.below_reorder]


# ----------------------------------------------------------------------------- trends, daily report
def test_daily_series_ends_at_the_census_and_releases_due(demo_db, now):
    points = site_figures.daily_series(demo_db, now.date(), 14)
    assert len(points) == 14 and points[-1].day == now.date()
    assert points[-1].occupancy == queries.census(demo_db)["occupied"]
    assert sum(p.arrivals for p in points) > 0 and sum(p.releases for p in points) > 0
    due = site_figures.releases_due_next(demo_db, now.date(), 7)
    assert [d for d, _ in due] == [now.date() + timedelta(days=i) for i in range(7)]
    in_isolation = queries.occupants(demo_db, status="in_isolation")
    last = (now.date() + timedelta(days=6)).isoformat()
    assert sum(n for _, n in due) == sum(1 for p in in_isolation if p["release_date"] <= last)


def test_daily_figures_and_template(demo_db, now, manager):
    f = site_figures.daily_figures(demo_db, now.date(), now, notes="正常")
    assert f["persons_in_residence"] == queries.census(demo_db)["occupied"]
    assert f["rooms"] == sum(queries.census(demo_db)["rooms"].values())
    assert f["notes"] == "正常" and f["contact_person"]
    with pytest.raises(DomainError) as e:
        site_figures.daily_figures(demo_db, now.date() + timedelta(days=1), now)
    assert e.value.code == "report_date_future"
    assert [c["field"] for c in site_figures.daily_template(demo_db)] == \
        [c["field"] for c in site_figures.DEFAULT_DAILY_TEMPLATE]
    site_figures.set_daily_template(demo_db, ["date", {"field": "persons_in_residence", "title": "在住"}], manager, now)
    assert site_figures.daily_template(demo_db) == \
        [{"field": "date"}, {"field": "persons_in_residence", "title": "在住"}]
    with pytest.raises(DomainError) as e:
        site_figures.set_daily_template(demo_db, ["date", "weather"], manager, now)
    assert e.value.code == "daily_template_field_unknown"


# ----------------------------------------------------------------------------- present at a moment
def _present_by_definition(db, at: str) -> dict[int, dict]:
    """Stays on site at ``at`` by the definition (checked in by then, not gone by then), in
    Python over every stay: what the indexed queries of repo_shift must agree with."""
    rows = db.query("SELECT id, status, checked_in_at, ended_at, release_date, category FROM stays")
    return {r["id"]: r for r in rows
            if r["checked_in_at"] is not None and r["checked_in_at"] <= at
            and (r["status"] in ("in_isolation", "awaiting_transfer")
                 or (r["ended_at"] is not None and r["ended_at"] > at))}


@pytest.mark.parametrize("hours_back", [0, 5, 30, 80])
def test_release_list_and_census_agree_with_the_definition_of_present(demo_db, now, hours_back):
    from isolation_desk.storage import repo_shift
    at = (now - timedelta(hours=hours_back)).replace(microsecond=0).isoformat()
    present = _present_by_definition(demo_db, at)
    assert present
    for until in (now.date() - timedelta(days=2), now.date(), now.date() + timedelta(days=3)):
        expected = sorted(i for i, r in present.items() if r["status"] != "awaiting_transfer"
                          and r["release_date"] is not None and r["release_date"] <= until.isoformat())
        got = repo_shift.releases_due(demo_db, at, until.isoformat())
        assert sorted(r["stay_id"] for r in got) == expected
        keys = [(r["release_date"]) for r in got]
        assert keys == sorted(keys)
    census = repo_shift.census_by_category(demo_db, at)
    assert sum(census.values()) == len(present)
    assert sorted(r["id"] for r in repo_shift.present_stays(demo_db, at)) == sorted(present)
    if hours_back >= 30:  # the arm of people gone since then is exercised too
        assert any(r["ended_at"] for r in present.values())


@pytest.mark.parametrize("back, kind", [(0, "day"), (1, "night")])
def test_named_needs_and_missing_checks_agree_with_their_definitions(demo_db, now, back, kind):
    # The summary reads the people present once and derives these lists from that pass.
    sh = shift.shift_of(demo_db, now.date() - timedelta(days=back), kind)
    s = shift_summary.shift_summary(demo_db, sh, now)
    as_of = min(sh.end, now.replace(microsecond=0))
    census_at = (as_of if now < sh.end else as_of - timedelta(seconds=1)).isoformat()
    present = _present_by_definition(demo_db, census_at)
    people = {r["id"]: r for r in demo_db.query(
        "SELECT s.id, p.special_needs FROM stays s JOIN people p ON p.id = s.person_id")}
    named = {i for i in present if set(people[i]["special_needs"].split(",")) & set(shift_summary.NAMED_NEEDS)}
    assert {p["stay_id"] for p in s.needs_named} == named
    assert sum(s.needs_counts.values()) >= len(named)
    assert s.missing_checks or kind == "day", "last night's shift has missing checks in the demo"
    for (day, slot) in {(m["day"], m["slot"]) for m in s.missing_checks}:
        opens = datetime.combine(day, shift_summary.CHECK_WINDOWS[slot][0]).isoformat()
        checked = {r["stay_id"] for r in demo_db.query(
            "SELECT stay_id FROM health_checks WHERE slot = ? AND substr(taken_at, 1, 10) = ?",
            (slot, day.isoformat()))}
        expected = {i for i, r in present.items() if r["checked_in_at"] < opens and i not in checked}
        assert {m["stay_id"] for m in s.missing_checks if (m["day"], m["slot"]) == (day, slot)} == expected
