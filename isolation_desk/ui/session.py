"""What happens around the main window: open the file safely, sign in, lock when idle,
back up on a timer, and the account and backup actions.

``run_gui`` (ui/app.py) uses it in three calls::

    opened = session.open_site_database(db_path)          # lock, backup, damage check
    if opened is None:
        return 2
    db, lock = opened
    actor = session.start_session(app, db)                # first start or sign in
    if actor is None:
        return 0
    ctx = AppContext(db, actor, lang)
    window = MainWindow(ctx)
    session.attach(ctx, window)                           # idle lock, backups, menu actions
"""
from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog, QWidget

from ..domain.errors import DomainError
from ..domain.roles import Actor
from ..messages import current_language, describe
from ..services import accounts, backup, encryption
from .dialogs.login import ChangePasswordDialog, LoginDialog, UsersDialog
from .idle_lock import IdleLock

BACKUP_CHECK_MS = 10 * 60_000  # how often the timer asks whether a periodic backup is due


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def open_site_database(path: str | Path, parent: QWidget | None = None):
    """Take the instance lock, open (backing up before a migration) and check integrity.
    Returns (db, lock), or None after telling the user why not (``attach`` takes the
    backup at start, in the background).

    A damaged database is never written to: the latest good backup is offered instead."""
    lang = current_language()
    title = QApplication.translate("Session", "Isolation Desk")
    try:
        lock = backup.take_window_lock(path)
    except DomainError as exc:
        QMessageBox.critical(parent, title, describe(exc, lang))
        return None
    if encryption.is_encrypted(path):
        # the file cannot be read before someone signs in: (None, lock), see unlock_site
        return None, lock
    try:
        # quick_check at every start, in the background: it reads the whole file (long for
        # the file of a large site), so it runs while the sign-in dialog is up; every write
        # waits for it and a file that fails it is never written to. A small file is checked
        # before going on. The full integrity_check runs in `isolation-desk check` and on
        # every backup offered for a restore.
        db = backup.open_with_backups(path, create=True, check="background")
        size = Path(path).stat().st_size if Path(path).exists() else 0
        if size < SMALL_DATABASE_BYTES:
            damaged_at_start(db)
        else:
            db.check_wait = wait_for_check
    except DomainError as exc:
        if exc.code != "database_damaged":
            lock.release()
            QMessageBox.critical(parent, title, describe(exc, lang))
            return None
        db = _offer_restore(path, exc, parent, lang)
        if db is None:
            lock.release()
            return None
    return db, lock


SMALL_DATABASE_BYTES = 64 * 1024 * 1024


def wait_for_check(thread: threading.Thread) -> None:
    """A write (the sign-in's audit entry, usually) waits for the start-up integrity check of a
    large file (it reads the whole file): say so in a progress dialog that keeps the window
    painted, instead of freezing it."""
    if not thread.is_alive():
        return
    dialog = QProgressDialog(QApplication.translate(
        "Session", "Checking the site's file before the first change is saved. A large site's file "
                   "takes up to a minute; nothing is lost meanwhile."),
        "", 0, 0, QApplication.activeWindow())
    dialog.setWindowTitle(QApplication.translate("Session", "Isolation Desk"))
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.ApplicationModal)
    dialog.setMinimumDuration(0)
    dialog.show()
    try:
        while thread.is_alive():
            QApplication.processEvents(QEventLoop.AllEvents, 50)
            thread.join(0.05)
    finally:
        dialog.close()
        dialog.deleteLater()


def damaged_at_start(db, wait: bool = True) -> None:
    """Raise database_damaged when the start-up check of ``db`` found a problem
    (closing the file first, so that a restore can replace it)."""
    result = db.integrity_result(wait=wait)
    if result not in (None, "ok"):
        db.close()
        raise DomainError("database_damaged", path=db.path, detail=result)


def _offer_restore(path, error: DomainError, parent, lang: str):
    good = backup.latest_good_backup(path)
    title = QApplication.translate("Session", "Isolation Desk")
    if good is None:
        QMessageBox.critical(parent, title, describe(error, lang) + "\n\n" +
                             describe(DomainError("no_good_backup", path=str(path)), lang))
        return None
    question = QApplication.translate(
        "Session", "The latest good backup is from %1. Restore it now? The damaged file is kept "
        "beside the backups.").replace("%1", good.taken_at.strftime("%Y-%m-%d %H:%M"))
    answer = QMessageBox.question(parent, title, describe(error, lang) + "\n\n" + question,
                                  QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes)
    if answer != QMessageBox.Yes:
        return None
    try:
        # The restore is recorded as the system's: nobody could sign in to a damaged file.
        from ..domain.roles import SYSTEM
        backup.restore(path, good.path, SYSTEM, _now(), from_window=True)
        return backup.open_with_backups(path, create=False, check="quick")
    except DomainError as exc:
        QMessageBox.critical(parent, title, describe(exc, lang))
        return None


