"""Command line: the handover sheet, the daily report and the site's other papers.

    isolation-desk handover --db PATH [--date D] [--shift day|night] [--lang zh_CN|en] --out FILE.pdf
    isolation-desk report daily --db PATH [--date D] --out FILE.pdf|FILE.xlsx
    isolation-desk print roster|door-cards --db PATH --out FILE.pdf
    isolation-desk print release-notice --db PATH --stay ID --out FILE.pdf
"""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

from ..domain.errors import DomainError
from . import db_option, handle_errors, main, open_db

LANG = click.option("--lang", type=click.Choice(["zh_CN", "en"]), default="zh_CN", show_default=True,
                    help="Language of the printout.")
PDF_OUT = click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
                       help="The PDF file to write.")
DATE = click.option("--date", "day", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                    help="The date (YYYY-MM-DD).")


def _font_path(db) -> str | None:
    from ..services.site import get_settings
    return get_settings(db)["pdf_font_path"] or None


def _check_suffix(out: Path, allowed: tuple[str, ...]) -> str:
    suffix = out.suffix.lower()
    if suffix not in allowed:
        raise DomainError("output_format_unknown", path=str(out), formats=" / ".join(allowed))
    return suffix


def _written(out: Path, pages: int | None = None) -> None:
    if pages is None:
        click.echo(f"written: {out}")
    else:
        click.echo(f"written: {out} ({pages} page{'s' if pages != 1 else ''})")


@main.command()
@db_option()
@DATE
@click.option("--shift", "kind", type=click.Choice(["day", "night"]), default=None,
              help="Day or night shift (default: the current shift, or the one that has just ended).")
@LANG
@PDF_OUT
@handle_errors
def handover(db_path, day, kind, lang, out):
    """The shift handover sheet (交接班记录) as an A4 PDF."""
    from ..reports.handover import build_handover
    from ..services import shift
    _check_suffix(out, (".pdf",))
    now = datetime.now().replace(microsecond=0)
    db = open_db(db_path)
    try:
        sh = shift.resolve_shift(db, now, day.date() if day else None, kind)
        summary = shift.shift_summary(db, sh, now)
        pages = build_handover(summary, out, lang=lang, printed_at=now, font_path=_font_path(db))
    finally:
        db.close()
    _written(out, pages)


@main.group()
def report():
    """Reports to headquarters."""


@report.command("daily")
@db_option()
@DATE
@LANG
@click.option("--notes", default="", help="Text for the notes column.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="FILE.pdf or FILE.xlsx.")
@handle_errors
def report_daily(db_path, day, lang, notes, out):
    """The daily report (census, arrivals, releases, transfers, positives, tests, supplies)
    in the columns of the site's template."""
    from ..reports.daily_report import build_daily_pdf, write_daily_xlsx
    from ..services import shift
    suffix = _check_suffix(out, (".pdf", ".xlsx"))
    now = datetime.now().replace(microsecond=0)
    db = open_db(db_path)
    try:
        figures = shift.daily_figures(db, day.date() if day else now.date(), now, notes=notes)
        template = shift.daily_template(db)
        if suffix == ".pdf":
            pages = build_daily_pdf(figures, template, out, lang=lang, printed_at=now, font_path=_font_path(db))
        else:
            write_daily_xlsx(figures, template, out, lang=lang)
            pages = None
    finally:
        db.close()
    _written(out, pages)


@report.command("template")
@db_option()
@click.option("--set", "columns", default=None,
              help="Comma-separated fields, each optionally field=Heading (e.g. 'date,site,persons_in_residence=在住').")
@click.option("--reset", is_flag=True, help="Go back to the default columns.")
@handle_errors
def report_template(db_path, columns, reset):
    """Show or change the daily report's columns."""
    from ..domain.roles import SYSTEM
    from ..services import shift
    now = datetime.now().replace(microsecond=0)
    db = open_db(db_path)
    try:
        if reset:
            shift.set_daily_template(db, shift.DEFAULT_DAILY_TEMPLATE, SYSTEM, now)
        elif columns is not None:
            cols = []
            for part in columns.split(","):
                field, _, title = part.strip().partition("=")
                cols.append({"field": field.strip(), **({"title": title.strip()} if title.strip() else {})})
            shift.set_daily_template(db, cols, SYSTEM, now)
        for c in shift.daily_template(db):
            click.echo(c["field"] + (f"={c['title']}" if c.get("title") else ""))
        click.echo("available: " + ", ".join(shift.DAILY_FIELDS))
    finally:
        db.close()


@main.group(name="print")
def print_group():
    """Print the site's papers as PDF."""


@print_group.command("roster")
@db_option()
@LANG
@PDF_OUT
@handle_errors
def print_roster(db_path, lang, out):
    """Everybody on site, by room (在住人员名单), ID numbers masked."""
    from ..reports.roster import build_roster
    from ..services import queries, shift
    from ..services.site import get_settings
    _check_suffix(out, (".pdf",))
    now = datetime.now().replace(microsecond=0)
    db = open_db(db_path)
    try:
        rows = [queries.occupant_row(s, now.date()) for s in shift.roster(db, now)]
        pages = build_roster(rows, out, site_name=get_settings(db).site_name, lang=lang, printed_at=now,
                             font_path=_font_path(db))
    finally:
        db.close()
    _written(out, pages)


@print_group.command("door-cards")
@db_option()
@LANG
@click.option("--room", "rooms", multiple=True, help="Only these rooms (e.g. A-0201); repeatable.")
@PDF_OUT
@handle_errors
def print_door_cards(db_path, lang, rooms, out):
    """Door cards of occupied rooms: room, occupant, dates, QR code of the stay."""
    from ..reports.door_cards import build_door_cards
    from ..services import shift
    from ..services.site import get_settings
    _check_suffix(out, (".pdf",))
    now = datetime.now().replace(microsecond=0)
    db = open_db(db_path)
    try:
        stays = shift.roster(db, now)
        if rooms:
            wanted = {r.strip().upper() for r in rooms}
            stays = [s for s in stays if (s["room"] or "").upper() in wanted]
        pages = build_door_cards(stays, out, site_name=get_settings(db).site_name, lang=lang, printed_at=now,
                                 font_path=_font_path(db))
    finally:
        db.close()
    _written(out, pages)


@print_group.command("release-notice")
@db_option()
@click.option("--stay", "stay_id", type=int, required=True, help="The stay's number (as on its door card).")
@LANG
@PDF_OUT
@handle_errors
def print_release_notice(db_path, stay_id, lang, out):
    """The release notice (解除隔离告知书) of one occupant, with home-monitoring dates."""
    from ..reports.release_notice import build_release_notice
    from ..services import shift
    from ..services.site import get_settings
    _check_suffix(out, (".pdf",))
    now = datetime.now().replace(microsecond=0)
    db = open_db(db_path)
    try:
        stay = shift.stay_for_paper(db, stay_id)
        pages = build_release_notice(stay, out, site_name=get_settings(db).site_name, lang=lang,
                                     printed_at=now, font_path=_font_path(db))
    finally:
        db.close()
    _written(out, pages)
