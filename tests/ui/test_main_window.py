"""The main window end to end: from check-in to release, on real widgets."""
from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog

from isolation_desk.domain.roles import Actor
from isolation_desk.services import queries
from isolation_desk.services.testing import sampling
from isolation_desk.ui.context import AppContext
from isolation_desk.ui.dialogs.checkin import CheckInDialog
from isolation_desk.ui.dialogs.stay_actions import ReleaseDateDialog, ReleaseDialog
from isolation_desk.ui.main_window import MainWindow

VALID_ID = "11010519491231002X"   # the standard's own example: born 1949-12-31, female
INVALID_ID = "110105194912310021"  # same number, wrong check character


@pytest.fixture(autouse=True)
def _own_settings(tmp_path):
    # QSettings of the tests, not of the person running them.
    fmt, org = QSettings.defaultFormat(), QCoreApplication.organizationName()
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "settings"))
    QCoreApplication.setOrganizationName("IsolationDeskTests")
    yield
    QSettings.setDefaultFormat(fmt)
    QCoreApplication.setOrganizationName(org)


def _ctx(db, now, actor):
    return AppContext(db, actor, "en", clock=lambda: now)


def _window(qtbot, ctx):
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _tile(board, room_id):
    return next(t for t in board.tiles() if t.room_id == room_id)


def _click_tile(qtbot, board, room_id):
    rect = board.tile_rect(room_id)
    with qtbot.waitSignal(board.currentChanged, raising=False, timeout=500):
        qtbot.mouseClick(board.viewport(), Qt.LeftButton, pos=rect.center())
    assert board.current_room_id() == room_id


