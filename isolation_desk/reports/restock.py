"""The restock request (物资申领单): every item below its reorder level, with how much to ask
for, signed by the stock keeper and the site manager.

The rows come from ``services.supplies.restock_request`` (the same forecast the supplies
screen and ``isolation-desk export stock`` show); nothing is computed here.
"""
from __future__ import annotations

from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from ..domain import stock
from .fonts import FontChoice, register_fonts
from .labels import label
from .page import build_pdf, content_width
from .styles import RULE_COLOUR, para, styles
from .tables import data_table

COLUMNS_MM = (9, 30, 25, 10, 16, 16, 16, 15, 19, 17, 13)


def _num(value) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def request_number(made_at: datetime) -> str:
    return f"SL-{made_at:%Y%m%d-%H%M}"


def restock_table_rows(rows: list[dict], lang: str) -> list[list[str]]:
    out = []
    for i, r in enumerate(rows, 1):
        days = r["days_of_supply"]
        notes = []
        if r["critical"]:
            notes.append(label(lang, "restock_critical"))
        if r["status"] == "out":
            notes.append(label(lang, "restock_out"))
        out.append([
            str(i), r["item"], label(lang, f"supply_cat_{r['category']}"), r["unit"],
            _num(r["on_hand"]), _num(r["reorder_level"]), _num(r["daily_use"]),
            label(lang, "restock_never") if days is None else label(lang, "restock_days_value", days=f"{days:.1f}"),
            r["run_out_date"].isoformat() if r["run_out_date"] else label(lang, "restock_never"),
            _num(r["restock_quantity"]), " ".join(notes),
        ])
    return out


def _signatures(lang: str, st, font: FontChoice):
    cell = st["cell"]

    def p(text):
        return para(text, cell, font)

    roles = ("restock_sign_requester", "restock_sign_approver", "restock_sign_receiver")
    head = [p(label(lang, k)) for k in roles]
    sign = [p(label(lang, "signature") + ":") for _ in roles]
    when = [p(label(lang, "date") + ":") for _ in roles]
    width = content_width() / 3
    table = Table([head, sign, when], colWidths=[width] * 3, rowHeights=[7 * mm, 12 * mm, 8 * mm],
                  hAlign="LEFT", style=TableStyle([
                      ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                      ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE_COLOUR),
                      ("LEFTPADDING", (0, 0), (-1, -1), 2),
                      ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                  ]))
    return KeepTogether([Spacer(1, 8 * mm), table])


def build_restock(request, target, *, lang: str = "zh_CN", occupants: int | None = None,
                  font: FontChoice | None = None, font_path: str | None = None) -> int:
    """``request``: services.supplies.RestockRequest. Writes the PDF; returns the page count."""
    font = font or register_fonts(font_path or None)
    st = styles(font)
    title = label(lang, "restock_title")
    subtitle = label(lang, "restock_subtitle", number=request_number(request.made_at))
    story = [para(title, st["title"], font), para(subtitle, st["small"], font)]
    info = [
        (label(lang, "restock_site"), request.site_name),
        (label(lang, "restock_address"), request.site_address),
        (label(lang, "restock_contact"), " ".join(t for t in (request.contact_person, request.contact_phone) if t)),
        (label(lang, "restock_date"), request.made_at.strftime("%Y-%m-%d %H:%M")),
    ]
    info_table = Table([[para(k, st["cell_bold"], font), para(v, st["cell"], font)] for k, v in info],
                       colWidths=[32 * mm, content_width() - 32 * mm], hAlign="LEFT",
                       style=TableStyle([("LINEBELOW", (1, 0), (1, -1), 0.4, colors.HexColor("#8a8a8a")),
                                         ("LEFTPADDING", (0, 0), (-1, -1), 2),
                                         ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
    story += [info_table, Spacer(1, 4 * mm), para(label(lang, "restock_to"), st["body"], font)]
    if request.rows:
        story.append(para(label(lang, "restock_intro", occupants="—" if occupants is None else occupants),
                               st["body"], font))
        width = content_width()
        widths = [w * width / sum(COLUMNS_MM) for w in COLUMNS_MM]
        header = [label(lang, f"restock_col_{k}") for k in
                  ("no", "item", "category", "unit", "on_hand", "reorder", "daily", "days", "run_out",
                   "request", "note")]
        story += data_table(header, restock_table_rows(request.rows, lang), widths, st,
                                 align=["RIGHT", "LEFT", "LEFT", "CENTER", "RIGHT", "RIGHT", "RIGHT",
                                        "RIGHT", "LEFT", "RIGHT", "LEFT"])
        story.append(Spacer(1, 2 * mm))
        story.append(para(label(lang, "restock_method", days=stock.RESTOCK_COVER_DAYS,
                                     window=stock.WINDOW_DAYS), st["small"], font))
    else:
        story.append(para(label(lang, "restock_none"), st["body"], font))
    story.append(_signatures(lang, st, font))
    return build_pdf(target, story, title=title, lang=lang, site_name=request.site_name,
                          subtitle=subtitle, printed_at=request.made_at, font=font)
