"""Settings: the site, shift times, the fever threshold, and the policy table per category
with its presets and the day-counting convention; "apply to current occupants" previews
who would change before it is confirmed."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.changes import Kind
from ...domain.errors import DomainError
from ...domain.policy import Policy, parse_test_days
from ...services import site, stays_policy
from ..dialogs.base import ActionDialog
from ..models import Row, RowTableModel
from ..widgets import names
from .base import Screen


class PolicyDialog(ActionDialog):
    """Edit one category's policy: saved as a new version (current occupants keep theirs)."""

    def __init__(self, ctx, category: str, parent=None):
        super().__init__(ctx, parent)
        self.category = category
        current = site.current_policies(ctx.db).get(category)
        p = current[1] if current else None
        self.setWindowTitle(self.tr("Policy: %1").replace("%1", names.category(category)))
        self.days = QSpinBox()
        self.days.setRange(1, 60)
        self.days.setValue(p.isolation_days if p else 7)
        self.counted_from = QComboBox()
        for code in ("last_exposure", "arrival"):
            self.counted_from.addItem(names.counted_from(code), code)
        if p:
            self.counted_from.setCurrentIndex(self.counted_from.findData(p.counted_from))
        self.test_days = QLineEdit(", ".join(str(d) for d in p.test_days) if p else "1, 2, 3, 5, 7")
        self.check_in_test = QCheckBox(self.tr("Sampled on the day of check-in"))
        self.check_in_test.setChecked(p.test_at_check_in if p else True)
        self.double = QCheckBox(self.tr("Two samples before release, two labs (双采双检)"))
        self.double.setChecked(p.double_sampling if p else False)
        self.surface = QCheckBox(self.tr("Last day: belongings and room surfaces sampled too (a positive holds the "
                                         "release)"))
        self.surface.setChecked(p.surface_sampling if p else False)
        self.home_days = QSpinBox()
        self.home_days.setRange(0, 60)
        self.home_days.setValue(p.home_monitoring_days if p else 0)
        self.admitted = QCheckBox(self.tr("Isolated at this site (unchecked: isolated at home)"))
        self.admitted.setChecked(p.admitted if p else True)
        self.register_field("test_days", self.test_days)
        self.register_field("isolation_days", self.days)
        self.register_field("home_monitoring_days", self.home_days)
        form = QFormLayout()
        form.addRow(self.tr("Isolation days"), self.days)
        form.addRow(self.tr("Counted from"), self.counted_from)
        form.addRow(self.tr("Test days"), self.test_days)
        form.addRow("", self.check_in_test)
        form.addRow("", self.double)
        form.addRow("", self.surface)
        form.addRow(self.tr("Home monitoring days"), self.home_days)
        form.addRow("", self.admitted)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def accept(self):
        self.clear_error()
        try:
            policy = Policy(category=self.category, isolation_days=self.days.value(),
                            counted_from=self.counted_from.currentData(),
                            test_days=parse_test_days(self.test_days.text()),
                            test_at_check_in=self.check_in_test.isChecked(),
                            double_sampling=self.double.isChecked(),
                            surface_sampling=self.surface.isChecked(),
                            home_monitoring_days=self.home_days.value(),
                            admitted=self.admitted.isChecked())
        except DomainError as exc:
            self.show_error(exc)
            return
        self.call(site.set_policy, self.ctx.db, policy, self.ctx.actor, self.ctx.now())


class ApplyPolicyDialog(ActionDialog):
    """Shows who would change if the current policy were applied to current occupants."""

    def __init__(self, ctx, category: str, parent=None):
        super().__init__(ctx, parent)
        self.category = category
        self.setWindowTitle(self.tr("Apply the policy to current occupants"))
        self.changes = stays_policy.preview_policy_change(ctx.db, category)
        self.model = RowTableModel([self.tr("Name"), self.tr("Room"), self.tr("Release now"),
                                    self.tr("New release")], self)
        self.model.set_rows([Row(c.stay_id, (c.name, c.room or "", c.old_release.isoformat(),
                                             c.new_release.isoformat())) for c in self.changes])
        view = QTableView()
        view.setModel(self.model)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.summary = QLabel(self.tr("%n occupant(s) of this category would change:", "", len(self.changes))
                              if self.changes else self.tr("Nobody would change: every current occupant "
                                                           "of this category already has this policy."))
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why (e.g. national protocol of 11 November 2022)"))
        self.register_field("reason", self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(names.category(category)))
        layout.addWidget(self.summary)
        layout.addWidget(view)
        form = QFormLayout()
        form.addRow(self.tr("Reason"), self.reason)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.ok_button.setText(self.tr("Apply to these occupants"))
        self.ok_button.setEnabled(bool(self.changes))
        self.resize(620, 420)

    def accept(self):
        self.clear_error()
        self.call(stays_policy.apply_policy_to_current, self.ctx.db, self.category,
                  self.reason.text(), self.ctx.actor, self.ctx.now())