def test_from_check_in_to_release_and_disinfection(qtbot, db, now, manager):
    ctx = _ctx(db, now, manager)
    w = _window(qtbot, ctx)
    w.show_screen("rooms")
    rooms = w.screens["rooms"]
    room = queries.room_board(db)[0]
    assert room["status"] == "ready"
    _click_tile(qtbot, rooms.board, room["id"])
    assert rooms.room_title.text() == room["label"]
    assert rooms.b_check_in.isEnabled()

    # Register with an invalid ID: the error is shown, nothing is saved.
    dialog = CheckInDialog(ctx, room_id=room["id"])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("张三")
    qtbot.keyClicks(dialog.id_number, INVALID_ID)
    assert "check character" in dialog.id_info.text()
    qtbot.keyClicks(dialog.phone, "13800138000")
    dialog.category.setCurrentIndex(dialog.category.findData("close_contact"))
    dialog.last_exposure.setText((now.date() - timedelta(days=1)).isoformat())
    assert dialog.room.currentData() == room["id"]
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert dialog.isVisible() and dialog.result() != QDialog.Accepted
    assert dialog.error_label.isVisible()
    assert "check character" in dialog.error_label.text()
    assert db.scalar("SELECT count(*) FROM stays") == 0
    assert db.scalar("SELECT count(*) FROM people") == 0

    # Correct it: the live check shows the birth date and sex the number holds.
    dialog.id_number.clear()
    qtbot.keyClicks(dialog.id_number, VALID_ID)
    assert "1949-12-31" in dialog.id_info.text() and "Female" in dialog.id_info.text()
    with qtbot.waitSignal(ctx.changed):
        qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert dialog.result() == QDialog.Accepted
    result = dialog.result_value
    assert result.room_id == room["id"]
    stay_id = result.stay_id

    # The board shows the room occupied, with the occupant's name.
    tile = _tile(rooms.board, room["id"])
    assert tile.status == "occupied" and "张三" in tile.names
    assert tile.test_due  # sampled on the day of check-in
    assert "Beds occupied: 1 /" in w.status_beds.text()

    # Extend the release: the reason is required.
    old_release = result.release_date
    extend = ReleaseDateDialog(ctx, stay_id)
    qtbot.addWidget(extend)
    extend.show()
    extend.set_new_date(old_release + timedelta(days=2))
    assert "Extends the isolation by 2 day" in extend.change_info.text()
    qtbot.mouseClick(extend.ok_button, Qt.LeftButton)
    assert "reason is required" in extend.error_label.text()
    qtbot.keyClicks(extend.reason, "room-mate positive on floor 2")
    with qtbot.waitSignal(ctx.changed):
        qtbot.mouseClick(extend.ok_button, Qt.LeftButton)
    assert queries.stay_detail(db, stay_id)["release_date"] == (old_release + timedelta(days=2)).isoformat()
    history = queries.stay_detail(db, stay_id)["history"]
    assert history[-1]["kind"] == "extend" and history[-1]["reason"] == "room-mate positive on floor 2"

    # The check-in sample is taken, its result not back: release is refused, in words.
    test_id = db.scalar("SELECT id FROM tests WHERE stay_id = ? AND purpose = 'check_in'", (stay_id,))
    sampling.record_sample(db, test_id, now, manager, now)
    later = now.replace(hour=10)
    nurse = _ctx(db, later, Actor("nurse1", "medical", "Nurse"))
    refused = ReleaseDialog(nurse, stay_id)
    qtbot.addWidget(refused)
    refused.show()
    assert not refused.decision.allowed
    assert "a test result is pending" in refused.reasons.text()
    assert "Release is refused" in refused.verdict.text()
    assert not refused.ok_button.isEnabled()  # only a manager may override
    assert "Only a manager" in refused.override_hint.text()

    # A manager overrides, with a reason that is recorded.
    ctx._clock = lambda: later
    release = ReleaseDialog(ctx, stay_id)
    qtbot.addWidget(release)
    release.show()
    assert release.ok_button.isEnabled()
    qtbot.mouseClick(release.ok_button, Qt.LeftButton)  # no reason yet: refused again
    assert release.error_label.isVisible() and "a manager writes the reason" in release.error_label.text()
    assert db.scalar("SELECT status FROM stays WHERE id = ?", (stay_id,)) == "in_isolation"
    release.override.setPlainText("指挥部同意提前解除 (HQ approval)")
    with qtbot.waitSignal(ctx.changed):
        qtbot.mouseClick(release.ok_button, Qt.LeftButton)
    assert db.scalar("SELECT status FROM stays WHERE id = ?", (stay_id,)) == "released"
    event = queries.stay_detail(db, stay_id)["history"][-1]
    assert event["kind"] == "override_release" and "HQ approval" in event["reason"]

    # The room awaits terminal disinfection; marking it disinfected makes it ready.
    tile = _tile(rooms.board, room["id"])
    assert tile.status == "awaiting_disinfection"
    _click_tile(qtbot, rooms.board, room["id"])
    assert rooms.b_disinfected.isEnabled() and not rooms.b_check_in.isEnabled()
    with qtbot.waitSignal(ctx.changed):
        qtbot.mouseClick(rooms.b_disinfected, Qt.LeftButton)
    assert _tile(rooms.board, room["id"]).status == "ready"
    assert rooms.b_check_in.isEnabled()
    assert "Ready" in rooms.room_status.text()


def test_status_bar_shows_beds_date_and_shift(qtbot, demo_db, now, manager):
    w = _window(qtbot, _ctx(demo_db, now, manager))
    c = queries.census(demo_db)
    assert w.status_beds.text() == f"Beds occupied: {c['occupied']} / {c['beds']}"
    assert w.status_date.text() == "2022-11-20 09:30"
    assert w.status_shift.text() == "Day shift 08:00–20:00"
    night = _window(qtbot, _ctx(demo_db, now.replace(hour=3), manager))
    assert night.status_shift.text() == "Night shift 20:00–08:00"


# offscreen windows never become active on their own; Qt has no other way to make one active
@pytest.mark.filterwarnings("ignore:Function.*setActiveWindow.*deprecated:DeprecationWarning")
def test_screens_switch_with_keys_and_last_screen_is_remembered(qtbot, db, now, manager):
    ctx = _ctx(db, now, manager)
    w = _window(qtbot, ctx)
    QApplication.setActiveWindow(w)  # shortcuts fire in the active window
    qtbot.keyClick(w.nav, Qt.Key_3, Qt.ControlModifier)
    assert w.current_screen_key() == "occupants"
    assert w.stack.currentWidget() is w.screens["occupants"]
    qtbot.keyClick(w.nav, Qt.Key_2, Qt.ControlModifier)
    assert w.stack.currentWidget() is w.screens["rooms"]
    w.close()
    again = _window(qtbot, ctx)
    assert again.current_screen_key() == "rooms"
    assert again.stack.currentWidget() is again.screens["rooms"]


