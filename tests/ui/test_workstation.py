"""Issue 18: the window at a real workstation (1366x768, Chinese): messages that follow the
input, texts that show whole."""
from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from isolation_desk.domain.registration import validate_registration
from isolation_desk.services import queries, stays
from isolation_desk.ui import i18n
from isolation_desk.ui.context import AppContext
from isolation_desk.ui.dialogs.checkin import CheckInDialog


@pytest.fixture(autouse=True)
def app_style(qapp):
    """The application's style sheet, as the window runs with it (padding, fonts, borders):
    what fits and what is cut depends on it."""
    from isolation_desk.ui.icons import load_style_sheet
    before = qapp.styleSheet()
    qapp.setStyleSheet(load_style_sheet())
    yield
    qapp.setStyleSheet(before)


@pytest.fixture
def zh(qapp):
    assert i18n.install("zh_CN", qapp)
    yield
    i18n.install("en", qapp)


def _open(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


# -- check-in dialog ----------------------------------------------------------------------
def test_the_error_and_red_frame_go_once_the_id_is_corrected(qtbot, db, now, manager, zh):
    d = _open(qtbot, CheckInDialog(AppContext(db, manager, "zh_CN", clock=lambda: now)))
    d.name.setText("王小明")
    d.id_number.setText("110105194912310021")  # check digit wrong (X)
    qtbot.mouseClick(d.ok_button, Qt.LeftButton)
    assert "校验位" in d.error_label.text() and d.error_label.isVisible()
    assert "border" in d.id_number.styleSheet()
    d.id_number.setText("11010519491231002X")
    assert "1949-12-31" in d.id_info.text()               # the live hint says it is right ...
    assert not d.error_label.isVisible() and d.error_label.text() == ""   # ... and so does the rest
    assert d.id_number.styleSheet() == ""
    assert db.scalar("SELECT count(*) FROM stays") == 0


def test_an_error_on_another_field_stays_until_that_field_changes(qtbot, db, now, manager):
    d = _open(qtbot, CheckInDialog(AppContext(db, manager, "en", clock=lambda: now)))
    d.id_number.setText("11010519491231002X")
    qtbot.mouseClick(d.ok_button, Qt.LeftButton)
    assert "name" in d.error_label.text() and "border" in d.name.styleSheet()
    d.phone.setText("13800138000")  # not the field in error
    assert d.error_label.isVisible()
    d.name.setText("李四")
    assert not d.error_label.isVisible() and d.name.styleSheet() == ""


def test_joining_a_household_shows_the_room_the_person_goes_to(qtbot, db, now, manager, zh):
    room = next(r for r in queries.room_board(db) if r["beds"] == 2)
    reg = validate_registration({"name": "王母", "id_number": "11010519800101026X", "category": "close_contact",
                                 "last_exposure_date": (now.date() - timedelta(days=2)).isoformat()}, now.date())
    parent = stays.check_in(db, reg, manager, now, room_id=room["id"])
    d = _open(qtbot, CheckInDialog(AppContext(db, manager, "zh_CN", clock=lambda: now)))
    suggested = d.room.currentText()
    assert suggested and suggested != room["label"] and "建议" in d.room_info.text()
    d.household.setChecked(True)
    d.host.setCurrentIndex(d.host.findData(parent.stay_id))
    assert not d.room.isEnabled()
    assert d.room.currentText() == room["label"]
    assert room["label"] in d.room_info.text() and "建议" not in d.room_info.text()
    d.household.setChecked(False)  # back to the room chosen before
    assert d.room.currentText() == suggested and d.room.findText(room["label"]) == -1
    assert "建议" in d.room_info.text()
    d.household.setChecked(True)
    d.name.setText("王小")
    d.id_number.setText("11010520150101013X")
    d.last_exposure.setText((now.date() - timedelta(days=2)).isoformat())
    d.role.setCurrentIndex(d.role.findData("child"))
    qtbot.mouseClick(d.ok_button, Qt.LeftButton)
    assert d.result_value.room_id == room["id"]


def test_the_release_line_shows_whole_and_says_please_fill_in(qtbot, db, now, manager, zh):
    d = _open(qtbot, CheckInDialog(AppContext(db, manager, "zh_CN", clock=lambda: now)))
    d.name.setText("王小明")
    d.id_number.setText("110105194912310021")
    qtbot.mouseClick(d.ok_button, Qt.LeftButton)  # the error line takes its place at the bottom
    d.category.setCurrentIndex(d.category.findData("close_contact"))  # counted from the exposure
    d.last_exposure.setText("")
    assert "请填写末次暴露日期" in d.release_info.text()
    qtbot.wait(10)
    # every line of every message shows: the labels are as high as their text at their width
    for label in (d.release_info, d.id_info, d.room_info, d.error_label):
        assert label.height() >= label.heightForWidth(label.width()), label.objectName()


# -- Today on an empty site -----------------------------------------------------------------
def _axis_labels(axis) -> list[str]:
    """The labels a fixed-tick QValueAxis draws: min + i * (max - min) / (ticks - 1), '%d'."""
    n = axis.tickCount()
    return [str(int(axis.min() + i * (axis.max() - axis.min()) / (n - 1))) for i in range(n)]


def test_the_charts_of_an_empty_site_count_in_whole_numbers_from_0(qtbot, db, now, manager):
    from isolation_desk.ui.screens.today import TodayScreen
    screen = TodayScreen(AppContext(db, manager, "en", clock=lambda: now))
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitUntil(lambda: screen.summary is not None)
    charts = (screen.trend_view.chart(), screen.due_view.chart())
    axes = [a for c in charts for a in c.axes(Qt.Vertical)]
    assert len(axes) == 3
    for axis in axes:
        assert axis.tickCount() == 5 and (axis.min(), axis.max()) == (0, 4)
        labels = _axis_labels(axis)
        assert labels == ["0", "1", "2", "3", "4"]  # was 0, 0, 1, 1 (0-1 in 4 steps of 0.25)
        assert all(float(v).is_integer() for v in (axis.min() + i * (axis.max() - axis.min()) / (axis.tickCount() - 1)
                                                   for i in range(axis.tickCount())))


def test_a_busy_site_still_gets_whole_number_ticks():
    from isolation_desk.ui.screens.today import integer_axis
    for top in (4.6, 9, 12, 23, 303.6, 1234):
        axis = integer_axis(top)
        step = (axis.max() - axis.min()) / (axis.tickCount() - 1)
        assert axis.min() == 0 and axis.max() >= top and step.is_integer() and axis.tickCount() <= 6


# -- a window of 1366x768 in Chinese ---------------------------------------------------------
@pytest.fixture
def own_settings(tmp_path):
    from PySide6.QtCore import QCoreApplication, QSettings
    fmt, org = QSettings.defaultFormat(), QCoreApplication.organizationName()
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "settings"))
    QCoreApplication.setOrganizationName("IsolationDeskWorkstationTests")
    yield
    QSettings.setDefaultFormat(fmt)
    QCoreApplication.setOrganizationName(org)


