"""The schema, as an append-only list of named migrations (sqlite-utils ``Migrations``).

Never edit a migration that has shipped: add a new one at the end. ``SCHEMA_VERSION`` is
the number of migrations; a database that has applied migrations this build does not know
comes from a newer version of the app and is refused (see ``database.open_database``).
"""
from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from .schema import KNOWN_MIGRATIONS as _NAMES
from .schema import MIGRATION_SET

migrations = Migrations(MIGRATION_SET)


def _run(db: Database, script: str) -> None:
    # executescript() would COMMIT the migration's transaction: run statements one by one.
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


@migrations(name="0001_site_rooms_people_stays")
def m0001(db: Database) -> None:
    _run(db, """
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE policies (
  id INTEGER PRIMARY KEY,
  category TEXT NOT NULL,
  label TEXT NOT NULL,
  preset TEXT,
  isolation_days INTEGER NOT NULL,
  counted_from TEXT NOT NULL CHECK (counted_from IN ('last_exposure', 'arrival')),
  test_days TEXT NOT NULL,
  test_at_check_in INTEGER NOT NULL DEFAULT 1,
  double_sampling INTEGER NOT NULL DEFAULT 0,
  home_monitoring_days INTEGER NOT NULL DEFAULT 0,
  admitted INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  retired_at TEXT
);
CREATE INDEX idx_policies_category ON policies(category, retired_at);
CREATE TABLE buildings (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE rooms (
  id INTEGER PRIMARY KEY,
  building_id INTEGER NOT NULL REFERENCES buildings(id),
  floor INTEGER NOT NULL,
  number TEXT NOT NULL,
  beds INTEGER NOT NULL DEFAULT 1 CHECK (beds >= 1),
  status TEXT NOT NULL DEFAULT 'ready'
    CHECK (status IN ('ready', 'occupied', 'awaiting_disinfection', 'out_of_service')),
  status_reason TEXT,
  status_changed_at TEXT NOT NULL,
  UNIQUE (building_id, number)
);
CREATE INDEX idx_rooms_order ON rooms(building_id, floor, number);
CREATE INDEX idx_rooms_status ON rooms(status);
CREATE TABLE room_events (
  id INTEGER PRIMARY KEY,
  room_id INTEGER NOT NULL REFERENCES rooms(id),
  at TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  reason TEXT,
  actor TEXT NOT NULL,
  stay_id INTEGER
);
CREATE INDEX idx_room_events_room ON room_events(room_id, at);
CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  sex TEXT CHECK (sex IN ('M', 'F')),
  birth_date TEXT,
  id_type TEXT NOT NULL,
  id_number TEXT NOT NULL,
  phone TEXT,
  registered_address TEXT,
  current_address TEXT,
  origin TEXT,
  special_needs TEXT NOT NULL DEFAULT '',
  diet TEXT NOT NULL DEFAULT 'regular',
  notes TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (id_type, id_number)
);
CREATE INDEX idx_people_name ON people(name);
CREATE INDEX idx_people_phone ON people(phone);
CREATE TABLE households (
  id INTEGER PRIMARY KEY,
  label TEXT,
  created_at TEXT NOT NULL
);
CREATE TABLE stays (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id),
  room_id INTEGER REFERENCES rooms(id),
  category TEXT NOT NULL,
  policy_id INTEGER NOT NULL REFERENCES policies(id),
  status TEXT NOT NULL CHECK (status IN
    ('expected', 'in_isolation', 'awaiting_transfer', 'released', 'transferred', 'left')),
  last_exposure_date TEXT,
  arrival_date TEXT,
  start_date TEXT NOT NULL,
  release_date TEXT NOT NULL,
  checked_in_at TEXT,
  ended_at TEXT,
  end_reason TEXT,
  transfer_destination TEXT,
  destination_community TEXT,
  community_contact TEXT,
  community_phone TEXT,
  community_notified INTEGER NOT NULL DEFAULT 0,
  household_id INTEGER REFERENCES households(id),
  household_role TEXT,
  test_regime TEXT,
  source TEXT,
  notes TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX idx_stays_status ON stays(status, release_date);
CREATE INDEX idx_stays_person ON stays(person_id);
CREATE INDEX idx_stays_room ON stays(room_id, status);
CREATE INDEX idx_stays_household ON stays(household_id);
CREATE INDEX idx_stays_checked_in ON stays(checked_in_at);
CREATE INDEX idx_stays_ended ON stays(ended_at);
CREATE TABLE stay_events (
  id INTEGER PRIMARY KEY,
  stay_id INTEGER NOT NULL REFERENCES stays(id),
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  from_value TEXT,
  to_value TEXT,
  reason TEXT,
  actor TEXT NOT NULL
);
CREATE INDEX idx_stay_events_stay ON stay_events(stay_id, at);
CREATE INDEX idx_stay_events_at ON stay_events(at)
""")


