"""Beyond one writer (issue 15): two processes writing at once and killed at random; restore
started at random moments under a command-line import and a stream of check-ins; backup and
restore killed at random; and a power cut simulated at file level.

Children are forked from a fork server that has already imported the services, so that each
starts in milliseconds: the counts below (50+ kills, 30+ restores, 20+ killed backups and
restores, 40 power cuts) fit in well under a minute on this 2-core machine. Every child reports
an action on a pipe only after its commit returned; whatever it reported must survive.

What survives is summed up in README's "Where data lives".
"""
from __future__ import annotations

import csv
import io
import multiprocessing
import os
import random
import shutil
import signal
import sqlite3
import struct
import sys
from contextlib import redirect_stdout
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from isolation_desk.domain.identity import make_resident_id
from isolation_desk.domain.roles import SYSTEM
from isolation_desk.services import backup, site
from isolation_desk.storage.database import StorageError, open_database

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL, fork server")]

NOW = datetime(2022, 11, 20, 9, 30)
IMPORT_ROWS = 150


# -- children ------------------------------------------------------------------------
def _passport_holder(number: str):
    """A close contact with a passport: the person each writer of these tests checks in."""
    from isolation_desk.domain.registration import Registration
    return Registration(name="测试", id_type="passport", id_number=number, sex="F",
                        birth_date=date(1988, 5, 6), phone="13800138000", category="close_contact",
                        last_exposure_date=date(2022, 11, 19), arrival_date=date(2022, 11, 20))


def _checkin_stream(path: str, tag: str, per_command: bool, conn, limit: int = 0) -> None:
    """Check-ins, one after another. ``per_command``: each one as a command would do it
    (site lock shared, open, check in, close); else as the window does (one connection and
    the site lock for the whole session)."""
    from isolation_desk.domain.errors import DomainError
    from isolation_desk.domain.roles import Actor
    from isolation_desk.services import stays
    from isolation_desk.storage.instance_lock import SiteLock

    actor = Actor("desk", "manager", "desk")

    def one(db, i):
        room_id = db.scalar("SELECT id FROM rooms WHERE status = 'ready' ORDER BY random() LIMIT 1")
        reg = _passport_holder(f"{tag}{i:05d}")
        stays.check_in(db, reg, actor, NOW, room_id=room_id)
        conn.send(("checkin", reg.id_number))

    _lock = db = None  # the site lock is held as long as this worker lives
    if not per_command:
        _lock = SiteLock(path).acquire()
        db = open_database(path, check=None, key=_site_key(path))
    conn.send(("ready",))
    i = 0
    # enough to cross a restore or a kill, and the rooms last for every run
    limit = limit or (40 if per_command else 70)
    while i < limit:
        i += 1
        try:
            if per_command:
                with SiteLock(path):
                    d = open_database(path, check=None, key=_site_key(path))
                    try:
                        one(d, i)
                    finally:
                        d.close()
            else:
                one(db, i)
        except DomainError as exc:
            conn.send(("refused", exc.code))
            if not per_command:
                return


def _cli_import(path: str, csv_path: str, conn) -> None:
    """`isolation-desk import arrivals FILE --db PATH`, the command's own code in this process."""
    import sys

    from isolation_desk.cli import main
    conn.send(("ready",))
    out = io.StringIO()
    sys.stdin = io.StringIO(DESK_PASSWORD + "\n")
    try:
        with redirect_stdout(out):
            main.main(["import", "arrivals", csv_path, "--db", path, "--user", DESK,
                       "--password-stdin"], standalone_mode=False)
    except SystemExit as exc:
        conn.send(("import_failed", exc.code, out.getvalue()))
        return
    import re
    found = re.search(r"(\d+) imported", out.getvalue())
    if found and int(found.group(1)) > 0:
        conn.send(("imported", csv_path, int(found.group(1))))


def _backup_or_restore(path: str, what: str, source: str, conn) -> None:
    import sys

    from isolation_desk.cli import main
    conn.send(("ready",))
    args = ["backup", "--db", path] if what == "backup" else ["restore", "--db", path, source, "--yes"]
    args += ["--user", MANAGER, "--password-stdin"]
    sys.stdin = io.StringIO(MANAGER_PASSWORD + "\n")
    try:
        main.main(args, standalone_mode=False)
    except SystemExit:
        pass
    conn.send(("done",))


