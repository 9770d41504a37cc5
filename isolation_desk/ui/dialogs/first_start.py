"""First start: set up a new site (name, buildings and rooms in bulk, policy preset, shift
times) or explore a demo site."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
)

from ...domain.errors import DomainError
from ...services import site
from ..widgets import names
from .base import ActionDialog


class FirstStartDialog(ActionDialog):
    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.setObjectName("FirstStartDialog")
        self.setWindowTitle(self.tr("Welcome to Isolation Desk"))
        intro = QLabel(self.tr("This database holds no site yet. Set up your site, or explore a demo "
                               "site with invented people to learn the program."))
        intro.setWordWrap(True)
        self.new_site = QRadioButton(self.tr("Set up a new site"))
        self.demo = QRadioButton(self.tr("Explore a demo site"))
        self.new_site.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.new_site)
        group.addButton(self.demo)

        self.name = QLineEdit()
        self.address = QLineEdit()
        self.rooms = QPlainTextEdit()
        self.rooms.setPlaceholderText("A, 2-15, 01-30\nB栋 2-10层 01-20号")
        self.rooms.setMaximumHeight(90)
        self.beds = QSpinBox()
        self.beds.setRange(1, 8)
        self.preset = QComboBox()
        for code in names.PRESET_CODES:
            self.preset.addItem(names.preset(code), code)
        self.preset.setCurrentIndex(self.preset.findData("twenty_measures"))
        self.day_start = QLineEdit("08:00")
        self.night_start = QLineEdit("20:00")
        for fieldname, w in (("site_name", self.name), ("value", self.rooms),
                             ("day_shift_start", self.day_start), ("night_shift_start", self.night_start)):
            self.register_field(fieldname, w)
        form = QFormLayout()
        form.addRow(self.tr("Site name"), self.name)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Rooms (one range a line:\nbuilding, floors, rooms)"), self.rooms)
        form.addRow(self.tr("Beds per room"), self.beds)
        form.addRow(self.tr("Policy preset"), self.preset)
        form.addRow(self.tr("Day shift starts"), self.day_start)
        form.addRow(self.tr("Night shift starts"), self.night_start)
        self.site_box = QGroupBox()
        self.site_box.setLayout(form)
        self.demo_rooms = QSpinBox()
        self.demo_rooms.setRange(20, 5000)
        self.demo_rooms.setValue(300)
        demo_form = QFormLayout()
        demo_form.addRow(self.tr("Rooms in the demo"), self.demo_rooms)
        self.demo_box = QGroupBox()
        self.demo_box.setLayout(demo_form)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.new_site)
        layout.addWidget(self.site_box)
        layout.addWidget(self.demo)
        layout.addWidget(self.demo_box)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.new_site.toggled.connect(self._mode_changed)
        self._mode_changed()
        self.name.setFocus()

    def _mode_changed(self, *_):
        self.site_box.setEnabled(self.new_site.isChecked())
        self.demo_box.setEnabled(self.demo.isChecked())
        self.ok_button.setText(self.tr("Set up the site") if self.new_site.isChecked()
                               else self.tr("Open the demo site"))

    def room_ranges(self) -> list:
        ranges = []
        for line in self.rooms.toPlainText().splitlines():
            if line.strip():
                ranges.append(replace(site.parse_room_range(line), beds=self.beds.value()))
        if not ranges:
            raise DomainError("room_ranges_empty", field="value")
        return ranges

    def accept(self):
        self.clear_error()
        now = self.ctx.now()
        if self.demo.isChecked():
            from ...services.demo import build_demo
            QApplication.setOverrideCursor(Qt.WaitCursor)  # a demo site takes a moment to build
            try:
                self.call(build_demo, self.ctx.db, rooms=self.demo_rooms.value(), now=now)
            finally:
                QApplication.restoreOverrideCursor()
            return
        try:
            ranges = self.room_ranges()
        except DomainError as exc:
            self.show_error(exc)
            return
        self.call(site.setup_site, self.ctx.db, name=self.name.text(), address=self.address.text(),
                  preset=self.preset.currentData(), actor=self.ctx.actor, now=now,
                  day_shift_start=self.day_start.text(), night_shift_start=self.night_start.text(),
                  room_ranges=ranges)
