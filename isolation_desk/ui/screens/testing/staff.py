"""The staff tab: today's tests of the site's staff (planned, sampled, result)."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout

from ....services import staff
from ....services.testing import results, sampling
from ...dialogs.staff import StaffDialog
from ...models import Row, RowTableModel
from .common import RED, ScreenTab, hm, table_view


class StaffTab(ScreenTab):
    def __init__(self, screen):
        super().__init__(screen)
        v = QVBoxLayout(self)
        self.model = RowTableModel([""] * 7)
        self.view = table_view(self.model)
        v.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.plan_button = QPushButton()
        self.sampled_button = QPushButton()
        self.neg_button = QPushButton()
        self.pos_button = QPushButton()
        self.add_button = QPushButton()
        self.plan_button.clicked.connect(self.plan_staff)
        self.sampled_button.clicked.connect(self.staff_sampled)
        self.neg_button.clicked.connect(lambda: self.staff_result("negative"))
        self.pos_button.clicked.connect(lambda: self.staff_result("positive"))
        self.add_button.clicked.connect(self.add_staff)
        for b in (self.plan_button, self.sampled_button, self.neg_button,
                  self.pos_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.add_button)
        v.addLayout(row)
        for column, width in enumerate((110, 90, 90, 130, 110, 90)):
            self.view.setColumnWidth(column, width)

    def title(self) -> str:
        return self.tr("Staff")

    def retranslate(self) -> None:
        self.model.set_headers([self.tr("Name"), self.tr("Role"), self.tr("Team"), self.tr("Phone"),
                                      self.tr("Regime"), self.tr("Sampled"), self.tr("Result")])
        self.plan_button.setText(self.tr("Plan today's staff tests"))
        self.sampled_button.setText(self.tr("Sampled"))
        self.neg_button.setText(self.tr("Negative"))
        self.pos_button.setText(self.tr("Positive"))
        self.add_button.setText(self.tr("Add staff member…"))

    def refresh(self, now, building, floor) -> None:
        screen = self.screen
        regimes = {"daily": self.tr("daily"), "three_in_five": self.tr("3 in 5 days")}
        rows = []
        for s in staff.staff_day(self.ctx.db, now.date()):
            t = s["test"]
            rows.append(Row(s["id"], (s["name"], screen.role_text(s["role"]), s["team"] or "", s["phone_masked"],
                                      regimes.get(s["test_regime"], s["test_regime"]),
                                      hm(t["sampled_at"]) if t else self.tr("not planned"),
                                      screen.result_text(t["result"]) if t else ""),
                            foreground=RED if t and t["result"] == "positive" else None))
        keep = self.model.row_key(self.view.currentIndex().row())
        self.model.set_rows(rows)
        if keep is not None and self.model.row_of_key(keep) >= 0:
            self.view.setCurrentIndex(self.model.index(self.model.row_of_key(keep), 0))

    def _staff_test(self):
        key = self.model.row_key(self.view.currentIndex().row())
        if key is None:
            return None
        s = next((s for s in staff.staff_day(self.ctx.db, self.ctx.today()) if s["id"] == key), None)
        return s["test"] if s else None

    def plan_staff(self) -> None:
        now = self.ctx.now()
        self.ctx.run(self, staff.plan_staff_tests, self.ctx.db, now.date(), self.ctx.actor, now)

    def staff_sampled(self) -> None:
        t = self._staff_test()
        if t is not None:
            now = self.ctx.now()
            self.ctx.run(self, sampling.record_sample, self.ctx.db, t["id"], now, self.ctx.actor, now)

    def staff_result(self, result: str) -> None:
        t = self._staff_test()
        if t is not None:
            self.ctx.run(self, results.record_result, self.ctx.db, t["id"], result, self.ctx.actor,
                         self.ctx.now())

    def add_staff(self) -> None:
        values = StaffDialog.ask(self)
        if values:
            self.ctx.run(self, staff.add_staff, self.ctx.db, actor=self.ctx.actor, now=self.ctx.now(),
                         **values)
