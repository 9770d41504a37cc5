"""(c) Cold start probe: process start to the first painted main window.

    python -m bench.probe_start app|bare DB T0

T0 is ``time.monotonic()`` read by the parent just before it started this process (the
monotonic clock is system-wide on Linux), so the figure includes the interpreter's start and
every import. ``app`` builds the window as ``ui.app.run_gui`` does (QApplication,
open_database, AppContext, MainWindow, show; an encrypted file with the key in
$ISOLATION_DESK_BENCH_KEY, as hex); ``bare`` opens the file with bare sqlite3 and
shows a QMainWindow with a QTableView over the room board's rows. An application-wide event
filter catches the first Paint event of a widget of that window; the probe prints the elapsed
time as JSON and quits.
"""
import json
import os
import sys
import tempfile
import time  # first: nothing before the clock matters less than what follows


def main() -> int:
    mode, db_path, t0 = sys.argv[1], sys.argv[2], float(sys.argv[3])
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="bench-qsettings-")
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    marks = {}

    class FirstPaint(QObject):
        def __init__(self):
            super().__init__()
            self.window = None

        def eventFilter(self, obj, event):
            if (self.window is not None and "paint" not in marks and event.type() == QEvent.Paint
                    and isinstance(obj, QWidget) and obj.window() is self.window):
                marks["paint"] = time.monotonic() - t0
                # the main thread's CPU: the integrity check runs on a thread of its own
                # (on the other core) while the window is built, as in run_gui
                marks["cpu"] = time.thread_time()
                marks["process_cpu"] = time.process_time()
                from bench.measure import vm_hwm_mb
                marks["peak_rss_mb"] = vm_hwm_mb()
                QTimer.singleShot(0, QApplication.instance().quit)
            return False

    if mode == "app":
        from isolation_desk.domain.roles import SYSTEM
        from isolation_desk.messages import current_language
        from isolation_desk.storage.database import open_database
        from isolation_desk.ui.app import create_application
        from isolation_desk.ui.context import AppContext
        from isolation_desk.ui.main_window import MainWindow
        app = create_application()
        spy = FirstPaint()
        app.installEventFilter(spy)
        lang = current_language()
        marks["qt"] = time.monotonic() - t0
        # as ui.session.open_site_database: the quick_check runs in the background. An
        # encrypted site: the key the sign-in would unwrap, handed over by bench.crypto.
        key_hex = os.environ.get("ISOLATION_DESK_BENCH_KEY")
        db = open_database(db_path, create=True, check="background",
                           key=bytes.fromhex(key_hex) if key_hex else None)
        marks["db_open"] = time.monotonic() - t0
        try:  # as run_gui does since issue 9
            from isolation_desk.ui.i18n import install
            install(lang, app)
        except ImportError:
            pass
        ctx = AppContext(db, SYSTEM, lang)
        from isolation_desk.services.site import is_set_up
        if not is_set_up(db):
            raise SystemExit("the probe needs a set-up site")
        window = MainWindow(ctx)
        marks["window_built"] = time.monotonic() - t0
        spy.window = window
        window.show()
    else:
        import sqlite3

        from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
        from PySide6.QtWidgets import QMainWindow, QTableView

        from bench.queries import RAW_ROOM_BOARD

        _ROOT = QModelIndex()  # the invisible root: the default parent of a flat table
        class BareModel(QAbstractTableModel):
            def set_rows(self, rows):
                self.rows = [tuple("" if v is None else str(v) for v in r) for r in rows]

            def rowCount(self, parent=_ROOT):
                return 0 if parent.isValid() else len(self.rows)

            def columnCount(self, parent=_ROOT):
                return 0 if parent.isValid() else (len(self.rows[0]) if self.rows else 1)

            def data(self, index, role=Qt.DisplayRole):
                return self.rows[index.row()][index.column()] if role == Qt.DisplayRole else None
        app = QApplication(sys.argv[:1])
        spy = FirstPaint()
        app.installEventFilter(spy)
        marks["qt"] = time.monotonic() - t0
        conn = sqlite3.connect(db_path)
        from datetime import datetime, timedelta
        now = datetime.now().replace(microsecond=0)
        rows = conn.execute(RAW_ROOM_BOARD, {"today": now.date().isoformat(),
                                             "since": (now - timedelta(hours=24)).isoformat(),
                                             "threshold": 37.3}).fetchall()
        marks["db_open"] = time.monotonic() - t0
        window = QMainWindow()
        view = QTableView()
        model = BareModel()
        model.set_rows(rows)
        view.setModel(model)
        window.setCentralWidget(view)
        window.resize(1280, 800)
        marks["window_built"] = time.monotonic() - t0
        spy.window = window
        window.show()
    QTimer.singleShot(60_000, app.quit)
    app.exec()
    print(json.dumps(marks))
    sys.stdout.flush()
    os._exit(0)  # skip teardown: the figure is taken


if __name__ == "__main__":
    sys.exit(main())
