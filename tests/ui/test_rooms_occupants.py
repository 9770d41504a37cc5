"""The shared row model, the room board and the occupants screen."""
from __future__ import annotations

from PySide6.QtCore import Qt

from isolation_desk.ui.models import Row, RowTableModel


def _model():
    m = RowTableModel(["Room", "Name", "Age"])
    m.set_rows([
        Row(1, ("A-201", "张三", "30"), sort=("A-201", "张三", 30)),
        Row(2, ("A-102", "李四", ""), sort=("A-102", "李四", None)),
        Row(3, ("B-301", "王五", "8"), sort=("B-301", "王五", 8), tooltip=("t", None, None)),
    ])
    return m


def test_row_model_passes_modeltester(qtmodeltester):
    m = _model()
    qtmodeltester.check(m)
    m.sort_by(2, Qt.DescendingOrder)
    qtmodeltester.check(m)


def test_row_model_sorts_on_the_list_with_missing_values_last():
    m = _model()
    m.sort_by(2)
    assert [m.row_key(i) for i in range(3)] == [3, 1, 2]
    m.sort_by(2, Qt.DescendingOrder)
    assert [m.row_key(i) for i in range(3)] == [1, 3, 2]
    m.sort_by(0)
    assert m.data(m.index(0, 0)) == "A-102"
    assert m.row_of_key(3) == 2
    # set_rows keeps the sort
    m.set_rows(list(reversed(m.rows())))
    assert m.data(m.index(0, 0)) == "A-102"
    assert m.headerData(1, Qt.Horizontal) == "Name"
