"""Start the Qt application on a database file."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from ..domain.errors import DomainError
from ..domain.roles import SYSTEM
from ..messages import current_language, describe


def create_application(argv=None):
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setOrganizationName("IsolationDesk")
    app.setApplicationName("Isolation Desk")
    return app


def run_gui(db_path: Path) -> int:
    from PySide6.QtWidgets import QMessageBox

    from ..storage.database import open_database
    from .context import AppContext
    from .main_window import MainWindow

    from PySide6.QtCore import QSettings

    app = create_application()
    # ISOLATION_DESK_LANG wins; otherwise the language chosen in Settings, then the system's.
    chosen = QSettings().value("ui/language")
    lang = current_language() if os.environ.get("ISOLATION_DESK_LANG") or not chosen else str(chosen)
    try:
        db = open_database(db_path, create=True)
    except DomainError as exc:
        QMessageBox.critical(None, "Isolation Desk", describe(exc, lang))
        return 2
    from .i18n import install
    install(lang, app)
    ctx = AppContext(db, SYSTEM, lang)
    from ..services.site import is_set_up
    if not is_set_up(db):
        from .dialogs.first_start import FirstStartDialog
        if FirstStartDialog.ask(ctx) is None:
            db.close()
            return 0
    window = MainWindow(ctx)
    window.show()
    code = app.exec()
    db.close()
    return code
