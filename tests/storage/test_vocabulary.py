"""The words of domain/vocabulary.py are the words the schema allows: each enum equals the
value list of its column's CHECK constraint, in the same order (read from a freshly
migrated database, so that a migration that changes a list is caught)."""
from __future__ import annotations

import re
from enum import StrEnum

import pytest

from isolation_desk.domain import vocabulary as v
from isolation_desk.storage.repositories import CURRENT_SQL, ON_SITE_SQL

COLUMNS = [
    ("stays", "status", v.StayStatus),
    ("rooms", "status", v.RoomStatus),
    ("policies", "counted_from", v.CountedFrom),
    ("users", "role", v.Role),
    ("health_checks", "slot", v.CheckSlot),
    ("tests", "kind", v.TestKind),
    ("tests", "result", v.TestResult),
    ("pools", "result", v.TestResult),
    ("tests", "purpose", v.TestPurpose),
    ("tests", "result_source", v.ResultSource),
    ("supply_items", "category", v.SupplyCategory),
    ("supply_items", "consumption", v.Consumption),
    ("supply_movements", "kind", v.MovementKind),
    ("shift_log", "kind", v.LogKind),
]


def _check_values(db, table: str, column: str) -> list[str]:
    sql = db.scalar("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,))
    found = re.search(rf"\b{column}\b[^,]*?CHECK\s*\(\s*{column}\s+IN\s*\(([^)]*)\)", sql, re.S)
    assert found, f"no CHECK ({column} IN ...) in {table}"
    return re.findall(r"'([^']*)'", found.group(1))


@pytest.mark.parametrize(("table", "column", "enum"), COLUMNS, ids=[f"{t}.{c}" for t, c, _ in COLUMNS])
def test_enum_matches_check_constraint(empty_db, table: str, column: str, enum: type[StrEnum]) -> None:
    assert [m.value for m in enum] == _check_values(empty_db, table, column)


def test_every_check_list_has_an_enum(empty_db) -> None:
    """A new CHECK (column IN (...)) in a migration gets its enum here too."""
    checked = set()
    for table, sql in empty_db.rows("SELECT name, sql FROM sqlite_master WHERE type = 'table'"):
        for column in re.findall(r"CHECK\s*\(\s*(\w+)\s+IN\s*\(", sql or ""):
            checked.add((table, column))
    # people.sex ('M', 'F') is parsed from ID cards in domain/identity.py, not a status word
    assert checked - {("people", "sex")} == {(t, c) for t, c, _ in COLUMNS}


def test_category_has_a_policy_per_member() -> None:
    """Categories have no CHECK (a site's policy table lists them): each preset has one each."""
    from isolation_desk.domain.policy import PRESETS
    for preset in PRESETS.values():
        assert set(preset) == set(v.Category)


def test_sql_lists_are_the_constants() -> None:
    assert ON_SITE_SQL == "('in_isolation', 'awaiting_transfer')"
    assert CURRENT_SQL == "('expected', 'in_isolation', 'awaiting_transfer')"
    assert v.ON_SITE == ("in_isolation", "awaiting_transfer")
    assert all(type(s) is str for s in v.ON_SITE + v.CURRENT)
