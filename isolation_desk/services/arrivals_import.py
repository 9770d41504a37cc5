"""Arrivals from a transfer list (转运名单): read, preview, import (the people
imported are checked in by services.stays_expected).

A district office sends the list as a spreadsheet typed in a hurry. The import must be right
on the first try and must never invent data:

* the file is read with the same reader and header finder as the lab results import
  (``io.spreadsheet.read_rows`` + ``find_header``), with the spreadsheet aliases of
  ``FIELD_ALIASES`` and the column mapping the user corrected last time;
* every row goes through ``domain.registration.validate_registration``, the one validator
  of the front desk form, the imports and the command line. To give a reason for *every*
  bad cell, not only the first, a bad field is set aside and the row is validated again;
* a row is ``valid``, ``invalid`` (a reason per cell) or ``duplicate`` (the person is already
  at the site, appears twice in the file, or the same file was imported before);
* valid rows are imported in ONE transaction as expected arrivals, with one audit entry and
  one row in ``imports`` holding the file's sha256, so that importing the same file again
  adds nothing.

Reason codes leave this module, never words: ``messages.describe`` makes the sentences
(``messages/imports.py`` holds this area's codes and the words of its fields and statuses);
``reports.refused_rows`` writes the refused rows (``ArrivalsPreview.refused``) to send back.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

from ..domain import policy as pol
from ..domain.cells import normalize_text
from ..domain.errors import DomainError
from ..domain.households import Member, age_on, check_household
from ..domain.identity import mask_id
from ..domain.registration import Registration, validate_registration
from ..domain.roles import Actor
from ..domain.vocabulary import StayStatus
from ..io.spreadsheet import FIELD_ALIASES, Header, SpreadsheetError, find_header, header_key, read_rows
from ..io.spreadsheet import Row as SheetRow
from ..storage import repo_arrivals
from ..storage import repositories as repo
from ..storage.database import Database
from .changes import Kind, writes
from .site import current_policies

KIND = "arrivals"
VALID, INVALID, DUPLICATE = "valid", "invalid", "duplicate"
ROW = "row"  # the "field" of a reason that concerns the whole row

# Fields of a transfer list, in the order the preview shows them.
ARRIVAL_FIELDS = ("name", "id_type", "id_number", "sex", "birth_date", "phone", "category",
                  "last_exposure", "arrival", "origin", "registered_address", "current_address",
                  "destination", "community_contact", "community_phone", "household",
                  "household_role", "notes")
REQUIRED = ("name", "id_number")

_EXTRA_ALIASES: dict[str, tuple[str, ...]] = {
    "birth_date": ("出生日期", "出生年月日", "出生年月", "birth date", "date of birth"),
    "community_contact": ("社区联系人", "街镇联系人", "接收社区联系人", "community contact"),
    "community_phone": ("社区联系电话", "社区电话", "街镇联系电话", "community phone"),
    "household": ("同户编号", "家庭编号", "户编号", "同住编号", "同户", "household"),
    "household_role": ("同住关系", "同户关系", "家庭关系", "与户主关系", "household role"),
}
ARRIVAL_ALIASES: dict[str, tuple[str, ...]] = {
    name: FIELD_ALIASES.get(name, ()) + _EXTRA_ALIASES.get(name, ()) for name in ARRIVAL_FIELDS
}

# Sheet field -> field of validate_registration (the others have the same name).
_REGISTRATION_KEY = {"last_exposure": "last_exposure_date", "arrival": "arrival_date",
                     "destination": "destination_community"}
_SHEET_FIELD = {v: k for k, v in _REGISTRATION_KEY.items()}
_NOT_REGISTRATION = ("household", "household_role")

# What stands in for a bad value so that validation can go on to the next field. These
# values only ever reach validate_registration of a row that is already refused.
_STAND_INS: dict[str, dict[str, object]] = {
    "name": {"name": "某"},
    "id_type": {"id_type": "other"},
    "id_number": {"id_type": "other", "id_number": "0"},
    "category": {"category": "other"},
}

_ROLE_ALIASES = {
    "parent": ("家长", "父母", "父亲", "母亲", "父", "母", "监护人", "户主", "parent"),
    "child": ("子女", "儿童", "孩子", "儿子", "女儿", "子", "女", "child"),
    "carer": ("陪护", "陪护人", "陪同", "陪同人", "照护人", "carer", "caregiver"),
    "dependant": ("被照护", "被照护人", "被陪护", "被陪护人", "dependant", "dependent"),
}
_ROLE_BY_LABEL = {label.lower(): code for code, labels in _ROLE_ALIASES.items() for label in labels}

# -- One row ------------------------------------------------------------------------------


# What normalize_text() reduces to nothing: Unicode whitespace and the invisible characters.
_INVISIBLE = "".join(ch for ch in map(chr, range(0x3001)) if ch.isspace()) + "\u200b\u200c\u200d\u2060\ufeff\u00ad"


def _blank(value: object) -> bool:
    """True for an empty cell; the same as ``not normalize_text(value)`` for text, but cheap."""
    return value is None or (isinstance(value, str) and not value.strip(_INVISIBLE))


def cell_text(value: object) -> str:
    """A cell as the preview shows it (dates without a midnight time, numbers without .0)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return normalize_text(value)


