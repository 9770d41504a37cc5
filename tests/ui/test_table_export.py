"""ui/export.py: every table screen exports what it shows to xlsx or csv."""
from __future__ import annotations

import csv
from datetime import date

import openpyxl

from isolation_desk.ui import export
from isolation_desk.ui.models import Row, RowTableModel


def _model():
    model = RowTableModel(["房间", "姓名", "证件号码"])
    model.set_rows([Row(key=1, display=("A-0201", "张三", "110101199003074514")),
                    Row(key=2, display=("A-0101", "李四", "=HYPERLINK(1)"))])
    model.sort_by(0)  # the view shows A-0101 first
    return model


def test_export_model_to_xlsx_keeps_view_order_and_text(qtbot, tmp_path):
    path = export.export_model(None, _model(), "occupants", path=tmp_path / "out.xlsx")
    ws = openpyxl.load_workbook(path).active
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert rows[0] == ["房间", "姓名", "证件号码"]
    assert rows[1][0] == "A-0101" and rows[2][2] == "110101199003074514"
    assert ws["C3"].data_type == "s"


def test_export_to_csv_and_name_without_suffix(qtbot, tmp_path):
    path = export.export_model(None, _model(), "x", path=tmp_path / "out.csv", columns=[1])
    with open(path, encoding="utf-8-sig", newline="") as fh:
        assert list(csv.reader(fh)) == [["姓名"], ["李四"], ["张三"]]
    path = export.export_table(None, ["a"], [[1]], "x", path=tmp_path / "plain")
    assert path.suffix == ".xlsx" and path.exists()


def test_export_asks_for_a_path_and_cancel_writes_nothing(qtbot, tmp_path, monkeypatch):
    asked = []

    def fake_ask(parent, name):
        asked.append(name)
        return None

    monkeypatch.setattr(export, "ask_save_path", fake_ask)
    assert export.export_table(None, ["a"], [[1]], "rooms") is None
    assert asked and asked[0].startswith("rooms-") and asked[0].endswith(".xlsx")
    monkeypatch.setattr(export, "ask_save_path", lambda parent, name: tmp_path / "r.xlsx")
    assert export.export_table(None, ["a"], [[1]], "rooms") == tmp_path / "r.xlsx"


def test_suggested_file_name_is_safe():
    assert export.suggested_file_name('a/b:c', date(2022, 11, 20)) == "a_b_c-2022-11-20.xlsx"
