"""The shared reportlab layer: styles, long tables, page frame, signature block.

Documents (one module each) receive plain data objects and build a story from these parts;
nothing here touches Qt or SQL. Every page gets a header line (site, title, subtitle) and a
footer (printed-at time, "page x of y"); the page count is known only after layout, so the
footer is written by ``NumberedCanvas`` when the document is saved.

Text goes through ``markup``/``para``/``draw_text`` so that characters missing from the main
font are drawn with a fallback font (see fonts.text_runs).
"""

from __future__ import annotations

import bisect
import functools
import os
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib import textsplit as _rl_textsplit
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as _landscape
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import paragraph as _rl_paragraph
from reportlab.platypus.tables import CellStyle

from .fonts import FontChoice, covers, text_runs
from .labels import label

__all__ = [
    "CHECK_BOX_CHAR",
    "CheckBox",
    "MARGIN",
    "NumberedCanvas",
    "Styles",
    "build_pdf",
    "check_box",
    "content_width",
    "data_table",
    "fast_table",
    "page_size",
    "draw_text",
    "markup",
    "para",
    "signature_block",
    "styles",
]

MARGIN = 15 * mm
HEADER_HEIGHT = 10 * mm  # header text and rule, above the body frame
FOOTER_HEIGHT = 8 * mm  # footer text and rule, below the body frame
HEADER_FONT_SIZE = 8.5
FOOTER_FONT_SIZE = 8

GRID_COLOUR = colors.HexColor("#8a8a8a")
HEADER_BACKGROUND = colors.HexColor("#dfe6ee")
ZEBRA_BACKGROUND = colors.HexColor("#f3f5f7")
RULE_COLOUR = colors.HexColor("#555555")


def _extend_line_break_rules() -> None:
    """reportlab's CJK wrapping keeps 、。」 off the start of a line but not the full-width
    comma, semicolon, colon, ! and ?, so "，" could begin a line. Add them (they then hang
    at the end of the previous line, as Chinese typesetting does)."""
    extra = "\uff0c\uff1b\uff1a\uff01\uff1f\u300b\u3009\u2026"  # ，；：！？》〉…
    # textsplit.wordSplit wraps one-run paragraphs, paragraph.cjkFragSplit the others.
    for module in (_rl_textsplit, _rl_paragraph):
        current = module.ALL_CANNOT_START
        missing = "".join(ch for ch in extra if ch not in current)
        if missing:
            module.ALL_CANNOT_START = current + missing


_extend_line_break_rules()

# A tick box as a character; WenQuanYi and STSong-Light have it, but its size differs between
# fonts: tick-box columns should prefer check_box(), which draws the square.
CHECK_BOX_CHAR = "\u25a1"  # □


def page_size(landscape: bool = False) -> tuple[float, float]:
    return _landscape(A4) if landscape else A4


def content_width(landscape: bool = False) -> float:
    """Width of the body frame in points (A4 minus margins): give tables at most this."""
    return page_size(landscape)[0] - 2 * MARGIN


# --------------------------------------------------------------------------- styles


class Styles(dict):
    """ParagraphStyles by name (title, heading, body, small, cell, cell_bold), plus the font."""

    font: FontChoice

    def __init__(self, font: FontChoice, items: dict[str, ParagraphStyle]):
        super().__init__(items)
        self.font = font


def styles(font: FontChoice) -> Styles:
    """Paragraph styles in the CJK font; ``wordWrap='CJK'`` lets Chinese wrap between
    characters (reportlab keeps Latin words whole)."""
    regular, bold = font.name, font.bold_name or font.name
    base = dict(fontName=regular, wordWrap="CJK", textColor=colors.black)
    return Styles(
        font,
        {
            "title": ParagraphStyle("title", fontName=bold, fontSize=15, leading=20,
                                    spaceAfter=3 * mm, alignment=TA_CENTER, wordWrap="CJK"),
            "heading": ParagraphStyle("heading", fontName=bold, fontSize=11.5, leading=15,
                                      spaceBefore=3 * mm, spaceAfter=1.5 * mm, wordWrap="CJK"),
            "body": ParagraphStyle("body", fontSize=9.5, leading=13, spaceAfter=1.5 * mm, **base),
            "small": ParagraphStyle("small", fontSize=7.5, leading=9.5, **base),
            "cell": ParagraphStyle("cell", fontSize=8, leading=10, **base),
            "cell_bold": ParagraphStyle("cell_bold", fontName=bold, fontSize=8, leading=10,
                                        wordWrap="CJK"),
        },
    )