@dataclass
class RowCheck:
    """What one row's validation found: a registration, or a reason per bad field."""

    registration: Registration | None
    errors: dict[str, DomainError] = field(default_factory=dict)  # sheet field -> error


def validate_row(cells: Mapping[str, object], today: date) -> RowCheck:
    """Validate one row's cells (sheet field -> raw value) with ``validate_registration``.

    Every bad field gets its own reason: after a refusal the field is set aside (or a
    stand-in put in its place) and the row is validated again, so that the user fixes a
    row in one go. The registration is returned only when no field was refused.
    """
    fields = {_REGISTRATION_KEY.get(k, k): (None if _blank(v) else v)
              for k, v in cells.items() if k not in _NOT_REGISTRATION}
    errors: dict[str, DomainError] = {}
    trial = dict(fields)
    registration = None
    for _ in range(len(fields) + len(_STAND_INS) + 2):
        try:
            registration = validate_registration(trial, today)
            break
        except DomainError as exc:
            key = exc.field or ROW
            sheet_field = _SHEET_FIELD.get(key, key)
            if sheet_field in errors or key == ROW:
                errors.setdefault(sheet_field, exc)
                break
            errors[sheet_field] = exc
            trial.update(_STAND_INS.get(key, {key: None}))
    for sheet_field, err in errors.items():
        err.params.setdefault("value", cell_text(cells.get(sheet_field)))
    return RowCheck(None if errors else registration, errors)


def parse_household_role(raw: object) -> str | None:
    text = normalize_text(raw).lower()
    if not text:
        return None
    try:
        return _ROLE_BY_LABEL[text]
    except KeyError:
        raise DomainError("household_role_unknown", field="household_role", value=normalize_text(raw)) from None


def _needs_by_age(age: int | None) -> tuple[str, ...]:
    """Needs that the birth date in the ID already says (the demo and the desk use the same)."""
    if age is None:
        return ()
    if age <= 14:
        return ("child",)
    if age >= 65:
        return ("elderly",)
    return ()


# -- The preview --------------------------------------------------------------------------


@dataclass
class PreviewRow:
    row: int  # the row number Excel shows
    values: list[object]  # the whole row as read
    cells: dict[str, object]  # sheet field -> raw value
    status: str = VALID
    errors: dict[str, DomainError] = field(default_factory=dict)
    registration: Registration | None = None
    household: str = ""
    household_role: str | None = None
    policy_id: int | None = None
    start_date: date | None = None
    release_date: date | None = None

    @property
    def key(self) -> tuple[str, str] | None:
        r = self.registration
        return (r.id_type, r.id_number) if r else None

    def id_display(self) -> str:
        """The ID as a list may show it: masked when valid, as typed when it is the problem."""
        if self.registration is not None:
            return mask_id(self.registration.id_number)
        return cell_text(self.cells.get("id_number"))


def _registration(row: PreviewRow) -> Registration:
    """The registration of a row that is valid (a refused row has none)."""
    assert row.registration is not None, row.row
    return row.registration


@dataclass
class ArrivalsPreview:
    path: Path
    file_name: str
    sha256: str
    header: Header
    headers: list[str]  # the header row's texts, one per column
    rows: list[PreviewRow]
    previous_import: dict[str, Any] | None
    user_mapping: dict[str, str | None]  # fields the user mapped by hand, by header text
    today: date

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def valid(self) -> list[PreviewRow]:
        return [r for r in self.rows if r.status == VALID]

    @property
    def refused(self) -> list[PreviewRow]:
        return [r for r in self.rows if r.status != VALID]

    def column_of(self, field_name: str) -> int | None:
        return self.header.columns.get(field_name)

    def invalid_cells(self) -> list[tuple[int, str, DomainError]]:
        return [(r.row, f, e) for r in self.rows if r.status == INVALID for f, e in r.errors.items()]


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise SpreadsheetError("file_unreadable", detail=f"{type(exc).__name__}: {exc}") from exc
    return digest.hexdigest()


