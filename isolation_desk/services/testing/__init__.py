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
"""
