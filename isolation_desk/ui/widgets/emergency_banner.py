"""A positive result is an emergency: a red banner above every screen that stays until
someone handles it (a transfer out, or an acknowledgement with a note), and the dialog
that shows the manager what to do: the person, the room-mates whose isolation restarted
(with an undo for a manager), and the other occupants of the same floor.

The main window hosts it with one line at the end of its ``__init__``::

    install(self)  # puts the banner above the screens, returns it
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.changes import Changes, Kind
from ...domain.vocabulary import ENDED, ON_SITE, StayStatus
from ...services import stays
from ...services.testing import emergency
from ..models import Row, RowTableModel


def _fmt_time(value) -> str:
    return str(value or "").replace("T", " ")[:16]


# What the banner shows: open alerts, and the people and rooms they name.
SHOWS = frozenset({Kind.ALERTS, Kind.TESTS, Kind.STAYS, Kind.ROOMS, Kind.HEALTH})


class EmergencyBanner(QFrame):
    """Red bar with the open positive alerts, the newest named first and the others counted;
    hidden when there are none."""

    handle_requested = Signal(int)

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("EmergencyBanner")
        self.setStyleSheet("#EmergencyBanner { background: #b71c1c; border-radius: 3px; }"
                           "#EmergencyBanner QLabel { color: white; font-weight: bold; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.handle_button = QPushButton()
        self.handle_button.clicked.connect(self._handle_first)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.handle_button)
        self.alerts: list[dict] = []
        ctx.changed.connect(self._on_changed)
        self.retranslate()
        self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(SHOWS):
            self.refresh()

    def retranslate(self) -> None:
        self.handle_button.setText(self.tr("Handle…"))
        self._set_text()

    def refresh(self) -> None:
        self.alerts = emergency.open_alerts(self.ctx.db, newest_first=True)
        self._set_text()
        self.setVisible(bool(self.alerts))

    def _describe(self, a: dict) -> str:
        if a["kind"] == "child_alone":
            return self.tr("Child alone in room %1: %2 has no adult of the household with them") \
                .replace("%1", a["room"] or "").replace("%2", a["name"] or "")
        if a["kind"] == "pool_positive":
            return self.tr("Pool %1 positive: re-test each member today").replace("%1", a["note"] or "")
        if a["kind"] == "staff_positive":
            return self.tr("Staff member %1 (%2) tested positive").replace("%1", a["name"] or "") \
                .replace("%2", a["staff_role"] or "")
        if a["stay_status"] == StayStatus.EXPECTED:
            return self.tr("POSITIVE before arrival: %1 (expected): holding room or transfer, never an ordinary room") \
                .replace("%1", a["name"] or "")
        if a["stay_status"] in ENDED:
            return self.tr("POSITIVE after leaving the site: %1 (room %2 then): inform their community") \
                .replace("%1", a["name"] or "").replace("%2", a["room"] or "")
        text = self.tr("POSITIVE: %1, room %2, awaiting transfer").replace("%1", a["name"] or "") \
            .replace("%2", a["room"] or "")
        sheet_name = emergency.name_differs_on_sheet(a)
        if sheet_name is not None:
            text += " - " + self.tr("name differs on the lab sheet (%1): confirm identity").replace("%1", sheet_name)
        return text

    def _set_text(self) -> None:
        if not self.alerts:
            self.label.setText("")
            return
        first = self._describe(self.alerts[0])  # the newest
        more = len(self.alerts) - 1
        if more:
            first += "  " + self.tr("(and %n earlier open alert(s))", "", more)
        self.label.setText(first)

    def _handle_first(self) -> None:
        if self.alerts:
            self.handle_requested.emit(self.alerts[0]["id"])
            AlertDialog(self.ctx, self.alerts[0]["id"], self.window()).exec()


class AlertDialog(QDialog):
    """What the manager needs to handle one alert. Tests drive ``transfer()``,
    ``acknowledge()`` and ``undo_restart()`` directly."""

    def __init__(self, ctx, alert_id: int, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.alert_id = alert_id
        self.setWindowTitle(self.tr("Positive result"))
        self.resize(760, 560)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.PlainText)
        layout.addWidget(self.summary)
        self.mates_box = QGroupBox(self.tr("Room-mates (isolation restarted from today)"))
        mates_layout = QVBoxLayout(self.mates_box)
        self.mates = RowTableModel([self.tr("Name"), self.tr("Start"), self.tr("Release"),
                                    self.tr("Restarted")])
        self.mates_view = self._view(self.mates)
        self.no_mates = QLabel()
        mates_layout.addWidget(self.no_mates)
        mates_layout.addWidget(self.mates_view)
        self.undo_button = QPushButton(self.tr("Undo restart…"))
        self.undo_button.clicked.connect(self._ask_undo)
        mates_layout.addWidget(self.undo_button, 0, Qt.AlignRight)
        layout.addWidget(self.mates_box)
        self.floor_box = QGroupBox(self.tr("Same floor"))
        floor_layout = QVBoxLayout(self.floor_box)
        self.floor = RowTableModel([self.tr("Room"), self.tr("Name"), self.tr("Category"),
                                    self.tr("Release")])
        floor_layout.addWidget(self._view(self.floor))
        layout.addWidget(self.floor_box, 1)
        buttons = QDialogButtonBox()
        self.transfer_button = buttons.addButton(self.tr("Transfer out…"), QDialogButtonBox.ActionRole)
        self.ack_button = buttons.addButton(self.tr("Acknowledge…"), QDialogButtonBox.ActionRole)
        buttons.addButton(QDialogButtonBox.Close)
        self.transfer_button.clicked.connect(self._ask_transfer)
        self.ack_button.clicked.connect(self._ask_acknowledge)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.refresh()

    def _view(self, model) -> QTableView:
        v = QTableView()
        v.setModel(model)
        v.setSelectionBehavior(QTableView.SelectRows)
        v.setSelectionMode(QTableView.SingleSelection)
        v.verticalHeader().hide()
        v.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        return v

    def refresh(self) -> None:
        a = emergency.alert_detail(self.ctx.db, self.alert_id)
        self.alert = a
        if a["kind"] == "child_alone":
            self.setWindowTitle(self.tr("Child alone in a room"))
            text = self.tr("%1 is alone in room %2: the last adult of the household left. Assign a carer (check one in "
                           "with the child's household) or move the child to a family "
                           "member.").replace("%1", a["name"] or "") \
                .replace("%2", a["room"] or "")
        elif a["kind"] == "pool_positive":
            text = self.tr("Pool %1 tested positive. Each member has a single-sample re-test due today on the Tests "
                           "screen.").replace("%1", a["note"] or "")
        elif a["kind"] == "staff_positive":
            text = self.tr("Staff member %1 tested positive (sampled %2). Send them off duty and inform "
                           "headquarters.").replace("%1", a["name"] or "").replace("%2", _fmt_time(a["sampled_at"]))
        else:
            text = self.tr("%1, room %2: positive result (sampled %3). Status: %4. Arrange the transfer to the "
                           "designated hospital; the room goes to terminal disinfection after "
                           "it.").replace("%1", a["name"] or "") \
                .replace("%2", a["room"] or "").replace("%3", _fmt_time(a["sampled_at"])) \
                .replace("%4", self.status_text(a["stay_status"]))
        sheet_name = emergency.name_differs_on_sheet(a)
        if sheet_name is not None:
            text += "\n" + self.tr("The lab sheet gives the name %1 for this ID number: confirm the identity with the "
                                   "lab.").replace("%1", sheet_name)
        if a["handled_at"]:
            text += "\n" + self.tr("Handled by %1 at %2.").replace("%1", a["handled_by"] or "") \
                .replace("%2", _fmt_time(a["handled_at"]))
        self.summary.setText(text)
        self.mates.set_rows([Row(m["id"], (m["name"], m["start_date"], m["release_date"],
                                           self.tr("yes") if m["restart"] else self.tr("no")))
                             for m in a["room_mates"]])
        self.floor.set_rows([Row(s["id"], (s["room"] or "", s["name"], self.category_text(s["category"]),
                                           s["release_date"])) for s in a["same_floor"]])
        self.no_mates.setText(self.tr("No room-mates: nobody else's isolation restarted."))
        self.no_mates.setVisible(not a["room_mates"])
        self.mates_view.setVisible(bool(a["room_mates"]))
        self.floor_box.setTitle(self.tr("Same floor: %n other person(s) to watch", "", len(a["same_floor"])))
        person = a["kind"] == "positive"
        self.mates_box.setVisible(person)
        self.floor_box.setVisible(person)
        self.transfer_button.setEnabled(person and a["stay_status"] in ON_SITE)
        self.ack_button.setEnabled(not a["handled_at"] and a["kind"] != "child_alone")
        self.undo_button.setEnabled(self.ctx.actor.can("override") and any(m["restart"] for m in a["room_mates"]))

    def status_text(self, status: str | None) -> str:
        return {StayStatus.IN_ISOLATION: self.tr("in isolation"),
                StayStatus.AWAITING_TRANSFER: self.tr("awaiting transfer"),
                StayStatus.TRANSFERRED: self.tr("transferred"), StayStatus.RELEASED: self.tr("released"),
                StayStatus.LEFT: self.tr("left")}.get(status, status or "")

    def category_text(self, category: str) -> str:
        return {"close_contact": self.tr("close contact"), "secondary_contact": self.tr("secondary contact"),
                "inbound_traveller": self.tr("inbound traveller"),
                "risk_area_arrival": self.tr("risk-area arrival"), "other": self.tr("other")}.get(category, category)

    # -- actions (tests call these directly) ------------------------------------------
    def transfer(self, destination: str, kind: str = "hospital") -> bool:
        ok, _ = self.ctx.run(self, stays.transfer_out, self.ctx.db, self.alert["stay_id"], kind,
                             destination, self.ctx.actor, self.ctx.now())
        self.refresh()
        return ok

    def acknowledge(self, note: str) -> bool:
        ok, _ = self.ctx.run(self, emergency.acknowledge_alert, self.ctx.db, self.alert_id, note,
                             self.ctx.actor, self.ctx.now())
        self.refresh()
        return ok

    def undo_restart(self, stay_id: int, reason: str) -> bool:
        ok, _ = self.ctx.run(self, emergency.undo_restart, self.ctx.db, stay_id, reason,
                             self.ctx.actor, self.ctx.now())
        self.refresh()
        return ok

    def _ask_transfer(self) -> None:
        text, ok = QInputDialog.getText(self, self.tr("Transfer out"),
                                        self.tr("Designated hospital (destination):"))
        if ok and self.transfer(text):
            self.accept()

    def _ask_acknowledge(self) -> None:
        text, ok = QInputDialog.getText(self, self.tr("Acknowledge"),
                                        self.tr("What has been done (e.g. 120 called, transfer at 11:00):"))
        if ok and self.acknowledge(text):
            self.accept()

    def _ask_undo(self) -> None:
        idx = self.mates_view.currentIndex()
        stay_id = self.mates.row_key(idx.row()) if idx.isValid() else self.mates.row_key(0)
        if stay_id is None:
            return
        text, ok = QInputDialog.getText(self, self.tr("Undo restart"), self.tr("Reason:"))
        if ok:
            self.undo_restart(stay_id, text)


def install(window) -> EmergencyBanner:
    """Put the banner above the main window's screens (wraps the central widget)."""
    banner = EmergencyBanner(window.ctx)
    central = window.takeCentralWidget()
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(banner)
    layout.addWidget(central, 1)
    window.setCentralWidget(holder)
    window.emergency_banner = banner
    return banner