def _usable_remembered(remembered: Mapping[str, str | None], rows: list[SheetRow]) -> dict[str, str | None]:
    """The remembered mapping, minus what cannot apply to this file.

    A header text absent from the file's first rows would only hide the alias match; an
    "unmapped" choice never applies to a required field.
    """
    present = {header_key(v) for _, values in rows[:20] for v in values if not _blank(v)}
    usable: dict[str, str | None] = {}
    for name, text in remembered.items():
        if name not in ARRIVAL_FIELDS:
            continue
        if text is None:
            if name not in REQUIRED:
                usable[name] = None
        elif header_key(text) in present:
            usable[name] = text
    return usable


def read_file(path: str | Path, sheet: str | int | None = None) -> list[SheetRow]:
    """The rows of a file as the reader gives them (for :func:`read_arrivals` ``rows=``)."""
    return read_rows(path, sheet)


def row_texts(rows: list[SheetRow], row_number: int | None = None) -> tuple[int, list[str]]:
    """The texts of one row (default: the first non-blank row), for mapping columns by hand
    when no header row was recognised."""
    for number, values in rows:
        if values and (row_number is None or number == row_number):
            return number, [cell_text(v) for v in values]
    return (rows[0][0] if rows else 1), []


def read_arrivals(db: Database, path: str | Path, now: datetime, *,
                  mapping: Mapping[str, int | str | None] | None = None,
                  use_remembered: bool = True, sheet: str | int | None = None,
                  rows: list[SheetRow] | None = None) -> ArrivalsPreview:
    """Read a transfer list and sort every row into valid, invalid or duplicate.

    ``mapping`` is the user's own choice for some fields (a 0-based column, a header text,
    or None for "not in this file"); it beats the remembered mapping, which beats the
    aliases. Nothing is written. Raises ``SpreadsheetError`` when the file cannot be read
    as a table (``file_*``, ``xls_unsupported``, ``header_not_found`` ...).
    ``rows`` (from :func:`read_file`) spares reading the same file again when only the
    mapping changed.
    """
    path = Path(path)
    if rows is None:
        rows = read_rows(path, sheet)
    sha = file_sha256(path)
    overrides: dict[str, int | str | None] = {}
    if use_remembered:
        overrides.update(_usable_remembered(repo_arrivals.remembered_mapping(db), rows))
    overrides.update(mapping or {})
    try:
        header = find_header(rows, REQUIRED, ARRIVAL_ALIASES, overrides)
    except SpreadsheetError as exc:
        if exc.code == "header_not_found":  # name the columns as the sheet would head them
            exc.params["required"] = "、".join(ARRIVAL_ALIASES[name][0] for name in REQUIRED)
            exc.params["missing"] = "、".join(ARRIVAL_ALIASES[name][0] for name in exc.params.get("missing", ()))
        raise
    header_values = next(values for number, values in rows if number == header.row_number)
    width = max([len(header_values)] + [i + 1 for i in header.columns.values()])
    headers = [cell_text(header_values[i]) if i < len(header_values) else "" for i in range(width)]
    user_mapping: dict[str, str | None] = {}
    for name, target in (mapping or {}).items():
        if target is None:
            user_mapping[name] = None
        elif isinstance(target, str):
            user_mapping[name] = target
        elif isinstance(target, int) and 0 <= target < len(headers) and headers[target]:
            user_mapping[name] = headers[target]
    today = now.date()
    preview_rows = []
    columns = [(name, header.columns[name]) for name in ARRIVAL_FIELDS if name in header.columns]
    for number, values in rows:
        if number <= header.row_number or not values or all(_blank(v) for v in values):
            continue
        width = len(values)
        cells = {name: (values[i] if i < width else None) for name, i in columns}
        preview_rows.append(PreviewRow(row=number, values=list(values), cells=cells))
    preview = ArrivalsPreview(
        path=path, file_name=path.name, sha256=sha, header=header, headers=headers,
        rows=preview_rows, previous_import=repo_arrivals.import_of_file(db, KIND, sha),
        user_mapping=user_mapping, today=today)
    _classify(db, preview, today)
    return preview


