"""The release notice (集中隔离医学观察解除告知书) for one occupant, after the county example
of November 2022: released on, home health monitoring from date to date (the stay's own
policy decides how many days), how to travel and behave at home, signed by the site and,
for receipt, by the person. This paper carries the full ID number: it is the person's own."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer, Table, TableStyle

from .fonts import FontChoice, register_fonts
from .labels import label
from .page import build_pdf, content_width
from .styles import RULE_COLOUR, para, styles


def home_monitoring(stay: dict) -> tuple[date, date, date | None, date | None]:
    """(start, release, home monitoring from, to) of a stay row (STAY_SELECT)."""
    start = date.fromisoformat(stay["start_date"][:10])
    if stay["status"] == "released" and stay.get("ended_at"):
        release = date.fromisoformat(stay["ended_at"][:10])
    else:
        release = date.fromisoformat(stay["release_date"][:10])
    days = int(stay.get("home_monitoring_days") or 0)
    if days <= 0:
        return start, release, None, None
    return start, release, release + timedelta(days=1), release + timedelta(days=days)


def _basis(stay: dict, lang: str) -> str:
    """The exposure (or arrival) date, said apart from the start at this site."""
    exposure, arrival = stay.get("last_exposure_date"), stay.get("arrival_date")
    if exposure:
        return label(lang, "notice_basis_exposure", day=str(exposure)[:10])
    if arrival:
        return label(lang, "notice_basis_arrival", day=str(arrival)[:10])
    return ""


def notice_story(stay: dict, *, site_name: str, lang: str, printed_at: datetime, font: FontChoice,
                 office: str | None = None) -> list:
    st = styles(font)
    L = lambda key, **fmt: label(lang, key, **fmt)  # noqa: E731
    start, release, home_from, home_to = home_monitoring(stay)
    story = [Spacer(1, 6 * mm), para(L("release_notice_title"), st["title"], font), Spacer(1, 4 * mm)]
    big = styles(font)["body"]
    big.fontSize, big.leading, big.spaceAfter = 12, 20, 4 * mm
    story.append(para(L("release_notice_intro", name=stay["name"], id_number=stay["id_number"]), big, font))
    # the start at this site is the check-in date; day 0 of the isolation (the exposure or
    # arrival) is said separately
    checked_in = str(stay.get("checked_in_at") or stay["start_date"])[:10]
    basis = _basis(stay, lang)
    if home_from:
        text = L("release_notice_body", start=checked_in, release=release.isoformat(),
                 from_day=home_from.isoformat(), to_day=home_to.isoformat(),
                 days=stay["home_monitoring_days"], basis=basis, day0=start.isoformat())
    else:
        text = L("release_notice_no_home", start=checked_in, release=release.isoformat(),
                 basis=basis, day0=start.isoformat())
    story.append(para(text, big, font))
    community = stay.get("destination_community") or L("community_unknown")
    story.append(para(L("release_rules", community=community), big, font))
    story.append(Spacer(1, 12 * mm))
    right = [para(L("release_office", site=office or site_name), big, font),
             para(printed_at.date().isoformat(), big, font)]
    story.append(Table([["", right]], colWidths=[content_width() * 0.45, content_width() * 0.55],
                       style=TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)])))
    story.append(Spacer(1, 14 * mm))
    story.append(para(L("receipt"), big, font))
    sig = [[para(L("person_signature"), st["body"], font), "", para(L("date"), st["body"], font), ""]]
    story.append(Table(sig, colWidths=[32 * mm, 60 * mm, 16 * mm, 40 * mm], rowHeights=[12 * mm], hAlign="LEFT",
                       style=TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                         ("LINEBELOW", (1, 0), (1, 0), 0.5, RULE_COLOUR),
                                         ("LINEBELOW", (3, 0), (3, 0), 0.5, RULE_COLOUR)])))
    return story


def build_release_notices(stays: list[dict], target, *, site_name: str, lang: str = "zh_CN",
                          printed_at: datetime, font: FontChoice | None = None,
                          font_path: str | None = None, office: str | None = None,
                          printed_by: str = "") -> int:
    """One notice per stay, each on its own page (a day's releases printed in one go)."""
    font = font or register_fonts(font_path or None)
    story: list = []
    for i, stay in enumerate(stays):
        if i:
            story.append(PageBreak())
        story += notice_story(stay, site_name=site_name, lang=lang, printed_at=printed_at, font=font,
                              office=office)
    subtitle = stays[0].get("room") or "" if len(stays) == 1 else ""
    return build_pdf(target, story, title=label(lang, "release_notice_title"), lang=lang,
                          site_name=site_name, subtitle=subtitle, printed_at=printed_at, font=font,
                          printed_by=printed_by)


def build_release_notice(stay: dict, target, *, site_name: str, lang: str = "zh_CN",
                         printed_at: datetime, font: FontChoice | None = None,
                         font_path: str | None = None, office: str | None = None,
                         printed_by: str = "") -> int:
    return build_release_notices([stay], target, site_name=site_name, lang=lang, printed_at=printed_at,
                                 font=font, font_path=font_path, office=office, printed_by=printed_by)
