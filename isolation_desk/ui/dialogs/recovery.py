"""The recovery sheet at site setup: the site file has just been encrypted; its key, shown as
a recovery code, opens it when every password is forgotten. The manager saves (and prints)
the sheet; without it such a site is lost, and the dialog says so."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError
from ...messages import describe
from ...services import encryption


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
