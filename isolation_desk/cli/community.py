"""Command line: ``isolation-desk community pending|notified`` — the release hand-off
(DOMAIN.md: the site tells the destination community, 街镇/社区, when a person is released)."""
from __future__ import annotations

from datetime import datetime

import click

from . import db_option, handle_errors, open_db
from .auth import signed_in


@click.group("community")
def community_group():
    """Which released people's communities were told, and mark them told."""


@community_group.command("pending")
@db_option()
@handle_errors
@signed_in("view_personal")
def community_pending(db_path, actor):
    """Released people whose destination community has not been told yet."""
    from ..services import stays
    db = open_db(db_path)
    try:
        rows = stays.releases_not_notified(db)
    finally:
        db.close()
    for s in rows:
        click.echo(f"{s['id']}\t{s['name']}\t{str(s['ended_at'])[:16].replace('T', ' ')}\t"
                   f"{s['destination_community'] or '-'}\t{s['community_phone'] or '-'}")
    click.echo(f"{len(rows)} release(s) not yet notified", err=True)


@community_group.command("notified")
@db_option()
@click.option("--stay", "stay_id", type=int, required=True, help="The stay's number.")
@click.option("--note", default="", help="How (e.g. phoned the community office, name of the person).")
@handle_errors
@signed_in()
def community_notified(db_path, stay_id, note, actor):
    """Record that the community of a released person was told (now, by you)."""
    from ..services import stays
    db = open_db(db_path, check="quick")
    try:
        stays.mark_community_notified(db, stay_id, actor, datetime.now().replace(microsecond=0), note)
    finally:
        db.close()
    click.echo(f"stay {stay_id}: community notified")
