"""The daily report to headquarters, as PDF and as xlsx, in the columns of the site's
template (``services.site_figures.daily_template``): formats differed by city, so the site adjusts
which figures go in which order and what each heading says."""
from __future__ import annotations

from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from .fonts import FontChoice, register_fonts
from .labels import label
from .page import build_pdf, content_width
from .styles import para, styles
from .tables import data_table


def _value(value, lang: str) -> str:
    if value is None:
        return label(lang, "not_yet_known")
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def columns(template: list[dict], lang: str) -> list[tuple[str, str]]:
    """(field, heading) per column: the template's own title, or the printed word."""
    return [(c["field"], c.get("title") or label(lang, f"col_{c['field']}")) for c in template]


def daily_rows(figures: dict, template: list[dict], lang: str) -> tuple[list[str], list[str]]:
    cols = columns(template, lang)
    return [h for _, h in cols], [_value(figures.get(f), lang) for f, _ in cols]


def build_daily_pdf(figures: dict, template: list[dict], target, *, lang: str = "zh_CN",
                    printed_at: datetime, font: FontChoice | None = None,
                    font_path: str | None = None) -> int:
    font = font or register_fonts(font_path or None)
    st = styles(font)
    L = lambda key, **fmt: label(lang, key, **fmt)  # noqa: E731
    headings, values = daily_rows(figures, template, lang)
    subtitle = L("daily_subtitle", day=_value(figures["date"], lang))
    width = content_width()
    story = [para(L("daily_title"), st["title"], font), para(subtitle, st["body"], font)]
    story += data_table([L("figure"), L("value")], [list(p) for p in zip(headings, values, strict=True)],
                             [width * 0.45, width * 0.55], st)
    story += [Spacer(1, 12 * mm), para(L("daily_signature"), st["body"], font)]
    return build_pdf(target, story, title=L("daily_title"), lang=lang, site_name=figures.get("site") or "",
                          subtitle=subtitle, printed_at=printed_at, font=font)


def write_daily_xlsx(figures: dict, template: list[dict], path, *, lang: str = "zh_CN") -> None:
    """One header row (the template's headings) and one row of figures, as HQ collects them;
    numbers stay numbers."""
    from ..io.spreadsheet import write_xlsx
    cols = columns(template, lang)
    row = []
    for f, _ in cols:
        v = figures.get(f)
        row.append(label(lang, "not_yet_known") if v is None else v.isoformat() if isinstance(v, date) else v)
    write_xlsx(path, [h for _, h in cols], [row], sheet_title=label(lang, "daily_title")[:31])
