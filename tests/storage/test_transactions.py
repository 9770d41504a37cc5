"""Database.transaction: one action = one transaction, nested calls are savepoints, a failure
leaves nothing half-written, and a writer waits for another process's write instead of failing."""
import sqlite3
import threading

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
    began = threading.Event()

    def trace(sql):
        if sql.startswith("BEGIN"):
            began.set()

    def finish_when_this_action_began():
        # still writing while this process begins its action: commit once its BEGIN runs
        began.wait(5)
        other.execute("COMMIT")

    tdb.conn.set_trace_callback(trace)
    thread = threading.Thread(target=finish_when_this_action_began)
    thread.start()
    # A deferred BEGIN would read the count before the other commit and then fail with
    # "database is locked" (its snapshot is stale); IMMEDIATE waits first, then reads.
    with tdb.transaction():
        n = tdb.scalar("SELECT count(*) FROM t")
        tdb.execute("INSERT INTO t VALUES (?)", (n + 20,))
    tdb.conn.set_trace_callback(None)
    thread.join()
    other.close()
    assert began.is_set()
    assert values(tdb) == [10, 21]
