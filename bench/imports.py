"""(e) Importing a 5,000-row arrivals spreadsheet (services.arrivals_import) against bare
openpyxl reading and ``executemany`` of the same rows in one transaction.

Each run imports into the site's database inside an outer transaction that is rolled back
afterwards, so that every run sees the same site (the import's own transaction becomes a
savepoint). The final commit (one WAL fsync) is left out of both sides alike.
"""
from __future__ import annotations

import random
import shutil
import sqlite3
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

from .measure import Figure, timed

HEADER = ["序号", "姓名", "性别", "证件类型", "证件号码", "联系电话", "人员类别", "末次暴露时间", "抵达时间",
          "来源地", "户籍地址", "现住址", "去往街镇", "社区联系人", "社区联系电话", "备注"]
CATEGORIES = ("密接", "密接", "密接", "入境人员", "中高风险地区来(返)人员")


def write_transfer_list(path: Path, rows: int, today: date, seed: int = 5) -> None:
    """A transfer list as a district office sends it: Chinese headers, dates as text."""
    from openpyxl import Workbook

    from isolation_desk.domain.identity import make_resident_id
    from isolation_desk.services.demo import COMMUNITIES, GIVEN, ORIGINS, SURNAMES
    rng = random.Random(seed)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("转运名单")
    ws.append(["XX区疫情防控指挥部 转运人员名单"])
    ws.append(HEADER)
    for i in range(rows):
        birth = today - timedelta(days=18 * 365 + (i * 7919) % (50 * 365))
        sex = "MF"[i % 2]
        category = CATEGORIES[i % len(CATEGORIES)]
        ws.append([i + 1, rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN), "男" if sex == "M" else "女",
                   "身份证", make_resident_id("520102", birth, i % 500, sex),
                   f"13{(i * 7919 + 100000000) % 10**9:09d}", category,
                   (today - timedelta(days=1)).strftime("%Y/%m/%d") if category == "密接" else "",
                   today.strftime("%Y/%m/%d"), rng.choice(ORIGINS), f"江北区{rng.randint(1, 300)}号", "",
                   rng.choice(COMMUNITIES), rng.choice(SURNAMES) + "主任", f"139{(i * 31) % 10**8:08d}", ""])
    wb.save(str(path))


