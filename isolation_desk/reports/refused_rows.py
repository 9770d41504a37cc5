"""The refused rows of a transfer list, with their reasons, as a workbook to send back.

The arrivals import (``services.arrivals_import``) gives the refused rows with reason codes;
the words come from ``messages.imports``. Used by the import window and the command line.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

from ..domain.errors import DomainError
from ..io.spreadsheet import write_xlsx
from ..messages.imports import refused_sheet_words, row_reasons, status_words


class RefusedRow(Protocol):
    """A refused row as the import read it (services.arrivals_import.PreviewRow)."""

    @property
    def row(self) -> int: ...  # the row number Excel shows

    @property
    def status(self) -> str: ...

    @property
    def errors(self) -> Mapping[str, DomainError]: ...  # sheet field -> reason

    @property
    def values(self) -> Sequence[object]: ...  # the whole row as the file had it


def refused_rows_table(headers: Sequence[str], rows: Sequence[RefusedRow],
                       lang: str) -> tuple[list[str], list[list[object]]]:
    """The refused rows with their reasons, then the row as the file had it (``headers``: the
    file's header row)."""
    zh = lang.startswith("zh")
    head = [refused_sheet_words(k, lang) for k in ("row", "status", "reasons")]
    head += [h or refused_sheet_words("column", lang, n=i + 1) for i, h in enumerate(headers)]
    body = []
    for r in rows:
        values = list(r.values) + [None] * max(0, len(headers) - len(r.values))
        body.append([r.row, status_words(r.status, lang),
                     ("；" if zh else "; ").join(row_reasons(r.errors, lang))] + values)
    return head, body


def write_refused_rows(path: str | Path, headers: Sequence[str], rows: Sequence[RefusedRow], lang: str) -> int:
    """Write an xlsx of the refused rows and why; returns how many rows it holds."""
    head, body = refused_rows_table(headers, rows, lang)
    write_xlsx(path, head, body, sheet_title=refused_sheet_words("sheet", lang))
    return len(body)
