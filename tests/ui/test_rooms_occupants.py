"""The shared row model, the room board and the occupants screen."""
from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt

from isolation_desk.ui.models import Row, RowTableModel


def _model():
    m = RowTableModel(["Room", "Name", "Age"])
    m.set_rows([
        Row(1, ("A-201", "张三", "30"), sort=("A-201", "张三", 30)),
        Row(2, ("A-102", "李四", ""), sort=("A-102", "李四", None)),
        Row(3, ("B-301", "王五", "8"), sort=("B-301", "王五", 8), tooltip=("t", None, None)),
    ])
    return m


def test_row_model_passes_modeltester(qtmodeltester):
    m = _model()
    qtmodeltester.check(m)
    m.sort_by(2, Qt.DescendingOrder)
    qtmodeltester.check(m)


def test_row_model_sorts_on_the_list_with_missing_values_last():
    m = _model()
    m.sort_by(2)
    assert [m.row_key(i) for i in range(3)] == [3, 1, 2]
    m.sort_by(2, Qt.DescendingOrder)
    assert [m.row_key(i) for i in range(3)] == [1, 3, 2]
    m.sort_by(0)
    assert m.data(m.index(0, 0)) == "A-102"
    assert m.row_of_key(3) == 2
    # set_rows keeps the sort
    m.set_rows(list(reversed(m.rows())))
    assert m.data(m.index(0, 0)) == "A-102"
    assert m.headerData(1, Qt.Horizontal) == "Name"


# -- the room board and the occupants screen on the demo site ---------------------------
from datetime import timedelta  # noqa: E402

import pytest  # noqa: E402

from isolation_desk.domain.registration import validate_registration  # noqa: E402
from isolation_desk.services import boards, queries, stays_expected  # noqa: E402
from isolation_desk.ui.context import AppContext  # noqa: E402
from isolation_desk.ui.screens.occupants import OccupantsScreen  # noqa: E402
from isolation_desk.ui.screens.rooms import RoomsScreen  # noqa: E402


@pytest.fixture
def ctx(demo_db, now, manager):
    return AppContext(demo_db, manager, "en", clock=lambda: now)


def test_badges_come_from_one_service_and_match_the_data(demo_db, now):
    tiles = boards.room_tiles(demo_db, now)
    assert len(tiles) == demo_db.scalar("SELECT count(*) FROM rooms")
    by_id = {t.room_id: t for t in tiles}
    # positive: the demo's positive result, awaiting transfer
    pos_rooms = {r["room_id"] for r in demo_db.query(
        "SELECT s.room_id FROM stays s WHERE s.status = 'awaiting_transfer'")}
    assert pos_rooms and all(by_id[r].positive for r in pos_rooms)
    # release due: every room with a present occupant whose release date is today or past
    due = {r["room_id"] for r in demo_db.query(
        "SELECT room_id FROM stays WHERE status IN ('in_isolation', 'awaiting_transfer') "
        "AND release_date <= ?", (now.date().isoformat(),))}
    assert {t.room_id for t in tiles if t.release_due} == due
    # test due today: unsampled tests due today
    tests_due = {r["room_id"] for r in demo_db.query(
        "SELECT DISTINCT s.room_id FROM tests t JOIN stays s ON s.id = t.stay_id "
        "WHERE t.due_date = ? AND t.sampled_at IS NULL AND s.status IN ('in_isolation', 'awaiting_transfer')",
        (now.date().isoformat(),))}
    assert {t.room_id for t in tiles if t.test_due} == tests_due
    assert any(t.fever for t in tiles)
    # filters
    assert all(t.status == "ready" for t in boards.room_tiles(demo_db, now, status="ready"))
    assert {t.room_id for t in boards.room_tiles(demo_db, now, badge="fever")} == \
        {t.room_id for t in tiles if t.fever}
    assert {t.building for t in boards.room_tiles(demo_db, now, building="B")} == {"B"}


