"""The base of every screen in the navigation."""
from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QWidget

from ...domain.changes import Changes, Kind
from ...services import boards

BUILDING_SETTING = "ui/building"  # the building last chosen in a list, on this workstation


class Screen(QWidget):
    """A screen: built once, ``refresh()`` re-reads its queries when shown or when data changes."""

    key = ""
    # The kinds of records the screen shows: a change to none of them leaves it as it is.
    shows: frozenset[Kind] = frozenset(Kind)

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        ctx.changed.connect(self._on_changed)
        self._dirty = True

    def title(self) -> str:
        raise NotImplementedError

    def refresh(self) -> None:
        self._dirty = False

    def _on_changed(self, changes: Changes) -> None:
        if not changes.touches(self.shows):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True

    def showEvent(self, event):
        if self._dirty:
            self.refresh()
        super().showEvent(event)

    @staticmethod
    def add_filters(layout, *combos) -> list:
        """Each filter combo after its label (the combo's buddy; its text is set by
        retranslate), sized to its contents. Returns the labels, in the combos' order."""
        labels = []
        for combo in combos:
            label = QLabel()
            label.setBuddy(combo)
            combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)
            layout.addWidget(label)
            layout.addWidget(combo)
            labels.append(label)
        return labels

    def _fill_buildings(self) -> None:
        """The building filter (``self.building``) of a screen that lists the site's buildings."""
        self.fill_building_filter(self.building, boards.buildings(self.ctx.db))

    def _filters_changed(self, *_) -> None:
        """A filter was changed by the user (not while the screen fills it): read again."""
        if not getattr(self, "_filling", False):
            self.refresh()

    def fill_floor_filter(self, floors: list[tuple[str, int]]) -> None:
        """(Re)fill ``self.floor`` with the floors of the building chosen in ``self.building``
        (``floors``: (building code, floor) pairs), keeping the choice; "All" and greyed out
        while all buildings are shown."""
        current = self.floor.currentData()
        building = self.building.currentData()
        self.floor.blockSignals(True)
        self.floor.clear()
        self.floor.addItem(QCoreApplication.translate("Screen", "All"), None)
        for code, floor in floors:
            if building is not None and code == building:
                self.floor.addItem(str(floor), floor)
        self.floor.setCurrentIndex(max(0, self.floor.findData(current)))
        self.floor.setEnabled(building is not None)
        self.floor.blockSignals(False)

    def fill_building_filter(self, combo, buildings: list[dict], all_text: str | None = None,
                             label: str = "name") -> None:
        """(Re)fill a building filter: "All buildings" then each building, keeping the
        choice; untouched when the buildings have not changed. ``self._filling`` is set
        meanwhile so that the screen does not react to its own filling. The first fill
        chooses ``initial_building()``, and a building the user chooses is remembered."""
        if combo.count() == len(buildings) + 1:
            return
        first = combo.count() == 0
        current = self.initial_building() if first else combo.currentData()
        self._filling = True
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_text or QCoreApplication.translate("Screen", "All buildings"), None)
        for b in buildings:
            combo.addItem(b[label] or b["code"], b["code"])
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)
        self._filling = False
        if first:
            combo.activated.connect(lambda _i, c=combo: self.remember_building(c.currentData()))

    def initial_building(self) -> str | None:
        """The building a list opens on (``boards.default_building``: all of them on a site
        of up to 5,000 rooms, else the one last chosen on this workstation)."""
        return boards.default_building(self.ctx.db, QSettings().value(BUILDING_SETTING) or None)

    @staticmethod
    def remember_building(code: str | None) -> None:
        if code:  # "All buildings" keeps the last building for the next start
            QSettings().setValue(BUILDING_SETTING, code)

    @staticmethod
    @contextmanager
    def busy():
        """The wait cursor while a read runs (all buildings of a large site)."""
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            yield
        finally:
            QApplication.restoreOverrideCursor()

    def retranslate(self) -> None:
        """Re-set the screen's texts after a language switch."""