def _window(qtbot, db, now, manager, size=(1366, 768)):
    from isolation_desk.ui.main_window import MainWindow
    window = MainWindow(AppContext(db, manager, "zh_CN", clock=lambda: now))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    return window


def _fits(table, column, rows=range(40), sort_mark=False) -> list[str]:
    """What of ``column`` does not show whole: the header or a cell text wider than the
    section (QFontMetrics), or the section beyond the table's visible width."""
    model, header = table.model(), table.horizontalHeader()
    width = header.sectionSize(column)
    problems = []
    head = model.headerData(column, Qt.Horizontal)
    need = header.fontMetrics().horizontalAdvance(head) + 12 + (18 if sort_mark else 0)
    if need > width:
        problems.append(f"header {head!r} needs {need} px, has {width}")
    fm = table.fontMetrics()
    for r in rows:
        if r >= model.rowCount():
            break
        text = model.index(r, column).data() or ""
        if fm.horizontalAdvance(text) + 8 > width:
            problems.append(f"{text!r} needs {fm.horizontalAdvance(text) + 8} px, has {width}")
    if header.sectionViewportPosition(column) + width > table.viewport().width():
        problems.append(f"column {head!r} ends at {header.sectionViewportPosition(column) + width} px, "
                        f"the table shows {table.viewport().width()}")
    return problems


