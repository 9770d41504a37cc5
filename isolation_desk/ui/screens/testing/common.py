"""What the tabs of the tests screen (and the lab import dialog) share: row colours, times as
text, the plain table view and the base of a tab."""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTableView, QWidget

RED = QColor("#b71c1c")
AMBER = QColor("#8a5a00")
GREY = QColor("#777777")
PINK = QColor("#fde0e0")
YELLOW = QColor("#fff4cc")


def hm(value) -> str:
    """"2026-12-03T09:30:00" -> "09:30"."""
    return str(value or "")[11:16]


def dt_text(value) -> str:
    """"2026-12-03T09:30:00" -> "2026-12-03 09:30"."""
    return str(value or "").replace("T", " ")[:16]


def parse_dt(value) -> datetime:
    return datetime.fromisoformat(str(value))


def table_view(model, view: QTableView | None = None, alternate: bool = True) -> QTableView:
    """A list of rows: one row selected at a time, the last column stretched."""
    v = view if view is not None else QTableView()
    v.setModel(model)
    v.setSelectionBehavior(QTableView.SelectRows)
    v.setSelectionMode(QTableView.SingleSelection)
    v.setSortingEnabled(False)
    v.verticalHeader().setDefaultSectionSize(24)
    v.horizontalHeader().setStretchLastSection(True)
    v.setAlternatingRowColors(alternate)
    return v


class ScreenTab(QWidget):
    """One tab of the tests screen. The screen owns the building and floor, the words of the
    test codes and the re-read after a write; a tab reads its rows in ``refresh`` and says its
    title with a count through ``title_changed``."""

    title_changed = Signal(str)

    def __init__(self, screen):
        super().__init__()
        self.screen = screen
        self.ctx = screen.ctx

    def title(self) -> str:
        raise NotImplementedError

    def retranslate(self) -> None:
        raise NotImplementedError

    def refresh(self, now, building: str | None, floor: int | None) -> None:
        raise NotImplementedError
