"""Sign-in and first-start dialog, the idle lock and user switch, the audit screen, and the
session helpers (instance lock, damaged database, restore) driven through real widgets."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMainWindow, QMessageBox

from isolation_desk.domain.changes import Changes, Kind
from isolation_desk.domain.errors import DomainError
from isolation_desk.domain.roles import SYSTEM, Actor
from isolation_desk.services import accounts, backup, site
from isolation_desk.ui.context import AppContext
from isolation_desk.ui.dialogs.login import ChangePasswordDialog, LoginDialog
from isolation_desk.ui.idle_lock import IdleLock
from isolation_desk.ui.screens.audit import AuditScreen, change_text


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch):
    from argon2 import PasswordHasher
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))


@pytest.fixture
def staffed(db, now):
    boss = accounts.create_first_manager(db, "boss", "张经理", "boss-pass-1", now)
    accounts.create_user(db, "nurse1", "李护士", "medical", "nurse-pass-1", boss, now)
    return boss


@pytest.fixture
def ctx(db, staffed, now):
    return AppContext(db, staffed, "en", clock=lambda: now)


def _ok(dialog):
    return dialog.buttons.button(QDialogButtonBox.Ok)


def test_first_start_creates_the_manager(qtbot, db, now):
    dialog = LoginDialog(AppContext(db, SYSTEM, "en", clock=lambda: now))
    qtbot.addWidget(dialog)
    assert dialog.mode == "first_start"
    assert dialog.display_name.isVisibleTo(dialog) and dialog.password2.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.username, "boss")
    dialog.display_name.setText("张经理")
    qtbot.keyClicks(dialog.password, "boss-pass-1")
    qtbot.keyClicks(dialog.password2, "boss-pass-2")
    qtbot.mouseClick(_ok(dialog), Qt.LeftButton)
    assert dialog.error_label.isVisibleTo(dialog)
    assert "not the same" in dialog.error_label.text()
    assert not accounts.has_users(db)
    qtbot.keyClicks(dialog.password, "boss-pass-1")
    qtbot.keyClicks(dialog.password2, "boss-pass-1")
    with qtbot.waitSignal(dialog.signedIn) as signed:
        qtbot.mouseClick(_ok(dialog), Qt.LeftButton)
    assert signed.args[0] == Actor("boss", "manager", "张经理")
    assert dialog.result() == LoginDialog.Accepted
    assert dialog.password.text() == ""  # the secret does not stay in the widget


def test_sign_in_wrong_password_then_right(qtbot, db, staffed):
    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.mode == "sign_in" and not dialog.display_name.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.username, "nurse1")
    qtbot.keyClicks(dialog.password, "wrong")
    qtbot.keyClick(dialog.password, Qt.Key_Return)
    assert dialog.isVisible() and dialog.actor is None
    assert "Wrong user name or password" in dialog.error_label.text()
    assert dialog.password.text() == ""
    qtbot.keyClicks(dialog.password, "nurse-pass-1")
    assert not dialog.error_label.isVisibleTo(dialog)  # typing clears the old error
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.password, Qt.Key_Return)
    assert dialog.actor.role == "medical"


def test_the_screen_locks_when_idle_and_the_next_user_takes_over(qtbot, ctx, db):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.resize(600, 400)
    window.show()
    lock = IdleLock(ctx, window, minutes=0.0005)  # 30 ms
    with qtbot.waitSignal(lock.locked, timeout=5000):
        pass
    assert lock.is_locked
    covers = window.findChildren(type(lock._covers[0]))
    assert covers and covers[0].geometry() == window.rect()
    dialog = lock.dialog
    assert dialog.mode == "locked" and dialog.username.text() == "boss"
    # the night shift's nurse signs in instead
    dialog.username.setText("nurse1")
    qtbot.keyClicks(dialog.password, "nurse-pass-1")
    with qtbot.waitSignal(lock.unlocked) as unlocked, qtbot.waitSignal(ctx.actor_changed):
        qtbot.mouseClick(_ok(dialog), Qt.LeftButton)
    assert unlocked.args[0].username == "nurse1"
    assert ctx.actor.username == "nurse1" and not lock.is_locked
    assert not lock._covers
    actions = [(r["actor"], r["action"]) for r in db.query("SELECT actor, action FROM audit ORDER BY id DESC LIMIT 2")]
    assert actions == [("boss", "sign_out"), ("nurse1", "sign_in")]
    lock.uninstall()


def test_input_restarts_the_countdown_and_the_setting_turns_it_off(qtbot, ctx, db, now):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    lock = IdleLock(ctx, window)
    assert lock.timer.interval() == 15 * 60_000  # settings default
    lock.timer.stop()
    qtbot.keyClick(window, Qt.Key_A)
    assert lock.timer.isActive()
    site.update_settings(db, {"idle_lock_minutes": "0"}, ctx.actor, now)
    ctx.changed.emit(Changes.of(Kind.SETTINGS))
    assert not lock.timer.isActive()
    qtbot.keyClick(window, Qt.Key_A)
    assert not lock.timer.isActive()
    site.update_settings(db, {"idle_lock_minutes": "5"}, ctx.actor, now)
    ctx.changed.emit(Changes.of(Kind.SETTINGS))
    assert lock.timer.isActive() and lock.timer.interval() == 5 * 60_000
    lock.uninstall()


def test_quit_on_the_lock_keeps_the_data_covered(qtbot, ctx):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    lock = IdleLock(ctx, window, minutes=60)
    lock.lock_now()
    qtbot.keyClick(lock.dialog, Qt.Key_Escape)  # Escape does not quit (nor unlock)
    assert lock.is_locked and lock.dialog.isVisible()
    with qtbot.waitSignal(lock.quit_requested):
        qtbot.mouseClick(lock.dialog.buttons.button(QDialogButtonBox.Cancel), Qt.LeftButton)
    assert lock._covers and lock._covers[0].isVisible()
    lock.uninstall()


def test_change_password_dialog(qtbot, ctx, db, now):
    dialog = ChangePasswordDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.old, "boss-pass-1")
    qtbot.keyClicks(dialog.new, "short")
    qtbot.keyClicks(dialog.new2, "short")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    assert "at least 8" in dialog.error_label.text()
    qtbot.keyClicks(dialog.old, "boss-pass-1")
    qtbot.keyClicks(dialog.new, "boss-pass-2")
    qtbot.keyClicks(dialog.new2, "boss-pass-2")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    assert accounts.sign_in(db, "boss", "boss-pass-2", now).username == "boss"


def test_audit_screen_filters_and_verifies_the_chain(qtbot, qtmodeltester, ctx, db, now):
    screen = AuditScreen(ctx)
    qtbot.addWidget(screen)
    screen.period.setCurrentIndex(screen.period.findData("all"))
    screen.show()
    screen.refresh()
    qtmodeltester.check(screen.model)
    total = screen.model.rowCount()
    assert total == db.scalar("SELECT count(*) FROM audit")
    assert screen.count_label.text() == f"{total} entries"
    # newest first; the user filter narrows in SQL
    assert screen.model.rows()[0].display[2] == "User account created"  # the word; the code as tooltip
    assert screen.model.rows()[0].tooltip[2] == "create_user"
    screen.user.setCurrentIndex(screen.user.findData("boss"))
    screen.refresh()
    assert {r.display[1] for r in screen.model.rows()} == {"boss"}
    screen.user.setCurrentIndex(0)
    with qtbot.waitSignal(screen._search_timer.timeout):
        screen.search.setText("李护士")
    assert [r.display[2] for r in screen.model.rows()] == ["User account created"]
    assert "Display name: 李护士" in screen.model.rows()[0].display[5]  # the field in words
    qtmodeltester.check(screen.model)
    # the chain: intact, then an attacker edits an entry
    assert screen.verify_chain() == []
    assert "intact" in screen.chain_label.text()
    db.execute("DROP TRIGGER audit_no_update")
    db.execute("UPDATE audit SET actor = 'nobody' WHERE id = 3")
    db.conn.commit()
    assert screen.verify_chain() == [3]
    assert "tampered" in screen.chain_label.text() and "3" in screen.chain_label.text()


def test_audit_screen_is_for_managers_only(qtbot, db, now, staffed):
    nurse = accounts.sign_in(db, "nurse1", "nurse-pass-1", now)
    ctx = AppContext(db, nurse, "en", clock=lambda: now)
    screen = AuditScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    screen.refresh()
    assert screen.denied_label.isVisible() and not screen.table.isVisible()
    assert screen.model.rowCount() == 0
    ctx.set_actor(staffed)
    assert screen.table.isVisible() and screen.model.rowCount() > 0


def test_change_text(qapp):
    assert change_text('{"room": "A-0201"}', '{"room": "A-0305", "reason": "维修"}') == \
        "Room: A-0201 → A-0305; Reason: 维修"  # fields in words (widgets.names._AUDIT_FIELDS)
    assert change_text(None, '{"rows": 3, "ok": true}') == "Rows: 3; ok: ✓"  # an unknown field as written
    assert change_text(None, None) == ""


def test_open_site_database_locks_backs_up_and_refuses_a_second_instance(qtbot, tmp_path, monkeypatch):
    from isolation_desk.ui import session
    messages = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: messages.append(text))
    path = tmp_path / "site.sqlite"
    opened = session.open_site_database(path)
    assert opened is not None
    db, lock = opened
    assert session.open_site_database(path) is None
    assert "already open in another Isolation Desk window" in messages[-1]
    db.close()
    lock.release()


def test_a_damaged_database_offers_the_latest_good_backup(qtbot, db, now, tmp_path, monkeypatch):
    from isolation_desk.ui import session
    path = Path(db.path)
    good = backup.backup_database(db, now, "start")
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = bytearray(path.read_bytes())
    for offset in range(2 * 4096, len(data) - 4096, 3 * 4096):
        data[offset + 100: offset + 600] = b"\xa5" * 500
    path.write_bytes(bytes(data))
    asked = []

    def answer(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    opened = session.open_site_database(path)
    assert opened is not None
    restored, lock = opened
    try:
        assert "damaged" in asked[0] and now.strftime("%Y-%m-%d %H:%M") in asked[0]
        assert restored.scalar("PRAGMA integrity_check") == "ok"
        assert restored.scalar("SELECT action FROM audit ORDER BY id DESC LIMIT 1") == "restore"
        assert any(p.name.endswith("-damaged.sqlite.bin") for p in backup.backups_dir(path).iterdir())
        assert good.exists()
    finally:
        restored.close()
        lock.release()


def test_restore_from_the_window_reopens_the_database(qtbot, ctx, db, now):
    from isolation_desk.ui import session
    window = QMainWindow()
    qtbot.addWidget(window)
    actions = session.attach(ctx, window, idle_minutes=0, backup_at_start=False)
    assert actions.backup_action.isEnabled()
    taken = backup.backup_now(db, ctx.actor, now)
    site.update_settings(db, {"site_name": "改过的名字"}, ctx.actor, now)
    with qtbot.waitSignal(ctx.changed) as changed:
        assert actions.restore_from_file(str(taken))
    assert changed.args == [Changes.everything()]
    assert site.get_settings(ctx.db).site_name == "测试隔离点"
    assert ctx.db is not db
    ctx.db.close()
    ctx.set_actor(Actor("guest", "viewer"))
    assert not actions.backup_action.isEnabled()


def test_users_dialog_add_reset_deactivate_and_role(qtbot, qtmodeltester, ctx, db, now):
    from isolation_desk.ui.dialogs.login import NewUserDialog, UsersDialog
    dialog = UsersDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtmodeltester.check(dialog.model)
    assert [r.display[0] for r in dialog.model.rows()] == ["boss", "nurse1"]
    assert not dialog.reset_button.isEnabled()  # nothing selected
    # add a front-desk user
    new = NewUserDialog(ctx, dialog)
    qtbot.addWidget(new)
    qtbot.keyClicks(new.username, "desk1")
    new.display_name.setText("王前台")
    qtbot.keyClicks(new.password, "desk-pass-1")
    qtbot.keyClicks(new.password2, "desk-pass-1")
    with qtbot.waitSignal(new.accepted):
        qtbot.mouseClick(new.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    dialog.refresh()
    row = dialog.model.row_of_key("desk1")
    assert dialog.model.rows()[row].display[2] == "Front desk"
    # lock nurse1 out, then the manager sets a new password (lifting the lock)
    for _ in range(5):
        with pytest.raises(DomainError):
            accounts.sign_in(db, "nurse1", "bad", now)
    dialog.refresh()
    dialog.table.selectRow(dialog.model.row_of_key("nurse1"))
    assert dialog.model.rows()[dialog.model.row_of_key("nurse1")].display[3].startswith("Locked until")
    assert dialog.reset_password("nurse-pass-9")
    assert accounts.sign_in(db, "nurse1", "nurse-pass-9", now).role == "medical"
    # deactivate, and the role combo changes the role
    dialog.table.selectRow(dialog.model.row_of_key("nurse1"))
    assert dialog.toggle_active()
    assert dialog.model.rows()[dialog.model.row_of_key("nurse1")].display[3] == "Deactivated"
    assert dialog.active_button.text() == "Reactivate"
    dialog.table.selectRow(dialog.model.row_of_key("desk1"))
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("logistics"))
    assert dialog.change_role()
    assert db.scalar("SELECT role FROM users WHERE username = 'desk1'") == "logistics"
    # the last manager cannot lose the role: refused in words, the combo goes back
    dialog.table.selectRow(dialog.model.row_of_key("boss"))
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("viewer"))
    assert not dialog.change_role()
    assert "last active manager" in dialog.error_label.text()
    assert dialog.role_combo.currentData() == "manager"
    qtmodeltester.check(dialog.model)


def test_backups_at_start_and_when_due_run_in_the_background(qtbot, ctx, db, now, monkeypatch):
    import errno

    from isolation_desk.ui import session
    window = QMainWindow()
    qtbot.addWidget(window)
    actions = session.attach(ctx, window, idle_minutes=0, backup_at_start=False)
    with qtbot.waitSignal(actions.worker.finished, timeout=20000) as done:
        assert actions.start_backup("start")
    path, error = done.args
    assert error is None and path.name.endswith("-start.sqlite")
    assert "Backup written" in window.statusBar().currentMessage()
    assert not actions.periodic_backup()  # not due: the start backup is minutes old
    # a full disk during a background backup is shown to the user, and nothing is left behind
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))

    def disk_full(source, target):
        Path(target).write_bytes(b"partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup, "_copy_pages", disk_full)
    ctx._clock = lambda: now.replace(hour=18)
    with qtbot.waitSignal(actions.worker.finished, timeout=20000) as done:
        assert actions.periodic_backup()
    assert done.args[0] is None and done.args[1].code == "disk_full"
    assert warnings and "disk is full" in warnings[0]
    assert [b.kind for b in backup.list_backups(db.path)] == ["start"]
    assert not list(backup.backups_dir(db.path).glob("*.part"))


def test_run_session_signs_in_opens_the_window_and_releases_the_lock(qtbot, db, staffed, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from isolation_desk.storage.instance_lock import InstanceLock
    from isolation_desk.ui import session
    path = db.path
    db.close()
    shown = []

    def sign_in(parent, db_, mode=None, current=None, encrypt_plain=False):
        shown.append(mode)
        assert encrypt_plain  # the window encrypts a plain site at its sign-in
        return accounts.sign_in(db_, "nurse1", "nurse-pass-1", datetime_now())

    monkeypatch.setattr(LoginDialog, "ask", staticmethod(sign_in))
    windows = []

    def exec_():
        windows.extend(w for w in QApplication.topLevelWidgets() if w.objectName() == "MainWindow")
        for w in windows:
            w.close()
        return 0

    app = QApplication.instance()
    monkeypatch.setattr(app, "exec", exec_)
    assert session.run_session(app, path, "en") == 0
    assert shown == ["sign_in"] and windows and windows[0].ctx.actor.username == "nurse1"
    with InstanceLock(path) as lock:  # released at the end of the session
        assert lock.held
    from isolation_desk.storage.database import open_database
    d = open_database(path)
    try:
        assert d.scalar("SELECT action FROM audit ORDER BY id DESC LIMIT 1") == "sign_out"
        assert [b.kind for b in backup.list_backups(path)] == ["start"]
    finally:
        d.close()


def datetime_now():
    from datetime import datetime
    return datetime.now().replace(microsecond=0)


def test_a_window_whose_file_was_restored_under_it_reloads_and_says_so(qtbot, ctx, db, now,
                                                                       monkeypatch):
    """Another program restored the file while the window was open: the window's next
    write is refused in words and every screen re-reads the restored file (issue 15)."""
    taken = backup.backup_now(db, ctx.actor, now)
    site.update_settings(db, {"site_name": "改过的名字"}, ctx.actor, now)
    backup.restore(db.path, taken, SYSTEM, now)  # by another program, as if
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    with qtbot.waitSignal(ctx.changed) as changed:
        ok, _ = ctx.run(None, site.update_settings, ctx.db,
                        {"site_name": "旧画面上的改动"}, ctx.actor, now)
    assert not ok and changed.args == [Changes.everything()]
    assert "restored from a backup" in shown[0] and "not saved" in shown[0]
    assert site.get_settings(ctx.db).site_name == "测试隔离点"  # the restored state, untouched
    ok, _ = ctx.run(None, site.update_settings, ctx.db,
                    {"site_name": "重新输入"}, ctx.actor, now)
    assert ok and site.get_settings(ctx.db).site_name == "重新输入"
