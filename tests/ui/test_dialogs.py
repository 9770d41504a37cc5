"""The main window's dialogs, driven directly."""
from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from isolation_desk.domain.registration import validate_registration
from isolation_desk.services import queries, site, stays
from isolation_desk.ui.context import AppContext
from isolation_desk.ui.dialogs.checkin import CheckInDialog
from isolation_desk.ui.dialogs.first_start import FirstStartDialog
from isolation_desk.ui.dialogs.stay_actions import MoveDialog, TransferDialog
from isolation_desk.ui.screens.settings import ApplyPolicyDialog, PolicyDialog, SettingsScreen


def _ctx(db, now, actor):
    return AppContext(db, actor, "en", clock=lambda: now)


def _checked_in(db, now, actor, name="李四", id_number="11010519491231002X"):
    reg = validate_registration({"name": name, "id_number": id_number, "category": "close_contact",
                                 "last_exposure_date": (now.date() - timedelta(days=2)).isoformat()},
                                now.date())
    return stays.check_in(db, reg, actor, now)


def _open(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_check_in_live_validation_and_suggested_room(qtbot, db, now, manager):
    d = _open(qtbot, CheckInDialog(_ctx(db, now, manager)))
    assert "Enter the number" in d.id_info.text()
    qtbot.keyClicks(d.id_number, "1101051949")
    assert "18 characters" in d.id_info.text()
    d.id_number.clear()
    qtbot.keyClicks(d.id_number, "11010519491231002X")
    assert "born 1949-12-31" in d.id_info.text()
    assert d.sex.currentData() == "F" and not d.sex.isEnabled()
    qtbot.keyClicks(d.phone, "2380013800")
    assert "11 digits" in d.phone_info.text()
    d.phone.clear()
    qtbot.keyClicks(d.phone, "13800138000")
    assert d.phone_info.text() == "Valid mobile number"
    # a passport: no check digit, sex and birth date typed in
    d.id_type.setCurrentIndex(d.id_type.findData("passport"))
    assert d.sex.isEnabled() and "check it by eye" in d.id_info.text()
    # the release date follows the category's policy (9th edition: 7 days)
    d.category.setCurrentIndex(d.category.findData("close_contact"))
    d.last_exposure.setText("2022-11-18")
    assert "release on 2022-11-25" in d.release_info.text()
    d.category.setCurrentIndex(d.category.findData("inbound_traveller"))
    assert f"release on {(now.date() + timedelta(days=7)).isoformat()}" in d.release_info.text()
    # secondary contacts are not admitted under the 9th edition: not offered
    assert d.category.findData("secondary_contact") == -1
    # a suggested ready room
    assert d.room.currentData() is not None and "Suggested" in d.room_info.text()
    # a missing name is named in words and nothing is saved
    qtbot.mouseClick(d.ok_button, Qt.LeftButton)
    assert "Enter the person's name" in d.error_label.text()
    assert db.scalar("SELECT count(*) FROM stays") == 0


def test_check_in_a_child_with_a_parent(qtbot, db, now, manager):
    ctx = _ctx(db, now, manager)
    # a two-bed room in building B
    room = next(r for r in queries.room_board(db) if r["beds"] == 2)
    reg = validate_registration({"name": "王母", "id_number": "11010519800101026X", "category": "close_contact",
                                 "last_exposure_date": "2022-11-18"}, now.date())
    parent = stays.check_in(db, reg, manager, now, room_id=room["id"])
    d = _open(qtbot, CheckInDialog(ctx))
    d.name.setText("王小")
    qtbot.keyClicks(d.id_number, "11010520150101013X")
    d.category.setCurrentIndex(d.category.findData("close_contact"))
    d.last_exposure.setText("2022-11-18")
    d.household.setChecked(True)
    assert not d.room.isEnabled()
    d.host.setCurrentIndex(d.host.findData(parent.stay_id))
    d.role.setCurrentIndex(d.role.findData("child"))
    d.host_role.setCurrentIndex(d.host_role.findData("parent"))
    with qtbot.waitSignal(ctx.changed):
        qtbot.mouseClick(d.ok_button, Qt.LeftButton)
    assert d.result() == QDialog.Accepted
    assert d.result_value.room_id == room["id"]


def test_check_in_here_on_an_occupied_room_joins_its_household(qtbot, db, now, manager):
    room = next(r for r in queries.room_board(db) if r["beds"] == 2)
    reg = validate_registration({"name": "李母", "id_number": "11010519800101026X", "category": "close_contact",
                                 "last_exposure_date": "2022-11-18"}, now.date())
    parent = stays.check_in(db, reg, manager, now, room_id=room["id"])
    d = _open(qtbot, CheckInDialog(_ctx(db, now, manager), room_id=room["id"]))
    assert d.household.isChecked() and d.host.currentData() == parent.stay_id
    assert "joins its household" in d.room_info.text()


def test_move_and_transfer_dialogs(qtbot, db, now, manager):
    ctx = _ctx(db, now, manager)
    result = _checked_in(db, now, manager)
    move = _open(qtbot, MoveDialog(ctx, result.stay_id))
    target = move.room.itemData(3)
    move.room.setCurrentIndex(3)
    qtbot.mouseClick(move.ok_button, Qt.LeftButton)
    assert "reason is required" in move.error_label.text()
    qtbot.keyClicks(move.reason, "air conditioning broken")
    with qtbot.waitSignal(ctx.changed):
        qtbot.mouseClick(move.ok_button, Qt.LeftButton)
    assert queries.stay_detail(db, result.stay_id)["room_id"] == target
    assert queries.room_detail(db, result.room_id)["status"] == "awaiting_disinfection"

    transfer = _open(qtbot, TransferDialog(ctx, result.stay_id))
    transfer.kind.setCurrentIndex(transfer.kind.findData("hospital"))
    qtbot.mouseClick(transfer.ok_button, Qt.LeftButton)
    assert "transferred to" in transfer.error_label.text()
    transfer.destination.setText("市第一人民医院")
    with qtbot.waitSignal(ctx.changed):
        qtbot.mouseClick(transfer.ok_button, Qt.LeftButton)
    s = queries.stay_detail(db, result.stay_id)
    assert s["status"] == "transferred" and s["transfer_destination"] == "市第一人民医院"
    assert queries.room_detail(db, target)["status"] == "awaiting_disinfection"


def test_first_start_sets_up_a_site(qtbot, empty_db, now, manager):
    ctx = _ctx(empty_db, now, manager)
    d = _open(qtbot, FirstStartDialog(ctx))
    d.name.setText("城东集中隔离点")
    qtbot.mouseClick(d.ok_button, Qt.LeftButton)
    assert "at least one range" in d.error_label.text()
    d.rooms.setPlainText("A, 2-3, 01-05\nB栋 2-2层 01-04号 oops")
    qtbot.mouseClick(d.ok_button, Qt.LeftButton)
    assert "is not a room range" in d.error_label.text()
    d.rooms.setPlainText("A, 2-3, 01-05\nB栋 2-2层 01-04号")
    d.preset.setCurrentIndex(d.preset.findData("edition_9"))
    d.night_start.setText("19:30")
    with qtbot.waitSignal(ctx.changed):
        qtbot.mouseClick(d.ok_button, Qt.LeftButton)
    assert site.is_set_up(empty_db)
    assert empty_db.scalar("SELECT count(*) FROM rooms") == 14
    assert site.get_settings(empty_db)["night_shift_start"] == "19:30"
    assert site.current_policies(empty_db)["close_contact"][1].isolation_days == 7


def test_first_start_demo(qtbot, empty_db, now, manager):
    ctx = _ctx(empty_db, now, manager)
    d = _open(qtbot, FirstStartDialog(ctx))
    d.demo.setChecked(True)
    assert not d.site_box.isEnabled()
    d.demo_rooms.setValue(30)
    with qtbot.waitSignal(ctx.changed, timeout=60000):
        qtbot.mouseClick(d.ok_button, Qt.LeftButton)
    assert site.is_set_up(empty_db)
    assert empty_db.scalar("SELECT count(*) FROM stays") > 0


def test_settings_screen_policy_table_and_apply_to_current(qtbot, db, now, manager, qtmodeltester):
    ctx = _ctx(db, now, manager)
    _checked_in(db, now, manager)
    screen = SettingsScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    qtmodeltester.check(screen.model)
    assert "day 0 is the start date" in screen.convention.text()
    row = screen.model.row_of_key("close_contact")
    assert screen.model.data(screen.model.index(row, 1)) == "7"
    assert screen.model.data(screen.model.index(row, 3)) == "1, 2, 3, 5, 7"
    # site settings: a bad time is refused in words (message box), a good one saved
    screen.fever.setText("37.5")
    screen.day_start.setText("07:30")
    qtbot.mouseClick(screen.b_save, Qt.LeftButton)
    assert site.get_settings(db)["day_shift_start"] == "07:30"
    assert site.get_settings(db).fever_threshold == 37.5
    # edit the policy: 5 days, tests 1, 2, 3, 5 ("20 measures")
    edit = _open(qtbot, PolicyDialog(ctx, "close_contact"))
    edit.days.setValue(5)
    edit.test_days.setText("1, 2, 3, 7")
    qtbot.mouseClick(edit.ok_button, Qt.LeftButton)
    assert "outside the isolation" in edit.error_label.text()
    edit.test_days.setText("1、2、3、5")
    assert not edit.surface.isChecked()  # the 9th edition's preset does not sample surfaces
    edit.surface.setChecked(True)
    with qtbot.waitSignal(ctx.changed):
        qtbot.mouseClick(edit.ok_button, Qt.LeftButton)
    assert screen.model.data(screen.model.index(row, 1)) == "5"
    assert site.current_policies(db)["close_contact"][1].surface_sampling
    # the current occupant keeps the old policy until it is applied: preview first
    apply = _open(qtbot, ApplyPolicyDialog(ctx, "close_contact"))
    assert apply.model.rowCount() == 1
    qtmodeltester.check(apply.model)
    assert apply.model.data(apply.model.index(0, 0)) == "李四"
    old, new = apply.changes[0].old_release, apply.changes[0].new_release
    assert (old - new).days == 2
    qtbot.keyClicks(apply.reason, "20 measures, 11 November 2022")
    with qtbot.waitSignal(ctx.changed):
        qtbot.mouseClick(apply.ok_button, Qt.LeftButton)
    assert db.scalar("SELECT release_date FROM stays") == new.isoformat()
    nobody = _open(qtbot, ApplyPolicyDialog(ctx, "close_contact"))
    assert not nobody.ok_button.isEnabled() and "Nobody would change" in nobody.summary.text()


def test_language_switch_in_settings_keeps_work(qtbot, db, now, manager, tmp_path):
    from PySide6.QtCore import QCoreApplication, QSettings

    from isolation_desk.ui import i18n
    from isolation_desk.ui.main_window import MainWindow
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path))
    org = QCoreApplication.organizationName()
    QCoreApplication.setOrganizationName("IsolationDeskTests")
    ctx = _ctx(db, now, manager)
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    try:
        w.show_screen("occupants")
        w.screens["occupants"].search.setText("A-02")  # work in progress
        w.show_screen("settings")
        settings = w.screens["settings"]
        with qtbot.waitSignal(ctx.language_changed):
            settings.language.setCurrentIndex(settings.language.findData("zh_CN"))
        if ctx.lang == "zh_CN" and i18n._installed:
            assert w.nav.item(1).text() == "房间"
        assert QSettings().value("ui/language") == "zh_CN"
        assert w.screens["occupants"].search.text() == "A-02"
        with qtbot.waitSignal(ctx.language_changed):
            settings.language.setCurrentIndex(settings.language.findData("en"))
        assert w.nav.item(1).text() == "Rooms"
    finally:
        i18n.install("en")
        QSettings.setDefaultFormat(QSettings.NativeFormat)
        QCoreApplication.setOrganizationName(org)
