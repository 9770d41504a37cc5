"""The results tab: the samples waiting for a result, one by one or "all negative except
marked" for one lab batch."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout

from ....services.testing import bulk, results
from ...models import Row, RowTableModel
from .common import AMBER, GREY, PINK, RED, YELLOW, ScreenTab, dt_text, parse_dt, table_view


class ResultsView(QTableView):
    """P: mark positive, I: mark invalid, N: clear the mark."""

    mark_pressed = Signal(str)

    def keyPressEvent(self, event):
        marks = {Qt.Key_P: "positive", Qt.Key_I: "invalid", Qt.Key_N: ""}
        if event.key() in marks and not event.modifiers() & Qt.ControlModifier:
            self.mark_pressed.emit(marks[event.key()])
            return
        super().keyPressEvent(event)


class ResultsTab(ScreenTab):
    def __init__(self, screen):
        super().__init__(screen)
        self._marks: dict[tuple[str, int], str] = {}
        self._units: dict[tuple[str, int], dict] = {}
        v = QVBoxLayout(self)
        row = QHBoxLayout()
        self.lab = QLineEdit()
        self.hint = QLabel()
        self.hint.setWordWrap(True)  # a long hint must not widen the window past 1366
        row.addWidget(self.lab, 1)
        row.addWidget(self.hint, 2)
        v.addLayout(row)
        self.model = RowTableModel([""] * 7)
        self.view = table_view(self.model, ResultsView(), alternate=False)
        self.view.mark_pressed.connect(self.mark_current)
        v.addWidget(self.view, 1)
        buttons = QHBoxLayout()
        self.mark_pos_button = QPushButton()
        self.mark_inv_button = QPushButton()
        self.one_neg_button = QPushButton()
        self.one_pos_button = QPushButton()
        self.all_button = QPushButton()
        self.all_button.setStyleSheet("font-weight: bold;")
        self.mark_pos_button.clicked.connect(lambda: self.mark_current("positive"))
        self.mark_inv_button.clicked.connect(lambda: self.mark_current("invalid"))
        self.one_neg_button.clicked.connect(lambda: self.record_selected("negative"))
        self.one_pos_button.clicked.connect(lambda: self.record_selected("positive"))
        self.all_button.clicked.connect(lambda: self.record_all())
        for b in (self.mark_pos_button, self.mark_inv_button, self.one_neg_button, self.one_pos_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.all_button)
        v.addLayout(buttons)
        for column, width in enumerate((140, 260, 80, 200, 140, 90)):
            self.view.setColumnWidth(column, width)

    def title(self) -> str:
        return self.tr("Results")

    def retranslate(self) -> None:
        self.lab.setPlaceholderText(self.tr("Lab (optional)"))
        self.hint.setText(self.tr("Keys: P marks positive, I invalid, N clears. The batch button records the "
                                          "unmarked rows of one lab batch as negative (never samples of the last hour, "
                                          "never last-day samples)."))
        self.model.set_headers([self.tr("Room"), self.tr("Name"), self.tr("Test"),
                                         self.tr("Sample"), self.tr("Sampled at"), self.tr("Waiting"),
                                         self.tr("To record")])
        self.mark_pos_button.setText(self.tr("Mark positive (P)"))
        self.mark_inv_button.setText(self.tr("Mark invalid (I)"))
        self.one_neg_button.setText(self.tr("Selected: negative"))
        self.one_pos_button.setText(self.tr("Selected: positive"))
        self.all_button.setText(self.tr("Record a lab batch: all negative except marked…"))

    def refresh(self, now, building, floor) -> None:
        screen = self.screen
        units = results.result_units(self.ctx.db, now, building=building, floor=floor)
        self._units = {(u["unit"], u["id"]): u for u in units}
        self._marks = {k: v for k, v in self._marks.items() if k in self._units}
        rows = []
        hours: dict[int, str] = {}
        for u in units:
            key = (u["unit"], u["id"])
            members = u["members"]
            rooms = ", ".join(dict.fromkeys(m["room"] for m in members))
            names = ", ".join(m["name"] for m in members)
            sample = self.tr("pool %1 (%n sample(s))", "", len(members)).replace("%1", u["code"]) \
                if u["unit"] == "pool" else screen.purpose_text(members[0]["purpose"])
            waiting_h = int((now - parse_dt(u["sampled_at"])).total_seconds() // 3600)
            mark = self._marks.get(key, "negative")
            # what "all negative except marked" will not take, said on the row
            left_out = None if key in self._marks else results.bulk_exclusion(u, now)
            mark_text = {"recent": self.tr("lab's result (sampled < 1 h ago)"),
                         "release": self.tr("lab's result (last day)")}.get(left_out) or screen.result_text(mark)
            rows.append(Row(key, (rooms, names, screen.kind_text(u["kind"]), sample, dt_text(u["sampled_at"]),
                                  hours.get(waiting_h) or hours.setdefault(
                                      waiting_h, self.tr("%n hour(s)", "", waiting_h)),
                                  mark_text),
                            sort=None,
                            foreground=RED if mark == "positive"
                            else (GREY if left_out else (AMBER if u["overdue"] else None)),
                            background=PINK if mark == "positive" else (YELLOW if mark == "invalid" else None)))
        self.model.set_rows(rows)
        self.title_changed.emit(self.tr("Results (%1)").replace("%1", str(len(units))))

    def _reread(self) -> None:
        self.refresh(self.ctx.now(), *self.screen.place())

    def mark_current(self, mark: str) -> None:
        row = self.view.currentIndex().row()
        key = self.model.row_key(row)
        if key is None:
            return
        if mark and self._marks.get(key) != mark:
            self._marks[key] = mark
        else:
            self._marks.pop(key, None)
        self._reread()
        self.view.setCurrentIndex(self.model.index(min(row + 1, self.model.rowCount() - 1), 0))

    def mark(self, key: tuple[str, int], mark: str = "positive") -> None:
        self._marks[key] = mark
        self._reread()

    def unit_keys(self) -> list[tuple[str, int]]:
        return [r.key for r in self.model.rows()]

    def record_all(self, confirm: bool = True, batch=None):
        """"All negative except marked" for ONE lab batch. With ``confirm`` the dialog picks the
        batch and shows the count before it asks; without it (tests, scripts) ``batch`` is
        used, by default the samples taken more than 6 hours ago."""
        positive = {k for k, v in self._marks.items() if v == "positive" and k in self._units}
        invalid = {k for k, v in self._marks.items() if v == "invalid" and k in self._units}
        lab = self.lab.text().strip() or None
        if confirm:
            from ...dialogs.bulk_results import BulkResultsDialog
            dialog = BulkResultsDialog(self.ctx, positive, invalid, lab, self.screen.place(), self)
            self.bulk_dialog = dialog
            if dialog.exec() != QDialog.Accepted:
                return None
            out = dialog.result_value
        else:
            now = self.ctx.now()
            batch = batch or bulk.LabBatch.taken_before(now - bulk.BULK_DEFAULT_AGE)
            ok, out = self.ctx.run(self, bulk.all_negative_except, self.ctx.db, batch, positive,
                                   self.ctx.actor, now, lab, invalid)
            if not ok:
                return None
        self._marks.clear()
        self.screen.refresh_if_stale()
        return out

    def record_selected(self, result: str):
        key = self.model.row_key(self.view.currentIndex().row())
        if key is None:
            return None
        ok, out = self.ctx.run(self, results.record_results, self.ctx.db, [(key[0], key[1], result)],
                               self.ctx.actor, self.ctx.now(), self.lab.text().strip() or None)
        if ok:
            self.screen.refresh_if_stale()
        return out if ok else None