def test_room_board_keyboard_navigation(qtbot, ctx):
    screen = RoomsScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1200, 800)
    screen.show()
    qtbot.waitExposed(screen)
    board = screen.board
    board.setFocus()
    with qtbot.waitSignal(board.currentChanged):
        qtbot.keyClick(board, Qt.Key_Home)
    first = board.tiles()[0]
    assert board.current_room_id() == first.room_id
    assert screen.room_title.text() == f"{first.building}-{first.number}"
    qtbot.keyClick(board, Qt.Key_Right)
    assert board.current_room_id() == board.tiles()[1].room_id
    qtbot.keyClick(board, Qt.Key_Down)
    below = board.current_tile()
    assert below.floor > first.floor or below.building != first.building or below.number > board.tiles()[1].number
    qtbot.keyClick(board, Qt.Key_Up)
    assert board.current_room_id() == board.tiles()[1].room_id
    qtbot.keyClick(board, Qt.Key_End)
    assert board.current_room_id() == board.tiles()[-1].room_id
    # filter by status: only rooms awaiting disinfection
    screen.status.setCurrentIndex(screen.status.findData("awaiting_disinfection"))
    assert board.tiles() and all(t.status == "awaiting_disinfection" for t in board.tiles())
    screen.status.setCurrentIndex(0)
    screen.building.setCurrentIndex(screen.building.findData("A"))
    assert {t.building for t in board.tiles()} == {"A"}


def _wait_rows(qtbot, screen, predicate):
    qtbot.waitUntil(lambda: predicate(screen.model), timeout=3000)


def test_occupants_table_search_filters_and_masking(qtbot, ctx, demo_db, now, qtmodeltester):
    screen = OccupantsScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1300, 800)
    screen.show()
    qtbot.waitExposed(screen)
    model = screen.model
    qtmodeltester.check(model)
    present = demo_db.scalar("SELECT count(*) FROM stays WHERE status IN "
                             "('expected', 'in_isolation', 'awaiting_transfer')")
    assert model.rowCount() == present
    # ID numbers are masked in the table, whole in the details panel
    stay_id = model.row_key(0)
    s = queries.stay_detail(demo_db, stay_id)
    id_col = 5
    assert model.data(model.index(0, id_col)) != s["id_number"]
    assert "*" in model.data(model.index(0, id_col))
    screen.table.selectRow(0)
    assert s["id_number"] in screen.panel.fields["id"].text()
    # search by room as you type (debounced, filtered in SQL)
    room = s["room"]
    screen.search.setFocus()
    qtbot.keyClicks(screen.search, room)
    _wait_rows(qtbot, screen, lambda m: m.rowCount() < present)
    assert all(room in m for m in (model.data(model.index(r, 0)) for r in range(model.rowCount())))
    # by ID number (digits of the middle, hidden in the table)
    screen.search.clear()
    qtbot.keyClicks(screen.search, s["id_number"][6:14])
    _wait_rows(qtbot, screen, lambda m: 0 < m.rowCount() < present)
    assert stay_id in [model.row_key(r) for r in range(model.rowCount())]
    # by name (Chinese: set with setText)
    screen.search.setText(s["name"])
    _wait_rows(qtbot, screen, lambda m: m.rowCount() >= 1 and all(
        s["name"] in m.data(m.index(r, 1)) for r in range(m.rowCount())))
    screen.search.clear()
    _wait_rows(qtbot, screen, lambda m: m.rowCount() == present)
    # filters: category, building
    screen.category.setCurrentIndex(screen.category.findData("close_contact"))
    assert model.rowCount() > 0
    assert {model.data(model.index(r, 4)) for r in range(model.rowCount())} == {"Close contact"}
    screen.category.setCurrentIndex(0)
    screen.building.setCurrentIndex(screen.building.findData("B"))
    assert all(model.data(model.index(r, 0)).startswith("B-") for r in range(model.rowCount()))
    screen.building.setCurrentIndex(0)
    # sorting on the list: by age, descending
    screen.table.sortByColumn(3, Qt.DescendingOrder)
    ages = [model.data(model.index(r, 3)) for r in range(model.rowCount())]
    numbers = [int(a) for a in ages if a]
    assert numbers == sorted(numbers, reverse=True)
    qtmodeltester.check(model)


def test_expected_arrivals_are_listed_and_can_be_checked_in(qtbot, ctx, demo_db, now, manager):
    reg = validate_registration({"name": "预期人员", "id_number": "11010519491231002X",
                                 "category": "close_contact",
                                 "last_exposure_date": (now.date() - timedelta(days=1)).isoformat()},
                                now.date())
    stay_id = stays_expected.register_expected(demo_db, reg, manager, now)
    screen = OccupantsScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    screen.status.setCurrentIndex(screen.status.findData("expected"))
    assert [screen.model.row_key(r) for r in range(screen.model.rowCount())] == [stay_id]
    assert screen.model.data(screen.model.index(0, 0)) == "(expected)"
    screen.table.selectRow(0)
    assert screen.panel.b_check_in.isEnabled() and not screen.panel.b_release.isEnabled()
    with qtbot.waitSignal(ctx.changed):
        qtbot.mouseClick(screen.panel.b_check_in, Qt.LeftButton)
    assert queries.stay_detail(demo_db, stay_id)["status"] == "in_isolation"
    assert screen.model.rowCount() == 0  # no longer expected


