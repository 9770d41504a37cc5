"""The rooms screen: the board (floors as rows, rooms as tiles), a legend, filters, and the
selected room's occupants, history and actions."""
from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.changes import Kind
from ...domain.vocabulary import RoomStatus
from ...services import boards, queries
from ...services import rooms as room_service
from ..models import Row, RowTableModel, fit_columns
from ..widgets import names
from ..widgets.board import BoardLegend, RoomBoardView
from .base import Screen


class RoomsScreen(Screen):
    key = "rooms"
    shows = frozenset({Kind.ROOMS, Kind.STAYS, Kind.TESTS, Kind.HEALTH, Kind.ALERTS, Kind.SETTINGS})  # badges
    openStay = Signal(int)  # the main window shows the occupant

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.building = QComboBox()
        self.building.setObjectName("building_filter")
        self.status = QComboBox()
        self.status.setObjectName("status_filter")
        self.badge = QComboBox()
        self.badge.setObjectName("badge_filter")
        self.counts = QLabel()
        self.counts.setObjectName("room_counts")
        # whole, never cut ("待终末消毒 9 · 停…"): a line of its own under the filters, which
        # wraps rather than widen the window (1600x900 at 125 % leaves 1280 pixels)
        self.counts.setWordWrap(True)
        self.counts.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.legend = BoardLegend()
        self.board = RoomBoardView()
        self.board.currentChanged.connect(self.show_room)
        self.board.activated.connect(self._activated)

        top = QHBoxLayout()
        self.l_building, self.l_status, self.l_badge = self.add_filters(
            top, self.building, self.status, self.badge)
        top.addStretch(1)
        self.b_cards = QPushButton()
        self.b_cards.setObjectName("print_door_cards")
        self.b_cards.clicked.connect(lambda: self.print_door_cards())
        top.addWidget(self.b_cards)

        # The room panel.
        self.room_title = QLabel()
        self.room_title.setObjectName("room_title")
        f = self.room_title.font()
        f.setPointSizeF(f.pointSizeF() + 4)
        f.setBold(True)
        self.room_title.setFont(f)
        self.room_status = QLabel()
        self.room_status.setObjectName("room_status")
        self.room_status.setWordWrap(True)
        self.occupants = QListWidget()
        self.occupants.setObjectName("room_occupants")
        self.occupants.setMaximumHeight(110)
        self.occupants.itemActivated.connect(lambda item: self.openStay.emit(item.data(Qt.UserRole)))
        self.b_check_in = QPushButton()
        self.b_disinfected = QPushButton()
        self.b_out = QPushButton()
        self.b_back = QPushButton()
        for name, b in (("check_in_here", self.b_check_in), ("disinfected", self.b_disinfected),
                        ("out_of_service", self.b_out), ("back_in_service", self.b_back)):
            b.setObjectName(f"action_{name}")
        self.b_check_in.clicked.connect(self.check_in_here)
        self.b_disinfected.clicked.connect(self.mark_disinfected)
        self.b_out.clicked.connect(self.take_out_of_service)
        self.b_back.clicked.connect(self.back_in_service)
        buttons = QGridLayout()
        buttons.addWidget(self.b_check_in, 0, 0)
        buttons.addWidget(self.b_disinfected, 0, 1)
        buttons.addWidget(self.b_out, 1, 0)
        buttons.addWidget(self.b_back, 1, 1)
        self.history_model = RowTableModel(["", "", "", ""], self)
        self.history = QTableView()
        self.history.setModel(self.history_model)
        self.history.verticalHeader().hide()
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.setEditTriggers(QTableView.NoEditTriggers)
        panel = QWidget()
        panel.setObjectName("RoomPanel")
        pl = QVBoxLayout(panel)
        pl.addWidget(self.room_title)
        pl.addWidget(self.room_status)
        self.l_occupants = QLabel()
        pl.addWidget(self.l_occupants)
        pl.addWidget(self.occupants)
        pl.addLayout(buttons)
        self.l_history = QLabel()
        pl.addWidget(self.l_history)
        pl.addWidget(self.history, 1)
        panel.setMinimumWidth(290)

        splitter = QSplitter()
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addLayout(top)
        ll.addWidget(self.counts)
        ll.addWidget(self.legend)
        ll.addWidget(self.board, 1)
        splitter.addWidget(left)
        splitter.addWidget(panel)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([1000, 300])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._filling = False
        self.retranslate()
        for combo in (self.building, self.status, self.badge):
            combo.currentIndexChanged.connect(self._filters_changed)
        QShortcut(QKeySequence("Ctrl+B"), self, activated=self.board.setFocus)
        self.show_room(None)

    def title(self) -> str:
        return self.tr("Rooms")

    def retranslate(self) -> None:
        self._dirty = True  # the rows hold translated words: re-read them when shown
        if self.isVisible():
            QTimer.singleShot(0, self.refresh)
        self.l_building.setText(self.tr("&Building"))
        self.l_status.setText(self.tr("&Status"))
        self.l_badge.setText(self.tr("Show"))
        self.l_occupants.setText(self.tr("Occupants (Enter opens)"))
        self.l_history.setText(self.tr("History"))
        self.b_check_in.setText(self.tr("Check in here…"))
        self.b_disinfected.setText(self.tr("Mark disinfected"))
        self.b_out.setText(self.tr("Out of service…"))
        self.b_back.setText(self.tr("Back in service"))
        self.b_cards.setText(self.tr("Door cards…"))
        self.b_cards.setToolTip(self.tr("Door cards of the selected rooms (Ctrl+click selects more), "
                                        "or of the building shown"))
        self.history_model.set_headers([self.tr("When"), self.tr("From"), self.tr("To"), self.tr("Reason, by")])
        if self.building.count():
            self.building.setItemText(0, self.tr("All buildings"))
        self._filling = True
        self.status.clear()
        self.status.addItem(self.tr("All statuses"), None)
        for code in names.ROOM_STATUS_CODES:
            self.status.addItem(names.room_status(code), code)
        self.badge.clear()
        self.badge.addItem(self.tr("All rooms"), None)
        for code, text in (("test_due", self.tr("Test due today")), ("release_due", self.tr("Release due")),
                           ("fever", self.tr("Fever (24 h)")), ("positive", self.tr("Positive"))):
            self.badge.addItem(text, code)
        self._filling = False

    # -- data -------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        self._fill_buildings()  # a building may have been added since
        with self.busy():
            tiles = boards.room_tiles(self.ctx.db, self.ctx.now(), building=self.building.currentData(),
                                      status=self.status.currentData(), badge=self.badge.currentData())
        self.board.set_tiles(tiles)
        by_status: dict[str, int] = {}
        for t in tiles:
            by_status[t.status] = by_status.get(t.status, 0) + 1
        parts = [self.tr("%n room(s)", "", len(tiles))]
        parts += [f"{names.room_status(s)} {by_status[s]}" for s in names.ROOM_STATUS_CODES if s in by_status]
        self.counts.setText(" · ".join(parts))
        self.counts.setToolTip(self.counts.text())
        self.show_room(self.board.current_room_id())

    def show_room(self, room_id) -> None:
        room = queries.room_detail(self.ctx.db, room_id) if room_id not in (None, -1) else None
        self._room = room
        if room is None:
            self.room_title.setText(self.tr("Choose a room on the board"))
            self.room_status.clear()
            self.occupants.clear()
            self.history_model.set_rows([])
            for b in (self.b_check_in, self.b_disinfected, self.b_out, self.b_back):
                b.setEnabled(False)
            return
        self.room_title.setText(room["label"])
        status = names.room_status(room["status"])
        detail = self.tr("%1 · %n bed(s)", "", room["beds"]).replace("%1", status)
        if room["status_reason"]:
            detail += " · " + room["status_reason"]
        detail += " · " + self.tr("since %1").replace("%1", room["status_changed_at"][:16].replace("T", " "))
        self.room_status.setText(detail)
        self.occupants.clear()
        for s in room["stays"]:
            item = QListWidgetItem(f"{s['name']} · {names.category(s['category'])} · "
                                   + self.tr("release %1").replace("%1", s["release_date"]))
            item.setData(Qt.UserRole, s["id"])
            self.occupants.addItem(item)
        self.history_model.set_rows([
            Row(e["id"], (e["at"][:16].replace("T", " "), names.room_status(e["from_status"]),
                          names.room_status(e["to_status"]),
                          " · ".join(x for x in (e["reason"], e["actor"]) if x)),
                tooltip=(None, None, None, e["reason"] or None))
            for e in room["history"]])
        fit_columns(self.history, self.history_model)
        full = len(room["stays"]) >= room["beds"]
        self.b_check_in.setEnabled(room["status"] == RoomStatus.READY
                                   or (room["status"] == RoomStatus.OCCUPIED and not full))
        self.b_disinfected.setEnabled(room["status"] == RoomStatus.AWAITING_DISINFECTION)
        self.b_out.setEnabled(room["status"] == RoomStatus.READY)
        self.b_back.setEnabled(room["status"] == RoomStatus.OUT_OF_SERVICE)

    def selected_room_codes(self) -> list[str]:
        """Codes (A-0201) of the rooms selected on the board, for their door cards."""
        ids = set(self.board.selected_room_ids())
        return [f"{t.building}-{t.number}" for t in self.board.tiles() if t.room_id in ids]

    def print_door_cards(self):
        """Door cards of the rooms selected on the board (Ctrl+click adds rooms)."""
        from ..printing import open_paper
        rooms = self.selected_room_codes()
        if rooms:
            return open_paper(self, self.ctx, "door_cards", rooms=rooms)
        return open_paper(self, self.ctx, "door_cards", building=self.building.currentData())

    def current_room_id(self):
        return self._room["id"] if self._room else None

    # -- actions ------------------------------------------------------------------
    def _activated(self, room_id: int) -> None:
        room = self._room
        if room and room["stays"]:
            self.openStay.emit(room["stays"][0]["id"])
        elif room and room["status"] == RoomStatus.READY:
            self.check_in_here()

    def check_in_here(self) -> None:
        from ..dialogs.checkin import CheckInDialog
        if self._room is None:
            return
        result = CheckInDialog.ask(self.ctx, room_id=self._room["id"], parent=self)
        if result is not None:
            self.refresh()

    def mark_disinfected(self) -> None:
        if self._room is None:
            return
        self.ctx.run(self, room_service.mark_disinfected, self.ctx.db, self._room["id"],
                     self.ctx.actor, self.ctx.now())

    def take_out_of_service(self) -> None:
        from ..dialogs.stay_actions import ReasonDialog
        if self._room is None:
            return
        room_id = self._room["id"]
        ReasonDialog.ask(self.ctx, self.tr("Take room %1 out of service").replace("%1", self._room["label"]),
                         self.tr("Reason"),
                         partial(room_service.take_out_of_service, self.ctx.db, room_id,
                                 actor=self.ctx.actor, now=self.ctx.now()),
                         parent=self)

    def back_in_service(self) -> None:
        if self._room is None:
            return
        self.ctx.run(self, room_service.back_in_service, self.ctx.db, self._room["id"],
                     self.ctx.actor, self.ctx.now())