def _check_policy(row: PreviewRow, policies: Mapping[str, tuple[int, pol.Policy]], today: date) -> None:
    reg = row.registration
    assert reg is not None  # checked only when the row's fields were valid
    current = policies.get(reg.category)
    if current is None:
        row.errors["category"] = DomainError("policy_missing", field="category", category=reg.category)
        return
    policy_id, policy = current
    if not policy.admitted:
        row.errors["category"] = DomainError("category_not_admitted", field="category", category=reg.category)
        return
    try:
        start = pol.start_date(policy, reg.last_exposure_date, reg.arrival_date or today)
    except DomainError as exc:
        key = exc.field or ROW
        row.errors[_SHEET_FIELD.get(key, key)] = exc
        return
    try:
        release = pol.check_not_over(policy, start, today)
    except DomainError as exc:  # the sheet's columns are named without "_date"
        counted = "last_exposure" if policy.counted_from == "last_exposure" else "arrival"
        row.errors[counted] = exc
        return
    row.policy_id, row.start_date, row.release_date = policy_id, start, release


def _classify(db: Database, preview: ArrivalsPreview, today: date) -> None:
    policies = current_policies(db)
    for row in preview.rows:
        check = validate_row(row.cells, today)
        row.errors = dict(check.errors)
        row.registration = check.registration
        row.household = normalize_text(row.cells.get("household"))
        try:
            row.household_role = parse_household_role(row.cells.get("household_role"))
        except DomainError as exc:
            exc.params.setdefault("value", cell_text(row.cells.get("household_role")))
            row.errors["household_role"] = exc
        if not row.errors:
            _check_policy(row, policies, today)
        if row.errors:
            row.status, row.registration = INVALID, None
    _check_households(preview, today)
    active = repo_arrivals.active_documents(db, [r.key for r in preview.rows if r.status == VALID])
    seen: dict[tuple[str, str], int] = {}
    previous = preview.previous_import
    for row in preview.rows:
        if row.status != VALID:
            continue
        key = row.key
        assert key is not None  # a valid row has a registration
        here = active.get(key)
        if here is not None:
            code = "arrival_already_expected" if here["status"] == StayStatus.EXPECTED else "arrival_already_at_site"
            row.status = DUPLICATE
            row.errors["id_number"] = DomainError(code, field="id_number", name=here["name"],
                                                  room=here["room"] or "")
        elif key in seen:
            row.status = DUPLICATE
            row.errors["id_number"] = DomainError("duplicate_in_file", field="id_number", first_row=seen[key])
        else:
            seen[key] = row.row
            if previous is not None:
                row.status = DUPLICATE
                row.errors[ROW] = already_imported_error(previous)


def already_imported_error(previous: dict[str, Any]) -> DomainError:
    """The reason given when a file's sha256 is in the imports ledger already."""
    return DomainError("file_already_imported", at=str(previous["at"]).replace("T", " "),
                       actor=previous["actor"], file=previous["file_name"])


def _check_households(preview: ArrivalsPreview, today: date) -> None:
    """Rows marked with the same household share a room: the household rules must allow it."""
    groups: dict[str, list[PreviewRow]] = defaultdict(list)
    for row in preview.rows:
        if row.status == VALID and row.household:
            groups[row.household].append(row)
    for members in groups.values():
        if len(members) < 2:
            for m in members:
                m.household_role = None  # alone in this list: one person, one room
            continue
        ages = [age_on(_registration(m).birth_date, today) for m in members]
        has_child = any(m.household_role == "child" or (a is not None and a <= 14)
                        for m, a in zip(members, ages, strict=True))
        error = None
        for m, age in zip(members, ages, strict=True):
            if m.household_role is None:
                if age is not None and age <= 14:
                    m.household_role = "child"
                elif has_child and not any(x.household_role == "carer" for x in members):
                    m.household_role = "parent"
                else:
                    error = DomainError("household_role_required", field="household_role")
        if error is None:
            try:
                # each role is set above, or error is not None
                check_household([Member(cast(str, m.household_role), a, frozenset(_needs_by_age(a)))
                                 for m, a in zip(members, ages, strict=True)])
            except DomainError as exc:
                error = exc
        if error is not None:
            for m in members:
                m.status, m.registration = INVALID, None
                m.errors["household"] = DomainError(error.code, field="household", **error.params)
                m.errors["household"].params.setdefault("value", m.household)


# -- Import -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    rows: int
    imported: int
    duplicates: int
    invalid: int
    stay_ids: tuple[int, ...] = ()
    import_id: int | None = None
    previous_import: dict[str, Any] | None = None


def summary(preview: ArrivalsPreview, imported: int | None = None) -> ImportResult:
    """The counts of a preview (``imported`` defaults to the rows that would be imported)."""
    return ImportResult(rows=len(preview.rows),
                        imported=preview.count(VALID) if imported is None else imported,
                        duplicates=preview.count(DUPLICATE), invalid=preview.count(INVALID),
                        previous_import=preview.previous_import)


class _IsoTexts(dict[date | None, str | None]):
    """date -> its ISO text (None -> None), computed once per date."""

    def __missing__(self, value: date | None) -> str | None:
        text = self[value] = None if value is None else value.isoformat()
        return text


