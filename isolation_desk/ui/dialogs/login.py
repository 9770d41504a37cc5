"""Sign in, the first start (create the manager account), the screen lock and the quick
switch of user at the shift change, and changing one's own password.

``LoginDialog.ask(parent, ctx_or_db)`` returns the signed-in ``Actor`` or None. The dialog
runs the accounts service itself: a wrong password keeps it open with the reason in words
(and the password field cleared), never a message box.
"""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError
from ...domain.roles import ROLES, Actor
from ...domain.vocabulary import Role
from ...messages import current_language, describe
from ...services import accounts, encryption
from .base import FIELD_ERROR_STYLE, error_line, lay_out_form


def _split(ctx_or_db):
    """(ctx or None, db, language, clock) from an AppContext or a bare Database (None: an
    encrypted site not open yet, see LoginDialog's ``opener``)."""
    if ctx_or_db is None:
        return None, None, current_language(), lambda: datetime.now().replace(microsecond=0)
    if hasattr(ctx_or_db, "db") and hasattr(ctx_or_db, "now"):
        return ctx_or_db, ctx_or_db.db, ctx_or_db.lang, ctx_or_db.now
    return None, ctx_or_db, current_language(), lambda: datetime.now().replace(microsecond=0)


class LoginDialog(QDialog):
    """Modes: ``sign_in`` (user name and password), ``first_start`` (create the first manager
    account: user name, name, password twice) and ``locked`` (the screen lock: the same user
    signs in again, or another user takes over the workstation)."""

    signedIn = Signal(object)  # the Actor

    def __init__(self, ctx_or_db, parent: QWidget | None = None, *, mode: str | None = None,
                 current: Actor | None = None, opener=None, encrypt_plain: bool = False,
                 recover_path=None):
        super().__init__(parent)
        self.ctx, self.db, self.lang, self._clock = _split(ctx_or_db)
        # opener(username, password, now) -> (db, actor): an encrypted site, opened by the
        # password's key slot (services.encryption.open_signed_in); self.db is set then
        self.opener = opener
        # a plain site (new, or from before encryption) is encrypted at this sign-in; the
        # first start keeps the key to show the recovery sheet (``recovery_key``)
        self.encrypt_plain = encrypt_plain
        self.recovery_key: bytes | None = None
        if mode is None:
            mode = "sign_in" if accounts.has_users(self.db) else "first_start"
        self.mode = mode
        self.current = current
        self.actor: Actor | None = None
        self.setObjectName("LoginDialog")
        self.setModal(True)
        self.setMinimumWidth(420)

        self.intro = QLabel()
        self.intro.setObjectName("intro")
        self.intro.setWordWrap(True)
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.display_name = QLineEdit()
        self.display_name.setObjectName("display_name")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.Password)
        self.password2 = QLineEdit()
        self.password2.setObjectName("password2")
        self.password2.setEchoMode(QLineEdit.Password)
        self.error_label = error_line()

        self.form = QFormLayout()
        self.labels = {}
        for widget in (self.username, self.display_name, self.password, self.password2):
            label = QLabel()
            label.setBuddy(widget)
            self.labels[widget] = label
            self.form.addRow(label, widget)
        first = mode == "first_start"
        self.form.setRowVisible(self.display_name, first)
        self.form.setRowVisible(self.password2, first)

        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # an encrypted site: the way back in when every password is forgotten
        self.recover_path = recover_path
        self.recover_button = QPushButton()
        self.recover_button.setObjectName("recover")
        self.recover_button.setFlat(True)
        self.recover_button.setVisible(recover_path is not None and mode == "sign_in")
        self.recover_button.clicked.connect(lambda: self.recover())

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.recover_button)
        layout.addWidget(self.buttons)

        if mode == "locked" and current is not None:
            self.username.setText(current.username)
            self.password.setFocus()
        else:
            self.username.setFocus()
        self.username.textEdited.connect(self.clear_error)
        self.password.textEdited.connect(self.clear_error)
        self.retranslate()

    # -- texts ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        labels = {self.username: self.tr("User name:"), self.display_name: self.tr("Your name:"),
                  self.password: self.tr("Password:"), self.password2: self.tr("Password again:")}
        for widget, text in labels.items():
            self.labels[widget].setText(text)
        ok = self.buttons.button(QDialogButtonBox.Ok)
        cancel = self.buttons.button(QDialogButtonBox.Cancel)
        cancel.setText(self.tr("Cancel"))
        if self.mode == "first_start":
            self.setWindowTitle(self.tr("Isolation Desk — first start"))
            self.intro.setText(self.tr(
                "No account exists yet. Create the site manager's account: the manager can then "
                "add an account for every member of staff. The password needs at least %n characters.",
                "", accounts.PASSWORD_MIN))
            ok.setText(self.tr("Create account"))
        elif self.mode == "locked":
            self.setWindowTitle(self.tr("Isolation Desk — locked"))
            who = self.current.display_name or self.current.username if self.current else ""
            self.intro.setText(self.tr(
                "The screen is locked. %1, enter your password to continue; at the shift change "
                "the next user signs in with their own name.").replace("%1", who))
            ok.setText(self.tr("Unlock"))
            cancel.setText(self.tr("Quit"))
        else:
            self.setWindowTitle(self.tr("Isolation Desk — sign in"))
            self.intro.setText(self.tr("Sign in with your own account: every action is recorded "
                                       "under your name."))
            ok.setText(self.tr("Sign in"))
        self.recover_button.setText(self.tr("Every password forgotten? Use the recovery sheet…"))

    def recover(self, dialog=None) -> bool:
        """Open the recovery dialog; after it, the manager signs in here with the new password.
        ``dialog``: one already filled in (tests)."""
        from .recovery import RecoverAccessDialog
        dialog = dialog or RecoverAccessDialog(self.recover_path, self, lang=self.lang, clock=self._clock)
        try:
            if dialog.result() != QDialog.Accepted and dialog.exec() != QDialog.Accepted:
                return False
            self.clear_error()
            self.username.setText(dialog.actor.username)
            self.password.clear()
            self.password.setFocus()
            self.intro.setText(self.tr("%1 has a new password: sign in with it, then give the other "
                                       "staff new passwords (Account menu, Users).")
                               .replace("%1", dialog.actor.label()))
            return True
        finally:
            dialog.deleteLater()

    # -- errors --------------------------------------------------------------------------
    def show_error(self, error: DomainError) -> None:
        self.error_label.setText(describe(error, self.lang))
        self.error_label.show()
        fields = {"username": self.username, "display_name": self.display_name,
                  "password": self.password, "new_password": self.password,
                  "old_password": self.password}
        for w in (self.username, self.display_name, self.password, self.password2):
            w.setStyleSheet("")
        widget = fields.get(error.field or "")
        if widget is not None:
            widget.setStyleSheet(FIELD_ERROR_STYLE)
            widget.setFocus()

    def clear_error(self, *_):
        if self.error_label.isVisible():
            self.error_label.hide()
            for w in (self.username, self.display_name, self.password, self.password2):
                w.setStyleSheet("")

    def keyPressEvent(self, event) -> None:
        # On the lock screen Escape must not mean "Quit": only the Quit button quits.
        if self.mode == "locked" and event.key() == Qt.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    # -- the action ----------------------------------------------------------------------
    def accept(self) -> None:
        now = self._clock()
        password = self.password.text()
        try:
            if self.mode == "first_start":
                if password != self.password2.text():
                    raise DomainError("password_mismatch", field="password")
                actor = accounts.create_first_manager(self.db, self.username.text(),
                                                      self.display_name.text(), password, now)
                accounts.sign_in(self.db, actor.username, password, now)
            elif self.opener is not None:
                self.db, actor = self.opener(self.username.text(), password, now)
            else:
                actor = accounts.sign_in(self.db, self.username.text(), password, now)
        except DomainError as exc:
            self.password.clear()
            self.password2.clear()
            self.show_error(exc)
            return
        if (self.encrypt_plain and self.db is not None and self.db.key is None
                and encryption.may_encrypt(actor)):
            try:
                # the key is shown once, on the recovery sheet that follows
                self.recovery_key = encryption.encrypt_open_site(self.db, actor.username, password, now)
            except DomainError as exc:
                self.show_error(exc)
                return
        self.password.clear()
        self.password2.clear()
        self.actor = actor
        self.signedIn.emit(actor)
        super().accept()

    @classmethod
    def ask(cls, parent, ctx_or_db, *, mode: str | None = None,
            current: Actor | None = None, encrypt_plain: bool = False) -> Actor | None:
        """Show the dialog; the signed-in Actor, or None when the user cancelled. A site
        encrypted at its first start shows its recovery sheet next."""
        dialog = cls(ctx_or_db, parent, mode=mode, current=current, encrypt_plain=encrypt_plain)
        try:
            if dialog.exec() == QDialog.Accepted:
                if dialog.recovery_key is not None:
                    from .recovery import RecoveryDialog
                    RecoveryDialog.ask(parent, dialog.db, dialog.actor, dialog.recovery_key,
                                       lang=dialog.lang)
                return dialog.actor
            return None
        finally:
            dialog.deleteLater()


