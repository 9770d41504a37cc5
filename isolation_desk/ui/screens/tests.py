"""The tests screen: today's sampling list in room order (one keystroke a person, or a scan
of the door card), results (one by one or "all negative except …"), pools, flags (missed
tests, results pending over 24 hours), test regimes, the lab import and the staff's tests.

The fast flows (keystroke and scan) report refusals in a line under the table instead of a
message box, so that a nurse scanning door cards along a corridor is never stopped by a
modal dialog; every other action goes through ``ctx.run``.
"""
from __future__ import annotations

from operator import itemgetter
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError
from ...services import results_import, staff, testing
from ..models import LazyRowTableModel, Row, RowTableModel
from .base import Screen

RED = QColor("#b71c1c")
AMBER = QColor("#8a5a00")
GREY = QColor("#777777")
PINK = QColor("#fde0e0")
YELLOW = QColor("#fff4cc")


def _hm(value) -> str:
    return str(value or "")[11:16]


def _dt_text(value) -> str:
    return str(value or "").replace("T", " ")[:16]


def _view(model) -> QTableView:
    v = QTableView()
    v.setModel(model)
    v.setSelectionBehavior(QTableView.SelectRows)
    v.setSelectionMode(QTableView.SingleSelection)
    v.setSortingEnabled(False)
    v.verticalHeader().setDefaultSectionSize(24)
    v.horizontalHeader().setStretchLastSection(True)
    v.setAlternatingRowColors(True)
    return v


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


class ResultsView(QTableView):
    """P: mark positive, I: mark invalid, N: clear the mark."""

    mark_pressed = Signal(str)

    def keyPressEvent(self, event):
        marks = {Qt.Key_P: "positive", Qt.Key_I: "invalid", Qt.Key_N: ""}
        if event.key() in marks and not event.modifiers() & Qt.ControlModifier:
            self.mark_pressed.emit(marks[event.key()])
            return
        super().keyPressEvent(event)


