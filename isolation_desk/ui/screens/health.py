"""The health screen: morning and evening temperatures with symptoms, entered fast floor by
floor (type the reading, Enter, next person), fevers (at the site's threshold) and missing
checks flagged, and the fevers of the last 24 hours.

A reading that cannot be a body temperature (3.7, 373) is refused in the line under the
table, never "corrected", and the cursor stays on the person so the nurse can re-type.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.changes import Kind
from ...domain.errors import DomainError
from ...domain.vocabulary import CheckSlot
from ...services import health_checks
from ...services.site import get_settings
from ...services.testing import sampling
from ..models import Row, RowTableModel
from .base import Screen

RED = QColor("#b71c1c")
AMBER = QColor("#8a5a00")
PINK = QColor("#fde0e0")


class HealthScreen(Screen):
    key = "health"
    shows = frozenset({Kind.STAYS, Kind.ROOMS, Kind.HEALTH, Kind.SETTINGS})

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self._rows: dict[int, dict] = {}
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.slot = QComboBox()
        self.building = QComboBox()
        self.floor = QComboBox()
        self.slot_label, self.building_label, self.floor_label = QLabel(), QLabel(), QLabel()
        self.slot.currentIndexChanged.connect(lambda *_: self.refresh())
        self.building.currentIndexChanged.connect(self._building_changed)
        self.floor.currentIndexChanged.connect(lambda *_: self.refresh())
        self.next_floor_button = QPushButton()
        self.next_floor_button.setShortcut("Ctrl+PgDown")
        self.next_floor_button.clicked.connect(self.next_floor)
        bar.addWidget(self.heading)
        bar.addStretch(1)
        for w in (self.slot_label, self.slot, self.building_label, self.building, self.floor_label, self.floor,
                  self.next_floor_button):
            bar.addWidget(w)
        layout.addLayout(bar)
        self.counts = QLabel()
        layout.addWidget(self.counts)
        self.floor_counts = QLabel()
        self.floor_counts.setWordWrap(True)
        layout.addWidget(self.floor_counts)

        split = QSplitter(Qt.Horizontal)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        self.model = RowTableModel([""] * 6)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectRows)
        self.view.setSelectionMode(QTableView.SingleSelection)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        lv.addWidget(self.view, 1)
        entry = QGroupBox()
        self.entry_box = entry
        ev = QVBoxLayout(entry)
        line = QHBoxLayout()
        self.who = QLabel()
        self.who.setStyleSheet("font-weight: bold;")
        self.temperature = QLineEdit()
        self.temperature.setMaximumWidth(120)
        self.temperature.returnPressed.connect(self.save_current)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save_current)
        self.temp_label = QLabel()
        line.addWidget(self.who, 1)
        line.addWidget(self.temp_label)
        line.addWidget(self.temperature)
        line.addWidget(self.save_button)
        ev.addLayout(line)
        grid = QGridLayout()
        self.symptom_boxes: dict[str, QCheckBox] = {}
        for i, code in enumerate(health_checks.SYMPTOMS):
            box = QCheckBox()
            self.symptom_boxes[code] = box
            grid.addWidget(box, i // 6, i % 6)
        ev.addLayout(grid)
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        ev.addWidget(self.feedback)
        lv.addWidget(entry)
        split.addWidget(left)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        self.fever_label = QLabel()
        self.fever_model = RowTableModel([""] * 4)
        self.fever_view = QTableView()
        self.fever_view.setModel(self.fever_model)
        self.fever_view.verticalHeader().hide()
        self.fever_view.horizontalHeader().setStretchLastSection(True)
        rv.addWidget(self.fever_label)
        rv.addWidget(self.fever_view, 1)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([800, 330])
        for column, width in enumerate((90, 130, 100, 70, 260)):
            self.view.setColumnWidth(column, width)
        for column, width in enumerate((90, 70, 90)):
            self.fever_view.setColumnWidth(column, width)
        layout.addWidget(split, 1)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Health")

    def symptom_text(self, code: str) -> str:
        return {"fever": self.tr("fever"), "dry_cough": self.tr("dry cough"), "sputum": self.tr("sputum"),
                "sore_throat": self.tr("sore throat"), "fatigue": self.tr("fatigue"),
                "runny_nose": self.tr("runny or blocked nose"), "headache": self.tr("headache"),
                "muscle_ache": self.tr("muscle ache"), "short_breath": self.tr("shortness of breath"),
                "chest_tightness": self.tr("chest tightness"), "smell_taste_loss": self.tr("loss of smell or taste"),
                "diarrhoea": self.tr("diarrhoea")}.get(code, code)

    def retranslate(self) -> None:
        self.slot_label.setText(self.tr("Round"))
        self.building_label.setText(self.tr("Building"))
        self.floor_label.setText(self.tr("Floor"))
        current = self.slot.currentData() or health_checks.slot_for(self.ctx.now())
        self.slot.blockSignals(True)
        self.slot.clear()
        self.slot.addItem(self.tr("Morning"), CheckSlot.MORNING.value)
        self.slot.addItem(self.tr("Evening"), CheckSlot.EVENING.value)
        self.slot.setCurrentIndex(self.slot.findData(current))
        self.slot.blockSignals(False)
        self.model.set_headers([self.tr("Room"), self.tr("Name"), self.tr("Temperature"), self.tr("Time"),
                                self.tr("Symptoms"), self.tr("Flag")])
        self.fever_model.set_headers([self.tr("Time"), self.tr("Room"), self.tr("Name"), self.tr("°C")])
        self.entry_box.setTitle(self.tr("Enter the reading and press Enter: the next person is selected"))
        self.temp_label.setText(self.tr("Temperature °C"))
        self.save_button.setText(self.tr("Save"))
        self.next_floor_button.setText(self.tr("Next floor"))
        self.next_floor_button.setToolTip(self.tr("Ctrl+PgDown"))
        for code, box in self.symptom_boxes.items():
            box.setText(self.symptom_text(code))
        if not self._dirty:
            self.refresh()

    # -- filters ---------------------------------------------------------------------------
    def _fill_buildings(self) -> None:
        self._floors = sampling.floors(self.ctx.db)
        current = self.building.currentData()
        self.building.blockSignals(True)
        self.building.clear()
        self.building.addItem(self.tr("All"), None)
        for code in dict.fromkeys(b for b, _ in self._floors):
            self.building.addItem(code, code)
        self.building.setCurrentIndex(max(0, self.building.findData(current)))
        self.building.blockSignals(False)
        self._fill_floors()

    def _fill_floors(self) -> None:
        self.fill_floor_filter(getattr(self, "_floors", []))

    def _building_changed(self, *_):
        self._fill_floors()
        self.refresh()

    def set_place(self, building: str | None, floor: int | None = None, slot: str | None = None) -> None:
        if self.building.count() == 0:
            self._fill_buildings()
        if slot:
            self.slot.blockSignals(True)
            self.slot.setCurrentIndex(self.slot.findData(slot))
            self.slot.blockSignals(False)
        self.building.blockSignals(True)
        self.building.setCurrentIndex(max(0, self.building.findData(building)))
        self.building.blockSignals(False)
        self._fill_floors()
        self.floor.blockSignals(True)
        self.floor.setCurrentIndex(max(0, self.floor.findData(floor)))
        self.floor.blockSignals(False)
        self.refresh()

    def next_floor(self) -> None:
        """On to the next floor in building, floor order (the round goes floor by floor)."""
        floors = getattr(self, "_floors", [])
        if not floors:
            return
        here = (self.building.currentData(), self.floor.currentData())
        i = floors.index(here) + 1 if here in floors else 0
        b, f = floors[i % len(floors)]
        self.set_place(b, f)

    # -- refresh ------------------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        if self.building.count() == 0:
            self._fill_buildings()
        now = self.ctx.now()
        slot = self.slot.currentData() or health_checks.slot_for(now)
        threshold = get_settings(self.ctx.db).fever_threshold
        self.heading.setText(self.tr("Health checks on %1").replace("%1", now.date().isoformat()))
        keep = self.model.row_key(self.view.currentIndex().row())
        rows = health_checks.health_round(self.ctx.db, now.date(), slot, now, building=self.building.currentData(),
                                    floor=self.floor.currentData())
        self._rows = {r["stay_id"]: r for r in rows}
        sep = "、" if self.ctx.lang.startswith("zh") else ", "
        out = []
        for r in rows:
            flag = self.tr("FEVER") if r["fever"] else (self.tr("missing") if r["missing"] else "")
            symptoms = sep.join(self.symptom_text(s) for s in (r["symptoms"] or "").split(",") if s)
            out.append(Row(r["stay_id"], (r["room"], r["name"],
                                          "" if r["temperature"] is None else f"{r['temperature']:.1f}",
                                          (r["taken_at"] or "")[11:16], symptoms, flag),
                           foreground=RED if r["fever"] else (AMBER if r["missing"] else None),
                           background=PINK if r["fever"] else None))
        self.model.set_rows(out)
        per_floor: dict = {}
        for r in rows:
            c = per_floor.setdefault((r["building"], r["floor"]), [0, 0])
            c[0] += 0 if r["missing"] else 1
            c[1] += 1
        self.floor_counts.setText(" · ".join(
            self.tr("%1 floor %2: %3 of %4").replace("%1", b).replace("%2", str(f)).replace("%3", str(c[0]))
            .replace("%4", str(c[1])) for (b, f), c in per_floor.items()) if self.floor.currentData() is None else "")
        done = sum(1 for r in rows if not r["missing"])
        fever = sum(1 for r in rows if r["fever"])
        self.counts.setText(self.tr("Checked %1 of %2 · fever %3 (≥ %4 °C) · missing %5")
                            .replace("%1", str(done)).replace("%2", str(len(rows))).replace("%3", str(fever))
                            .replace("%4", f"{threshold:.1f}").replace("%5", str(len(rows) - done)))
        fevers = health_checks.fevers(self.ctx.db, now)
        self.fever_label.setText(self.tr("Fevers in the last 24 hours: %1").replace("%1", str(len(fevers))))
        self.fever_model.set_rows([Row(f["id"], ((f["taken_at"] or "")[5:16].replace("T", " "), f["room"] or "",
                                                 f["name"], f"{f['temperature']:.1f}"), foreground=RED)
                                   for f in fevers])
        if keep is not None and self.model.row_of_key(keep) >= 0:
            self.view.setCurrentIndex(self.model.index(self.model.row_of_key(keep), 0))
        elif self.model.rowCount():
            self._select_next_missing(-1)

    # -- entry -------------------------------------------------------------------------------
    def _row_changed(self, current, _previous) -> None:
        key = self.model.row_key(current.row())
        r = self._rows.get(key)
        self.who.setText(f"{r['room']}  {r['name']}" if r else "")
        self.temperature.setText("" if not r or r["temperature"] is None else f"{r['temperature']:.1f}")
        codes = set((r["symptoms"] or "").split(",")) if r else set()
        for code, box in self.symptom_boxes.items():
            box.setChecked(code in codes)
        self.temperature.setFocus()
        self.temperature.selectAll()

    def _select_next_missing(self, after: int) -> None:
        rows = self.model.rows()
        for i in list(range(after + 1, len(rows))) + list(range(0, after + 1)):
            if self._rows[rows[i].key]["missing"]:
                self.view.setCurrentIndex(self.model.index(i, 0))
                self.view.scrollTo(self.model.index(i, 0))
                return
        if 0 <= after + 1 < len(rows):
            self.view.setCurrentIndex(self.model.index(after + 1, 0))

    def save_current(self) -> bool:
        row = self.view.currentIndex().row()
        key = self.model.row_key(row)
        if key is None:
            return False
        symptoms = [c for c, box in self.symptom_boxes.items() if box.isChecked()]
        slot = self.slot.currentData()
        now = self.ctx.now()
        try:
            value = health_checks.record_temperature(self.ctx.db, key, slot, self.temperature.text(), symptoms,
                                               self.ctx.actor, now)
        except DomainError as exc:
            QApplication.beep()
            self.feedback.setStyleSheet("color: #b71c1c; font-weight: bold;")
            self.feedback.setText(self.ctx.describe(exc))
            self.temperature.setFocus()
            self.temperature.selectAll()
            return False
        r = self._rows[key]
        self.feedback.setStyleSheet("color: #1b5e20;")
        self.feedback.setText(self.tr("Saved: %1 %2 °C").replace("%1", f"{r['room']} {r['name']}")
                              .replace("%2", f"{value:.1f}"))
        self.ctx.notify(health_checks.record_temperature)
        if self._dirty:
            self.refresh()
        self._select_next_missing(row)
        return True
