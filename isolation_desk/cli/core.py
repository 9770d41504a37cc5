"""demo, check, export occupants|rooms."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import click

from ..domain.errors import DomainError
from . import DEMO_PASSWORD, DEMO_USER, check_output, db_option, fail, handle_errors, open_db, resolve_db, write_rows
from .auth import NO_ACCOUNT, current_key, signed_in


@click.command()
@db_option()
@click.option("--rooms", type=click.IntRange(10, 60000), default=300, show_default=True,
              help="About how many rooms the demo site has.")
@click.option("--seed", type=int, default=1, show_default=True, help="Random seed (same seed, same site).")
@click.option("--force", is_flag=True, help="Replace an existing file at --db (needs a manager's account of it).")
@handle_errors
@signed_in(optional=True)
def demo(db_path, rooms, seed, force, actor):
    """Create a realistic demo site, dated relative to today, with the demo account
    (user 'demo', password 'demo-site', a manager)."""
    path = resolve_db(db_path)
    if path.exists() and path.stat().st_size > 0:
        if not force:
            fail(f"{path} already exists; use --force to replace it, or another --db.")
        from ..services.encryption import is_encrypted
        from ..storage.database import inspect
        if not is_encrypted(path):
            inspect(path)  # never delete a file that is not ours (an encrypted one: signed in)
        if actor is None:
            fail("replacing a site needs a manager's account of it: " + NO_ACCOUNT)
        actor.require("users")
        for suffix in ("", "-wal", "-shm", ".keys", ".auditkey"):
            p = Path(str(path) + suffix)
            if p.exists():
                p.unlink()
    counts = create_demo_site(path, rooms=rooms, seed=seed)
    click.echo(f"demo site written to {path}: {counts['rooms']} rooms, {counts['occupants']} occupants; "
               f"sign in as '{DEMO_USER}' with the password '{DEMO_PASSWORD}'")


@click.command()
@db_option()
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--anchor", "anchors", multiple=True, metavar="CODE",
              help="An audit anchor printed on a handover sheet (e.g. 1234-9f3a2b7c1d): check that "
                   "the trail still holds it; repeatable.")
@handle_errors
@signed_in(optional=True)
def check(db_path, as_json, anchors, actor):
    """Check the database: integrity, schema version, audit chain (and against the newest
    backup and any --anchor), counts. Exit 0 when healthy, otherwise 1 with the reason.
    Without an account (--user), only what needs no key: the file, its header and size,
    the backups."""
    if actor is None:
        if anchors:
            fail("checking an anchor needs an account: " + NO_ACCOUNT)
        _check_without_account(resolve_db(db_path), as_json)
        return
    import sqlite3

    from ..services import anchors as anchor_service
    from ..services.queries import health_report
    from ..storage import cipher
    from ..storage.database import StorageError
    from ..storage.repositories import audit_is_keyed
    path = resolve_db(db_path)
    for code in anchors:
        anchor_service.parse_anchor(code)  # a mistyped code is refused before anything
    try:
        db = open_db(db_path, create=False, readonly=True)
        try:
            report = health_report(db)
            report["audit_keyed"] = audit_is_keyed(db)
            report["audit_key_missing"] = db.audit_key_missing
            report["audit_anchor"] = anchor_service.current_anchor(db).code
            versus = anchor_service.compare_with_newest_backup(db)
            report["audit_backup"] = {"file": versus.backup, "missing_at_end": versus.missing_at_end,
                                      "rewritten": versus.rewritten}
            report["anchors"] = {code: anchor_service.check_anchor(db, code) or "ok" for code in anchors}
        finally:
            db.close()
    except StorageError as exc:
        if exc.code != "database_damaged":
            raise
        _report_damage(path, exc.params.get("detail", ""), as_json)
    except (cipher.DatabaseError + (sqlite3.DatabaseError,)) as exc:
        _report_damage(path, str(exc), as_json)
    problems = []
    if report["integrity"] != "ok":
        problems.append(_damage_sentence(path, report["integrity"]))
    if report["foreign_key_errors"]:
        problems.append(f"{report['foreign_key_errors']} rows point to missing rows (foreign keys)")
    if report["schema_version"] != report["supported_schema_version"]:
        problems.append(f"schema version {report['schema_version']}, expected {report['supported_schema_version']}")
    if report["audit_broken"]:
        ids = ", ".join(str(i) for i in report["audit_broken"][:10])
        problems.append(f"audit trail broken at entries {ids}: an entry was edited or deleted")
    if report["audit_key_missing"]:
        problems.append("the audit key file (<database>.auditkey) is missing: the sealed entries "
                        "cannot be verified; put back the one that belongs to this file")
    elif not report["audit_keyed"]:
        problems.append("the newest audit entries are not sealed with the site's key: the trail "
                        "was rewritten without it")
    ab = report["audit_backup"]
    if ab["missing_at_end"]:
        problems.append(f"{len(ab['missing_at_end'])} audit entries that the newest backup holds are "
                        f"missing at the end of the trail (from entry {ab['missing_at_end'][0]}): "
                        f"the trail was cut off (backup {ab['file']})")
    if ab["rewritten"]:
        ids = ", ".join(str(i) for i in ab["rewritten"][:10])
        problems.append(f"audit history rewritten: entries {ids} differ from the newest backup "
                        f"({ab['file']})")
    for code, verdict in report["anchors"].items():
        if verdict == "anchor_missing":
            problems.append(f"anchor {code}: the trail no longer reaches that entry (entries cut off)")
        elif verdict == "anchor_rewritten":
            problems.append(f"anchor {code}: another entry stands at that position (the history was "
                            f"rewritten, or cut off and written on)")
    report["problems"] = problems
    report["checked_by"] = actor.username
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        click.echo(f"database: {resolve_db(db_path)}")
        click.echo(f"schema version: {report['schema_version']}")
        click.echo(f"integrity: {report['integrity']}")
        click.echo(f"audit trail: {'intact' if not report['audit_broken'] else 'BROKEN'}"
                   f"; anchor now {report['audit_anchor']}")
        if ab["file"]:
            click.echo(f"audit trail against the newest backup: {'same' if versus.ok else 'DIFFERENT'}")
        for code, verdict in report["anchors"].items():
            click.echo(f"anchor {code}: {'held' if verdict == 'ok' else 'NOT HELD'}")
        for name, n in report["counts"].items():
            click.echo(f"  {name}: {n}")
        for p in problems:
            click.echo(f"PROBLEM: {p}", err=True)
    raise SystemExit(1 if problems else 0)


def _damage_sentence(path: Path, detail: str) -> str:
    """Damage in words, naming the newest backup that passes its check."""
    from ..domain.errors import DomainError
    from ..messages import describe
    from ..services.backup import latest_good_backup
    from ..storage.database import cut
    good = latest_good_backup(path, current_key())
    if good is None:
        return (describe(DomainError("database_damaged", path=str(path), detail=cut(detail, 200)))
                + " " + describe(DomainError("no_good_backup", path=str(path))))
    return describe(DomainError("database_damaged_newest_backup", path=str(path),
                                detail=cut(detail, 200), backup=str(good.path),
                                taken_at=good.taken_at.strftime("%Y-%m-%d %H:%M")))


def _report_damage(path: Path, detail: str, as_json: bool):
    """`check` on a file that cannot even be read: exit 1 with the words and the backup."""
    sentence = _damage_sentence(path, detail)
    if as_json:
        from ..services.backup import latest_good_backup
        good = latest_good_backup(path, current_key())
        click.echo(json.dumps({"integrity": detail, "problems": [sentence],
                               "newest_good_backup": str(good.path) if good else None},
                              ensure_ascii=False, indent=1))
    else:
        click.echo(f"database: {path}")
        click.echo(f"PROBLEM: {sentence}", err=True)
    raise SystemExit(1)


def _check_without_account(path: Path, as_json: bool) -> None:
    """What can be checked without signing in (and, once the file is encrypted, without its
    key): that the file is there and is ours, its size, that backups exist."""
    from ..services.backup import list_backups
    from ..storage.database import inspect
    if not path.exists():
        raise DomainError("database_missing", path=str(path))
    problems = []
    from ..services.encryption import is_encrypted
    from ..storage.keyring import KeySlots
    try:
        if is_encrypted(path):
            slots = KeySlots.load(path)
            if not slots.slots:
                problems.append("the file is encrypted but its key slots file is missing or empty: "
                                "only the recovery sheet opens it")
            header = f"encrypted ({len(slots.slots)} key slots)"
        else:
            inspect(path)
            header = "ok (not encrypted yet: encrypted at the first sign-in)"
    except DomainError as exc:  # reported with the other findings, not raised
        from ..messages import describe
        header = exc.code
        problems.append(describe(exc))
    backups = list_backups(path)
    report = {"database": str(path), "size": path.stat().st_size, "header": header,
              "backups": len(backups),
              "newest_backup": backups[0].taken_at.isoformat() if backups else None,
              "not_checked": "integrity, schema version, audit trail and counts need an account (--user NAME)",
              "problems": problems}
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        click.echo(f"database: {path} ({report['size']} bytes)")
        click.echo(f"header: {header}")
        click.echo(f"backups: {len(backups)}" + (f", newest {report['newest_backup']}" if backups
                                                  else " (none yet: the window takes one at every start)"))
        click.echo("integrity, schema version, audit trail and counts need an account: "
                   "run again with --user NAME.")
        for p in problems:
            click.echo(f"PROBLEM: {p}", err=True)
    raise SystemExit(1 if problems else 0)


def create_demo_site(path: Path, *, rooms: int, seed: int = 1) -> dict:
    """A demo site at ``path`` (a new file) with the demo account README names."""
    from ..services.accounts import create_first_manager
    from ..services.demo import build_demo
    from ..services.encryption import create_site_file
    db, _key = create_site_file(path)  # encrypted; the demo account's slot wraps the key
    try:
        now = datetime.now().replace(microsecond=0)
        counts = build_demo(db, rooms=rooms, seed=seed, now=now)
        create_first_manager(db, DEMO_USER, "演示负责人", DEMO_PASSWORD, now)
    finally:
        db.close()
    return counts


@click.group()
def export():
    """Export data as json, csv or xlsx."""


FORMAT = click.option("--format", "fmt", type=click.Choice(["json", "csv", "xlsx"]), default="json",
                      show_default=True, help="Output format.")
OUT = click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
                   help="Output file (json and csv go to standard output without it).")


@export.command("occupants")
@db_option()
@FORMAT
@OUT
@click.option("--all", "include_ended", is_flag=True, help="Include released and transferred people.")
@handle_errors
@signed_in("export_personal")  # refused before anything is read
def export_occupants(db_path, fmt, out, include_ended, actor):
    """Occupants (expected, in isolation, awaiting transfer) with full ID numbers."""
    check_output(fmt, out)
    from ..services.privacy import authorize_personal_export
    from ..services.queries import OCCUPANT_EXPORT_FIELDS, occupants_export
    db = open_db(db_path)
    try:
        now = datetime.now().replace(microsecond=0)
        rows = occupants_export(db, include_ended=include_ended)
        write_rows(rows, list(OCCUPANT_EXPORT_FIELDS), fmt, out, "occupants",
                   made_by=actor.label(), made_at=now)
        # personal data left the site: audited once the export is complete (a failed one,
        # e.g. on a full disk, leaves no file and no entry)
        authorize_personal_export(db, actor, "occupants", now, rows=len(rows),
                                  target=str(out) if out else "stdout")
    finally:
        db.close()


@export.command("rooms")
@db_option()
@FORMAT
@OUT
@handle_errors
@signed_in()
def export_rooms(db_path, fmt, out, actor):
    """Rooms with building, floor, beds and status."""
    check_output(fmt, out)
    from ..services.queries import ROOM_EXPORT_FIELDS, rooms_export
    db = open_db(db_path, readonly=True)
    try:
        rows = rooms_export(db)
    finally:
        db.close()
    write_rows(rows, list(ROOM_EXPORT_FIELDS), fmt, out, "rooms")
