import shutil
import sqlite3

import pytest
import sqlite_utils

from isolation_desk.storage import database
from isolation_desk.storage.database import StorageError, open_database
from isolation_desk.storage.migrations import KNOWN_MIGRATIONS, SCHEMA_VERSION, migrations


def schema(path):
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
                        "ORDER BY type, name").fetchall()
    conn.close()
    return rows


def test_migrations_on_empty_database_and_applied_twice_without_change(tmp_path):
    path = tmp_path / "a.sqlite"
    db = open_database(path)
    assert db.schema_version() == SCHEMA_VERSION
    db.close()
    before = schema(path)
    db = open_database(path)
    assert not migrations.pending(db.db)
    db.close()
    assert schema(path) == before
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


@pytest.mark.parametrize("stop", KNOWN_MIGRATIONS[1:])
def test_each_migration_upgrades_a_database_from_before_it(tmp_path, stop):
    path = tmp_path / "old.sqlite"
    raw = sqlite_utils.Database(path)
    migrations.apply(raw, stop_before=stop)
    raw.conn.execute(f"PRAGMA application_id = {database.APPLICATION_ID}")
    raw.conn.commit()
    raw.close()
    backups = []
    db = open_database(path, before_migrate=backups.append)
    assert db.schema_version() == SCHEMA_VERSION
    assert not migrations.pending(db.db)
    db.close()
    assert backups == [str(path)]  # the caller could back up before the upgrade
    fresh = tmp_path / "fresh.sqlite"
    open_database(fresh).close()
    assert {r[1] for r in schema(path)} == {r[1] for r in schema(fresh)}


def test_a_file_that_is_not_sqlite_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"this is a shopping list, not a database\n" * 10)
    before = path.read_bytes()
    with pytest.raises(StorageError) as e:
        open_database(path)
    assert e.value.code == "not_a_database"
    assert path.read_bytes() == before
    assert not (tmp_path / "notes.sqlite-wal").exists()


def test_another_programs_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StorageError) as e:
        open_database(path)
    assert e.value.code == "not_our_database"
    assert path.read_bytes() == before


def test_a_database_from_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "new.sqlite"
    open_database(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('isolation_desk', '0099_from_the_future', '2030-01-01')")
    conn.commit()
    conn.close()
    shutil.copy(path, tmp_path / "copy.sqlite")
    with pytest.raises(StorageError) as e:
        open_database(path)
    assert e.value.code == "schema_newer"
    assert path.read_bytes() == (tmp_path / "copy.sqlite").read_bytes()


def test_a_write_that_fails_leaves_the_database_as_it_was(db):
    n = db.scalar("SELECT count(*) FROM buildings")
    with pytest.raises(RuntimeError):
        with db.transaction():
            db.execute("INSERT INTO buildings (code, name) VALUES ('Z', 'Z')")
            raise RuntimeError("power cut")
    assert db.scalar("SELECT count(*) FROM buildings") == n


def test_foreign_keys_are_on(db):
    with pytest.raises(sqlite3.IntegrityError):
        with db.transaction():
            db.execute("INSERT INTO rooms (building_id, floor, number, status_changed_at) VALUES (999, 1, '1', 'x')")