@migrations(name="0002_tests_health_staff_alerts")
def m0002(db: Database) -> None:
    _run(db, """
CREATE TABLE staff (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  team TEXT,
  phone TEXT,
  id_number TEXT,
  test_regime TEXT NOT NULL DEFAULT 'daily',
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);
CREATE TABLE pools (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL DEFAULT 'pcr',
  size INTEGER NOT NULL,
  sampled_at TEXT,
  result TEXT CHECK (result IN ('negative', 'positive', 'invalid')),
  result_at TEXT
);
CREATE TABLE tests (
  id INTEGER PRIMARY KEY,
  stay_id INTEGER REFERENCES stays(id),
  staff_id INTEGER REFERENCES staff(id),
  kind TEXT NOT NULL CHECK (kind IN ('pcr', 'antigen')),
  purpose TEXT NOT NULL DEFAULT 'scheduled'
    CHECK (purpose IN ('scheduled', 'check_in', 'release', 'second_lab', 'retest', 'regime', 'surface', 'staff')),
  due_date TEXT NOT NULL,
  sampled_at TEXT,
  pool_id INTEGER REFERENCES pools(id),
  result TEXT CHECK (result IN ('negative', 'positive', 'invalid')),
  result_at TEXT,
  lab TEXT,
  recorded_by TEXT,
  source TEXT,
  CHECK ((stay_id IS NULL) <> (staff_id IS NULL))
);
CREATE INDEX idx_tests_stay ON tests(stay_id, due_date);
CREATE INDEX idx_tests_staff ON tests(staff_id, due_date);
CREATE INDEX idx_tests_due ON tests(due_date, sampled_at);
CREATE INDEX idx_tests_pending ON tests(result, sampled_at);
CREATE INDEX idx_tests_pool ON tests(pool_id);
CREATE TABLE health_checks (
  id INTEGER PRIMARY KEY,
  stay_id INTEGER NOT NULL REFERENCES stays(id),
  taken_at TEXT NOT NULL,
  slot TEXT NOT NULL CHECK (slot IN ('morning', 'evening')),
  temperature REAL CHECK (temperature BETWEEN 34.0 AND 43.0),
  symptoms TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL,
  UNIQUE (stay_id, taken_at, slot)
);
CREATE INDEX idx_health_checks_stay ON health_checks(stay_id, taken_at);
CREATE INDEX idx_health_checks_taken ON health_checks(taken_at);
CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  stay_id INTEGER REFERENCES stays(id),
  test_id INTEGER REFERENCES tests(id),
  raised_at TEXT NOT NULL,
  handled_at TEXT,
  handled_by TEXT,
  note TEXT
);
CREATE INDEX idx_alerts_open ON alerts(handled_at)
""")


@migrations(name="0003_supplies")
def m0003(db: Database) -> None:
    _run(db, """
CREATE TABLE supply_items (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  category TEXT NOT NULL CHECK (category IN ('protective_equipment', 'disinfectant', 'testing',
    'food_and_water', 'medicine', 'daily_necessities', 'medical_waste')),
  unit TEXT NOT NULL,
  reorder_level REAL NOT NULL DEFAULT 0,
  critical INTEGER NOT NULL DEFAULT 0,
  tracks_expiry INTEGER NOT NULL DEFAULT 0,
  consumption TEXT NOT NULL DEFAULT 'unplanned'
    CHECK (consumption IN ('per_occupant_day', 'per_staff_shift', 'per_sample', 'unplanned')),
  rate REAL NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE supply_lots (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES supply_items(id),
  lot TEXT NOT NULL,
  expiry_date TEXT,
  maker TEXT,
  UNIQUE (item_id, lot)
);
CREATE TABLE supply_movements (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES supply_items(id),
  lot_id INTEGER REFERENCES supply_lots(id),
  at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('receipt', 'issue', 'adjustment', 'count', 'transfer_out')),
  quantity REAL NOT NULL,
  party TEXT,
  reason TEXT,
  reference TEXT,
  actor TEXT NOT NULL
);
CREATE INDEX idx_movements_item ON supply_movements(item_id, at);
CREATE INDEX idx_movements_lot ON supply_movements(lot_id);
CREATE INDEX idx_movements_at ON supply_movements(at)
""")


