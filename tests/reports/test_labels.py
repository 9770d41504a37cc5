"""The printed words' one home: reports/labels/, an explicit list of areas, no duplicates."""
from __future__ import annotations

import importlib
from pathlib import Path

import pytest

import isolation_desk.reports
from isolation_desk.reports import labels


def test_a_key_defined_by_two_areas_raises():
    table: dict = {}
    owners: dict = {}
    labels.register(table, owners, "handover", {"zh_CN": {"purpose_surface": "环境"},
                                                "en": {"purpose_surface": "surface"}})
    with pytest.raises(labels.DuplicateLabel, match="purpose_surface.*'handover'.*'testing'"):
        labels.register(table, owners, "testing", {"zh_CN": {"sampling_title": "核酸采样登记表",
                                                             "purpose_surface": "物表"},
                                                   "en": {"sampling_title": "Sampling list"}})
    assert table == {"zh_CN": {"purpose_surface": "环境"}, "en": {"purpose_surface": "surface"}}


def test_every_area_module_is_registered_with_both_languages():
    package = Path(labels.__file__).parent
    assert {p.stem for p in package.glob("*.py")} - {"__init__"} == set(labels.AREAS)
    for area in labels.AREAS:
        module = importlib.import_module(f"isolation_desk.reports.labels.{area}")
        assert set(module.ZH) == set(module.EN), area
        for key in module.ZH:
            assert labels.AREA_OF["zh_CN", key] == labels.AREA_OF["en", key] == area
    assert set(labels.LABELS) == {"zh_CN", "en"}
    strays = sorted(p.name for p in Path(isolation_desk.reports.__file__).parent.glob("labels*.py"))
    assert not strays, f"move {strays} into isolation_desk/reports/labels/ and list them in AREAS"


def test_a_test_purpose_has_one_word_on_every_paper():
    # The sampling list and the handover sheet print the same word for a purpose; before the
    # registry, which of two spellings the sampling list printed depended on import order.
    assert labels.label("zh_CN", "purpose_surface") == labels.word("zh_CN", "purpose", "surface") == "环境"
    assert labels.word("en", "purpose", "second_lab") == "second lab"
    assert labels.word("en", "purpose", "made_up") == "made_up"