def run(db_path: str, size: str, repeat: int, now: datetime, rows: int = 5000) -> list[Figure]:
    from openpyxl import load_workbook

    from isolation_desk.domain.roles import Actor
    from isolation_desk.services import arrivals_import as ai
    from isolation_desk.storage.database import open_database

    tmp = Path(tempfile.mkdtemp(prefix="bench-import-"))
    xlsx = tmp / "转运名单.xlsx"
    write_transfer_list(xlsx, rows, now.date())
    db = open_database(db_path, create=False, check=None)
    actor = Actor("bench", "manager", "基准测试")
    conn = db.conn
    state = {}

    def app_read():
        state["preview"] = ai.read_arrivals(db, xlsx, now, use_remembered=False)
        return state["preview"]

    def app_import():
        conn.execute("BEGIN IMMEDIATE")  # the site file may be read by another benchmark
        try:
            state["result"] = ai.import_arrivals(db, state["preview"], actor, now, remember_mapping=False)
        finally:
            conn.execute("ROLLBACK")

    def app_whole():
        app_read()
        app_import()

    whole, _ = timed(app_whole, repeat, scale=1.0)
    read, preview = timed(app_read, repeat, scale=1.0)
    write, _ = timed(app_import, repeat, scale=1.0)
    result = state["result"]

    def bare_read():
        wb = load_workbook(str(xlsx), read_only=True, data_only=True)
        out = [r for r in wb.worksheets[0].iter_rows(values_only=True)]
        wb.close()
        return out

    read_limit, _ = timed(bare_read, repeat, scale=1.0)
    # The same rows the import writes: people, expected stays, their events.
    valid = preview.valid
    raw = sqlite3.connect(db_path, isolation_level=None)

    def bare_write():
        # the rows are made from the validated preview inside the timing, as the app makes them
        people = [(r.registration.name, r.registration.sex,
                   r.registration.birth_date and r.registration.birth_date.isoformat(),
                   r.registration.id_type, r.registration.id_number, r.registration.phone,
                   r.registration.registered_address, r.registration.current_address, r.registration.origin,
                   r.registration.notes, "", now.isoformat())
                  for r in valid]
        raw.execute("BEGIN IMMEDIATE")
        try:
            first = raw.execute("SELECT coalesce(max(id), 0) + 1 FROM people").fetchone()[0]
            raw.executemany("INSERT INTO people (name, sex, birth_date, id_type, id_number, phone, registered_address, "
                            "current_address, origin, notes, special_needs, created_at) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", people)
            s0 = raw.execute("SELECT coalesce(max(id), 0) + 1 FROM stays").fetchone()[0]
            raw.executemany("INSERT INTO stays (person_id, category, policy_id, status, last_exposure_date, "
                            "arrival_date, start_date, release_date, destination_community, community_contact, "
                            "community_phone, source, created_at) VALUES (?, ?, ?, 'expected', ?, ?, ?, ?, ?, ?, ?, ?, "
                            "?)",
                            [(first + i, r.registration.category, r.policy_id,
                              r.registration.last_exposure_date and r.registration.last_exposure_date.isoformat(),
                              r.registration.arrival_date and r.registration.arrival_date.isoformat(),
                              r.start_date.isoformat(), r.release_date.isoformat(),
                              r.registration.destination_community, r.registration.community_contact,
                              r.registration.community_phone, "arrivals:x.xlsx", now.isoformat())
                             for i, r in enumerate(valid)])
            raw.executemany("INSERT INTO stay_events (stay_id, at, kind, reason, actor) VALUES (?, ?, 'expected', ?, "
                            "?)",
                            [(s0 + i, now.isoformat(), "arrivals:x.xlsx", "bench") for i in range(len(valid))])
        finally:
            raw.execute("ROLLBACK")

    # The app always writes with foreign keys enforced (storage/database._connect): the same
    # writes by bare sqlite3 with them enforced are the limit; without them, for the record.
    write_limit_no_fk, _ = timed(bare_write, repeat, scale=1.0)
    raw.execute("PRAGMA foreign_keys = ON")
    write_limit, _ = timed(bare_write, repeat, scale=1.0)
    raw.close()
    db.close()
    shutil.rmtree(tmp, ignore_errors=True)
    limit_whole = type(whole).of([read_limit.median + write_limit.median], None,
                                 [read_limit.best() + write_limit.best()])
    n = f"{rows}-row"
    extra = {"rows": rows, "valid": len(valid), "imported": result.imported, "invalid": preview.count(ai.INVALID),
             "duplicates": preview.count(ai.DUPLICATE),
             "bare_write_without_foreign_keys_s": write_limit_no_fk.best()}
    return [
        Figure("import", f"{n} arrivals import, read + validate + write (arrivals_import)", size, "s", whole,
               limit_whole, "openpyxl read + executemany", whole.best() / limit_whole.best(), "< 3 s",
               whole.best() < 3, extra=extra),
        Figure("import", f"{n} arrivals: read + validate (read_arrivals)", size, "s", read, read_limit,
               "openpyxl read_only iter_rows", read.best() / read_limit.best(), "", None),
        Figure("import", f"{n} arrivals: bulk write (import_arrivals)", size, "s", write, write_limit,
               "executemany in one transaction (foreign keys on, as the app)", write.best() / write_limit.best(),
               "<= 1.5x executemany",
               write.best() / write_limit.best() <= 1.5,
               extra={"bare_write_without_foreign_keys_s": write_limit_no_fk.best()}),
    ]
