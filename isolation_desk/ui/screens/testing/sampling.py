"""The sampling tab: today's sampling list in room order, one keystroke a person or a scan of
the door card, single samples or pools.

The fast flows (keystroke and scan) report refusals in a line under the table instead of a
message box, so that a nurse scanning door cards along a corridor is never stopped by a
modal dialog."""
from __future__ import annotations

from operator import itemgetter

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from ....domain.errors import DomainError
from ....services.testing import sampling
from ...models import LazyRowTableModel, Row
from .common import GREY, PINK, ScreenTab, hm, table_view


class SamplingView(QTableView):
    """Space or Enter: this person sampled, on to the next. Any other typed text (a USB
    scanner types like a keyboard) goes to the scan field."""

    sample_pressed = Signal()
    text_typed = Signal(str)

    def keyPressEvent(self, event):
        if event.key() in (Qt.Key_Space, Qt.Key_Return, Qt.Key_Enter):
            self.sample_pressed.emit()
            return
        text = event.text()
        if text and text.isprintable() and not event.modifiers() & (Qt.ControlModifier | Qt.AltModifier):
            self.text_typed.emit(text)
            return
        super().keyPressEvent(event)


class SamplingTab(ScreenTab):
    def __init__(self, screen):
        super().__init__(screen)
        self.pool: dict | None = None
        self._sampling: dict[int, dict] = {}
        v = QVBoxLayout(self)
        row = QHBoxLayout()
        self.scan = QLineEdit()
        self.scan.setClearButtonEnabled(True)
        self.scan.returnPressed.connect(self.scan_entered)
        self.pooled = QCheckBox()
        self.pool_size = QComboBox()
        for n in (5, 10, 20):
            self.pool_size.addItem(f"{n}", n)
        self.pool_size.setCurrentIndex(1)
        self.pool_label = QLabel()
        self.new_pool_button = QPushButton()
        self.new_pool_button.clicked.connect(self.start_new_pool)
        self.pooled.toggled.connect(lambda *_: self.show_pool())
        row.addWidget(self.scan, 2)
        row.addWidget(self.pooled)
        row.addWidget(self.pool_size)
        row.addWidget(self.pool_label, 1)
        row.addWidget(self.new_pool_button)
        v.addLayout(row)
        self.floor_counts = QLabel()
        self.floor_counts.setWordWrap(True)
        v.addWidget(self.floor_counts)
        self.model = LazyRowTableModel([""] * 8)  # rows made when shown
        self.view = table_view(self.model, SamplingView(), alternate=False)
        self.view.sample_pressed.connect(self.sample_current)
        self.view.text_typed.connect(self._typed)
        v.addWidget(self.view, 1)
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        v.addWidget(self.feedback)
        for column, width in enumerate((90, 130, 170, 80, 110, 80, 150)):
            self.view.setColumnWidth(column, width)

    def title(self) -> str:
        return self.tr("Sampling")

    def retranslate(self) -> None:
        self.scan.setPlaceholderText(self.tr("Scan the door card (ISD:…) or select a row and press Space"))
        self.pooled.setText(self.tr("Pooled"))
        self.new_pool_button.setText(self.tr("New pool"))
        self.model.set_headers([self.tr("Room"), self.tr("Name"), self.tr("ID number"),
                                         self.tr("Test"), self.tr("Purpose"), self.tr("Sampled"),
                                         self.tr("Pool"), self.tr("Result")])
        self.show_pool()

    # -- reading ----------------------------------------------------------------------------
    def refresh(self, now, building, floor) -> None:
        sl = sampling.sampling_sources(self.ctx.db, now.date(), building=building, floor=floor)
        self._sampling = {r["id"]: r for r in sl.rows}
        self.model.set_sources(sl.rows, self._sampling_row, itemgetter("id"))
        parts = [self.tr("%1 floor %2: %3 of %4").replace("%1", f.building).replace("%2", str(f.floor))
                 .replace("%3", str(f.sampled)).replace("%4", str(f.due)) for f in sl.floors]
        total = self.tr("Sampled %1 of %2 due today.").replace("%1", str(sl.sampled)).replace("%2", str(sl.due))
        self.floor_counts.setText(total + ("   " + " · ".join(parts) if parts else ""))
        self.title_changed.emit(self.tr("Sampling (%1/%2)").replace("%1", str(sl.sampled))
                                .replace("%2", str(sl.due)))

    def _sampling_row(self, source) -> Row:
        screen = self.screen
        r = sampling.sampling_view(source)
        done = bool(r["sampled_at"])
        return Row(r["id"], (r["room"], r["name"], r["id_masked"], screen.kind_text(r["kind"]),
                             screen.purpose_text(r["purpose"]), hm(r["sampled_at"]),
                             r["pool_code"] or "", screen.result_text(r["result"])),
                   foreground=GREY if done else None,
                   background=PINK if r["purpose"] == "retest" and not done else None)

    # -- sampling ---------------------------------------------------------------------------
    def _say(self, text: str, ok: bool) -> None:
        self.feedback.setStyleSheet("color: #1b5e20;" if ok else "color: #b71c1c; font-weight: bold;")
        self.feedback.setText(text)

    def _typed(self, text: str) -> None:
        self.scan.setFocus()
        self.scan.insert(text)

    def _current_pool_id(self) -> int | None:
        if not self.pooled.isChecked():
            return None
        if self.pool is not None:
            self.pool = sampling.pool_info(self.ctx.db, self.pool["id"])
        if self.pool is None or self.pool["result"] or self.pool["members"] >= self.pool["size"]:
            try:
                self.pool = sampling.new_pool(self.ctx.db, "pcr", self.pool_size.currentData(), self.ctx.actor,
                                             self.ctx.now())
            except DomainError as exc:
                self._say(self.ctx.describe(exc), False)
                return -1
        return self.pool["id"]

    def start_new_pool(self) -> None:
        self.pool = None
        self.pooled.setChecked(True)
        self._current_pool_id()
        self.show_pool()

    def show_pool(self) -> None:
        on = self.pooled.isChecked()
        self.pool_size.setEnabled(on)
        if on and self.pool:
            p = sampling.pool_info(self.ctx.db, self.pool["id"]) or self.pool
            self.pool_label.setText(self.tr("Pool %1: %2 of %3").replace("%1", p["code"])
                                    .replace("%2", str(p["members"])).replace("%3", str(p["size"])))
        elif on:
            self.pool_label.setText(self.tr("A new pool opens with the next sample"))
        else:
            self.pool_label.setText(self.tr("Single samples"))

    def sample_stay(self, stay_id: int) -> bool:
        """Sample everything this person owes today; say so under the table."""
        now = self.ctx.now()
        pool_id = self._current_pool_id()
        if pool_id == -1:
            return False
        try:
            sampling.sample_stay(self.ctx.db, stay_id, now.date(), now, self.ctx.actor, now, pool_id=pool_id)
        except DomainError as exc:
            QApplication.beep()
            self._say(self.ctx.describe(exc), False)
            return False
        s = next((r for r in self._sampling.values() if r["stay_id"] == stay_id), None)
        who = f"{s['room'] or ''} {s['name']}".strip() if s else str(stay_id)
        self._say(self.tr("Sampled: %1").replace("%1", who), True)
        self.ctx.notify(sampling.sample_stay)
        self.screen.refresh_if_stale()
        return True

    def sample_current(self) -> None:
        row = self.view.currentIndex().row()
        key = self.model.row_key(row)
        if key is None:
            self._select_next_unsampled(-1)
            return
        r = self._sampling[key]
        if r["sampled_at"] or self.sample_stay(r["stay_id"]):
            self._select_next_unsampled(row)

    def _select_next_unsampled(self, after: int) -> None:
        n = self.model.rowCount()
        for i in list(range(after + 1, n)) + list(range(0, after + 1)):
            r = self._sampling.get(self.model.row_key(i))
            if r and not r["sampled_at"]:
                self.view.setCurrentIndex(self.model.index(i, 0))
                return

    def scan_entered(self) -> None:
        text = self.scan.text()
        self.scan.clear()
        try:
            stay_id = sampling.stay_from_scan(text)
        except DomainError as exc:
            QApplication.beep()
            self._say(self.ctx.describe(exc), False)
            self.view.setFocus()
            return
        if self.sample_stay(stay_id):
            for i in range(self.model.rowCount()):
                if self._sampling[self.model.row_key(i)]["stay_id"] == stay_id:
                    self.view.setCurrentIndex(self.model.index(i, 0))
                    break
        self.view.setFocus()
