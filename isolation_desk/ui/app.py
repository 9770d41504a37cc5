"""Start the Qt application on a database file."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from ..domain.errors import DomainError
from ..domain.roles import SYSTEM
from ..messages import current_language


def create_application(argv=None):
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setOrganizationName("IsolationDesk")
    app.setApplicationName("Isolation Desk")
    if not app.property("isolation_desk_styled"):
        from .icons import icon, load_style_sheet
        app.setStyleSheet(load_style_sheet())
        app.setWindowIcon(icon("app"))
        app.setProperty("isolation_desk_styled", True)
    return app


def run_gui(db_path: Path) -> int:
    """The window on ``db_path``: instance lock and integrity check, the site's first start
    (set up a site or explore a demo), sign-in (or the first manager account), then the main
    window with the idle lock, backups and account menu (ui/session.py)."""
    from PySide6.QtCore import QSettings

    from ..services import accounts
    from ..services.site import is_set_up
    from . import session
    from .context import AppContext
    from .i18n import install
    from .main_window import MainWindow

    app = create_application()
    # ISOLATION_DESK_LANG wins; otherwise the language chosen in Settings, then the system's.
    chosen = QSettings().value("ui/language")
    lang = current_language() if os.environ.get("ISOLATION_DESK_LANG") or not chosen else str(chosen)
    install(lang, app)
    opened = session.open_site_database(db_path)
    if opened is None:
        return 2
    db, lock = opened
    actor = None
    if db is None:  # an encrypted site: signing in (the key slot) opens it
        unlocked = session.unlock_site(db_path)
        if unlocked is None:
            lock.release()
            return 0
        db, actor = unlocked
    try:
        if not is_set_up(db):
            from .dialogs.first_start import FirstStartDialog
            if FirstStartDialog.ask(AppContext(db, SYSTEM, lang)) is None:
                return 0
        actor = actor or session.start_session(app, db)
        try:
            session.damaged_at_start(db)  # the background check of a large file, finished
        except DomainError as exc:
            session._offer_restore(db_path, exc, None, lang)
            return 2
        if actor is None:
            return 0
        ctx = AppContext(db, actor, lang)
        window = MainWindow(ctx)
        actions = session.attach(ctx, window)
        window.show()
        code = app.exec()
        actions.worker.wait(120)
        if ctx.actor is not None:
            try:
                accounts.sign_out(ctx.db, ctx.actor, session._now(), reason="quit")
            except DomainError:
                pass
        return code
    finally:
        db.close()
        lock.release()