class TestsScreen(Screen):
    key = "tests"
    __test__ = False  # not a pytest class, whatever its name

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.pool: dict | None = None
        self._marks: dict[tuple[str, int], str] = {}
        self._sampling: dict[int, dict] = {}
        self._units: dict[tuple[str, int], dict] = {}
        layout = QVBoxLayout(self)

        bar = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.building = QComboBox()
        self.floor = QComboBox()
        self.building.currentIndexChanged.connect(self._building_changed)
        self.floor.currentIndexChanged.connect(lambda *_: self.refresh())
        self.print_button = QPushButton()
        self.import_button = QPushButton()
        self.regime_button = QPushButton()
        self.print_button.clicked.connect(lambda: self.print_list())
        self.import_button.clicked.connect(self.import_results)
        self.regime_button.clicked.connect(self.set_regime)
        self.building_label, self.floor_label = QLabel(), QLabel()
        for w in (self.heading,):
            bar.addWidget(w)
        bar.addStretch(1)
        for w in (self.building_label, self.building, self.floor_label, self.floor, self.regime_button,
                  self.import_button, self.print_button):
            bar.addWidget(w)
        layout.addLayout(bar)

        self.tabs = QTabWidget()
        self.tabs.currentChanged.connect(self._refresh_tab)
        layout.addWidget(self.tabs, 1)
        self._build_sampling_tab()
        self._build_results_tab()
        self._build_flags_tab()
        self._build_staff_tab()
        self._build_alerts_tab()
        self.retranslate()
        for view, widths in ((self.sampling_view, (90, 130, 170, 80, 110, 80, 150)),
                             (self.results_view, (140, 260, 80, 200, 140, 90)),
                             (self.missed_view, (110, 90, 130, 80)),
                             (self.overdue_view, (140, 90, 130, 80)),
                             (self.staff_view, (110, 90, 90, 130, 110, 90)),
                             (self.alerts_view, (140, 110, 140, 90))):
            for column, width in enumerate(widths):
                view.setColumnWidth(column, width)

    # -- tabs ---------------------------------------------------------------------------
    def _build_sampling_tab(self) -> None:
        tab = QWidget()
        v = QVBoxLayout(tab)
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
        self.pooled.toggled.connect(lambda *_: self._show_pool())
        row.addWidget(self.scan, 2)
        row.addWidget(self.pooled)
        row.addWidget(self.pool_size)
        row.addWidget(self.pool_label, 1)
        row.addWidget(self.new_pool_button)
        v.addLayout(row)
        self.floor_counts = QLabel()
        self.floor_counts.setWordWrap(True)
        v.addWidget(self.floor_counts)
        self.sampling_model = LazyRowTableModel([""] * 8)  # rows made when shown
        self.sampling_view = SamplingView()
        self.sampling_view.setModel(self.sampling_model)
        self.sampling_view.setSelectionBehavior(QTableView.SelectRows)
        self.sampling_view.setSelectionMode(QTableView.SingleSelection)
        self.sampling_view.verticalHeader().setDefaultSectionSize(24)
        self.sampling_view.horizontalHeader().setStretchLastSection(True)
        self.sampling_view.sample_pressed.connect(self.sample_current)
        self.sampling_view.text_typed.connect(self._typed)
        v.addWidget(self.sampling_view, 1)
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        v.addWidget(self.feedback)
        self.tabs.addTab(tab, "")

    def _build_results_tab(self) -> None:
        tab = QWidget()
        v = QVBoxLayout(tab)
        row = QHBoxLayout()
        self.lab = QLineEdit()
        self.results_hint = QLabel()
        self.results_hint.setWordWrap(True)  # a long hint must not widen the window past 1366
        row.addWidget(self.lab, 1)
        row.addWidget(self.results_hint, 2)
        v.addLayout(row)
        self.results_model = RowTableModel([""] * 7)
        self.results_view = ResultsView()
        self.results_view.setModel(self.results_model)
        self.results_view.setSelectionBehavior(QTableView.SelectRows)
        self.results_view.setSelectionMode(QTableView.SingleSelection)
        self.results_view.verticalHeader().setDefaultSectionSize(24)
        self.results_view.horizontalHeader().setStretchLastSection(True)
        self.results_view.mark_pressed.connect(self.mark_current)
        v.addWidget(self.results_view, 1)
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
        self.tabs.addTab(tab, "")

    def _build_flags_tab(self) -> None:
        tab = QWidget()
        v = QVBoxLayout(tab)
        self.missed_label = QLabel()
        self.missed_model = RowTableModel([""] * 5)
        self.missed_view = _view(self.missed_model)
        self.late_button = QPushButton()
        self.late_button.clicked.connect(self.sample_late)
        self.overdue_label = QLabel()
        self.overdue_model = RowTableModel([""] * 5)
        self.overdue_view = _view(self.overdue_model)
        v.addWidget(self.missed_label)
        v.addWidget(self.missed_view, 1)
        v.addWidget(self.late_button, 0, Qt.AlignRight)
        v.addWidget(self.overdue_label)
        v.addWidget(self.overdue_view, 1)
        self.tabs.addTab(tab, "")

    def _build_staff_tab(self) -> None:
        tab = QWidget()
        v = QVBoxLayout(tab)
        self.staff_model = RowTableModel([""] * 7)
        self.staff_view = _view(self.staff_model)
        v.addWidget(self.staff_view, 1)
        row = QHBoxLayout()
        self.plan_staff_button = QPushButton()
        self.staff_sampled_button = QPushButton()
        self.staff_neg_button = QPushButton()
        self.staff_pos_button = QPushButton()
        self.add_staff_button = QPushButton()
        self.plan_staff_button.clicked.connect(self.plan_staff)
        self.staff_sampled_button.clicked.connect(self.staff_sampled)
        self.staff_neg_button.clicked.connect(lambda: self.staff_result("negative"))
        self.staff_pos_button.clicked.connect(lambda: self.staff_result("positive"))
        self.add_staff_button.clicked.connect(self.add_staff)
        for b in (self.plan_staff_button, self.staff_sampled_button, self.staff_neg_button,
                  self.staff_pos_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.add_staff_button)
        v.addLayout(row)
        self.tabs.addTab(tab, "")

    def _build_alerts_tab(self) -> None:
        tab = QWidget()
        v = QVBoxLayout(tab)
        self.alerts_model = RowTableModel([""] * 5)
        self.alerts_view = _view(self.alerts_model)
        self.alerts_view.doubleClicked.connect(lambda *_: self.open_alert())
        v.addWidget(self.alerts_view, 1)
        self.open_alert_button = QPushButton()
        self.open_alert_button.clicked.connect(lambda: self.open_alert())
        v.addWidget(self.open_alert_button, 0, Qt.AlignRight)
        self.tabs.addTab(tab, "")

    # -- words ----------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Tests")

    def _words(self) -> None:
        """Words of the codes, built once per language (data() and refresh stay cheap)."""
        self._kind_words = {"pcr": self.tr("PCR"), "antigen": self.tr("Antigen")}
        self._purpose_words = {
            "check_in": self.tr("check-in"), "scheduled": self.tr("scheduled"),
            "release": self.tr("release day"), "second_lab": self.tr("second lab"),
            "retest": self.tr("re-test"), "regime": self.tr("regime"),
            "surface": self.tr("surface"), "staff": self.tr("staff")}
        self._role_words = {"doctor": self.tr("doctor"), "nurse": self.tr("nurse"), "security": self.tr("security"),
                            "cleaner": self.tr("cleaner"), "logistics": self.tr("logistics"),
                            "manager": self.tr("manager"), "other": self.tr("other")}
        self._result_words = {"negative": self.tr("negative"), "positive": self.tr("POSITIVE"),
                              "invalid": self.tr("invalid"), None: ""}

    def kind_text(self, kind: str) -> str:
        return self._kind_words.get(kind, kind)

    def purpose_text(self, purpose: str) -> str:
        return self._purpose_words.get(purpose, purpose)

    def role_text(self, role: str) -> str:
        return self._role_words.get(role, role)

    def result_text(self, result: str | None) -> str:
        return self._result_words.get(result, result or "")

    def retranslate(self) -> None:
        self._words()
        self.building_label.setText(self.tr("Building"))
        self.floor_label.setText(self.tr("Floor"))
        self.print_button.setText(self.tr("Print sampling list…"))
        self.import_button.setText(self.tr("Import lab results…"))
        self.regime_button.setText(self.tr("Test regime…"))
        self.tabs.setTabText(0, self.tr("Sampling"))
        self.tabs.setTabText(1, self.tr("Results"))
        self.tabs.setTabText(2, self.tr("Missed and overdue"))
        self.tabs.setTabText(3, self.tr("Staff"))
        self.scan.setPlaceholderText(self.tr("Scan the door card (ISD:…) or select a row and press Space"))
        self.pooled.setText(self.tr("Pooled"))
        self.new_pool_button.setText(self.tr("New pool"))
        self.sampling_model.set_headers([self.tr("Room"), self.tr("Name"), self.tr("ID number"),
                                         self.tr("Test"), self.tr("Purpose"), self.tr("Sampled"),
                                         self.tr("Pool"), self.tr("Result")])
        self.lab.setPlaceholderText(self.tr("Lab (optional)"))
        self.results_hint.setText(self.tr("Keys: P marks positive, I invalid, N clears. The batch button records the "
                                          "unmarked rows of one lab batch as negative (never samples of the last hour, "
                                          "never last-day samples)."))
        self.results_model.set_headers([self.tr("Room"), self.tr("Name"), self.tr("Test"),
                                         self.tr("Sample"), self.tr("Sampled at"), self.tr("Waiting"),
                                         self.tr("To record")])
        self.mark_pos_button.setText(self.tr("Mark positive (P)"))
        self.mark_inv_button.setText(self.tr("Mark invalid (I)"))
        self.one_neg_button.setText(self.tr("Selected: negative"))
        self.one_pos_button.setText(self.tr("Selected: positive"))
        self.all_button.setText(self.tr("Record a lab batch: all negative except marked…"))
        self.missed_model.set_headers([self.tr("Due"), self.tr("Room"), self.tr("Name"), self.tr("Test"),
                                       self.tr("Purpose")])
        self.overdue_model.set_headers([self.tr("Sampled at"), self.tr("Room"), self.tr("Name"),
                                        self.tr("Test"), self.tr("Waiting")])
        self.late_button.setText(self.tr("Sample now (late)"))
        self.staff_model.set_headers([self.tr("Name"), self.tr("Role"), self.tr("Team"), self.tr("Phone"),
                                      self.tr("Regime"), self.tr("Sampled"), self.tr("Result")])
        self.plan_staff_button.setText(self.tr("Plan today's staff tests"))
        self.staff_sampled_button.setText(self.tr("Sampled"))
        self.staff_neg_button.setText(self.tr("Negative"))
        self.staff_pos_button.setText(self.tr("Positive"))
        self.add_staff_button.setText(self.tr("Add staff member…"))
        self.tabs.setTabText(4, self.tr("Positives"))
        self.alerts_model.set_headers([self.tr("Raised"), self.tr("Kind"), self.tr("Who"), self.tr("Room"),
                                       self.tr("Handled")])
        self.open_alert_button.setText(self.tr("Open…"))
        self._show_pool()
        if not self._dirty:
            self.refresh()

    # -- filters ----------------------------------------------------------------------------
    def _fill_buildings(self) -> None:
        floors = testing.floors(self.ctx.db)
        self._floors = floors
        codes = dict.fromkeys(b for b, _ in floors)
        self.fill_building_filter(self.building, [{"code": c, "name": c} for c in codes],
                                  all_text=self.tr("All"))
        self._fill_floors()

    def _fill_floors(self) -> None:
        current = self.floor.currentData()
        b = self.building.currentData()
        self.floor.blockSignals(True)
        self.floor.clear()
        self.floor.addItem(self.tr("All"), None)
        for code, fl in getattr(self, "_floors", []):
            if b is not None and code == b:
                self.floor.addItem(str(fl), fl)
        i = self.floor.findData(current)
        self.floor.setCurrentIndex(max(0, i))
        self.floor.setEnabled(b is not None)
        self.floor.blockSignals(False)

    def _building_changed(self, *_):
        self._fill_floors()
        self.refresh()

    def set_place(self, building: str | None, floor: int | None = None) -> None:
        """Choose a building and floor (tests and the today screen call this)."""
        if self.building.count() == 0:
            self._fill_buildings()
        self.building.setCurrentIndex(max(0, self.building.findData(building)))
        self._fill_floors()
        self.floor.setCurrentIndex(max(0, self.floor.findData(floor)))
        self.refresh()

    def place(self) -> tuple[str | None, int | None]:
        return self.building.currentData(), self.floor.currentData()

    # -- refresh --------------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        if self.building.count() == 0:
            self._fill_buildings()
        building, floor = self.place()
        now = self.ctx.now()
        day = now.date()
        self.heading.setText(self.tr("Tests on %1").replace("%1", day.isoformat()))
        # Only the tab in view is re-read now (a keystroke a person must stay fast on a big
        # site); the others are re-read when shown, and meanwhile show no count.
        self._stale_tabs = set(range(self.tabs.count()))
        self._plain_tab_titles()
        self._refresh_tab(self.tabs.currentIndex())
        self._show_pool()

    def _plain_tab_titles(self) -> None:
        titles = (self.tr("Sampling"), self.tr("Results"), self.tr("Missed and overdue"), self.tr("Staff"),
                  self.tr("Positives"))
        for i in self._stale_tabs:
            self.tabs.setTabText(i, titles[i])

    def _refresh_tab(self, index: int) -> None:
        if index not in getattr(self, "_stale_tabs", ()):
            return
        self._stale_tabs.discard(index)
        building, floor = self.place()
        now = self.ctx.now()
        if index == 0:
            self._refresh_sampling(now.date(), building, floor)
        elif index == 1:
            self._refresh_results(now, building, floor)
        elif index == 2:
            self._refresh_flags(now)
        elif index == 3:
            self._refresh_staff(now.date())
        elif index == 4:
            self._refresh_alerts(now)

    def _refresh_sampling(self, day, building, floor) -> None:
        sl = testing.sampling_sources(self.ctx.db, day, building=building, floor=floor)
        self._sampling = {r["id"]: r for r in sl.rows}
        self.sampling_model.set_sources(sl.rows, self._sampling_row, itemgetter("id"))
        parts = [self.tr("%1 floor %2: %3 of %4").replace("%1", f.building).replace("%2", str(f.floor))
                 .replace("%3", str(f.sampled)).replace("%4", str(f.due)) for f in sl.floors]
        total = self.tr("Sampled %1 of %2 due today.").replace("%1", str(sl.sampled)).replace("%2", str(sl.due))
        self.floor_counts.setText(total + ("   " + " · ".join(parts) if parts else ""))
        self.tabs.setTabText(0, self.tr("Sampling (%1/%2)").replace("%1", str(sl.sampled)).replace("%2", str(sl.due)))

    def _sampling_row(self, source) -> Row:
        r = testing.sampling_view(source)
        done = bool(r["sampled_at"])
        return Row(r["id"], (r["room"], r["name"], r["id_masked"], self.kind_text(r["kind"]),
                             self.purpose_text(r["purpose"]), _hm(r["sampled_at"]),
                             r["pool_code"] or "", self.result_text(r["result"])),
                   foreground=GREY if done else None,
                   background=PINK if r["purpose"] == "retest" and not done else None)

    def _refresh_results(self, now, building, floor) -> None:
        units = testing.result_units(self.ctx.db, now, building=building, floor=floor)
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
                if u["unit"] == "pool" else self.purpose_text(members[0]["purpose"])
            waiting_h = int((now - _parse(u["sampled_at"])).total_seconds() // 3600)
            mark = self._marks.get(key, "negative")
            # what "all negative except marked" will not take, said on the row
            left_out = None if key in self._marks else testing.bulk_exclusion(u, now)
            mark_text = {"recent": self.tr("lab's result (sampled < 1 h ago)"),
                         "release": self.tr("lab's result (last day)")}.get(left_out) or self.result_text(mark)
            rows.append(Row(key, (rooms, names, self.kind_text(u["kind"]), sample, _dt_text(u["sampled_at"]),
                                  hours.get(waiting_h) or hours.setdefault(
                                      waiting_h, self.tr("%n hour(s)", "", waiting_h)),
                                  mark_text),
                            sort=None,
                            foreground=RED if mark == "positive"
                            else (GREY if left_out else (AMBER if u["overdue"] else None)),
                            background=PINK if mark == "positive" else (YELLOW if mark == "invalid" else None)))
        self.results_model.set_rows(rows)
        self.tabs.setTabText(1, self.tr("Results (%1)").replace("%1", str(len(units))))

    def _refresh_flags(self, now) -> None:
        f = testing.flags(self.ctx.db, now)
        self.missed_model.set_rows([Row(t["id"], (t["due_date"], t["room"], t["name"], self.kind_text(t["kind"]),
                                                  self.purpose_text(t["purpose"])), foreground=RED)
                                    for t in f["missed"]])

        def hours_waited(t) -> int:
            return int((now - _parse(t["sampled_at"])).total_seconds() // 3600)
        self.overdue_model.set_rows([Row(t["id"], (_dt_text(t["sampled_at"]), t["room"], t["name"],
                                                   self.kind_text(t["kind"]),
                                                   self.tr("%n hour(s)", "", hours_waited(t))),
                                         foreground=AMBER) for t in f["overdue"]])
        self.missed_label.setText(self.tr("Missed tests (due before today, never sampled): %1")
                                  .replace("%1", str(len(f["missed"]))))
        self.overdue_label.setText(self.tr("Results pending over 24 hours: %1").replace("%1", str(len(f["overdue"]))))
        n = len(f["missed"]) + len(f["overdue"])
        self.tabs.setTabText(2, self.tr("Missed and overdue (%1)").replace("%1", str(n)))

    def _refresh_staff(self, day) -> None:
        regimes = {"daily": self.tr("daily"), "three_in_five": self.tr("3 in 5 days")}
        rows = []
        for s in staff.staff_day(self.ctx.db, day):
            t = s["test"]
            rows.append(Row(s["id"], (s["name"], self.role_text(s["role"]), s["team"] or "", s["phone_masked"],
                                      regimes.get(s["test_regime"], s["test_regime"]),
                                      _hm(t["sampled_at"]) if t else self.tr("not planned"),
                                      self.result_text(t["result"]) if t else ""),
                            foreground=RED if t and t["result"] == "positive" else None))
        keep = self.staff_model.row_key(self.staff_view.currentIndex().row())
        self.staff_model.set_rows(rows)
        if keep is not None and self.staff_model.row_of_key(keep) >= 0:
            self.staff_view.setCurrentIndex(self.staff_model.index(self.staff_model.row_of_key(keep), 0))

    def _refresh_alerts(self, now) -> None:
        kinds = {"positive": self.tr("positive"), "pool_positive": self.tr("positive pool"),
                 "staff_positive": self.tr("staff positive")}
        rows = []
        for a in testing.recent_alerts(self.ctx.db, now):
            handled = (self.tr("%1 at %2").replace("%1", a["handled_by"] or "").replace("%2", _dt_text(a["handled_at"]))
                       if a["handled_at"] else self.tr("OPEN"))
            who = a["name"] or (a["note"] or "")
            rows.append(Row(a["id"], (_dt_text(a["raised_at"]), kinds.get(a["kind"], a["kind"]), who, a["room"] or "",
                                      handled), foreground=None if a["handled_at"] else RED))
        self.alerts_model.set_rows(rows)

    def open_alert(self, alert_id: int | None = None):
        """The alert dialog of the selected positive (tests pass the id and get the dialog)."""
        from ..widgets.emergency_banner import AlertDialog
        if alert_id is None:
            alert_id = self.alerts_model.row_key(self.alerts_view.currentIndex().row())
        if alert_id is None:
            return None
        dialog = AlertDialog(self.ctx, alert_id, self)
        if not getattr(self, "_no_exec", False):
            dialog.exec()
        return dialog

    # -- sampling -------------------------------------------------------------------------
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
            self.pool = testing.pool_info(self.ctx.db, self.pool["id"])
        if self.pool is None or self.pool["result"] or self.pool["members"] >= self.pool["size"]:
            try:
                self.pool = testing.new_pool(self.ctx.db, "pcr", self.pool_size.currentData(), self.ctx.actor,
                                             self.ctx.now())
            except DomainError as exc:
                self._say(self.ctx.describe(exc), False)
                return -1
        return self.pool["id"]

    def start_new_pool(self) -> None:
        self.pool = None
        self.pooled.setChecked(True)
        self._current_pool_id()
        self._show_pool()

    def _show_pool(self) -> None:
        on = self.pooled.isChecked()
        self.pool_size.setEnabled(on)
        if on and self.pool:
            p = testing.pool_info(self.ctx.db, self.pool["id"]) or self.pool
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
            testing.sample_stay(self.ctx.db, stay_id, now.date(), now, self.ctx.actor, now, pool_id=pool_id)
        except DomainError as exc:
            QApplication.beep()
            self._say(self.ctx.describe(exc), False)
            return False
        s = next((r for r in self._sampling.values() if r["stay_id"] == stay_id), None)
        who = f"{s['room'] or ''} {s['name']}".strip() if s else str(stay_id)
        self._say(self.tr("Sampled: %1").replace("%1", who), True)
        self.ctx.notify(testing.sample_stay)
        if self._dirty:
            self.refresh()
        return True

    def sample_current(self) -> None:
        row = self.sampling_view.currentIndex().row()
        key = self.sampling_model.row_key(row)
        if key is None:
            self._select_next_unsampled(-1)
            return
        r = self._sampling[key]
        if r["sampled_at"] or self.sample_stay(r["stay_id"]):
            self._select_next_unsampled(row)

    def _select_next_unsampled(self, after: int) -> None:
        n = self.sampling_model.rowCount()
        for i in list(range(after + 1, n)) + list(range(0, after + 1)):
            r = self._sampling.get(self.sampling_model.row_key(i))
            if r and not r["sampled_at"]:
                self.sampling_view.setCurrentIndex(self.sampling_model.index(i, 0))
                return

    def scan_entered(self) -> None:
        text = self.scan.text()
        self.scan.clear()
        try:
            stay_id = testing.stay_from_scan(text)
        except DomainError as exc:
            QApplication.beep()
            self._say(self.ctx.describe(exc), False)
            self.sampling_view.setFocus()
            return
        if self.sample_stay(stay_id):
            for i in range(self.sampling_model.rowCount()):
                if self._sampling[self.sampling_model.row_key(i)]["stay_id"] == stay_id:
                    self.sampling_view.setCurrentIndex(self.sampling_model.index(i, 0))
                    break
        self.sampling_view.setFocus()

    # -- results --------------------------------------------------------------------------
    def mark_current(self, mark: str) -> None:
        row = self.results_view.currentIndex().row()
        key = self.results_model.row_key(row)
        if key is None:
            return
        if mark and self._marks.get(key) != mark:
            self._marks[key] = mark
        else:
            self._marks.pop(key, None)
        self._refresh_results(self.ctx.now(), *self.place())
        self.results_view.setCurrentIndex(self.results_model.index(min(row + 1, self.results_model.rowCount() - 1), 0))

    def mark(self, key: tuple[str, int], mark: str = "positive") -> None:
        self._marks[key] = mark
        self._refresh_results(self.ctx.now(), *self.place())

    def unit_keys(self) -> list[tuple[str, int]]:
        return [r.key for r in self.results_model.rows()]

    def record_all(self, confirm: bool = True, batch=None):
        """"All negative except marked" for ONE lab batch. With ``confirm`` the dialog picks the
        batch and shows the count before it asks; without it (tests, scripts) ``batch`` is
        used, by default the samples taken more than 6 hours ago."""
        positive = {k for k, v in self._marks.items() if v == "positive" and k in self._units}
        invalid = {k for k, v in self._marks.items() if v == "invalid" and k in self._units}
        lab = self.lab.text().strip() or None
        if confirm:
            from ..dialogs.bulk_results import BulkResultsDialog
            dialog = BulkResultsDialog(self.ctx, positive, invalid, lab, self.place(), self)
            self.bulk_dialog = dialog
            if dialog.exec() != QDialog.Accepted:
                return None
            out = dialog.result_value
        else:
            now = self.ctx.now()
            batch = batch or testing.LabBatch.taken_before(now - testing.BULK_DEFAULT_AGE)
            ok, out = self.ctx.run(self, testing.all_negative_except, self.ctx.db, batch, positive,
                                   self.ctx.actor, now, lab, invalid)
            if not ok:
                return None
        self._marks.clear()
        if self._dirty:
            self.refresh()
        return out

    def record_selected(self, result: str):
        key = self.results_model.row_key(self.results_view.currentIndex().row())
        if key is None:
            return None
        ok, out = self.ctx.run(self, testing.record_results, self.ctx.db, [(key[0], key[1], result)],
                               self.ctx.actor, self.ctx.now(), self.lab.text().strip() or None)
        if ok and self._dirty:
            self.refresh()
        return out if ok else None

    # -- flags ------------------------------------------------------------------------------
    def sample_late(self) -> None:
        key = self.missed_model.row_key(self.missed_view.currentIndex().row())
        if key is None:
            return
        now = self.ctx.now()
        self.ctx.run(self, testing.record_sample, self.ctx.db, key, now, self.ctx.actor, now)

    # -- staff --------------------------------------------------------------------------------
    def _staff_test(self):
        key = self.staff_model.row_key(self.staff_view.currentIndex().row())
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
            self.ctx.run(self, testing.record_sample, self.ctx.db, t["id"], now, self.ctx.actor, now)

    def staff_result(self, result: str) -> None:
        t = self._staff_test()
        if t is not None:
            self.ctx.run(self, testing.record_result, self.ctx.db, t["id"], result, self.ctx.actor,
                         self.ctx.now())

    def add_staff(self) -> None:
        values = StaffDialog.ask(self)
        if values:
            self.ctx.run(self, staff.add_staff, self.ctx.db, actor=self.ctx.actor, now=self.ctx.now(),
                         **values)

    # -- regime, print, import ------------------------------------------------------------------
    def set_regime(self) -> None:
        building, floor = self.place()
        ids = testing.group_stays(self.ctx.db, building=building, floor=floor)
        where = self.tr("everyone in isolation") if building is None else (
            self.tr("building %1").replace("%1", building) if floor is None else
            self.tr("building %1, floor %2").replace("%1", building).replace("%2", str(floor)))
        choice = RegimeDialog.ask(self, where, len(ids))
        if choice is None:
            return
        regime, kind, category = choice
        if category:
            ids = testing.group_stays(self.ctx.db, building=building, floor=floor, category=category)
        self.ctx.run(self, testing.set_regime, self.ctx.db, ids, regime, kind, self.ctx.actor,
                     self.ctx.now())

    def print_list(self, path: str | None = None):
        """The sampling list of the building and floor chosen here: in the preview dialog, or
        written to ``path``."""
        from ..printing import open_paper, write_paper
        building, floor = self.place()
        if path is None:
            return open_paper(self, self.ctx, "sampling_list", building=building, floor=floor)
        ok, _ = self.ctx.run(self, write_paper, self.ctx, "sampling_list", path,
                             building=building, floor=floor)
        return path if ok else None

    def import_results(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Lab results"), "",
                                                  self.tr("Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv *.txt)"))
            if not path:
                return
        dialog = ImportDialog(self.ctx, path, self)
        if dialog.ok:
            dialog.exec()


def _parse(value):
    from datetime import datetime
    return datetime.fromisoformat(str(value))


class RegimeDialog(QDialog):
    def __init__(self, where: str, people: int, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Test regime"))
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("Applies from today to %1 (%n person(s)).", "", people).replace("%1", where)))
        self.regime = QComboBox()
        self.regime.addItem(self.tr("Policy days only"), None)
        self.regime.addItem(self.tr("Daily (一天一检)"), "daily")
        self.regime.addItem(self.tr("3 tests in any 5 days (五天三检)"), "three_in_five")
        self.kind = QComboBox()
        self.kind.addItem(self.tr("PCR"), "pcr")
        self.kind.addItem(self.tr("Antigen"), "antigen")
        self.category = QComboBox()
        self.category.addItem(self.tr("All categories"), None)
        for code, text in (("close_contact", self.tr("close contacts")),
                           ("secondary_contact", self.tr("secondary contacts")),
                           ("inbound_traveller", self.tr("inbound travellers")),
                           ("risk_area_arrival", self.tr("risk-area arrivals")), ("other", self.tr("others"))):
            self.category.addItem(text, code)
        form.addRow(self.tr("Only"), self.category)
        form.addRow(self.tr("Regime"), self.regime)
        form.addRow(self.tr("Extra tests are"), self.kind)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str | None, str, str | None]:
        return self.regime.currentData(), self.kind.currentData(), self.category.currentData()

    @classmethod
    def ask(cls, parent, where: str, people: int):
        d = cls(where, people, parent)
        return d.values() if d.exec() == QDialog.Accepted else None


