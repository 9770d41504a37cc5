"""Named people on the command line.

Every command that reads personal data or writes anything runs as a person: ``--user NAME``
(or ``$ISOLATION_DESK_USER``) and that person's password, asked for on the terminal or read
from the first line of standard input with ``--password-stdin`` (never from the command line,
where other users could read it in the process list). The command signs in with the same
service as the window (five wrong passwords lock the account; the sign-in is audited), the
services check the role, and the audit trail names the person.

Only ``--help``, ``--version`` and ``--selftest`` run without an account; ``check`` without
one checks what it can and says the rest needs an account; ``demo`` on a new file creates
the demo account it prints.

One place for all commands: ``@signed_in`` adds the options and passes ``actor``.
"""
from __future__ import annotations

import functools
import inspect
import sys
from datetime import datetime

import click

from ..domain.roles import Actor

USER_ENV = "ISOLATION_DESK_USER"
NO_ACCOUNT = ("this command needs an account: give --user NAME (or set $ISOLATION_DESK_USER) "
              "and type your password when asked, or pipe it with --password-stdin.")


def read_password(password_stdin: bool, username: str) -> str:
    """The signing-in person's password: the first line of standard input with
    ``--password-stdin``, otherwise asked for (on standard error, so that a csv on standard
    output stays clean)."""
    if password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt(f"Password for {username}", hide_input=True, err=True)


def sign_in(db_path, username: str | None, password_stdin: bool, *,
            permission: str | None = None) -> Actor:
    """Open the file, sign ``username`` in with the password, close; the Actor the command
    runs as. Raises SystemExit(2) with one sentence when no user is given."""
    from ..services import encryption
    from ..storage.database import StorageError
    from . import fail, resolve_db
    if not username:
        fail(NO_ACCOUNT)
    path = resolve_db(db_path)
    if not path.exists():
        raise StorageError("database_missing", path=str(path))
    password = read_password(password_stdin, username)
    from ..storage.database import writable
    if not writable(path):  # a read-only folder or file: sign in without writing anything
        return _sign_in_read_only(path, username, password, permission)
    from ..storage.instance_lock import SiteLock
    # the sign-in writes (its audit entry, an upgrade): under the site lock, shared, as every
    # command (it waits for a restore)
    lock = SiteLock(path).acquire()
    try:
        was_plain = not encryption.is_encrypted(path)
        # the password unwraps the account's key slot, which opens the encrypted file; a plain
        # file (from before encryption) is encrypted in place on this first sign-in
        db, actor = encryption.open_signed_in(path, username, password,
                                              datetime.now().replace(microsecond=0), check=None)
    except BaseException:
        lock.release()
        raise
    db.on_close(lock.release)
    key = db.key
    if was_plain and key is not None:  # this sign-in encrypted the site (a manager's)
        from ..storage.keyring import recovery_code
        waiting = encryption.accounts_without_slot(db)
        click.echo("The site file is now encrypted. Its recovery code opens it when every "
                   "password is forgotten; write it down now and lock it away:", err=True)
        click.echo(f"recovery code: {recovery_code(key)}", err=True)
        if waiting:
            click.echo("These accounts need a new password (users passwd NAME) before they can "
                       "sign in: " + ", ".join(waiting), err=True)
    db.close()
    return _signed_in_as(actor, key, permission)


KEY_META = "isolation_desk.database_key"


def _signed_in_as(actor: Actor, key: bytes | None, permission: str | None) -> Actor:
    """Keep the unwrapped key for the command's own open (``current_key``), check the role."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.meta[KEY_META] = key
    if permission:
        actor.require(permission)
    return actor


def _sign_in_read_only(path, username: str, password: str, permission: str | None) -> Actor:
    """A file that cannot be written: the password is checked (and unwraps the slot of an
    encrypted file) but nothing is recorded; the command then opens the file read-only."""
    from ..services import accounts, encryption
    from ..storage.database import open_read_only
    from ..storage.keyring import KeySlots
    key = None
    if encryption.is_encrypted(path):
        key = KeySlots.load(path).open(accounts.normalize_username(username), password)
    db = open_read_only(path, key=key)
    try:
        actor = accounts.verify_read_only(db, username, password, datetime.now().replace(microsecond=0))
    finally:
        db.close()
    return _signed_in_as(actor, key, permission)


def current_key() -> bytes | None:
    """The database key the signed-in person's slot unwrapped (for this command only)."""
    ctx = click.get_current_context(silent=True)
    return ctx.meta.get(KEY_META) if ctx is not None else None


def account_options(fn):
    """``--user`` and ``--password-stdin`` (the latter passed on to a command that declares a
    ``password_stdin`` parameter: ``users add`` reads the new password from the next line)."""
    fn = click.option("--password-stdin", "password_stdin", is_flag=True,
                      help="Read your password from the first line of standard input.")(fn)
    fn = click.option("--user", "user", envvar=USER_ENV, default=None, metavar="NAME",
                      help="Your user name (default: $ISOLATION_DESK_USER); the password is asked for.")(fn)
    return fn


def signed_in(permission: str | None = None, *, optional: bool = False):
    """Decorator for a command: adds the account options, signs in before the command runs
    and passes ``actor``. ``permission``: checked here too (for commands whose service
    checks none, e.g. reads). ``optional``: without --user the command gets ``actor=None``
    (``check``, ``demo`` on a new file) instead of refusing."""
    def decorate(fn):
        wants = inspect.signature(fn).parameters

        @account_options
        @functools.wraps(fn)
        def wrapper(*args, user=None, password_stdin=False, **kwargs):
            if not optional or (user and _file_exists(kwargs.get("db_path"))):
                kwargs["actor"] = sign_in(kwargs.get("db_path"), user, password_stdin,
                                          permission=permission)
            else:
                kwargs["actor"] = None
            if "password_stdin" in wants:
                kwargs["password_stdin"] = password_stdin
            return fn(*args, **kwargs)
        return wrapper
    return decorate


def _file_exists(db_path) -> bool:
    from . import resolve_db
    path = resolve_db(db_path)
    return path.exists() and path.stat().st_size > 0
