"""What can happen to a stay: move, change the release date, release, transfer out."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (QComboBox, QDateEdit, QFormLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QVBoxLayout)

from ...domain.errors import DomainError
from ...messages import reason_words
from ...messages_i14a import missing_tests_words
from ...services import boards, queries, stays
from ..widgets import names
from .base import ActionDialog


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def _who(stay: dict) -> str:
    return f"{stay['name']} · {stay['room'] or '—'}"


class MoveDialog(ActionDialog):
    def __init__(self, ctx, stay_id: int, parent=None):
        super().__init__(ctx, parent)
        self.stay_id = stay_id
        s = queries.stay_detail(ctx.db, stay_id)
        self.setWindowTitle(self.tr("Move to another room"))
        self.room = QComboBox()
        for r in boards.ready_rooms(ctx.db):
            self.room.addItem(r["label"], r["id"])
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why (e.g. air conditioning broken)"))
        self.register_field("reason", self.reason)
        form = QFormLayout()
        form.addRow(self.tr("Occupant"), QLabel(_who(s)))
        form.addRow(self.tr("Ready room"), self.room)
        form.addRow(self.tr("Reason"), self.reason)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.ok_button.setText(self.tr("Move"))

    def accept(self):
        self.clear_error()
        if self.room.currentData() is None:
            self.show_error(DomainError("no_room_ready"))
            return
        self.call("stays", stays.move, self.ctx.db, self.stay_id, self.room.currentData(),
                  self.reason.text(), self.ctx.actor, self.ctx.now())


class ReleaseDateDialog(ActionDialog):
    """Extend or bring forward the release date; the reason is required."""

    def __init__(self, ctx, stay_id: int, parent=None):
        super().__init__(ctx, parent)
        self.stay_id = stay_id
        s = queries.stay_detail(ctx.db, stay_id)
        self.current = date.fromisoformat(s["release_date"])
        self.start = date.fromisoformat(s["start_date"])
        self.setWindowTitle(self.tr("Change the release date"))
        self.new_date = QDateEdit(_qdate(self.current))
        self.new_date.setCalendarPopup(True)
        self.new_date.setDisplayFormat("yyyy-MM-dd")
        self.change_info = QLabel()
        self.change_info.setObjectName("change_info")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why (e.g. room-mate positive, missed test)"))
        self.register_field("reason", self.reason)
        self.register_field("release_date", self.new_date)
        form = QFormLayout()
        form.addRow(self.tr("Occupant"), QLabel(_who(s)))
        form.addRow(self.tr("Start (day 0)"), QLabel(self.start.isoformat()))
        form.addRow(self.tr("Release date now"), QLabel(self.current.isoformat()))
        form.addRow(self.tr("New release date"), self.new_date)
        form.addRow("", self.change_info)
        form.addRow(self.tr("Reason"), self.reason)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.new_date.dateChanged.connect(self._update_info)
        self._update_info()

    def set_new_date(self, d: date) -> None:
        self.new_date.setDate(_qdate(d))

    def _update_info(self, *_):
        new = _pydate(self.new_date.date())
        delta = (new - self.current).days
        if delta > 0:
            text = self.tr("Extends the isolation by %n day(s)", "", delta)
        elif delta < 0:
            text = self.tr("Brings the release forward by %n day(s)", "", -delta)
        else:
            text = self.tr("Same date as now")
        self.change_info.setText(text + " · " + self.tr("day %1 of the isolation")
                                 .replace("%1", str((new - self.start).days)))

    def accept(self):
        self.clear_error()
        self.call("stays", stays.adjust_release, self.ctx.db, self.stay_id,
                  _pydate(self.new_date.date()), self.reason.text(), self.ctx.actor, self.ctx.now())


def refusal_lines(decision, lang: str) -> list[str]:
    """The gating result in words, one line per reason, with its details."""
    lines = []
    d = decision.details
    for code in decision.reasons:
        text = reason_words(code, lang)
        extra = ""
        if code == "not_yet_due" and "days_left" in d:
            extra = QCoreApplication.translate("ReleaseDialog", "%n day(s) left", "", d["days_left"])
        elif code == "test_missing" and d.get("missing"):
            extra = missing_tests_words(d["missing"], lang)
        elif code == "positive_nearby" and d.get("positive_rooms"):
            extra = ", ".join(d["positive_rooms"])
        elif code == "result_pending" and d.get("pending"):
            extra = QCoreApplication.translate("ReleaseDialog", "%n result(s) pending", "", d["pending"])
        elif code == "fever_24h" and d.get("max_temperature"):
            extra = f"{d['max_temperature']:.1f} °C"
        lines.append(f"{text} ({extra})" if extra else text)
    return lines


class ReleaseDialog(ActionDialog):
    """Shows the gating decision in words; releases when allowed, or with a manager's
    override and its reason (never over a positive result)."""

    def __init__(self, ctx, stay_id: int, parent=None):
        super().__init__(ctx, parent)
        self.stay_id = stay_id
        s = queries.stay_detail(ctx.db, stay_id)
        now = ctx.now()
        self.decision = stays.release_check(ctx.db, stay_id, now)
        self.setWindowTitle(self.tr("Release from isolation"))
        self.verdict = QLabel()
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        self.reasons = QLabel()
        self.reasons.setObjectName("reasons")
        self.reasons.setWordWrap(True)
        self.override = QPlainTextEdit()
        self.override.setObjectName("override")
        self.override.setPlaceholderText(self.tr("A manager may release anyway: write why"))
        self.override.setMaximumHeight(70)
        self.override_hint = QLabel()
        self.override_hint.setWordWrap(True)
        self.register_field("reason", self.override)
        form = QFormLayout()
        form.addRow(self.tr("Occupant"), QLabel(_who(s)))
        form.addRow(self.tr("Release date"), QLabel(s["release_date"]))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.verdict)
        layout.addWidget(self.reasons)
        layout.addWidget(self.override_hint)
        layout.addWidget(self.override)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        positive = {"test_positive", "surface_positive"} & set(self.decision.reasons)
        if self.decision.allowed:
            self.verdict.setText(self.tr("All conditions are met: the person may be released."))
            self.verdict.setStyleSheet("color: #1b5e20; font-weight: bold;")
            self.reasons.hide()
            self.override.hide()
            self.override_hint.hide()
            self.ok_button.setText(self.tr("Release"))
        else:
            self.verdict.setText(self.tr("Release is refused:"))
            self.verdict.setStyleSheet("color: #b00020; font-weight: bold;")
            self.reasons.setText("\n".join("• " + line for line in refusal_lines(self.decision, ctx.lang)))
            if positive:
                self.override_hint.setText(self.tr("A positive result cannot be overridden: transfer the person instead."))
                self.override.hide()
                self.ok_button.setEnabled(False)
            elif not ctx.actor.can("override"):
                self.override_hint.setText(self.tr("Only a manager can release against these reasons."))
                self.override.setEnabled(False)
                self.ok_button.setEnabled(False)
            else:
                self.override_hint.setText(self.tr("As a manager you may override, with a reason that is recorded."))
                self.ok_button.setText(self.tr("Release with override"))

    def accept(self):
        self.clear_error()
        reason = self.override.toPlainText().strip() if not self.decision.allowed else None
        if not self.decision.allowed and not reason:
            self.show_error(DomainError("override_reason_required", field="reason"))
            return
        self.call("stays", stays.release, self.ctx.db, self.stay_id, self.ctx.actor, self.ctx.now(),
                  override_reason=reason)


class TransferDialog(ActionDialog):
    def __init__(self, ctx, stay_id: int, parent=None):
        super().__init__(ctx, parent)
        self.stay_id = stay_id
        s = queries.stay_detail(ctx.db, stay_id)
        self.setWindowTitle(self.tr("Transfer out"))
        self.kind = QComboBox()
        for code in names.TRANSFER_KIND_CODES:
            self.kind.addItem(names.transfer_kind(code), code)
        self.destination = QLineEdit()
        self.destination.setPlaceholderText(self.tr("Hospital or site name"))
        self.register_field("destination", self.destination)
        form = QFormLayout()
        form.addRow(self.tr("Occupant"), QLabel(_who(s)))
        form.addRow(self.tr("To"), self.kind)
        form.addRow(self.tr("Destination"), self.destination)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("The room goes to terminal disinfection after the transfer.")))
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.ok_button.setText(self.tr("Transfer out"))

    def accept(self):
        self.clear_error()
        self.call("stays", stays.transfer_out, self.ctx.db, self.stay_id, self.kind.currentData(),
                  self.destination.text(), self.ctx.actor, self.ctx.now())


class ReasonDialog(ActionDialog):
    """One line of reason for a room action (out of service)."""

    def __init__(self, ctx, title: str, label: str, fn, parent=None):
        super().__init__(ctx, parent)
        self.setWindowTitle(title)
        self.fn = fn
        self.reason = QLineEdit()
        self.register_field("reason", self.reason)
        form = QFormLayout()
        form.addRow(label, self.reason)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def accept(self):
        self.clear_error()
        self.call("rooms", self.fn, self.reason.text())
