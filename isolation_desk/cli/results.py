"""Command line: ``isolation-desk import results FILE``.

The ``import`` group lives here and is shared: cli/arrivals.py adds ``arrivals`` to it with
``from .results import import_group``.
"""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import click

from . import db_option, handle_errors, json_default, open_db
from .auth import signed_in


def results_json(report, lang: str) -> dict:
    """Exactly what ``import results --json`` prints. Each conflict and unmatched row carries
    its result (when it could be read), whether it was recorded anyway, its reason code and
    ``message``, the reason in words (in the place of the service's ``error``)."""
    from ..messages import describe

    def worded(entry: dict) -> dict:
        return {("message" if k == "error" else k): (describe(v, lang) if k == "error" else v)
                for k, v in entry.items()}
    return {"rows": report.rows, "recorded": report.recorded,
            "unmatched": [worded(u) for u in report.unmatched],
            "conflicts": [worded(c) for c in report.conflicts], "positives": report.positives,
            "positives_unmatched": len(report.positives_unmatched)}


@click.group("import")
def import_group():
    """Import spreadsheets (lab results, arrivals lists)."""


@import_group.command("results")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option()
@click.option("--dry-run", is_flag=True, help="Check the sheet and show what would happen; save nothing.")
@click.option("--json", "as_json", is_flag=True,
              help='Print {"rows", "recorded", "unmatched", "conflicts", "positives", '
                   '"positives_unmatched"} as JSON (conflicts and unmatched rows carry their result).')
@handle_errors
@signed_in()
def import_results_command(file, db_path, dry_run, as_json, actor):
    """Import a lab's results sheet (xlsx, or csv in UTF-8 or GBK), keyed by ID number.

    Rows are matched by ID number first. Rows for people not at the site are reported as
    unmatched; rows whose name does not match the ID number, or that contradict a recorded
    result, as conflicts. A positive result is handled as an emergency (awaiting transfer,
    alert, room-mates restarted) even when the name differs (the conflict then says
    "confirm identity"); only negatives wait for confirmation. Exits 1 when any positive
    row was not matched to a person.
    """
    from ..messages import current_language, describe
    from ..services.results_import import import_results
    lang = current_language()
    db = open_db(db_path, create=False, check="quick")
    try:
        report = import_results(db, file, actor, datetime.now().replace(microsecond=0), dry_run=dry_run)
    finally:
        db.close()
    lost = report.positives_unmatched
    if as_json:
        click.echo(json.dumps(results_json(report, lang), ensure_ascii=False, indent=1, default=json_default))
        if lost:
            raise SystemExit(1)  # a positive reached nobody: the caller must not carry on quietly
        return
    verb = "would be recorded" if dry_run else "recorded"
    click.echo(f"{file.name}: {report.rows} rows, {report.recorded} {verb}"
               + (f", {report.already} already recorded" if report.already else ""))
    for p in report.positives:
        click.echo(f"POSITIVE row {p['row']}: {p['name']} {p['room']}".rstrip())
    for u in report.unmatched:
        click.echo(f"unmatched row {u['row']}: {u['name']} {u['id_number']} - {describe(u['error'], lang)}")
    for c in report.conflicts:
        click.echo(f"conflict row {c['row']}: {c['name']} {c['id_number']} - {describe(c['error'], lang)}")
    if dry_run:
        click.echo("dry run: nothing was saved")
    if lost:
        click.echo(f"{len(lost)} POSITIVE row(s) not matched to a person (or contradicting a recorded result): "
                   + ", ".join(str(e["row"]) for e in lost) + " - find them now", err=True)
        raise SystemExit(1)


@click.command("sampling-list")
@db_option()
@click.option("--date", "day", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The day (default: today).")
@click.option("--building", default=None, help="Only this building (code, e.g. A).")
@click.option("--floor", type=click.IntRange(-1000, 1000), default=None, help="Only this floor (with --building).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the printable PDF here; without it, print the list as JSON.")
@click.option("--lang", type=click.Choice(["zh_CN", "en"]), default="zh_CN", show_default=True,
              help="Language of the printout.")
@handle_errors
@signed_in("view_personal")
def sampling_list_command(db_path, day, building, floor, out, lang, actor):
    """Today's sampling list in room order (the Tests screen's list), as a PDF or JSON."""
    from ..services.testing.sampling import sampling_list
    now = datetime.now().replace(microsecond=0)
    day = day.date() if day else now.date()
    db = open_db(db_path, create=False, check="quick")
    try:
        if out:
            from ..services.papers import write_sampling_list
            pages = write_sampling_list(db, out, now, actor=actor, day=day, lang=lang, building=building,
                                        floor=floor)
            click.echo(f"{out}: {pages} page(s)")
            return
        sl = sampling_list(db, day, building=building, floor=floor)
    finally:
        db.close()
    fields = ("room", "name", "id_masked", "kind", "purpose", "due_date", "sampled_at", "pool_code", "result")
    click.echo(json.dumps({"day": day.isoformat(), "due": sl.due, "sampled": sl.sampled,
                           "floors": [f.__dict__ for f in sl.floors],
                           "rows": [{k: r[k] for k in fields} for r in sl.rows]},
                          ensure_ascii=False, indent=1, default=json_default))
