"""The handover sheet (交接班记录): one A4 document per shift, signed by both shift leaders.

It prints a ``services.shift_summary.ShiftSummary`` as it is: every figure comes from the summary,
none is computed here. ID numbers arrive masked (the summary never carries them in clear).
"""
from __future__ import annotations

from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer, Table, TableStyle

from .fonts import FontChoice, register_fonts
from .labels import label, word
from .page import build_pdf, content_width, signature_block
from .styles import GRID_COLOUR, HEADER_BACKGROUND, para, styles
from .tables import data_table

# Long lists are cut on the sheet (the screens hold the full lists): a handover must stay
# a few pages even at a 2,000-room site.
LIST_LIMIT = 60
SIDE_BY_SIDE_MAX = 20  # buildings: more, and the two census tables are stacked
W = content_width()


def _hm(text_or_dt) -> str:
    if not text_or_dt:
        return ""
    if isinstance(text_or_dt, datetime):
        return text_or_dt.strftime("%m-%d %H:%M")
    return str(text_or_dt)[5:16].replace("T", " ")


def shift_words(lang: str, sh) -> str:
    return label(lang, "shift_line", date=sh.date.isoformat(), shift=label(lang, f"shift_{sh.kind}"),
                 start=sh.start.strftime("%H:%M"), end=sh.end.strftime("%H:%M"))


class _Doc:
    def __init__(self, lang: str, font: FontChoice):
        self.lang, self.font = lang, font
        self.st = styles(font)
        self.story: list = []
        self.annexes: list = []  # (title, header, rows, widths, align): lists cut in the sheet
        self._title = ""  # the heading or bold line the next table belongs to

    def L(self, key, **fmt) -> str:
        return label(self.lang, key, **fmt)

    def heading(self, key):
        self._title = self.L(key)
        self.story.append(para(self._title, self.st["heading"], self.font))

    def text(self, text, style="body"):
        if style == "cell_bold":
            self._title = text
        self.story.append(para(text, self.st[style], self.font))

    def table(self, header, rows, widths_mm, align=None, limit: int | None = LIST_LIMIT):
        """A list; one longer than ``limit`` shows its first rows here and the whole list in
        an annex printed after the signatures (the note under the cut says which)."""
        if not rows:
            self.text(self.L("no_entries"))
            return
        shown = rows if limit is None else rows[:limit]
        total = sum(widths_mm)
        widths = [w * W / total for w in widths_mm]
        self.story += data_table(header, shown, widths, self.st, align=align)
        if len(shown) < len(rows):
            self.annexes.append((self._title, header, rows, widths, align))
            self.text(self.L("more_rows", n=len(rows) - len(shown), annex=len(self.annexes)), "small")
        self.story.append(Spacer(1, 1.5 * mm))

    def append_annexes(self):
        if self.annexes:  # the signed sheet ends on its page; the annexes follow it
            self.story.append(PageBreak())
        for number, (title, header, rows, widths, align) in enumerate(self.annexes, 1):
            self.story.append(para(self.L("annex_title", annex=number, title=title, n=len(rows)),
                                        self.st["heading"], self.font))
            self.story += data_table(header, rows, widths, self.st, align=align)

    def side_by_side(self, left: list, right: list, gap=6 * mm):
        """Two small tables next to each other (census by category | by building)."""
        t = Table([[left, right]], colWidths=[(W - gap) * 0.38 + gap, (W - gap) * 0.62], hAlign="LEFT",
                  style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                    ("RIGHTPADDING", (0, 0), (0, 0), gap),
                                    ("RIGHTPADDING", (1, 0), (1, 0), 0)]))
        self.story.append(t)


def _num(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}" if value != int(value) else str(int(value))
    return str(value)


