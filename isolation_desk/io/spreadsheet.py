"""Reading and writing the spreadsheets that arrive at and leave the site office.

One reader serves every import (arrivals lists from the district, result sheets from
the lab), one pair of writers serves every export. No Qt and no SQL here: callers
get plain Python values and reason codes.

Reading keeps Excel's row numbers (1-based, blank rows counted) so that a message
such as "row 14: ID checksum" points at the row the user sees in Excel.
"""
from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from isolation_desk.domain.cells import normalize_text
from isolation_desk.domain.errors import DomainError

__all__ = [
    "FIELD_ALIASES",
    "HEADER_SEARCH_ROWS",
    "Header",
    "Row",
    "SpreadsheetError",
    "find_header",
    "read_rows",
    "write_csv",
    "write_xlsx",
]


class SpreadsheetError(DomainError):
    """A file that cannot be read or written as a table (codes ``file_*``, ``xls_unsupported``,
    ``header_not_found``)."""


Row = tuple[int, list[object]]
"""One row as read: (row number as Excel shows it, cell values without trailing blanks)."""

_XLSX_SUFFIXES = {".xlsx", ".xlsm", ".xltx", ".xltm"}
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, and also password-protected .xlsx
_CSV_DELIMITERS = (",", "\t", ";")  # order breaks ties: comma is the common case
_SNIFF_LINES = 20

# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _trim(values: Sequence[object]) -> list[object]:
    """Drop trailing blank cells; a blank row becomes []."""
    end = len(values)
    while end and _is_blank(values[end - 1]):
        end -= 1
    return list(values[:end])


def _number_rows(rows: Iterable[Sequence[object]]) -> list[Row]:
    """Attach 1-based row numbers, trim each row, drop trailing blank rows."""
    numbered = [(number, _trim(values)) for number, values in enumerate(rows, start=1)]
    while numbered and not numbered[-1][1]:
        numbered.pop()
    if not numbered:
        raise SpreadsheetError("file_empty")
    return numbered


# Hostile files: a list of people is at most tens of thousands of rows. Past these limits a
# file is refused in words before it is parsed (a small xlsx that expands a hundredfold
# otherwise costs minutes of CPU before "no header row"). The zip-level check stays whatever
# parses the sheet.
MAX_ROWS = 100_000
MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024   # all parts of an xlsx, as they expand
MAX_CSV_BYTES = 64 * 1024 * 1024
MAX_FIELD_CHARS = 128 * 1024  # the csv module's own field limit


def _too_large(path: Path, what: str, limit: str) -> SpreadsheetError:
    code = "spreadsheet_too_many_rows" if what == "rows" else "spreadsheet_too_large"
    return SpreadsheetError(code, file=path.name, limit=limit)


def _check_xlsx_size(path: Path) -> None:
    """Refuse a workbook whose parts expand past MAX_UNCOMPRESSED_BYTES or whose sheets
    hold more than MAX_ROWS rows, reading the zip as a stream (the sizes a zip declares
    are not trusted: the bytes are counted as they expand)."""
    import zipfile
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _unreadable(exc) from exc
    with archive:
        infos = archive.infolist()
        if sum(i.file_size for i in infos) > MAX_UNCOMPRESSED_BYTES:
            raise _too_large(path, "size", f"{MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB")
        expanded = 0
        for info in infos:
            if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
                continue
            rows, tail = 0, b""
            try:
                with archive.open(info) as part:
                    while chunk := part.read(1 << 20):
                        expanded += len(chunk)
                        if expanded > MAX_UNCOMPRESSED_BYTES:
                            raise _too_large(path, "size", f"{MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB")
                        both = tail + chunk
                        rows += both.count(b"<row") - tail.count(b"<row")
                        if rows > MAX_ROWS:
                            raise _too_large(path, "rows", f"{MAX_ROWS:,}")
                        tail = chunk[-4:]
            except SpreadsheetError:
                raise
            except Exception as exc:  # BadZipFile, zlib.error, NotImplementedError (method)
                raise _unreadable(exc) from exc


def _unreadable(exc: BaseException) -> SpreadsheetError:
    return SpreadsheetError("file_unreadable", detail=f"{type(exc).__name__}: {exc}")


_MAX_EXACT_FLOAT = 2 ** 53