def _writer_on_demand(path: str, conn) -> None:
    """The window's path: one connection; a few check-ins each time the parent asks (so that
    the parent can stop it in the middle of one), each reported after its commit."""
    from isolation_desk.domain.roles import Actor
    from isolation_desk.services import stays
    actor = Actor("desk", "manager", "desk")
    db = open_database(path, check=None)
    conn.send(("ready",))
    i = 0
    while True:
        for _ in range(conn.recv()):
            i += 1
            room_id = db.scalar("SELECT id FROM rooms WHERE status = 'ready' ORDER BY id LIMIT 1")
            reg = _passport_holder(f"P{i:05d}")
            stays.check_in(db, reg, actor, NOW, room_id=room_id)
            conn.send(("checkin", reg.id_number))


# -- helpers -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def ctx():
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["isolation_desk.services.stays", "isolation_desk.cli",
                                "isolation_desk.services.arrivals_import", __name__])
    return ctx


MANAGER, MANAGER_PASSWORD = "demo", "demo-site"
DESK, DESK_PASSWORD = "desk1", "desk-pass-1"


def _setup(path: Path, encrypted: bool = False) -> bytes | None:
    """The site, a manager and a front-desk account (commands run as a person, issue 16).
    Plain unless ``encrypted`` (a manager's sign-in on the command line encrypts a plain
    site: the tests whose commands sign in as the manager start encrypted). Returns the key."""
    from isolation_desk.services import accounts, encryption
    key = None
    if encrypted:
        db, key = encryption.create_site_file(path)
    else:
        db = open_database(path)
    site.setup_site(db, name="并发测试点", address="", preset="edition_9", actor=SYSTEM, now=NOW,
                    room_ranges=[site.RoomRange("A", "A", 1, 80, 1, 50, 1)])
    manager = accounts.create_first_manager(db, MANAGER, "负责人", MANAGER_PASSWORD, NOW)
    accounts.create_user(db, DESK, "前台", "front_desk", DESK_PASSWORD, manager, NOW)
    db.close()
    return key


_KEYS: dict[str, bytes | None] = {}


def _site_key(path) -> bytes | None:
    """The live site's key (from the manager's slot), None for a plain site; once a process."""
    from isolation_desk.services import encryption
    from isolation_desk.storage.keyring import KeySlots
    path = str(path)
    if path not in _KEYS:
        _KEYS[path] = (KeySlots.load(path).open(MANAGER, MANAGER_PASSWORD)
                       if encryption.is_encrypted(path) else None)
    return _KEYS[path]


def _connect(path, key: bytes | None = None, readonly: bool = False):
    from isolation_desk.storage import cipher
    if key is not None:
        return cipher.connect(path, key, readonly=readonly)
    if readonly:
        return sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    return sqlite3.connect(str(path))


def _arrivals_csv(folder: Path, n: int, seed: int) -> tuple[Path, list[str]]:
    ids = [make_resident_id("110101", date(1950, 1, 1) + timedelta(days=seed * n + k), k % 400,
                            "M" if k % 2 else "F") for k in range(n)]
    path = folder / f"list-{seed}.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["姓名", "证件号码", "人员类别", "末次暴露时间"])
        yesterday = (date.today() - timedelta(days=1)).isoformat()  # the command runs now
        w.writerows([["王五", i, "密接", yesterday] for i in ids])
    return path, ids


def _start(ctx, target, *args):
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(target=target, args=(*args, sender))
    child.start()
    sender.close()
    assert receiver.recv() == ("ready",)
    return child, receiver


def _drain(receiver, into: list) -> None:
    """Everything the child sent (after a commit) up to its end."""
    while True:
        try:
            into.append(receiver.recv())
        except EOFError:
            break
    receiver.close()


def _take(receiver, n: int, into: list) -> None:
    for _ in range(n):
        try:
            into.append(receiver.recv())
        except EOFError:
            return


