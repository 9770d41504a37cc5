"""Running the command line in tests: ``run`` as given (no account), ``run_as`` signed in as
a person (``--user NAME --password-stdin``, the password on the first line of the input), and
reading a site file that the first sign-in has encrypted (``site_connection``)."""
from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from click.testing import CliRunner

from isolation_desk.cli import DEMO_PASSWORD, DEMO_USER, main

__all__ = ["DEMO_PASSWORD", "DEMO_USER", "ensure_account", "run", "run_as", "site_connection",
           "site_database", "site_key"]


def run(*args, input=None, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, env=env,
                              catch_exceptions=False)


def site_key(path, user: str = DEMO_USER, password: str = DEMO_PASSWORD) -> bytes | None:
    """The database key of an encrypted site (from ``user``'s slot); None for a plain file."""
    from isolation_desk.services import encryption
    from isolation_desk.storage.keyring import KeySlots
    if not encryption.is_encrypted(path):
        return None
    return KeySlots.load(path).open(user, password)


@contextmanager
def site_database(path, user: str = DEMO_USER, password: str = DEMO_PASSWORD, **kwargs):
    """The site file open as a Database (keyed when it is encrypted)."""
    from isolation_desk.storage.database import open_database
    db = open_database(path, create=False, key=site_key(path, user, password), **kwargs)
    try:
        yield db
    finally:
        db.close()


def site_connection(path, user: str = DEMO_USER, password: str = DEMO_PASSWORD):
    """A bare DB-API connection to the site file (as the sqlite3 shell, with the key)."""
    import sqlite3

    from isolation_desk.storage import cipher
    key = site_key(path, user, password)
    return cipher.connect(path, key) if key is not None else sqlite3.connect(path)


def ensure_account(path, user: str = DEMO_USER, password: str = DEMO_PASSWORD,
                   role: str = "manager", display_name: str = "演示负责人", encrypt: bool = True) -> None:
    """The account exists in the site file at ``path`` (the first manager of a file that has
    none, as `demo` makes it; otherwise added by the demo manager). ``encrypt``: a plain file
    is then encrypted as a manager's first sign-in does (so that a command's output does not
    start with the upgrade's notice)."""
    from isolation_desk.services import accounts, encryption
    now = datetime.now().replace(microsecond=0)
    with site_database(path, check=None) as db:
        if not accounts.has_users(db):
            accounts.create_first_manager(db, user, display_name, password, now)
        elif not any(u["username"] == user for u in accounts.list_users(db)):
            first = accounts.sign_in(db, DEMO_USER, DEMO_PASSWORD, now)
            accounts.create_user(db, user, display_name, role, password, first, now)
    if encrypt and not encryption.is_encrypted(path):
        db, actor = encryption.open_signed_in(path, DEMO_USER, DEMO_PASSWORD, now, check=None)
        db.close()


def _db_arg(args) -> Path | None:
    args = [str(a) for a in args]
    if "--db" in args and args.index("--db") + 1 < len(args):
        return Path(args[args.index("--db") + 1])
    return None


def run_as(*args, user: str = DEMO_USER, password: str = DEMO_PASSWORD, input: str | None = None,
           provision: bool = True):
    """``run`` signed in as ``user``; ``input`` follows the password on standard input.
    ``provision``: first make sure the account exists in the --db file (when it exists)."""
    path = _db_arg(args)
    if provision and path is not None and path.exists() and path.stat().st_size > 0:
        ensure_account(path, user, password)
    return run(*args, "--user", user, "--password-stdin", input=password + "\n" + (input or ""))
