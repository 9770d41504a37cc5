"""Tests (samples, pools, results), test regimes, and a positive result as an emergency:
the writes that release gating (services.stays.release_check) reads.

One module per concern; callers name the module (``testing.results.record_result``):

- ``sampling``: samples, a person's due samples in one go (a door card's scan), pools, and
  the day's sampling list;
- ``results``: results one by one, per pool, several as one action; the bulk rule; the
  results still to enter;
- ``bulk``: one lab batch at once ("all negative except");
- ``emergency``: a positive as an emergency, its alerts, undoing a room-mate's restart;
- ``regimes``: 一天一检 / 五天三检 for a group;
- ``common``: what they share (``Outcome``, the result words).

Health checks are ``services.health_checks``.

The service's public face for the tests screen (ui/screens/tests.py, which calls
``testing.<action>``): the actions and read models that screen uses are named here, so that
the screen imports one name. Everything else imports the module it needs.
"""
from __future__ import annotations

from .bulk import BULK_DEFAULT_AGE, LabBatch, all_negative_except
from .emergency import recent_alerts
from .regimes import group_stays, set_regime
from .results import bulk_exclusion, flags, record_result, record_results, result_units
from .sampling import (
    floors,
    new_pool,
    pool_info,
    record_sample,
    sample_stay,
    sampling_sources,
    sampling_view,
    stay_from_scan,
)

__all__ = [
    "BULK_DEFAULT_AGE",
    "LabBatch",
    "all_negative_except",
    "bulk_exclusion",
    "flags",
    "floors",
    "group_stays",
    "new_pool",
    "pool_info",
    "recent_alerts",
    "record_result",
    "record_results",
    "record_sample",
    "result_units",
    "sample_stay",
    "sampling_sources",
    "sampling_view",
    "set_regime",
    "stay_from_scan",
]
