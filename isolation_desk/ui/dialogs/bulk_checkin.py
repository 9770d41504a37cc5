"""Bulk check-in of expected arrivals: each person (or household, together) with a
suggested ready room; check in all or the selected ones; who could not be checked in, and why.

    from ..dialogs.bulk_checkin import BulkCheckInDialog
    n = BulkCheckInDialog.ask(self, self.ctx)                  # all expected arrivals
    n = BulkCheckInDialog.ask(self, self.ctx, stay_ids=[...])  # those just imported
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.vocabulary import Category
from ...services import stays_expected
from ..models import Row, RowTableModel

_NO_ROOM = QBrush(QColor("#b3261e"))


def category_titles() -> dict[str, str]:
    return {
        Category.CLOSE_CONTACT: QCoreApplication.translate("BulkCheckIn", "Close contact"),
        Category.SECONDARY_CONTACT: QCoreApplication.translate("BulkCheckIn", "Secondary contact"),
        Category.INBOUND_TRAVELLER: QCoreApplication.translate("BulkCheckIn", "Inbound traveller"),
        Category.RISK_AREA_ARRIVAL: QCoreApplication.translate("BulkCheckIn", "Risk-area arrival"),
        Category.OTHER: QCoreApplication.translate("BulkCheckIn", "Other"),
    }


def role_titles() -> dict[str, str]:
    return {
        "parent": QCoreApplication.translate("BulkCheckIn", "parent"),
        "child": QCoreApplication.translate("BulkCheckIn", "child"),
        "carer": QCoreApplication.translate("BulkCheckIn", "carer"),
        "dependant": QCoreApplication.translate("BulkCheckIn", "dependant"),
    }


class BulkCheckInDialog(QDialog):
    checked_in = Signal(int)

    def __init__(self, ctx, parent: QWidget | None = None, stay_ids=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("BulkCheckInDialog")
        self.stay_ids = None if stay_ids is None else list(stay_ids)
        self.plan: list[stays_expected.PlannedUnit] = []
        self.done_count = 0
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.model = RowTableModel(self._headers(), self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setMaximumHeight(110)
        self.report.hide()
        self.all_button = QPushButton()
        self.all_button.setDefault(True)
        self.all_button.clicked.connect(lambda: self.check_in(selected_only=False))
        self.selected_button = QPushButton()
        self.selected_button.clicked.connect(lambda: self.check_in(selected_only=True))
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self._close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.selected_button)
        buttons.addWidget(self.all_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.report)
        layout.addLayout(buttons)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_state())
        self.retranslate()
        self.refresh()
        self.resize(820, 520)

    def _headers(self) -> list[str]:
        return [self.tr("Suggested room"), self.tr("Name"), self.tr("Category"), self.tr("Household")]

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Check in expected arrivals"))
        self.intro.setText(self.tr(
            "Each person gets the suggested ready room; a household goes into one room together. "
            "Rooms are checked again at check-in: a room taken meanwhile is replaced by the next "
            "suggestion. Everybody is sampled on the day of check-in."))
        self.model.set_headers(self._headers())
        self.all_button.setText(self.tr("Check in all"))
        self.selected_button.setText(self.tr("Check in selected"))
        self.close_button.setText(self.tr("Close"))

    def refresh(self) -> None:
        remaining = None
        if self.stay_ids is not None:
            remaining = self.stay_ids
        self.plan = stays_expected.plan_check_in(self.ctx.db, remaining)
        categories, roles = category_titles(), role_titles()
        rows = []
        for i, unit in enumerate(self.plan):
            names = "、".join(unit.names) if self.ctx.lang.startswith("zh") else ", ".join(unit.names)
            household = ""
            if unit.beds_needed > 1:
                household = ", ".join(f"{n} ({roles.get(r or '', r or '')})"
                                      for n, r in zip(unit.names, unit.roles, strict=False))
            room = unit.room or self.tr("no room ready")
            if unit.held_positive:  # a positive before arrival: holding room or transfer
                room = self.tr("POSITIVE: holding room %1 or transfer").replace("%1", unit.room or "—")
            rows.append(Row(key=i, display=(room, names,
                                            categories.get(unit.category, unit.category), household),
                            foreground=_NO_ROOM if unit.held_positive or not unit.room else None))
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        self._update_state()

    def _selected_units(self) -> list[stays_expected.PlannedUnit]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.plan[self.model.row_key(r)] for r in rows]

    def check_in(self, selected_only: bool = False) -> stays_expected.BulkCheckInResult | None:
        units = self._selected_units() if selected_only else list(self.plan)
        if not units:
            return None
        ok, result = self.ctx.run(self, stays_expected.bulk_check_in, self.ctx.db, units,
                                  self.ctx.actor, self.ctx.now())
        if not ok:
            return None
        self.done_count += len(result.checked_in)
        lines = [self.tr("%n person(s) checked in.", "", len(result.checked_in))]
        lines += [self.tr("%1 → room %2").replace("%1", name).replace("%2", room or "")
                  for name, room in result.placed]
        for unit, error in result.failed:
            lines.append(self.tr("Not checked in: %1 — %2").replace("%1", "、".join(unit.names))
                         .replace("%2", self.ctx.describe(error)))
        self.report.setPlainText("\n".join(lines))
        self.report.show()
        self.checked_in.emit(len(result.checked_in))
        self.refresh()
        return result

    def _update_state(self) -> None:
        allowed = self.ctx.actor.can("check_in")
        self.all_button.setEnabled(allowed and bool(self.plan))
        self.selected_button.setEnabled(allowed and self.view.selectionModel().hasSelection())

    def _close(self) -> None:
        if self.done_count:
            self.accept()
        else:
            self.reject()

    @classmethod
    def ask(cls, parent, ctx, stay_ids=None) -> int | None:
        """Show the dialog; how many people were checked in, or None when nobody was."""
        dialog = cls(ctx, parent, stay_ids=stay_ids)
        dialog.exec()
        return dialog.done_count or None