def _font_of(style_dict: dict) -> FontChoice:
    font = getattr(style_dict, "font", None)
    if font is not None:
        return font
    cell = style_dict["cell"]
    bold = style_dict.get("cell_bold", cell).fontName
    kind = "cid" if cell.fontName == "STSong-Light" else "ttf"
    return FontChoice(cell.fontName, None, kind, 0, bold)


# --------------------------------------------------------------------------- text


def markup(font: FontChoice, text: Any, bold: bool = False) -> str:
    """Paragraph markup for plain ``text``: XML-escaped, newlines kept, and characters the
    main font lacks wrapped in the fallback font that has them."""
    text = "" if text is None else str(text)
    main = font.bold_name if bold and font.bold_name else font.name
    parts = []
    for name, run in text_runs(font, text, bold=bold):
        run = escape(run).replace("\n", "<br/>")
        parts.append(run if name == main else f'<font face="{name}">{run}</font>')
    return "".join(parts)


def para(text: Any, style: ParagraphStyle, font: FontChoice) -> Paragraph:
    """A Paragraph of plain text (not markup) in ``style``."""
    bold = style.fontName == font.bold_name and font.bold_name != font.name
    return Paragraph(markup(font, text, bold=bold), style)


def draw_text(canvas: Canvas, x: float, y: float, text: str, font: FontChoice, size: float,
              align: str = "left", bold: bool = False, max_width: float | None = None) -> float:
    """Draw one line on a canvas with glyph fallback; shorten it with "…" to ``max_width``.
    ``align`` is left, right or centre (x is then the right edge or the centre). Returns the width."""
    runs = text_runs(font, text, bold=bold)
    width = sum(stringWidth(t, n, size) for n, t in runs)
    if max_width is not None and width > max_width and text:
        while text and width > max_width:
            text = text[:-1]
            runs = text_runs(font, text.rstrip() + "…", bold=bold)
            width = sum(stringWidth(t, n, size) for n, t in runs)
    if align == "right":
        x -= width
    elif align in ("centre", "center"):
        x -= width / 2
    for name, run in runs:
        canvas.setFont(name, size)
        canvas.drawString(x, y, run)
        x += stringWidth(run, name, size)
    return width


# --------------------------------------------------------------------------- tick box


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


# --------------------------------------------------------------------------- tables

_PAD_H = 3
_PAD_V = 2


def _cell_text(value: Any) -> str:
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
    text = _cell_text(value)
    if not text:
        return ""
    if not covers(font, text):
        return Paragraph(markup(font, text, bold=bold), style)
    if "\n" in text:
        return Paragraph(escape(text).replace("\n", "<br/>"), style)
    avail = width - 2 * _PAD_H
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
        "leftPadding": _PAD_H, "rightPadding": _PAD_H,
        "topPadding": _PAD_V, "bottomPadding": _PAD_V,
        "valign": "MIDDLE", "alignment": alignment,
    })


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
        self._tables: dict[bool, Table] = {}
        self._current: Table | None = None

    def _show_header(self) -> bool:
        if not self.header:
            return False
        if self.first:
            return True
        if not self.repeat_header:
            return False
        frame = getattr(self, "_frame", None)
        return frame is None or bool(frame._atTop)

    def _make_table(self, rows: list[list], with_header: bool, row_offset: int,
                    row_heights: list | None = None) -> Table:
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
        return Table(data, colWidths=self.col_widths, rowHeights=row_heights,
                     repeatRows=n_head if self.repeat_header else 0, style=TableStyle(cmds),
                     cellStyles=cell_styles, hAlign="LEFT")

    def _table(self, with_header: bool) -> Table:
        table = self._tables.get(with_header)
        if table is None:
            table = self._tables[with_header] = self._make_table(self.rows, with_header,
                                                                 self.row_offset)
        return table

    def wrap(self, aW, aH):
        self._current = self._table(self._show_header())
        self.width, self.height = self._current.wrapOn(self.canv, aW, aH)
        return self.width, self.height

    def split(self, aW, aH):
        with_header = self._show_header()
        table = self._table(with_header)
        parts = table.splitOn(self.canv, aW, aH)
        if len(parts) < 2 or with_header or not self.repeat_header:
            # reportlab's own split repeats the header row (repeatRows) and keeps row heights
            return parts
        # This chunk began mid-page without a header; its rest starts the next page and needs one.
        head = parts[0]
        taken = head._nrows
        known_heights = list(getattr(table, "_rowHeights", None) or [])[taken:]
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
    font = _font_of(style_dict)
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


