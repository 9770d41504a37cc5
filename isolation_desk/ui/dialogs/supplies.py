"""Dialogs of the supplies screen: receive (入库), issue or transfer out (出库), stock count
(盘点), adjustment, new item.

Each dialog calls one service through ``ctx.run`` when OK is pressed: a refused movement
shows its sentence and the dialog stays open with what was typed. ``ask(...)`` opens one
modally; tests construct them, fill the fields and call ``accept()``.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...domain import stock
from ...domain.vocabulary import MovementKind
from ...services import supplies


def category_name(code: str) -> str:
    return {
        "protective_equipment": QCoreApplication.translate("SupplyWords", "Protective equipment"),
        "disinfectant": QCoreApplication.translate("SupplyWords", "Disinfectant"),
        "testing": QCoreApplication.translate("SupplyWords", "Testing"),
        "food_and_water": QCoreApplication.translate("SupplyWords", "Food and water"),
        "medicine": QCoreApplication.translate("SupplyWords", "Medicine"),
        "daily_necessities": QCoreApplication.translate("SupplyWords", "Daily necessities"),
        "medical_waste": QCoreApplication.translate("SupplyWords", "Medical waste"),
    }.get(code, code)


def consumption_name(code: str) -> str:
    return {
        "per_occupant_day": QCoreApplication.translate("SupplyWords", "Per occupant per day"),
        "per_staff_shift": QCoreApplication.translate("SupplyWords", "Per staff shift"),
        "per_sample": QCoreApplication.translate("SupplyWords", "Per sample"),
        "unplanned": QCoreApplication.translate("SupplyWords", "Unplanned"),
    }.get(code, code)


def number(value) -> str:
    if value is None:
        return ""
    value = float(value)
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.1f}"


class _MovementDialog(QDialog):
    """Item chooser + form + OK/Cancel; subclasses add fields and implement ``_submit``."""

    def __init__(self, ctx, item_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.result_value = None
        self.item = QComboBox()
        self.item.setObjectName("item")
        for it in supplies.items(ctx.db):
            self.item.addItem(f"{it['name']} ({it['unit']})", it["id"])
        if item_id is not None:
            index = self.item.findData(item_id)
            if index >= 0:
                self.item.setCurrentIndex(index)
        self.form = QFormLayout()
        # literal context: strings of a base class are looked up under the subclass by self.tr()
        self.form.addRow(QCoreApplication.translate("SupplyWords", "Item"), self.item)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.item.currentIndexChanged.connect(self._item_changed)

    def item_id(self) -> int | None:
        return self.item.currentData()

    def _item_changed(self, *_):
        pass

    def _line(self, name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        if placeholder:
            edit.setPlaceholderText(placeholder)
        return edit

    def accept(self):
        ok, result = self._submit()
        if ok:
            self.result_value = result
            super().accept()

    def _submit(self):  # pragma: no cover - abstract
        raise NotImplementedError

    @classmethod
    def ask(cls, ctx, item_id: int | None = None, parent: QWidget | None = None):
        """Open modally; the service's result when done, None when cancelled."""
        dialog = cls(ctx, item_id, parent)
        return dialog.result_value if dialog.exec() == QDialog.Accepted else None


