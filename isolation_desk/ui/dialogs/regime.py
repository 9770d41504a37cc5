"""The test regime of a group (a floor, a building, everyone; one category or all): policy
days only, daily, or 3 tests in any 5 days."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel


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