# --------------------------------------------------------------------------- long plain-text tables

ELLIPSIS = "\u2026"


def _cannot_start(ch: str) -> bool:
    """Punctuation that must not begin a line (reportlab's CJK rule, extended above), and the
    middle dot of transliterated names (阿卜杜拉·买买提)."""
    return ch == "\u00b7" or ch in _rl_textsplit.ALL_CANNOT_START


def _is_cjk(ch: str) -> bool:
    return ord(ch) >= 0x2E80


def _break_text(text: str, widths: list[float], avail: float) -> list[tuple[int, int]]:
    """Greedy line breaks of one paragraph: (start, end) index pairs into ``text``.

    Chinese breaks between any two characters; a Latin line breaks after its last space when it
    has one (a word longer than the line is broken where it must be); punctuation that cannot
    begin a line takes the character before it along to the next line.
    """
    spans = []
    start, n = 0, len(text)
    while start < n:
        while start < n and text[start] == " ":
            start += 1  # no line begins with a space
        if start >= n:
            break
        used, end = 0.0, start
        while end < n and (end == start or used + widths[end] <= avail):
            used += widths[end]
            end += 1
        if end < n:
            space = text.rfind(" ", start + 1, end + 1)
            if space > start and text[end] != " " and not _is_cjk(text[end - 1]):
                end = space  # keep the Latin word whole on the next line
            elif end - start > 1 and _cannot_start(text[end]):
                end -= 1
        spans.append((start, end))
        start = end
    return spans


class _TextWriter:
    """Puts strings at given positions into one reportlab text object.

    With a TrueType font, reportlab's ``textOut`` maps every string to the font's subsets
    again (``splitString``) and measures it; here each distinct string is mapped once per
    document and its ``Tj`` operator reused (rows repeat dates, categories, ages). The
    operators are the ones reportlab writes (tests/reports/test_fast_table.py compares the
    two); other fonts, or a reportlab without these internals, go through ``textOut``.
    """

    FAST = True  # tests switch it off to compare with reportlab's own output

    def __init__(self, canv: Canvas, cache: dict):
        self.canv = canv
        self.text = canv.beginText()
        self.cache = cache  # (font name, text) -> [(subset, 'Tj' operator)], one document
        self.doc = canv._doc
        self.font_name = ""
        self._font = None
        self._size_tmpl = ""
        self._fast = False

    def set_font(self, name: str, size: float, leading: float) -> None:
        if name == self.font_name:
            return
        self.text.setFont(name, size, leading)
        self.font_name = name
        font = self._font = pdfmetrics.getFont(name)
        self._size_tmpl = f"{fp_str(size)} Tf {fp_str(leading)} TL"
        self._fast = (self.FAST and getattr(font, "_dynamicFont", False)
                      and hasattr(font, "splitString") and hasattr(self.text, "_curSubset")
                      and isinstance(getattr(self.text, "_code", None), list))

    def put(self, x: float, y: float, s: str) -> None:
        text = self.text
        text.setTextOrigin(x, y)
        if not self._fast:
            text.textOut(s)
            return
        key = (self.font_name, s)
        parts = self.cache.get(key)
        if parts is None:
            escape = self.canv._escape
            parts = self.cache[key] = [(subset, f"({escape(t)}) Tj")
                                       for subset, t in self._font.splitString(s, self.doc)]
        code = text._code
        for subset, tj in parts:
            if subset != text._curSubset:
                code.append(f"{self._font.getSubsetInternalName(subset, self.doc)} {self._size_tmpl}")
                text._curSubset = subset
            code.append(tj)

    def finish(self) -> None:
        self.canv.drawText(self.text)


