"""The tests and health screens driven as a nurse would: a floor's sampling by keystroke and
scan, its results with one positive (the banner, the room-mate restarted, the release list
updated), the alert dialog, the lab import preview, and the health round."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from isolation_desk.domain.identity import make_resident_id
from isolation_desk.domain.registration import validate_registration
from isolation_desk.domain.roles import Actor
from isolation_desk.io.spreadsheet import write_xlsx
from isolation_desk.services import site_figures, stays
from isolation_desk.services.testing import bulk, emergency, results, sampling
from isolation_desk.storage import repositories as repo
from isolation_desk.ui.context import AppContext
from isolation_desk.ui.dialogs.bulk_results import BulkResultsDialog
from isolation_desk.ui.dialogs.lab_results import ImportDialog
from isolation_desk.ui.main_window import MainWindow
from isolation_desk.ui.screens.health import HealthScreen
from isolation_desk.ui.screens.testing.screen import TestsScreen
from isolation_desk.ui.widgets.emergency_banner import AlertDialog, EmergencyBanner

MANAGER = Actor("boss", "manager", "Boss")


def ident(seq, birth=date(1990, 5, 17)):
    return make_resident_id("110101", birth, seq, "M")


@pytest.fixture
def site(db, now):
    """B floor 2: a parent and child in B-0201, singles in B-0202 and B-0203; A-0201 too."""
    t0 = now - timedelta(days=2)

    def reg(name, seq, birth=date(1990, 5, 17)):
        return validate_registration({"name": name, "id_number": ident(seq, birth), "phone": "13800138000",
                                      "category": "密接",
                                      "last_exposure_date": (t0.date() - timedelta(days=1)).isoformat()},
                                     t0.date())
    b = {n: repo.room_by_label(db, n)["id"] for n in ("B-0201", "B-0202", "B-0203", "A-0201")}
    people = {"父": stays.check_in(db, reg("王父", 10), MANAGER, t0, room_id=b["B-0201"]).stay_id}
    people["子"] = stays.check_in(db, reg("王子", 11, date(2016, 3, 1)), MANAGER, t0, household_of=people["父"],
                                  household_role="child", host_role="parent").stay_id
    people["二"] = stays.check_in(db, reg("李二", 12), MANAGER, t0, room_id=b["B-0202"]).stay_id
    people["三"] = stays.check_in(db, reg("赵三", 13), MANAGER, t0, room_id=b["B-0203"]).stay_id
    people["甲"] = stays.check_in(db, reg("张甲", 14), MANAGER, t0, room_id=b["A-0201"]).stay_id
    return people


@pytest.fixture
def ctx(db, now, site):
    return AppContext(db, MANAGER, "en", clock=lambda: now)


@pytest.fixture
def window(qtbot, ctx):
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    w.show_screen("tests")
    return w


def test_floor_results_with_one_positive(qtbot, window, ctx, db, now, site, monkeypatch, qtmodeltester):
    screen: TestsScreen = window.screens["tests"]
    banner: EmergencyBanner = window.emergency_banner
    assert not banner.isVisible()
    screen.set_place("B", 2)
    qtmodeltester.check(screen.sampling.model)
    assert [r.display[0] for r in screen.sampling.model.rows()] == ["B-0201", "B-0201", "B-0202", "B-0203"]
    assert "0 of 4" in screen.sampling.floor_counts.text()

    # one keystroke a person, in room order
    screen.sampling.view.setFocus()
    screen.sampling.view.setCurrentIndex(screen.sampling.model.index(0, 0))
    for _ in range(2):
        with qtbot.waitSignal(ctx.changed):
            qtbot.keyClick(screen.sampling.view, Qt.Key_Space)
    # the third person by scanning the door card: the scanner types into the table
    with qtbot.waitSignal(ctx.changed):
        qtbot.keyClicks(screen.sampling.view, f"ISD:{site['三']}")
        qtbot.keyClick(screen.sampling.scan, Qt.Key_Return)
    assert "3 of 4" in screen.sampling.floor_counts.text() or "Sampled 3 of 4" in screen.sampling.floor_counts.text()
    # a bad scan is refused in words, not with a crash or a modal box
    qtbot.keyClicks(screen.sampling.scan, "hello")
    qtbot.keyClick(screen.sampling.scan, Qt.Key_Return)
    assert "door-card" in screen.sampling.feedback.text()
    screen.sampling.view.setCurrentIndex(screen.sampling.model.index(2, 0))
    with qtbot.waitSignal(ctx.changed):
        qtbot.keyClick(screen.sampling.view, Qt.Key_Space)
    assert "Sampled 4 of 4" in screen.sampling.floor_counts.text()

    # results: the floor, all negative except the parent
    screen.tabs.setCurrentIndex(1)
    qtmodeltester.check(screen.results.model)
    assert screen.results.model.rowCount() == 4
    child_before = repo.stay(db, site["子"])
    releases_before = dict(site_figures.releases_due_next(db, now.date(), days=10))
    screen.results.view.setFocus()
    parent_row = next(i for i, r in enumerate(screen.results.model.rows()) if r.display[1] == "王父")
    screen.results.view.setCurrentIndex(screen.results.model.index(parent_row, 0))
    qtbot.keyClick(screen.results.view, Qt.Key_P)
    assert screen.results.model.rows()[parent_row].display[6] == "POSITIVE"
    assert screen.results.view.currentIndex().row() == parent_row + 1  # on to the next
    # sampled just now: the rows say a bulk negative will not take them
    assert {r.display[6] for i, r in enumerate(screen.results.model.rows()) if i != parent_row} == \
        {"lab's result (sampled < 1 h ago)"}
    # the lab's sheet comes two hours later: the floor's sampling run is the batch
    ctx._clock = lambda: now + timedelta(hours=2)
    shown = {}

    def pick_the_run(dialog):
        dialog.by_run.setChecked(True)
        assert dialog.batch() == bulk.LabBatch.run(now.date(), "B", 2)  # the screen's floor
        shown["count"], shown["ok"] = dialog.count_label.text(), dialog.ok_button.text()
        dialog.accept()
        return dialog.result()
    monkeypatch.setattr(BulkResultsDialog, "exec", pick_the_run)
    with qtbot.waitSignal(ctx.changed):
        qtbot.mouseClick(screen.results.all_button, Qt.LeftButton)
    assert "This records 3 samples of the batch as negative" in shown["count"]
    assert "1 positive" in shown["count"] and shown["ok"] == "Record 3 as negative"
    assert screen.results.model.rowCount() == 0
    assert {t["result_source"] for sid in (site["子"], site["二"]) for t in repo.tests_for_stay(db, sid)
            if t["result"]} == {"bulk"}
    ctx._clock = lambda: now

    # the banner, until someone handles it
    assert banner.isVisible()
    assert "王父" in banner.label.text() and "B-0201" in banner.label.text()
    # the room-mate restarted, the release list updated
    child = repo.stay(db, site["子"])
    assert child["start_date"] == now.date().isoformat() and child["release_date"] > child_before["release_date"]
    releases = dict(site_figures.releases_due_next(db, now.date(), days=10))
    old, new = date.fromisoformat(child_before["release_date"]), date.fromisoformat(child["release_date"])
    assert releases[old] == releases_before[old] - 2  # the parent (awaiting transfer) and the child
    assert releases[new] == releases_before.get(new, 0) + 1
    assert repo.stay(db, site["父"])["status"] == "awaiting_transfer"

    # the alert dialog: room-mate, same floor, transfer -> banner gone, room waits for the child
    [alert] = emergency.open_alerts(db)
    dialog = AlertDialog(ctx, alert["id"], window)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.mates)
    assert [r.display[0] for r in dialog.mates.rows()] == ["王子"]
    assert sorted(r.display[1] for r in dialog.floor.rows()) == ["李二", "赵三"]
    assert dialog.undo_button.isEnabled()
    with qtbot.waitSignal(ctx.changed):
        assert dialog.undo_restart(site["子"], "own bathroom, no contact")
    assert repo.stay(db, site["子"])["release_date"] == child_before["release_date"]
    with qtbot.waitSignal(ctx.changed):
        assert dialog.transfer("市定点医院")
    # issue 14: the positive is handled; the child is alone in the room now, and says so
    assert banner.isVisible() and "Child alone in room B-0201" in banner.label.text()
    assert repo.stay(db, site["父"])["status"] == "transferred"
    # after the transfer the manager still finds it under Positives
    screen.tabs.setCurrentIndex(4)
    qtmodeltester.check(screen.positives.model)
    assert screen.positives.model.rowCount() == 1 and "boss" in screen.positives.model.rows()[0].display[4]
    screen.positives._no_exec = True
    screen.positives.view.setCurrentIndex(screen.positives.model.index(0, 0))
    again = screen.positives.open_alert()
    qtbot.addWidget(again)
    assert [r.display[0] for r in again.mates.rows()] == ["王子"]


def test_pooled_sampling_and_positive_pool(qtbot, window, ctx, db, now, site):
    screen: TestsScreen = window.screens["tests"]
    screen.set_place("B", 2)
    screen.sampling.pooled.setChecked(True)
    screen.sampling.view.setFocus()
    screen.sampling.view.setCurrentIndex(screen.sampling.model.index(0, 0))
    for _ in range(4):
        with qtbot.waitSignal(ctx.changed):
            qtbot.keyClick(screen.sampling.view, Qt.Key_Space)
    assert "of 10" in screen.sampling.pool_label.text() and ": 4 of 10" in screen.sampling.pool_label.text()
    screen.tabs.setCurrentIndex(1)
    assert screen.results.model.rowCount() == 1  # one pool, four people
    key = screen.results.model.row_key(0)
    assert key[0] == "pool"
    screen.results.mark(key, "positive")
    out = screen.results.record_all(confirm=False)
    assert len(out.retests) == 4 and window.emergency_banner.isVisible()
    assert "Pool" in window.emergency_banner.label.text()
    screen.tabs.setCurrentIndex(0)
    assert sum(1 for r in screen.sampling.model.rows() if r.display[4] == "re-test") == 4


def test_import_preview_then_import(qtbot, window, ctx, db, now, site, tmp_path):
    for sid in site.values():
        sampling.sample_stay(db, sid, now.date(), now.replace(hour=7), MANAGER, now)
    rows = [["王父", ident(10), "阴性"], ["李二", ident(12), "阳性"], ["陌生", ident(99), "阴性"]]
    path = tmp_path / "lab.xlsx"
    write_xlsx(path, ["姓名", "身份证号", "检测结果"], rows)
    dialog = ImportDialog(ctx, str(path), window)
    qtbot.addWidget(dialog)
    assert dialog.ok and "Would record 2" in dialog.summary.text()
    qtmodeltester = None  # noqa: F841 - the model is the shared RowTableModel, checked above
    assert repo.stay(db, site["二"])["status"] == "in_isolation"  # nothing saved by the preview
    with qtbot.waitSignal(ctx.changed):
        assert dialog.do_import()
    assert "Recorded 2" in dialog.summary.text()
    assert window.emergency_banner.isVisible() and "李二" in window.emergency_banner.label.text()


def test_health_round_fast_entry(qtbot, ctx, db, now, site, qtmodeltester):
    screen = HealthScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    screen.set_place("B", 2, "morning")
    qtmodeltester.check(screen.model)
    assert screen.model.rowCount() == 4
    assert "missing 4" in screen.counts.text()
    first = screen.model.row_key(screen.view.currentIndex().row())
    # impossible readings refused in words, nothing saved
    for bad in ("3.7", "373"):
        screen.temperature.setText(bad)
        qtbot.keyClick(screen.temperature, Qt.Key_Return)
        assert "not possible" in screen.feedback.text()
    assert db.scalar("SELECT count(*) FROM health_checks") == 0
    # a fever with symptoms, then a normal reading: Enter moves to the next person
    screen.temperature.setText("37.8")
    screen.symptom_boxes["dry_cough"].setChecked(True)
    with qtbot.waitSignal(ctx.changed):
        qtbot.keyClick(screen.temperature, Qt.Key_Return)
    assert screen.model.row_key(screen.view.currentIndex().row()) != first
    assert not screen.symptom_boxes["dry_cough"].isChecked()
    screen.temperature.setText("36.5")
    with qtbot.waitSignal(ctx.changed):
        qtbot.keyClick(screen.temperature, Qt.Key_Return)
    assert "fever 1" in screen.counts.text() and "missing 2" in screen.counts.text()
    fever_row = screen.model.rows()[screen.model.row_of_key(first)]
    assert fever_row.display[5] == "FEVER"
    assert screen.fever_model.rowCount() == 1
    assert "fever_24h" in stays.release_check(db, first, now).reasons


def test_regime_dialog_print_and_staff_tab(qtbot, window, ctx, db, now, site, tmp_path, monkeypatch):
    from pypdf import PdfReader

    from isolation_desk.ui.dialogs.regime import RegimeDialog
    screen: TestsScreen = window.screens["tests"]
    screen.set_place("B", 2)
    d = RegimeDialog("building B, floor 2", 4, screen)
    qtbot.addWidget(d)
    d.regime.setCurrentIndex(d.regime.findData("daily"))
    d.kind.setCurrentIndex(d.kind.findData("antigen"))
    monkeypatch.setattr(RegimeDialog, "ask", classmethod(lambda cls, *a: d.values()))
    with qtbot.waitSignal(ctx.changed):
        screen.set_regime()
    assert repo.stay(db, site["二"])["test_regime"] == "antigen:daily"
    assert repo.stay(db, site["甲"])["test_regime"] is None  # another floor
    # the printout of what the screen shows
    path = screen.print_list(str(tmp_path / "list.pdf"))
    text = "".join(p.extract_text() for p in PdfReader(path).pages)
    assert "Sampling list" in text and "李二" in text and "张甲" not in text
    # staff tab
    from isolation_desk.services import staff
    staff.add_staff(db, name="王芳", role="nurse", actor=MANAGER, now=now)
    with qtbot.waitSignal(ctx.changed):
        qtbot.mouseClick(screen.staff.plan_button, Qt.LeftButton)
    screen.tabs.setCurrentIndex(3)
    assert screen.staff.model.rowCount() == 1
    screen.staff.view.setCurrentIndex(screen.staff.model.index(0, 0))
    with qtbot.waitSignal(ctx.changed):
        qtbot.mouseClick(screen.staff.sampled_button, Qt.LeftButton)
    with qtbot.waitSignal(ctx.changed):
        qtbot.mouseClick(screen.staff.neg_button, Qt.LeftButton)
    assert screen.staff.model.rows()[0].display[6] == "negative"


def test_health_next_floor(qtbot, ctx, db, now, site):
    screen = HealthScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    screen.set_place(None, None, "morning")
    assert "B floor 2: 0 of 4" in screen.floor_counts.text()
    screen.set_place("A", 2, "morning")
    qtbot.mouseClick(screen.next_floor_button, Qt.LeftButton)
    assert (screen.building.currentData(), screen.floor.currentData()) == ("A", 3)


def test_import_preview_says_a_positive_reached_nobody(qtbot, window, ctx, db, now, site, tmp_path):
    # issue 14: a positive for an ID number nobody has is shouted, not one amber line among others
    path = tmp_path / "lab.xlsx"
    write_xlsx(path, ["姓名", "身份证号", "检测结果"], [["陌生", ident(99), "阳性"], ["路人", ident(98), "阴性"]])
    dialog = ImportDialog(ctx, str(path), window)
    qtbot.addWidget(dialog)
    assert "1 POSITIVE row with nobody at the site to match: find the person now (rows 2)" in dialog.summary.text()
    assert [r.display[3].startswith("POSITIVE: ") for r in dialog.model.rows()] == [True, False]


def test_bulk_dialog_counts_first_and_refuses_a_batch_that_changed(qtbot, window, ctx, db, now, site):
    # issue 14: the count is shown before anything is recorded; if the batch changes before
    # OK (another nurse records a result), nothing is recorded and the new count is shown
    for sid in (site["父"], site["二"], site["三"]):
        sampling.sample_stay(db, sid, now.date(), now.replace(hour=7), MANAGER, now)
    dialog = BulkResultsDialog(ctx, set(), set(), "区疾控", ("B", 2), window)
    qtbot.addWidget(dialog)
    assert dialog.batch() == bulk.LabBatch.taken_before(now.replace(hour=3, minute=30))
    assert "This records 0 samples" in dialog.count_label.text() and not dialog.ok_button.isEnabled()
    dialog.before.setDateTime(dialog.before.dateTime().addSecs(5 * 3600))  # before 08:30
    assert "This records 3 samples" in dialog.count_label.text() and dialog.ok_button.isEnabled()
    one = bulk.bulk_plan(db, dialog.batch(), now).units[0]
    results.record_results(db, [(one[0], one[1], "negative")], MANAGER, now)
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert "changed since you looked at it (3 then, 2 now)" in dialog.error_label.text()
    assert "This records 2 samples" in dialog.count_label.text()
    assert db.scalar("SELECT count(*) FROM tests WHERE result_source = 'bulk'") == 0
    with qtbot.waitSignal(ctx.changed):
        qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert db.scalar("SELECT count(*) FROM tests WHERE result_source = 'bulk'") == 2
