"""The shared reportlab layer: styles, long tables, page frame, signature block.

Documents (one module each) receive plain data objects and build a story from these parts;
nothing here touches Qt or SQL. Every page gets a header line (site, title, subtitle) and a
footer (printed-at time, "page x of y"); the page count is known only after layout, so the
footer is written by ``NumberedCanvas`` when the document is saved.

Text goes through ``markup``/``para``/``draw_text`` so that characters missing from the main
font are drawn with a fallback font (see fonts.text_runs).
"""

from __future__ import annotations

import functools
import os
from datetime import date, datetime
from typing import Any, Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib import textsplit as _rl_textsplit
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as _landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import paragraph as _rl_paragraph
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


# --------------------------------------------------------------------------- signatures


def signature_block(lang: str, style_dict: dict, *, handed_over_by: str | None = None,
                    received_by: str | None = None, when: datetime | None = None) -> Flowable:
    """Two columns: the outgoing shift leader (A role) and the incoming one (B role), each with
    name, signature, date and time lines; names and time pre-filled when known. Kept together."""
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
                          site_name: str, subtitle: str, printed_at: datetime) -> None:
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
    when = label(lang, "printed_at", when=printed_at.strftime("%Y-%m-%d %H:%M"))
    draw_text(canvas, left, MARGIN - FOOTER_HEIGHT + 1.5 * mm, when, font, FOOTER_FONT_SIZE,
              max_width=(right - left) * 0.6)
    canvas.restoreState()


def build_pdf(path_or_buffer, story: list[Flowable], *, title: str, lang: str, site_name: str,
              subtitle: str = "", printed_at: datetime, font: FontChoice,
              landscape: bool = False) -> int:
    """Lay out ``story`` on A4 pages with the header and footer; write it to a path or a
    binary file object. Returns the number of pages."""
    if isinstance(path_or_buffer, os.PathLike):
        path_or_buffer = os.fspath(path_or_buffer)  # reportlab takes str paths only
    pagesize = page_size(landscape)
    width, height = pagesize
    # The body frame sits between the header rule (at the top margin) and the footer rule.
    frame_top = height - MARGIN - 2 * mm
    frame_bottom = MARGIN - FOOTER_HEIGHT + 5 * mm + 2 * mm
    frame = Frame(MARGIN, frame_bottom, width - 2 * MARGIN, frame_top - frame_bottom,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    on_page = functools.partial(_draw_frame_furniture, font=font, lang=lang, title=title,
                                site_name=site_name, subtitle=subtitle, printed_at=printed_at)
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
