"""The page template of every paper: A4 pages with a header line (site, title, subtitle), a
footer (who printed it and when, "page x of y"), and the signature block.

The page count is known only after layout, so the footer's page number is written by
``NumberedCanvas`` when the document is saved.
"""

from __future__ import annotations

import functools
import os
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as _landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Spacer, Table, TableStyle

from .fonts import FontChoice
from .labels import label
from .styles import RULE_COLOUR, draw_text, font_of, para

MARGIN = 15 * mm
HEADER_HEIGHT = 10 * mm  # header text and rule, above the body frame
FOOTER_HEIGHT = 8 * mm  # footer text and rule, below the body frame
HEADER_FONT_SIZE = 8.5
FOOTER_FONT_SIZE = 8


def page_size(landscape: bool = False) -> tuple[float, float]:
    return _landscape(A4) if landscape else A4


def content_width(landscape: bool = False) -> float:
    """Width of the body frame in points (A4 minus margins): give tables at most this."""
    return page_size(landscape)[0] - 2 * MARGIN


def signature_block(lang: str, style_dict: dict, *, handed_over_by: str | None = None,
                    received_by: str | None = None, when: datetime | None = None) -> Flowable:
    """Two columns: the outgoing shift leader and the incoming one (交班班长 / 接班班长, not the
    command system's A/B roles), each with name, signature, date and time lines; names and time
    pre-filled when known. Kept together."""
    font = font_of(style_dict)
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


class NumberedCanvas(Canvas):
    """A canvas that writes "page x of y" although y is known only when the last page is done:
    every page shows a form (a PDF XObject) named after its number, and save() draws the forms
    once the number of pages is known (reportlab lets a page use a form defined later).

    Extra keyword arguments (bound with functools.partial by build_pdf): ``footer_font``,
    ``lang``, ``page_count`` (a list that receives the number of pages) and ``body_height``
    (the height of the body frame: tables.data_table tells the top of a page by it).
    """

    def __init__(self, *args, footer_font: FontChoice, lang: str, page_count: list | None = None,
                 body_height: float | None = None, pagesize: tuple[float, float] = A4, **kwargs):
        super().__init__(*args, pagesize=pagesize, **kwargs)
        self.page_width = pagesize[0]
        self.footer_font = footer_font
        self.lang = lang
        self.page_count = page_count
        self.body_height = body_height
        self.pages_shown = 0

    @staticmethod
    def page_number_form(page: int) -> str:
        return f"page_number_{page}"

    def showPage(self):
        self.pages_shown += 1
        self.doForm(self.page_number_form(self.pages_shown))
        super().showPage()

    def save(self):
        total = self.pages_shown
        for page in range(1, total + 1):
            self.beginForm(self.page_number_form(page))
            self._draw_page_number(page, total)
            self.endForm()
        if self.page_count is not None:
            self.page_count.append(total)
        super().save()

    def _draw_page_number(self, page: int, total: int) -> None:
        text = label(self.lang, "page_x_of_y", page=page, pages=total)
        self.saveState()
        self.setFillColor(RULE_COLOUR)
        draw_text(self, self.page_width - MARGIN, MARGIN - FOOTER_HEIGHT + 1.5 * mm, text,
                  self.footer_font, FOOTER_FONT_SIZE, align="right")
        self.restoreState()


def _draw_frame_furniture(canvas: Canvas, doc, *, font: FontChoice, lang: str, title: str,
                          site_name: str, subtitle: str, printed_at: datetime,
                          printed_by: str = "") -> None:
    width, height = doc.pagesize
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
    body_height = frame_top - frame_bottom
    frame = Frame(MARGIN, frame_bottom, width - 2 * MARGIN, body_height,
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
        NumberedCanvas, footer_font=font, lang=lang, page_count=pages, body_height=body_height))
    return pages[-1] if pages else doc.page
