import importlib
from pathlib import Path

import pytest

import isolation_desk
from isolation_desk import messages
from isolation_desk.domain.errors import DomainError
from isolation_desk.messages import describe

# Every raised code has words in both languages: tests/test_reason_codes.py.


def test_describe_fills_parameters_and_never_crashes():
    assert "18" in describe(DomainError("id_length", length=17), "en")
    assert "身份证" in describe(DomainError("id_length", length=17), "zh_CN")
    assert describe(DomainError("room_not_ready"), "en")  # a missing parameter stays blank
    assert describe(DomainError("some_unknown_code"), "en") == "some_unknown_code"


def test_a_code_defined_by_two_areas_raises():
    catalog: dict = {}
    owners: dict = {}
    messages.register(catalog, owners, "core", {"room_full": ("The room is full.", "房间已满。")})
    with pytest.raises(messages.DuplicateCode, match="room_full.*'core'.*'i99'"):
        messages.register(catalog, owners, "i99", {"new_code": ("New.", "新。"),
                                                   "room_full": ("Full.", "满。")})
    assert catalog == {"room_full": ("The room is full.", "房间已满。")}  # nothing of i99 added


def test_every_area_module_is_registered_and_there_is_no_other_home():
    package = Path(messages.__file__).parent
    modules = {p.stem for p in package.glob("*.py")} - {"__init__"}
    assert modules == set(messages.AREAS), "add the module's name to messages.AREAS"
    for area in messages.AREAS:
        for code in importlib.import_module(f"isolation_desk.messages.{area}").MESSAGES:
            assert messages.AREA_OF[code] == area
    # A branch's isolation_desk/messages_<x>.py left beside the package would be read by
    # nobody (and a messages.py would be shadowed by the package): move it into messages/.
    root = Path(isolation_desk.__file__).parent
    strays = sorted(p.name for p in root.glob("messages*.py"))
    assert not strays, f"move {strays} into isolation_desk/messages/ and list them in AREAS"
