"""The window re-reads exactly the screens that show what an action changed (issue 19):
a receipt of masks refreshes the supplies screen, not the room board; a move refreshes both
the room board and the occupants list, not the supplies."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from isolation_desk.domain.changes import Changes, Kind
from isolation_desk.services import supplies
from isolation_desk.ui.context import AppContext
from isolation_desk.ui.dialogs.base import ActionDialog
from isolation_desk.ui.screens.occupants import OccupantsScreen
from isolation_desk.ui.screens.rooms import RoomsScreen
from isolation_desk.ui.screens.supplies import SuppliesScreen


@pytest.fixture
def ctx(demo_db, now, manager):
    return AppContext(demo_db, manager, "en", clock=lambda: now)


@pytest.fixture
def screens(qtbot, ctx):
    made = {"rooms": RoomsScreen(ctx), "occupants": OccupantsScreen(ctx), "supplies": SuppliesScreen(ctx)}
    for screen in made.values():
        qtbot.addWidget(screen)
        screen._dirty = False  # as if each had just been read (they are not shown)
    return made


def _dirty(screens) -> set[str]:
    return {name for name, screen in screens.items() if screen._dirty}


def test_a_receipt_marks_only_the_screens_that_show_stock(qtbot, ctx, screens, now):
    item = supplies.items(ctx.db)[0]["id"]
    with qtbot.waitSignal(ctx.changed) as told:
        ok, _ = ctx.run(None, supplies.receive, ctx.db, item, 10, party="仓库", actor=ctx.actor, now=now)
    assert ok and told.args == [Changes.of(Kind.STOCK, Kind.AUDIT)]
    assert _dirty(screens) == {"supplies"}


def test_a_refused_action_tells_no_screen(qtbot, ctx, screens, now, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.Ok)  # a modal box
    with qtbot.assertNotEmitted(ctx.changed):
        ok, _ = ctx.run(None, supplies.receive, ctx.db, 10**9, 10, party="仓库", actor=ctx.actor, now=now)
    assert not ok and _dirty(screens) == set()


def test_a_change_of_people_marks_the_board_and_the_lists(ctx, screens):
    ctx.changed.emit(Changes.of(Kind.STAYS, Kind.ROOMS, Kind.AUDIT))
    assert _dirty(screens) == {"rooms", "occupants", "supplies"}  # supplies: demand follows people
    for screen in screens.values():
        screen._dirty = False
    ctx.changed.emit(Changes.of(Kind.USERS, Kind.AUDIT))
    assert _dirty(screens) == set()
    ctx.changed_everything()
    assert _dirty(screens) == set(screens)


def test_a_dialog_tells_what_its_service_changed(qtbot, ctx, now):
    dialog = ActionDialog(ctx)
    qtbot.addWidget(dialog)
    item = supplies.items(ctx.db)[0]["id"]
    with qtbot.waitSignal(ctx.changed) as told:
        assert dialog.call(supplies.receive, ctx.db, item, 5, party="仓库", actor=ctx.actor, now=now)
    assert told.args == [Changes.of(Kind.STOCK, Kind.AUDIT)] and dialog.result() == QDialog.Accepted
