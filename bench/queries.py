"""(a) Every query behind a screen: the app's function against the raw indexed SQLite query
of the same rows (tuples through bare ``sqlite3``).

Two limits are measured for each list: a hand-written raw query, and a replay of the very SQL
statements the app's function ran (captured with ``set_trace_callback``) through bare sqlite3.
The ratio is taken against the faster of the two: the bare library's best. The replay alone
tells how much of the app's time is SQLite and how much is Python around it.
"""
from __future__ import annotations

import sqlite3
import time
from datetime import datetime, timedelta

from .measure import Figure, timed

SEARCH = "王"  # the most common surname: the widest one-character search

RAW_ROOM_BOARD = """
WITH occ AS (
  SELECT s.room_id, group_concat(p.name, '、') AS names, count(*) AS n,
         max(s.release_date <= :today) AS release_due,
         max(EXISTS (SELECT 1 FROM tests t WHERE t.stay_id = s.id AND t.due_date = :today
                     AND t.sampled_at IS NULL)) AS test_due,
         max(s.status = 'awaiting_transfer' OR EXISTS (SELECT 1 FROM tests t WHERE t.stay_id = s.id
                     AND t.result = 'positive')) AS positive,
         max(EXISTS (SELECT 1 FROM health_checks h WHERE h.stay_id = s.id AND h.taken_at >= :since
                     AND h.temperature >= :threshold)) AS fever
  FROM stays s JOIN people p ON p.id = s.person_id
  WHERE s.status IN ('in_isolation', 'awaiting_transfer') AND s.room_id IS NOT NULL
  GROUP BY s.room_id)
SELECT r.id, b.code, b.name, r.floor, r.number, r.beds, r.status, r.status_reason,
       occ.names, occ.n, occ.test_due, occ.release_due, occ.fever, occ.positive
FROM rooms r JOIN buildings b ON b.id = r.building_id LEFT JOIN occ ON occ.room_id = r.id
ORDER BY b.sort_order, b.code, r.floor, r.number"""

_OCCUPANTS = """
SELECT s.id, b.code || '-' || r.number, p.name, p.sex, p.birth_date, s.category, s.start_date,
       s.release_date, s.status, p.id_type, p.id_number, p.phone, pol.label,
       (SELECT t.sampled_at || ' ' || coalesce(t.result, '') FROM tests t
         WHERE t.stay_id = s.id AND t.sampled_at IS NOT NULL ORDER BY t.sampled_at DESC, t.id DESC LIMIT 1)
FROM stays s JOIN people p ON p.id = s.person_id JOIN policies pol ON pol.id = s.policy_id
LEFT JOIN rooms r ON r.id = s.room_id LEFT JOIN buildings b ON b.id = r.building_id
WHERE s.status IN ('expected', 'in_isolation', 'awaiting_transfer') {extra}
ORDER BY b.sort_order, b.code, r.floor, r.number, p.name"""
RAW_OCCUPANTS = _OCCUPANTS.format(extra="")
RAW_OCCUPANTS_BUILDING = _OCCUPANTS.format(
    extra="AND s.room_id IN (SELECT r2.id FROM rooms r2 JOIN buildings b2 ON b2.id = r2.building_id "
          "WHERE b2.code = :building)")
RAW_OCCUPANTS_SEARCH = _OCCUPANTS.format(
    extra="AND (p.name LIKE :like OR p.id_number LIKE :like OR p.phone LIKE :like "
          "OR (b.code || '-' || r.number) LIKE :like)")

RAW_DUE_TESTS = """
SELECT t.id, t.stay_id, t.kind, t.purpose, t.due_date, t.sampled_at, t.result, po.code, p.name, p.id_number,
       b.code, b.sort_order, r.floor, r.number, b.code || '-' || r.number
FROM tests t JOIN stays s ON s.id = t.stay_id JOIN people p ON p.id = s.person_id
LEFT JOIN rooms r ON r.id = s.room_id LEFT JOIN buildings b ON b.id = r.building_id
LEFT JOIN pools po ON po.id = t.pool_id
WHERE t.due_date = :today AND s.status = 'in_isolation' AND t.purpose <> 'surface'
ORDER BY b.sort_order, b.code, r.floor, r.number, p.name, t.id"""

