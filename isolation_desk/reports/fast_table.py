"""``fast_table``: long tables of plain text drawn straight on the canvas (the roster's
thousands of rows), looking like ``tables.data_table``."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib import textsplit as _rl_textsplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from .fonts import FontChoice, covers, text_runs
from .styles import GRID_COLOUR, HEADER_BACKGROUND, RULE_COLOUR, ZEBRA_BACKGROUND, font_of
from .tables import PAD_H, PAD_V, cell_text

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
    """Puts strings at given positions into one reportlab text object (one per page part),
    switching fonts only when a string needs another one."""

    def __init__(self, canv: Canvas):
        self.canv = canv
        self.text = canv.beginText()
        self.font_name = ""

    def set_font(self, name: str, size: float, leading: float) -> None:
        if name != self.font_name:
            self.text.setFont(name, size, leading)
            self.font_name = name

    def put(self, x: float, y: float, s: str) -> None:
        self.text.setTextOrigin(x, y)
        self.text.textOut(s)

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
        self.avail = [w - 2 * PAD_H for w in col_widths]
        bold = font.bold_name or font.name
        if header:
            head_aligns = ["LEFT" if a == "LEFT" else "CENTER" for a in aligns]
            self.header = [self._cell(cell_text(v), i, head_aligns[i], bold, head_size, True)
                           for i, v in enumerate(header)]
            lines = max([len(c) if c.__class__ is list else 1 for c in self.header if c] + [1])
            self.header_height = lines * head_leading + 2 * PAD_V
        else:
            self.header, self.header_height = None, 0.0
        self.one_line = leading + 2 * PAD_V
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
                text = value if value.__class__ is str else cell_text(value)
                seen = memo[i]
                c = seen.get(text)
                if c is None:
                    c = seen[text] = cell(text, i, aligns[i], main, size, False)
                out.append(c)
                if c.__class__ is list and len(c) > lines:
                    lines = len(c)
            rows_out.append(out)
            heights.append(one_line if lines == 1 else lines * leading + 2 * PAD_V)
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
        return _TextWriter(canv)


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
        col_x = [x + PAD_H for x in xs[:-1]]
        if layout.header is not None:
            self._draw_row(writer, layout.header, col_x, ys[0], layout.header_height,
                           layout.font.bold_name or layout.font.name, layout.head_size,
                           layout.head_leading)
        main, size, leading = layout.font.name, layout.size, layout.leading
        writer.set_font(main, size, leading)
        one_line = layout.one_line
        # a one-line row's baseline below its top edge (platypus' MIDDLE valign)
        drop = one_line - ((PAD_V + one_line - PAD_V + leading) / 2.0 - size)
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
            baseline = bottom + (PAD_V + row_height - PAD_V + n * leading) / 2.0 - size
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
    font = font_of(style_dict)
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