def _active_xlsx_sheet(path: Path) -> int | None:
    """The sheet that opens first in Excel (workbook.xml's activeTab), for xlsx/xlsm."""
    import re as _re
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            head = archive.read("xl/workbook.xml")[:20000].decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile, OSError):
        return None
    match = _re.search(r'<(?:\w+:)?workbookView\b[^>]*\bactiveTab="(\d+)"', head)
    return int(match.group(1)) if match else None


def _cell(value: object) -> object:
    """calamine's values as the importers expect them: an empty cell is None; a whole number
    that a float can hold exactly is an int (13800138001, not 13800138001.0), as Excel shows
    it. Larger floats stay floats, so an ID number stored as a number is still recognised
    (its last digits are gone) and refused in words. Dates come as ``date`` (a date-only
    cell), ``datetime`` (with a time), ``time`` or ``timedelta``."""
    if value == "":
        return None
    if type(value) is float and value.is_integer() and abs(value) < _MAX_EXACT_FLOAT:
        return int(value)
    return value


def _read_workbook(path: Path, sheet: str | int | None, *, zipped: bool) -> list[list[object]]:
    """xlsx, xlsm, xls and ods through calamine (Rust): cached formula values, merged areas
    holding their value in the first cell, rows from A1 (blank rows kept)."""
    from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    if zipped:
        _check_xlsx_size(path)  # before calamine unpacks anything
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except CalamineError as exc:
        if type(exc).__name__ == "PasswordError":
            raise SpreadsheetError("file_unreadable", detail="password_protected") from exc
        raise _unreadable(exc) from exc
    except Exception as exc:  # calamine raises plain errors on damaged XML or records
        raise _unreadable(exc) from exc
    try:
        worksheets = [m.name for m in workbook.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet] \
            or list(workbook.sheet_names)
        if sheet is None:
            active = _active_xlsx_sheet(path) if zipped else None
            names = list(workbook.sheet_names)
            if active is not None and active < len(names) and names[active] in worksheets:
                name = names[active]
            else:
                visible = [m.name for m in workbook.sheets_metadata
                           if m.name in worksheets and m.visible == SheetVisibleEnum.Visible]
                name = (visible or worksheets)[0]
        elif isinstance(sheet, int):
            if not 0 <= sheet < len(worksheets):
                raise SpreadsheetError("sheet_not_found", sheet=sheet, sheets=list(workbook.sheet_names))
            name = worksheets[sheet]
        elif sheet in workbook.sheet_names:
            name = sheet
        else:
            raise SpreadsheetError("sheet_not_found", sheet=sheet, sheets=list(workbook.sheet_names))
        rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        return [[_cell(v) for v in row] for row in rows]
    except SpreadsheetError:
        raise
    except Exception as exc:
        raise _unreadable(exc) from exc
    finally:
        workbook.close()


