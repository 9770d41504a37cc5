"""The audit trail anchored outside the file.

The hash chain (storage.repositories.audit, keyed with the site's key) shows an edited or
deleted entry in the middle; it cannot show its newest entries cut off, or a history
rewritten by someone who holds the key. Two things outside the live file can:

- the **anchor** printed on every handover sheet under the signatures: the chain's length
  and the short code ``<entry number>-<first 10 hex digits of its hash>``;
  ``isolation-desk check --anchor CODE`` verifies that the chain still holds that entry with
  that hash (and, the chain being intact, everything before it);
- the **newest backup** (each holds the whole chain as it was): every entry it holds must
  still be in the file, unchanged. Entries it has beyond the file's end were cut off;
  entries whose hash differs were rewritten.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.errors import DomainError
from ..storage import repo_accounts as urepo
from ..storage import repositories as repo
from ..storage.database import Database

CODE_HEX = 10
_CODE = re.compile(r"^\s*(\d+)-([0-9a-fA-F]{6,64})\s*$")


def _hex(stored_hash: str) -> str:
    return stored_hash[len(repo.KEYED_PREFIX):] if stored_hash.startswith(repo.KEYED_PREFIX) else stored_hash


@dataclass(frozen=True)
class Anchor:
    entries: int
    position: int  # the newest entry's number
    code: str


def current_anchor(db: Database) -> Anchor:
    """What a handover sheet prints: the chain's length and its head as a short code."""
    entries, last, head = repo.audit_head(db)
    return Anchor(entries, last, f"{last}-{_hex(head)[:CODE_HEX]}")


def parse_anchor(code: str) -> tuple[int, str]:
    m = _CODE.match(code or "")
    if not m:
        raise DomainError("anchor_invalid", field="anchor", value=code)
    return int(m.group(1)), m.group(2).lower()


def check_anchor(db: Database, code: str) -> str | None:
    """None when the chain still holds the anchored head at its position; otherwise
    'anchor_missing' (the chain ends before it: entries cut off) or 'anchor_rewritten'
    (another entry stands there: the history was rewritten, or cut off and written on)."""
    position, prefix = parse_anchor(code)
    stored = repo.audit_hash_at(db, position)
    if stored is None:
        return "anchor_missing"
    if not _hex(stored).lower().startswith(prefix):
        return "anchor_rewritten"
    return None


@dataclass
class BackupComparison:
    backup: str | None
    missing_at_end: list[int] = field(default_factory=list)  # in the backup, past the file's end
    rewritten: list[int] = field(default_factory=list)  # same number, another hash (or gone)

    @property
    def ok(self) -> bool:
        return not self.missing_at_end and not self.rewritten


def compare_with_backup(db: Database, backup_path: str | Path) -> BackupComparison:
    """Every entry the backup holds must still be in the file with the same hash. An entry
    that is gone, or whose place holds an entry written after the backup's newest one, was
    cut off at the end (new entries then take the freed numbers); an entry replaced by one
    dated within the backup's history was rewritten."""
    anchored = urepo.file_audit_hashes_and_times(backup_path, db.key)
    out = BackupComparison(str(backup_path))
    if not anchored:
        return out
    current = urepo.audit_hashes_and_times(db, up_to=max(anchored))
    backup_end = max(at for _, at in anchored.values())
    for entry_id, (h, _at) in sorted(anchored.items()):
        now = current.get(entry_id)
        if now is not None and now[0] == h:
            continue
        if now is None or now[1] > backup_end:
            out.missing_at_end.append(entry_id)
        else:
            out.rewritten.append(entry_id)
    return out


def compare_with_newest_backup(db: Database) -> BackupComparison:
    """``compare_with_backup`` against the newest regular backup taken since the last restore
    (services.backup.audit_anchor); backup None when there is none."""
    from .backup import audit_anchor
    b = audit_anchor(db)
    if b is None:
        return BackupComparison(None)
    return compare_with_backup(db, b.path)
