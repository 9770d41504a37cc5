"""What can happen to a stay: move, change the release date, release, transfer out."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from ...domain.errors import DomainError
from ...messages import reason_words
from ...messages.safety import missing_tests_words
from ...services import accounts, boards, queries, stays
from ..widgets import names
from .base import ActionDialog


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def _who(stay: dict) -> str:
    return f"{stay['name']} · {stay['room'] or '—'}"


class MoveDialog(ActionDialog):
    """Move a person; the household members who share the room move with them (default).
    Moving alone away from a child is refused by the service unless a manager overrides."""

    def __init__(self, ctx, stay_id: int, parent=None):
        super().__init__(ctx, parent)
        self.stay_id = stay_id
        s = queries.stay_detail(ctx.db, stay_id)
        self.household = stays.household_to_move(ctx.db, stay_id)
        self.setWindowTitle(self.tr("Move to another room"))
        self.room = QComboBox()
        self._labels = []
        for r in boards.ready_rooms(ctx.db):
            self.room.addItem(self.tr("%1 (%n bed(s))", "", r["beds"] or 1).replace("%1", r["label"]), r["id"])
            self._labels.append(r["label"])
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why (e.g. air conditioning broken)"))
        self.register_field("reason", self.reason)
        self.with_household = QCheckBox(self.tr("Move the household too: %1")
                                        .replace("%1", "、".join(m["name"] for m in self.household)))
        self.with_household.setObjectName("with_household")
        self.with_household.setChecked(True)
        self.register_field("with_household", self.with_household)
        self.household_hint = QLabel(self.tr("They share the room as one household and move in the same step. "
                                             "A child or a person who needs a carer is never left without an adult of "
                                             "the household."))
        self.household_hint.setWordWrap(True)
        self.override = QLineEdit()
        self.override.setObjectName("override")
        self.override.setPlaceholderText(self.tr("Manager only: why the household is separated"))
        form = QFormLayout()
        form.addRow(self.tr("Occupant"), QLabel(_who(s)))
        form.addRow(self.tr("Ready room"), self.room)
        form.addRow(self.tr("Reason"), self.reason)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if self.household:
            box = QGroupBox(self.tr("Household in the same room"))
            box_layout = QVBoxLayout(box)
            box_layout.addWidget(self.with_household)
            box_layout.addWidget(self.household_hint)
            box_layout.addWidget(self.override)
            layout.addWidget(box)
        self.with_household.toggled.connect(self._update_override)
        self._update_override()
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.ok_button.setText(self.tr("Move"))

    def _update_override(self, *_):
        alone = bool(self.household) and not self.with_household.isChecked()
        self.override.setVisible(alone)
        self.override.setEnabled(alone and self.ctx.actor.can("override"))

    def choose_room(self, label: str) -> None:
        self.room.setCurrentIndex(self._labels.index(label))

    def accept(self):
        self.clear_error()
        if self.room.currentData() is None:
            self.show_error(DomainError("no_room_ready"))
            return
        alone = bool(self.household) and not self.with_household.isChecked()
        self.call(stays.move, self.ctx.db, self.stay_id, self.room.currentData(),
                  self.reason.text(), self.ctx.actor, self.ctx.now(),
                  with_household=not alone, override_reason=self.override.text() if alone else None)


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
        self.household = stays.household_to_move(ctx.db, stay_id)
        self.with_household = QCheckBox(self.tr("Extend the household in the same room too: %1")
                                        .replace("%1", "、".join(m["name"] for m in self.household)))
        self.with_household.setObjectName("with_household")
        self.with_household.setChecked(True)
        self.with_household.setVisible(bool(self.household))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.with_household)
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
        self.call(stays.adjust_release, self.ctx.db, self.stay_id,
                  _pydate(self.new_date.date()), self.reason.text(), self.ctx.actor, self.ctx.now(),
                  with_household=self.with_household.isChecked())


def alone_warning(ctx, stay_id: int) -> QLabel:
    """A warning line when this person leaving leaves a child alone in the room (issue 14)."""
    alone = stays.left_alone_if_leaves(ctx.db, stay_id, ctx.today())
    label = QLabel(QCoreApplication.translate(
        "StayActions", "%1 will be alone in room %2 without an adult of the household: an alert stays on the banner "
                       "until a carer is assigned or the child is moved.")
        .replace("%1", "、".join(m["name"] for m in alone)).replace("%2", alone[0]["room"] or "") if alone else "")
    label.setObjectName("alone_warning")
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020; font-weight: bold;")
    label.setVisible(bool(alone))
    return label


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
        # a fever: a second signed-in account (medical or manager) confirms, with its own reason
        self.second_box = QGroupBox(self.tr("Second confirmation (medical staff or another manager)"))
        self.second_user = QLineEdit()
        self.second_user.setObjectName("second_user")
        self.second_password = QLineEdit()
        self.second_password.setObjectName("second_password")
        self.second_password.setEchoMode(QLineEdit.Password)
        self.second_reason = QLineEdit()
        self.second_reason.setObjectName("second_reason")
        self.second_reason.setPlaceholderText(self.tr("Their own reason"))
        second_form = QFormLayout(self.second_box)
        second_form.addRow(QLabel(self.tr("A fever in the last 24 hours: one person cannot override it. "
                                          "The second person signs in here with their own password.")))
        second_form.addRow(self.tr("User name"), self.second_user)
        second_form.addRow(self.tr("Password"), self.second_password)
        second_form.addRow(self.tr("Reason"), self.second_reason)
        self.register_field("second_actor", self.second_user)
        self.register_field("second_reason", self.second_reason)
        self.register_field("username", self.second_user)
        self.register_field("password", self.second_password)
        self.community_told = QCheckBox(self.tr("The destination community has been told (%1)")
                                        .replace("%1", s.get("destination_community") or self.tr("not given")))
        self.community_told.setObjectName("community_told")
        form = QFormLayout()
        form.addRow(self.tr("Occupant"), QLabel(_who(s)))
        form.addRow(self.tr("Release date"), QLabel(s["release_date"]))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.verdict)
        layout.addWidget(self.reasons)
        layout.addWidget(self.override_hint)
        layout.addWidget(self.override)
        layout.addWidget(self.second_box)
        layout.addWidget(self.community_told)
        self.alone_warning = alone_warning(ctx, stay_id)
        layout.addWidget(self.alone_warning)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        positive = {"test_positive", "surface_positive"} & set(self.decision.reasons)
        self.second_box.setVisible(not positive and "fever_24h" in self.decision.reasons
                                   and ctx.actor.can("override"))
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
                self.override_hint.setText(self.tr("A positive result cannot be overridden: transfer the person "
                                                   "instead."))
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
        second = None
        if self.second_box.isVisible() or "fever_24h" in self.decision.reasons:
            if self.second_user.text().strip():
                try:
                    second = accounts.sign_in(self.ctx.db, self.second_user.text(),
                                              self.second_password.text(), self.ctx.now())
                except DomainError as exc:
                    self.show_error(exc)
                    return
        self.call(stays.release, self.ctx.db, self.stay_id, self.ctx.actor, self.ctx.now(),
                  override_reason=reason, second_actor=second,
                  second_reason=self.second_reason.text() if second else None,
                  community_notified=self.community_told.isChecked())


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
        self.alone_warning = alone_warning(ctx, stay_id)
        layout.addWidget(self.alone_warning)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.ok_button.setText(self.tr("Transfer out"))

    def accept(self):
        self.clear_error()
        self.call(stays.transfer_out, self.ctx.db, self.stay_id, self.kind.currentData(),
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
        self.call(self.fn, self.reason.text())
