"""Screenshots of the main screens and dialogs of the demo site, as a workstation shows them.

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb ISOLATION_DESK_LANG=zh_CN \
        .venv/bin/python scripts/screenshots.py OUT_DIR [PREFIX]

The window fills the screen (1366x768, or 1600x900 with QT_SCALE_FACTOR=1.25); each screen is
grabbed with QWidget.grab() into OUT_DIR/PREFIX<screen>.png; the handover sheet's first PDF
page goes through pdftoppm. A fixed clock and seed give the same pictures on every run.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

NOW = datetime(2026, 12, 3, 9, 30)


def main(out: Path, prefix: str = "") -> None:
    from PySide6.QtCore import QCoreApplication, QSettings, QTimer

    from isolation_desk.domain.roles import Actor
    from isolation_desk.messages import current_language
    from isolation_desk.services import papers, site
    from isolation_desk.services.demo import build_demo
    from isolation_desk.storage.database import open_database
    from isolation_desk.ui.app import create_application
    from isolation_desk.ui.context import AppContext
    from isolation_desk.ui.dialogs.checkin import CheckInDialog
    from isolation_desk.ui.dialogs.supplies import ReceiveDialog
    from isolation_desk.ui.i18n import install
    from isolation_desk.ui.main_window import MainWindow

    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="shots-"))
    QSettings.setDefaultFormat(QSettings.IniFormat)  # not the settings of the person running it
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp / "settings"))
    app = create_application()
    QCoreApplication.setOrganizationName("IsolationDeskShots")
    lang = current_language()
    install(lang, app)
    boss = Actor("demo", "manager", "演示")
    screen_rect = app.primaryScreen().availableGeometry()

    def settle():
        for _ in range(5):
            app.processEvents()

    def save(widget, name):
        settle()
        widget.grab().save(str(out / f"{prefix}{name}.png"))
        print(out / f"{prefix}{name}.png")

    db = open_database(tmp / "demo.sqlite")
    build_demo(db, rooms=300, seed=7, now=NOW)
    ctx = AppContext(db, boss, lang, clock=lambda: NOW)
    window = MainWindow(ctx)
    window.setGeometry(screen_rect)
    window.show()
    settle()
    for key in ("today", "rooms", "occupants", "tests", "health", "supplies", "handover", "audit"):
        window.show_screen(key)
        screen = window.screens[key]
        if key == "audit":
            screen.period.setCurrentIndex(screen.period.findData("all"))
            screen.refresh()
        if key == "rooms":  # a room out of service in the side panel
            board = screen.board
            closed = next((t for t in board.tiles() if t.status == "out_of_service"), None)
            if closed is not None:
                board.set_current_room(closed.room_id)
        save(window, key)

    dialog = CheckInDialog(ctx)
    dialog.show()
    dialog.name.setText("王小明")
    dialog.id_number.setText("110105194912310021")  # wrong check digit
    dialog.accept()
    dialog.id_number.setText("11010519491231002X")  # ... then corrected
    settle()
    save(dialog, "checkin")
    dialog.household.setChecked(True)  # joins a household: the room they go to
    save(dialog, "checkin_household")
    dialog.close()

    dialog = ReceiveDialog(ctx)
    dialog.show()
    dialog.quantity.setText("100")
    save(dialog, "supplies_receive")

    def grab_message():
        box = app.activeModalWidget()
        if box is not None and box is not dialog:
            save(box, "supplies_receive_message")
            box.close()
    QTimer.singleShot(300, grab_message)
    dialog.accept()  # no supplier: the refusal in a message box
    dialog.close()

    pdf = tmp / "handover.pdf"
    papers.write_handover(db, pdf, NOW, actor=boss, lang=lang)
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", str(pdf), str(tmp / "h")], check=True)
    shutil.copy(next(tmp.glob("h*.png")), out / f"{prefix}handover_pdf.png")
    from pypdf import PdfReader
    signed = next((n for n, page in enumerate(PdfReader(str(pdf)).pages, 1)
                   if "交班班长" in (page.extract_text() or "")
                   or "Outgoing shift leader" in (page.extract_text() or "")), 1)
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", str(signed), "-l", str(signed + 1), str(pdf),
                    str(tmp / "hp")],
                   check=True)
    for page, name in zip(sorted(tmp.glob("hp*.png")), ("handover_pdf_signed", "handover_pdf_annex"), strict=False):
        shutil.copy(page, out / f"{prefix}{name}.png")
    window.close()
    db.close()

    empty = open_database(tmp / "empty.sqlite")
    from isolation_desk.domain.roles import SYSTEM
    site.setup_site(empty, name="空隔离点", address="测试路1号", preset="edition_9", actor=SYSTEM, now=NOW,
                    room_ranges=[site.RoomRange("A", "A栋", 2, 3, 1, 10, 1)])
    window = MainWindow(AppContext(empty, boss, lang, clock=lambda: NOW))
    window.setGeometry(screen_rect)
    window.show()
    window.show_screen("today")
    save(window, "today_empty")
    window.close()
    empty.close()
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("ISOLATION_DESK_LANG", "zh_CN")
    main(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "")
