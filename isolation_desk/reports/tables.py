"""Ordinary tables: long tables in chunks of platypus Tables (``data_table``), tick boxes.

Documents hand over rows of plain values; short cells stay plain strings, long ones and those
needing a fallback glyph become wrapping Paragraphs. For thousands of rows of plain text see
fast_table.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle
from reportlab.platypus.tables import CellStyle

from .fonts import FontChoice, covers
from .styles import GRID_COLOUR, HEADER_BACKGROUND, RULE_COLOUR, ZEBRA_BACKGROUND, font_of, markup

# A tick box as a character; WenQuanYi and STSong-Light have it, but its size differs between
# fonts: tick-box columns should prefer check_box(), which draws the square.
CHECK_BOX_CHAR = "\u25a1"  # □


class CheckBox(Flowable):
    """A drawn square for tick-box columns (same size whatever the font); ticked if checked."""

    def __init__(self, size: float = 3.2 * mm, checked: bool = False, line_width: float = 0.6):
        super().__init__()
        self.size = size
        self.checked = checked
        self.line_width = line_width
        self.hAlign = "CENTER"

    def wrap(self, aW, aH):
        return self.size, self.size

    def draw(self):
        c, s = self.canv, self.size
        c.saveState()
        c.setLineWidth(self.line_width)
        c.rect(0, 0, s, s, stroke=1, fill=0)
        if self.checked:
            path = c.beginPath()
            path.moveTo(0.2 * s, 0.5 * s)
            path.lineTo(0.42 * s, 0.22 * s)
            path.lineTo(0.82 * s, 0.8 * s)
            c.setLineWidth(self.line_width * 1.6)
            c.drawPath(path, stroke=1, fill=0)
        c.restoreState()


def check_box(checked: bool = False, size: float = 3.2 * mm) -> CheckBox:
    return CheckBox(size=size, checked=checked)


PAD_H = 3
PAD_V = 2


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _cell(value: Any, width: float, font: FontChoice, style: ParagraphStyle,
          bold: bool = False) -> Any:
    """A plain string when it fits on one line (fast); a wrapping Paragraph otherwise."""
    if isinstance(value, (Flowable, list, tuple)):
        return value
    text = cell_text(value)
    if not text:
        return ""
    if not covers(font, text):
        return Paragraph(markup(font, text, bold=bold), style)
    if "\n" in text:
        return Paragraph(escape(text).replace("\n", "<br/>"), style)
    avail = width - 2 * PAD_H
    size = style.fontSize
    # No glyph is wider than 1 em, so len * size bounds the width without measuring.
    if len(text) * size <= avail or stringWidth(text, style.fontName, size) <= avail:
        return text
    return Paragraph(escape(text), style)


def _cell_style_class(name: str, font_name: str, size: float, leading: float,
                      alignment: str) -> type[CellStyle]:
    """Per-column cell defaults as a CellStyle subclass: setting them through TableStyle
    commands would visit every cell of every table (and every split part) again."""
    return type(name, (CellStyle,), {
        "fontname": font_name, "fontsize": size, "leading": leading,
        "leftPadding": PAD_H, "rightPadding": PAD_H,
        "topPadding": PAD_V, "bottomPadding": PAD_V,
        "valign": "MIDDLE", "alignment": alignment,
    })


class _ChunkTable(Table):
    """A platypus Table that keeps the number of rows and the row heights it was made with.
    Table.split makes its parts with the table's own class, so each part of a split says
    which rows it holds and, for the rest, their heights as already measured."""

    def __init__(self, data: list, *args: Any, rowHeights: list | None = None, **kwargs: Any):
        super().__init__(data, *args, rowHeights=rowHeights, **kwargs)
        self.row_count = len(data)
        self.given_heights = rowHeights


class _TableChunk(Flowable):
    """Up to ``chunk`` rows of a long table, laid out as one platypus Table.

    The header row is shown on the first chunk and wherever a chunk begins at the top of a
    frame (a new page), but not where a chunk merely follows the previous one mid-page. When
    a chunk is split, the rest starts the next page, with the header row.
    """

    def __init__(self, header: list, rows: list[list], col_widths: list[float],
                 header_styles: list, body_styles: list, line_cmds: list, header_cmds: list,
                 first: bool, repeat_header: bool, row_offset: int):
        super().__init__()
        self.header = header
        self.rows = rows
        self.col_widths = col_widths
        self.header_styles = header_styles  # one CellStyle per column
        self.body_styles = body_styles
        self.line_cmds = line_cmds
        self.header_cmds = header_cmds
        self.first = first
        self.repeat_header = repeat_header
        self.row_offset = row_offset  # index of rows[0] in the whole table (zebra parity)
        self._tables: dict[bool, _ChunkTable] = {}
        self._current: _ChunkTable | None = None

    def _show_header(self, aH: float) -> bool:
        if not self.header:
            return False
        if self.first:
            return True
        if not self.repeat_header:
            return False
        return self._at_frame_top(aH)

    def _at_frame_top(self, aH: float) -> bool:
        """Whether nothing stands above this chunk in the body frame: the frame's whole height
        is available. build_pdf's canvas knows that height; elsewhere (a chunk wrapped outside
        build_pdf, or inside KeepTogether) every place counts as the top."""
        full = getattr(getattr(self, "canv", None), "body_height", None)
        return full is None or aH >= full - 1e-6

    def _make_table(self, rows: list[list], with_header: bool, row_offset: int,
                    row_heights: list | None = None) -> _ChunkTable:
        n_head = 1 if with_header else 0
        zebra = [colors.white, ZEBRA_BACKGROUND]
        if row_offset % 2:
            zebra.reverse()
        cmds = list(self.line_cmds)
        if rows:
            cmds.append(("ROWBACKGROUNDS", (0, n_head), (-1, -1), zebra))
        if with_header:
            cmds.extend(self.header_cmds)
        data = ([self.header] if with_header else []) + rows
        cell_styles = ([self.header_styles] if with_header else []) + [self.body_styles] * len(rows)
        return _ChunkTable(data, colWidths=self.col_widths, rowHeights=row_heights,
                           repeatRows=n_head if self.repeat_header else 0, style=TableStyle(cmds),
                           cellStyles=cell_styles, hAlign="LEFT")

    def _cached_table(self, with_header: bool) -> _ChunkTable:
        table = self._tables.get(with_header)
        if table is None:
            table = self._tables[with_header] = self._make_table(self.rows, with_header,
                                                                 self.row_offset)
        return table

    def wrap(self, aW, aH):
        self._current = self._cached_table(self._show_header(aH))
        self.width, self.height = self._current.wrapOn(self.canv, aW, aH)
        return self.width, self.height

    def split(self, aW, aH):
        with_header = self._show_header(aH)
        table = self._cached_table(with_header)
        parts = table.splitOn(self.canv, aW, aH)
        if len(parts) < 2 or with_header or not self.repeat_header:
            # reportlab's own split repeats the header row (repeatRows) and keeps row heights
            return parts
        # This chunk began mid-page without a header; its rest starts the next page and needs one.
        head, tail = parts[0], parts[-1]
        taken = head.row_count
        known_heights = list(getattr(tail, "given_heights", None) or [])
        rest_heights = [None] + known_heights if len(known_heights) == len(self.rows) - taken else None
        rest = self._make_table(self.rows[taken:], True, self.row_offset + taken, rest_heights)
        return [head, rest]

    def draw(self):
        self._current.drawOn(self.canv, 0, 0)


def data_table(header: list[str], rows: Sequence[Sequence[Any]], col_widths: Sequence[float],
               style_dict: dict, repeat_header: bool = True, chunk: int = 200,
               align: Sequence[str] | None = None) -> list[Flowable]:
    """A long table as flowables of at most ``chunk`` rows each (one long platypus Table
    builds super-linearly), header row repeated on every page, grid lines, zebra rows.

    Cells may be strings, numbers, dates, None (blank) or flowables (e.g. check_box()).
    Short cells stay plain strings (fast); long cells and cells needing a fallback glyph
    become wrapping Paragraphs. ``col_widths`` are points: keep their sum within
    ``content_width(landscape)``. ``align`` gives LEFT, CENTER or RIGHT per column.
    """
    font = font_of(style_dict)
    cell_style = style_dict["cell"]
    head_style = style_dict.get("cell_bold", cell_style)
    widths = list(col_widths)
    ncols = max([len(header or [])] + [len(r) for r in rows[:1]] + [len(widths)])
    if len(widths) < ncols:
        raise ValueError(f"data_table: {ncols} columns but {len(widths)} column widths")
    aligns = [a.upper() for a in (align or [])] + ["LEFT"] * (ncols - len(align or []))
    size, leading = cell_style.fontSize, cell_style.leading
    body_styles = [_cell_style_class("BodyCell", font.name, size, leading, a)(f"c{i}")
                   for i, a in enumerate(aligns)]
    header_styles = [_cell_style_class("HeadCell", head_style.fontName, head_style.fontSize,
                                       head_style.leading, "LEFT" if a == "LEFT" else "CENTER")(f"h{i}")
                     for i, a in enumerate(aligns)]
    line_cmds = [("GRID", (0, 0), (-1, -1), 0.4, GRID_COLOUR)]
    header_cmds = [
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BACKGROUND),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE_COLOUR),
    ]
    header_cells = [_cell(h, widths[i], font, head_style, bold=True)
                    for i, h in enumerate(header)] if header else []
    body = [[_cell(v, widths[i], font, cell_style) for i, v in enumerate(row)] for row in rows]
    chunk = max(1, int(chunk))

    def make(part: list[list], start: int) -> _TableChunk:
        return _TableChunk(header_cells, part, widths, header_styles, body_styles, line_cmds,
                           header_cmds, start == 0, repeat_header, start)

    if not body:
        return [make([], 0)] if header_cells else []
    return [make(body[start:start + chunk], start) for start in range(0, len(body), chunk)]