class StaffDialog(QDialog):
    ROLES = ("doctor", "nurse", "security", "cleaner", "logistics", "manager", "other")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add staff member"))
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.role = QComboBox()
        words = {"doctor": self.tr("doctor"), "nurse": self.tr("nurse"), "security": self.tr("security"),
                 "cleaner": self.tr("cleaner"), "logistics": self.tr("logistics"),
                 "manager": self.tr("manager"), "other": self.tr("other")}
        for r in self.ROLES:
            self.role.addItem(words[r], r)
        self.team = QLineEdit()
        self.phone = QLineEdit()
        self.id_number = QLineEdit()
        self.regime = QComboBox()
        self.regime.addItem(self.tr("Daily"), "daily")
        self.regime.addItem(self.tr("3 in 5 days"), "three_in_five")
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Team"), self.team)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("ID number"), self.id_number)
        form.addRow(self.tr("Tests"), self.regime)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict:
        return {"name": self.name.text(), "role": self.role.currentData(), "team": self.team.text(),
                "phone": self.phone.text(), "id_number": self.id_number.text(),
                "regime": self.regime.currentData()}

    @classmethod
    def ask(cls, parent):
        d = cls(parent)
        return d.values() if d.exec() == QDialog.Accepted else None


class ImportDialog(QDialog):
    """The preview of a lab sheet (a dry run), then the import."""

    def __init__(self, ctx, path: str, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.path = path
        self.report = None
        self.setWindowTitle(self.tr("Import lab results"))
        self.resize(820, 560)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model = RowTableModel([self.tr("Row"), self.tr("Name"), self.tr("ID number"), self.tr("Outcome")])
        self.view = _view(self.model)
        self.view.horizontalHeader().setSectionResizeMode(3, QHeaderView.Stretch)
        for column, width in enumerate((50, 110, 170)):
            self.view.setColumnWidth(column, width)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton(self.tr("Import"), QDialogButtonBox.AcceptRole)
        buttons.addButton(QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.do_import)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        try:
            report = results_import.import_results(ctx.db, path, ctx.actor, ctx.now(), dry_run=True,
                                                   lang=ctx.lang)
        except DomainError as exc:
            self.ok = False
            QMessageBox.warning(parent, self.tr("Not done"), ctx.describe(exc))
            return
        self.ok = True
        self.show_report(report, preview=True)

    def show_report(self, r, preview: bool) -> None:
        self.report = r
        head = self.tr("%1: %2 rows.").replace("%1", Path(self.path).name).replace("%2", str(r.rows))
        body = (self.tr("Would record %1; %2 already recorded; %3 unmatched; %4 conflicts; %5 positive.")
                if preview else
                self.tr("Recorded %1; %2 already recorded; %3 unmatched; %4 conflicts; %5 positive."))
        body = body.replace("%1", str(r.recorded)).replace("%2", str(r.already)) \
            .replace("%3", str(len(r.unmatched))).replace("%4", str(len(r.conflicts))) \
            .replace("%5", str(len(r.positives)))
        lost = r.positives_unmatched
        if lost:  # a positive that reached nobody: never a line among others
            body += " " + self.tr("%n POSITIVE row(s) with nobody at the site to match: find the person now (rows %1).",
                                  "", len(lost)).replace("%1", ", ".join(str(e["row"]) for e in lost))
            self.summary.setStyleSheet("color: #b71c1c; font-weight: bold;")
        else:
            self.summary.setStyleSheet("")
        self.summary.setText(head + " " + body)
        rows = [Row(("p", p["row"]), (str(p["row"]), p["name"], p["id_number"],
                                      self.tr("POSITIVE, room %1").replace("%1", p["room"] or "")),
                    foreground=RED) for p in r.positives]
        rows += [Row(("u", u["row"]), (str(u["row"]), u["name"], u["id_number"],
                                       (self.tr("POSITIVE: ") if u.get("result") == "positive" else "") + u["message"]),
                     foreground=RED if u.get("result") == "positive" else AMBER)
                 for u in r.unmatched]
        rows += [Row(("c", c["row"]), (str(c["row"]), c["name"], c["id_number"], c["message"]), foreground=RED)
                 for c in r.conflicts]
        self.model.set_rows(rows)
        self.import_button.setEnabled(preview and r.recorded > 0)

    def do_import(self) -> bool:
        ok, report = self.ctx.run(self, results_import.import_results, self.ctx.db, self.path,
                                  self.ctx.actor, self.ctx.now(), lang=self.ctx.lang)
        if ok:
            self.show_report(report, preview=False)
        return ok
