"""Command line: backup, restore, users (add, list, passwd, deactivate, activate), audit.

Passwords are never taken from the command line (other users could read them in the
process list): they are asked for twice on the terminal, or read from standard input
with ``--password-stdin`` for scripted set-ups.
"""
from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

import click

from ..domain.errors import DomainError
from ..domain.roles import ROLES
from ..domain.vocabulary import Role
from . import db_option, fail, handle_errors, open_db, resolve_db
from .auth import NO_ACCOUNT, signed_in


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _open(db_path, create: bool = False, readonly: bool = False):
    return open_db(db_path, create=create, check="quick", readonly=readonly)


def _read_password(password_stdin: bool, prompt: str = "Password") -> str:
    """A new password: the next line of standard input with --password-stdin (after the
    signing-in person's own, when there is one), otherwise asked for twice."""
    if password_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    return click.prompt(prompt, hide_input=True, confirmation_prompt=True)


@click.command()
@db_option()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the backup to FILE (default: the backups folder beside the database, rotated).")
@click.option("--list", "list_only", is_flag=True, help="List the backups in the backups folder and exit.")
@handle_errors
@signed_in("backup")
def backup(db_path, out, list_only, actor):
    """Back up the database through SQLite's online backup API (safe while the window is open)."""
    from ..services import backup as backups
    path = resolve_db(db_path)
    if list_only:
        for b in backups.list_backups(path):
            click.echo(f"{b.taken_at:%Y-%m-%d %H:%M:%S}  {b.kind:<14} {b.size:>12}  {b.path}")
        return
    if not path.exists():
        raise DomainError("database_missing", path=str(path))
    db = _open(path)
    try:
        written = backups.backup_now(db, actor, _now(), out=out)
    finally:
        db.close()
    click.echo(f"backup written to {written}")