class ReceiveDialog(_MovementDialog):
    """A receipt (入库单): quantity, supplier or donor, lot, expiry date, maker, slip number."""

    def __init__(self, ctx, item_id=None, parent=None):
        super().__init__(ctx, item_id, parent)
        self.setWindowTitle(self.tr("Receive stock"))
        self.quantity = self._line("quantity", self.tr("e.g. 500"))
        self.party = QComboBox()
        self.party.setObjectName("party")
        self.party.setEditable(True)
        self.party.addItems([""] + supplies.recent_parties(ctx.db, MovementKind.RECEIPT))
        self.party.setToolTip(self.tr("Supplier or donor"))
        self.lot = self._line("lot", self.tr("batch number on the package"))
        self.expiry = self._line("expiry", self.tr("e.g. 2023-06-30"))
        self.maker = self._line("maker")
        self.reference = self._line("reference", self.tr("receiving slip number"))
        self.form.addRow(self.tr("Quantity"), self.quantity)
        self.form.addRow(self.tr("From (supplier or donor)"), self.party)
        self.form.addRow(self.tr("Lot"), self.lot)
        self.form.addRow(self.tr("Expiry date"), self.expiry)
        self.form.addRow(self.tr("Maker"), self.maker)
        self.form.addRow(self.tr("Slip no."), self.reference)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.form.addRow(self.hint)
        self._item_changed()

    def _item_changed(self, *_):
        item_id = self.item_id()
        tracks = False
        if item_id is not None:
            tracks = bool(next((i["tracks_expiry"] for i in supplies.items(self.ctx.db) if i["id"] == item_id), 0))
        self.hint.setText(self.tr("This item tracks expiry: enter its lot and expiry date.") if tracks else "")

    def _submit(self):
        ctx = self.ctx
        return ctx.run(self, supplies.receive, ctx.db, self.item_id(), self.quantity.text(),
                       party=self.party.currentText(), lot=self.lot.text(),
                       expiry_date=self.expiry.text().strip() or None, maker=self.maker.text(),
                       reference=self.reference.text(), actor=ctx.actor, now=ctx.now())


class IssueDialog(_MovementDialog):
    """An issue (领料单) to a floor or team, or a transfer out to another site; first expiry
    first unless a lot is chosen."""

    TEAMS = ("医疗组", "采样组", "消杀组", "保障组", "安保组")

    def __init__(self, ctx, item_id=None, parent=None, transfer: bool = False):
        super().__init__(ctx, item_id, parent)
        self.setWindowTitle(self.tr("Issue stock"))
        self.as_issue = QRadioButton(self.tr("Issue to a floor or team"))
        self.as_transfer = QRadioButton(self.tr("Transfer out to another site"))
        self.as_issue.setObjectName("as_issue")
        self.as_transfer.setObjectName("as_transfer")
        group = QButtonGroup(self)
        group.addButton(self.as_issue)
        group.addButton(self.as_transfer)
        (self.as_transfer if transfer else self.as_issue).setChecked(True)
        row = QHBoxLayout()
        row.addWidget(self.as_issue)
        row.addWidget(self.as_transfer)
        self.form.addRow(row)
        self.quantity = self._line("quantity")
        self.party = QComboBox()
        self.party.setObjectName("party")
        self.party.setEditable(True)
        self.lot = QComboBox()
        self.lot.setObjectName("lot")
        self.reference = self._line("reference", self.tr("issue slip number"))
        self.available = QLabel()
        self.available.setObjectName("available")
        self.form.addRow(self.tr("Quantity"), self.quantity)
        self.form.addRow(self.tr("To"), self.party)
        self.form.addRow(self.tr("Lot"), self.lot)
        self.form.addRow(self.tr("Slip no."), self.reference)
        self.form.addRow(self.available)
        self.as_transfer.toggled.connect(self._fill_parties)
        self._fill_parties()
        self._item_changed()

    def _fill_parties(self, *_):
        self.party.clear()
        if self.as_transfer.isChecked():
            self.party.addItems([""] + supplies.recent_parties(self.ctx.db, MovementKind.TRANSFER_OUT))
        else:
            recent = supplies.recent_parties(self.ctx.db, MovementKind.ISSUE)
            floors = [f"{f['building']}栋 {f['floor']}层" for f in supplies.issue_destinations(self.ctx.db)]
            choices = list(dict.fromkeys(recent + list(self.TEAMS) + floors))
            self.party.addItems([""] + choices)

    def _item_changed(self, *_):
        self.lot.clear()
        self.lot.addItem(self.tr("First expiry first (FEFO)"), None)
        item_id = self.item_id()
        if item_id is None:
            return
        total = 0.0
        for lot in supplies.lots(self.ctx.db, item_id):
            total += lot["on_hand"]
            if lot["lot_id"] is None:
                continue
            text = self.tr("%1 (expires %2): %3").replace("%1", lot["lot"]) \
                .replace("%2", lot["expiry_date"] or "-").replace("%3", number(lot["on_hand"]))
            self.lot.addItem(text, lot["lot_id"])
        self.available.setText(self.tr("On hand: %1").replace("%1", number(total)))

    def _submit(self):
        ctx = self.ctx
        fn = supplies.transfer_out if self.as_transfer.isChecked() else supplies.issue
        party = {"destination" if fn is supplies.transfer_out else "to": self.party.currentText()}
        return ctx.run(self, fn, ctx.db, self.item_id(), self.quantity.text(),
                       lot_id=self.lot.currentData(), reference=self.reference.text(),
                       actor=ctx.actor, now=ctx.now(), **party)