def test_occupants_key_columns_show_whole_at_1366x768(qtbot, demo_db, now, manager, zh, own_settings):
    window = _window(qtbot, demo_db, now, manager)
    window.show_screen("occupants")
    screen = window.screens["occupants"]
    qtbot.waitUntil(lambda: screen.model.rowCount() > 100)
    table = screen.table
    heads = [screen.model.headerData(c, Qt.Horizontal) for c in range(screen.model.columnCount())]
    key_columns = [heads.index(h) for h in ("房间", "姓名", "人员类别", "天数", "解除", "状态")]
    # the longest category word is among the rows looked at
    longest = max(range(screen.model.rowCount()), key=lambda r: len(screen.model.index(r, 4).data()))
    problems = {c: _fits(table, c, rows=[*range(40), longest], sort_mark=c == 0) for c in key_columns}
    assert not any(problems.values()), problems


def test_occupants_column_widths_are_remembered(qtbot, demo_db, now, manager, own_settings):
    window = _window(qtbot, demo_db, now, manager)
    window.show_screen("occupants")
    screen = window.screens["occupants"]
    qtbot.waitUntil(lambda: screen.model.rowCount() > 100)
    screen.table.setColumnWidth(1, 177)
    screen.table.setColumnWidth(8, 133)
    window.close()  # the screen hides: its columns are kept for this workstation
    again = _window(qtbot, demo_db, now, manager)
    again.show_screen("occupants")
    other = again.screens["occupants"]
    qtbot.waitUntil(lambda: other.model.rowCount() > 100)
    assert other.table.columnWidth(1) == 177 and other.table.columnWidth(8) == 133


# -- rooms board ----------------------------------------------------------------------------
def test_a_floor_of_10_rooms_fits_one_line_and_reasons_show_whole(qtbot, db, now, manager, zh, own_settings):
    from isolation_desk.services import rooms as room_service
    tiles = [r for r in queries.room_board(db) if r["building"] == "A" and r["floor"] == 2]
    assert len(tiles) == 10
    closed = tiles[-1]
    reason = "卫生间漏水,已报物业维修,预计周五修好"
    room_service.take_out_of_service(db, closed["id"], reason, manager, now)
    window = _window(qtbot, db, now, manager)
    window.show_screen("rooms")
    screen = window.screens["rooms"]
    board = screen.board
    qtbot.waitUntil(lambda: len(board.tiles()) > 30)
    rects = [board.tile_rect(t["id"]) for t in tiles]
    assert len({r.top() for r in rects}) == 1, "the floor wraps onto a second line"
    assert max(r.right() for r in rects) <= board.viewport().width()
    # the room number fits its tile
    fm = QFontMetrics(board._font_compact if board._compact else board._font_number)
    assert fm.horizontalAdvance("0210") + 10 <= rects[-1].width()
    # the reason, cut on the tile, is whole in the tooltip and in the side panel
    tile = next(t for t in board.tiles() if t.room_id == closed["id"])
    assert reason in board.tile_tooltip(tile)
    two_beds = next(t for t in board.tiles() if t.beds == 2)  # a narrow tile may leave its beds out
    assert "0/2" in board.tile_tooltip(two_beds)
    board.set_current_room(closed["id"])
    assert reason in screen.room_status.text() and screen.room_status.wordWrap()
    reasons = screen.history_model.index(screen.history_model.rowCount() - 1, 3)
    assert reasons.data(Qt.ToolTipRole) == reason
    # the summary line is not cut
    counts = screen.counts
    assert "停用 1" in counts.text()
    qtbot.waitUntil(lambda: counts.fontMetrics().horizontalAdvance(counts.text()) <= counts.contentsRect().width(),
                    timeout=1000)