def _kill(child) -> bool:
    """SIGKILL; whether the child was still running (a kill, not a burial)."""
    alive = child.is_alive()
    if alive:
        os.kill(child.pid, signal.SIGKILL)
    child.join(30)
    return alive and child.exitcode == -signal.SIGKILL


def _people(path: Path | str, key: bytes | None = None) -> set[str]:
    conn = _connect(path, key, readonly=True)
    try:
        return {r[0] for r in conn.execute("SELECT id_number FROM people")}
    finally:
        conn.close()


def _whole(path: Path | str, key: bytes | None = None) -> None:
    """integrity_check passes and no check-in or import is half there."""
    conn = _connect(path, key)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # every stay has its person, its events and (checked in) its room and tests
        assert conn.execute("SELECT count(*) FROM stays s WHERE NOT EXISTS (SELECT 1 FROM "
                            "stay_events e WHERE e.stay_id = s.id)").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM stays s WHERE s.status = 'in_isolation' AND NOT "
                            "EXISTS (SELECT 1 FROM tests t WHERE t.stay_id = s.id)").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM stays s JOIN rooms r ON r.id = s.room_id WHERE "
                            "s.status = 'in_isolation' AND r.status <> 'occupied'").fetchone()[0] == 0
        checkins = conn.execute("SELECT count(*) FROM audit WHERE action = 'check_in'").fetchone()[0]
        assert checkins == conn.execute("SELECT count(*) FROM stays WHERE status = "
                                        "'in_isolation'").fetchone()[0]
    finally:
        conn.close()


def _import_all_or_nothing(people: set[str], ids: list[str]) -> bool:
    there = sum(1 for i in ids if i in people)
    assert there in (0, len(ids)), f"import half there: {there} of {len(ids)}"
    return there == len(ids)


# -- (a) two processes writing, killed at random ----------------------------------------
KILL_RUNS = 40  # two processes each; in half the runs the import has finished first


def test_two_processes_writing_killed_at_random(ctx, tmp_path):
    path = tmp_path / "two.sqlite"
    _setup(path)
    rng = random.Random(15)
    reported: list = []
    imports: list[tuple[list[str], bool]] = []
    kills = 0
    run = -1
    # until 50+ real kills (a child that had already finished, or stopped on "database
    # locked" under a loaded machine, does not count), at least KILL_RUNS runs
    while (kills < 52 or run + 1 < KILL_RUNS) and run < 3 * KILL_RUNS:
        run += 1
        csv_path, ids = _arrivals_csv(tmp_path, IMPORT_ROWS, run)
        window, w_pipe = _start(ctx, _checkin_stream, str(path), f"W{run:02d}-", False)
        command, c_pipe = _start(ctx, _cli_import, str(path), str(csv_path))
        done: list = []
        if run % 2:
            # let the import commit (then kill both just after): half the runs test that a
            # finished import survives the other writer's death, half kill it mid-way
            c_pipe.poll(60)
            _take(c_pipe, 1, done)
        _take(w_pipe, rng.randint(1, 60), reported)  # ~10-20 ms a commit: 0-1 s in
        for child in rng.sample([window, command], 2):  # in random order, at random moments
            kills += _kill(child)
        _drain(w_pipe, reported)
        _drain(c_pipe, done)
        people = _people(path)
        _whole(path)
        for kind, *rest in reported:
            if kind == "checkin":
                assert rest[0] in people, f"reported check-in {rest[0]} lost"
        present = _import_all_or_nothing(people, ids)
        if any(m[0] == "imported" for m in done):
            assert present, "reported import lost"
        imports.append((ids, present))
    assert kills >= 50
    assert sum(1 for _, present in imports if present) >= 5
    assert sum(1 for m in reported if m[0] == "checkin") >= 50


# -- (b) restore at random moments during an import and a stream of check-ins -----------
RESTORE_RUNS = 32