class CountDialog(_MovementDialog):
    """A stock count (盘点): what is on the shelf, lot by lot; differences become adjustments."""

    def __init__(self, ctx, item_id=None, parent=None):
        super().__init__(ctx, item_id, parent)
        self.setWindowTitle(self.tr("Count stock"))
        self.box = QGroupBox(self.tr("Counted on the shelf"))
        self.lots_form = QFormLayout(self.box)
        self.form.addRow(self.box)
        self.note = self._line("note", self.tr("e.g. monthly count"))
        self.form.addRow(self.tr("Note"), self.note)
        self.counted: dict = {}
        self._item_changed()

    def _item_changed(self, *_):
        while self.lots_form.rowCount():
            self.lots_form.removeRow(0)
        self.counted = {}
        item_id = self.item_id()
        if item_id is None:
            return
        rows = supplies.lots(self.ctx.db, item_id)
        if not rows:  # nothing on the book: what is found goes in without a lot
            rows = [{"lot_id": None, "lot": "", "expiry_date": None, "on_hand": 0.0}]
        for r in rows:
            if r["lot_id"] is None:
                text = self.tr("Without lot (book: %1)").replace("%1", number(r["on_hand"]))
            else:
                text = self.tr("Lot %1, expires %2 (book: %3)").replace("%1", r["lot"]) \
                    .replace("%2", r["expiry_date"] or "-").replace("%3", number(r["on_hand"]))
            edit = QLineEdit()
            edit.setObjectName(f"counted_{r['lot_id'] or 'none'}")
            edit.setPlaceholderText(number(r["on_hand"]))
            self.counted[r["lot_id"]] = edit
            self.lots_form.addRow(text, edit)

    def set_counted(self, lot_id, value: str) -> None:
        self.counted[lot_id].setText(value)

    def _submit(self):
        ctx = self.ctx
        values = {k: e.text() for k, e in self.counted.items() if e.text().strip()}
        return ctx.run(self, supplies.count, ctx.db, self.item_id(), values,
                       note=self.note.text(), actor=ctx.actor, now=ctx.now())


class AdjustDialog(_MovementDialog):
    """An adjustment with a reason: + found, - damaged, lost or expired."""

    def __init__(self, ctx, item_id=None, parent=None):
        super().__init__(ctx, item_id, parent)
        self.setWindowTitle(self.tr("Adjust stock"))
        self.quantity = self._line("quantity", self.tr("+ found, - lost (e.g. -5)"))
        self.reason = self._line("reason", self.tr("e.g. damaged, expired"))
        self.lot = QComboBox()
        self.lot.setObjectName("lot")
        self.form.addRow(self.tr("Difference"), self.quantity)
        self.form.addRow(self.tr("Reason"), self.reason)
        self.form.addRow(self.tr("Lot"), self.lot)
        self._item_changed()

    def _item_changed(self, *_):
        self.lot.clear()
        self.lot.addItem(self.tr("Any (expired first)"), None)
        item_id = self.item_id()
        if item_id is None:
            return
        for lot in supplies.lots(self.ctx.db, item_id):
            if lot["lot_id"] is not None:
                self.lot.addItem(self.tr("%1 (expires %2): %3").replace("%1", lot["lot"])
                                 .replace("%2", lot["expiry_date"] or "-").replace("%3", number(lot["on_hand"])),
                                 lot["lot_id"])

    def _submit(self):
        ctx = self.ctx
        return ctx.run(self, supplies.adjust, ctx.db, self.item_id(), self.quantity.text(),
                       reason=self.reason.text(), lot_id=self.lot.currentData(), actor=ctx.actor,
                       now=ctx.now())


