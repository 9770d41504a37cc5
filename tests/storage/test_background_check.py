"""The start-up integrity check runs in the background; a damaged file is never written to."""
import shutil

import pytest

from isolation_desk.storage.database import StorageError, open_database


def _damage(path, page_size=4096):
    data = bytearray(path.read_bytes())
    # Overwrite an interior b-tree page (not the header page) with garbage.
    start = page_size * (len(data) // page_size // 2)
    data[start:start + page_size] = b"\xde\xad\xbe\xef" * (page_size // 4)
    path.write_bytes(bytes(data))


def test_a_healthy_file_opens_and_writes_after_the_background_check(demo_path, tmp_path):
    path = tmp_path / "ok.sqlite"
    shutil.copy(demo_path, path)
    db = open_database(path, check="background")
    with db.transaction():
        db.execute("INSERT INTO settings (key, value) VALUES ('probe', '1')")
    assert db.integrity_result() == "ok"
    db.close()


def test_a_damaged_file_is_never_written_to(demo_path, tmp_path):
    path = tmp_path / "damaged.sqlite"
    shutil.copy(demo_path, path)
    _damage(path)
    before = path.read_bytes()
    try:
        db = open_database(path, check="background", migrate=False)
    except StorageError as exc:  # the damage may already show when the file is opened
        assert exc.code == "database_damaged"
        return
    with pytest.raises(StorageError) as e:
        with db.transaction():
            db.execute("INSERT INTO settings (key, value) VALUES ('probe', '1')")
    assert e.value.code == "database_damaged"
    assert db.integrity_result() != "ok"
    db.close()
    assert path.read_bytes() == before


def test_a_write_during_the_check_goes_through_the_wait_hook(demo_path, tmp_path):
    """The window waits for the check of a large file with a progress dialog: storage calls
    ``check_wait`` with the check's thread when a write must wait, then writes."""
    import threading
    path = tmp_path / "hook.sqlite"
    shutil.copy(demo_path, path)
    db = open_database(path, check="background")
    db.integrity_result(wait=True)
    # a check still running (as on a 2 GB file, about 30 s): a thread that ends when released
    release = threading.Event()
    db._check_thread = threading.Thread(target=release.wait, args=(10,))
    db._check_thread.start()
    seen = []

    def wait(thread):
        seen.append(thread.is_alive())
        release.set()
        thread.join()

    db.check_wait = wait
    with db.transaction():
        db.execute("INSERT INTO settings (key, value) VALUES ('probe', '1')")
    assert seen == [True]
    with db.transaction():  # the check has finished: no more waiting
        db.execute("UPDATE settings SET value = '2' WHERE key = 'probe'")
    assert seen == [True]
    db.close()