def _decode(data: bytes) -> str:
    """Text of a CSV file: BOM first, then UTF-8, then GB18030 (a superset of GBK/GB2312).

    Chinese Excel saves "CSV" in GBK; WPS and web systems save UTF-8 with or without BOM;
    Excel's "Unicode text" is UTF-16 with a BOM.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SpreadsheetError("file_unreadable", detail="unknown_encoding")


def _sniff_delimiter(text: str) -> str:
    """The delimiter that splits the most of the first lines into several fields.

    Counting lines rather than characters copes with a title line that has no
    delimiter and with addresses that contain a stray comma in a tab-separated file.
    """
    lines = [line for line in text.splitlines() if line.strip()][:_SNIFF_LINES]

    def score(delimiter: str) -> tuple[int, int]:
        counts = [len(fields) for fields in csv.reader(lines, delimiter=delimiter)]
        return sum(1 for count in counts if count > 1), max(counts, default=0)

    # max() keeps the first of equal scores, so the tuple order is the tie-break.
    return max(_CSV_DELIMITERS, key=score)


def _read_csv(data: bytes) -> list[list[object]]:
    try:
        text = _decode(data)
    except UnicodeDecodeError as exc:
        raise _unreadable(exc) from exc
    try:
        delimiter = _sniff_delimiter(text)
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise SpreadsheetError("field_too_long", limit=f"{MAX_FIELD_CHARS:,}") from exc
        raise _unreadable(exc) from exc
    # Empty text is "no value", as an empty Excel cell is None.
    return [[value if value != "" else None for value in row] for row in rows]


def read_rows(path: str | os.PathLike, sheet: str | int | None = None) -> list[Row]:
    """Read a table: ``[(row_number, values), ...]`` with Excel's 1-based row numbers.

    xlsx, xlsm, xls and ods via calamine (cached formula values; cells as str, int, float,
    bool, date, datetime, time); csv/txt/tsv as text with the encoding (UTF-8 with or
    without BOM, UTF-16, GBK/GB18030) and delimiter detected. Blank rows inside
    the table are kept as ``[]``; trailing blank rows and cells are dropped.
    The format is decided by the file's first bytes, not only its name, because
    web systems often export text or renamed files as ".xls".

    Codes: ``xls_unsupported`` (an HTML page saved as .xls), ``file_empty``, ``file_unreadable`` (``detail``),
    ``sheet_not_found``.
    """
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise _unreadable(exc) from exc
    suffix = path.suffix.lower()
    if not head:
        raise SpreadsheetError("file_empty")
    if head.startswith(_OLE_MAGIC):
        if suffix in _XLSX_SUFFIXES:  # an encrypted workbook is an OLE container too
            raise SpreadsheetError("file_unreadable", detail="password_protected")
        return _capped(path, _number_rows(_read_workbook(path, sheet, zipped=False)))  # .xls (BIFF8)
    if head.startswith(_ZIP_MAGIC):
        return _capped(path, _number_rows(_read_workbook(path, sheet, zipped=True)))  # xlsx, xlsm, ods
    if suffix == ".xls" and head.lstrip().startswith(b"<"):
        raise SpreadsheetError("xls_unsupported")  # an HTML page saved as .xls
    try:
        if path.stat().st_size > MAX_CSV_BYTES:
            raise _too_large(path, "size", f"{MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB")
        data = path.read_bytes()
    except OSError as exc:
        raise _unreadable(exc) from exc
    try:
        return _capped(path, _number_rows(_read_csv(data)))
    except SpreadsheetError as exc:
        if exc.code == "field_too_long":
            exc.params["file"] = path.name
        raise


def _capped(path: Path, rows: list[Row]) -> list[Row]:
    if len(rows) > MAX_ROWS:
        raise _too_large(path, "rows", f"{MAX_ROWS:,}")
    return rows


# ---------------------------------------------------------------------------
# Header detection
# ---------------------------------------------------------------------------

HEADER_SEARCH_ROWS = 20

FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "名字", "name", "full name"),
    "id_type": ("证件类型", "id type", "document type"),
    "id_number": ("身份证号", "身份证号码", "证件号码", "证件号", "身份证", "id number", "id no", "id",
                  "document number"),
    "sex": ("性别", "sex", "gender"),
    "phone": ("联系电话", "手机号", "手机号码", "电话", "电话号码", "phone", "mobile"),
    "category": ("人员类别", "类别", "人员类型", "category"),
    "last_exposure": ("末次暴露时间", "末次接触时间", "末次暴露日期", "末次接触日期", "last exposure"),
    "arrival": ("入境时间", "抵达时间", "到达时间", "入境日期", "抵达日期", "arrival"),
    "origin": ("来源", "来源地区", "来源地", "origin"),
    "notes": ("备注", "notes", "remark", "remarks"),
    "registered_address": ("户籍地址", "户籍地", "registered address"),
    "current_address": ("现住址", "现居住地址", "现居住地", "current address"),
    "destination": ("去往街镇", "去往社区", "目的地社区", "destination"),
    "sampled_at": ("采样时间", "采样日期", "sampling time", "sampled at"),
    "result": ("检测结果", "结果", "核酸结果", "核酸检测结果", "result"),
    "test_kind": ("检测类型", "检测方式", "test type", "test kind"),
    "lab": ("检测机构", "实验室", "lab", "laboratory"),
    "room": ("房间号", "房号", "房间", "room"),
}

# "(必填)", "（18位）", "[yyyy-mm-dd]", "【必填】": hints and units, not the column's name.
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]|【[^】]*】|〔[^〕]*〕")
_HEADER_NOISE = re.compile(r"[\s*_\-.:：#]")


def header_key(text: object) -> str:
    """A header cell reduced for comparison: "* 身份证号码（必填）" -> "身份证号码", "ID No." -> "idno"."""
    cleaned = normalize_text(text).lower()  # also folds full-width brackets and "＊"
    return _HEADER_NOISE.sub("", _BRACKETED.sub("", cleaned))


@dataclass(frozen=True)
class Header:
    """The header row of a table: where it is and which column holds which field."""

    row_number: int
    columns: dict[str, int]  # field -> 0-based column index
    unmapped: list[str] = field(default_factory=list)  # header texts no field claimed

    def get(self, values: Sequence[object], field_name: str, default: object = None) -> object:
        """The value of ``field_name`` in a data row (rows are trimmed, so may be short)."""
        index = self.columns.get(field_name)
        if index is None or index >= len(values):
            return default
        return values[index]


def _alias_index(aliases: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """Normalized alias -> field; the field's own code counts as an alias ("id_number")."""
    index: dict[str, str] = {}
    for field_name, names in aliases.items():
        for name in (field_name, *names):
            index.setdefault(header_key(name), field_name)
    return index


