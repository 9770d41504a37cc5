"""The shared table model: a ``QAbstractTableModel`` over a list of precomputed rows.

Why not ``QSortFilterProxyModel``: every call from Qt into Python ``data()`` crosses the
binding, and a proxy sorting 50,000 rows makes about a million such calls. Here sorting
happens on the Python list (``sort_by``) and filtering happens in SQL before ``set_rows``;
``data()`` only indexes into tuples that were formatted once.

Usage::

    model = RowTableModel([self.tr("Room"), self.tr("Name")])
    model.set_rows([
        Row(key=stay_id, display=("A-201", "张三"), sort=("A-0002-201", "张三")),
    ])
    view.setModel(model)
    view.setSortingEnabled(True)       # header clicks call model.sort() -> sort_by()
    model.row_key(view.currentIndex().row())   # -> stay_id

Each ``Row`` holds:
  - ``key``: the id the screen needs back (stay id, room id ...), never shown;
  - ``display``: one already-formatted string per column (what the user reads);
  - ``sort``: optional, one comparable value per column (defaults to ``display``);
    use ``None`` for "no value": it sorts last in either order;
  - ``tooltip``: optional, one string (or None) per column;
  - ``foreground``/``background``: optional, one QColor/QBrush (or None) for the whole row;
  - ``align``: optional, one Qt.AlignmentFlag (or None) per column.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

_DISPLAY = int(Qt.DisplayRole)
_TOOLTIP = int(Qt.ToolTipRole)
_FOREGROUND = int(Qt.ForegroundRole)
_BACKGROUND = int(Qt.BackgroundRole)
_ALIGN = int(Qt.TextAlignmentRole)
_KEY = int(Qt.UserRole)
_SORT = int(Qt.UserRole) + 1
_FLAGS = Qt.ItemIsEnabled | Qt.ItemIsSelectable  # combined once: enum "|" is slow in PySide6
_NO_FLAGS = Qt.NoItemFlags


@dataclass(slots=True)
class Row:
    key: Any
    display: Sequence[str]
    sort: Sequence[Any] | None = None
    tooltip: Sequence[str | None] | None = None
    foreground: Any = None
    background: Any = None
    align: Sequence[Any] | None = None


_ROOT = QModelIndex()  # the invisible root: the default parent of a flat table


class TableModel(QAbstractTableModel):
    """A flat, read-only table: ``_headers`` (one text per column) and ``_rows`` (one entry
    per row, of whatever shape a subclass's ``data()`` reads)."""

    def __init__(self, headers: Sequence[str] = (), parent=None):
        super().__init__(parent)
        self._headers: list[str] = list(headers)
        self._rows: list[Any] = []

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section, orientation, role=_DISPLAY):
        if int(role) != _DISPLAY:
            return None
        if orientation == Qt.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return str(section + 1)

    def flags(self, index):
        if not index.isValid():
            return _NO_FLAGS
        return _FLAGS


def fit_columns(view, model: RowTableModel, sample: int = 100) -> None:
    """Size a view's columns to its header and first rows, measured on the row list
    (QHeaderView.ResizeToContents would call data() for every cell on every reset)."""
    widths = model.column_widths(view.fontMetrics(), sample)
    last = len(widths) - 1
    for c, w in enumerate(widths):
        if c != last or not view.horizontalHeader().stretchLastSection():
            view.setColumnWidth(c, w)