class SettingsScreen(Screen):
    key = "settings"
    shows = frozenset({Kind.SETTINGS, Kind.USERS, Kind.STAFF})

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        # -- the site
        self.site_name = QLineEdit()
        self.site_address = QLineEdit()
        self.day_start = QLineEdit()
        self.night_start = QLineEdit()
        self.fever = QLineEdit()
        self.contact_person = QLineEdit()
        self.contact_phone = QLineEdit()
        self.command_office = QLineEdit()
        self.command_office.setObjectName("command_office")
        self.b_save = QPushButton()
        self.b_save.setObjectName("save_settings")
        self.b_save.clicked.connect(self.save)
        self.saved = QLabel()
        self.saved.setObjectName("saved")
        self.language = QComboBox()
        self.language.setObjectName("language")
        from ..i18n import LANGUAGES
        for code, label in LANGUAGES:
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(0, self.language.findData(ctx.lang)))
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.site_form = QFormLayout()
        self.site_box = QGroupBox()
        self.site_box.setLayout(self.site_form)
        self._site_labels = [QLabel() for _ in range(8)]
        for label, w in zip(self._site_labels, (self.site_name, self.site_address, self.day_start,
                                                self.night_start, self.fever, self.contact_person,
                                                self.contact_phone, self.command_office), strict=True):
            label.setBuddy(w)
            self.site_form.addRow(label, w)
        self.l_language = QLabel()
        self.l_language.setBuddy(self.language)
        self.site_form.addRow(self.l_language, self.language)
        # issue 14: where a person positive before arrival waits (services.arrival_hold)
        self.holding_room = QLineEdit()
        self.holding_room.setObjectName("holding_room")
        self.l_holding_room = QLabel()
        self.l_holding_room.setBuddy(self.holding_room)
        self.site_form.addRow(self.l_holding_room, self.holding_room)
        row = QHBoxLayout()
        row.addWidget(self.b_save)
        row.addWidget(self.saved, 1)
        self.site_form.addRow(row)

        # -- policies
        self.model = RowTableModel([""] * 8, self)
        self.table = QTableView()
        self.table.setObjectName("policy_table")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectRows)
        self.table.setSelectionMode(QTableView.SingleSelection)
        self.table.setEditTriggers(QTableView.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.doubleClicked.connect(lambda _: self.edit_policy())
        self.preset = QComboBox()
        self.preset.setObjectName("preset")
        self.b_preset = QPushButton()
        self.b_preset.setObjectName("apply_preset")
        self.b_preset.clicked.connect(self.apply_preset)
        self.b_edit = QPushButton()
        self.b_edit.setObjectName("edit_policy")
        self.b_edit.clicked.connect(self.edit_policy)
        self.b_apply = QPushButton()
        self.b_apply.setObjectName("apply_to_current")
        self.b_apply.clicked.connect(self.apply_to_current)
        self.convention = QLabel()
        self.convention.setObjectName("convention")
        self.convention.setWordWrap(True)
        self.convention.setStyleSheet("background: #f4f6fa; border: 1px solid #c9d3e3; padding: 8px;")
        self.preset_note = QLabel()
        self.preset_note.setWordWrap(True)
        buttons = QHBoxLayout()
        self.l_preset = QLabel()
        buttons.addWidget(self.l_preset)
        buttons.addWidget(self.preset)
        buttons.addWidget(self.b_preset)
        buttons.addStretch(1)
        actions = QHBoxLayout()  # a line of their own: with the preset's they widened a 1366 window
        actions.addStretch(1)
        actions.addWidget(self.b_edit)
        actions.addWidget(self.b_apply)
        self.policy_box = QGroupBox()
        pl = QVBoxLayout(self.policy_box)
        pl.addWidget(self.convention)
        pl.addWidget(self.table, 1)
        pl.addLayout(actions)
        pl.addLayout(buttons)
        pl.addWidget(self.preset_note)

        layout = QHBoxLayout(self)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.site_box)
        ll.addStretch(1)
        left.setMinimumWidth(380)
        left.setMaximumWidth(460)
        layout.addWidget(left)
        layout.addWidget(self.policy_box, 1)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Settings")

    def retranslate(self) -> None:
        self._dirty = True  # the rows hold translated words: re-read them when shown
        if self.isVisible():
            QTimer.singleShot(0, self.refresh)
        self.site_box.setTitle(self.tr("Site"))
        for label, text in zip(self._site_labels, (
                self.tr("Site &name"), self.tr("&Address"), self.tr("Day shift starts"),
                self.tr("Night shift starts"), self.tr("Fever at or above (°C)"),
                self.tr("Contact person"), self.tr("Contact phone"),
                self.tr("Release notices signed by (command office)")), strict=True):
            label.setText(text)
        self.b_save.setText(self.tr("Save"))
        self.l_language.setText(self.tr("&Language (this workstation)"))
        self.policy_box.setTitle(self.tr("Isolation policy per category"))
        self.model.set_headers([self.tr("Category"), self.tr("Days"), self.tr("Counted from"),
                                self.tr("Test days"), self.tr("Check-in test"),
                                self.tr("Double sampling"), self.tr("Home days"), self.tr("At this site")])
        self.l_preset.setText(self.tr("Preset"))
        self.l_holding_room.setText(self.tr("Holding room (positive before arrival)"))
        self.holding_room.setPlaceholderText(self.tr("e.g. A-0410"))
        self.b_preset.setText(self.tr("Use this preset"))
        self.b_edit.setText(self.tr("Edit policy…"))
        self.b_apply.setText(self.tr("Apply to current occupants…"))
        self.convention.setText(self.tr(
            "How days are counted: day 0 is the start date (the last exposure or the arrival, as "
            "the policy says); day k is the start date + k calendar days; the release date is day N "
            "for an N-day isolation. A test \"on day 4\" is due on start + 4. Everybody is sampled on "
            "the day they check in; a scheduled test day that fell before check-in is not owed twice "
            "(the check-in test covers it)."))
        self.preset_note.setText(self.tr(
            "Presets are starting points from national protocols (8th edition 2021: 14 days, tests on "
            "days 1, 4, 7, 14; 9th edition June 2022: 7 days, tests on days 1, 2, 3, 5, 7; \"20 measures\" "
            "November 2022: 5 days, tests on days 1, 2, 3, 5). Local variants differed: edit the table "
            "to match your instructions. A change applies to new check-ins; current occupants keep "
            "their policy until you apply it to them."))
        cur = self.preset.currentData()
        self.preset.clear()
        for code in names.PRESET_CODES:
            self.preset.addItem(names.preset(code), code)
        if cur:
            self.preset.setCurrentIndex(max(0, self.preset.findData(cur)))

    def refresh(self) -> None:
        super().refresh()
        s = site.get_settings(self.ctx.db).values
        for w, key in ((self.site_name, "site_name"), (self.site_address, "site_address"),
                       (self.day_start, "day_shift_start"), (self.night_start, "night_shift_start"),
                       (self.fever, "fever_threshold"), (self.contact_person, "contact_person"),
                       (self.contact_phone, "contact_phone"), (self.command_office, "command_office")):
            w.setText(s.get(key, ""))
        self.holding_room.setText(s.get("holding_room", ""))
        self.preset.setCurrentIndex(max(0, self.preset.findData(s.get("policy_preset"))))
        selected = self.selected_category()
        yes, no = self.tr("yes"), self.tr("no")
        rows = []
        policies = site.current_policies(self.ctx.db)
        for code in names.CATEGORY_CODES:
            if code not in policies:
                continue
            p = policies[code][1]
            rows.append(Row(code, (names.category(code), str(p.isolation_days), names.counted_from(p.counted_from),
                                   ", ".join(str(d) for d in p.test_days), yes if p.test_at_check_in else no,
                                   yes if p.double_sampling else no, str(p.home_monitoring_days),
                                   yes if p.admitted else no)))
        self.model.set_rows(rows)
        if selected:
            self.select_category(selected)

    def selected_category(self):
        index = self.table.currentIndex()
        return self.model.row_key(index.row()) if index.isValid() else None

    def select_category(self, code: str) -> None:
        row = self.model.row_of_key(code)
        if row >= 0:
            self.table.selectRow(row)

    def _language_chosen(self, *_):
        """Switch the language now, without closing anything; remembered for this workstation."""
        from PySide6.QtCore import QSettings

        from ..i18n import install
        lang = self.language.currentData()
        if not lang or lang == self.ctx.lang:
            return
        install(lang)
        self.ctx.lang = lang
        QSettings().setValue("ui/language", lang)
        self.ctx.language_changed.emit(lang)

    def save(self) -> None:
        changes = {"site_name": self.site_name.text(), "site_address": self.site_address.text(),
                   "day_shift_start": self.day_start.text(), "night_shift_start": self.night_start.text(),
                   "fever_threshold": self.fever.text(), "contact_person": self.contact_person.text(),
                   "contact_phone": self.contact_phone.text(), "command_office": self.command_office.text()}
        changes["holding_room"] = self.holding_room.text()
        ok, _ = self.ctx.run(self, site.update_settings, self.ctx.db, changes,
                             self.ctx.actor, self.ctx.now())
        self.saved.setText(self.tr("Saved.") if ok else "")

    def apply_preset(self) -> None:
        preset = self.preset.currentData()
        answer = QMessageBox.question(
            self, self.tr("Use this preset"),
            self.tr("Replace the policy of every category with the preset \"%1\"? Current occupants "
                    "keep their policy until you apply it to them.").replace("%1", names.preset(preset)))
        if answer == QMessageBox.Yes:
            self.ctx.run(self, site.apply_preset, self.ctx.db, preset, self.ctx.actor, self.ctx.now())

    def edit_policy(self) -> None:
        code = self.selected_category()
        if code and PolicyDialog.ask(self.ctx, code, parent=self) is not None:
            self.refresh()
            self.select_category(code)

    def apply_to_current(self) -> None:
        code = self.selected_category()
        if code:
            ApplyPolicyDialog.ask(self.ctx, code, parent=self)
