"""The missed and overdue tab: tests due before today never sampled (sampled late from here),
and results pending over 24 hours."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout

from ....services.testing import results, sampling
from ...models import Row, RowTableModel
from .common import AMBER, RED, ScreenTab, dt_text, parse_dt, table_view


class FlagsTab(ScreenTab):
    def __init__(self, screen):
        super().__init__(screen)
        v = QVBoxLayout(self)
        self.missed_label = QLabel()
        self.missed_model = RowTableModel([""] * 5)
        self.missed_view = table_view(self.missed_model)
        self.late_button = QPushButton()
        self.late_button.clicked.connect(self.sample_late)
        self.overdue_label = QLabel()
        self.overdue_model = RowTableModel([""] * 5)
        self.overdue_view = table_view(self.overdue_model)
        v.addWidget(self.missed_label)
        v.addWidget(self.missed_view, 1)
        v.addWidget(self.late_button, 0, Qt.AlignRight)
        v.addWidget(self.overdue_label)
        v.addWidget(self.overdue_view, 1)
        for view, widths in ((self.missed_view, (110, 90, 130, 80)), (self.overdue_view, (140, 90, 130, 80))):
            for column, width in enumerate(widths):
                view.setColumnWidth(column, width)

    def title(self) -> str:
        return self.tr("Missed and overdue")

    def retranslate(self) -> None:
        self.missed_model.set_headers([self.tr("Due"), self.tr("Room"), self.tr("Name"), self.tr("Test"),
                                       self.tr("Purpose")])
        self.overdue_model.set_headers([self.tr("Sampled at"), self.tr("Room"), self.tr("Name"),
                                        self.tr("Test"), self.tr("Waiting")])
        self.late_button.setText(self.tr("Sample now (late)"))

    def refresh(self, now, building, floor) -> None:
        screen = self.screen
        f = results.flags(self.ctx.db, now)
        self.missed_model.set_rows([Row(t["id"], (t["due_date"], t["room"], t["name"], screen.kind_text(t["kind"]),
                                                  screen.purpose_text(t["purpose"])), foreground=RED)
                                    for t in f["missed"]])

        def hours_waited(t) -> int:
            return int((now - parse_dt(t["sampled_at"])).total_seconds() // 3600)
        self.overdue_model.set_rows([Row(t["id"], (dt_text(t["sampled_at"]), t["room"], t["name"],
                                                   screen.kind_text(t["kind"]),
                                                   self.tr("%n hour(s)", "", hours_waited(t))),
                                         foreground=AMBER) for t in f["overdue"]])
        self.missed_label.setText(self.tr("Missed tests (due before today, never sampled): %1")
                                  .replace("%1", str(len(f["missed"]))))
        self.overdue_label.setText(self.tr("Results pending over 24 hours: %1").replace("%1", str(len(f["overdue"]))))
        n = len(f["missed"]) + len(f["overdue"])
        self.title_changed.emit(self.tr("Missed and overdue (%1)").replace("%1", str(n)))

    def sample_late(self) -> None:
        key = self.missed_model.row_key(self.missed_view.currentIndex().row())
        if key is None:
            return
        now = self.ctx.now()
        self.ctx.run(self, sampling.record_sample, self.ctx.db, key, now, self.ctx.actor, now)