def test_room_panel_models_and_out_of_service(qtbot, ctx, demo_db, qtmodeltester):
    from isolation_desk.services import rooms as room_service
    from isolation_desk.ui.dialogs.stay_actions import ReasonDialog
    screen = RoomsScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1200, 800)
    screen.show()
    qtbot.waitExposed(screen)
    occupied = next(t for t in screen.board.tiles() if t.status == "occupied")
    screen.board.set_current_room(occupied.room_id)
    assert screen.occupants.count() >= 1 and screen.history_model.rowCount() >= 1
    qtmodeltester.check(screen.history_model)
    ready = next(t for t in screen.board.tiles() if t.status == "ready")
    screen.board.set_current_room(ready.room_id)
    assert screen.b_out.isEnabled() and not screen.b_back.isEnabled()
    now = ctx.now()
    dialog = ReasonDialog(ctx, "Out of service", "Reason",
                          partial(room_service.take_out_of_service, demo_db, ready.room_id,
                                  actor=ctx.actor, now=now))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert "reason is required" in dialog.error_label.text()
    dialog.reason.setText("门锁损坏")
    with qtbot.waitSignal(ctx.changed):
        qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    tile = next(t for t in screen.board.tiles() if t.room_id == ready.room_id)
    assert tile.status == "out_of_service" and tile.status_reason == "门锁损坏"
    assert screen.b_back.isEnabled() and "门锁损坏" in screen.room_status.text()
    with qtbot.waitSignal(ctx.changed):
        qtbot.mouseClick(screen.b_back, Qt.LeftButton)
    assert next(t for t in screen.board.tiles() if t.room_id == ready.room_id).status == "ready"


def test_stay_panel_models(qtbot, ctx, demo_db, qtmodeltester):
    from isolation_desk.ui.widgets.stay_panel import StayPanel
    panel = StayPanel(ctx)
    qtbot.addWidget(panel)
    stay_id = demo_db.scalar("SELECT id FROM stays WHERE status = 'in_isolation' LIMIT 1")
    panel.show_stay(stay_id)
    assert panel.tests_model.rowCount() > 0 and panel.history_model.rowCount() > 0
    qtmodeltester.check(panel.tests_model)
    qtmodeltester.check(panel.history_model)
    assert panel.b_release.isEnabled() and not panel.b_check_in.isEnabled()
    panel.show_stay(None)
    assert panel.title.text() == "No one selected" and not panel.b_release.isEnabled()


def test_tile_tooltip_says_the_badges_in_words(qapp, demo_db, now):
    from isolation_desk.ui.widgets.board import RoomBoardView
    view = RoomBoardView()
    tile = next(t for t in boards.room_tiles(demo_db, now) if t.positive)
    text = view.tile_tooltip(tile)
    assert tile.label in text and "Positive" in text and tile.names.split("、")[0] in text


