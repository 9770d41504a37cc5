"""Command line: the handover sheet, the daily report and the site's other papers.

    isolation-desk handover --db PATH [--date D] [--shift day|night] [--lang zh_CN|en] --out FILE.pdf
    isolation-desk report daily --db PATH [--date D] --out FILE.pdf|FILE.xlsx
    isolation-desk print roster|door-cards --db PATH --out FILE.pdf
    isolation-desk print release-notice --db PATH (--stay ID ... | --due D | --due-today) --out FILE.pdf
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from . import db_option, handle_errors, open_db
from .auth import signed_in

LANG = click.option("--lang", type=click.Choice(["zh_CN", "en"]), default="zh_CN", show_default=True,
                    help="Language of the printout.")
PDF_OUT = click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
                       help="The PDF file to write.")
DATE = click.option("--date", "day", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                    help="The date (YYYY-MM-DD).")


def _written(out: Path, pages: int | None = None, note: str | None = None) -> None:
    if pages is None:
        click.echo(f"written: {out}")
    else:
        click.echo(f"written: {out} ({pages} page{'s' if pages != 1 else ''})")
    if note:
        click.echo(note, err=True)


def _font_note(db) -> str | None:
    """A warning when the PDF had to use the built-in CID font (Chinese not embedded)."""
    from ..reports.fonts import register_fonts
    from ..services.site import get_settings
    font = register_fonts(get_settings(db)["pdf_font_path"] or None)
    if font.embedded:
        return None
    return ("warning: no Chinese TrueType font found; the PDF uses the built-in font STSong-Light, "
            "which is not embedded. Install one (e.g. fonts-wqy-microhei) or set pdf_font_path in the settings.")


@click.command()
@db_option()
@DATE
@click.option("--shift", "kind", type=click.Choice(["day", "night"]), default=None,
              help="Day or night shift (default: the current shift, or the one that has just ended).")
@LANG
@PDF_OUT
@handle_errors
@signed_in()
def handover(db_path, day, kind, lang, out, actor):
    """The shift handover sheet (交接班记录) as an A4 PDF."""
    from ..services import papers
    now = datetime.now().replace(microsecond=0)
    db = open_db(db_path)
    try:
        pages = papers.write_handover(db, out, now, actor=actor, day=day.date() if day else None, kind=kind, lang=lang)
        note = _font_note(db)
    finally:
        db.close()
    _written(out, pages, note)


@click.group()
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
@signed_in()
def report_daily(db_path, day, lang, notes, out, actor):
    """The daily report (census, arrivals, releases, transfers, positives, tests, supplies)
    in the columns of the site's template."""
    from ..services import papers
    now = datetime.now().replace(microsecond=0)
    db = open_db(db_path)
    try:
        pages = papers.write_daily_report(db, out, now, actor=actor, day=day.date() if day else None, lang=lang,
                                          notes=notes)
        note = _font_note(db) if pages is not None else None
    finally:
        db.close()
    _written(out, pages, note)


@report.command("template")
@db_option()
@click.option("--set", "columns", default=None,
              help="Comma-separated fields, each optionally field=Heading (e.g. "
                   "'date,site,persons_in_residence=在住').")
@click.option("--reset", is_flag=True, help="Go back to the default columns.")
@handle_errors
@signed_in()
def report_template(db_path, columns, reset, actor):
    """Show or change the daily report's columns."""
    from ..services import site_figures
    now = datetime.now().replace(microsecond=0)
    db = open_db(db_path)
    try:
        if reset:
            site_figures.set_daily_template(db, site_figures.DEFAULT_DAILY_TEMPLATE, actor, now)
        elif columns is not None:
            cols = []
            for part in columns.split(","):
                field, _, title = part.strip().partition("=")
                cols.append({"field": field.strip(), **({"title": title.strip()} if title.strip() else {})})
            site_figures.set_daily_template(db, cols, actor, now)
        for c in site_figures.daily_template(db):
            click.echo(c["field"] + (f"={c['title']}" if c.get("title") else ""))
        click.echo("available: " + ", ".join(site_figures.DAILY_FIELDS))
    finally:
        db.close()


@click.group(name="print")
def print_group():
    """Print the site's papers as PDF."""


@print_group.command("roster")
@db_option()
@LANG
@PDF_OUT
@handle_errors
@signed_in()
def print_roster(db_path, lang, out, actor):
    """Everybody on site, by room (在住人员名单), ID numbers masked."""
    from ..services import papers
    now = datetime.now().replace(microsecond=0)
    db = open_db(db_path)
    try:
        pages = papers.write_roster(db, out, now, actor=actor, lang=lang)
        note = _font_note(db)
    finally:
        db.close()
    _written(out, pages, note)


@print_group.command("door-cards")
@db_option()
@LANG
@click.option("--room", "rooms", multiple=True, help="Only these rooms (e.g. A-0201); repeatable.")
@click.option("--building", default=None, help="Only this building (code, e.g. A).")
@click.option("--floor", type=int, default=None, help="Only this floor (with --building).")
@PDF_OUT
@handle_errors
@signed_in()
def print_door_cards(db_path, lang, rooms, building, floor, out, actor):
    """Door cards of occupied rooms: room, occupant, dates, QR code of the stay."""
    from ..services import papers
    now = datetime.now().replace(microsecond=0)
    db = open_db(db_path)
    try:
        pages = papers.write_door_cards(db, out, now, actor=actor, rooms=list(rooms), building=building,
                                        floor=floor, lang=lang)
        note = _font_note(db)
    finally:
        db.close()
    _written(out, pages, note)


@print_group.command("release-notice")
@db_option()
@click.option("--stay", "stay_ids", type=int, multiple=True,
              help="The stay's number (as on its door card); repeatable.")
@click.option("--due", "due", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Instead of --stay: everybody due for release on this date (YYYY-MM-DD), overdue included.")
@click.option("--due-today", is_flag=True, help="Instead of --stay: everybody due for release today.")
@LANG
@PDF_OUT
@handle_errors
@signed_in()
def print_release_notice(db_path, stay_ids, due, due_today, lang, out, actor):
    """Release notices (解除隔离告知书) with home-monitoring dates, one per page."""
    from ..services import papers
    if not stay_ids and not due and not due_today:
        raise click.UsageError("give --stay ID, --due DATE or --due-today")
    now = datetime.now().replace(microsecond=0)
    db = open_db(db_path)
    left_out: list = []
    try:
        pages = papers.write_release_notices(db, out, now, actor=actor, stay_ids=list(stay_ids) or None,
                                             due_on=due.date() if due else None, lang=lang,
                                             left_out=left_out)
        note = _font_note(db)
    finally:
        db.close()
    _written(out, pages, note)
    from ..messages import describe
    for _stay, refusal in left_out:  # not releasable now: no notice (issue 14)
        click.echo(f"left out: {describe(refusal)}", err=True)