@migrations(name="0004_shift_log_users_audit_imports")
def m0004(db: Database) -> None:
    _run(db, """
CREATE TABLE shift_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('incident', 'instruction', 'note')),
  text TEXT NOT NULL,
  actor TEXT NOT NULL,
  resolved_at TEXT
);
CREATE INDEX idx_shift_log_at ON shift_log(at);
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('manager', 'medical', 'front_desk', 'logistics', 'viewer')),
  password_hash TEXT NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT,
  before TEXT,
  after TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX idx_audit_entity ON audit(entity, entity_id);
CREATE INDEX idx_audit_at ON audit(at);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  file_name TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,
  at TEXT NOT NULL,
  rows INTEGER NOT NULL,
  imported INTEGER NOT NULL,
  actor TEXT NOT NULL
)
""")



@migrations(name="0005_supplies_balance_index")
def m0005(db: Database) -> None:
    # Stock on hand is the sum of the signed movements per item and lot: a covering index
    # turns that GROUP BY into an index scan that never reads the table.
    _run(db, """
CREATE INDEX idx_movements_balance ON supply_movements(item_id, lot_id, quantity)
""")

@migrations(name="0006_bench_indexes")
def m0006(db: Database) -> None:
    # Issue 10 (BENCHMARKS.md). Each stay's latest sample (the occupants list's "last test")
    # becomes one index seek instead of a sort of the stay's tests; the items issued in a
    # window (shift summary, supplies forecast) a covering range scan.
    _run(db, """
CREATE INDEX idx_tests_stay_sampled ON tests(stay_id, sampled_at);
CREATE INDEX idx_movements_kind_at ON supply_movements(kind, at, item_id, quantity)
""")


@migrations(name="0007_ui_fever_index")
def m0007(db: Database) -> None:
    # Issue 3: the room board's fever badge asks "who had a temperature at or above the
    # threshold in the last 24 hours". With (taken_at) alone every check of the day is read
    # from the table for its temperature; covering, it is an index range scan.
    _run(db, """
CREATE INDEX idx_health_checks_fever ON health_checks(taken_at, temperature, stay_id)
""")


@migrations(name="0008_release_community_notified")
def m0008(db: Database) -> None:
    # Issue 14: the release hand-off (DOMAIN.md "是否告知街镇"): who told the destination
    # community and when (community_notified, the flag, was there from 0001).
    _run(db, """
ALTER TABLE stays ADD COLUMN community_notified_by TEXT;
ALTER TABLE stays ADD COLUMN community_notified_at TEXT
""")


@migrations(name="0009_result_source_surface_sampling")
def m0009(db: Database) -> None:
    # Issue 14: how a result was entered (the lab import, one row at a time, or a bulk
    # "all negative except" of one lab batch): a release-relevant sample needs a lab's
    # result, never a bulk negative alone. A policy may ask for last-day sampling of the
    # person's belongings and room surfaces (DOMAIN.md, "Rooms").
    _run(db, """
ALTER TABLE tests ADD COLUMN result_source TEXT CHECK (result_source IN ('import', 'row', 'bulk'));
ALTER TABLE policies ADD COLUMN surface_sampling INTEGER NOT NULL DEFAULT 0
""")


def _recount(row: str) -> str:
    # A movement changed or removed (never in the app: the ledger is append-only; a repair by
    # hand): the totals of its item, lot and day summed again from the ledger, exactly, and
    # gone when nothing is left of them there (as the ledger's group would be).
    day = f"substr({row}.at, 1, 10)"
    return f"""  DELETE FROM supply_balances WHERE item_id = {row}.item_id AND lot_key = coalesce({row}.lot_id, 0);
  INSERT INTO supply_balances (item_id, lot_key, lot_id, on_hand)
  SELECT {row}.item_id, coalesce({row}.lot_id, 0), {row}.lot_id, s FROM (
    SELECT count(*) AS n, sum(quantity) AS s FROM supply_movements
    WHERE item_id = {row}.item_id AND lot_id IS {row}.lot_id) WHERE n > 0;
  DELETE FROM supply_issued_daily WHERE item_id = {row}.item_id AND day = {day};
  INSERT INTO supply_issued_daily (item_id, day, issued)
  SELECT {row}.item_id, {day}, -s FROM (
    SELECT count(*) AS n, sum(quantity) AS s FROM supply_movements
    WHERE kind = 'issue' AND at >= {day} AND at < date({day}, '+1 day') AND item_id = {row}.item_id)
  WHERE n > 0;"""


