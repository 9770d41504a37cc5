"""The site's papers written to a file: one function per paper, used by the command line and
by the screens alike, so that a sheet printed from the window and one written by
``isolation-desk`` are the same document (data from services.shift, layout from reports/).

Papers that name people are personal data on paper: who made which one, and when, goes into
the audit trail (one entry per paper, after it was written), and the roster, door cards
and release notices (full ID number) need the ``view_personal`` permission."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.errors import DomainError
from ..domain.roles import Actor
from ..domain.vocabulary import ON_SITE, StayStatus
from ..storage import repositories as repo
from ..storage.database import Database
from . import queries, shift, shift_summary, site_figures
from .changes import Kind, writes
from .site import get_settings
from .testing.common import Row

if TYPE_CHECKING:
    from ..reports.fonts import FontChoice

PAPERS = ("handover", "roster", "door_cards", "release_notice", "sampling_list", "restock", "daily_report")


def _font_path(db: Database) -> str | None:
    return get_settings(db)["pdf_font_path"] or None


@writes(Kind.AUDIT)
def record_printed(db: Database, actor: Actor, paper: str, now: datetime, **details: object) -> None:
    """One audit entry: ``actor`` printed or saved ``paper`` (for papers made outside the
    writers below, e.g. the handover sheet the screen previews and prints)."""
    with db.transaction():
        repo.audit(db, actor=actor.username, action=f"print_{paper}", entity="paper", entity_id=paper,
                   after={k: v for k, v in details.items() if v is not None}, at=now)


def _suffix(path: str | Path, allowed: tuple[str, ...]) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in allowed:
        raise DomainError("output_format_unknown", path=str(path), formats=" / ".join(allowed))
    return suffix


@writes(Kind.AUDIT)
def write_handover(db: Database, path: str | Path, now: datetime, *, actor: Actor, day: date | None = None,
                   kind: str | None = None, lang: str = "zh_CN", font: FontChoice | None = None) -> int:
    """The handover sheet of the given shift (default: current or just finished). Pages."""
    from ..reports.handover import build_handover
    _suffix(path, (".pdf",))
    sh = shift.resolve_shift(db, now, day, kind)
    summary = shift_summary.shift_summary(db, sh, now)
    pages = build_handover(summary, path, lang=lang, printed_at=now, font=font, font_path=_font_path(db),
                           printed_by=actor.label())
    record_printed(db, actor, "handover", now, shift=f"{sh.date.isoformat()} {sh.kind}", pages=pages)
    return pages


@writes(Kind.AUDIT)
def write_roster(db: Database, path: str | Path, now: datetime, *, actor: Actor, lang: str = "zh_CN",
                 font: FontChoice | None = None) -> int:
    from ..reports.roster import build_roster
    actor.require("view_personal")
    _suffix(path, (".pdf",))
    rows = [queries.occupant_row(s, now.date()) for s in site_figures.roster(db, now)]
    pages = build_roster(rows, path, site_name=get_settings(db).site_name, lang=lang, printed_at=now,
                         font=font, font_path=_font_path(db), printed_by=actor.label())
    record_printed(db, actor, "roster", now, people=len(rows), pages=pages)
    return pages


@writes(Kind.AUDIT)
def write_door_cards(db: Database, path: str | Path, now: datetime, *, actor: Actor, rooms: list[str] | None = None,
                     building: str | None = None, floor: int | None = None,
                     lang: str = "zh_CN", font: FontChoice | None = None) -> int:
    """Door cards of the occupied rooms: all, one building (``building``), one floor
    (``building`` and ``floor``) or the given rooms (codes such as A-0201)."""
    from ..reports.door_cards import build_door_cards
    actor.require("view_personal")
    _suffix(path, (".pdf",))
    stays = site_figures.roster(db, now)
    if building:
        stays = [s for s in stays if (s["building"] or "").upper() == building.strip().upper()
                 and (floor is None or s["floor"] == floor)]
    if rooms:
        wanted = {r.strip().upper() for r in rooms}
        stays = [s for s in stays if (s["room"] or "").upper() in wanted]
    if not stays:
        raise DomainError("no_occupied_rooms")
    pages = build_door_cards(stays, path, site_name=get_settings(db).site_name, lang=lang, printed_at=now,
                             font=font, font_path=_font_path(db), printed_by=actor.label())
    record_printed(db, actor, "door_cards", now, rooms=sorted(rooms) if rooms else "all", building=building,
                   floor=floor, pages=pages)
    return pages


@writes(Kind.AUDIT)
def write_release_notice(db: Database, stay_id: int, path: str | Path, now: datetime, *, actor: Actor,
                         lang: str = "zh_CN", font: FontChoice | None = None) -> int:
    return write_release_notices(db, path, now, actor=actor, stay_ids=[stay_id], lang=lang, font=font)


def notice_refusal(db: Database, stay: Row, now: datetime) -> DomainError | None:
    """Why no release notice may be printed for ``stay`` now (None: it may). A notice is for a
    person released, or releasable now: not awaiting transfer, no fever, no missing test, not
    before the date (services.stays.release_check, the rule the release itself obeys)."""
    from .stays import release_check
    if stay["status"] == StayStatus.RELEASED:
        return None
    if stay["status"] not in ON_SITE:
        return DomainError("stay_not_on_site", name=stay["name"], status=stay["status"])
    decision = release_check(db, stay["id"], now)
    if decision.allowed:
        return None
    from ..domain.errors import Refused
    return Refused("release_notice_not_releasable", list(decision.reasons), name=stay["name"],
                   **decision.details)


def release_notice_refusal(db: Database, stay_id: int, now: datetime) -> DomainError | None:
    """For a window: why the notice of this stay cannot be printed now (None: it can)."""
    return notice_refusal(db, site_figures.stay_for_paper(db, stay_id), now)


@writes(Kind.AUDIT)
def write_release_notices(db: Database, path: str | Path, now: datetime, *, actor: Actor,
                          stay_ids: list[int] | None = None,
                          due_on: date | None = None, lang: str = "zh_CN", font: FontChoice | None = None,
                          left_out: list[tuple[Row, DomainError]] | None = None) -> int:
    """Release notices of the given stays, or of everybody due for release on ``due_on``
    (overdue included), one per page. A person not releasable now gets no notice: named
    stays are refused (``release_notice_not_releasable``); of a day's list they are left out
    (appended to ``left_out`` as (stay, reason), for the caller to say)."""
    from ..reports.release_notice import build_release_notices
    actor.require("view_personal")
    _suffix(path, (".pdf",))
    if stay_ids:
        stays = [site_figures.stay_for_paper(db, i) for i in stay_ids]
        for stay in stays:
            refusal = notice_refusal(db, stay, now)
            if refusal is not None:
                raise refusal
    else:
        due = site_figures.release_due_stays(db, due_on or now.date())
        if not due:
            raise DomainError("no_releases_due", day=(due_on or now.date()).isoformat())
        stays = []
        for stay in due:
            refusal = notice_refusal(db, stay, now)
            if refusal is None:
                stays.append(stay)
            elif left_out is not None:
                left_out.append((stay, refusal))
        if not stays:
            first = notice_refusal(db, due[0], now)
            assert first is not None  # every stay due was refused
            raise first
    settings = get_settings(db)
    pages = build_release_notices(stays, path, site_name=settings.site_name,
                                  office=settings["command_office"] or settings.site_name, lang=lang,
                                  printed_at=now, font=font, font_path=_font_path(db),
                                  printed_by=actor.label())
    record_printed(db, actor, "release_notices", now, stays=[s["id"] for s in stays], pages=pages)
    return pages


@writes(Kind.AUDIT)
def write_sampling_list(db: Database, path: str | Path, now: datetime, *, actor: Actor, day: date | None = None,
                        building: str | None = None, floor: int | None = None, lang: str = "zh_CN",
                        font: FontChoice | None = None) -> int:
    """The sampling list (核酸采样登记表) of ``day`` in room order: the site, a building or a floor."""
    from ..reports.sampling_list import build_sampling_list
    actor.require("view_personal")
    _suffix(path, (".pdf",))
    from .testing.sampling import sampling_list
    day = day or now.date()
    sl = sampling_list(db, day, building=building, floor=floor)
    pages = build_sampling_list(sl, path, day=day, now=now, site_name=get_settings(db).site_name, lang=lang,
                                building=building, floor=floor, font=font, font_path=_font_path(db),
                                printed_by=actor.label())
    record_printed(db, actor, "sampling_list", now, day=day.isoformat(), building=building, floor=floor,
                   pages=pages)
    return pages


@writes(Kind.AUDIT)
def write_restock(db: Database, path: str | Path, now: datetime, *, actor: Actor, lang: str = "zh_CN",
                  font: FontChoice | None = None) -> int:
    """The restock request (申领单): every item below its reorder level, with how much to ask for."""
    from ..reports.restock import build_restock
    from .supplies import restock_request
    actor.require("supplies")
    _suffix(path, (".pdf",))
    request = restock_request(db, now)
    occupants = queries.census(db)["occupied"]
    pages = build_restock(request, path, lang=lang, occupants=occupants, font=font, font_path=_font_path(db))
    record_printed(db, actor, "restock", now, items=len(request.rows), pages=pages)
    return pages


@writes(Kind.AUDIT)
def write_daily_report(db: Database, path: str | Path, now: datetime, *, actor: Actor, day: date | None = None,
                       lang: str = "zh_CN", notes: str = "", font: FontChoice | None = None) -> int | None:
    """PDF (returns pages) or xlsx (returns None), by the file name's ending."""
    from ..reports.daily_report import build_daily_pdf, write_daily_xlsx
    suffix = _suffix(path, (".pdf", ".xlsx"))
    figures = site_figures.daily_figures(db, day or now.date(), now, notes=notes)
    template = site_figures.daily_template(db)
    if suffix == ".pdf":
        pages = build_daily_pdf(figures, template, path, lang=lang, printed_at=now, font=font,
                                font_path=_font_path(db))
    else:
        write_daily_xlsx(figures, template, path, lang=lang)
        pages = None
    record_printed(db, actor, "daily_report", now, day=figures["date"].isoformat(), format=suffix.lstrip("."))
    return pages
