"""The lab's results sheet: read, match by ID number, cross-check the name, record.

One reader and one normaliser serve this and the arrivals import: io.spreadsheet.read_rows
(xlsx; csv in UTF-8, UTF-8 with BOM or GBK), find_header (title rows above the header,
Chinese or English headers) and domain.identity (ID numbers from mangled cells, dates and
times in every form a lab writes them).

Each row ends in exactly one of: recorded, unmatched (nobody at the site or on the staff
roster has the ID number), conflict (the name disagrees, a value is unreadable, or a
different result is already recorded: nothing is overwritten), or already there (the same
result was imported before: importing a file twice changes nothing). Positives are
handled as the emergency they are (services.testing.emergency). The whole file is one transaction;
``dry_run`` runs everything and rolls back: that is the preview.

Positive first (issue 14): the ID number decides who a row is; the name only confirms it
(domain.names: case, accents, spaces, middle dots and quotes do not make another person).
A positive whose name still differs is recorded and raised all the same, and listed as a
conflict that says "confirm identity" (its alert's note is ``name_differs:<sheet name>``);
only a negative or invalid row waits for someone to confirm. Every conflict and unmatched
row carries its result; ``positives_unmatched`` are the positive rows recorded for nobody.

Codes leave this module, never words: each conflict and unmatched row holds its ``reason``
(the code) and its ``error`` (the DomainError with its parameters); the window and the
command line make the sentence (``messages.describe``).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from ..domain.cells import normalize_text
from ..domain.date_parsing import parse_datetime
from ..domain.errors import DomainError
from ..domain.identity import mask_id, normalize_id_number
from ..domain.names import compare_names
from ..domain.roles import Actor
from ..io.spreadsheet import find_header, read_rows
from ..storage import repo_tests as rt
from ..storage import repositories as repo
from ..storage.database import Database
from .changes import Kind, writes
from .testing import results
from .testing.common import RESULT_ZH, Outcome, Row

_RESULT_WORDS = {
    "negative": ("阴性", "阴", "negative", "neg", "-", "(-)", "n", "未检出", "not detected", "阴性(-)"),
    "positive": ("阳性", "阳", "positive", "pos", "+", "(+)", "p", "检出", "detected", "阳性(+)"),
    "invalid": ("无效", "invalid", "待复检", "复检", "不合格", "样本不合格", "inconclusive"),
}
_RESULT_LOOKUP = {w.replace(" ", ""): code for code, words in _RESULT_WORDS.items() for w in words}
_KIND_WORDS = {"pcr": ("核酸", "核酸检测", "pcr", "rt-pcr", "nucleic acid"),
               "antigen": ("抗原", "抗原检测", "antigen", "rat")}
_KIND_LOOKUP = {w.replace(" ", ""): code for code, words in _KIND_WORDS.items() for w in words}


def parse_result(raw: object) -> str:
    text = normalize_text(raw).lower().replace(" ", "").replace("（", "(").replace("）", ")")
    code = _RESULT_LOOKUP.get(text) or _RESULT_LOOKUP.get(re.sub(r"\(.*?\)", "", text))
    if code is None:
        raise DomainError("import_result_unknown", field="result", value=normalize_text(raw))
    return code


def parse_kind(raw: object) -> str:
    text = normalize_text(raw).lower().replace(" ", "")
    if not text:
        return "pcr"
    code = _KIND_LOOKUP.get(text)
    if code is None:
        raise DomainError("test_kind_unknown", field="test_kind", value=normalize_text(raw))
    return code


NAME_DIFFERS = "name_differs"  # the note of a positive's alert raised on a name that differs


@dataclass
class ImportReport:
    file: str
    rows: int = 0
    recorded: int = 0
    already: int = 0
    unmatched: list[Row] = field(default_factory=list)
    conflicts: list[Row] = field(default_factory=list)
    positives: list[Row] = field(default_factory=list)
    alerts: list[int] = field(default_factory=list)
    restarted: list[int] = field(default_factory=list)
    dry_run: bool = False

    @property
    def positives_unmatched(self) -> list[Row]:
        """Positive rows that reached nobody: no person has the document, the row could not
        be read past its result, or it contradicts a result already recorded (nothing is
        overwritten: a person must look). The command exits 1 on any."""
        return [e for e in self.unmatched + self.conflicts
                if e.get("result") == "positive" and not e.get("recorded")]



class _Rollback(Exception):
    pass


def _name_differs(db: Database, alert_ids: list[int], sheet_name: str) -> None:
    """The banner says "name differs on the lab sheet: confirm identity" for these alerts."""
    for alert_id in alert_ids:
        rt.set_alert_note(db, alert_id, f"{NAME_DIFFERS}:{sheet_name}"[:200])


def _entry(row_number: int, name: str, id_number: str, **extra: object) -> Row:
    return {"row": row_number, "name": name, "id_number": mask_id(id_number) if id_number else "", **extra}


def _pick_test(tests: list[Row], kind: str, day: date | None, source: str,
               claimed: set[int]) -> tuple[Row | None, bool | Literal["pooled"] | None]:
    """(test, needs_sampling) for a result; (test_with_result, None) when that sample already
    has one; or (None, None). A test matched by an earlier row of this file is not matched
    again, and a sample this same file recorded before is recognised first (so importing a
    file twice changes nothing, even with two samples on one day)."""
    def on_day(t: Row) -> bool:
        return day is None or (t["sampled_at"] or "")[:10] == day.isoformat()
    kinds = [t for t in tests if t["kind"] == kind and t["purpose"] != "surface" and t["id"] not in claimed]
    again = [t for t in kinds if t["result"] and t["source"] == source and on_day(t)]
    if again:
        return again[0], None
    pending = [t for t in kinds if t["sampled_at"] and not t["result"] and t["pool_id"] is None and on_day(t)]
    if pending:
        return pending[0], False
    pooled = [t for t in kinds if t["sampled_at"] and not t["result"] and t["pool_id"] is not None and on_day(t)]
    if pooled:
        return pooled[0], "pooled"
    if day is not None:
        due = [t for t in kinds if not t["sampled_at"] and t["due_date"] == day.isoformat()]
        if due:
            return due[0], True
    done = [t for t in kinds if t["sampled_at"] and t["result"] and on_day(t)]
    if done:
        return done[-1], None
    return None, None


@writes(Kind.TESTS, Kind.ALERTS, Kind.STAYS, Kind.ROOMS)
def import_results(db: Database, path: str | Path, actor: Actor, now: datetime, *,
                   dry_run: bool = False) -> ImportReport:
    actor.require("tests")
    path = Path(path)
    rows = read_rows(path)
    header = find_header(rows, required=("id_number", "result"))
    data = [(n, v) for n, v in rows if n > header.row_number and any(
        x is not None and str(x).strip() for x in v)]
    if not data:
        raise DomainError("import_no_rows")
    report = ImportReport(file=path.name, rows=len(data), dry_run=dry_run)
    source = f"import:{path.name}"[:200]
    out = Outcome()
    claimed: set[int] = set()

    def conflict(n: int, name: str, id_number: str, err: DomainError, **extra: object) -> None:
        report.conflicts.append(_entry(n, name, id_number, reason=err.code, error=err, **extra))

    try:
        with db.transaction():
            for n, values in data:
                name = normalize_text(header.get(values, "name"))
                raw_id = header.get(values, "id_number")
                try:  # read first, so that a row we cannot place still says it was positive
                    early = {"result": parse_result(header.get(values, "result"))}
                except DomainError:
                    early = {}
                try:
                    id_number = normalize_id_number(raw_id)
                    if not id_number:
                        raise DomainError("import_id_missing", field="id_number")
                except DomainError as err:
                    conflict(n, name, "", err, **early)
                    continue
                try:
                    result = parse_result(header.get(values, "result"))
                    kind = parse_kind(header.get(values, "test_kind"))
                    raw_time = header.get(values, "sampled_at")
                    sampled_at = None if raw_time in (None, "") or not str(raw_time).strip() \
                        else parse_datetime(raw_time, now, field="sampled_at")
                except DomainError as err:
                    conflict(n, name, id_number, err, **early)
                    continue
                lab = normalize_text(header.get(values, "lab")) or None
                people = repo.person_by_id_number(db, id_number)
                stay = rt.latest_stay_for_person(db, people[0]["id"]) if people else None
                staff_rows = [] if stay else rt.staff_by_id_number(db, id_number)
                staff = staff_rows[0] if staff_rows else None
                if stay is None and staff is None:
                    report.unmatched.append(_entry(n, name, id_number, result=result,
                                                   reason="import_unmatched",
                                                   error=DomainError("import_unmatched")))
                    continue
                person = stay or staff
                assert person is not None  # the one matched
                stay_id, staff_id = (stay["id"], None) if stay else (None, person["id"])
                known = person["name"]
                match = compare_names(name, known)
                if not match.same and result != "positive":
                    # only a negative (or invalid) waits for someone to confirm who it is
                    conflict(n, name, id_number, DomainError("import_name_mismatch", value=name, name=known),
                             result=result, name_difference=match.kind, recorded=False)
                    continue
                differs = None if match.same else DomainError(
                    "import_name_mismatch_positive", value=name, name=known)
                day = sampled_at.date() if sampled_at else None
                tests = rt.tests_on(db, stay_id=stay_id, staff_id=staff_id)
                t, needs_sampling = _pick_test(tests, kind, day, source, claimed)
                if t is not None:
                    claimed.add(t["id"])
                if needs_sampling == "pooled":
                    # labs report a pooled tube on each member's row: a negative is that member's
                    # result; a positive means the pool is positive, so every member is re-tested
                    assert t is not None  # a pooled sample was found
                    p = rt.pool(db, t["pool_id"])
                    assert p is not None  # the sample's pool
                    if p["result"] is None and result != "negative":
                        before_alerts = len(out.alerts)
                        results.apply_pool_result(db, p, result, actor, now, lab, out, source="import")
                        report.recorded += 1
                        if result == "positive":
                            report.positives.append(_entry(n, known, id_number, room=(stay or {}).get("room") or "",
                                                           stay_id=stay_id,
                                                           staff_id=staff_id,
                                                           pool=p["code"], name_differs=differs is not None))
                            if differs is not None:
                                _name_differs(db, out.alerts[before_alerts:], name)
                                conflict(n, name, id_number, differs, result=result,
                                         name_difference=match.kind, recorded=True)
                        continue
                    if p["result"] is None:
                        repo.update(db, "tests", t["id"], {"result": "negative",
                                                           "result_at": now.replace(microsecond=0),
                                                           "lab": lab, "recorded_by": actor.username,
                                                           "source": source, "result_source": "import"})
                        report.recorded += 1
                        if all(m["result"] for m in rt.pool_members(db, p["id"])):
                            rt.set_pool_result(db, p["id"], "negative", now.replace(microsecond=0))
                        continue
                    conflict(n, name, id_number, DomainError("result_through_pool"), result=result, recorded=False)
                    continue
                if t is not None and needs_sampling is None:
                    if t["result"] == result:
                        report.already += 1
                    else:
                        conflict(n, name, id_number, DomainError(
                            "import_result_conflict", value=result, result=t["result"],
                            value_zh=RESULT_ZH[result], result_zh=RESULT_ZH.get(t["result"])),
                            result=result, recorded=False)
                    continue
                if t is None:
                    # the lab tested someone we had not planned a test for: keep it, never drop it
                    when = sampled_at or now
                    test_id = rt.insert_test(db, {
                        "stay_id": stay_id, "staff_id": staff_id,
                        "kind": kind, "purpose": "scheduled" if stay else "staff",
                        "due_date": when.date().isoformat(), "sampled_at": when.replace(microsecond=0).isoformat(),
                        "source": source})
                    t = repo.get(db, "tests", test_id)
                    claimed.add(test_id)
                elif needs_sampling:
                    assert sampled_at is not None  # a due test is matched on the sheet's day only
                    repo.update(db, "tests", t["id"], {"sampled_at": sampled_at.replace(microsecond=0)})
                    t = repo.get(db, "tests", t["id"])
                assert t is not None  # inserted or read just now
                before_pos, before_alerts = len(out.positives), len(out.alerts)
                results.apply_result(db, t, result, actor, now, lab, out, source=source, how="import")
                report.recorded += 1
                if len(out.positives) > before_pos:
                    report.positives.append(_entry(n, known, id_number,
                                                   room=(stay or {}).get("room") or "",
                                                   stay_id=stay_id,
                                                   staff_id=staff_id,
                                                   name_differs=differs is not None))
                if differs is not None:
                    # positive first: the emergency is raised, and someone confirms who it is
                    _name_differs(db, out.alerts[before_alerts:], name)
                    conflict(n, name, id_number, differs, result=result, name_difference=match.kind,
                             recorded=True)
            report.alerts, report.restarted = list(out.alerts), list(out.restarted)
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            repo.insert(db, "imports", {"kind": "results", "file_name": path.name, "file_sha256": digest,
                                        "at": now.replace(microsecond=0), "rows": report.rows,
                                        "imported": report.recorded, "actor": actor.username})
            repo.audit(db, actor=actor.username, action="import_results", entity="import",
                       entity_id=path.name, after={"rows": report.rows, "recorded": report.recorded,
                                                   "unmatched": len(report.unmatched),
                                                   "conflicts": len(report.conflicts),
                                                   "positives": len(report.positives), "sha256": digest},
                       at=now)
            if dry_run:
                raise _Rollback()
    except _Rollback:
        pass
    return report
