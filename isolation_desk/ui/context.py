"""What every screen shares: the open database, the signed-in user, the clock, and one
signal that says what data changed (a ``domain.changes.Changes``), so that the screens that
show those kinds of records re-read their queries and the others stay as they are."""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from ..domain.changes import Changes
from ..domain.errors import DomainError
from ..domain.roles import Actor
from ..messages import describe
from ..services.changes import changes_of


class AppContext(QObject):
    changed = Signal(object)  # a Changes: the kinds of records an action touched
    actor_changed = Signal()
    language_changed = Signal(str)

    def __init__(self, db, actor: Actor, lang: str = "zh_CN", clock=datetime.now):
        super().__init__()
        self.db = db
        self.actor = actor
        self.lang = lang
        self._clock = clock

    def now(self) -> datetime:
        return self._clock().replace(microsecond=0)

    def today(self):
        return self.now().date()

    def set_actor(self, actor: Actor) -> None:
        self.actor = actor
        self.actor_changed.emit()

    def describe(self, error) -> str:
        """The error in words. A write refused because the file was restored under this
        window (by another program) also reloads every screen, once the message is read:
        the window never writes into the state it showed before the restore."""
        if isinstance(error, DomainError) and error.code == "database_replaced":
            self.reload_after_replace()
        return describe(error, self.lang)

    def reload_after_replace(self) -> None:
        from PySide6.QtCore import QTimer
        self.db.reload_after_replace()
        # after the message box that shows the words has been closed
        QTimer.singleShot(0, self.changed_everything)

    def changed_everything(self) -> None:
        """A restore, a new site, another user: every screen reads again."""
        self.changed.emit(Changes.everything())

    def notify(self, fn) -> None:
        """Tell the screens what ``fn``, a service called directly, has changed."""
        self.changed.emit(changes_of(fn))

    def run(self, parent: QWidget | None, fn, *args, **kwargs):
        """Call a service; a refused action becomes a message box in words, not a crash.
        On success the screens are told what the service changes (``@writes``).
        Returns (ok, result)."""
        changes = changes_of(fn)  # before the call: an unmarked service is a bug, not a write
        try:
            result = fn(*args, **kwargs)
        except DomainError as exc:
            QMessageBox.warning(parent, self.tr("Not done"), self.describe(exc))
            return False, exc
        self.changed.emit(changes)
        return True, result