class _FastTableLayout:
    """Lines, positions and heights of every cell of a long plain-text table, computed once;
    the parts a table is split into (one per page) share it.

    A cell is None (blank), a str (one line in the main font at the column's left padding),
    a (dx, str) pair (one line in the main font, dx from the left padding: right or centre
    alignment), or a list of lines, each (dx, [(font name, text, dx of the run), ...]).
    """

    def __init__(self, header: list[str], rows: Sequence[Sequence[Any]], col_widths: list[float],
                 font: FontChoice, size: float, leading: float, head_size: float,
                 head_leading: float, aligns: list[str], max_lines: int):
        self.font = font
        self.size, self.leading = size, leading
        self.head_size, self.head_leading = head_size, head_leading
        self.max_lines = max(1, int(max_lines))
        self.xs = [0.0]
        for w in col_widths:
            self.xs.append(self.xs[-1] + w)
        self.width = self.xs[-1]
        self.avail = [w - 2 * _PAD_H for w in col_widths]
        self.tj_cache: dict = {}
        self.tj_doc = None
        bold = font.bold_name or font.name
        if header:
            head_aligns = ["LEFT" if a == "LEFT" else "CENTER" for a in aligns]
            self.header = [self._cell(_cell_text(v), i, head_aligns[i], bold, head_size, True)
                           for i, v in enumerate(header)]
            lines = max([len(c) if c.__class__ is list else 1 for c in self.header if c] + [1])
            self.header_height = lines * head_leading + 2 * _PAD_V
        else:
            self.header, self.header_height = None, 0.0
        self.one_line = leading + 2 * _PAD_V
        main = font.name
        memo: list[dict] = [{} for _ in aligns]  # per column: text -> cell (dates, categories repeat)
        cell = self._cell
        self.rows = rows_out = []
        heights = []
        one_line = self.one_line
        for row in rows:
            out = []
            lines = 1
            for i, value in enumerate(row):
                if value is None or value == "":
                    out.append(None)
                    continue
                text = value if value.__class__ is str else _cell_text(value)
                seen = memo[i]
                c = seen.get(text)
                if c is None:
                    c = seen[text] = cell(text, i, aligns[i], main, size, False)
                out.append(c)
                if c.__class__ is list and len(c) > lines:
                    lines = len(c)
            rows_out.append(out)
            heights.append(one_line if lines == 1 else lines * leading + 2 * _PAD_V)
        self.heights = heights
        self.tops = [0.0]  # tops[k]: height of rows[:k]
        acc = 0.0
        for h in heights:
            acc += h
            self.tops.append(acc)

    def _cell(self, text: str, col: int, align: str, main: str, size: float, bold: bool):
        """One cell's drawing (see the class): wrapped to the column, at most ``max_lines``."""
        if not text:
            return None
        font = self.font
        avail = self.avail[col]
        plain = covers(font, text)
        if plain and "\n" not in text:
            width = stringWidth(text, main, size)
            if width <= avail:
                return text if align == "LEFT" else (self._offset(width, avail, align), text)
        lines: list[str] = []
        for paragraph in text.split("\n"):
            if plain:
                widths = [stringWidth(ch, main, size) for ch in paragraph]
            else:
                widths = [self._width(ch, main, size, bold) for ch in paragraph]
            spans = _break_text(paragraph, widths, avail) or [(0, 0)]
            lines.extend(paragraph[a:b].rstrip() for a, b in spans)
        if len(lines) > self.max_lines:
            last = lines[self.max_lines - 1]
            lines = lines[:self.max_lines - 1]
            while last and self._width(last + ELLIPSIS, main, size, bold) > avail:
                last = last[:-1]
            lines.append(last.rstrip() + ELLIPSIS)
        out = []
        for line in lines:
            runs, x = [], 0.0
            for name, run in ([(main, line)] if plain else text_runs(font, line, bold=bold)):
                runs.append((name, run, x))
                x += stringWidth(run, name, size)
            out.append((self._offset(x, avail, align) if line else 0.0, runs))
        return out

    def _width(self, text: str, main: str, size: float, bold: bool) -> float:
        if covers(self.font, text):
            return stringWidth(text, main, size)
        return sum(stringWidth(t, n, size) for n, t in text_runs(self.font, text, bold=bold))

    @staticmethod
    def _offset(width: float, avail: float, align: str) -> float:
        if align == "RIGHT":
            return max(0.0, avail - width)
        if align in ("CENTER", "CENTRE"):
            return max(0.0, (avail - width) / 2)
        return 0.0

    def height(self, start: int, stop: int) -> float:
        return self.header_height + self.tops[stop] - self.tops[start]

    def rows_fitting(self, start: int, stop: int, avail_height: float) -> int:
        """How many rows from ``start`` fit under the header in ``avail_height``."""
        limit = self.tops[start] + avail_height - self.header_height + 1e-6
        return max(0, bisect.bisect_right(self.tops, limit, start, stop + 1) - 1 - start)

    def writer(self, canv: Canvas) -> _TextWriter:
        if self.tj_doc is not canv._doc:  # subset codes belong to one document
            self.tj_cache, self.tj_doc = {}, canv._doc
        return _TextWriter(canv, self.tj_cache)


