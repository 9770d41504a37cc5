"""The site's papers written to a file: one function per paper, used by the command line and
by the screens alike, so that a sheet printed from the window and one written by
``isolation-desk`` are the same document (data from services.shift, layout from reports/).

Papers that name people are personal data on paper: who made which one, and when, goes into
the audit trail (one entry per paper, after it was written), and the roster, door cards
and release notices (full ID number) need the ``view_personal`` permission."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from ..domain.errors import DomainError
from ..domain.roles import Actor
from ..storage import repositories as repo
from ..storage.database import Database
from . import queries, shift
from .site import get_settings

PAPERS = ("handover", "roster", "door_cards", "release_notice", "daily_report")


def _font_path(db: Database) -> str | None:
    return get_settings(db)["pdf_font_path"] or None


def record_printed(db: Database, actor: Actor, paper: str, now: datetime, **details) -> None:
    """One audit entry: ``actor`` printed or saved ``paper`` (for papers made outside the
    writers below, e.g. the handover sheet the screen previews and prints)."""
    with db.transaction():
        repo.audit(db, actor=actor.username, action=f"print_{paper}", entity="paper", entity_id=paper,
                   after={k: v for k, v in details.items() if v is not None}, at=now)


def _suffix(path: Path, allowed: tuple[str, ...]) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in allowed:
        raise DomainError("output_format_unknown", path=str(path), formats=" / ".join(allowed))
    return suffix


def write_handover(db: Database, path, now: datetime, *, actor: Actor, day: date | None = None,
                   kind: str | None = None, lang: str = "zh_CN", font=None) -> int:
    """The handover sheet of the given shift (default: current or just finished). Pages."""
    from ..reports.handover import build_handover
    _suffix(path, (".pdf",))
    sh = shift.resolve_shift(db, now, day, kind)
    summary = shift.shift_summary(db, sh, now)
    pages = build_handover(summary, path, lang=lang, printed_at=now, font=font, font_path=_font_path(db),
                           printed_by=actor.label())
    record_printed(db, actor, "handover", now, shift=f"{sh.date.isoformat()} {sh.kind}", pages=pages)
    return pages


def write_roster(db: Database, path, now: datetime, *, actor: Actor, lang: str = "zh_CN", font=None) -> int:
    from ..reports.roster import build_roster
    actor.require("view_personal")
    _suffix(path, (".pdf",))
    rows = [queries.occupant_row(s, now.date()) for s in shift.roster(db, now)]
    pages = build_roster(rows, path, site_name=get_settings(db).site_name, lang=lang, printed_at=now,
                         font=font, font_path=_font_path(db), printed_by=actor.label())
    record_printed(db, actor, "roster", now, people=len(rows), pages=pages)
    return pages


def write_door_cards(db: Database, path, now: datetime, *, actor: Actor, rooms: list[str] | None = None,
                     lang: str = "zh_CN", font=None) -> int:
    from ..reports.door_cards import build_door_cards
    actor.require("view_personal")
    _suffix(path, (".pdf",))
    stays = shift.roster(db, now)
    if rooms:
        wanted = {r.strip().upper() for r in rooms}
        stays = [s for s in stays if (s["room"] or "").upper() in wanted]
    pages = build_door_cards(stays, path, site_name=get_settings(db).site_name, lang=lang, printed_at=now,
                             font=font, font_path=_font_path(db), printed_by=actor.label())
    record_printed(db, actor, "door_cards", now, rooms=sorted(rooms) if rooms else "all", pages=pages)
    return pages


def write_release_notice(db: Database, stay_id: int, path, now: datetime, *, actor: Actor,
                         lang: str = "zh_CN", font=None) -> int:
    return write_release_notices(db, path, now, actor=actor, stay_ids=[stay_id], lang=lang, font=font)


def write_release_notices(db: Database, path, now: datetime, *, actor: Actor, stay_ids: list[int] | None = None,
                          due_on: date | None = None, lang: str = "zh_CN", font=None) -> int:
    """Release notices of the given stays, or of everybody due for release on ``due_on``
    (overdue included), one per page."""
    from ..reports.release_notice import build_release_notices
    actor.require("view_personal")
    _suffix(path, (".pdf",))
    if stay_ids:
        stays = [shift.stay_for_paper(db, i) for i in stay_ids]
        for stay in stays:
            if stay["status"] not in ("in_isolation", "awaiting_transfer", "released"):
                raise DomainError("stay_not_on_site", name=stay["name"], status=stay["status"])
    else:
        stays = shift.release_due_stays(db, due_on or now.date())
        if not stays:
            raise DomainError("no_releases_due", day=(due_on or now.date()).isoformat())
    pages = build_release_notices(stays, path, site_name=get_settings(db).site_name, lang=lang, printed_at=now,
                                  font=font, font_path=_font_path(db), printed_by=actor.label())
    record_printed(db, actor, "release_notices", now, stays=[s["id"] for s in stays], pages=pages)
    return pages


def write_daily_report(db: Database, path, now: datetime, *, actor: Actor, day: date | None = None,
                       lang: str = "zh_CN", notes: str = "", font=None) -> int | None:
    """PDF (returns pages) or xlsx (returns None), by the file name's ending."""
    from ..reports.daily_report import build_daily_pdf, write_daily_xlsx
    suffix = _suffix(path, (".pdf", ".xlsx"))
    figures = shift.daily_figures(db, day or now.date(), now, notes=notes)
    template = shift.daily_template(db)
    if suffix == ".pdf":
        pages = build_daily_pdf(figures, template, path, lang=lang, printed_at=now, font=font,
                                font_path=_font_path(db))
    else:
        write_daily_xlsx(figures, template, path, lang=lang)
        pages = None
    record_printed(db, actor, "daily_report", now, day=figures["date"].isoformat(), format=suffix.lstrip("."))
    return pages