class ItemDialog(QDialog):
    """A new supply item: name, category, unit, reorder level, how it is consumed."""

    def __init__(self, ctx, parent=None, item_id: int | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.item_id = item_id
        self.result_value = None
        self.setWindowTitle(self.tr("New supply item") if item_id is None else self.tr("Edit supply item"))
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.category = QComboBox()
        for code in stock.CATEGORIES:
            self.category.addItem(category_name(code), code)
        self.unit = QLineEdit()
        self.unit.setObjectName("unit")
        self.reorder_level = QLineEdit("0")
        self.reorder_level.setObjectName("reorder_level")
        self.consumption = QComboBox()
        for code in stock.CONSUMPTION:
            self.consumption.addItem(consumption_name(code), code)
        self.rate = QLineEdit("0")
        self.rate.setObjectName("rate")
        self.rate.setToolTip(self.tr("Units used per occupant-day, per staff shift or per sample"))
        self.critical = QCheckBox(self.tr("Critical (shown on the handover sheet)"))
        self.tracks_expiry = QCheckBox(self.tr("Has lots with expiry dates"))
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Unit"), self.unit)
        form.addRow(self.tr("Reorder level"), self.reorder_level)
        form.addRow(self.tr("Consumed"), self.consumption)
        form.addRow(self.tr("Use rate"), self.rate)
        form.addRow(self.critical)
        form.addRow(self.tracks_expiry)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        if item_id is not None:
            item = next(i for i in supplies.items(ctx.db, active_only=False) if i["id"] == item_id)
            self.name.setText(item["name"])
            self.category.setCurrentIndex(self.category.findData(item["category"]))
            self.unit.setText(item["unit"])
            self.reorder_level.setText(number(item["reorder_level"]).replace(",", ""))
            self.consumption.setCurrentIndex(self.consumption.findData(item["consumption"]))
            self.rate.setText(f"{item['rate']:g}")
            self.critical.setChecked(bool(item["critical"]))
            self.tracks_expiry.setChecked(bool(item["tracks_expiry"]))

    def fields(self) -> dict:
        return {"name": self.name.text(), "category": self.category.currentData(), "unit": self.unit.text(),
                "reorder_level": self.reorder_level.text(), "critical": self.critical.isChecked(),
                "tracks_expiry": self.tracks_expiry.isChecked(),
                "consumption": self.consumption.currentData(), "rate": self.rate.text()}

    def accept(self):
        ctx = self.ctx
        if self.item_id is None:
            ok, result = ctx.run(self, supplies.create_item, ctx.db, actor=ctx.actor,
                                 now=ctx.now(), **self.fields())
        else:
            ok, _ = ctx.run(self, supplies.update_item, ctx.db, self.item_id, self.fields(),
                            actor=ctx.actor, now=ctx.now())
            result = self.item_id
        if ok:
            self.result_value = result
            super().accept()

    @classmethod
    def ask(cls, ctx, parent=None, item_id: int | None = None):
        """New item (item_id None) or edit one; the item's id when saved, None when cancelled."""
        dialog = cls(ctx, parent, item_id)
        return dialog.result_value if dialog.exec() == QDialog.Accepted else None


__all__ = ["AdjustDialog", "CountDialog", "IssueDialog", "ItemDialog", "ReceiveDialog",
           "category_name", "consumption_name", "number"]