class FastTable(Flowable):
    """A long table of plain text drawn straight on the canvas (see ``fast_table``): rows
    ``start`` to ``stop`` of a shared layout, the header row on top of every part."""

    def __init__(self, layout: _FastTableLayout, start: int, stop: int):
        super().__init__()
        self.layout = layout
        self.start, self.stop = start, stop
        self.hAlign = "LEFT"
        self.width = layout.width
        self.height = layout.height(start, stop)

    def wrap(self, aW, aH):
        return self.width, self.height

    def split(self, aW, aH):
        layout = self.layout
        n = layout.rows_fitting(self.start, self.stop, aH)
        if n >= self.stop - self.start:
            return [self]
        if n == 0:
            return []  # not even one row here: the table moves to the next frame
        cut = self.start + n
        return [FastTable(layout, self.start, cut), FastTable(layout, cut, self.stop)]

    def draw(self):
        layout, canv = self.layout, self.canv
        xs, width = layout.xs, layout.width
        heights = layout.heights
        # Row edges from the top of this part down: header, then each row.
        ys = [self.height]
        y = self.height - layout.header_height
        if layout.header is not None:
            ys.append(y)
        for k in range(self.start, self.stop):
            y -= heights[k]
            ys.append(y)
        first = 1 if layout.header is not None else 0  # index in ys of the first row's top
        canv.saveState()
        # Backgrounds: the header band, and every other row (parity in the whole table).
        if layout.header is not None:
            canv.setFillColor(HEADER_BACKGROUND)
            canv.rect(0, ys[1], width, layout.header_height, stroke=0, fill=1)
        path = canv.beginPath()
        shaded = False
        for k in range(self.start + (self.start % 2 == 0), self.stop, 2):
            i = first + k - self.start
            path.rect(0, ys[i + 1], width, ys[i] - ys[i + 1])
            shaded = True
        if shaded:
            canv.setFillColor(ZEBRA_BACKGROUND)
            canv.drawPath(path, stroke=0, fill=1)
        # Text: one text object for the whole part.
        canv.setFillColor(colors.black)
        writer = layout.writer(canv)
        col_x = [x + _PAD_H for x in xs[:-1]]
        if layout.header is not None:
            self._draw_row(writer, layout.header, col_x, ys[0], layout.header_height,
                           layout.font.bold_name or layout.font.name, layout.head_size,
                           layout.head_leading)
        main, size, leading = layout.font.name, layout.size, layout.leading
        writer.set_font(main, size, leading)
        one_line = layout.one_line
        # a one-line row's baseline below its top edge (platypus' MIDDLE valign)
        drop = one_line - ((_PAD_V + one_line - _PAD_V + leading) / 2.0 - size)
        put, rows = writer.put, layout.rows
        i = first
        for k in range(self.start, self.stop):
            row, row_top = rows[k], ys[i]
            i += 1
            if heights[k] != one_line:
                self._draw_row(writer, row, col_x, row_top, heights[k], main, size, leading)
                continue
            baseline = row_top - drop
            for c, cell in enumerate(row):
                if cell is None:
                    continue
                cls = cell.__class__
                if cls is str:
                    put(col_x[c], baseline, cell)
                elif cls is tuple:
                    put(col_x[c] + cell[0], baseline, cell[1])
                else:
                    self._draw_lines(writer, cell, col_x[c], baseline, main, size, leading)
        writer.finish()
        # Grid over the backgrounds, and the rule under the header.
        canv.setStrokeColor(GRID_COLOUR)
        canv.setLineWidth(0.4)
        canv.grid(xs, ys)
        if layout.header is not None:
            canv.setStrokeColor(RULE_COLOUR)
            canv.setLineWidth(0.8)
            canv.line(0, ys[1], width, ys[1])
        canv.restoreState()

    def _draw_row(self, writer, row, col_x, row_top, row_height, main, size, leading):
        """A row in ``main`` font with more than one line somewhere (or the header): each cell
        centred vertically by its own line count (platypus' MIDDLE valign)."""
        writer.set_font(main, size, leading)
        bottom = row_top - row_height
        for c, cell in enumerate(row):
            if cell is None:
                continue
            cls = cell.__class__
            n = len(cell) if cls is list else 1
            baseline = bottom + (_PAD_V + row_height - _PAD_V + n * leading) / 2.0 - size
            if cls is str:
                writer.put(col_x[c], baseline, cell)
            elif cls is tuple:
                writer.put(col_x[c] + cell[0], baseline, cell[1])
            else:
                self._draw_lines(writer, cell, col_x[c], baseline, main, size, leading)

    @staticmethod
    def _draw_lines(writer, lines, x, baseline, main, size, leading):
        for dx, runs in lines:
            for name, run, run_dx in runs:
                writer.set_font(name, size, leading)
                writer.put(x + dx + run_dx, baseline, run)
            baseline -= leading
        writer.set_font(main, size, leading)


