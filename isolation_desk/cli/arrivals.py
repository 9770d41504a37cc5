"""Command line: ``isolation-desk import arrivals FILE`` (a transfer list, 转运名单)."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import click

from . import db_option, handle_errors, open_db
from .auth import signed_in


def arrivals_report(result, preview, lang: str) -> dict:
    """The ``--json`` document: exactly rows, imported, duplicates, invalid."""
    from ..messages import describe
    return {
        "rows": result.rows,
        "imported": result.imported,
        "duplicates": result.duplicates,
        "invalid": [{"row": row, "field": field, "reason": describe(error, lang)}
                    for row, field, error in preview.invalid_cells()],
    }


@click.command("arrivals")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@db_option()
@click.option("--dry-run", is_flag=True,
              help="Check the list and report what would be imported; save nothing.")
@click.option("--json", "as_json", is_flag=True,
              help='Print {"rows", "imported", "duplicates", "invalid": [{"row", "field", "reason"}]} as JSON.')
@click.option("--refused", "refused_out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the refused rows with their reasons to this .xlsx, to send back.")
@click.option("--sheet", default=None, help="Sheet name (default: the sheet that opens first).")
@handle_errors
@signed_in()
def import_arrivals_command(file, db_path, dry_run, as_json, refused_out, sheet, actor):
    """Import a transfer list (xlsx, or csv in UTF-8 or GBK) as expected arrivals.

    Each row is valid, invalid (with a reason per cell) or a duplicate (already at the
    site, twice in the file, or the file was imported before). Valid rows are imported in
    one transaction; importing the same file again adds nothing. With --dry-run,
    "imported" counts the rows that would be imported. Exit 0 when the file was read,
    whatever its rows held; non-zero with a message when it could not be read.
    """
    from ..messages import current_language, describe
    from ..messages.imports import row_reasons
    from ..reports.refused_rows import write_refused_rows
    from ..services import arrivals_import as ai

    lang = current_language()
    now = datetime.now().replace(microsecond=0)
    db = open_db(db_path, create=False, check="quick")
    try:
        preview = ai.read_arrivals(db, file, now, sheet=sheet)
        result = ai.summary(preview) if dry_run else ai.import_arrivals(db, preview, actor, now)
    finally:
        db.close()
    if refused_out is not None and preview.refused:
        write_refused_rows(refused_out, preview.headers, preview.refused, lang)
    if as_json:
        click.echo(json.dumps(arrivals_report(result, preview, lang), ensure_ascii=False, indent=1))
        return
    verb = "would be imported" if dry_run else "imported"
    click.echo(f"{file.name}: {result.rows} rows, {result.imported} {verb}, "
               f"{result.duplicates} duplicates, {result.invalid} refused")
    if result.previous_import is not None:
        click.echo(describe(ai.already_imported_error(result.previous_import), lang))
    for row in preview.refused:
        click.echo(f"row {row.row} ({row.status}): " + "; ".join(row_reasons(row.errors, lang)))
    if refused_out is not None and preview.refused:
        click.echo(f"refused rows written to {refused_out}")
    if dry_run:
        click.echo("dry run: nothing was saved")