class RowTableModel(TableModel):
    """Read-only table of ``Row`` objects. API: ``set_rows``, ``sort_by``, ``row_key``,
    ``row_of_key``, ``row_at``, ``set_headers``. Roles: DisplayRole, ToolTipRole,
    ForegroundRole, BackgroundRole, TextAlignmentRole, UserRole (key), UserRole+1 (sort value).
    """

    KEY_ROLE = _KEY
    SORT_ROLE = _SORT

    def __init__(self, headers: Sequence[str], parent=None):
        super().__init__(headers, parent)
        self._rows: list[Row] = []
        self._sort_column = -1
        self._sort_order = Qt.AscendingOrder

    # -- content -----------------------------------------------------------
    def set_headers(self, headers: Sequence[str]) -> None:
        """Re-set header texts (after a language switch); the column count must not change."""
        assert len(headers) == len(self._headers)
        self._headers = list(headers)
        if self._headers:
            self.headerDataChanged.emit(Qt.Horizontal, 0, len(self._headers) - 1)

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Replace every row (keeps the current sort column and order)."""
        self.beginResetModel()
        self._rows = list(rows)
        if self._sort_column >= 0:
            self._sort_list(self._sort_column, self._sort_order)
        self.endResetModel()

    def rows(self) -> list[Row]:
        return self._rows

    def row_at(self, row: int) -> Row | None:
        return self._row_for(row) if 0 <= row < len(self._rows) else None

    def _row_for(self, row: int) -> Row:
        return self._rows[row]

    def row_key(self, row: int):
        r = self.row_at(row)
        return None if r is None else r.key

    def row_of_key(self, key) -> int:
        """The row number holding ``key``, or -1."""
        for i, r in enumerate(self._rows):
            if r.key == key:
                return i
        return -1

    # -- sorting on the list -----------------------------------------------
    def sort_by(self, column: int, order=Qt.AscendingOrder) -> None:
        """Sort the row list by one column (its ``sort`` values, else its display text)."""
        if not 0 <= column < len(self._headers):
            return
        self._sort_column = column
        self._sort_order = order
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        moved = self._sort_list(column, order)
        if old:
            where = {was: now for now, was in enumerate(moved)}
            self.changePersistentIndexList(old, [self.index(where[i.row()], i.column()) for i in old])
        self.layoutChanged.emit()

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:  # Qt's entry point
        self.sort_by(column, order)

    def column_widths(self, fm, sample: int = 100, padding: int = 18, maximum: int = 400) -> list[int]:
        """Column widths that fit the header and the first ``sample`` rows' texts, measured
        on the list (QTableView.resizeColumnsToContents calls data() for every cell)."""
        widths = [fm.horizontalAdvance(h) + padding + 12 for h in self._headers]
        for r in self._rows[:sample]:
            for c, text in enumerate(r.display):
                w = fm.horizontalAdvance(text) + padding
                if w > widths[c]:
                    widths[c] = min(w, maximum)
        return widths

    def sort_state(self) -> tuple[int, Qt.SortOrder]:
        return self._sort_column, self._sort_order

    def _sort_values(self, column: int) -> list:
        """Each row's value in ``column``: its ``sort`` value, else its display text."""
        return [r.sort[column] if r.sort is not None else r.display[column] for r in self._rows]

    def _reorder(self, moved: list[int]) -> None:
        self._rows = [self._rows[i] for i in moved]

    def _sort_list(self, column: int, order) -> list[int]:
        """Sort the rows by ``column`` (stable; None last in either order); returns the old
        row number of each new row."""
        reverse = order == Qt.DescendingOrder
        values = self._sort_values(column)
        present = [i for i, v in enumerate(values) if v is not None]
        missing = [i for i, v in enumerate(values) if v is None]
        try:
            present.sort(key=values.__getitem__, reverse=reverse)
        except TypeError:  # mixed types in one column: compare as text
            present.sort(key=lambda i: str(values[i]), reverse=reverse)
        moved = present + missing
        self._reorder(moved)
        return moved

    # -- Qt model API -------------------------------------------------------
    def data(self, index, role=_DISPLAY):
        if not index.isValid():
            return None
        role = int(role)
        r = self._row_for(index.row())
        if role == _DISPLAY:
            return r.display[index.column()]
        if role == _FOREGROUND:
            return r.foreground
        if role == _BACKGROUND:
            return r.background
        if role == _TOOLTIP:
            return r.tooltip[index.column()] if r.tooltip is not None else None
        if role == _ALIGN:
            return r.align[index.column()] if r.align is not None else None
        if role == _KEY:
            return r.key
        if role == _SORT:
            return r.sort[index.column()] if r.sort is not None else r.display[index.column()]
        return None


class LazyRowTableModel(RowTableModel):
    """A ``RowTableModel`` whose rows are made when they are needed: ``set_sources`` keeps the
    rows as read (e.g. sqlite3 rows) and makes a ``Row`` of one only when Qt asks for it (the
    rows on screen), or for every row when a sort needs their values or an export reads them.
    A list of 40,000 people then costs its query and the rows shown, not 40,000 formattings.

    ``make(source) -> Row``; ``key_of(source)`` is the row's key without making it;
    ``raw_sort``: column -> a key function on sources, for columns that sort without making
    rows (their order must be that of the made rows' sort values; None sorts last).
    ``set_rows`` still takes made rows."""

    def __init__(self, headers: Sequence[str], parent=None):
        super().__init__(headers, parent)
        self._sources: list = []
        self._make = None
        self._key_of = None
        self._raw_sort: dict = {}

    def set_rows(self, rows: Sequence[Row]) -> None:
        self._sources = list(rows)
        self._make, self._key_of, self._raw_sort = (lambda r: r), (lambda r: r.key), {}
        super().set_rows(rows)

    def set_sources(self, sources: Sequence[Any], make, key_of, raw_sort: dict | None = None) -> None:
        """Replace every row by the rows ``make`` will make of ``sources`` (keeps the sort)."""
        self.beginResetModel()
        self._sources = list(sources)
        self._make, self._key_of, self._raw_sort = make, key_of, dict(raw_sort or {})
        self._rows = [None] * len(self._sources)
        if self._sort_column >= 0:
            self._sort_list(self._sort_column, self._sort_order)
        self.endResetModel()

    def _row_for(self, row: int) -> Row:
        r = self._rows[row]
        if r is None:
            r = self._rows[row] = self._make(self._sources[row])
        return r

    def rows(self) -> list[Row]:
        return [self._row_for(i) for i in range(len(self._rows))]

    def row_key(self, row: int):
        if not 0 <= row < len(self._rows):
            return None
        r = self._rows[row]
        return r.key if r is not None else self._key_of(self._sources[row])

    def row_of_key(self, key) -> int:
        key_of = self._key_of
        for i, s in enumerate(self._sources):
            r = self._rows[i]
            if (r.key if r is not None else key_of(s)) == key:
                return i
        return -1

    def column_widths(self, fm, sample: int = 100, padding: int = 18, maximum: int = 400) -> list[int]:
        for i in range(min(sample, len(self._rows))):
            self._row_for(i)
        return super().column_widths(fm, sample, padding, maximum)

    def _sort_values(self, column: int) -> list:
        raw = self._raw_sort.get(column)
        if raw is not None:  # without making the rows
            return [raw(source) for source in self._sources]
        return [r.sort[column] if r.sort is not None else r.display[column]
                for r in (self._row_for(i) for i in range(len(self._rows)))]

    def _reorder(self, moved: list[int]) -> None:
        self._sources = [self._sources[i] for i in moved]
        self._rows = [self._rows[i] for i in moved]
