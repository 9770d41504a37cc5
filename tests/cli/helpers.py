"""Running the command line in tests: ``run`` as given (no account), ``run_as`` signed in as
a person (``--user NAME --password-stdin``, the password on the first line of the input)."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from click.testing import CliRunner

from isolation_desk.cli import DEMO_PASSWORD, DEMO_USER, main

__all__ = ["DEMO_PASSWORD", "DEMO_USER", "ensure_account", "run", "run_as"]


def run(*args, input=None, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, env=env,
                              catch_exceptions=False)


def ensure_account(path, user: str = DEMO_USER, password: str = DEMO_PASSWORD,
                   role: str = "manager", display_name: str = "演示负责人") -> None:
    """The account exists in the site file at ``path`` (the first manager of a file that has
    none, as `demo` makes it; otherwise added by that manager)."""
    from isolation_desk.services import accounts
    from isolation_desk.storage.database import open_database
    now = datetime.now().replace(microsecond=0)
    db = open_database(path, create=False, check=None)
    try:
        if not accounts.has_users(db):
            accounts.create_first_manager(db, user, display_name, password, now)
        elif not any(u["username"] == user for u in accounts.list_users(db)):
            first = accounts.sign_in(db, DEMO_USER, DEMO_PASSWORD, now)
            accounts.create_user(db, user, display_name, role, password, first, now)
    finally:
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
