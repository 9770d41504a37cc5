"""A fast reader for the cell values of one xlsx sheet (standard library XML parser).

openpyxl's read-only mode builds a Python cell object for every cell, which made reading a
transfer list of a few thousand rows the slowest step of an import. This module reads
the same values straight from the sheet's XML with ``xml.etree.ElementTree``
(the C parser builds the tree) and returns exactly what ``openpyxl.load_workbook(read_only=True,
data_only=True)`` + ``iter_rows(values_only=True)`` returns: str, int, float, bool,
datetime (or time / timedelta) by the cell's number format, the cached value of a formula,
error strings such as ``#N/A``, blank rows filled in, merged areas holding their value
in the first cell only.

Anything out of the ordinary (the 1904 date system, Strict OOXML namespaces, a sheet that
cannot be found, XML it does not expect) returns ``None``, and the caller falls back to
openpyxl, which then reads the file or raises its usual error. tests/io/test_xlsx_fast.py
compares both readers on generated workbooks.
"""
from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree.ElementTree import parse

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_WORKSHEET_TYPE = "/worksheet"
_COORDINATE = re.compile(r"([A-Z]{1,3})(\d+)")

_C, _ROW, _V, _IS, _SI, _T, _R, _RPH = (_MAIN + t for t in ("c", "row", "v", "is", "si", "t", "r", "rPh"))


class _Unsupported(Exception):
    """The file needs openpyxl."""


def _column_index(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index


def _text_of(node) -> str:
    """Plain text of an <si> or <is>: its <t>, then the <t> of each rich-text run (no phonetics)."""
    parts = []
    for child in node:
        if child.tag == _T:
            parts.append(child.text or "")
        elif child.tag == _R:
            t = child.find(_T)
            if t is not None:
                parts.append(t.text or "")
    return "".join(parts)


def _shared_strings(archive: zipfile.ZipFile, target: str | None) -> list[str]:
    if not target or target not in archive.namelist():
        return []
    with archive.open(target) as handle:
        root = parse(handle).getroot()
    return [_text_of(node).replace("x005F_", "") for node in root.iter(_SI)]


def _date_styles(archive: zipfile.ZipFile, target: str | None) -> tuple[set[int], set[int]]:
    """Indexes of the cell styles whose number format is a date, and a duration."""
    from openpyxl.styles.numbers import builtin_format_code, is_date_format, is_timedelta_format

    if not target or target not in archive.namelist():
        return set(), set()
    with archive.open(target) as handle:
        root = parse(handle).getroot()
    custom = {}
    formats = root.find(_MAIN + "numFmts")
    if formats is not None:
        for fmt in formats.findall(_MAIN + "numFmt"):
            custom[int(fmt.get("numFmtId"))] = fmt.get("formatCode")
    dates, durations = set(), set()
    xfs = root.find(_MAIN + "cellXfs")
    for index, xf in enumerate([] if xfs is None else xfs.findall(_MAIN + "xf")):
        number = int(xf.get("numFmtId", 0))
        code = custom.get(number) if number in custom else builtin_format_code(number)
        if is_date_format(code):
            dates.add(index)
        if is_timedelta_format(code):
            durations.add(index)
    return dates, durations


def _resolve(base: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), target))


def _workbook_parts(archive: zipfile.ZipFile):
    """(sheets in workbook order as (name, type, path), active tab, shared strings path, styles path)."""
    from xml.etree.ElementTree import fromstring

    names = set(archive.namelist())
    workbook_path = None
    root_rels = fromstring(archive.read("_rels/.rels"))
    for rel in root_rels.iter(_PKG_REL + "Relationship"):
        if rel.get("Type", "").endswith("/officeDocument"):
            workbook_path = _resolve("", rel.get("Target"))
    if workbook_path is None or workbook_path not in names:
        raise _Unsupported
    workbook = fromstring(archive.read(workbook_path))
    if not workbook.tag.startswith(_MAIN):
        raise _Unsupported  # Strict OOXML or something else
    properties = workbook.find(_MAIN + "workbookPr")
    if properties is not None and properties.get("date1904") in ("1", "true"):
        raise _Unsupported
    rels_path = posixpath.join(posixpath.dirname(workbook_path), "_rels",
                               posixpath.basename(workbook_path) + ".rels")
    targets, shared, styles = {}, None, None
    for rel in fromstring(archive.read(rels_path)).iter(_PKG_REL + "Relationship"):
        path = _resolve(workbook_path, rel.get("Target", ""))
        kind = rel.get("Type", "")
        targets[rel.get("Id")] = (kind, path)
        if kind.endswith("/sharedStrings"):
            shared = path
        elif kind.endswith("/styles"):
            styles = path
    sheets = []
    container = workbook.find(_MAIN + "sheets")
    for sheet in ([] if container is None else container.findall(_MAIN + "sheet")):
        kind, path = targets.get(sheet.get(_REL + "id"), ("", ""))
        if path in names:
            sheets.append((sheet.get("name"), kind, path))
    active = 0
    views = workbook.find(_MAIN + "bookViews")
    if views is not None:
        view = views.find(_MAIN + "workbookView")
        if view is not None:
            active = int(view.get("activeTab", 0))
    return sheets, active, shared, styles