def _auto_columns(keys: list[str], alias_index: Mapping[str, str]) -> dict[str, int]:
    """Field -> column by alias; the leftmost column wins when two columns claim a field."""
    columns: dict[str, int] = {}
    for column, key in enumerate(keys):
        field_name = alias_index.get(key) if key else None
        if field_name and field_name not in columns:
            columns[field_name] = column
    return columns


def _apply_overrides(columns: dict[str, int], keys: list[str],
                     overrides: Mapping[str, int | str | None]) -> dict[str, int]:
    """The user's own mapping beats the aliases; a column serves one field only.

    An override is a 0-based column index, a header text (must be present in this
    row), or None to leave the field unmapped.
    """
    result = dict(columns)
    for field_name, target in overrides.items():
        result.pop(field_name, None)
        if target is None:
            continue
        if isinstance(target, bool) or not isinstance(target, (int, str)):
            raise SpreadsheetError("column_override_invalid", field=field_name, column=repr(target))
        if isinstance(target, int):
            if target < 0:
                raise SpreadsheetError("column_override_invalid", field=field_name, column=target)
            column = target
        else:
            wanted = header_key(target)
            if not wanted or wanted not in keys:
                continue  # not this row: another row may be the header
            column = keys.index(wanted)
        for other, other_column in list(result.items()):
            if other_column == column:
                del result[other]
        result[field_name] = column
    return result


def find_header(rows: Sequence[Row], required: Sequence[str] = ("name", "id_number"),
                aliases: Mapping[str, Sequence[str]] = FIELD_ALIASES,
                overrides: Mapping[str, int | str | None] | None = None) -> Header:
    """The first of the first 20 rows that maps every required field.

    Title rows above the header (a merged cell reads as a value in its first column)
    map nothing and are skipped. Raises ``header_not_found`` with ``required`` and,
    from the row that came closest, ``missing`` and ``best_row``.
    """
    alias_index = _alias_index(aliases)
    best: tuple[int, int, list[str]] | None = None  # (fields found, row number, missing)
    for row_number, values in list(rows)[:HEADER_SEARCH_ROWS]:
        keys = [header_key(value) if not _is_blank(value) else "" for value in values]
        columns = _apply_overrides(_auto_columns(keys, alias_index), keys, overrides or {})
        missing = [name for name in required if name not in columns]
        if not missing and any(keys):
            claimed = set(columns.values())
            unmapped = [normalize_text(values[i]) for i, key in enumerate(keys) if key and i not in claimed]
            return Header(row_number=row_number, columns=columns, unmapped=unmapped)
        found = len(required) - len(missing)
        if any(keys) and (best is None or found > best[0]):
            best = (found, row_number, missing)
    params: dict[str, object] = {"required": list(required)}
    if best is not None:
        params.update(missing=best[2], best_row=best[1])
    raise SpreadsheetError("header_not_found", **params)


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------

# Excel runs a cell that starts with one of these as a formula (CSV injection);
# a name typed as "=HYPERLINK(...)" must stay text in every export.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _atomic_write(path: Path, write) -> None:
    """Write whole or not at all through ``io.atomic.atomic_write``: a temporary file (0600)
    beside ``path``, renamed into place. A failed export (disk full, file open in Excel on
    Windows) leaves the old file intact instead of a half-written one."""
    from .atomic import atomic_write
    atomic_write(path, write, error=SpreadsheetError)


def neutralise(text: str) -> str:
    """OWASP's rule against formula injection: a text that a spreadsheet would run as a
    formula (it begins with = + - @, tab or CR) gets a leading single quote, so it is shown
    as text and never run; plain numbers such as -5 stay as they are."""
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def export_mark(made_by: str, made_at: datetime) -> str:
    """The line that says who made an export of personal data and when (csv's first line,
    xlsx's document description)."""
    return f"导出 Exported by {made_by} · {made_at.isoformat(sep=' ', timespec='minutes')}"