@writes(Kind.STAYS, Kind.ROOMS, Kind.TESTS)
def import_arrivals(db: Database, preview: ArrivalsPreview, actor: Actor, now: datetime, *,
                    remember_mapping: bool = True) -> ImportResult:
    """Import the valid rows of ``preview`` as expected arrivals: one transaction, one audit
    entry, one ``imports`` row with the file's sha256. A file imported before adds nothing.
    The columns the user mapped by hand are remembered for the next file."""
    actor.require("register")
    source = f"{KIND}:{preview.file_name}"
    with db.transaction():
        previous = repo_arrivals.import_of_file(db, KIND, preview.sha256)
        if previous is not None:
            duplicates = preview.count(DUPLICATE) + preview.count(VALID)
            return ImportResult(len(preview.rows), 0, duplicates, preview.count(INVALID),
                                previous_import=previous)
        valid = [(r, k) for r in preview.valid if (k := r.key) is not None]  # a valid row has a key
        active = repo_arrivals.active_documents(db, [k for _, k in valid])
        todo = [r for r, k in valid if k not in active]
        keys = [k for _, k in valid if k not in active]
        late_duplicates = len(valid) - len(todo)  # registered since the preview
        at = now.replace(microsecond=0).isoformat()
        today = now.date()
        iso = _IsoTexts()  # a transfer list repeats its few dates on every row: iso[d] is a dict hit
        needs_of: dict[date | None, str] = {}  # birth date -> the needs its age brings
        people = []
        for r in todo:  # PERSON_COLUMNS order
            reg = _registration(r)
            birth = reg.birth_date
            needs = needs_of.get(birth)
            if needs is None:
                needs = needs_of[birth] = ",".join(_needs_by_age(age_on(birth, today)))
            people.append((reg.name, reg.sex, iso[birth], reg.id_type, reg.id_number, reg.phone,
                           reg.registered_address, reg.current_address, reg.origin, reg.notes, needs, at))
        person_ids = repo_arrivals.upsert_people(db, people)
        households: dict[str, int] = {}
        stays = []
        for r, key in zip(todo, keys, strict=True):  # STAY_COLUMNS order
            reg = _registration(r)
            household_id = None
            if r.household and r.household_role:
                if r.household not in households:
                    households[r.household] = repo_arrivals.insert_household(db, r.household, now)
                household_id = households[r.household]
            stays.append((person_ids[key], reg.category, r.policy_id, "expected",
                          iso[reg.last_exposure_date], iso[reg.arrival_date], iso[r.start_date],
                          iso[r.release_date], reg.destination_community, reg.community_contact,
                          reg.community_phone, household_id, r.household_role if household_id else None,
                          source, at))
        stay_ids = repo_arrivals.insert_expected_stays(db, stays)
        repo_arrivals.insert_stay_events(db, [(s, at, "expected", source, actor.username) for s in stay_ids])
        import_id = None
        if stay_ids:
            import_id = repo_arrivals.record_import(
                db, kind=KIND, file_name=preview.file_name, sha256=preview.sha256, at=now,
                rows=len(preview.rows), imported=len(stay_ids), actor=actor.username)
        remembered = None
        if remember_mapping and preview.user_mapping:
            remembered = repo_arrivals.remembered_mapping(db)
            remembered.update(preview.user_mapping)
            repo_arrivals.remember_mapping(db, remembered)
        result = ImportResult(len(preview.rows), len(stay_ids), preview.count(DUPLICATE) + late_duplicates,
                              preview.count(INVALID), tuple(stay_ids), import_id)
        repo.audit(db, actor=actor.username, action="import_arrivals", entity="import", entity_id=import_id,
                   after={"file": preview.file_name, "sha256": preview.sha256, "rows": result.rows,
                          "imported": result.imported, "duplicates": result.duplicates,
                          "invalid": result.invalid, "mapping": remembered}, at=now)
    return result


# -- The remembered mapping ---------------------------------------------------------------


def remembered_mapping(db: Database) -> dict[str, str | None]:
    return repo_arrivals.remembered_mapping(db)


@writes(Kind.SETTINGS)
def forget_mapping(db: Database, actor: Actor, now: datetime) -> None:
    actor.require("register")
    with db.transaction():
        before = repo_arrivals.remembered_mapping(db)
        repo_arrivals.remember_mapping(db, {})
        repo.audit(db, actor=actor.username, action="forget_arrivals_mapping", entity="settings",
                   entity_id=repo_arrivals.MAPPING_KEY, before=before, after={}, at=now)