def _pick(sheets, active: int, sheet):
    worksheets = [s for s in sheets if s[1].endswith(_WORKSHEET_TYPE)]
    if not worksheets:
        raise _Unsupported
    if sheet is None:
        chosen = sheets[active] if 0 <= active < len(sheets) else None
        return chosen if chosen in worksheets else worksheets[0]
    if isinstance(sheet, int):
        if 0 <= sheet < len(worksheets):
            return worksheets[sheet]
        raise _Unsupported  # openpyxl raises the proper error
    for s in worksheets:
        if s[0] == sheet:
            return s
    raise _Unsupported


def _rows(handle, strings: list[str], dates: set[int], durations: set[int]):
    from openpyxl.utils.datetime import WINDOWS_EPOCH, from_ISO8601, from_excel

    # The whole tree is built by the C parser in one call: much cheaper than an event per
    # element through Python, and a sheet of 50,000 rows still fits in memory easily.
    root = parse(handle).getroot()
    if root.tag != _MAIN + "worksheet":
        raise _Unsupported
    data = root.find(_MAIN + "sheetData")
    rows: list[list[object]] = []
    row_counter = 0
    for row in ([] if data is None else data.iter(_ROW)):
        number = row.get("r")
        row_counter = int(number) if number else row_counter + 1
        while len(rows) < row_counter - 1:
            rows.append([])  # rows the file leaves out are blank rows
        values: list[object] = []
        column = 0
        for node in row.iter(_C):
            reference = node.get("r")
            if reference:
                match = _COORDINATE.fullmatch(reference)
                if match is None:
                    raise _Unsupported
                column = _column_index(match.group(1))
            else:
                column += 1
            kind = node.get("t", "n")
            if kind == "inlineStr":
                inline = node.find(_IS)
                value = None if inline is None else _text_of(inline)
            else:
                value = node.findtext(_V) or None
                if value is not None:
                    if kind == "s":
                        value = strings[int(value)]
                    elif kind == "n":
                        value = float(value) if ("." in value or "E" in value or "e" in value) else int(value)
                        style = node.get("s")
                        if style and int(style) in dates:
                            try:
                                value = from_excel(value, WINDOWS_EPOCH, timedelta=int(style) in durations)
                            except (OverflowError, ValueError):
                                value = "#VALUE!"
                    elif kind == "b":
                        value = bool(int(value))
                    elif kind == "d":
                        value = from_ISO8601(value)
                    elif kind not in ("str", "e"):
                        raise _Unsupported
            if column > len(values):
                values.extend([None] * (column - len(values)))
            values[column - 1] = value
        rows.append(values)
    return rows


def read_sheet_values(path: str | Path, sheet: str | int | None = None) -> list[list[object]] | None:
    """The values of one sheet as lists (row 1 first), or None when openpyxl must read it."""
    try:
        with zipfile.ZipFile(path) as archive:
            sheets, active, shared, styles = _workbook_parts(archive)
            _, _, target = _pick(sheets, active, sheet)
            strings = _shared_strings(archive, shared)
            dates, durations = _date_styles(archive, styles)
            with archive.open(target) as handle:
                return _rows(handle, strings, dates, durations)
    except Exception:  # noqa: BLE001 - any surprise: let openpyxl read it or explain why not
        return None
