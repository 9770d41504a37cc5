"""The printable sampling list (核酸采样登记表): today's tests in room order, floor by floor,
with a tick box per sample, for the nurse who walks the corridor. Rows come from
``services.testing.sampling.sampling_list`` (the same list the tests screen shows), passed in by
``services.papers.write_sampling_list``: papers never call services."""
from __future__ import annotations

from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from .fonts import FontChoice, register_fonts
from .labels import label
from .page import build_pdf, content_width
from .styles import para, styles
from .tables import check_box, data_table

COLUMNS_MM = (10, 20, 30, 38, 14, 18, 12, 16, 22)


def build_sampling_list(sl, target, *, day: date, now: datetime, site_name: str, lang: str = "zh_CN",
                        building: str | None = None, floor: int | None = None,
                        font: FontChoice | None = None, font_path: str | None = None,
                        printed_by: str = "") -> int:
    """Write ``sl`` (services.testing.sampling.sampling_list of ``day`` for the site, one building or one
    floor) to ``target``. Returns the number of pages."""
    font = font or register_fonts(font_path)
    st = styles(font)
    L = lambda key, **fmt: label(lang, key, **fmt)  # noqa: E731
    where = L("sampling_all_site") if building is None else (
        L("sampling_building", building=building) if floor is None else
        L("sampling_where_floor", building=building, floor=floor))
    title = L("sampling_title")
    subtitle = L("sampling_subtitle", day=day.isoformat(), where=where, due=sl.due, sampled=sl.sampled)
    width = content_width()
    widths = [w * width / sum(COLUMNS_MM) for w in COLUMNS_MM]
    header = [L("sampling_no"), L("sampling_room"), L("sampling_name"), L("sampling_id"), L("sampling_test"),
              L("sampling_purpose"), L("sampling_done"), L("sampling_time"), L("sampling_pool")]
    story = [para(title, st["title"], font), para(subtitle, st["body"], font)]
    if not sl.rows:
        story.append(para(L("sampling_none"), st["body"], font))
    n = 0
    for fc in sl.floors:
        rows = []
        for r in sl.rows:
            if r["building"] != fc.building or r["floor"] != fc.floor:
                continue
            n += 1
            rows.append([str(n), r["room"], r["name"], r["id_masked"], L(f"kind_{r['kind']}"),
                         L(f"purpose_{r['purpose']}"), check_box(bool(r["sampled_at"])),
                         (r["sampled_at"] or "")[11:16], r["pool_code"] or ""])
        heading = para(L("sampling_floor_heading", building=fc.building, floor=fc.floor, due=fc.due,
                              sampled=fc.sampled), st["heading"], font)
        table = data_table(header, rows, widths, st,
                                align=["RIGHT", "LEFT", "LEFT", "LEFT", "CENTER", "CENTER", "CENTER",
                                       "CENTER", "LEFT"])
        story.append(KeepTogether([heading, table[0]]) if len(table) == 1 and len(rows) <= 30 else heading)
        if not (len(table) == 1 and len(rows) <= 30):
            story += table
    story += [Spacer(1, 6 * mm), para(L("sampling_signature"), st["body"], font)]
    return build_pdf(target, story, title=title, lang=lang, site_name=site_name,
                          subtitle=subtitle, printed_at=now, font=font, printed_by=printed_by)
