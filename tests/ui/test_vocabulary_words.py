"""Every word of domain/vocabulary.py that a screen shows has its words in ui/widgets/names.py
(an unknown code would show on screen as itself)."""
from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

import pytest

from isolation_desk.domain import vocabulary as v
from isolation_desk.ui.widgets import names

CASES: list[tuple[type[StrEnum], Callable[[str], str]]] = [
    (v.StayStatus, names.stay_status),
    (v.RoomStatus, names.room_status),
    (v.Category, names.category),
    (v.CountedFrom, names.counted_from),
    (v.TestResult, names.result),
    (v.TestPurpose, names.purpose),
]


@pytest.mark.parametrize(("enum", "word"), CASES, ids=[e.__name__ for e, _ in CASES])
def test_every_member_has_a_word(qapp, enum: type[StrEnum], word: Callable[[str], str]) -> None:
    assert [m.value for m in enum if word(m.value) == m.value] == []