def test_restore_at_random_moments_loses_no_reported_commit(ctx, tmp_path):
    path = tmp_path / "restore.sqlite"
    _setup(path)
    db = open_database(path)
    source = backup.backup_database(db, NOW, "manual", out=tmp_path / "old.sqlite")
    db.close()
    rng = random.Random(1515)
    outcomes = {"restored": 0, "refused": 0, "import_reported": 0, "checkins_reported": 0}
    for run in range(RESTORE_RUNS):
        csv_path, ids = _arrivals_csv(tmp_path, IMPORT_ROWS, 100 + run)
        stream, s_pipe = _start(ctx, _checkin_stream, str(path), f"S{run:02d}-", True)
        command, c_pipe = _start(ctx, _cli_import, str(path), str(csv_path))
        reported: list = []
        _take(s_pipe, rng.randint(0, 8), reported)
        try:
            safety = backup.restore(path, source, SYSTEM, NOW + timedelta(seconds=run))
            outcomes["restored"] += 1
        except StorageError as exc:
            assert exc.code in ("restore_in_use_command",), exc.code
            safety = None
            outcomes["refused"] += 1
        _take(s_pipe, rng.randint(0, 3), reported)
        command.join(60)
        _kill(stream)
        done: list = []
        _drain(s_pipe, reported)
        _drain(c_pipe, done)
        # every reported action is in the restored file or in the copy the restore kept
        kept = _people(path) | (_people(safety) if safety else set())
        _whole(path)
        if safety:
            _whole(safety)
        for kind, *rest in reported:
            if kind == "checkin":
                assert rest[0] in kept, f"run {run}: reported check-in {rest[0]} lost"
                outcomes["checkins_reported"] += 1
            else:
                assert kind == "refused" and rest[0] in ("database_replaced",
                                                         "database_being_restored"), rest
        for m in done:
            if m[0] == "imported":
                outcomes["import_reported"] += 1
                assert set(ids) <= kept, f"run {run}: reported import lost"
        for f in [path] + ([safety] if safety else []):
            _import_all_or_nothing(_people(f), ids)
    print(outcomes)
    assert outcomes["restored"] + outcomes["refused"] == RESTORE_RUNS >= 30
    assert outcomes["restored"] >= 10 and outcomes["import_reported"] >= 10, outcomes


# -- (c) backup and restore killed at random ---------------------------------------------
BACKUP_RESTORE_KILLS = 24


def test_backup_and_restore_killed_at_random(ctx, tmp_path):
    path = tmp_path / "br.sqlite"
    key = _setup(path, encrypted=True)  # the manager's commands: an encrypted site
    db = open_database(path, key=key)
    source = backup.backup_database(db, NOW, "manual", out=tmp_path / "old.sqlite")
    db.close()
    old_people = _people(source, key)
    rng = random.Random(2015)
    for run in range(BACKUP_RESTORE_KILLS):
        # something to lose: a few check-ins since the backup
        stream, s_pipe = _start(ctx, _checkin_stream, str(path), f"B{run:02d}-", True)
        reported: list = []
        _take(s_pipe, rng.randint(1, 4), reported)
        _kill(stream)
        _drain(s_pipe, reported)
        before = _people(path, key)
        what = "restore" if run % 2 else "backup"
        child, pipe = _start(ctx, _backup_or_restore, str(path), what, str(source))
        # kill somewhere between start and end (the copy takes a few milliseconds)
        pipe.poll(rng.uniform(0, 0.05))
        _kill(child)
        pipe.close()
        _whole(path, key)
        after = _people(path, key)
        # the live file is as it was, or (a restore that finished) the backup's content
        assert after == before or after == old_people, f"run {run}: neither state"
        for b in backup.list_backups(path):  # a finished backup is whole; a cut one is .part
            assert backup.check_file(b.path, key) == "ok", b.path
        if after == old_people and before != old_people:
            kept = set()
            for b in backup.list_backups(path):
                kept |= _people(b.path, key)
            assert before <= kept, "the pre-restore copy is missing"
    assert BACKUP_RESTORE_KILLS >= 20


# -- (d) power cut: the file and the WAL at a random write --------------------------------
POWER_CUTS = 40


