"""Import a transfer list (转运名单): pick the file, correct the column mapping, see every
row as valid, refused (the reason per cell) or duplicate, import, save the refused rows.

Opened from the occupants screen::

    from ..dialogs.import_arrivals import ImportArrivalsDialog
    imported = ImportArrivalsDialog.ask(self, self.ctx)   # number imported, or None

All work is done by ``services.arrivals_import``; this module only shows it.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError
from ...reports.refused_rows import write_refused_rows
from ...services import arrivals_import as ai
from ..models import TableModel

_DISPLAY = int(Qt.DisplayRole)
_TOOLTIP = int(Qt.ToolTipRole)
_BACKGROUND = int(Qt.BackgroundRole)
_FOREGROUND = int(Qt.ForegroundRole)
_KEY = int(Qt.UserRole)

_BAD_CELL = QBrush(QColor("#f8d0cc"))
_DUPLICATE = QBrush(QColor("#fff1c2"))
_STATUS_COLOURS = {ai.VALID: QBrush(QColor("#1b6e2a")), ai.INVALID: QBrush(QColor("#b3261e")),
                   ai.DUPLICATE: QBrush(QColor("#8a5a00"))}
_LAST_FOLDER = "import/arrivals_folder"


def field_titles() -> dict[str, str]:
    """The name of each field of a transfer list, as the mapping and the preview show it."""
    return {
        "name": QCoreApplication.translate("ImportArrivals", "Name"),
        "id_type": QCoreApplication.translate("ImportArrivals", "ID type"),
        "id_number": QCoreApplication.translate("ImportArrivals", "ID number"),
        "sex": QCoreApplication.translate("ImportArrivals", "Sex"),
        "birth_date": QCoreApplication.translate("ImportArrivals", "Birth date"),
        "phone": QCoreApplication.translate("ImportArrivals", "Phone"),
        "category": QCoreApplication.translate("ImportArrivals", "Category"),
        "last_exposure": QCoreApplication.translate("ImportArrivals", "Last exposure"),
        "arrival": QCoreApplication.translate("ImportArrivals", "Arrival"),
        "origin": QCoreApplication.translate("ImportArrivals", "Origin"),
        "registered_address": QCoreApplication.translate("ImportArrivals", "Registered address"),
        "current_address": QCoreApplication.translate("ImportArrivals", "Current address"),
        "destination": QCoreApplication.translate("ImportArrivals", "Destination community"),
        "community_contact": QCoreApplication.translate("ImportArrivals", "Community contact"),
        "community_phone": QCoreApplication.translate("ImportArrivals", "Community phone"),
        "household": QCoreApplication.translate("ImportArrivals", "Household"),
        "household_role": QCoreApplication.translate("ImportArrivals", "Household role"),
        "notes": QCoreApplication.translate("ImportArrivals", "Notes"),
        ai.ROW: QCoreApplication.translate("ImportArrivals", "Row"),
    }


def status_titles() -> dict[str, str]:
    return {
        ai.VALID: QCoreApplication.translate("ImportArrivals", "Valid"),
        ai.INVALID: QCoreApplication.translate("ImportArrivals", "Refused"),
        ai.DUPLICATE: QCoreApplication.translate("ImportArrivals", "Duplicate"),
    }


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters




class ArrivalsPreviewModel(TableModel):
    """The preview rows: Excel row, status, reasons, then one column per mapped field.

    Display texts, tooltips and colours are computed once in ``set_preview``; ``data()``
    only indexes into them. Filtering happens on the list (``set_filter``).
    """

    ALL, PROBLEMS, VALID_ONLY = "all", "problems", "valid"

    def __init__(self, describe, parent=None):
        super().__init__((), parent)
        self._describe = describe
        self._fields: list[str] = []
        self._all: list[tuple] = []  # (status, display, tooltips, backgrounds, row number)
        self._rows: list[tuple] = []
        self._filter = self.ALL

    def set_preview(self, preview: ai.ArrivalsPreview | None) -> None:
        self.beginResetModel()
        titles, statuses = field_titles(), status_titles()
        self._fields = [] if preview is None else [f for f in ai.ARRIVAL_FIELDS if f in preview.header.columns]
        self._headers = [QCoreApplication.translate("ImportArrivals", "Row"),
                         QCoreApplication.translate("ImportArrivals", "Status"),
                         QCoreApplication.translate("ImportArrivals", "Reasons")] + [titles[f] for f in self._fields]
        self._all = []
        for r in ([] if preview is None else preview.rows):
            reasons = {f: self._describe(e) for f, e in r.errors.items()}
            reason_text = "\n".join(f"{titles.get(f, f)}: {text}" for f, text in reasons.items())
            display = [str(r.row), statuses[r.status], reason_text.replace("\n", "; ")]
            tips = [None, None, reason_text or None]
            backgrounds = [None, _DUPLICATE if r.status == ai.DUPLICATE else None, None]
            for f in self._fields:
                display.append(r.id_display() if f == "id_number" else ai.cell_text(r.cells.get(f)))
                tips.append(reasons.get(f))
                backgrounds.append(_BAD_CELL if f in reasons and r.status == ai.INVALID else None)
            self._all.append((r.status, tuple(display), tuple(tips), tuple(backgrounds), r.row))
        self._apply_filter()
        self.endResetModel()

    def set_filter(self, which: str) -> None:
        self.beginResetModel()
        self._filter = which
        self._apply_filter()
        self.endResetModel()

    def _apply_filter(self) -> None:
        if self._filter == self.PROBLEMS:
            self._rows = [r for r in self._all if r[0] != ai.VALID]
        elif self._filter == self.VALID_ONLY:
            self._rows = [r for r in self._all if r[0] == ai.VALID]
        else:
            self._rows = list(self._all)

    def fields(self) -> list[str]:
        return list(self._fields)

    def row_number(self, row: int) -> int | None:
        return self._rows[row][4] if 0 <= row < len(self._rows) else None

    def column_of_field(self, field_name: str) -> int:
        return 3 + self._fields.index(field_name) if field_name in self._fields else -1

    # -- Qt model API -------------------------------------------------------
    def data(self, index, role=_DISPLAY):
        if not index.isValid():
            return None
        role = int(role)
        r = self._rows[index.row()]
        column = index.column()
        if role == _DISPLAY:
            return r[1][column]
        if role == _TOOLTIP:
            return r[2][column]
        if role == _BACKGROUND:
            return r[3][column]
        if role == _FOREGROUND:
            return _STATUS_COLOURS[r[0]] if column == 1 else None
        if role == _KEY:
            return r[4]
        return None


class ImportArrivalsDialog(QDialog):
    """File, column mapping, preview, import, refused rows; then bulk check-in if wanted."""

    previewed = Signal()  # a preview was (re)built
    imported = Signal(int)  # rows imported

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("ImportArrivalsDialog")
        self.path: Path | None = None
        self.preview: ai.ArrivalsPreview | None = None
        self.result: ai.ImportResult | None = None
        self._rows = None  # the file as read, reused while the mapping changes
        self._texts: list[str] = []  # texts of the header row the combos offer
        self._user_mapping: dict[str, int | None] = {}
        self._combos: dict[str, QComboBox] = {}

        self.file_edit = QLineEdit()
        self.file_edit.setReadOnly(True)
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        self.file_label = QLabel()
        file_row.addWidget(self.file_label)
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.choose_button)

        self.info_label = QLabel()
        self.info_label.setWordWrap(True)
        self.info_label.setObjectName("ImportInfo")

        self.mapping_box = QGroupBox()
        grid = QGridLayout(self.mapping_box)
        self._field_labels: dict[str, QLabel] = {}
        per_column = 6
        for i, name in enumerate(ai.ARRIVAL_FIELDS):
            label = QLabel()
            combo = QComboBox()
            combo.setObjectName(f"map_{name}")
            combo.setMinimumContentsLength(10)
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.activated.connect(lambda _i, name=name: self._mapping_chosen(name))
            self._combos[name] = combo
            self._field_labels[name] = label
            row, col = i % per_column, (i // per_column) * 2
            grid.addWidget(label, row, col)
            grid.addWidget(combo, row, col + 1)
        self.reset_mapping_button = QPushButton()
        self.reset_mapping_button.clicked.connect(self.reset_mapping)
        grid.addWidget(self.reset_mapping_button, per_column, 4, 1, 2)

        self.filter_combo = QComboBox()
        self.filter_combo.currentIndexChanged.connect(self._filter_changed)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("ImportSummary")
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.summary_label, 1)
        filter_row.addWidget(self.filter_combo)

        self.model = ArrivalsPreviewModel(ctx.describe, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        # Column widths from the first rows only: measuring 5,000 rows would call data() 100,000 times.
        self.view.horizontalHeader().setResizeContentsPrecision(60)

        self.save_refused_button = QPushButton()
        self.save_refused_button.clicked.connect(lambda: self.save_refused())
        self.import_button = QPushButton()
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.import_rows)
        self.check_in_button = QPushButton()
        self.check_in_button.clicked.connect(self.open_bulk_check_in)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self._close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_refused_button)
        buttons.addStretch(1)
        buttons.addWidget(self.check_in_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addWidget(self.mapping_box)
        layout.addWidget(self.info_label)
        layout.addLayout(filter_row)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.retranslate()
        self._update_state()
        self.resize(1100, 720)

    # -- texts ---------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import arrivals from a transfer list"))
        self.file_label.setText(self.tr("File:"))
        self.choose_button.setText(self.tr("Choose file…"))
        self.mapping_box.setTitle(self.tr("Columns (correct a field by choosing its column)"))
        titles = field_titles()
        for name, label in self._field_labels.items():
            required = name in ai.REQUIRED
            label.setText(self.tr("%1 *").replace("%1", titles[name]) if required else titles[name])
        self.reset_mapping_button.setText(self.tr("Automatic mapping"))
        current = self.filter_combo.currentIndex()
        self.filter_combo.blockSignals(True)
        self.filter_combo.clear()
        self.filter_combo.addItem(self.tr("All rows"), ArrivalsPreviewModel.ALL)
        self.filter_combo.addItem(self.tr("Refused and duplicate rows"), ArrivalsPreviewModel.PROBLEMS)
        self.filter_combo.addItem(self.tr("Valid rows"), ArrivalsPreviewModel.VALID_ONLY)
        self.filter_combo.setCurrentIndex(max(current, 0))
        self.filter_combo.blockSignals(False)
        self.save_refused_button.setText(self.tr("Save refused rows…"))
        self.check_in_button.setText(self.tr("Check in…"))
        self.close_button.setText(self.tr("Close"))
        self._update_state()

    # -- loading -------------------------------------------------------------
    def choose_file(self) -> None:
        settings = QSettings()
        folder = settings.value(_LAST_FOLDER, str(Path.home()))
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a transfer list"), folder,
            self.tr("Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv *.txt);;All files (*)"))
        if name:
            settings.setValue(_LAST_FOLDER, str(Path(name).parent))
            self.load(name)

    def load(self, path) -> bool:
        """Read ``path`` and preview it with the remembered mapping. False if unreadable."""
        self.path = Path(path)
        self.file_edit.setText(str(self.path))
        self._user_mapping = {}
        self.result = None
        self._rows = None
        try:
            self._rows = ai.read_file(self.path)
        except DomainError as exc:
            self._show_unreadable(exc)
            return False
        return self._build_preview()

    def _mapping_for_service(self) -> dict[str, int | str | None]:
        """The user's choices, as header texts where the header cell has one: a text matches
        only the header row, while a bare column number would match any row."""
        mapping: dict[str, int | str | None] = {}
        for name, column in self._user_mapping.items():
            if column is None:
                mapping[name] = None
            elif column < len(self._texts) and self._texts[column]:
                mapping[name] = self._texts[column]
            else:
                mapping[name] = column
        return mapping

    def _build_preview(self) -> bool:
        try:
            self.preview = ai.read_arrivals(self.ctx.db, self.path, self.ctx.now(),
                                            mapping=self._mapping_for_service(), rows=self._rows)
        except DomainError as exc:
            self.preview = None
            self.model.set_preview(None)
            best = exc.params.get("best_row") if exc.code == "header_not_found" else None
            _, self._texts = ai.row_texts(self._rows or [], best)
            self._fill_combos({})
            self.info_label.setText(self.ctx.describe(exc))
            self._update_state()
            self.previewed.emit()
            return False
        self._texts = list(self.preview.headers)
        self._fill_combos(self.preview.header.columns)
        self.model.set_preview(self.preview)
        self.view.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            self.view.setColumnWidth(column, min(self.view.columnWidth(column), 320))
        self._show_info()
        self._update_state()
        self.previewed.emit()
        return True

    def _show_unreadable(self, exc: DomainError) -> None:
        self.preview = None
        self._texts = []
        self.model.set_preview(None)
        self._fill_combos({})
        self.info_label.setText(self.ctx.describe(exc))
        self._update_state()
        self.previewed.emit()

    def _fill_combos(self, columns: dict[str, int]) -> None:
        items = [(self.tr("— not in this file —"), None)]
        items += [(self.tr("%1: %2").replace("%1", column_letter(i)).replace("%2", text or "…"), i)
                  for i, text in enumerate(self._texts)]
        for name, combo in self._combos.items():
            combo.blockSignals(True)
            combo.clear()
            for text, data in items:
                combo.addItem(text, data)
            target = columns.get(name)
            combo.setCurrentIndex(0 if target is None else combo.findData(target))
            combo.setEnabled(bool(self._texts))
            combo.blockSignals(False)

    def _show_info(self) -> None:
        p = self.preview
        lines = [self.tr("Header found in row %1.").replace("%1", str(p.header.row_number))]
        titles = field_titles()
        missing = [titles[f] for f in ("category", "last_exposure", "arrival") if f not in p.header.columns]
        if "category" not in p.header.columns or len(missing) == 3:
            lines.append(self.tr("No column found for: %1. If the file has it, choose its column above.")
                         .replace("%1", "、".join(missing) if self.ctx.lang.startswith("zh") else ", ".join(missing)))
        if p.previous_import is not None:
            lines.append(self.ctx.describe(ai.already_imported_error(p.previous_import)))
        if self.result is not None:
            lines.append(self.tr("%n row(s) imported as expected arrivals.", "", self.result.imported))
        self.info_label.setText(" ".join(lines))

    # -- the mapping -----------------------------------------------------------
    def set_column(self, field_name: str, column: int | None) -> None:
        """Map ``field_name`` to a 0-based column (None: not in this file), as the user does."""
        combo = self._combos[field_name]
        combo.setCurrentIndex(combo.findData(column) if column is not None else 0)
        self._mapping_chosen(field_name)

    def _mapping_chosen(self, field_name: str) -> None:
        self._user_mapping[field_name] = self._combos[field_name].currentData()
        if self._rows is not None and self.result is None:
            self._build_preview()

    def reset_mapping(self) -> None:
        self._user_mapping = {}
        if self._rows is not None and self.result is None:
            self._build_preview()

    # -- actions ---------------------------------------------------------------
    def _filter_changed(self, _index: int) -> None:
        self.model.set_filter(self.filter_combo.currentData())

    def import_rows(self) -> ai.ImportResult | None:
        if self.preview is None or self.result is not None:
            return None
        ok, result = self.ctx.run(self, ai.import_arrivals, self.ctx.db, self.preview,
                                  self.ctx.actor, self.ctx.now())
        if not ok:
            return None
        self.result = result
        self._show_info()
        self._update_state()
        self.imported.emit(result.imported)
        return result

    def save_refused(self, path=None) -> Path | None:
        if self.preview is None or not self.preview.refused:
            return None
        if path is None:
            settings = QSettings()
            folder = settings.value(_LAST_FOLDER, str(Path.home()))
            suggested = Path(folder) / (self.tr("refused-%1").replace("%1", self.path.stem) + ".xlsx")
            name, _ = QFileDialog.getSaveFileName(self, self.tr("Save refused rows"), str(suggested),
                                                  self.tr("Excel workbook (*.xlsx)"))
            if not name:
                return None
            path = name if name.lower().endswith(".xlsx") else name + ".xlsx"
        try:
            write_refused_rows(path, self.preview.headers, self.preview.refused, self.ctx.lang)
        except DomainError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), self.ctx.describe(exc))
            return None
        return Path(path)

    def open_bulk_check_in(self) -> int | None:
        from .bulk_checkin import BulkCheckInDialog
        stay_ids = list(self.result.stay_ids) if self.result is not None else None
        return BulkCheckInDialog.ask(self, self.ctx, stay_ids=stay_ids)

    def _close(self) -> None:
        if self.result is not None:
            self.accept()
        else:
            self.reject()

    def _update_state(self) -> None:
        p = self.preview
        done = self.result is not None
        valid = p.count(ai.VALID) if p else 0
        if p is None:
            self.summary_label.setText("")
        else:
            self.summary_label.setText(
                self.tr("%n row(s) read: %1 valid, %2 refused, %3 duplicate", "", len(p.rows))
                .replace("%1", str(valid)).replace("%2", str(p.count(ai.INVALID)))
                .replace("%3", str(p.count(ai.DUPLICATE))))
        self.import_button.setText(self.tr("Import %n valid row(s)", "", valid) if not done
                                   else self.tr("Imported"))
        can_import = p is not None and valid > 0 and not done and self.ctx.actor.can("register")
        self.import_button.setEnabled(can_import)
        self.save_refused_button.setEnabled(p is not None and bool(p.refused))
        self.check_in_button.setEnabled(done and bool(self.result.stay_ids) and self.ctx.actor.can("check_in"))
        self.mapping_box.setEnabled(not done)

    # -- entry point -------------------------------------------------------------
    @classmethod
    def ask(cls, parent, ctx, path=None) -> int | None:
        """Show the dialog; the number of people imported, or None when nothing was imported."""
        dialog = cls(ctx, parent)
        if path is not None:
            dialog.load(path)
        dialog.exec()
        return dialog.result.imported if dialog.result is not None else None