class ChangePasswordDialog(QDialog):
    """The signed-in user changes their own password (old one, new one twice)."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("ChangePasswordDialog")
        self.old = QLineEdit()
        self.old.setObjectName("old_password")
        self.new = QLineEdit()
        self.new.setObjectName("new_password")
        self.new2 = QLineEdit()
        self.new2.setObjectName("new_password2")
        for w in (self.old, self.new, self.new2):
            w.setEchoMode(QLineEdit.Password)
        self.error_label = error_line()
        lay_out_form(self, (self.old, self.new, self.new2))
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Change my password"))
        for widget, text in ((self.old, self.tr("Current password:")),
                             (self.new, self.tr("New password:")),
                             (self.new2, self.tr("New password again:"))):
            self.labels[widget].setText(text)
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("Change password"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Cancel"))

    def accept(self) -> None:
        try:
            if self.new.text() != self.new2.text():
                raise DomainError("password_mismatch", field="new_password")
            accounts.change_password(self.ctx.db, self.ctx.actor, self.old.text(), self.new.text(),
                                     self.ctx.now())
        except DomainError as exc:
            self.error_label.setText(self.ctx.describe(exc))
            self.error_label.show()
            for w in (self.old, self.new, self.new2):
                w.clear()
            (self.old if exc.field == "old_password" else self.new).setFocus()
            return
        self.ctx.notify(accounts.change_password)
        super().accept()

    @classmethod
    def ask(cls, ctx, parent=None) -> bool:
        dialog = cls(ctx, parent)
        try:
            return dialog.exec() == QDialog.Accepted
        finally:
            dialog.deleteLater()



ROLE_ORDER = ROLES


def role_name(role: str) -> str:
    return {Role.MANAGER: QCoreApplication.translate("UsersDialog", "Manager"),
            Role.MEDICAL: QCoreApplication.translate("UsersDialog", "Medical"),
            Role.FRONT_DESK: QCoreApplication.translate("UsersDialog", "Front desk"),
            Role.LOGISTICS: QCoreApplication.translate("UsersDialog", "Logistics"),
            Role.VIEWER: QCoreApplication.translate("UsersDialog", "Viewer (read only)")}.get(role, role)


class NewUserDialog(QDialog):
    """A manager adds an account: user name, name, role, first password (typed twice)."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("NewUserDialog")
        self.setMinimumWidth(400)
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.display_name = QLineEdit()
        self.display_name.setObjectName("display_name")
        self.role = QComboBox()
        self.role.setObjectName("role")
        for role in ROLE_ORDER:
            self.role.addItem(role_name(role), role)
        self.role.setCurrentIndex(ROLE_ORDER.index(Role.FRONT_DESK))
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password2 = QLineEdit()
        self.password2.setObjectName("password2")
        for w in (self.password, self.password2):
            w.setEchoMode(QLineEdit.Password)
        self.error_label = error_line()
        lay_out_form(self, (self.username, self.display_name, self.role, self.password, self.password2))
        self.setWindowTitle(self.tr("New user"))
        for w, text in ((self.username, self.tr("User name:")), (self.display_name, self.tr("Name:")),
                        (self.role, self.tr("Role:")), (self.password, self.tr("First password:")),
                        (self.password2, self.tr("Password again:"))):
            self.labels[w].setText(text)
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("Add user"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Cancel"))

    def accept(self) -> None:
        try:
            if self.password.text() != self.password2.text():
                raise DomainError("password_mismatch", field="password")
            accounts.create_user(self.ctx.db, self.username.text(), self.display_name.text(),
                                 self.role.currentData(), self.password.text(), self.ctx.actor,
                                 self.ctx.now())
        except DomainError as exc:
            self.error_label.setText(self.ctx.describe(exc))
            self.error_label.show()
            self.password.clear()
            self.password2.clear()
            return
        self.ctx.notify(accounts.create_user)
        super().accept()


class UsersDialog(QDialog):
    """The manager's list of accounts: add, reset a password (lifts a lock-out),
    deactivate or reactivate, change the role. Accounts are never deleted."""

    def __init__(self, ctx, parent: QWidget | None = None):
        from ..models import RowTableModel
        super().__init__(parent)
        self.ctx = ctx
        self._users: dict[str, dict] = {}
        self.setObjectName("UsersDialog")
        self.resize(640, 380)
        self.model = RowTableModel([self.tr("User name"), self.tr("Name"), self.tr("Role"),
                                    self.tr("State")], self)
        self.table = QTableView()
        self.table.setObjectName("users_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.add_button = QPushButton(self.tr("Add user…"))
        self.reset_button = QPushButton(self.tr("Set a new password…"))
        self.active_button = QPushButton(self.tr("Deactivate"))
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("role")
        for role in ROLE_ORDER:
            self.role_combo.addItem(role_name(role), role)
        self.error_label = error_line()
        side = QVBoxLayout()
        for w in (self.add_button, self.reset_button, self.active_button):
            side.addWidget(w)
        side.addWidget(QLabel(self.tr("Role:")))
        side.addWidget(self.role_combo)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.table, 1)
        top.addLayout(side)
        close = QDialogButtonBox(QDialogButtonBox.Close)
        close.rejected.connect(self.reject)
        close.button(QDialogButtonBox.Close).setText(self.tr("Close"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error_label)
        layout.addWidget(close)
        self.setWindowTitle(self.tr("User accounts"))
        self.add_button.clicked.connect(self.add_user)
        self.reset_button.clicked.connect(self.reset_password)
        self.active_button.clicked.connect(self.toggle_active)
        self.role_combo.activated.connect(self.change_role)
        self.table.selectionModel().currentRowChanged.connect(self._selection_changed)
        self.refresh()

    def refresh(self) -> None:
        from ..models import Row
        now = self.ctx.now().isoformat()
        rows = []
        self._users = {}
        for u in accounts.list_users(self.ctx.db):
            self._users[u["username"]] = u
            if not u["active"]:
                state = self.tr("Deactivated")
            elif u["locked_until"] and u["locked_until"] > now:
                state = self.tr("Locked until %1").replace("%1", u["locked_until"].replace("T", " ")[:16])
            else:
                state = self.tr("Active")
            rows.append(Row(key=u["username"], display=(u["username"], u["display_name"],
                                            role_name(u["role"]), state)))
        self.model.set_rows(rows)
        self._selection_changed()

    def selected(self) -> dict | None:
        return self._users.get(self.model.row_key(self.table.currentIndex().row()))

    def _selection_changed(self, *_):
        user = self.selected()
        for w in (self.reset_button, self.active_button, self.role_combo):
            w.setEnabled(user is not None)
        if user is not None:
            self.active_button.setText(self.tr("Deactivate") if user["active"] else self.tr("Reactivate"))
            self.role_combo.setCurrentIndex(ROLE_ORDER.index(user["role"]))

    def _run(self, fn, *args) -> bool:
        try:
            fn(*args)
        except DomainError as exc:
            self.error_label.setText(self.ctx.describe(exc))
            self.error_label.show()
            return False
        self.error_label.hide()
        self.ctx.notify(fn)
        user = self.selected()
        self.refresh()
        if user is not None:
            self.table.selectRow(self.model.row_of_key(user["username"]))
        return True

    def add_user(self) -> None:
        dialog = NewUserDialog(self.ctx, self)
        if dialog.exec() == QDialog.Accepted:
            self.refresh()
        dialog.deleteLater()

    def reset_password(self, password: str | None = None) -> bool:
        user = self.selected()
        if user is None:
            return False
        if not password:
            password, ok = QInputDialog.getText(
                self, self.tr("Set a new password"),
                self.tr("New password for %1 (tell it to them in person):").replace("%1", user["username"]),
                QLineEdit.Password)
            if not ok:
                return False
        return self._run(accounts.reset_password, self.ctx.db, user["username"], password,
                         self.ctx.actor, self.ctx.now())

    def toggle_active(self) -> bool:
        user = self.selected()
        if user is None:
            return False
        return self._run(accounts.set_active, self.ctx.db, user["username"], not user["active"],
                         self.ctx.actor, self.ctx.now())

    def change_role(self, *_) -> bool:
        user = self.selected()
        role = self.role_combo.currentData()
        if user is None or role == user["role"]:
            return False
        ok = self._run(accounts.set_role, self.ctx.db, user["username"], role, self.ctx.actor,
                       self.ctx.now())
        if not ok:
            self.role_combo.setCurrentIndex(ROLE_ORDER.index(user["role"]))
        return ok

    @classmethod
    def ask(cls, ctx, parent=None) -> None:
        dialog = cls(ctx, parent)
        dialog.exec()
        dialog.deleteLater()
