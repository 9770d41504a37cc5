"""Command line: stock commands.

``isolation-desk export stock`` writes the stock overview (the same forecast the supplies
screen shows); ``isolation-desk print restock`` writes the restock request (申领单) PDF.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from . import check_output, db_option, handle_errors, open_db, write_rows
from .auth import signed_in
from .core import FORMAT, OUT


@click.command("stock")
@db_option()
@FORMAT
@OUT
@handle_errors
@signed_in()
def export_stock(db_path, fmt, out, actor):
    """Stock of every item: on hand, reorder level, days of supply, run-out date and the
    basis of the forecast (recent use or coming demand)."""
    check_output(fmt, out)
    from ..services.supplies import EXPORT_FIELDS, export_rows
    db = open_db(db_path, readonly=True)
    try:
        rows = export_rows(db, datetime.now())
    finally:
        db.close()
    write_rows(rows, list(EXPORT_FIELDS), fmt, out, "stock")


@click.command("restock")
@db_option()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The PDF file to write.")
@click.option("--lang", type=click.Choice(["zh_CN", "en"]), default="zh_CN", show_default=True,
              help="Language of the printout.")
@handle_errors
@signed_in()
def print_restock(db_path, out, lang, actor):
    """The restock request (申领单) for every item below its reorder level."""
    from ..services.papers import write_restock
    from ..services.supplies import restock_request
    db = open_db(db_path, readonly=True)
    try:
        now = datetime.now().replace(microsecond=0)
        request = restock_request(db, now)
        pages = write_restock(db, out, now, actor=actor, lang=lang)
    finally:
        db.close()
    click.echo(f"restock request written to {out}: {len(request.rows)} items, {pages} page(s)")