def test_the_summary_line_stays_whole_at_1280_logical_pixels(qtbot, demo_db, now, manager, zh, own_settings):
    """1600x900 at 125 %: 1280x720 logical pixels."""
    window = _window(qtbot, demo_db, now, manager, size=(1280, 720))
    window.show_screen("rooms")
    screen = window.screens["rooms"]
    qtbot.waitUntil(lambda: len(screen.board.tiles()) > 100)
    counts = screen.counts
    assert "待终末消毒" in counts.text() and "停用" in counts.text()
    qtbot.waitUntil(lambda: counts.fontMetrics().horizontalAdvance(counts.text()) <= counts.contentsRect().width(),
                    timeout=1000)
    assert window.width() == 1280 and window.minimumSizeHint().width() <= 1280  # no screen widens it
    board = screen.board
    floor = [t for t in board.tiles() if t.building == "A" and t.floor == 2]
    assert len(floor) == 10 and len({board.tile_rect(t.room_id).top() for t in floor}) == 1


# -- audit screen ---------------------------------------------------------------------------
def test_audit_time_and_record_columns_whole_and_changes_in_words(qtbot, demo_db, now, manager, zh, own_settings):
    from isolation_desk.services import papers
    papers.record_printed(demo_db, manager, "daily_report", now, day=now.date().isoformat(), format="pdf")
    window = _window(qtbot, demo_db, now, manager)
    window.show_screen("audit")
    screen = window.screens["audit"]
    screen.period.setCurrentIndex(screen.period.findData("all"))
    screen.refresh()
    table, model = screen.table, screen.model
    assert model.rowCount() > 100
    problems = {c: _fits(table, c, rows=range(min(300, model.rowCount()))) for c in (0, 4)}
    assert not any(problems.values()), problems
    numbers = [model.index(r, 4).data() for r in range(model.rowCount())]
    assert "日报" in numbers and "daily_report" not in numbers
    changes = [model.index(r, 5).data() for r in range(model.rowCount())]
    import re
    coded = [c for c in changes if re.search(r"\b[a-z]+_[a-z]+\b|\b[a-z]+: ", c)]
    assert not coded, coded[:5]
    assert any("状态:" in c for c in changes) and any("时段:上午" in c for c in changes)


def test_ticking_household_with_no_one_to_join_says_so_and_keeps_the_room(qtbot, db, now, manager, zh):
    d = _open(qtbot, CheckInDialog(AppContext(db, manager, "zh_CN", clock=lambda: now)))
    assert d.host.count() == 0
    suggested = d.room.currentText()
    d.household.setChecked(True)
    assert d.room.isEnabled() and d.room.currentText() == suggested
    assert "请选择房间" in d.room_info.text()


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_no_screen_widens_the_window_beyond_1366(qtbot, qapp, demo_db, now, manager, own_settings, lang):
    from isolation_desk.ui.main_window import SCREENS, MainWindow
    assert i18n.install(lang, qapp)
    try:
        window = MainWindow(AppContext(demo_db, manager, lang, clock=lambda: now))
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        wide = {}
        for key, _module, _cls in SCREENS:
            window.show_screen(key)
            qapp.processEvents()
            if window.minimumSizeHint().width() > 1366 or window.width() > 1366:
                wide[key] = (window.minimumSizeHint().width(), window.width())
        assert not wide, wide
    finally:
        i18n.install("en", qapp)