def unlock_site(path, parent: QWidget | None = None):
    """An encrypted site: the sign-in comes first, its password unwraps the account's key
    slot that opens the file (services.encryption.open_signed_in). (db, actor), or None when
    cancelled."""
    def opener(username, password, now):
        return encryption.open_signed_in(path, username, password, now, check="background")
    dialog = LoginDialog(None, parent, mode="sign_in", opener=opener, recover_path=path)
    try:
        if dialog.exec() == LoginDialog.Accepted and dialog.db is not None:
            return dialog.db, dialog.actor
        return None
    finally:
        dialog.deleteLater()


def start_session(app, db, parent: QWidget | None = None) -> Actor | None:
    """The first start creates the manager account; otherwise a user signs in.
    Returns the Actor every action of this session runs as, or None (cancelled)."""
    mode = "sign_in" if accounts.has_users(db) else "first_start"
    # a plain site (new, or from before encryption) is encrypted at this sign-in
    return LoginDialog.ask(parent, db, mode=mode, encrypt_plain=True)


class BackupWorker(QObject):
    """Copies the database in a background thread through its own SQLite connection (in
    WAL mode a reader sees one consistent snapshot and never blocks the window's writes),
    so that a backup of a large site does not freeze the window."""

    finished = Signal(object, object)  # (path or None, DomainError or None)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._thread: threading.Thread | None = None
        self._running = False

    @property
    def busy(self) -> bool:
        # Not the thread's liveness: it is still alive for a moment after it has emitted
        # ``finished``, and a backup started from that signal's slot must not be refused.
        return self._running

    def start(self, db_path: str, now: datetime, kind: str, key: bytes | None = None) -> bool:
        if self._running:
            return False
        self._running = True
        self._thread = threading.Thread(target=self._run, args=(db_path, now, kind, key),
                                        name=f"backup-{kind}", daemon=True)
        self._thread.start()
        return True

    def _run(self, db_path, now, kind, key=None) -> None:
        try:
            path, error = backup.backup_file(db_path, now, kind, key), None
        except DomainError as exc:
            path, error = None, exc
        except Exception as exc:  # never let a backup failure pass unseen
            path, error = None, DomainError("file_error", detail=str(exc))
        self._running = False
        self.finished.emit(path, error)

    def wait(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)