@click.command()
@db_option()
@click.argument("backup_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@handle_errors
@signed_in("backup")
def restore(db_path, backup_file, yes, actor):
    """Replace the database with BACKUP_FILE. The backup is checked first and the current
    file is backed up before it is replaced. Refused while the window has the file open."""
    from ..services import backup as backups
    path = resolve_db(db_path)
    from .auth import current_key
    verdict = backups.check_file(backup_file, current_key())
    if verdict != "ok":
        from ..storage.database import StorageError
        raise StorageError("backup_damaged", path=str(backup_file), detail=verdict)
    if not yes and sys.stdin.isatty():
        click.confirm(f"Replace {path} with {backup_file}? (the current file is backed up first)",
                      abort=True)
    # the site lock, held exclusive by the restore itself, waits for running commands and
    # refuses while a window has the file open
    safety = backups.restore(path, backup_file, actor, _now(), key=current_key())
    click.echo(f"restored {path} from {backup_file}")
    if safety:
        click.echo(f"the replaced file was kept as {safety}")


@click.group()
def users():
    """User accounts (the first manager account can be created here, headless)."""


@users.command("add")
@db_option()
@click.argument("username")
@click.option("--name", "display_name", required=True, help="The person's name as the records show it.")
@click.option("--role", type=click.Choice(ROLES), default=Role.MANAGER.value, show_default=True,
              help="What the account may do.")
@click.option("--recovery-sheet", "recovery_sheet", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="A new site: also write its recovery sheet (PDF) here, to print and lock away.")
@handle_errors
@signed_in(optional=True)
def users_add(db_path, username, display_name, role, recovery_sheet, password_stdin, actor):
    """Add a user (signed in as a manager). On a database without users this creates the
    first manager account, without signing in. With --password-stdin: your own password on
    the first line, the new account's on the second (only the new one for the first account)."""
    from ..services import accounts, encryption
    from ..storage import keyring
    path = resolve_db(db_path)
    new_site = not path.exists() or path.stat().st_size == 0
    if actor is None and encryption.is_encrypted(path):
        fail(NO_ACCOUNT)
    key = None
    if new_site:
        if role != Role.MANAGER:
            raise DomainError("no_users")
        db, key = encryption.create_site_file(path)  # a new site is encrypted from the start
    else:
        db = _open(db_path, create=True)
    try:
        if not accounts.has_users(db):
            if role != Role.MANAGER:
                raise DomainError("no_users")
            password = _read_password(password_stdin)
            first = accounts.create_first_manager(db, username, display_name, password, _now())
            click.echo(f"first manager account '{first.username}' created")
            if key is not None:
                click.echo("The site file is encrypted. Its recovery code opens it when every "
                           "password is forgotten; write it down now and lock it away "
                           "(the window prints it as a recovery sheet):", err=True)
                click.echo(f"recovery code: {keyring.recovery_code(key)}", err=True)
                if recovery_sheet is not None:
                    encryption.write_recovery_sheet(db, key, recovery_sheet, first, _now())
                    click.echo(f"recovery sheet written to {recovery_sheet}", err=True)
        else:
            if actor is None:
                fail(NO_ACCOUNT)
            actor.require("users")
            password = _read_password(password_stdin)
            accounts.create_user(db, username, display_name, role, password, actor, _now())
            click.echo(f"user '{accounts.normalize_username(username)}' ({role}) created")
    finally:
        db.close()


@users.command("list")
@db_option()
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
@handle_errors
@signed_in("users")
def users_list(db_path, as_json, actor):
    """List user accounts (never their passwords)."""
    from ..services import accounts
    db = _open(db_path, readonly=True)
    try:
        rows = accounts.list_users(db)
    finally:
        db.close()
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for r in rows:
        state = "active" if r["active"] else "inactive"
        if r["locked_until"] and r["locked_until"] > _now().isoformat():
            state += f", locked until {r['locked_until']}"
        click.echo(f"{r['username']:<20} {r['role']:<11} {state:<10} {r['display_name']}")


@users.command("passwd")
@db_option()
@click.argument("username")
@handle_errors
@signed_in("users")
def users_passwd(db_path, username, password_stdin, actor):
    """Set a new password for USERNAME (and lift a lock-out). With --password-stdin: your
    own password on the first line, the new one on the second."""
    from ..services import accounts
    db = _open(db_path)
    try:
        password = _read_password(password_stdin, "New password")
        accounts.reset_password(db, username, password, actor, _now())
    finally:
        db.close()
    click.echo(f"password of '{username}' changed")


@users.command("deactivate")
@db_option()
@click.argument("username")
@handle_errors
@signed_in("users")
def users_deactivate(db_path, username, actor):
    """Deactivate USERNAME (users are never deleted: the audit trail names them)."""
    from ..services import accounts
    db = _open(db_path)
    try:
        accounts.set_active(db, username, False, actor, _now())
    finally:
        db.close()
    click.echo(f"user '{username}' deactivated")


@users.command("activate")
@db_option()
@click.argument("username")
@handle_errors
@signed_in("users")
def users_activate(db_path, username, actor):
    """Reactivate USERNAME."""
    from ..services import accounts
    db = _open(db_path)
    try:
        accounts.set_active(db, username, True, actor, _now())
    finally:
        db.close()
    click.echo(f"user '{username}' activated")


@click.command("recover")
@db_option()
@click.argument("username")
@click.option("--password-stdin", is_flag=True,
              help="Read the recovery code, then the new password, from standard input (one a line).")
@handle_errors
def recover(db_path, username, password_stdin):
    """Every password lost: open the encrypted site with the recovery code from its recovery
    sheet and give the manager USERNAME a new password (and so a key slot)."""
    from ..services import encryption
    from ..storage import keyring
    path = resolve_db(db_path)
    if not encryption.is_encrypted(path) and not path.exists():
        raise DomainError("database_missing", path=str(path))
    if password_stdin:
        code = sys.stdin.readline().strip()
    else:
        code = click.prompt("Recovery code", hide_input=True, err=True)
    keyring.parse_recovery_code(code)  # a mistyped code is said before the password is asked
    password = _read_password(password_stdin, "New password")
    manager = encryption.recover_manager(path, code, username, password, _now())
    click.echo(f"'{manager.username}' has a new password; sign in with it and give the others "
               f"new passwords (users passwd NAME)")


@click.command("audit")
@db_option()
@click.option("--by", "by_user", default=None, help="Only entries by this user.")
@click.option("--action", default=None, help="Only this action (e.g. check_in, print_roster).")
@click.option("--entity", default=None, help="Only entries about this kind of record (e.g. stay, user).")
@click.option("--since", default=None, help="From this date (2022-11-20) or time.")
@click.option("--limit", type=click.IntRange(1, 1_000_000), default=200, show_default=True,
              help="At most this many entries.")
@handle_errors
@signed_in("audit")
def audit_cmd(db_path, by_user, action, entity, since, limit, actor):
    """Print the audit trail, newest first; fail when its hash chain is broken or entries
    that the newest backup holds were cut off or rewritten."""
    from ..services import accounts
    db = _open(db_path)
    try:
        rows = accounts.audit_trail(db, actor, accounts.AuditFilter(
            actor=by_user, action=action, entity=entity, since=since, limit=limit))
        broken = accounts.audit_chain_problems(db)
        from ..services.backup import audit_anchor
        anchor = audit_anchor(db)
        if anchor is not None:
            broken = sorted(set(broken) | set(accounts.audit_backup_mismatches(db, anchor.path)))
    finally:
        db.close()
    for r in rows:
        click.echo(json.dumps(r, ensure_ascii=False))
    if broken:
        raise DomainError("audit_chain_broken", ids=", ".join(map(str, broken[:10])))
