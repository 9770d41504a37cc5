"""A new member of the site's staff, with their test regime."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit


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
