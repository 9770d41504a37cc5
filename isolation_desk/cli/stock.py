"""Command line: stock commands.

``isolation-desk export stock`` writes the stock overview (the same forecast the supplies
screen shows); ``isolation-desk print restock`` writes the restock request (申领单) PDF.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from . import db_option, handle_errors, main, open_db, write_rows
from .auth import signed_in
from .core import FORMAT, OUT, export


def _print_group():
    # The `print` group belongs to cli/printing.py (imported before this module); make one
    # only if it is not there, so that `print restock` exists either way.
    group = main.commands.get("print")
    if group is None:
        @main.group(name="print")
        def print_group():
            """Print documents as PDF."""
        group = print_group
    return group


@export.command("stock")
@db_option()
@FORMAT
@OUT
@handle_errors
@signed_in()
def export_stock(db_path, fmt, out, actor):
    """Stock of every item: on hand, reorder level, days of supply, run-out date and the
    basis of the forecast (recent use or coming demand)."""
    from ..services.supplies import EXPORT_FIELDS, export_rows
    db = open_db(db_path)
    try:
        rows = export_rows(db, datetime.now())
    finally:
        db.close()
    write_rows(rows, list(EXPORT_FIELDS), fmt, out, "stock")


@_print_group().command("restock")
@db_option()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The PDF file to write.")
@click.option("--lang", type=click.Choice(["zh_CN", "en"]), default="zh_CN", show_default=True)
@handle_errors
@signed_in()
def print_restock(db_path, out, lang, actor):
    """The restock request (申领单) for every item below its reorder level."""
    from ..reports.restock import build_restock
    from ..services import queries
    from ..services.site import get_settings
    from ..services.supplies import restock_request
    db = open_db(db_path)
    try:
        now = datetime.now()
        request = restock_request(db, now)
        occupants = queries.census(db)["occupied"]
        font_path = get_settings(db)["pdf_font_path"] or None
    finally:
        db.close()
    pages = build_restock(request, out, lang=lang, occupants=occupants, font_path=font_path)
    click.echo(f"restock request written to {out}: {len(request.rows)} items, {pages} page(s)")