class SessionActions(QObject):
    """Lock / switch user, change password, back up now, restore: added to the window's
    menu bar under one menu, and the periodic backup timer."""

    def __init__(self, ctx, window, idle_lock: IdleLock):
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.idle_lock = idle_lock
        self.lock_action = QAction(window)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(idle_lock.lock_now)
        self.password_action = QAction(window)
        self.password_action.triggered.connect(lambda: ChangePasswordDialog.ask(ctx, window))
        self.users_action = QAction(window)
        self.users_action.triggered.connect(lambda: UsersDialog.ask(ctx, window))
        self.backup_action = QAction(window)
        self.backup_action.triggered.connect(self.backup_now)
        self.restore_action = QAction(window)
        self.restore_action.triggered.connect(lambda: self.restore_from_file())
        self.menu = window.menuBar().addMenu("")
        for a in (self.lock_action, self.password_action, self.users_action):
            self.menu.addAction(a)
        self.menu.addSeparator()
        for a in (self.backup_action, self.restore_action):
            self.menu.addAction(a)
        window.addAction(self.lock_action)
        self.worker = BackupWorker(self)
        self.worker.finished.connect(self._backup_finished)
        self.timer = QTimer(self)
        self.timer.setInterval(BACKUP_CHECK_MS)
        self.timer.timeout.connect(self.periodic_backup)
        self.timer.start()
        ctx.actor_changed.connect(self.update_enabled)
        ctx.language_changed.connect(lambda *_: self.retranslate())
        self.retranslate()
        self.update_enabled()

    def retranslate(self) -> None:
        self.menu.setTitle(self.tr("&Account"))
        self.lock_action.setText(self.tr("Lock / switch user"))
        self.password_action.setText(self.tr("Change my password…"))
        self.users_action.setText(self.tr("User accounts…"))
        self.backup_action.setText(self.tr("Back up now"))
        self.restore_action.setText(self.tr("Restore from a backup…"))

    def update_enabled(self) -> None:
        self.users_action.setEnabled(self.ctx.actor.can("users"))
        can = self.ctx.actor.can("backup")
        self.backup_action.setEnabled(can)
        self.restore_action.setEnabled(can)

    def start_backup(self, kind: str = "start") -> bool:
        """A backup in the background (at start, and when the periodic one is due)."""
        return self.worker.start(self.ctx.db.path, self.ctx.now(), kind, self.ctx.db.key)

    def periodic_backup(self) -> bool:
        if self.worker.busy or not backup.backup_due(self.ctx.db, self.ctx.now()):
            return False
        return self.start_backup("interval")

    def _backup_finished(self, path, error) -> None:
        if error is not None:
            # A failed backup (a full disk) must be seen: a dialog, not only the status bar.
            QMessageBox.warning(self.window, self.tr("Backup"), self.ctx.describe(error))
        else:
            self.window.statusBar().showMessage(
                self.tr("Backup written to %1").replace("%1", str(path)), 30_000)

    def backup_now(self) -> Path | None:
        ok, path = self.ctx.run(self.window, backup.backup_now, self.ctx.db, self.ctx.actor,
                                self.ctx.now())
        if ok:
            QMessageBox.information(self.window, self.tr("Backup"),
                                    self.tr("Backup written to %1").replace("%1", str(path)))
            return path
        return None

    def restore_from_file(self, file: str | None = None) -> bool:
        """Close the database, restore the chosen backup (the current file is backed up
        first), reopen it and tell every screen that everything changed."""
        folder = str(backup.backups_dir(self.ctx.db.path))
        if not file:
            file, _ = QFileDialog.getOpenFileName(self.window, self.tr("Restore from a backup"), folder,
                                                  self.tr("Isolation Desk backups (*.sqlite)"))
            if not file:
                return False
            answer = QMessageBox.question(
                self.window, self.tr("Restore from a backup"),
                self.tr("Replace the current data with the backup %1? The current file is backed up "
                        "first.").replace("%1", Path(file).name))
            if answer != QMessageBox.Yes:
                return False
        key = self.ctx.db.key
        verdict = backup.check_file(file, key)
        if verdict != "ok":
            QMessageBox.warning(self.window, self.tr("Restore from a backup"), self.ctx.describe(
                DomainError("backup_damaged", path=str(file), detail=verdict)))
            return False
        path = self.ctx.db.path
        self.worker.wait()
        self.ctx.db.close()
        try:
            backup.restore(path, file, self.ctx.actor, self.ctx.now(), key=key, from_window=True)
        except DomainError as exc:
            QMessageBox.warning(self.window, self.tr("Restore from a backup"), self.ctx.describe(exc))
            self.ctx.db = backup.open_with_backups(path, create=False, key=key)
            return False
        # a plain backup (from before encryption) restores a plain file
        self.ctx.db = backup.open_with_backups(path, create=False,
                                               key=key if encryption.is_encrypted(path) else None)
        self.ctx.changed_everything()
        return True


def attach(ctx, window, *, idle_minutes: float | None = None,
           backup_at_start: bool = True) -> SessionActions:
    """Install the idle lock (settings ``idle_lock_minutes``), the backup at start and the
    periodic one (both in the background), and the account menu on ``window``. Quit on the
    lock screen closes the window."""
    lock = IdleLock(ctx, window, minutes=idle_minutes)
    lock.quit_requested.connect(window.close)
    lock.quit_requested.connect(QApplication.quit)
    actions = SessionActions(ctx, window, lock)
    window._session_actions = actions  # keep alive with the window
    if backup_at_start:
        actions.start_backup("start")
    return actions


def run_session(app, db_path: str | Path, lang: str | None = None) -> int:
    """The whole GUI session on ``db_path``: instance lock, integrity check (restore offered),
    sign-in or first start, the main window with the idle lock, backups and account menu.
    ``run_gui`` can be ``return session.run_session(create_application(), db_path)``."""
    from .context import AppContext
    from .main_window import MainWindow

    lang = lang or current_language()
    opened = open_site_database(db_path)
    if opened is None:
        return 2
    db, lock = opened
    if db is None:  # encrypted: signing in opens it
        unlocked = unlock_site(db_path)
        if unlocked is None:
            lock.release()
            return 0
        db, actor = unlocked
    else:
        actor = None
    try:
        actor = actor or start_session(app, db)
        if actor is None:
            return 0
        ctx = AppContext(db, actor, lang)
        window = MainWindow(ctx)
        actions = attach(ctx, window)
        window.show()
        code = app.exec()
        actions.worker.wait(120)
        if ctx.actor is not None:
            try:
                accounts.sign_out(ctx.db, ctx.actor, _now(), reason="quit")
            except DomainError:
                pass
        ctx.db.close()
        return code
    finally:
        db.close()
        lock.release()
