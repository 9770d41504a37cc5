"""Fonts, colours and paragraph styles of every paper, and text drawn with glyph fallback.

Text goes through ``markup``/``para``/``draw_text`` so that characters missing from the main
font are drawn with a fallback font (see fonts.text_runs).
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib import textsplit as _rl_textsplit
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph
from reportlab.platypus import paragraph as _rl_paragraph

from .fonts import FontChoice, text_runs

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


def font_of(style_dict: dict) -> FontChoice:
    font = getattr(style_dict, "font", None)
    if font is not None:
        return font
    cell = style_dict["cell"]
    bold = style_dict.get("cell_bold", cell).fontName
    kind = "cid" if cell.fontName == "STSong-Light" else "ttf"
    return FontChoice(cell.fontName, None, kind, 0, bold)


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
