"""Database.transaction: one action = one transaction, nested calls are savepoints, a failure
leaves nothing half-written, and a writer waits for another process's write instead of failing."""
import sqlite3
import threading
import time

import pytest

from isolation_desk.storage.database import open_database


@pytest.fixture
def tdb(tmp_path):
    db = open_database(tmp_path / "t.sqlite")
    db.execute("CREATE TABLE t (v INTEGER)")
    yield db
    db.close()


def values(db):
    return [r[0] for r in db.execute("SELECT v FROM t ORDER BY v")]


def test_commit_and_rollback(tdb):
    with tdb.transaction():
        tdb.execute("INSERT INTO t VALUES (1)")
    with pytest.raises(ValueError):
        with tdb.transaction():
            tdb.execute("INSERT INTO t VALUES (2)")
            raise ValueError("refused")
    assert values(tdb) == [1]
    assert not tdb.conn.in_transaction


def test_nested_calls_are_savepoints(tdb):
    with tdb.transaction():
        tdb.execute("INSERT INTO t VALUES (1)")
        with pytest.raises(ValueError):
            with tdb.transaction():
                tdb.execute("INSERT INTO t VALUES (2)")
                raise ValueError("inner refused")
        with tdb.transaction():
            tdb.execute("INSERT INTO t VALUES (3)")
    assert values(tdb) == [1, 3]
    # an inner failure that escapes undoes the whole action
    with pytest.raises(ValueError):
        with tdb.transaction():
            tdb.execute("INSERT INTO t VALUES (4)")
            with tdb.transaction():
                tdb.execute("INSERT INTO t VALUES (5)")
                raise ValueError("refused")
    assert values(tdb) == [1, 3]


def test_a_writer_waits_for_another_process_write(tdb):
    other = sqlite3.connect(tdb.path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO t VALUES (10)")
    started = threading.Event()

    def finish_later():
        started.wait(5)
        time.sleep(0.3)  # still writing while this process begins its action
        other.execute("COMMIT")

    thread = threading.Thread(target=finish_later)
    thread.start()
    started.set()
    # A deferred BEGIN would read the count before the other commit and then fail with
    # "database is locked" (its snapshot is stale); IMMEDIATE waits first, then reads.
    with tdb.transaction():
        n = tdb.scalar("SELECT count(*) FROM t")
        tdb.execute("INSERT INTO t VALUES (?)", (n + 20,))
    thread.join()
    other.close()
    assert values(tdb) == [10, 21]