def handover_story(s, lang: str, font: FontChoice) -> list:
    d = _Doc(lang, font)
    L = d.L
    d.story.append(para(L("handover_title"), d.st["title"], font))
    as_of = s.as_of.strftime("%Y-%m-%d %H:%M")
    info = [[L("site"), s.site_name, L("status"),
             L("as_of_under_way", when=as_of) if s.under_way else L("as_of_finished", when=as_of)],
            [L("shift"), shift_words(lang, s.shift), "", ""]]
    info = [[para(c, d.st["cell_bold"] if i % 2 == 0 else d.st["cell"], font) for i, c in enumerate(r)]
            for r in info]
    d.story.append(Table(info, colWidths=[18 * mm, W * 0.42 - 18 * mm, 16 * mm, W * 0.58 - 16 * mm],
                         hAlign="LEFT", style=TableStyle([
                             ("GRID", (0, 0), (-1, -1), 0.4, GRID_COLOUR),
                             ("SPAN", (1, 1), (3, 1)), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                             ("BACKGROUND", (0, 0), (0, -1), HEADER_BACKGROUND),
                             ("BACKGROUND", (2, 0), (2, 0), HEADER_BACKGROUND)])))

    # at a glance: the figures the incoming leader asks first (each one is detailed below)
    rb = s.rooms_by_status
    glance = [("glance_on_site", s.census_total), ("glance_arrivals", len(s.arrivals)),
              ("glance_releases", len(s.releases)), ("glance_transfers", len(s.transfers)),
              ("glance_positives", len(s.positives)), ("glance_fevers", len(s.fevers)),
              ("glance_pending", s.results_pending), ("glance_ready", rb.get("ready", 0)),
              ("glance_disinfect", rb.get("awaiting_disinfection", 0)),
              ("glance_reorder", len(s.supplies_to_reorder) if s.supplies_known else L("not_yet_known"))]
    d.story.append(Spacer(1, 2 * mm))
    d.story += data_table([L(k) for k, _ in glance], [[_num(v) if not isinstance(v, str) else v
                                                             for _, v in glance]],
                               [W / len(glance)] * len(glance), d.st, align=["CENTER"] * len(glance))

    # 1. census
    d.heading("section_census")
    cat_rows = [[word(lang, "cat", c), n] for c, n in s.census_by_category.items()]
    cat_rows.append([L("total"), s.census_total])
    left_w = (W - 6 * mm) * 0.38
    left = data_table([L("category"), L("persons")], cat_rows, [left_w * 0.72, left_w * 0.28],
                           d.st, align=["LEFT", "RIGHT"])
    b_rows = [[b["name"] or b["building"], b["people"], b["rooms"], b["occupied"], b["ready"],
               b["awaiting_disinfection"], b["out_of_service"]] for b in s.census_by_building]
    rw = (W - 6 * mm) * 0.62
    right = data_table([L("building"), L("persons"), L("rooms"), L("occupied"), L("ready"),
                             L("awaiting_disinfection"), L("out_of_service")], b_rows,
                            [rw * f for f in (0.16, 0.12, 0.12, 0.14, 0.14, 0.18, 0.14)], d.st,
                            align=["LEFT"] + ["RIGHT"] * 6)
    if len(b_rows) <= SIDE_BY_SIDE_MAX:
        d.side_by_side(left, right)
    else:  # a table inside a table cannot break across pages: stack them at large sites
        d.story += left + [Spacer(1, 2 * mm)] + data_table(
            [L("building"), L("persons"), L("rooms"), L("occupied"), L("ready"), L("awaiting_disinfection"),
             L("out_of_service")], b_rows, [W * f for f in (0.16, 0.12, 0.12, 0.14, 0.14, 0.18, 0.14)], d.st,
            align=["LEFT"] + ["RIGHT"] * 6)

    # 2. arrivals and departures
    d.heading("section_movements")
    d.text(L("movement_counts", arrivals=len(s.arrivals), releases=len(s.releases),
             transfers=len(s.transfers), others=len(s.other_departures)))
    moves = [(p["checked_in_at"], L("arrival"), p, word(lang, "cat", p["category"])) for p in s.arrivals]
    moves += [(p["ended_at"], L("release"), p, "") for p in s.releases]
    moves += [(p["ended_at"], L("transfer"), p, p.get("transfer_destination") or "") for p in s.transfers]
    moves += [(p["ended_at"], L("left"), p, p.get("end_reason") or "") for p in s.other_departures]
    moves.sort(key=lambda m: m[0] or "")
    d.table([L("at"), L("kind"), L("room"), L("name"), L("id_number"), L("detail")],
            [[_hm(at), kind, p["room"], p["name"], p["id_masked"], detail] for at, kind, p, detail in moves],
            [20, 16, 16, 30, 34, 44])

    # 3. positives, fevers, missing checks
    sep = "、" if lang.startswith("zh") else ", "
    d.heading("section_alerts")
    d.text(L("positives"), "cell_bold")
    d.table([L("room"), L("name"), L("id_number"), L("sampled_at"), L("result_at"), L("status")],
            [[p["room"], p["name"], p["id_masked"], _hm(p["sampled_at"]), _hm(p["result_at"]),
              word(lang, "status", p["status"])] for p in s.positives],
            [16, 30, 34, 22, 22, 26], limit=None)
    for c in getattr(s, "children_alone", ()):
        d.text(L("child_alone", room=c["room"] or "", name=c["name"] or ""), "cell_bold")
    d.text(L("fevers", threshold=_num(s.fever_threshold)), "cell_bold")
    d.table([L("at"), L("room"), L("name"), L("temperature"), L("symptoms")],
            [[_hm(f["taken_at"]), f["room"], f["name"], f"{f['temperature']:.1f}",
              sep.join(word(lang, "sym", x) for x in f["symptoms"].split(",") if x)]
             for f in s.fevers],
            [20, 16, 30, 14, 60], limit=None)
    d.text(L("missing_checks"), "cell_bold")
    d.table([L("slot"), L("room"), L("name")],
            [[L(f"slot_{m['slot']}", day=m["day"].strftime("%m-%d")), m["room"], m["name"]]
             for m in s.missing_checks], [30, 20, 40])

    # 4. tests
    d.heading("section_tests")
    d.text(L("tests_line", due=s.tests_due, done=s.tests_done, not_done=s.tests_not_sampled,
             pending=s.results_pending, overdue=len(s.results_overdue)))
    if s.results_overdue:
        d.text(L("results_overdue"), "cell_bold")
        d.table([L("room"), L("name"), L("purpose"), L("due_date"), L("sampled_at")],
                [[t["room"], t["name"], word(lang, "purpose", t["purpose"]), t["due_date"], _hm(t["sampled_at"])]
                 for t in s.results_overdue], [16, 30, 18, 20, 22])

    # 5. rooms
    d.heading("section_rooms")
    d.text(L("rooms_line", occupied=rb.get("occupied", 0), ready=rb.get("ready", 0),
             awaiting=rb.get("awaiting_disinfection", 0), out=rb.get("out_of_service", 0)))
    room_rows = [[r["label"], L("awaiting_disinfection"), _hm(r["since"]), word(lang, "status", r["reason"])]
                 for r in s.rooms_awaiting_disinfection]
    room_rows += [[r["label"], L("out_of_service"), _hm(r["since"]), r["reason"] or ""]
                  for r in s.rooms_out_of_service]
    d.table([L("room"), L("status"), L("since"), L("reason")], room_rows, [16, 26, 20, 50])

    # 6. supplies
    d.heading("section_supplies")
    if not s.supplies_known:
        d.text(L("supplies_unknown"))
    else:
        rows = [[x.item, _num(x.on_hand), x.unit, _num(x.reorder_level),
                 _num(x.days_of_supply) if x.days_of_supply is not None else L("not_yet_known"),
                 x.run_out_date.isoformat() if x.run_out_date else "",
                 L("reorder") if x.below_reorder else ""]
                for x in s.critical_supplies]
        if rows:
            d.table([L("item"), L("on_hand"), L("unit"), L("reorder_level"), L("days_of_supply"),
                     L("run_out_date"), L("status")], rows, [40, 16, 12, 18, 20, 22, 18],
                    align=["LEFT", "RIGHT", "LEFT", "RIGHT", "RIGHT", "LEFT", "LEFT"], limit=None)
        else:
            d.text(L("supplies_ok"))

    # 7. shift log
    d.heading("section_log")
    d.table([L("at"), L("kind"), L("detail"), L("log_by"), L("status")],
            [[_hm(e["at"]), word(lang, "log", e["kind"]), e["text"], e["actor"],
              (L("resolved") if e["resolved_at"] else L("open")) if e["kind"] == "incident" else ""]
             for e in s.log], [20, 12, 100, 16, 12], limit=None)

    # 8. special needs and meals
    d.heading("section_care")
    counts = sep.join(f"{word(lang, 'need', n)} {c}" for n, c in sorted(s.needs_counts.items())) or L("none")
    d.text(L("needs_line", counts=counts))
    d.table([L("room"), L("name"), L("needs"), L("diet")],
            [[p["room"], p["name"], sep.join(word(lang, "need", n) for n in p["needs"]),
              word(lang, "diet", p["diet"])] for p in s.needs_named], [16, 30, 50, 20])
    diets = sorted(s.diet_counts)
    by_b: dict[str, dict[str, int]] = {}
    for r in s.diet_by_building:
        by_b.setdefault(r["building"], {})[r["diet"]] = r["n"]
    names = {b["building"]: b["name"] or b["building"] for b in s.census_by_building}
    meal_rows = [[names.get(b, b)] + [by_b[b].get(x, 0) for x in diets] + [sum(by_b[b].values())]
                 for b in by_b]
    meal_rows.append([L("total")] + [s.diet_counts[x] for x in diets] + [sum(s.diet_counts.values())])
    d.text(L("meals_by_diet"), "cell_bold")
    d.table([L("building")] + [word(lang, "diet", x) for x in diets] + [L("total")], meal_rows,
            [24] + [16] * len(diets) + [16], align=["LEFT"] + ["RIGHT"] * (len(diets) + 1), limit=None)

    # 9. the next shift
    d.heading("section_next")
    by_building = sep.join(f"{names.get(b, b)} {n}" for b, n in sorted(s.next_tests_by_building.items())) or L("none")
    d.text(L("next_tests", n=s.next_tests_due, by_building=by_building))
    rooms = sep.join(r["label"] for r in s.rooms_awaiting_disinfection) or L("none")
    d.text(L("next_rooms", rooms=rooms))
    if s.supplies_known:
        items = sep.join(x.item for x in s.supplies_to_reorder) or L("none")
        d.text(L("next_reorder", items=items))
    else:
        d.text(L("supplies_unknown"))
    d.text(L("next_releases", day=s.next_shift.days[-1].isoformat()), "cell_bold")
    d.table([L("room"), L("name"), L("id_number"), L("category"), L("release_date")],
            [[p["room"], p["name"], p["id_masked"], word(lang, "cat", p["category"]), p["release_date"]]
             for p in s.next_releases_due], [16, 30, 34, 34, 22])
    if s.open_incidents:
        d.text(L("next_incidents"), "cell_bold")
        d.table([L("at"), L("detail")], [[_hm(e["at"]), e["text"]] for e in s.open_incidents], [20, 140],
                limit=None)
    if s.instructions:
        d.text(L("next_instructions"), "cell_bold")
        d.table([L("at"), L("detail")], [[_hm(e["at"]), e["text"]] for e in s.instructions], [20, 140],
                limit=None)

    d.story.append(signature_block(lang, d.st, when=None))
    if s.audit_anchor:
        # under the signatures: the chain's length and head, kept on paper (services.anchors)
        d.story.append(Spacer(1, 4 * mm))
        d.text(L("audit_anchor", n=s.audit_entries, code=s.audit_anchor))
    d.append_annexes()
    return d.story


def build_handover(summary, target, *, lang: str = "zh_CN", font: FontChoice | None = None,
                   printed_at: datetime | None = None, font_path: str | None = None,
                   printed_by: str = "") -> int:
    """Write the handover sheet of ``summary`` to ``target`` (path or binary file object).
    Returns the number of pages."""
    font = font or register_fonts(font_path or None)
    title = label(lang, "handover_title")
    return build_pdf(target, handover_story(summary, lang, font), title=title, lang=lang,
                          site_name=summary.site_name, subtitle=shift_words(lang, summary.shift),
                          printed_at=printed_at or summary.computed_at, font=font,
                          printed_by=printed_by)