# rooms -> stays -> tests (CROSS JOIN fixes that order; left to itself SQLite starts from every
# test due today on the site: 230 ms instead of 7 ms at 50,000 beds)
RAW_DUE_TESTS_BUILDING = """
SELECT t.id, t.stay_id, t.kind, t.purpose, t.due_date, t.sampled_at, t.result, po.code, p.name, p.id_number,
       b.code, b.sort_order, r.floor, r.number, b.code || '-' || r.number
FROM buildings b CROSS JOIN rooms r ON r.building_id = b.id CROSS JOIN stays s ON s.room_id = r.id
CROSS JOIN tests t ON t.stay_id = s.id JOIN people p ON p.id = s.person_id
LEFT JOIN pools po ON po.id = t.pool_id
WHERE b.code = :building AND s.status = 'in_isolation' AND t.due_date = :today AND t.purpose <> 'surface'
ORDER BY r.floor, r.number, p.name, t.id"""

# The room board of one building: the same badges, the building's rooms and their stays only.
RAW_ROOM_BOARD_BUILDING = RAW_ROOM_BOARD.replace(
    "WHERE s.status IN ('in_isolation', 'awaiting_transfer') AND s.room_id IS NOT NULL",
    "WHERE s.status IN ('in_isolation', 'awaiting_transfer') AND s.room_id IN "
    "(SELECT r2.id FROM rooms r2 JOIN buildings b2 ON b2.id = r2.building_id WHERE b2.code = :building)"
).replace("LEFT JOIN occ ON occ.room_id = r.id\n", "LEFT JOIN occ ON occ.room_id = r.id\nWHERE b.code = :building\n")

RAW_RELEASES = """
SELECT s.id, p.name, p.id_type, p.id_number, p.sex, p.birth_date, p.special_needs, p.diet,
       s.category, s.status, s.start_date, s.release_date, s.checked_in_at, s.ended_at, s.end_reason,
       s.transfer_destination, b.code, r.floor, r.number, b.code || '-' || r.number
FROM stays s JOIN people p ON p.id = s.person_id
LEFT JOIN rooms r ON r.id = s.room_id LEFT JOIN buildings b ON b.id = r.building_id
WHERE s.status = 'in_isolation' AND s.release_date <= :today AND s.checked_in_at <= :at
ORDER BY s.release_date, b.sort_order, b.code, r.floor, r.number, p.name"""