def _sheet_title(title: str) -> str:
    cleaned = _SHEET_TITLE_FORBIDDEN.sub("_", str(title)).strip("'")[:31]
    return cleaned or "Sheet1"


def _xlsx_value(value: object) -> object:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None or isinstance(value, (bool, int, float, datetime, date, time)):
        return value
    # Control characters make openpyxl refuse the whole file; they carry no meaning here.
    return neutralise(ILLEGAL_CHARACTERS_RE.sub("", str(value)))


def _display_width(value: object) -> int:
    """Rough column width: CJK characters are about two Latin characters wide."""
    text = value.isoformat(sep=" ") if isinstance(value, datetime) else str(value if value is not None else "")
    return sum(2 if ord(char) > 0x2E80 else 1 for char in text)


def _fill_sheet(worksheet, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    widths = [_display_width(h) for h in headers]
    for column, text in enumerate(headers, start=1):
        worksheet.cell(row=1, column=column, value=_xlsx_value(text)).font = Font(bold=True)
    for row_number, values in enumerate(rows, start=2):
        for column, raw in enumerate(values, start=1):
            cell = worksheet.cell(row=row_number, column=column, value=_xlsx_value(raw))
            if isinstance(cell.value, str):
                # Text format keeps ID and phone numbers as typed if the user edits the cell;
                # data_type "s" stops openpyxl from storing "=..." as a live formula.
                cell.data_type = "s"
                cell.number_format = "@"
            elif isinstance(raw, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            if column > len(widths):
                widths.append(0)
            widths[column - 1] = max(widths[column - 1], _display_width(raw))
    for column, width in enumerate(widths, start=1):
        worksheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 6), 60)
    worksheet.freeze_panes = "A2"


def write_xlsx(path: str | os.PathLike, headers: Sequence[str], rows: Iterable[Sequence[object]],
               sheet_title: str = "Sheet1", *, made_by: str | None = None,
               made_at: datetime | None = None) -> None:
    """Write one sheet: bold frozen header row, strings stored as text (number format "@"),
    formulas neutralised (``neutralise``).

    Strings stay strings, so an ID number written as text opens in Excel with all 18
    characters. ``made_by``/``made_at`` (exports of personal data) go into the document's
    properties: creator, last modified by, created, and the description ``export_mark``.
    Codes: ``file_unwritable``.
    """
    from openpyxl import Workbook

    workbook = Workbook()
    if made_by:
        made_at = made_at or datetime.now().replace(microsecond=0)
        props = workbook.properties
        props.creator = props.lastModifiedBy = made_by
        props.created = props.modified = made_at
        props.description = export_mark(made_by, made_at)
    worksheet = workbook.active
    worksheet.title = _sheet_title(sheet_title)
    _fill_sheet(worksheet, headers, rows)
    _atomic_write(Path(path), lambda target: workbook.save(target))


def _csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return neutralise(str(value))


def write_csv(path: str | os.PathLike, headers: Sequence[str], rows: Iterable[Sequence[object]],
              *, made_by: str | None = None, made_at: datetime | None = None) -> None:
    """Write a CSV in UTF-8 with a BOM, so that Excel on a Chinese Windows shows the characters.

    Note that Excel still turns long digit strings (ID numbers) into numbers when it
    opens a CSV; exports that carry ID numbers should prefer :func:`write_xlsx`.
    ``made_by``/``made_at`` (exports of personal data): a first line ``export_mark`` above
    the column headers (``find_header`` skips it when the file is read back).
    Codes: ``file_unwritable``.
    """
    def write(target: Path) -> None:
        with open(target, "w", encoding="utf-8-sig", newline="") as handle:
            write_csv_rows(handle, headers, rows, made_by=made_by, made_at=made_at)

    _atomic_write(Path(path), write)


def write_csv_rows(handle, headers: Sequence[str], rows: Iterable[Sequence[object]], *,
                   made_by: str | None = None, made_at: datetime | None = None) -> None:
    """The csv rows (formulas neutralised) onto an open text file: a file or standard output."""
    writer = csv.writer(handle)
    if made_by:
        writer.writerow([export_mark(made_by, made_at or datetime.now().replace(microsecond=0))])
    writer.writerow([_csv_value(h) for h in headers])
    writer.writerows([_csv_value(v) for v in row] for row in rows)

