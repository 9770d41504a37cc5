"""The screen lock: after ``idle_lock_minutes`` (settings) without a key press or a mouse
action, every window is covered (no personal data stays on a screen that nobody watches)
and the sign-in dialog asks for a password. The same user unlocks, or the next shift's
user signs in and every later action runs under their name: that is also the quick switch
of user at the shift change (``lock_now``, Ctrl+L).

An event filter on the QApplication restarts one single-shot QTimer on every input event.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from ..domain.changes import Changes, Kind
from ..services import accounts
from ..services.site import get_settings
from .dialogs.login import LoginDialog

_INPUT_EVENTS = frozenset(int(t) for t in (
    QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.MouseButtonDblClick, QEvent.MouseMove,
    QEvent.Wheel, QEvent.TouchBegin, QEvent.TabletPress))


class _Cover(QWidget):
    """An opaque sheet over a window while the screen is locked."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setObjectName("LockCover")
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.Window, QColor("#2f3b45"))
        palette.setColor(QPalette.WindowText, QColor("#ffffff"))
        self.setPalette(palette)
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignCenter)
        font = self.label.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        self.label.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.raise_()
        self.show()

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Resize:
            self.setGeometry(obj.rect())
        return False


class IdleLock(QObject):
    """Install once per application: ``IdleLock(ctx)``. Signals ``locked`` and
    ``unlocked(actor)``; ``quit_requested`` when the user chooses Quit on the lock."""

    locked = Signal()
    unlocked = Signal(object)
    quit_requested = Signal()

    def __init__(self, ctx, parent: QObject | None = None, *, minutes: float | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._fixed_minutes = minutes
        self._covers: list[_Cover] = []
        self._enabled = False
        self.dialog: LoginDialog | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock_now)
        self.apply_settings()
        ctx.changed.connect(self._on_changed)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    # -- configuration -------------------------------------------------------------------
    def minutes(self) -> float:
        if self._fixed_minutes is not None:
            return self._fixed_minutes
        try:
            return float(get_settings(self.ctx.db)["idle_lock_minutes"])
        except (KeyError, TypeError, ValueError):
            return 15.0

    def apply_settings(self) -> None:
        minutes = self.minutes()
        self._enabled = minutes > 0
        if not self._enabled:  # 0 turns the lock off
            self.timer.stop()
            return
        self.timer.setInterval(max(1, int(minutes * 60_000)))
        if not self.is_locked:
            self.timer.start()

    def _on_changed(self, changes: Changes) -> None:
        if Kind.SETTINGS in changes:
            self.apply_settings()

    # -- idle detection ------------------------------------------------------------------
    def eventFilter(self, obj, event):
        if self._enabled and self.dialog is None and int(event.type()) in _INPUT_EVENTS:
            self.timer.start()  # restarts the countdown
        return False

    @property
    def is_locked(self) -> bool:
        return self.dialog is not None

    # -- lock and unlock -----------------------------------------------------------------
    def lock_now(self) -> None:
        """Cover every window and ask for a password (also the shift-change switch)."""
        if self.is_locked:
            return
        self.timer.stop()
        app = QApplication.instance()
        windows = [w for w in app.topLevelWidgets() if w.isVisible() and w.isWindow()
                   and not isinstance(w, LoginDialog)]
        for w in windows:
            cover = _Cover(w)
            cover.label.setText(self.tr("Locked — sign in to continue"))
            self._covers.append(cover)
        parent = windows[0] if windows else None
        self.dialog = LoginDialog(self.ctx, parent, mode="locked", current=self.ctx.actor)
        self.dialog.accepted.connect(self._on_signed_in)
        self.dialog.rejected.connect(self._on_quit)
        self.locked.emit()
        self.dialog.open()

    def _on_signed_in(self) -> None:
        dialog = self.dialog
        actor = dialog.actor
        previous = self.ctx.actor
        if actor is not None and previous is not None and actor.username != previous.username:
            accounts.sign_out(self.ctx.db, previous, self.ctx.now(), reason="switch_user")
        self._remove_covers()
        self.dialog = None
        dialog.deleteLater()
        if actor is not None and actor != previous:
            self.ctx.set_actor(actor)
            self.ctx.changed_everything()  # what a screen shows may depend on the role
        self.unlocked.emit(actor)
        self.apply_settings()

    def _on_quit(self) -> None:
        # Keep the covers: the data stays hidden until the application has gone.
        self.quit_requested.emit()

    def _remove_covers(self) -> None:
        for cover in self._covers:
            cover.hide()
            cover.deleteLater()
        self._covers = []

    def uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.timer.stop()