@migrations(name="0010_supply_running_totals")
def m0010(db: Database) -> None:
    # Issue 16: the stock overview (the shift summary, the supplies screen, the handover sheet)
    # summed the whole ledger for every item's balance and the last week's issues for its
    # daily use, on every read: a scan that grows with the ledger (302,728 rows at 2,000 beds).
    # Two running totals kept by triggers on supply_movements instead, filled from the ledger
    # here: the balance per item and lot (lot_key 0: stock without a lot; a row stays at zero,
    # as the ledger's group does) and the units issued per item and calendar day (the first
    # ten characters of ``at``). Whatever writes a movement (the services, an import, a
    # restore of an older file, which this migration fills) keeps them equal to the ledger.
    for statement in (
        """CREATE TABLE supply_balances (
  item_id INTEGER NOT NULL REFERENCES supply_items(id),
  lot_key INTEGER NOT NULL,
  lot_id INTEGER REFERENCES supply_lots(id),
  on_hand REAL NOT NULL,
  PRIMARY KEY (item_id, lot_key)
) WITHOUT ROWID""",
        """CREATE TABLE supply_issued_daily (
  item_id INTEGER NOT NULL REFERENCES supply_items(id),
  day TEXT NOT NULL,
  issued REAL NOT NULL,
  PRIMARY KEY (item_id, day)
) WITHOUT ROWID""",
        """INSERT INTO supply_balances (item_id, lot_key, lot_id, on_hand)
SELECT item_id, coalesce(lot_id, 0), lot_id, sum(quantity) FROM supply_movements
GROUP BY item_id, lot_id""",
        """INSERT INTO supply_issued_daily (item_id, day, issued)
SELECT item_id, substr(at, 1, 10), -sum(quantity) FROM supply_movements
WHERE kind = 'issue' GROUP BY item_id, substr(at, 1, 10)""",
        """CREATE TRIGGER supply_movement_added AFTER INSERT ON supply_movements
BEGIN
  INSERT INTO supply_balances (item_id, lot_key, lot_id, on_hand)
  VALUES (NEW.item_id, coalesce(NEW.lot_id, 0), NEW.lot_id, NEW.quantity)
  ON CONFLICT (item_id, lot_key) DO UPDATE SET on_hand = on_hand + excluded.on_hand;
  INSERT INTO supply_issued_daily (item_id, day, issued)
  SELECT NEW.item_id, substr(NEW.at, 1, 10), -NEW.quantity WHERE NEW.kind = 'issue'
  ON CONFLICT (item_id, day) DO UPDATE SET issued = issued + excluded.issued;
END""",
        f"""CREATE TRIGGER supply_movement_removed AFTER DELETE ON supply_movements
BEGIN
{_recount("OLD")}
END""",
        f"""CREATE TRIGGER supply_movement_changed
AFTER UPDATE OF item_id, lot_id, at, kind, quantity ON supply_movements
BEGIN
{_recount("OLD")}
{_recount("NEW")}
END""",
    ):
        db.execute(statement)


@migrations(name="0011_room_board_covering_indexes")
def m0011(db: Database) -> None:
    # Issue 16: the room board (every room's occupants and badges) read the table rows of
    # every present stay, of their people and of the tests due today: about 1,900 pages spread
    # over the tables at 2,000 beds, each decrypted on a first read (a new connection, an
    # encrypted file; BENCHMARKS.md, issue 16). Covering indexes hold what it reads in a few
    # dozen pages. idx_stays_present lists ``id`` so that a room's occupants
    # come in the order they did (status, release date, stay), the order of their names;
    # idx_tests_due_stay replaces idx_tests_due (the same columns first).
    _run(db, """
CREATE INDEX idx_stays_present ON stays(status, release_date, room_id, id, person_id);
CREATE INDEX idx_people_id_name ON people(id, name);
CREATE INDEX idx_tests_due_stay ON tests(due_date, sampled_at, stay_id);
DROP INDEX idx_tests_due
""")


SCHEMA_VERSION = len(migrations._migrations)
KNOWN_MIGRATIONS = [m.name for m in migrations._migrations]
if KNOWN_MIGRATIONS != _NAMES:  # storage/schema.py lists them for a start without sqlite-utils
    raise RuntimeError("storage/schema.py KNOWN_MIGRATIONS must list the migrations of "
                       f"storage/migrations.py in order: {KNOWN_MIGRATIONS}")

