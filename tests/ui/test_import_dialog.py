"""pytest-qt: import a transfer list through the dialog, with one column re-mapped by hand;
the preview shows the refused rows and why; import; expected arrivals; bulk check-in."""
from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from PySide6.QtCore import Qt

from isolation_desk.domain.identity import make_resident_id
from isolation_desk.domain.roles import Actor
from isolation_desk.services import queries
from isolation_desk.ui.context import AppContext
from isolation_desk.ui.dialogs.bulk_checkin import BulkCheckInDialog
from isolation_desk.ui.dialogs.import_arrivals import ArrivalsPreviewModel, ImportArrivalsDialog

FRONT = Actor("desk1", "front_desk")
ID1 = make_resident_id("110101", date(1990, 5, 17), 1, "M")
ID2 = make_resident_id("310104", date(1985, 1, 2), 2, "F")
ID3 = make_resident_id("440305", date(1979, 7, 8), 3, "M")


def odd_list(path, category_header="隔离类型"):
    """The category column has a name no alias knows: the user must map it by hand."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "XX区转运名单"
    ws.merge_cells("A1:F1")
    ws.append(["姓名", "身份证号码", "联系电话", category_header, "末次接触时间", "备注"])
    ws.append(["张三", ID1, "13800138000", "密接", "2022/11/18", ""])
    ws.append(["李四", ID2, "13800138001", "密接", "11月17日", ""])
    ws.append(["王五", ID3[:17] + ("0" if ID3[17] != "0" else "1"), "138", "密接", "2022年11月18日", ""])
    ws.append(["赵六", float(ID2), "13800138002", "密接", "2022-11-18", ""])
    ws.append(["张三", ID1, "13800138000", "密接", "2022/11/18", "重复"])
    wb.save(path)
    return path


@pytest.fixture
def ctx(db, now):
    return AppContext(db, FRONT, "en", clock=lambda: now)


def statuses(model):
    return [model.data(model.index(r, 1)) for r in range(model.rowCount())]


def test_import_through_the_dialog_with_a_column_mapped_by_hand(qtbot, qtmodeltester, ctx, tmp_path):
    dialog = ImportArrivalsDialog(ctx)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.previewed):
        assert dialog.load(odd_list(tmp_path / "list.xlsx"))
    model = dialog.model
    qtmodeltester.check(model)
    # without the category column every row is refused for an empty category
    assert statuses(model) == ["Refused"] * 5
    assert not dialog.import_button.isEnabled()
    assert "No column found for: Category" in dialog.info_label.text()

    combo = dialog._combos["category"]
    assert combo.currentData() is None
    column = combo.findText("D: 隔离类型")
    assert column > 0
    with qtbot.waitSignal(dialog.previewed):
        combo.setCurrentIndex(column)
        combo.activated.emit(column)  # what a click in the list emits
    qtmodeltester.check(model)
    assert statuses(model) == ["Valid", "Valid", "Refused", "Refused", "Duplicate"]
    assert "5 rows read: 2 valid, 2 refused, 1 duplicate" in dialog.summary_label.text()
    assert "No column found" not in dialog.info_label.text()

    # the preview says why, in the refused cell
    id_col = model.column_of_field("id_number")
    phone_col = model.column_of_field("phone")
    tip = model.data(model.index(2, id_col), Qt.ToolTipRole)
    assert "check character" in tip
    assert "11 digits" in model.data(model.index(2, phone_col), Qt.ToolTipRole)
    assert model.data(model.index(2, id_col), Qt.BackgroundRole) is not None
    assert "stored as a number" in model.data(model.index(3, 2))
    assert "row 3" in model.data(model.index(4, 2))
    assert model.data(model.index(0, id_col)) == ID1[:3] + "*" * 11 + ID1[-4:]  # masked when valid

    # only the problems
    dialog.filter_combo.setCurrentIndex(dialog.filter_combo.findData(ArrivalsPreviewModel.PROBLEMS))
    assert [model.row_number(r) for r in range(model.rowCount())] == [5, 6, 7]
    qtmodeltester.check(model)
    dialog.filter_combo.setCurrentIndex(0)

    refused = dialog.save_refused(tmp_path / "refused.xlsx")
    ws = openpyxl.load_workbook(refused).active
    assert [c.value for c in ws["A"]][1:] == [5, 6, 7]

    assert dialog.import_button.isEnabled()
    assert dialog.import_button.text() == "Import 2 valid rows"
    with qtbot.waitSignal(dialog.imported) as signal:
        qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    assert signal.args == [2]
    expected = queries.occupants(ctx.db, status="expected")
    assert sorted(s["name"] for s in expected) == ["张三", "李四"]
    assert "2 rows imported" in dialog.info_label.text()
    assert not dialog.import_button.isEnabled() and dialog.check_in_button.isEnabled()

    # bulk check-in of those just imported, each in a suggested room
    bulk = BulkCheckInDialog(ctx, stay_ids=dialog.result.stay_ids)
    qtbot.addWidget(bulk)
    qtmodeltester.check(bulk.model)
    assert bulk.model.rowCount() == 2
    rooms = [bulk.model.data(bulk.model.index(r, 0)) for r in range(2)]
    assert all(rooms) and rooms[0] != rooms[1]
    with qtbot.waitSignal(bulk.checked_in) as signal:
        qtbot.mouseClick(bulk.all_button, Qt.LeftButton)
    assert signal.args == [2]
    assert queries.occupants(ctx.db, status="expected") == []
    here = {s["name"]: s["room"] for s in queries.occupants(ctx.db, status="in_isolation")}
    assert set(here) == {"张三", "李四"} and sorted(here.values()) == sorted(rooms)
    assert "张三 → room" in bulk.report.toPlainText()
    assert bulk.model.rowCount() == 0 and not bulk.all_button.isEnabled()


def test_the_corrected_mapping_is_remembered_for_the_next_file(qtbot, ctx, tmp_path):
    first = ImportArrivalsDialog(ctx)
    qtbot.addWidget(first)
    first.load(odd_list(tmp_path / "one.xlsx"))
    with qtbot.waitSignal(first.previewed):
        first.set_column("category", 3)
    first.import_rows()
    assert first.result.imported == 2
    # a new file from the same office: same odd header, new people
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["隔离类型", "姓名", "身份证号码", "末次接触时间"])
    ws.append(["密接", "孙七", make_resident_id("110101", date(1970, 1, 1), 9, "M"), "2022-11-19"])
    wb.save(tmp_path / "two.xlsx")
    second = ImportArrivalsDialog(ctx)
    qtbot.addWidget(second)
    second.load(tmp_path / "two.xlsx")
    assert second._combos["category"].currentData() == 0
    assert statuses(second.model) == ["Valid"]


def test_reimporting_the_same_file_adds_nothing(qtbot, ctx, tmp_path):
    path = odd_list(tmp_path / "list.xlsx", category_header="人员类别")
    first = ImportArrivalsDialog(ctx)
    qtbot.addWidget(first)
    first.load(path)
    first.import_rows()
    again = ImportArrivalsDialog(ctx)
    qtbot.addWidget(again)
    again.load(path)
    assert "already imported" in again.info_label.text()
    assert "Valid" not in statuses(again.model)
    assert not again.import_button.isEnabled()


def test_an_unreadable_file_is_explained(qtbot, ctx, tmp_path):
    bad = tmp_path / "list.xls"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    dialog = ImportArrivalsDialog(ctx)
    qtbot.addWidget(dialog)
    assert not dialog.load(bad)
    assert ".xlsx" in dialog.info_label.text()
    assert not dialog.import_button.isEnabled() and dialog.model.rowCount() == 0
    # no header recognised: the user can still map the two required columns by hand
    plain = tmp_path / "plain.csv"
    plain.write_text(f"who,number,kind,exposed\n张三,{ID1},密接,2022-11-18\n", encoding="utf-8")
    assert not dialog.load(plain)
    assert "header" in dialog.info_label.text().lower()
    dialog.set_column("name", 0)
    with qtbot.waitSignal(dialog.previewed):
        dialog.set_column("id_number", 1)
    dialog.set_column("category", 2)
    dialog.set_column("last_exposure", 3)
    assert statuses(dialog.model) == ["Valid"]


def test_ask_returns_the_number_imported(qtbot, ctx, tmp_path, monkeypatch):
    path = odd_list(tmp_path / "list.xlsx", category_header="人员类别")
    monkeypatch.setattr(ImportArrivalsDialog, "exec", lambda self: (self.import_rows(), 1)[1])
    assert ImportArrivalsDialog.ask(None, ctx, path=path) == 2
    monkeypatch.setattr(ImportArrivalsDialog, "exec", lambda self: 0)
    assert ImportArrivalsDialog.ask(None, ctx, path=path) is None