class Tracer:
    """Records the SQL statements (parameters expanded) an app function runs."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.statements: list[str] = []

    def __enter__(self):
        self.conn.set_trace_callback(self.statements.append)
        return self

    def __exit__(self, *exc):
        self.conn.set_trace_callback(None)


def replay(conn: sqlite3.Connection, statements: list[str]) -> int:
    n = 0
    for sql in statements:
        if sql.lstrip().upper().startswith(("SELECT", "WITH")):
            n += len(conn.execute(sql).fetchall())
    return n


# The raw queries read the same rows and the same columns as the app's (the summary's release
# list shows 20 columns, the sampling list reads the pool's code): the same work, bare.


def _target_ok(size: int, app_ms: float, ratio: float | None) -> tuple[str, bool | None]:
    if size >= 50000:
        ok = app_ms < 100 and (ratio is None or ratio <= 1.3)
        return "<= 1.3x raw and < 100 ms", ok
    return "<= 1.3x raw", (ratio is None or ratio <= 1.3)


def run(db_path: str, size: int, repeat: int, now: datetime) -> list[Figure]:
    from isolation_desk.services import boards, shift_summary
    from isolation_desk.services.site import get_settings
    from isolation_desk.services.testing import sampling
    from isolation_desk.storage import repo_shift
    from isolation_desk.storage.database import open_database

    db = open_database(db_path, create=False, check=None)
    raw = sqlite3.connect(db_path)  # the bare library: a plain connection, tuples back
    today = now.date()
    iso_today = today.isoformat()
    at = now.replace(microsecond=0).isoformat()
    since = (now - timedelta(hours=24)).replace(microsecond=0).isoformat()
    threshold = get_settings(db).fever_threshold
    cases = [
        ("room board (boards.room_tiles)", lambda: boards.room_tiles(db, now),
         RAW_ROOM_BOARD, {"today": iso_today, "since": since, "threshold": threshold}),
        ("occupants list (boards.occupant_sources: what the screen reads; it formats the rows it shows)",
         lambda: boards.occupant_sources(db), RAW_OCCUPANTS, {}),
        ("occupants list, every row formatted (boards.occupant_rows: exports; reference)",
         lambda: boards.occupant_rows(db, today), RAW_OCCUPANTS, {}),
        (f"occupants search '{SEARCH}' in SQL (boards.occupant_sources)",
         lambda: boards.occupant_sources(db, search=SEARCH), RAW_OCCUPANTS_SEARCH, {"like": f"%{SEARCH}%"}),
        ("today's due tests, room order (testing.sampling.sampling_sources: what the tests screen reads)",
         lambda: sampling.sampling_sources(db, today), RAW_DUE_TESTS, {"today": iso_today}),
        ("today's due tests, every row formatted (testing.sampling.sampling_list: PDF, command line; reference)",
         lambda: sampling.sampling_list(db, today), RAW_DUE_TESTS, {"today": iso_today}),
        ("release list, due today (repo_shift.releases_due)",
         lambda: repo_shift.releases_due(db, at, iso_today), RAW_RELEASES, {"today": iso_today, "at": at}),
        ("shift summary (shift_summary.current_summary)", lambda: shift_summary.current_summary(db, now), None, {}),
    ]
    building = boards.default_building(db)
    if building is not None:
        # A site this large opens its lists on one building (boards.default_building); the
        # whole-site lists above are what "All buildings" reads.
        n_rooms = len(boards.room_tiles(db, now, building=building))
        where = f"building {building}, {n_rooms:,} rooms"
        cases += [
            (f"room board, one building ({where})", lambda: boards.room_tiles(db, now, building=building),
             RAW_ROOM_BOARD_BUILDING, {"today": iso_today, "since": since, "threshold": threshold,
                                       "building": building}),
            (f"occupants list, one building ({where})",
             lambda: boards.occupant_sources(db, building=building), RAW_OCCUPANTS_BUILDING,
             {"building": building}),
            (f"today's due tests, one building ({where})",
             lambda: sampling.sampling_sources(db, today, building=building), RAW_DUE_TESTS_BUILDING,
             {"today": iso_today, "building": building}),
        ]
    figures = []
    for name, app_fn, raw_sql, params in cases:
        with Tracer(db.conn) as tr:
            t = time.perf_counter()
            app_fn()
            once = time.perf_counter() - t
        statements = tr.statements
        # A query of a few milliseconds moves by a millisecond between runs on this VM: the
        # median of more runs (15) for those under 0.1 s; the ones of seconds keep ``repeat``.
        reps = repeat if once > 0.1 else max(repeat, 15)
        app_stats, result = timed(app_fn, reps)
        replay_stats, replay_rows = timed(lambda statements=statements: replay(raw, statements), reps)
        limit, limit_name = replay_stats, f"replay of the app's {len(statements)} SQL statement(s)"
        extra = {"app_statements": len(statements), "replay_ms": replay_stats.best(), "replay_rows": replay_rows}
        if raw_sql is not None:
            raw_stats, rows = timed(lambda raw_sql=raw_sql, params=params: raw.execute(raw_sql, params).fetchall(),
                                 reps)
            extra.update(raw_ms=raw_stats.best(), raw_rows=len(rows))
            if raw_stats.best() < replay_stats.best():
                limit, limit_name = raw_stats, "hand-written raw query"
        n = len(result.rows) if hasattr(result, "rows") else (len(result) if isinstance(result, list) else None)
        extra["app_rows"] = n
        ratio = app_stats.best() / limit.best() if limit.best() > 0 else None
        target, ok = _target_ok(size, app_stats.best(), ratio)
        if "reference" in name:  # not behind a screen: shown for comparison
            target, ok = "— (not behind a screen)", None
        figures.append(Figure("queries", name, str(size), "ms", app_stats, limit, limit_name, ratio, target, ok,
                              extra=extra))
    raw.close()
    db.close()
    return figures
