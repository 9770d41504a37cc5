"""A site of N one-bed rooms with a realistic 60-day history, generated fast.

    python -m bench.generate --beds 50000 --out /tmp/site.sqlite

Rooms and policies go through the services (``site.create_rooms``, ``site.apply_preset``);
the history (people, stays, tests, health checks, room and stay events, staff and their
tests, a supply ledger of 100,000+ movements) is simulated room by room in Python and
written with ``executemany`` in ONE transaction, with the values the services would have
written: valid resident IDs, back-to-back 7-day stays (9th edition), one day of terminal
disinfection between them, room statuses that match the stays, tests on the policy's days
(past ones sampled and resulted negative, a few results pending, today's round half done),
temperatures morning and evening. The audit chain is not replayed for the generated
history: one audit entry ``bench_generated`` records it.

The history is dated relative to ``now`` (default: the clock), because the app and the
command line read the clock: a cached database is keyed by its size, the generator version
and the day it was made for (``cached(beds)``).
"""
from __future__ import annotations

import argparse
import math
import os
import random
import sys
import time as _time
from datetime import date, datetime, time, timedelta
from pathlib import Path

from isolation_desk.domain.identity import make_resident_id
from isolation_desk.domain.roles import Actor
from isolation_desk.domain.schedule import policy_schedule
from isolation_desk.services import shift as shift_service
from isolation_desk.services import site
from isolation_desk.services.demo import (
    COMMUNITIES,
    DEMO_ITEMS,
    DEMO_MAKERS,
    DEMO_SUPPLIERS,
    GIVEN,
    ORIGINS,
    REGIONS,
    SURNAMES,
    _layout,
)
from isolation_desk.storage import repo_supplies
from isolation_desk.storage import repositories as repo
from isolation_desk.storage.database import open_database

GENERATOR_VERSION = 1
HISTORY_DAYS = 60
OUT_DIR = Path(__file__).resolve().parent / "out"
ACTOR = Actor("bench", "manager", "基准测试")
LAB = "市疾控中心实验室"
# Admitted under the 9th edition (secondary contacts isolate at home), with their weights.
CATEGORIES = (("close_contact", 60), ("inbound_traveller", 20), ("risk_area_arrival", 15), ("other", 5))
EXTRA_ITEMS = (  # DEMO_ITEMS has 17 items: three more make the ~20 of a real store room
    ("一次性隔离衣", "protective_equipment", "件", 3, 0, 0, "per_staff_shift", 1.0, "保障组"),
    ("一次性鞋套", "protective_equipment", "双", 3, 0, 0, "per_staff_shift", 2.0, "保障组"),
    ("速干手消毒液(500ml)", "disinfectant", "瓶", 4, 0, 1, "per_occupant_day", 0.05, None),
)
OUT_OF_SERVICE_REASONS = ("空调故障", "卫生间漏水", "门锁损坏", "窗户密封条损坏")
STAFF_ROLES = ("nurse", "nurse", "doctor", "security", "cleaner", "logistics")


def iso(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat()


def cached(beds: int, now: datetime | None = None, *, quiet: bool = False) -> Path:
    """The generated database of ``beds`` beds for today, made once and kept under bench/out/."""
    now = (now or datetime.now()).replace(microsecond=0)
    path = OUT_DIR / f"site-{beds}-v{GENERATOR_VERSION}-{now.date().isoformat()}.sqlite"
    if not path.exists():
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".part")
        counts = generate(beds, tmp, now=now)
        os.replace(tmp, path)
        if not quiet:
            print(f"generated {path.name}: {counts}", file=sys.stderr)
    else:
        open_database(path, create=False, check=None).close()  # migrations added since it was made
    return path


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.remove(str(path) + suffix)
        except FileNotFoundError:
            pass