def test_room_board_opens_the_occupant(qtbot, demo_db, now, manager):
    ctx = _ctx(demo_db, now, manager)
    w = _window(qtbot, ctx)
    w.show_screen("rooms")
    rooms = w.screens["rooms"]
    tile = next(t for t in rooms.board.tiles() if t.status == "occupied")
    _click_tile(qtbot, rooms.board, tile.room_id)
    rooms.board.setFocus()
    qtbot.keyClick(rooms.board, Qt.Key_Return)
    assert w.current_screen_key() == "occupants"
    occupants = w.screens["occupants"]
    stay = occupants.panel.stay_id
    assert stay is not None
    assert queries.stay_detail(demo_db, stay)["room_id"] == tile.room_id


def test_the_window_speaks_chinese(qtbot, demo_db, now, manager):
    from isolation_desk.ui import i18n
    if not i18n.install("zh_CN"):
        pytest.skip("no zh_CN translation built (pyside6-lrelease missing)")
    try:
        ctx = AppContext(demo_db, manager, "zh_CN", clock=lambda: now)
        w = _window(qtbot, ctx)
        assert [w.nav.item(i).text() for i in range(3)] == ["今日", "房间", "隔离人员"]
        assert w.status_beds.text().startswith("床位占用")
        assert w.status_shift.text() == "白班 08:00–20:00"
        w.show_screen("occupants")
        occupants = w.screens["occupants"]
        assert occupants.model.headerData(0, Qt.Horizontal) == "房间"
        assert occupants.model.data(occupants.model.index(0, 2)) in ("男", "女")
        w.show_screen("rooms")
        assert w.screens["rooms"].legend._items()[0][2] == "就绪"
    finally:
        i18n.install("en")


def test_names_follow_the_installed_translator(qapp):
    from isolation_desk.ui import i18n
    from isolation_desk.ui.widgets import names
    assert names.category("close_contact") == "Close contact"
    if not i18n.install("zh_CN"):
        pytest.skip("no zh_CN translation built")
    try:
        qapp.processEvents()
        assert names.category("close_contact") == "密接"
    finally:
        i18n.install("en")
        qapp.processEvents()
    assert names.category("close_contact") == "Close contact"


def test_export_the_table_shown_from_every_table_screen(qtbot, tmp_path, demo_db, now):
    """Data ▸ Export (Ctrl+E) writes what the table on screen shows; people's data needs the
    manager role and is audited, the stock table does not."""
    import openpyxl

    from isolation_desk.domain.roles import Actor
    from isolation_desk.ui.context import AppContext
    from isolation_desk.ui.main_window import MainWindow
    ctx = AppContext(demo_db, Actor("boss", "manager"), "en", clock=lambda: now)
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    before = demo_db.scalar("SELECT count(*) FROM audit WHERE action = 'export_personal'")
    for key in ("occupants", "supplies", "tests"):
        w.show_screen(key)
        qtbot.waitUntil(lambda: w._table_to_export()[1] is not None)
        out = w.export_current_table(path=tmp_path / f"{key}.xlsx")
        ws = openpyxl.load_workbook(out).active
        assert ws.max_row > 1, key
    after = demo_db.scalar("SELECT count(*) FROM audit WHERE action = 'export_personal'")
    assert after == before + 2  # occupants and tests, not supplies
    ctx.actor = Actor("v", "viewer")
    w.show_screen("occupants")
    import pytest as _pytest
    from PySide6.QtWidgets import QMessageBox
    monkey = _pytest.MonkeyPatch()
    shown = []
    monkey.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    assert w.export_current_table(path=tmp_path / "no.xlsx") is None
    monkey.undo()
    assert shown and "may not" in shown[0]
    w.close()