def fast_table(header: list[str] | None, rows: Sequence[Sequence[Any]], col_widths: Sequence[float],
               style_dict: dict, align: Sequence[str] | None = None,
               max_lines: int = 3) -> list[Flowable]:
    """A long table of plain text drawn straight on the canvas, for the thousands of rows that
    ``data_table`` is too slow for (platypus lays out and draws each cell as a Table
    cell; this draws one text object, one grid and the row shading per page).

    It looks like ``data_table``: the bold header row on a shaded band at the top of every
    page, grid lines, zebra rows, cells centred vertically, ``align`` LEFT, CENTER or RIGHT
    per column. Cells are text (str, numbers, dates, None); characters the main font lacks
    are drawn in a fallback font. A text too wide for its column wraps (Chinese between
    characters, Latin at spaces) to at most ``max_lines`` lines; a longer one ends in "…".
    Returns a list of flowables (one), like ``data_table``.
    """
    font = _font_of(style_dict)
    cell_style = style_dict["cell"]
    head_style = style_dict.get("cell_bold", cell_style)
    widths = [float(w) for w in col_widths]
    ncols = max([len(header or [])] + [len(r) for r in rows[:1]] + [len(widths)])
    if len(widths) < ncols:
        raise ValueError(f"fast_table: {ncols} columns but {len(widths)} column widths")
    for row in rows[:1]:
        if any(isinstance(v, (Flowable, list, tuple)) for v in row):
            raise TypeError("fast_table: cells must be text; use data_table for flowables")
    aligns = [a.upper() for a in (align or [])] + ["LEFT"] * (ncols - len(align or []))
    layout = _FastTableLayout(list(header) if header else [], rows, widths, font,
                              cell_style.fontSize, cell_style.leading, head_style.fontSize,
                              head_style.leading, aligns, max_lines)
    if not layout.rows and layout.header is None:
        return []
    return [FastTable(layout, 0, len(layout.rows))]


