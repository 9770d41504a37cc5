"""The background reader: results arrive in the window's thread, an older read's result is
dropped when a newer one was asked for, a failure becomes a message in words."""
import threading

from isolation_desk.domain.errors import DomainError
from isolation_desk.messages import describe
from isolation_desk.ui.background import BackgroundReader


def _collect(reader):
    got = []
    reader.ready.connect(lambda result, error: got.append((result, error, threading.current_thread())))
    return got


def test_a_read_runs_on_its_own_connection_and_arrives_in_the_window_thread(qtbot, demo_db):
    reader = BackgroundReader()
    got = _collect(reader)
    seen = {}

    def count_rooms(db):
        seen["conn"] = db.conn
        seen["thread"] = threading.current_thread()
        return db.scalar("SELECT count(*) FROM rooms")

    reader.read(demo_db, count_rooms)
    qtbot.waitUntil(lambda: bool(got), timeout=10000)
    assert got == [(demo_db.scalar("SELECT count(*) FROM rooms"), None, threading.main_thread())]
    assert seen["conn"] is not demo_db.conn and seen["thread"] is not threading.main_thread()
    assert not reader.busy


def test_a_newer_request_replaces_the_waiting_one_and_the_older_result_is_dropped(qtbot, demo_db):
    reader = BackgroundReader()
    got = _collect(reader)
    release = threading.Event()

    def slow(db):
        release.wait(10)
        return "first"

    reader.read(demo_db, slow)
    reader.read(demo_db, lambda db: "second")  # waits
    reader.read(demo_db, lambda db: "third")   # replaces "second"
    assert reader.busy
    release.set()
    qtbot.waitUntil(lambda: bool(got), timeout=10000)
    qtbot.wait(50)
    assert [r for r, _, _ in got] == ["third"]
    assert not reader.busy


def test_a_failure_is_a_message_not_a_crash(qtbot, demo_db):
    reader = BackgroundReader()
    got = _collect(reader)
    reader.read(demo_db, lambda db: db.scalar("SELECT * FROM no_such_table"))
    qtbot.waitUntil(lambda: bool(got), timeout=10000)
    result, error, _ = got[0]
    assert result is None and isinstance(error, DomainError) and error.code == "read_failed"
    assert "no_such_table" in describe(error, "en") and "读取失败" in describe(error, "zh_CN")
    # writes stay with the window's connection: the reader's is read-only
    reader.read(demo_db, lambda db: db.execute("DELETE FROM rooms"))
    qtbot.waitUntil(lambda: len(got) == 2, timeout=10000)
    assert got[1][1].code in ("read_failed", "database_read_only")
    assert demo_db.scalar("SELECT count(*) FROM rooms") > 0


def test_waiting_for_the_integrity_check_keeps_the_window_alive(qtbot):
    """session.wait_for_check shows a progress dialog and runs the event loop until the
    check's thread ends (a timer keeps firing meanwhile)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog

    from isolation_desk.ui.session import wait_for_check
    # the "check" ends only after the window's timer has fired five times while waiting
    done = threading.Event()
    thread = threading.Thread(target=done.wait, args=(30,))
    ticks, dialogs = [], []

    def tick():
        ticks.append(1)
        dialogs.extend(w for w in QApplication.topLevelWidgets()
                       if isinstance(w, QProgressDialog) and w.isVisible())
        if len(ticks) >= 5:
            done.set()

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(50)
    thread.start()
    wait_for_check(thread)
    timer.stop()
    assert not thread.is_alive()
    assert len(ticks) >= 3 and dialogs  # events ran and the dialog was up while waiting
    assert "Checking the site's file" in dialogs[0].labelText()
