"""The roster of everyone on site, by room (在住人员名单): landscape A4, one long table.

Rows come from ``services.queries.occupant_row`` (the fields every list of occupants shows);
ID and phone numbers are printed masked; the status only where it is not "in isolation".
The table is ``fast_table`` (drawn on the canvas, for rosters of thousands), header
repeated on every page; a name too long for its column wraps to a second line (the roster is
checked person by person at the doors: a name cut short is no use there).
"""
from __future__ import annotations

from datetime import datetime

from ..domain.vocabulary import StayStatus
from .fast_table import fast_table
from .fonts import FontChoice, register_fonts
from .labels import label, word
from .page import build_pdf, content_width
from .styles import para, styles

COLUMNS_MM = (12, 18, 34, 10, 10, 38, 40, 22, 22, 13, 26, 22)
HEADER_KEYS = ("row_no", "room", "name", "sex", "age", "id_number", "category", "start_date", "release_date",
               "day_n", "phone", "status")


def roster_rows(rows: list[dict], lang: str) -> list[list[str]]:
    """Plain strings only: a table of 5,000 rows stays fast."""
    out = []
    for i, r in enumerate(rows, 1):
        out.append([str(i), r["room"], r["name"], label(lang, f"sex_{r['sex']}") if r["sex"] else "",
                    "" if r["age"] is None else str(r["age"]), r["id_masked"], word(lang, "cat", r["category"]),
                    r["start_date"].isoformat() if r["start_date"] else "",
                    r["release_date"].isoformat() if r["release_date"] else "",
                    "" if r["day"] is None else str(r["day"]), r["phone_masked"],
                    "" if r["status"] == StayStatus.IN_ISOLATION else word(lang, "status", r["status"])])
    return out


def build_roster(rows: list[dict], target, *, site_name: str, lang: str = "zh_CN",
                 printed_at: datetime, font: FontChoice | None = None,
                 font_path: str | None = None, printed_by: str = "") -> int:
    """``rows``: occupant_row dicts in room order. Returns the number of pages."""
    font = font or register_fonts(font_path or None)
    st = styles(font)
    L = lambda key, **fmt: label(lang, key, **fmt)  # noqa: E731
    title = L("roster_title")
    subtitle = L("roster_subtitle", when=printed_at.strftime("%Y-%m-%d %H:%M"), n=len(rows))
    width = content_width(landscape=True)
    widths = [w * width / sum(COLUMNS_MM) for w in COLUMNS_MM]
    story = [para(title, st["title"], font), para(subtitle, st["body"], font)]
    story += fast_table(
        [L(k) for k in HEADER_KEYS],
        roster_rows(rows, lang), widths, st,
        align=["RIGHT", "LEFT", "LEFT", "CENTER", "RIGHT", "LEFT", "LEFT", "LEFT", "LEFT", "RIGHT", "LEFT", "LEFT"])
    return build_pdf(target, story, title=title, lang=lang, site_name=site_name, subtitle=subtitle,
                          printed_at=printed_at, font=font, landscape=True,
                          printed_by=printed_by)