# --------------------------------------------------------------------------- signatures


def signature_block(lang: str, style_dict: dict, *, handed_over_by: str | None = None,
                    received_by: str | None = None, when: datetime | None = None) -> Flowable:
    """Two columns: the outgoing shift leader and the incoming one (交班班长 / 接班班长, not the
    command system's A/B roles), each with name, signature, date and time lines; names and time
    pre-filled when known. Kept together."""
    font = _font_of(style_dict)
    cell, bold = style_dict["cell"], style_dict.get("cell_bold", style_dict["cell"])
    sig = ParagraphStyle("sig", parent=cell, fontSize=9, leading=12)
    sig_bold = ParagraphStyle("sig_bold", parent=bold, fontSize=9.5, leading=12)

    def p(text, style=sig):
        return para(text, style, font)

    date_text = when.date().isoformat() if when else ""
    time_text = when.strftime("%H:%M") if when else ""
    rows = [
        [p(label(lang, "handed_over_by"), sig_bold), "", "", p(label(lang, "received_by"), sig_bold), ""],
        [p(label(lang, "name")), p(handed_over_by or ""), "", p(label(lang, "name")), p(received_by or "")],
        [p(label(lang, "signature")), "", "", p(label(lang, "signature")), ""],
        [p(label(lang, "date")), p(date_text), "", p(label(lang, "date")), p(date_text)],
        [p(label(lang, "time")), p(time_text), "", p(label(lang, "time")), p(time_text)],
    ]
    label_w, gap = 22 * mm, 10 * mm
    value_w = (min(content_width(), 180 * mm) - 2 * label_w - gap) / 2
    table = Table(
        rows,
        colWidths=[label_w, value_w, gap, label_w, value_w],
        rowHeights=[7 * mm, 8 * mm, 13 * mm, 8 * mm, 8 * mm],
        hAlign="LEFT",
        style=TableStyle([
            ("SPAN", (0, 0), (1, 0)),
            ("SPAN", (3, 0), (4, 0)),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("LINEBELOW", (0, 0), (1, 0), 0.8, RULE_COLOUR),
            ("LINEBELOW", (3, 0), (4, 0), 0.8, RULE_COLOUR),
            ("LINEBELOW", (1, 1), (1, -1), 0.5, colors.black),
            ("LINEBELOW", (4, 1), (4, -1), 0.5, colors.black),
        ]),
    )
    return KeepTogether([Spacer(1, 6 * mm), table])


# --------------------------------------------------------------------------- pages


class NumberedCanvas(Canvas):
    """A canvas that keeps every page until save() so that "page x of y" can be written.

    Extra keyword arguments (bound with functools.partial by build_pdf): ``footer_font``,
    ``lang`` and ``page_count`` (a list that receives the number of pages).
    """

    def __init__(self, *args, footer_font: FontChoice, lang: str, page_count: list | None = None,
                 **kwargs):
        super().__init__(*args, **kwargs)
        self._footer_font = footer_font
        self._lang = lang
        self._page_count = page_count
        self._saved_page_states: list[dict] = []

    def showPage(self):
        self._saved_page_states.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._saved_page_states)
        for state in self._saved_page_states:
            self.__dict__.update(state)
            self._draw_page_number(total)
            super().showPage()
        if self._page_count is not None:
            self._page_count.append(total)
        super().save()

    def _draw_page_number(self, total: int) -> None:
        width, _ = self._pagesize
        text = label(self._lang, "page_x_of_y", page=self._pageNumber, pages=total)
        self.saveState()
        self.setFillColor(RULE_COLOUR)
        draw_text(self, width - MARGIN, MARGIN - FOOTER_HEIGHT + 1.5 * mm, text,
                  self._footer_font, FOOTER_FONT_SIZE, align="right")
        self.restoreState()


