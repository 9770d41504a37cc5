"""The recovery sheet at site setup (``RecoveryDialog``): the site file has just been
encrypted; its key, shown as a recovery code, opens it when every password is forgotten. The
manager saves (and prints) the sheet; without it such a site is lost, and the dialog says so.
And the way back in when that happens (``RecoverAccessDialog``)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError
from ...messages import describe
from ...services import encryption
from .base import error_line, lay_out_form


class RecoveryDialog(QDialog):
    def __init__(self, db, actor, key: bytes, parent: QWidget | None = None, *, lang: str = "zh_CN"):
        super().__init__(parent)
        self.db, self.actor, self.key, self.lang = db, actor, key, lang
        self.saved: Path | None = None
        self.setObjectName("RecoveryDialog")
        self.setMinimumWidth(520)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.code = QLabel(encryption.recovery_code(key).replace("-", "  "))
        self.code.setObjectName("code")
        self.code.setWordWrap(True)
        font = QFont("monospace")
        font.setPointSize(15)
        self.code.setFont(font)
        self.code.setTextInteractionFlags(self.code.textInteractionFlags())
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b00020; font-weight: bold;")
        self.others = QLabel()
        self.others.setObjectName("others")
        self.others.setWordWrap(True)
        waiting = encryption.accounts_without_slot(db)
        self.others.setVisible(bool(waiting))
        self._waiting = ", ".join(waiting)
        self.save_button = QPushButton()
        self.save_button.setObjectName("save")
        self.save_button.clicked.connect(lambda: self.save())
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok)
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        for w in (self.intro, self.code, self.warning, self.others, self.save_button, self.buttons):
            layout.addWidget(w)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Recovery sheet"))
        self.intro.setText(self.tr(
            "The site's file is now encrypted. Each account's password opens it. This recovery "
            "code is the file's key: when every password is forgotten, it alone opens the data."))
        self.warning.setText(self.tr(
            "Without this code, a site whose every password is forgotten is lost. Save the "
            "recovery sheet, print it, and have it locked away; then delete the saved file."))
        self.others.setText(self.tr(
            "These accounts cannot open the encrypted file until you give them a new password "
            "(Account menu, Users): %1").replace("%1", self._waiting))
        self.save_button.setText(self.tr("Save the recovery sheet (PDF)…"))
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("I have kept the code"))

    def save(self, path: str | Path | None = None) -> Path | None:
        if path is None:
            name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the recovery sheet"),
                                                  str(Path.home() / "recovery-sheet.pdf"),
                                                  self.tr("PDF (*.pdf)"))
            if not name:
                return None
            path = name
        try:
            from datetime import datetime
            encryption.write_recovery_sheet(self.db, self.key, path, self.actor,
                                            datetime.now().replace(microsecond=0), lang=self.lang)
        except DomainError as exc:
            QMessageBox.warning(self, self.windowTitle(), describe(exc, self.lang))
            return None
        self.saved = Path(path)
        return self.saved

    @classmethod
    def ask(cls, parent, db, actor, key: bytes, *, lang: str = "zh_CN") -> None:
        dialog = cls(db, actor, key, parent, lang=lang)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()


class RecoverAccessDialog(QDialog):
    """Every password of an encrypted site forgotten: the recovery code from its recovery sheet
    opens the file and gives the site manager's account a new password
    (``services.encryption.recover_manager``, the one ``isolation-desk recover`` uses)."""

    def __init__(self, path: str | Path, parent: QWidget | None = None, *, lang: str = "zh_CN",
                 clock=None):
        super().__init__(parent)
        from datetime import datetime
        self.path, self.lang = Path(path), lang
        self._clock = clock or (lambda: datetime.now().replace(microsecond=0))
        self.actor = None
        self.setObjectName("RecoverAccessDialog")
        self.setMinimumWidth(520)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.code = QLineEdit()
        self.code.setObjectName("recovery_code")
        self.code.setPlaceholderText("XXXX-XXXX-XXXX-…")
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password2 = QLineEdit()
        self.password2.setObjectName("password2")
        for w in (self.password, self.password2):
            w.setEchoMode(QLineEdit.Password)
        self.error_label = error_line()
        lay_out_form(self, (self.code, self.username, self.password, self.password2), intro=self.intro)
        self.code.setFocus()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Every password forgotten"))
        self.intro.setText(self.tr(
            "The recovery code on this site's recovery sheet (13 groups of 4 letters and digits) "
            "opens the encrypted file. Enter it, the site manager's user name and a new password "
            "for that account; then sign in with it and give the other staff new passwords."))
        for w, text in ((self.code, self.tr("Recovery code:")), (self.username, self.tr("Manager's user name:")),
                        (self.password, self.tr("New password:")), (self.password2, self.tr("New password again:"))):
            self.labels[w].setText(text)
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("Set the new password"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Cancel"))

    def accept(self) -> None:
        try:
            if self.password.text() != self.password2.text():
                raise DomainError("password_mismatch", field="password")
            self.actor = encryption.recover_manager(self.path, self.code.text(), self.username.text(),
                                                    self.password.text(), self._clock())
        except DomainError as exc:
            self.password.clear()
            self.password2.clear()
            self.error_label.setText(describe(exc, self.lang))
            self.error_label.show()
            {"recovery_code": self.code, "username": self.username}.get(exc.field or "", self.password).setFocus()
            return
        self.password.clear()
        self.password2.clear()
        super().accept()
