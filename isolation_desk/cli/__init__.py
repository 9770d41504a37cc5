"""The command line: ``isolation-desk`` opens the window; subcommands run headless jobs."""
from __future__ import annotations

import functools
import json
import os
import sys
from datetime import date, datetime
from pathlib import Path

import click

from ..domain.errors import DomainError
from ..messages import describe

APP_NAME = "IsolationDesk"
# The account `isolation-desk --demo` creates on a new demo site (documented in the README).
DEMO_USER = "demo"
DEMO_PASSWORD = "demo-site"


def default_db_path() -> Path:
    env = os.environ.get("ISOLATION_DESK_DB")
    if env:
        return Path(env)
    from platformdirs import user_data_dir
    return Path(user_data_dir(APP_NAME, appauthor=False)) / "isolation-desk.sqlite"


def db_option(required_exists: bool = True):
    return click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
                        default=None, help="Database file (default: $ISOLATION_DESK_DB or the user data folder).")


def resolve_db(db_path: Path | None) -> Path:
    return db_path or default_db_path()


def fail(message: str, code: int = 2):
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def handle_errors(fn):
    """Known errors become one clear sentence and a non-zero exit, never a traceback."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except DomainError as exc:
            fail(describe(exc))
        except PermissionError as exc:
            fail(f"permission denied: {exc.filename or exc}")
        except OSError as exc:
            fail(describe(DomainError("file_error", detail=str(exc))))
    return wrapper


def open_db(db_path: Path | None, *, create: bool = False, check: str | None = None):
    """Open the database for a command. Commands that change occupants' data pass
    check="quick" (an integrity check first: a damaged file is never written to); papers and
    exports skip it, because on a 50,000-bed file it costs seconds and they only read
    (plus one audit entry)."""
    from ..storage.database import open_database
    from .auth import current_key
    return open_database(resolve_db(db_path), create=create, check=check, key=current_key())


def json_default(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(type(value))


def write_rows(rows: list[dict], fields: list[str], fmt: str, out: Path | None, sheet: str,
               made_by: str | None = None, made_at: datetime | None = None) -> None:
    """Write rows as json, csv or xlsx to ``out`` (stdout for json/csv without --out).

    csv and xlsx neutralise formula cells (on standard output too); a file is written to a
    temporary file and renamed (io.files.atomic_write), so a failure leaves none behind.
    ``made_by``: exports of personal data say who made them and when (csv: a first line;
    xlsx: the document's properties)."""
    from ..io.spreadsheet import write_csv, write_csv_rows, write_xlsx
    values = [[r.get(f) for f in fields] for r in rows]
    if fmt == "json":
        # json stays a plain list of rows for the scripts that read it (who made it is in
        # the audit trail)
        data = [{f: r.get(f) for f in fields} for r in rows]
        text = json.dumps(data, ensure_ascii=False, indent=1, default=json_default)
        if out:
            from ..io.files import write_bytes_atomic
            write_bytes_atomic(out, (text + "\n").encode("utf-8"))
        else:
            click.echo(text)
    elif fmt == "csv":
        if out:
            write_csv(out, list(fields), values, made_by=made_by, made_at=made_at)
        else:
            write_csv_rows(sys.stdout, list(fields), values, made_by=made_by, made_at=made_at)
    else:
        if not out:
            fail("xlsx needs --out FILE.xlsx")
        write_xlsx(out, list(fields), values, sheet_title=sheet, made_by=made_by, made_at=made_at)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@db_option()
@click.option("--selftest", is_flag=True, help="Open a demo database in a temporary folder, build a handover PDF, exit 0 when all works.")
@click.option("--demo", "demo_rooms", type=int, default=None, metavar="ROOMS",
              help="Create a demo site of about ROOMS rooms at --db when it does not exist yet, then open it.")
@click.version_option(package_name="isolation-desk")
@click.pass_context
def main(ctx, db_path, selftest, demo_rooms):
    """Isolation Desk: rooms, occupants, tests, supplies and handover sheets for a
    centralized isolation site. Without a subcommand, opens the window."""
    if ctx.invoked_subcommand is not None:
        ctx.obj = {"db_path": db_path}
        return
    if selftest:
        from .selftest import run_selftest
        sys.exit(run_selftest())
    path = resolve_db(db_path)
    if demo_rooms and not path.exists():
        from .core import create_demo_site
        with handle_db_errors():
            create_demo_site(path, rooms=demo_rooms)
            click.echo(f"demo site written to {path}; sign in as '{DEMO_USER}' with the password "
                       f"'{DEMO_PASSWORD}'")
    from ..ui.app import run_gui
    sys.exit(run_gui(path))


class handle_db_errors:
    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and issubclass(exc_type, DomainError):
            fail(describe(exc))
        return False


# Subcommands live in their own modules; importing them registers them on ``main``.
from . import core  # noqa: E402,F401
from . import admin, arrivals, printing, results, stock  # noqa: E402,F401
from . import auth  # noqa: E402,F401  (sign-in for every command: auth.signed_in)
