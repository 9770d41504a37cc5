"""The window on an encrypted site: the sign-in comes before the file can be read (the
password unwraps the account's key slot); the background reader and the backups use the key."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from isolation_desk.domain.roles import SYSTEM
from isolation_desk.services import accounts, backup, encryption, site


def _encrypted_site(path, now):
    db, key = encryption.create_site_file(path)
    site.setup_site(db, name="加密隔离点", address="测试路1号", preset="edition_9", actor=SYSTEM,
                    now=now, room_ranges=[site.RoomRange("A", "A栋", 2, 2, 1, 5, 1)])
    accounts.create_first_manager(db, "boss", "张经理", "boss-pass-1", now)
    db.close()
    return key


def test_an_encrypted_site_is_opened_by_signing_in(qtbot, tmp_path, now):
    from isolation_desk.ui import session
    from isolation_desk.ui.dialogs.login import LoginDialog
    path = tmp_path / "site.sqlite"
    _encrypted_site(path, now)
    opened = session.open_site_database(path)
    assert opened is not None
    db, lock = opened
    try:
        assert db is None  # nothing can be read before the sign-in

        def opener(u, p, n):
            return encryption.open_signed_in(path, u, p, n, check=None)
        dialog = LoginDialog(None, mode="sign_in", opener=opener)
        qtbot.addWidget(dialog)
        dialog.username.setText("boss")
        dialog.password.setText("wrong-password")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
        assert not dialog.error_label.isHidden() and dialog.db is None
        assert "Wrong user name or password" in dialog.error_label.text()
        dialog.password.setText("boss-pass-1")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
        assert dialog.actor is not None and dialog.actor.username == "boss"
        opened_db = dialog.db
        try:
            assert opened_db.key is not None
            assert opened_db.scalar("SELECT count(*) FROM rooms") == 5
            # the window's background reader and backups use the key
            reader = opened_db.open_reader()
            try:
                assert reader.scalar("SELECT count(*) FROM users") == 1
            finally:
                reader.close()
            taken = backup.backup_file(path, now, "start", opened_db.key)
            assert taken.read_bytes()[:16] != b"SQLite format 3\x00"
        finally:
            opened_db.close()
    finally:
        lock.release()


def test_the_background_reader_of_an_encrypted_site(qtbot, tmp_path, now):
    from isolation_desk.ui.background import BackgroundReader
    path = tmp_path / "site.sqlite"
    _encrypted_site(path, now)
    db, _ = encryption.open_signed_in(path, "boss", "boss-pass-1", now)
    try:
        reader = BackgroundReader()
        with qtbot.waitSignal(reader.ready, timeout=10000) as blocker:
            reader.read(db, lambda d: d.scalar("SELECT count(*) FROM rooms"))
        result, error = blocker.args
        assert error is None and result == 5
        reader.wait()
    finally:
        db.close()


def test_the_first_start_encrypts_the_site_and_shows_the_recovery_sheet(qtbot, empty_db, tmp_path):
    from pypdf import PdfReader

    from isolation_desk.ui.dialogs.login import LoginDialog
    from isolation_desk.ui.dialogs.recovery import RecoveryDialog
    db = empty_db
    dialog = LoginDialog(db, mode="first_start", encrypt_plain=True)
    qtbot.addWidget(dialog)
    dialog.username.setText("boss")
    dialog.display_name.setText("Zhang")
    dialog.password.setText("boss-pass-1")
    dialog.password2.setText("boss-pass-1")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    assert dialog.actor is not None and dialog.recovery_key is not None
    assert db.key == dialog.recovery_key  # the same object, now on the encrypted file
    assert Path(db.path).read_bytes()[:16] != b"SQLite format 3\x00"
    assert db.scalar("SELECT count(*) FROM users") == 1
    recovery = RecoveryDialog(db, dialog.actor, dialog.recovery_key, lang="en")
    qtbot.addWidget(recovery)
    code = encryption.recovery_code(dialog.recovery_key)
    assert recovery.code.text() == code.replace("-", "  ")
    assert "lost" in recovery.warning.text()
    recovery.resize(560, 300)
    recovery.grab().save(str(tmp_path / "recovery.png"))
    out = recovery.save(tmp_path / "sheet.pdf")
    text = PdfReader(out).pages[0].extract_text()
    assert code.split("-")[0] in text
    assert db.scalar("SELECT action FROM audit ORDER BY id DESC LIMIT 1") == "print_recovery_sheet"


def test_every_password_forgotten_the_recovery_code_lets_the_manager_back_in(qtbot, tmp_path, now):
    """The sign-in of an encrypted site offers the recovery sheet: its code and the manager's
    user name give that account a new password (services.encryption.recover_manager), and the
    manager signs in with it at once."""
    from isolation_desk.storage import keyring
    from isolation_desk.ui.dialogs.login import LoginDialog
    from isolation_desk.ui.dialogs.recovery import RecoverAccessDialog
    path = tmp_path / "site.sqlite"
    key = _encrypted_site(path, now)
    keyring.slots_path(path).unlink()  # every slot gone: no password opens the file

    def opener(u, p, n):
        return encryption.open_signed_in(path, u, p, n, check=None)
    login = LoginDialog(None, mode="sign_in", opener=opener, recover_path=path)
    qtbot.addWidget(login)
    assert login.recover_button.isVisibleTo(login) and "recovery sheet" in login.recover_button.text()

    dialog = RecoverAccessDialog(path, login, lang="en", clock=lambda: now)
    qtbot.addWidget(dialog)
    dialog.code.setText("ABCD-EFGH")
    dialog.username.setText("boss")
    dialog.password.setText("boss-pass-9")
    dialog.password2.setText("boss-pass-9")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    assert not dialog.error_label.isHidden() and "13 groups" in dialog.error_label.text()
    assert dialog.result() != QDialog.Accepted and dialog.password.text() == ""
    dialog.code.setText(keyring.recovery_code(key).lower())
    for w in (dialog.password, dialog.password2):
        w.setText("boss-pass-9")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    assert dialog.result() == QDialog.Accepted and dialog.actor.username == "boss"

    assert login.recover(dialog)
    assert login.username.text() == "boss" and "new password" in login.intro.text()
    login.password.setText("boss-pass-9")
    qtbot.mouseClick(login.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    assert login.actor is not None and login.actor.username == "boss"
    login.db.close()


def test_the_recovery_button_is_only_on_an_encrypted_sites_sign_in(qtbot, empty_db, now):
    from isolation_desk.ui.dialogs.login import LoginDialog
    accounts.create_first_manager(empty_db, "boss", "张经理", "boss-pass-1", now)
    dialog = LoginDialog(empty_db, mode="sign_in")
    qtbot.addWidget(dialog)
    assert not dialog.recover_button.isVisibleTo(dialog)
