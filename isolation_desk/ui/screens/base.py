"""The base of every screen in the navigation."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget


class Screen(QWidget):
    """A screen: built once, ``refresh()`` re-reads its queries when shown or when data changes."""

    key = ""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        ctx.changed.connect(self._on_changed)
        self._dirty = True

    def title(self) -> str:
        raise NotImplementedError

    def refresh(self) -> None:
        self._dirty = False

    def _on_changed(self, what: str) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True

    def showEvent(self, event):
        if self._dirty:
            self.refresh()
        super().showEvent(event)

    def fill_building_filter(self, combo, buildings: list[dict]) -> None:
        """(Re)fill a building filter: "All buildings" then each building, keeping the
        choice; untouched when the buildings have not changed. ``self._filling`` is set
        meanwhile so that the screen does not react to its own filling."""
        if combo.count() == len(buildings) + 1:
            return
        current = combo.currentData()
        self._filling = True
        combo.clear()
        combo.addItem(QCoreApplication.translate("Screen", "All buildings"), None)
        for b in buildings:
            combo.addItem(b["name"], b["code"])
        combo.setCurrentIndex(max(0, combo.findData(current)))
        self._filling = False

    def retranslate(self) -> None:
        """Re-set the screen's texts after a language switch."""
