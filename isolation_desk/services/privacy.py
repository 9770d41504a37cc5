"""Personal data leaving the site: only the manager role may export it, and every export
is written to the audit trail (who, when, what, how many rows, to which file).

Lists and printouts mask ID and phone numbers (domain.identity.mask_id / mask_phone);
``shows_personal`` tells a screen whether the signed-in role may see them in full.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from ..domain.roles import Actor
from ..storage import repositories as repo
from ..storage.database import Database
from .changes import Kind, writes


def shows_personal(actor: Actor) -> bool:
    """Whether lists may show this user full ID and phone numbers (otherwise masked)."""
    return actor.can("view_personal")


@writes(Kind.AUDIT)
def authorize_personal_export(db: Database, actor: Actor, what: str, now: datetime, *,
                              rows: int | None = None, target: str | None = None,
                              details: dict[str, Any] | None = None) -> None:
    """Call once an export that holds personal data (full ID numbers, phones, health data)
    is complete (written and renamed into place): an export that failed is not recorded as
    made. Refuses (permission_denied) unless the role has ``export_personal`` (callers also
    check ``actor.can("export_personal")`` before they write); otherwise records the export
    in the audit trail, as one transaction."""
    actor.require("export_personal")
    after: dict[str, object] = {"what": what}
    if rows is not None:
        after["rows"] = rows
    if target:
        after["target"] = str(target)
    if details:
        after.update(details)
    with db.transaction():
        repo.audit(db, actor=actor.username, action="export_personal", entity="export",
                   entity_id=what, after=after, at=now)
