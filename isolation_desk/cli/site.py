"""isolation-desk site setup: a new site without the window (name, rooms, policy preset,
shifts, the first manager account), through the service the first-start dialog uses."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import click

from . import db_option, fail, handle_errors, open_db, resolve_db
from .auth import NO_ACCOUNT, signed_in


@click.group()
def site():
    """The site itself: set up a new site headless."""


def _remove_new_site(path) -> None:
    from pathlib import Path
    for suffix in ("", "-wal", "-shm", "-journal", ".keys", ".auditkey", ".site-lock"):
        try:
            Path(str(path) + suffix).unlink()
        except OSError:
            pass


def _presets() -> list[str]:
    from ..domain.policy import PRESETS
    return list(PRESETS)


@site.command("setup")
@db_option()
@click.option("--name", required=True, help="The site's name as printed on every paper.")
@click.option("--address", default="", help="The site's address.")
@click.option("--rooms", "ranges", multiple=True, required=True, metavar="RANGE",
              help="Rooms as the first-start dialog takes them: 'A, 2-15, 01-30' (building, floors, "
                   "rooms) or 'A栋 2-15层 01-30号'; repeatable, one building each.")
@click.option("--beds", type=click.IntRange(1, 8), default=1, show_default=True, help="Beds per room.")
@click.option("--preset", type=click.Choice(_presets()), default="twenty_measures", show_default=True,
              help="The isolation policy preset.")
@click.option("--day-shift", default="08:00", show_default=True, help="When the day shift starts (HH:MM).")
@click.option("--night-shift", default="20:00", show_default=True, help="When the night shift starts (HH:MM).")
@click.option("--manager", "manager", required=True, help="User name of the site manager's account.")
@click.option("--manager-name", required=True, help="The manager's name as the records show it.")
@handle_errors
@signed_in(optional=True)
def site_setup(db_path, name, address, ranges, beds, preset, day_shift, night_shift, manager, manager_name,
               password_stdin, actor):
    """Set up a new site in a new or empty database: name, buildings and rooms, policy preset,
    shift times and the first manager account, in one transaction. Like `users add` on a new
    site it needs no account: it creates the first one (--password-stdin: its password on the
    first line). A new site file is encrypted from the start; its recovery code is printed."""
    from ..services import encryption
    from ..services import site as site_service
    from ..storage import keyring
    from .admin import _read_password
    room_ranges = [replace(site_service.parse_room_range(text), beds=beds) for text in ranges]
    path = resolve_db(db_path)
    new_site = not path.exists() or path.stat().st_size == 0
    if not new_site and actor is None and encryption.is_encrypted(path):
        fail(NO_ACCOUNT)
    password = _read_password(password_stdin)
    key = None
    if new_site:
        path.parent.mkdir(parents=True, exist_ok=True)
        db, key = encryption.create_site_file(path)  # encrypted from the start, like users add
    else:
        db = open_db(db_path, create=True)
    try:
        now = datetime.now().replace(microsecond=0)
        try:
            actor = site_service.setup_site_with_manager(
                db, name=name, address=address, preset=preset, now=now, room_ranges=room_ranges,
                manager_username=manager, manager_name=manager_name, manager_password=password,
                day_shift_start=day_shift, night_shift_start=night_shift)
        except BaseException:
            if new_site:  # no encrypted file that no password opens is left behind
                db.close()
                _remove_new_site(path)
            raise
        rooms = db.scalar("SELECT count(*) FROM rooms")
    finally:
        db.close()
    if key is not None:
        click.echo("The site file is encrypted. Its recovery code opens it when every password is "
                   "forgotten; write it down now and lock it away:", err=True)
        click.echo(f"recovery code: {keyring.recovery_code(key)}", err=True)
    click.echo(f"site '{name}' set up in {resolve_db(db_path)}: {rooms} rooms, preset {preset}; "
               f"manager account '{actor.username}'")
