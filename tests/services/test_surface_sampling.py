"""Issue 14: last-day sampling of the person's belongings and room surfaces (DOMAIN.md,
"Rooms"), when the policy asks for it: scheduled, on the sampling list (screen data, PDF,
command line), recorded, and a positive or missing surface sample holds the release."""
from __future__ import annotations

import json
import shutil
from datetime import date, timedelta

from cli.helpers import run_as
from pypdf import PdfReader

from isolation_desk.domain import policy as pol
from isolation_desk.domain.identity import make_resident_id
from isolation_desk.domain.registration import validate_registration
from isolation_desk.domain.roles import SYSTEM, Actor
from isolation_desk.services import stays
from isolation_desk.services.papers import write_sampling_list
from isolation_desk.services.testing import bulk, emergency, results, sampling
from isolation_desk.storage import repositories as repo

NURSE = Actor("nurse1", "medical")
MANAGER = Actor("boss", "manager")



def last_day_today(db, now, seq, category="密接"):
    t0 = now - timedelta(days=2)
    r = validate_registration({"name": "张李王"[seq - 1] + "明", "phone": "13800138000",
                               "id_number": make_resident_id("110101", date(1990, 5, 17), seq, "M"),
                               "category": category,
                               "last_exposure_date": (t0.date() - timedelta(days=12)).isoformat(),
                               "arrival_date": (t0.date() - timedelta(days=12)).isoformat()}, t0.date())
    sid = stays.check_in(db, r, MANAGER, t0).stay_id
    for t in repo.tests_for_stay(db, sid):
        if t["purpose"] == "check_in":
            sampling.record_sample(db, t["id"], t0, NURSE, t0)
            results.record_result(db, t["id"], "negative", NURSE, t0, lab="区疾控")
    return sid


def surface_test(db, sid):
    return [t for t in repo.tests_for_stay(db, sid) if t["purpose"] == "surface"][0]


def test_policy_asks_for_it_and_the_presets_say_which():
    assert pol.PRESETS["edition_8"]["close_contact"].surface_sampling
    assert not pol.PRESETS["edition_8"]["secondary_contact"].surface_sampling
    assert not pol.PRESETS["edition_9"]["close_contact"].surface_sampling
    p = pol.PRESETS["edition_9"]["close_contact"].with_changes(surface_sampling=True)
    assert pol.Policy.from_row(p.to_row()).surface_sampling


def test_surface_sample_is_on_the_sampling_list_and_recorded(db8, now, tmp_path):
    sid = last_day_today(db8, now, 1)
    assert surface_test(db8, sid)["due_date"] == now.date().isoformat()
    sl = sampling.sampling_list(db8, now.date())
    assert sorted(r["purpose"] for r in sl.rows) == ["release", "second_lab", "surface"]
    # PDF: the row with its purpose (物表 or 环境, as the labels say)
    pdf = tmp_path / "list.pdf"
    write_sampling_list(db8, pdf, now, actor=SYSTEM, day=now.date())
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    from isolation_desk.reports.labels import label
    assert label("zh_CN", "purpose_surface") in text and label("zh_CN", "purpose_second_lab") in text
    # command line
    dbfile = tmp_path / "cli.sqlite"
    db8.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(db8.path, dbfile)
    r = run_as("sampling-list", "--db", str(dbfile), "--date", now.date().isoformat())
    assert r.exit_code == 0, r.output
    assert "surface" in [row["purpose"] for row in json.loads(r.output)["rows"]]
    # sampled with the person (one scan), never into a pool, and entered row by row
    pool = sampling.new_pool(db8, "pcr", 10, NURSE, now)
    sampling.sample_stay(db8, sid, now.date(), now.replace(hour=7), NURSE, now, pool_id=pool["id"])
    t = surface_test(db8, sid)
    assert t["sampled_at"] and t["pool_id"] is None
    d = stays.release_check(db8, sid, now)
    assert "result_pending" in d.reasons
    results.record_result(db8, t["id"], "negative", NURSE, now, lab="区疾控")
    assert surface_test(db8, sid)["result_source"] == "row"


def test_missing_surface_sample_holds_the_release(db8, now):
    sid = last_day_today(db8, now, 2)
    for t in repo.tests_for_stay(db8, sid):
        if t["purpose"] in ("release", "second_lab"):
            sampling.record_sample(db8, t["id"], now.replace(hour=7), NURSE, now)
            results.record_result(db8, t["id"], "negative", NURSE, now,
                                  lab="市疾控" if t["purpose"] == "release" else "第三方检验所")
    d = stays.release_check(db8, sid, now)
    assert d.reasons == ("test_missing",)
    assert d.details["missing_tests"] == [("surface", now.date().isoformat())]


def test_positive_surface_sample_holds_the_release_without_an_emergency(db8, now):
    sid = last_day_today(db8, now, 3)
    sampling.sample_stay(db8, sid, now.date(), now.replace(hour=7), NURSE, now)
    for t in repo.tests_for_stay(db8, sid):
        if t["purpose"] in ("release", "second_lab"):
            results.record_result(db8, t["id"], "negative", NURSE, now,
                                  lab="市疾控" if t["purpose"] == "release" else "第三方检验所")
    results.record_result(db8, surface_test(db8, sid)["id"], "positive", NURSE, now, lab="区疾控")
    d = stays.release_check(db8, sid, now)
    assert d.reasons == ("surface_positive",)
    assert repo.stay(db8, sid)["status"] == "in_isolation" and emergency.open_alerts(db8) == []
    # a bulk negative never takes it either
    assert bulk.bulk_plan(db8, bulk.LabBatch.taken_before(now), now).units == []


def test_extending_the_release_moves_the_surface_sample(db8, now):
    sid = last_day_today(db8, now, 1)
    new = now.date() + timedelta(days=3)
    stays.adjust_release(db8, sid, new, "fever yesterday", MANAGER, now)
    assert surface_test(db8, sid)["due_date"] == new.isoformat()
