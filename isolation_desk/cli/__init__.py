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
    """The command's own --db, else the group's (``isolation-desk --db X check``), else
    $ISOLATION_DESK_DB or the user data folder."""
    if db_path:
        return db_path
    ctx = click.get_current_context(silent=True)
    group_db = ctx.find_root().params.get("db_path") if ctx is not None else None
    return Path(group_db) if group_db else default_db_path()


def fail(message: str, code: int = 2):
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def _database_errors() -> tuple:
    from ..storage import cipher
    return cipher.Error


def handle_errors(fn):
    """Known errors become one clear sentence and a non-zero exit, never a traceback:
    a refusal, a file that cannot be written, a damaged database met half-way through a
    command that skipped the integrity check (exit 2)."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except DomainError as exc:
            fail(describe(exc))
        except _database_errors() as exc:  # the standard library's and SQLCipher's
            fail(describe(database_error(exc, kwargs.get("db_path"))))
        except OSError as exc:
            if exc.filename is None:  # standard output (a full disk, a closed pipe)
                _silence_stdout()
                fail(describe(DomainError("stdout_unwritable", detail=exc.strerror or str(exc))))
            fail(describe(DomainError("file_unwritable", path=exc.filename,
                                      detail=exc.strerror or str(exc))))
    return wrapper


def _silence_stdout() -> None:
    """After standard output failed, point it at the null device: Python's own flush at exit
    would otherwise print "Exception ignored ... OSError" after the message."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):  # not a real file (tests)
        pass


def check_output(fmt: str, out: Path | None) -> None:
    """Before anything is read or recorded: xlsx cannot go to standard output."""
    if fmt == "xlsx" and not out:
        fail("xlsx needs --out FILE.xlsx")


def database_error(exc: Exception, db_path: Path | None) -> DomainError:
    """An SQLite error in words: disk full, locked, read-only, or else damage."""
    from ..storage.database import StorageError, _known_error
    known = _known_error(exc)
    if isinstance(known, StorageError):
        return known
    return StorageError("database_damaged", path=str(resolve_db(db_path)), detail=str(exc))


def open_db(db_path: Path | None, *, create: bool = False, check: str | None = None,
            readonly: bool = False):
    """Open the database for a command, holding the site lock shared until it is closed (a
    restore waits for the command to finish, or refuses; the command waits for a restore).

    Commands that change occupants' data pass check="quick" (an integrity check first: a
    damaged file is never written to); papers and exports skip it, because on a 50,000-bed
    file it costs seconds and they only read (plus one audit entry). ``readonly``: the
    command only reads, so in a folder (or of a file) that cannot be written it opens the
    file read-only instead of refusing."""
    from ..services.backup import open_with_backups
    from ..storage.database import StorageError, open_read_only, writable
    from ..storage.instance_lock import SiteLock
    from .auth import current_key
    key = current_key()  # the signed-in person's slot unwrapped it (None: a plain file)
    path = resolve_db(db_path)
    if not path.exists() and not create:
        raise StorageError("database_missing", path=str(path))
    if readonly and path.exists() and not writable(path):
        return open_read_only(path, key=key)
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
    lock = SiteLock(path).acquire()
    try:
        db = open_with_backups(path, create=create, check=check, key=key)
    except BaseException:
        lock.release()
        raise
    db.on_close(lock.release)
    return db


def json_default(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(type(value))


def write_rows(rows: list[dict], fields: list[str], fmt: str, out: Path | None, sheet: str,
               made_by: str | None = None, made_at: datetime | None = None) -> None:
    """Write rows as json, csv or xlsx to ``out`` (stdout for json/csv without --out).

    csv and xlsx neutralise formula cells (on standard output too); a file is written to a
    temporary file and renamed (io.atomic.atomic_write), so a failure leaves none behind.
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
            from ..io.atomic import atomic_write
            atomic_write(out, lambda tmp: tmp.write_text(text + "\n", encoding="utf-8"))
        else:
            click.echo(text)
    elif fmt == "csv":
        if out:
            write_csv(out, list(fields), values, made_by=made_by, made_at=made_at)
        else:
            write_csv_rows(sys.stdout, list(fields), values, made_by=made_by, made_at=made_at)
            sys.stdout.flush()  # a full disk is found here, inside handle_errors
    else:
        check_output(fmt, out)
        write_xlsx(out, list(fields), values, sheet_title=sheet, made_by=made_by, made_at=made_at)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@db_option()
@click.option("--selftest", is_flag=True, help="Open a demo database in a temporary folder, build a handover PDF, exit "
                                               "0 when all works.")
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


def register_commands() -> None:
    """Every command of ``isolation-desk``, registered here and nowhere else (the modules
    define commands; importing one adds nothing). README's command table lists the same
    commands: tests/cli/test_docs.py compares the two."""
    from . import admin, arrivals, community, core, printing, results, site, stock
    core.export.add_command(stock.export_stock)
    printing.print_group.add_command(stock.print_restock)
    results.import_group.add_command(arrivals.import_arrivals_command)
    for command in (core.demo, core.check, core.export, results.import_group, results.sampling_list_command,
                    printing.handover, printing.report, printing.print_group, admin.backup, admin.restore,
                    admin.users, admin.audit_cmd, admin.recover, site.site, community.community_group):
        main.add_command(command)


register_commands()
