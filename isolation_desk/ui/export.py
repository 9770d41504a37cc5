"""Export what a table screen shows (after its filters and sorting) to xlsx or csv.

Every table screen calls one of two functions from its "Export…" button::

    from ..export import export_model, export_table

    export_model(self, self.view.model(), self.tr("occupants"))          # what the view shows
    export_table(self, headers, rows, self.tr("occupants"))              # or your own rows

Both ask for a file name (xlsx by default, csv on request), write it through
``io.spreadsheet`` (text cells stay text, so an ID number keeps its 18 characters) and
return the path written, or ``None`` when the user cancelled or the write failed (the
user has then been told why, in words). The folder last used is remembered.

Tests avoid the file dialog by passing ``path=``, or by monkeypatching
``isolation_desk.ui.export.ask_save_path``.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..domain.errors import DomainError
from ..io.spreadsheet import write_csv, write_xlsx
from ..messages import describe

_SETTINGS_KEY = "export/last_folder"
_DISPLAY = int(Qt.DisplayRole)



def write_table(path: str | Path, headers: Sequence[str], rows: Sequence[Sequence[object]],
                sheet_title: str = "Sheet1", made_by: str | None = None) -> Path:
    """Write ``rows`` to ``path``: csv when the name ends in .csv, otherwise xlsx.

    Raises ``SpreadsheetError`` (``file_unwritable``) when the file cannot be written.
    """
    path = Path(path)
    if path.suffix.lower() == ".csv":
        write_csv(path, list(headers), rows, made_by=made_by)
    else:
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        write_xlsx(path, list(headers), rows, sheet_title=sheet_title, made_by=made_by)
    return path


def model_contents(model, columns: Sequence[int] | None = None) -> tuple[list[str], list[list[str]]]:
    """Header texts and display texts of every row of a Qt table model, in view order."""
    count = model.columnCount()
    cols = list(range(count)) if columns is None else list(columns)
    headers = [str(model.headerData(c, Qt.Horizontal, _DISPLAY) or "") for c in cols]
    rows = []
    for r in range(model.rowCount()):
        values = []
        for c in cols:
            value = model.data(model.index(r, c), _DISPLAY)
            values.append("" if value is None else value)
        rows.append(values)
    return headers, rows


def suggested_file_name(name: str, today: date | None = None) -> str:
    """'occupants' -> 'occupants-2022-11-20.xlsx' (characters Windows refuses become '_')."""
    safe = "".join("_" if ch in '<>:"/\\|?*' else ch for ch in (name or "export")).strip() or "export"
    stamp = (today or date.today()).isoformat()
    return f"{safe}-{stamp}.xlsx"


def ask_save_path(parent: QWidget | None, suggested_name: str) -> Path | None:
    """The file dialog: xlsx or csv, starting in the folder used last time."""
    settings = QSettings()
    folder = settings.value(_SETTINGS_KEY, str(Path.home()))
    xlsx_filter = QCoreApplication.translate("export", "Excel workbook (*.xlsx)")
    csv_filter = QCoreApplication.translate("export", "CSV, UTF-8 (*.csv)")
    name, chosen = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("export", "Export table"), str(Path(folder) / suggested_name),
        ";;".join((xlsx_filter, csv_filter)), xlsx_filter)
    if not name:
        return None
    path = Path(name)
    if chosen == csv_filter and path.suffix.lower() != ".csv":
        path = path.with_suffix(".csv")
    elif chosen != csv_filter and path.suffix.lower() not in (".xlsx", ".csv"):
        path = path.with_name(path.name + ".xlsx")
    settings.setValue(_SETTINGS_KEY, str(path.parent))
    return path


def export_table(parent: QWidget | None, headers: Sequence[str], rows: Sequence[Sequence[object]],
                 suggested_name: str, *, path: str | Path | None = None,
                 lang: str | None = None, made_by: str | None = None) -> Path | None:
    """Ask where to save (unless ``path`` is given) and write the table. Returns the path or None.
    ``made_by``: who made the export (csv first line, xlsx document properties)."""
    if path is None:
        path = ask_save_path(parent, suggested_file_name(suggested_name))
        if path is None:
            return None
    try:
        return write_table(path, headers, rows, sheet_title=suggested_name or "Sheet1", made_by=made_by)
    except DomainError as exc:
        QMessageBox.warning(parent, QCoreApplication.translate("export", "Export failed"), describe(exc, lang))
        return None


def export_model(parent: QWidget | None, model, suggested_name: str, *,
                 columns: Sequence[int] | None = None, path: str | Path | None = None,
                 lang: str | None = None, made_by: str | None = None) -> Path | None:
    """Export what a table model shows (its current rows, in its current order)."""
    headers, rows = model_contents(model, columns)
    return export_table(parent, headers, rows, suggested_name, path=path, lang=lang, made_by=made_by)