def test_a_large_site_opens_its_lists_on_one_building_and_remembers_the_choice(qtbot, ctx, demo_db,
                                                                               now, monkeypatch):
    from PySide6.QtCore import QSettings

    from isolation_desk.ui.screens.base import BUILDING_SETTING
    from isolation_desk.ui.screens.testing.screen import TestsScreen
    QSettings().remove(BUILDING_SETTING)
    codes = [b["code"] for b in boards.buildings(demo_db)]
    assert len(codes) >= 2
    # the demo's 300 rooms are a small site: every list opens on all buildings
    assert boards.default_building(demo_db) is None
    rooms = RoomsScreen(ctx)
    qtbot.addWidget(rooms)
    rooms.show()
    assert rooms.building.currentData() is None
    # a large site: the first building, and only its rooms and people are read
    monkeypatch.setattr(boards, "LARGE_SITE_ROOMS", 10)
    assert boards.default_building(demo_db) == codes[0]
    rooms = RoomsScreen(ctx)
    qtbot.addWidget(rooms)
    rooms.show()
    assert rooms.building.currentData() == codes[0]
    assert {t.building for t in rooms.board.tiles()} == {codes[0]}
    assert len(rooms.board.tiles()) == len(boards.room_tiles(demo_db, now, building=codes[0]))
    occupants = OccupantsScreen(ctx)
    qtbot.addWidget(occupants)
    occupants.show()
    assert occupants.building.currentData() == codes[0]
    expected = boards.occupant_rows(demo_db, now.date(), building=codes[0])
    assert occupants.model.rowCount() == len(expected) > 0
    assert [r["stay_id"] for r in expected] == [
        r["stay_id"] for r in boards.occupant_rows(demo_db, now.date()) if r["building"] == codes[0]]
    # the badges of one building are those of the whole site's board for its rooms
    whole = {t.room_id: t for t in boards.room_tiles(demo_db, now) if t.building == codes[0]}
    assert {t.room_id: t for t in rooms.board.tiles()} == whole
    # choosing another building (as a user does) is remembered for the next screens
    rooms.building.setCurrentIndex(rooms.building.findData(codes[1]))
    rooms.building.activated.emit(rooms.building.currentIndex())
    assert QSettings().value(BUILDING_SETTING) == codes[1]
    assert {t.building for t in rooms.board.tiles()} == {codes[1]}
    tests = TestsScreen(ctx)
    qtbot.addWidget(tests)
    tests.show()
    assert tests.place()[0] == codes[1]
    # a search on one building says so, and one click searches the whole site
    someone = boards.occupant_rows(demo_db, now.date(), building=codes[1])[0]
    occupants.search.setText(someone["name"])
    occupants.apply_search()
    assert occupants.model.rowCount() == 0 and occupants.scope_hint.isVisible()
    assert codes[0] in occupants.scope_hint.text() or occupants.building.currentText() in occupants.scope_hint.text()
    occupants.scope_hint.linkActivated.emit("all")
    assert occupants.building.currentData() is None and not occupants.scope_hint.isVisible()
    assert someone["stay_id"] in [occupants.model.row_key(i) for i in range(occupants.model.rowCount())]
    occupants.search.clear()
    occupants.apply_search()
    # "All buildings" is one choice away
    assert occupants.model.rowCount() == len(boards.occupant_rows(demo_db, now.date()))
    QSettings().remove(BUILDING_SETTING)


def test_lazy_row_model_makes_only_the_rows_asked_for(qtmodeltester):
    from isolation_desk.ui.models import LazyRowTableModel
    sources = [{"id": i, "room": room, "name": name, "age": age}
               for i, (room, name, age) in enumerate([("B-0102", "乙", 30), (None, "甲", None), ("A-0301", "丙", 8),
                                                       ("A-0201", "丁", 61)])]
    made = []

    def make(s):
        made.append(s["id"])
        return Row(s["id"], (s["room"] or "(expected)", s["name"], "" if s["age"] is None else str(s["age"])),
                   sort=(s["room"] or "~", s["name"], s["age"]))

    m = LazyRowTableModel(["Room", "Name", "Age"])
    m.set_sources(sources, make, lambda s: s["id"], raw_sort={0: lambda s: s["room"] or "~"})
    assert m.rowCount() == 4 and made == []
    assert m.row_key(1) == 1 and m.row_of_key(3) == 3 and made == []  # keys without making rows
    assert m.data(m.index(2, 1)) == "丙" and made == [2]
    m.sort_by(0)  # by the rows as read: nothing more is made
    assert [m.row_key(i) for i in range(4)] == [3, 2, 0, 1] and made == [2]
    assert m.data(m.index(0, 0)) == "A-0201"
    m.sort_by(2, Qt.DescendingOrder)  # a made column: every row is made, missing values last
    assert [m.row_key(i) for i in range(4)] == [3, 0, 2, 1] and sorted(made) == [0, 1, 2, 3]
    # a new list keeps the sort, made lazily again
    made.clear()
    m.set_sources(list(reversed(sources)), make, lambda s: s["id"], raw_sort={0: lambda s: s["room"] or "~"})
    assert [m.row_key(i) for i in range(4)] == [3, 0, 2, 1]
    m.sort_by(0)
    made.clear()
    m.set_sources(sources, make, lambda s: s["id"], raw_sort={0: lambda s: s["room"] or "~"})
    assert made == [] and [m.row_key(i) for i in range(4)] == [3, 2, 0, 1]
    assert [r.key for r in m.rows()] == [3, 2, 0, 1]  # every row, made on demand
    qtmodeltester.check(m)