def _draw_frame_furniture(canvas: Canvas, doc, *, font: FontChoice, lang: str, title: str,
                          site_name: str, subtitle: str, printed_at: datetime,
                          printed_by: str = "") -> None:
    width, height = canvas._pagesize
    left, right = MARGIN, width - MARGIN
    canvas.saveState()
    # header: "site · title" on the left, subtitle on the right, a rule under both
    base_y = height - MARGIN + 1.5 * mm
    left_text = " · ".join(t for t in (site_name, title) if t)
    right_w = 0.0
    if subtitle:
        canvas.setFillColor(RULE_COLOUR)
        right_w = draw_text(canvas, right, base_y, subtitle, font, HEADER_FONT_SIZE, align="right",
                            max_width=(right - left) * 0.45)
    canvas.setFillColor(colors.black)
    draw_text(canvas, left, base_y, left_text, font, HEADER_FONT_SIZE, bold=True,
              max_width=right - left - right_w - 6 * mm)
    canvas.setStrokeColor(RULE_COLOUR)
    canvas.setLineWidth(0.6)
    rule_y = height - MARGIN
    canvas.line(left, rule_y, right, rule_y)
    # footer: a rule, the printed-at time on the left; NumberedCanvas adds "page x of y"
    foot_rule_y = MARGIN - FOOTER_HEIGHT + 5 * mm
    canvas.setLineWidth(0.4)
    canvas.line(left, foot_rule_y, right, foot_rule_y)
    canvas.setFillColor(RULE_COLOUR)
    stamp = printed_at.strftime("%Y-%m-%d %H:%M")
    # personal data on paper says who printed it and when
    when = (label(lang, "printed_at_by", when=stamp, who=printed_by) if printed_by
            else label(lang, "printed_at", when=stamp))
    draw_text(canvas, left, MARGIN - FOOTER_HEIGHT + 1.5 * mm, when, font, FOOTER_FONT_SIZE,
              max_width=(right - left) * 0.6)
    canvas.restoreState()


def build_pdf(path_or_buffer, story: list[Flowable], *, title: str, lang: str, site_name: str,
              subtitle: str = "", printed_at: datetime, font: FontChoice,
              landscape: bool = False, printed_by: str = "") -> int:
    """Lay out ``story`` on A4 pages with the header and footer; write it to a path or a
    binary file object. Returns the number of pages. ``printed_by``: who made it (the
    footer says "Printed <when> by <who>"). A path is written through io.atomic.atomic_write
    (a temporary file renamed into place: a failure leaves no half PDF)."""
    if isinstance(path_or_buffer, (str, os.PathLike)):
        from ..io.atomic import atomic_write
        return atomic_write(path_or_buffer, lambda tmp: _build_pdf(
            os.fspath(tmp), story, title=title, lang=lang, site_name=site_name,
            subtitle=subtitle, printed_at=printed_at, font=font, landscape=landscape,
            printed_by=printed_by))
    return _build_pdf(path_or_buffer, story, title=title, lang=lang, site_name=site_name,
                      subtitle=subtitle, printed_at=printed_at, font=font, landscape=landscape,
                      printed_by=printed_by)


def _build_pdf(path_or_buffer, story, *, title, lang, site_name, subtitle, printed_at, font,
               landscape, printed_by) -> int:
    pagesize = page_size(landscape)
    width, height = pagesize
    # The body frame sits between the header rule (at the top margin) and the footer rule.
    frame_top = height - MARGIN - 2 * mm
    frame_bottom = MARGIN - FOOTER_HEIGHT + 5 * mm + 2 * mm
    frame = Frame(MARGIN, frame_bottom, width - 2 * MARGIN, frame_top - frame_bottom,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    on_page = functools.partial(_draw_frame_furniture, font=font, lang=lang, title=title,
                                site_name=site_name, subtitle=subtitle, printed_at=printed_at,
                                printed_by=printed_by)
    doc = BaseDocTemplate(
        path_or_buffer,
        pagesize=pagesize,
        leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
        title=title,
        author=site_name,
        subject=subtitle,
        creator="Isolation Desk",
        lang="zh-CN" if lang.lower().startswith("zh") else "en",
        pageTemplates=[PageTemplate(id="page", frames=[frame], onPage=on_page)],
    )
    pages: list[int] = []
    doc.build(list(story), canvasmaker=functools.partial(
        NumberedCanvas, footer_font=font, lang=lang, page_count=pages))
    return pages[-1] if pages else doc.page