class _Names:
    """Chinese names, valid resident IDs that never repeat, phones."""

    def __init__(self, rng: random.Random, today: date):
        self.rng = rng
        self.today = today
        self.seq = 0

    def person(self, at: str) -> tuple:
        rng = self.rng
        i = self.seq
        self.seq += 1
        # (sequence, region, birth date) from i, injective: IDs never repeat.
        sequence, rest = i % 500, i // 500
        age_days = 3 * 365 + (rest * 7919) % (82 * 365)  # ages 3 to 85, spread
        birth = self.today - timedelta(days=age_days)
        region = REGIONS[(i // 7) % len(REGIONS)] if rest < 82 * 365 else "370102"
        sex = "M" if rng.random() < 0.52 else "F"
        id_number = make_resident_id(region, birth, sequence, sex)
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        age = age_days // 365
        needs = "elderly" if age >= 65 else ("child" if age <= 14 else "")
        if rng.random() < 0.03:
            needs = (needs + ",chronic_illness").lstrip(",")
        diet = "halal" if rng.random() < 0.03 else ("vegetarian" if rng.random() < 0.03 else "regular")
        phone = f"1{rng.choice('3578')}{(i * 7919 + 1234567) % 10**9:09d}"
        return (i + 1, name, sex, birth.isoformat(), "resident_id", id_number, phone,
                f"{rng.choice(('江北区', '江南区', '高新区'))}{rng.randint(1, 300)}号", None,
                rng.choice(ORIGINS), needs, diet, None, at)


PEOPLE_SQL = ("INSERT INTO people (id, name, sex, birth_date, id_type, id_number, phone, registered_address, "
              "current_address, origin, special_needs, diet, notes, created_at) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
STAYS_SQL = ("INSERT INTO stays (id, person_id, room_id, category, policy_id, status, last_exposure_date, "
             "arrival_date, start_date, release_date, checked_in_at, ended_at, end_reason, "
             "transfer_destination, destination_community, community_contact, community_phone, "
             "community_notified, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
             "?)")
TESTS_SQL = ("INSERT INTO tests (id, stay_id, staff_id, kind, purpose, due_date, sampled_at, result, result_at, "
             "lab, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
CHECKS_SQL = ("INSERT INTO health_checks (stay_id, taken_at, slot, temperature, symptoms, recorded_by) "
              "VALUES (?, ?, ?, ?, ?, ?)")
STAY_EVENTS_SQL = ("INSERT INTO stay_events (stay_id, at, kind, from_value, to_value, reason, actor) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)")
ROOM_EVENTS_SQL = ("INSERT INTO room_events (room_id, at, from_status, to_status, reason, actor, stay_id) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)")
ALERTS_SQL = ("INSERT INTO alerts (kind, stay_id, test_id, raised_at, handled_at, handled_by, note) "
              "VALUES (?, ?, ?, ?, ?, ?, ?)")
# The big tables lose their indexes during the load and get them back, built once, after it.
BIG_TABLES = ("people", "stays", "tests", "health_checks", "stay_events", "room_events", "supply_movements")


class _Batch:
    """Rows per table, flushed with executemany every ``size`` rows (bounded memory)."""

    def __init__(self, db, size: int = 200_000):
        self.db = db
        self.size = size
        self.rows: dict[str, list] = {}
        self.counts: dict[str, int] = {}

    def add(self, sql: str, row: tuple) -> None:
        rows = self.rows.setdefault(sql, [])
        rows.append(row)
        if len(rows) >= self.size:
            self.flush(sql)

    def flush(self, sql: str | None = None) -> None:
        # people before stays before tests: keep insertion order of first use
        for key in ([sql] if sql else list(self.rows)):
            rows = self.rows.get(key)
            if rows:
                self.db.executemany(key, rows)
                self.counts[key] = self.counts.get(key, 0) + len(rows)
                rows.clear()


def _pick_category(rng: random.Random) -> str:
    x = rng.uniform(0, 100)
    for code, w in CATEGORIES:
        x -= w
        if x <= 0:
            return code
    return "close_contact"


def generate(beds: int, out: str | Path, *, now: datetime | None = None, seed: int = 1) -> dict:
    """Build the site in a new file ``out``; returns row counts and the seconds it took."""
    t0 = _time.perf_counter()
    out = Path(out)
    _remove(out)
    now = (now or datetime.now()).replace(microsecond=0)
    today = now.date()
    rng = random.Random(seed * 1_000_003 + beds)
    day0 = today - timedelta(days=HISTORY_DAYS)
    hist_start = datetime.combine(day0, time(8, 0))
    db = open_database(out)
    conn = db.conn
    # Generation only: the app's own connections keep synchronous=FULL and foreign keys.
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -400000")
    conn.execute("PRAGMA foreign_keys = OFF")
    with db.transaction():
        site.update_settings(db, {"site_name": f"基准测试隔离点({beds}床)", "site_address": "滨江路1号",
                                  "contact_person": "周建华", "contact_phone": "13900001234"},
                             ACTOR, hist_start)
        site.apply_preset(db, "edition_9", ACTOR, hist_start)
        for rr in _layout(beds):
            site.create_rooms(db, rr, ACTOR, hist_start)
    all_rooms = repo.rooms(db)
    rooms = all_rooms[:beds]
    extra = [r["id"] for r in all_rooms[beds:]]
    policies = site.current_policies(db)
    index_sql = [r[0] for r in conn.execute(
        f"SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN "
        f"({', '.join('?' * len(BIG_TABLES))})", BIG_TABLES)]
    index_names = [r[0] for r in conn.execute(
        f"SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN "
        f"({', '.join('?' * len(BIG_TABLES))})", BIG_TABLES)]

    names = _Names(rng, today)
    schedule_cache: dict[tuple[str, int], list[tuple[str, str, int]]] = {}

    def schedule(category: str, k: int) -> list[tuple[str, str, int]]:
        key = (category, k)
        if key not in schedule_cache:
            pol = policies[category][1]
            c = today
            schedule_cache[key] = [(t.kind, t.purpose, (t.due_date - c).days)
                                   for t in policy_schedule(pol, c - timedelta(days=k), c)]
        return schedule_cache[key]

    occupancy = [0] * (HISTORY_DAYS + 1)  # people present at the end of each day (index 0: hist start day)
    samples = [0] * (HISTORY_DAYS + 1)
    p_positive_now = max(2, beds // 1000) / (0.6 * beds)  # per present stay: a few await transfer
    n_transfers = max(1, beds // 1000)
    transfer_rooms = set(rng.sample(range(len(rooms)), min(len(rooms), n_transfers)))
    out_of_service = set(rng.sample(range(len(rooms)), max(1, len(rooms) // 100)))

    with db.transaction():
        for name in index_names:
            conn.execute(f"DROP INDEX {name}")
        b = _Batch(conn)
        stay_id = test_id = 0
        room_updates = []
        alerts = []
        for ri, room in enumerate(rooms):
            rid, label = room["id"], room["label"]
            if ri in out_of_service:
                reason = rng.choice(OUT_OF_SERVICE_REASONS)
                at = iso(hist_start + timedelta(minutes=30))
                b.add(ROOM_EVENTS_SQL, (rid, at, "ready", "out_of_service", reason, ACTOR.username, None))
                room_updates.append(("out_of_service", reason, at, rid))
                continue
            status, reason, changed = "ready", None, iso(hist_start)
            cursor = today - timedelta(days=HISTORY_DAYS - rng.randint(0, 7))
            while cursor <= today:
                c = cursor
                if c == today:
                    latest = min(now - timedelta(minutes=1), datetime.combine(today, time(19, 59)))
                    earliest = datetime.combine(today, time(11, 0))
                    if latest <= earliest:
                        break
                    checkin = earliest + timedelta(seconds=rng.randint(0, int((latest - earliest).total_seconds())))
                else:
                    checkin = datetime.combine(c, time(11, 0)) + timedelta(minutes=rng.randint(0, 539))
                category = _pick_category(rng)
                k = rng.choice((0, 1, 1, 2, 2, 3)) if category == "close_contact" else 0
                start = c - timedelta(days=k)
                release = start + timedelta(days=7)
                policy_id = policies[category][0]
                stay_id += 1
                created = iso(checkin)
                person = names.person(created)
                b.add(PEOPLE_SQL, person)
                # How the stay ends.
                end_at, end_status, end_reason, destination = None, "in_isolation", None, None
                positive_day = None
                if ri in transfer_rooms and release < today - timedelta(days=3):
                    transfer_rooms.discard(ri)
                    positive_day = c + timedelta(days=min(2, (release - c).days - 1))
                    end_at = datetime.combine(positive_day, time(15, rng.randint(0, 59)))
                    end_status, end_reason, destination = "transferred", "transferred_hospital", "市定点医院"
                elif release < today or (release == today and rng.random() < 0.5):
                    moment = datetime.combine(release, time(9, 0)) + timedelta(minutes=rng.randint(0, 179))
                    if moment < now:
                        end_at, end_status, end_reason = moment, "released", "released"
                awaiting = end_at is None and c < today - timedelta(days=1) and rng.random() < p_positive_now
                if awaiting:
                    positive_day = today - timedelta(days=1)
                    end_status = "awaiting_transfer"
                b.add(STAYS_SQL, (stay_id, person[0], rid, category, policy_id, end_status,
                                  start.isoformat() if category == "close_contact" else None, c.isoformat(),
                                  start.isoformat(), release.isoformat(), created,
                                  iso(end_at) if end_at else None, end_reason, destination,
                                  rng.choice(COMMUNITIES), rng.choice(SURNAMES) + "主任",
                                  f"139{(stay_id * 7877) % 10**8:08d}", 1 if end_status == "released" else 0,
                                  None, created))
                b.add(STAY_EVENTS_SQL, (stay_id, created, "check_in", None, label, None, ACTOR.username))
                b.add(ROOM_EVENTS_SQL, (rid, created, status, "occupied", None, ACTOR.username, stay_id))
                status, reason, changed = "occupied", None, created
                last_day = end_at.date() if end_at else today
                gone = (end_at.date() - day0).days if end_at else HISTORY_DAYS + 1
                for di in range(max(0, (c - day0).days), min(gone, HISTORY_DAYS + 1)):
                    occupancy[di] += 1  # present at the end of day di
                # Tests on the policy's days.
                for kind, purpose, off in schedule(category, k):
                    due = c + timedelta(days=off)
                    if end_at is not None and due > end_at.date():
                        continue
                    if purpose == "check_in":
                        sampled = checkin + timedelta(minutes=rng.randint(10, 50))
                    elif purpose == "release":  # sampled first and sent express: the release waits for it
                        sampled = datetime.combine(due, time(6, 0)) + timedelta(minutes=rng.randint(0, 59))
                    else:
                        sampled = datetime.combine(due, time(6, 30)) + timedelta(minutes=rng.randint(0, 90))
                    if sampled >= now or (due == today and purpose != "check_in" and rng.random() < 0.4) \
                            or (due < today and end_at is None and rng.random() < 0.003):
                        sampled = None  # not yet sampled today, or missed
                    result = result_at = recorded = lab = None
                    if sampled is not None:
                        samples[(due - today).days + HISTORY_DAYS] += 1
                        res_at = sampled + timedelta(minutes=rng.randint(60, 120 if purpose == "release" else 150))
                        pending = (res_at >= now or (due == today and rng.random() < 0.3)
                                   or (due == today - timedelta(days=1) and end_at is None and rng.random() < 0.01))
                        if not pending:
                            result, result_at, recorded, lab = "negative", iso(res_at), ACTOR.username, LAB
                        if positive_day is not None and due == positive_day and purpose != "check_in":
                            result, result_at, recorded, lab = "positive", iso(res_at), ACTOR.username, LAB
                            alerts.append((stay_id, test_id + 1, iso(res_at), iso(end_at) if end_at else None))
                            positive_day = None
                    test_id += 1
                    b.add(TESTS_SQL, (test_id, stay_id, None, kind, purpose, due.isoformat(),
                                      iso(sampled) if sampled else None, result, result_at, lab, recorded))
                if positive_day is not None:  # no test due that day: the positive came from a re-test
                    sampled = datetime.combine(positive_day, time(7, 0))
                    res_at = sampled + timedelta(hours=2)
                    test_id += 1
                    b.add(TESTS_SQL, (test_id, stay_id, None, "pcr", "retest", positive_day.isoformat(),
                                      iso(sampled), "positive", iso(res_at), LAB, ACTOR.username))
                    alerts.append((stay_id, test_id, iso(res_at), iso(end_at) if end_at else None))
                # Temperatures morning and evening while present.
                d = c
                fever_today = end_at is None and rng.random() < 0.005
                while d <= last_day:
                    for slot, hh in (("morning", 7), ("evening", 19)):
                        taken = datetime.combine(d, time(hh, 30)) + timedelta(minutes=rng.randint(0, 29))
                        if taken <= checkin or taken >= now or (end_at is not None and taken >= end_at):
                            continue
                        if d == today and slot == "morning" and rng.random() < 0.03:
                            continue  # a check still missing
                        if fever_today and d == today and slot == "morning":
                            b.add(CHECKS_SQL, (stay_id, iso(taken), slot, round(rng.uniform(37.3, 38.6), 1),
                                               "dry_cough,fever", ACTOR.username))
                        else:
                            b.add(CHECKS_SQL, (stay_id, iso(taken), slot, 36.0 + rng.randint(0, 8) / 10,
                                               "", ACTOR.username))
                    d += timedelta(days=1)
                if end_status == "awaiting_transfer":
                    at = iso(datetime.combine(today - timedelta(days=1), time(11, 0)))
                    b.add(STAY_EVENTS_SQL, (stay_id, at, "awaiting_transfer", None, None, "positive", ACTOR.username))
                if end_at is None:
                    break  # present now: the room is occupied
                kind_ = "release" if end_status == "released" else "transfer"
                b.add(STAY_EVENTS_SQL, (stay_id, iso(end_at), kind_, None, destination,
                                        "hospital" if destination else None, ACTOR.username))
                b.add(ROOM_EVENTS_SQL, (rid, iso(end_at), "occupied", "awaiting_disinfection", end_reason,
                                        ACTOR.username, stay_id))
                status, reason, changed = "awaiting_disinfection", end_reason, iso(end_at)
                disinfected = datetime.combine(end_at.date() + timedelta(days=1), time(8, 0)) \
                    + timedelta(minutes=rng.randint(0, 420))  # the disinfection team goes floor by floor
                if disinfected >= now:
                    break
                b.add(ROOM_EVENTS_SQL, (rid, iso(disinfected), "awaiting_disinfection", "ready", None,
                                        ACTOR.username, None))
                status, reason, changed = "ready", None, iso(disinfected)
                gap = rng.choices((0, 1, 2, 3), weights=(70, 20, 7, 3))[0]
                cursor = disinfected.date() + timedelta(days=gap)
            room_updates.append((status, reason, changed, rid))
        # Rooms beyond N (a layout rounds up to whole floors) are taken out of service.
        for rid in extra:
            room_updates.append(("out_of_service", "基准测试:超出床位数", iso(hist_start), rid))
        # Expected arrivals from today's transfer list.
        for _ in range(max(3, beds // 100)):
            category = _pick_category(rng)
            k = rng.choice((0, 1, 2)) if category == "close_contact" else 0
            start = today - timedelta(days=k)
            created = iso(min(now, datetime.combine(today, time(7, 0))) - timedelta(minutes=rng.randint(0, 300)))
            person = names.person(created)
            b.add(PEOPLE_SQL, person)
            stay_id += 1
            b.add(STAYS_SQL, (stay_id, person[0], None, category, policies[category][0], "expected",
                              start.isoformat() if category == "close_contact" else None, today.isoformat(),
                              start.isoformat(), (start + timedelta(days=7)).isoformat(), None, None, None,
                              None, rng.choice(COMMUNITIES), rng.choice(SURNAMES) + "主任",
                              f"139{(stay_id * 7877) % 10**8:08d}", 0, "transfer_list:基准测试.xlsx", created))
            b.add(STAY_EVENTS_SQL, (stay_id, created, "expected", None, None, "transfer_list:基准测试.xlsx",
                                    ACTOR.username))
        b.flush()
        conn.executemany("UPDATE rooms SET status = ?, status_reason = ?, status_changed_at = ? WHERE id = ?",
                         room_updates)
        # Staff, tested daily.
        n_staff = max(30, beds // 20)
        staff_rows = []
        for i in range(n_staff):
            birth = date(1970 + i % 30, 1 + i % 12, 1 + i % 28)
            staff_rows.append((i + 1, rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
                               STAFF_ROLES[i % len(STAFF_ROLES)], f"{'AB'[i % 2]}组",
                               f"137{(i * 7919) % 10**8:08d}",
                               make_resident_id("330106", birth, i % 500, "MF"[i % 2]), "daily", 1,
                               iso(hist_start)))
        conn.executemany("INSERT INTO staff (id, name, role, team, phone, id_number, test_regime, active, "
                         "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", staff_rows)
        for back in range(HISTORY_DAYS, -1, -1):
            day = today - timedelta(days=back)
            for sid in range(1, n_staff + 1):
                sampled = datetime.combine(day, time(6, 0)) + timedelta(minutes=rng.randint(0, 59))
                test_id += 1
                if sampled >= now or (back == 0 and rng.random() < 0.5):
                    b.add(TESTS_SQL, (test_id, None, sid, "pcr", "staff", day.isoformat(), None, None, None, None,
                                      None))
                    continue
                res = sampled + timedelta(hours=3)
                done = res < now
                b.add(TESTS_SQL, (test_id, None, sid, "pcr", "staff", day.isoformat(), iso(sampled),
                                  "negative" if done else None, iso(res) if done else None,
                                  LAB if done else None, ACTOR.username if done else None))
        b.flush()
        # Positive results: alerts (handled for the transfers, open for those awaiting transfer).
        conn.executemany(ALERTS_SQL, [("positive", sid, tid, raised, handled, ACTOR.username if handled else None,
                                       None) for sid, tid, raised, handled in alerts])
        movements = _supplies(db, rng, now, occupancy, samples, n_staff, len(rooms))
        for sql in index_sql:
            conn.execute(sql)
        shift_service.seed_demo(db, rng, now, ACTOR)
        counts = {"rooms": len(rooms), "stays": stay_id, "people": names.seq}
        counts.update({t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                       for t in ("tests", "health_checks", "supply_movements", "room_events", "stay_events")})
        counts["present"] = conn.execute(
            "SELECT count(*) FROM stays WHERE status IN ('in_isolation', 'awaiting_transfer')").fetchone()[0]
        counts["supply_movements_generated"] = movements
        counts["seconds"] = round(_time.perf_counter() - t0, 1)
        repo.audit(db, actor=ACTOR.username, action="bench_generated", entity="site",
                   after={"beds": beds, "generator_version": GENERATOR_VERSION, "history_days": HISTORY_DAYS,
                          "seed": seed, **counts}, at=now)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return counts


def _supplies(db, rng: random.Random, now: datetime, occupancy: list[int], samples: list[int],
              n_staff: int, rooms: int) -> int:
    """About 20 items; each day's use issued on many slips (per floor team and round), receipts
    when fewer than four days are left (a new lot, with its expiry, for items that track it)."""
    today = now.date()
    slips_per_day = 500  # issue slips per item and day (floor teams x rounds): 100,000+ movements at any size
    movements = 0
    rows: list[tuple] = []
    lot_seq = 0
    for name, category, unit, reorder_days, critical, expiry, kind, rate, team in DEMO_ITEMS + EXTRA_ITEMS:
        peak = max(occupancy) or 1
        base = {"per_occupant_day": peak, "per_sample": max(samples) or 1, "per_staff_shift": n_staff}
        final_use = max(2.0, rate * base[kind] if kind != "unplanned" else peak / 40)
        item_id = repo_supplies.insert_item(db, {
            "name": name, "category": category, "unit": unit,
            "reorder_level": float(math.ceil(final_use * reorder_days)), "critical": critical,
            "tracks_expiry": expiry, "consumption": kind, "rate": rate, "active": 1})
        lots: list[list] = []  # [lot_id, remaining]
        for back in range(HISTORY_DAYS, -1, -1):
            d = today - timedelta(days=back)
            i = HISTORY_DAYS - back
            use_base = {"per_occupant_day": occupancy[i], "per_sample": samples[i],
                        "per_staff_shift": n_staff}.get(kind, occupancy[i] / 40)
            use = max(1, math.ceil((rate if kind != "unplanned" else 1.0) * use_base * rng.uniform(0.9, 1.1)))
            on_hand = sum(x[1] for x in lots)
            if on_hand < 4 * use:
                at = datetime.combine(d, time(9, rng.randint(0, 59)))
                if at < now:
                    lot_seq += 1
                    qty = math.ceil(12 * use / 10) * 10
                    lot_id = None
                    if expiry:
                        lot_id = repo_supplies.insert_lot(db, item_id, f"{d:%Y%m%d}{lot_seq:04d}",
                                                          d + timedelta(days=rng.randint(180, 700)),
                                                          rng.choice(DEMO_MAKERS))
                    lots.append([lot_id, qty])
                    rows.append((item_id, lot_id, at.isoformat(), "receipt", float(qty),
                                 rng.choice(DEMO_SUPPLIERS), None, f"RK{d:%m%d}-{lot_seq:04d}", ACTOR.username))
            slips = min(use, slips_per_day)
            for s in range(slips):
                qty = use * (s + 1) // slips - use * s // slips
                at = datetime.combine(d, time(6, 0)) + timedelta(seconds=(s * 54000) // slips + rng.randint(0, 59))
                if at >= now or qty <= 0:
                    continue
                party = team or f"{1 + s % max(1, rooms // 1000)}号楼{2 + s % 25}层"
                while qty > 0 and lots:
                    take = min(qty, lots[0][1])
                    if take > 0:
                        rows.append((item_id, lots[0][0], at.isoformat(), "issue", -float(take), party, None,
                                     None, ACTOR.username))
                        lots[0][1] -= take
                        qty -= take
                    if lots[0][1] <= 0:
                        lots.pop(0)
            if back % 14 == 7:  # a stock count every two weeks: a small shrinkage found
                at = datetime.combine(d, time(16, 0))
                if at < now and lots and lots[-1][1] > 2:
                    lots[-1][1] -= 1
                    rows.append((item_id, lots[-1][0], at.isoformat(), "count", -1.0, None, "盘点", None,
                                 ACTOR.username))
        if len(rows) > 100_000:
            repo_supplies.insert_movements(db, rows)
            movements += len(rows)
            rows = []
    repo_supplies.insert_movements(db, rows)
    return movements + len(rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n\n")[0])
    ap.add_argument("--beds", type=int, required=True)
    ap.add_argument("--out", type=Path, help="the file to write (default: the cache under bench/out/)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    if args.out is None:
        path = cached(args.beds)
        print(path)
        return 0
    counts = generate(args.beds, args.out, seed=args.seed)
    print(counts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