def _last_commit_end(wal: bytes, page_size: int) -> int:
    """The end of the WAL's last valid commit frame (SQLite's own rules: salts and the
    running checksum), i.e. what a synchronous=FULL commit had made durable."""
    if len(wal) < 32:
        return 0
    magic, _, _, _, salt1, salt2, c1, c2 = struct.unpack(">8I", wal[:32])
    big = magic & 1
    def checksum(data: bytes, s1: int, s2: int) -> tuple[int, int]:
        words = struct.unpack((">" if big else "<") + f"{len(data) // 4}I", data)
        for k in range(0, len(words), 2):
            s1 = (s1 + words[k] + s2) & 0xFFFFFFFF
            s2 = (s2 + words[k + 1] + s1) & 0xFFFFFFFF
        return s1, s2
    s = checksum(wal[:24], 0, 0)
    if s != (c1, c2):
        return 0
    end, offset, frame = 0, 32, 24 + page_size
    while offset + frame <= len(wal):
        head = wal[offset:offset + 24]
        _, commit, fs1, fs2, fc1, fc2 = struct.unpack(">6I", head)
        if (fs1, fs2) != (salt1, salt2):
            break
        s = checksum(head[:8], *s)
        s = checksum(wal[offset + 24:offset + frame], *s)
        if s != (fc1, fc2):
            break
        offset += frame
        if commit:
            end = offset
    return end


def test_power_cut_at_a_random_write_leaves_a_whole_prefix(ctx, tmp_path):
    """Stop the writer at a random moment (SIGSTOP: between two system calls), copy the file
    and its WAL, then do to the copy what a power cut does under synchronous=FULL: the bytes
    after the last synced commit frame are lost or torn at random. The copy must open, pass
    integrity_check, and hold a prefix of the check-ins in commit order, all of those
    reported before the cut among them."""
    path = tmp_path / "power.sqlite"
    _setup(path)
    rng = random.Random(4040)
    pipe, child_end = ctx.Pipe(duplex=True)
    writer = ctx.Process(target=_writer_on_demand, args=(str(path), child_end))
    writer.start()
    child_end.close()
    assert pipe.recv() == ("ready",)
    reported: list[str] = []
    asked = 0
    torn_cuts = 0
    try:
        for cut in range(POWER_CUTS):
            n = rng.randint(1, 6)
            asked += n
            pipe.send(n)
            # a random moment among those n check-ins' writes (each takes a few ms)
            pipe.poll(rng.uniform(0, 0.004 * n))
            os.kill(writer.pid, signal.SIGSTOP)
            while pipe.poll():
                reported.append(pipe.recv()[1])
            before_cut = len(reported)
            snap = tmp_path / f"cut{cut}.sqlite"
            shutil.copyfile(path, snap)
            wal = Path(str(path) + "-wal")
            data = wal.read_bytes() if wal.exists() else b""
            os.kill(writer.pid, signal.SIGCONT)
            while len(reported) < asked:  # the rest of this round, for the next cut
                reported.append(pipe.recv()[1])
            page_size = 4096
            durable = _last_commit_end(data, page_size)
            # lose or tear what came after the last synced commit
            tail = data[durable:]
            torn_cuts += bool(tail)
            keep = rng.randint(0, len(tail))
            torn = bytearray(tail[:keep])
            for _ in range(rng.randint(0, 8)):
                if torn:
                    torn[rng.randrange(len(torn))] = rng.randrange(256)
            Path(str(snap) + "-wal").write_bytes(data[:durable] + bytes(torn))
            conn = sqlite3.connect(str(snap))
            try:
                assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok", cut
                got = [r[0] for r in conn.execute(
                    "SELECT p.id_number FROM stays s JOIN people p ON p.id = s.person_id "
                    "ORDER BY s.id")]
            finally:
                conn.close()
            # a prefix of the check-ins in commit order, holding every one reported before the cut
            assert got == reported[:len(got)], f"cut {cut}: not a prefix"
            assert len(got) >= before_cut, f"cut {cut}: a check-in reported before the cut was lost"
            _whole(snap)
            for p in (snap, Path(str(snap) + "-wal"), Path(str(snap) + "-shm")):
                if p.exists():
                    p.unlink()
    finally:
        _kill(writer)
    assert len(reported) >= POWER_CUTS
    assert torn_cuts >= 5  # cuts that fell inside a write and tore its frames
