"""Issue 14: the safety scenario with real dialogs, real services and a fixed clock; the
database is checked after each step, not only what the dialogs showed.

A parent and a child check in together; the parent is moved (the child moves too); a
positive on the same floor; the parent's release, due, is refused until a manager confirms
with a reason; then released. A fever needs a second person who signs in."""
from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from isolation_desk.domain.roles import Actor
from isolation_desk.services import accounts, health_checks, queries, rooms, stays
from isolation_desk.services.testing import emergency, results, sampling
from isolation_desk.storage import repositories as repo
from isolation_desk.ui.context import AppContext
from isolation_desk.ui.dialogs.checkin import CheckInDialog
from isolation_desk.ui.dialogs.stay_actions import MoveDialog, ReleaseDialog

DAY1 = datetime(2022, 11, 14, 10, 0)  # check-in; exposure 2022-11-13, release 2022-11-20
RELEASE_DAY = datetime(2022, 11, 20, 11, 0)
MANAGER = Actor("boss", "manager", "Boss")
NURSE = Actor("nurse1", "medical", "Nurse")


class Clock:
    def __init__(self, at):
        self.at = at

    def __call__(self):
        return self.at


def _open(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _check_in(qtbot, ctx, name, id_number, *, host=None, role=None):
    d = _open(qtbot, CheckInDialog(ctx))
    d.name.setText(name)
    qtbot.keyClicks(d.id_number, id_number)
    d.category.setCurrentIndex(d.category.findData("close_contact"))
    d.last_exposure.setText("2022-11-13")
    if host is None:
        d.room.setCurrentIndex(d.room.findData(rooms.find_room(ctx.db, "B-0201")["id"]))
    else:
        d.household.setChecked(True)
        d.host.setCurrentIndex(d.host.findData(host))
        d.role.setCurrentIndex(d.role.findData(role))
        d.host_role.setCurrentIndex(d.host_role.findData("parent"))
    with qtbot.waitSignal(ctx.changed):
        qtbot.mouseClick(d.ok_button, Qt.LeftButton)
    assert d.result() == QDialog.Accepted, d.error_label.text()
    return d.result_value.stay_id


def _all_negative(db, stay_id, now):
    for t in repo.tests_for_stay(db, stay_id):
        if t["due_date"] <= now.date().isoformat() and not t["sampled_at"]:
            sampling.record_sample(db, t["id"], now - timedelta(hours=3), NURSE, now)
            results.record_result(db, t["id"], "negative", NURSE, now - timedelta(hours=2))


def test_household_move_positive_on_the_floor_release_refused_until_confirmed(qtbot, db):
    clock = Clock(DAY1)
    ctx = AppContext(db, MANAGER, "en", clock=clock)
    parent = _check_in(qtbot, ctx, "王父", "110105198001010235")
    child = _check_in(qtbot, ctx, "王小", "110105201501010279", host=parent, role="child")
    assert repo.stay(db, child)["room"] == repo.stay(db, parent)["room"] == "B-0201"

    # move the parent: the dialog offers the household (ticked), both move in one step
    move = _open(qtbot, MoveDialog(ctx, parent))
    assert move.with_household.isChecked() and "王小" in move.with_household.text()
    move.choose_room("B-0203")
    move.reason.setText("空调损坏")
    with qtbot.waitSignal(ctx.changed):
        qtbot.mouseClick(move.ok_button, Qt.LeftButton)
    assert repo.stay(db, parent)["room"] == repo.stay(db, child)["room"] == "B-0203"
    assert queries.room_detail(db, rooms.find_room(db, "B-0201")["id"])["status"] == "awaiting_disinfection"

    # moving the parent alone away from the child: refused in words, nothing moves
    alone = _open(qtbot, MoveDialog(ctx, parent))
    alone.with_household.setChecked(False)
    alone.choose_room("B-0205")
    alone.reason.setText("观察")
    qtbot.mouseClick(alone.ok_button, Qt.LeftButton)
    assert "without an adult" in alone.error_label.text()
    assert repo.stay(db, parent)["room"] == "B-0203"
    alone.reject()

    # release day: every test negative; a positive on the same floor (B-0204)
    clock.at = RELEASE_DAY
    _all_negative(db, parent, clock.at)
    from isolation_desk.domain.registration import validate_registration
    other = stays.check_in(db, validate_registration(
        {"name": "赵邻", "id_number": "11010519900101023X", "category": "close_contact",
         "last_exposure_date": "2022-11-18"}, clock.at.date()), MANAGER, clock.at - timedelta(hours=5),
        room_id=rooms.find_room(db, "B-0204")["id"])
    t = repo.tests_for_stay(db, other.stay_id)[0]
    sampling.record_sample(db, t["id"], clock.at - timedelta(hours=4), NURSE, clock.at)
    results.record_result(db, t["id"], "positive", NURSE, clock.at - timedelta(hours=1))

    # the release is refused with the reason in words, until a manager confirms with a reason
    nurse_ctx = AppContext(db, NURSE, "en", clock=clock)
    refused = _open(qtbot, ReleaseDialog(nurse_ctx, parent))
    assert refused.decision.reasons == ("positive_nearby",)
    assert "positive in the room or on the floor (B-0204)" in refused.reasons.text()
    assert not refused.ok_button.isEnabled()
    refused.reject()
    release = _open(qtbot, ReleaseDialog(ctx, parent))
    qtbot.mouseClick(release.ok_button, Qt.LeftButton)  # no reason: refused again
    assert repo.stay(db, parent)["status"] == "in_isolation"
    release.override.setPlainText("流调确认非密接,指挥部同意")
    release.community_told.setChecked(True)
    with qtbot.waitSignal(ctx.changed):
        qtbot.mouseClick(release.ok_button, Qt.LeftButton)
    s = repo.stay(db, parent)
    assert s["status"] == "released" and s["community_notified_by"] == "boss"
    entry = db.query_one("SELECT * FROM audit WHERE action = 'release' AND entity_id = ?", (parent,))
    assert entry["actor"] == "boss" and "positive_nearby" in entry["after"] and "流调确认" in entry["after"]
    # the child, in the room without an adult now, raises the alert
    assert [a["stay_id"] for a in emergency.open_alerts(db) if a["kind"] == "child_alone"] == [child]


def test_a_fever_release_needs_a_second_person_who_signs_in(qtbot, db):
    clock = Clock(DAY1)
    accounts.create_first_manager(db, "boss", "Boss", "boss-password-1", DAY1)
    accounts.create_user(db, "doc", "Doctor", "medical", "doc-password-1", accounts.sign_in(
        db, "boss", "boss-password-1", DAY1), DAY1)
    ctx = AppContext(db, MANAGER, "en", clock=clock)
    parent = _check_in(qtbot, ctx, "王父", "110105198001010235")
    clock.at = RELEASE_DAY
    _all_negative(db, parent, clock.at)
    health_checks.record_health_check(db, parent, clock.at - timedelta(hours=3), "morning", 37.5, [], NURSE, clock.at)
    release = _open(qtbot, ReleaseDialog(ctx, parent))
    assert release.second_box.isVisible()
    release.override.setPlainText("复测正常")
    qtbot.mouseClick(release.ok_button, Qt.LeftButton)
    assert "second signed-in account" in release.error_label.text()
    release.second_user.setText("doc")
    release.second_password.setText("wrong-password")
    release.second_reason.setText("复测36.5")
    qtbot.mouseClick(release.ok_button, Qt.LeftButton)
    assert repo.stay(db, parent)["status"] == "in_isolation"
    release.second_password.setText("doc-password-1")
    with qtbot.waitSignal(ctx.changed):
        qtbot.mouseClick(release.ok_button, Qt.LeftButton)
    entry = db.query_one("SELECT * FROM audit WHERE action = 'release'")
    assert '"second_actor": "doc"' in entry["after"] and "复测36.5" in entry["after"]


def test_the_audit_screen_says_each_override_in_words(qtbot, db):
    from isolation_desk.ui.screens.audit import AuditScreen
    test_a_fever_release_needs_a_second_person_who_signs_in(qtbot, db)
    screen = AuditScreen(AppContext(db, MANAGER, "en", clock=Clock(RELEASE_DAY)))
    qtbot.addWidget(screen)
    screen.refresh()
    texts = [screen.model.index(r, 5).data() for r in range(screen.model.rowCount())]
    line = next(t for t in texts if t.startswith("Override of:"))
    assert "fever in the last 24 hours" in line and "Reason: 复测正常" in line
    assert "Confirmed by doc (Medical): 复测36.5" in line


def test_a_child_without_a_document_checks_in_with_the_parent_from_the_dialog(qtbot, db):
    ctx = AppContext(db, MANAGER, "en", clock=Clock(DAY1))
    parent = _check_in(qtbot, ctx, "王父", "110105198001010235")
    d = _open(qtbot, CheckInDialog(ctx))
    d.name.setText("王小宝")
    d.category.setCurrentIndex(d.category.findData("close_contact"))
    d.last_exposure.setText("2022-11-13")
    d.household.setChecked(True)
    d.host.setCurrentIndex(d.host.findData(parent))
    d.no_document.setChecked(True)
    assert not d.id_number.isEnabled() and d.birth_date.isEnabled()
    qtbot.mouseClick(d.ok_button, Qt.LeftButton)
    assert "Birth date needed" in d.error_label.text()
    assert db.scalar("SELECT count(*) FROM stays") == 1
    d.birth_date.setText("2020-02-02")
    with qtbot.waitSignal(ctx.changed):
        qtbot.mouseClick(d.ok_button, Qt.LeftButton)
    child = repo.stay(db, d.result_value.stay_id)
    assert child["id_number"].startswith("LOCAL-") and child["room"] == repo.stay(db, parent)["room"]


def test_the_command_office_is_set_on_the_settings_screen(qtbot, db):
    from isolation_desk.services import site
    from isolation_desk.ui.screens.settings import SettingsScreen
    screen = SettingsScreen(AppContext(db, MANAGER, "en", clock=Clock(DAY1)))
    qtbot.addWidget(screen)
    screen.refresh()
    screen.command_office.setText("滨江区疫情防控指挥部办公室")
    screen.save()
    assert site.get_settings(db)["command_office"] == "滨江区疫情防控指挥部办公室"


def test_the_community_is_marked_told_later_from_the_stay_panel(qtbot, db):
    from isolation_desk.ui.widgets.stay_panel import StayPanel
    clock = Clock(DAY1)
    ctx = AppContext(db, MANAGER, "en", clock=clock)
    parent = _check_in(qtbot, ctx, "王父", "110105198001010235")
    clock.at = RELEASE_DAY
    _all_negative(db, parent, clock.at)
    stays.release(db, parent, MANAGER, clock.at)
    panel = StayPanel(ctx)
    qtbot.addWidget(panel)
    panel.show_stay(parent)
    assert panel.b_community.isEnabled()
    assert panel.mark_community_told("电话告知北山街道李女士")
    s = repo.stay(db, parent)
    assert s["community_notified"] == 1 and s["community_notified_by"] == "boss"
    assert not panel.b_community.isEnabled()
    assert panel.history_model.index(0, 1).data() == "Community told of the release"


def test_the_alert_dialog_of_a_child_alone_offers_no_acknowledgement(qtbot, db):
    from isolation_desk.ui.widgets.emergency_banner import AlertDialog, EmergencyBanner
    ctx = AppContext(db, MANAGER, "en", clock=Clock(DAY1))
    parent = _check_in(qtbot, ctx, "王父", "110105198001010235")
    child = _check_in(qtbot, ctx, "王小", "110105201501010279", host=parent, role="child")
    stays.transfer_out(db, parent, "hospital", "市定点医院", MANAGER, DAY1)
    banner = EmergencyBanner(ctx)
    qtbot.addWidget(banner)
    assert banner.label.text() == "Child alone in room B-0201: 王小 has no adult of the household with them"
    alert = next(a for a in emergency.open_alerts(db) if a["stay_id"] == child)
    dialog = AlertDialog(ctx, alert["id"])
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Child alone in a room"
    assert not dialog.ack_button.isEnabled() and not dialog.transfer_button.isEnabled()
    assert "Assign a carer" in dialog.summary.text()


def test_release_and_transfer_dialogs_warn_before_a_child_is_left_alone(qtbot, db):
    from isolation_desk.ui.dialogs.stay_actions import TransferDialog
    ctx = AppContext(db, MANAGER, "en", clock=Clock(DAY1))
    parent = _check_in(qtbot, ctx, "王父", "110105198001010235")
    child = _check_in(qtbot, ctx, "王小", "110105201501010279", host=parent, role="child")
    transfer = _open(qtbot, TransferDialog(ctx, parent))
    assert transfer.alone_warning.isVisible() and "王小 will be alone in room B-0201" in transfer.alone_warning.text()
    release = _open(qtbot, ReleaseDialog(ctx, parent))
    assert release.alone_warning.isVisible()
    assert not _open(qtbot, TransferDialog(ctx, child)).alone_warning.isVisible()  # the parent stays
