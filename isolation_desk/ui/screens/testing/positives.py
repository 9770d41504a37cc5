"""The positives tab: the alerts of recent positives (a person, a pool, a staff member),
open ones in red; each opens the alert dialog."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QVBoxLayout

from ....services.testing import emergency
from ...models import Row, RowTableModel
from .common import RED, ScreenTab, dt_text, table_view


class PositivesTab(ScreenTab):
    def __init__(self, screen):
        super().__init__(screen)
        v = QVBoxLayout(self)
        self.model = RowTableModel([""] * 5)
        self.view = table_view(self.model)
        self.view.doubleClicked.connect(lambda *_: self.open_alert())
        v.addWidget(self.view, 1)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(lambda: self.open_alert())
        v.addWidget(self.open_button, 0, Qt.AlignRight)
        for column, width in enumerate((140, 110, 140, 90)):
            self.view.setColumnWidth(column, width)

    def title(self) -> str:
        return self.tr("Positives")

    def retranslate(self) -> None:
        self.model.set_headers([self.tr("Raised"), self.tr("Kind"), self.tr("Who"), self.tr("Room"),
                                       self.tr("Handled")])
        self.open_button.setText(self.tr("Open…"))

    def refresh(self, now, building, floor) -> None:
        kinds = {"positive": self.tr("positive"), "pool_positive": self.tr("positive pool"),
                 "staff_positive": self.tr("staff positive")}
        rows = []
        for a in emergency.recent_alerts(self.ctx.db, now):
            handled = (self.tr("%1 at %2").replace("%1", a["handled_by"] or "").replace("%2", dt_text(a["handled_at"]))
                       if a["handled_at"] else self.tr("OPEN"))
            who = a["name"] or (a["note"] or "")
            rows.append(Row(a["id"], (dt_text(a["raised_at"]), kinds.get(a["kind"], a["kind"]), who, a["room"] or "",
                                      handled), foreground=None if a["handled_at"] else RED))
        self.model.set_rows(rows)

    def open_alert(self, alert_id: int | None = None):
        """The alert dialog of the selected positive (tests pass the id and get the dialog)."""
        from ...widgets.emergency_banner import AlertDialog
        if alert_id is None:
            alert_id = self.model.row_key(self.view.currentIndex().row())
        if alert_id is None:
            return None
        dialog = AlertDialog(self.ctx, alert_id, self)
        if not getattr(self, "_no_exec", False):
            dialog.exec()
        return dialog
