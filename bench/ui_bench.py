"""(b) Interactions on the real widgets against a bare QTableView over the same rows.

    python -m bench.ui_bench DB SIZE REPEAT  -> JSON list of figures on stdout

The app side constructs ``ui.main_window.MainWindow`` on the database (offscreen platform)
and drives it: a screen switch (the screen re-reads, as after a change made elsewhere), a
search keystroke on the occupants screen, a sort by a header. Each time runs until the view's
model has the new rows and one ``processEvents`` pass has painted them. The limit does the
same with bare sqlite3 + a minimal QAbstractTableModel + a QTableView.
"""
from __future__ import annotations

import json
import os
import sqlite3
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="bench-qsettings-")  # no remembered geometry

from PySide6.QtCore import QAbstractTableModel, QEventLoop, QModelIndex, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow, QStackedWidget, QTableView, QWidget  # noqa: E402

from bench.measure import Figure, Stats  # noqa: E402
from bench.queries import (  # noqa: E402
    _OCCUPANTS,
    RAW_DUE_TESTS,
    RAW_DUE_TESTS_BUILDING,
    RAW_OCCUPANTS,
    RAW_OCCUPANTS_BUILDING,
    RAW_OCCUPANTS_SEARCH,
    RAW_ROOM_BOARD,
    RAW_ROOM_BOARD_BUILDING,
    Tracer,
)

SEARCH_KEY = "A"  # the first keystroke of a room number: wide (every room of buildings A, AA, AB ...)
_DISPLAY = int(Qt.DisplayRole)


_ROOT = QModelIndex()  # the invisible root: the default parent of a flat table


class BareModel(QAbstractTableModel):
    def __init__(self):
        super().__init__()
        self.rows: list[tuple] = []
        self.cols = 1

    def set_rows(self, rows):
        self.beginResetModel()
        self.rows = [tuple("" if v is None else str(v) for v in r) for r in rows]
        self.cols = len(self.rows[0]) if self.rows else 1
        self.endResetModel()

    def sort_rows(self, column, order):
        self.layoutAboutToBeChanged.emit()
        self.rows.sort(key=lambda r: r[column], reverse=order == Qt.DescendingOrder)
        self.layoutChanged.emit()

    def rowCount(self, parent=_ROOT):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_ROOT):
        return 0 if parent.isValid() else self.cols

    def data(self, index, role=_DISPLAY):
        if int(role) == _DISPLAY:
            return self.rows[index.row()][index.column()]
        return None


WARMUP = True


def _measure(fn, repeat: int, before=None) -> Stats:
    values, cpu = [], []
    first = None
    warm = 1 if WARMUP else 0
    for i in range(repeat + warm):
        if before:
            before()
        QApplication.processEvents()
        # the window's thread: what keeps the user waiting (a background reader's thread
        # works beside it, on the other core)
        c = time.thread_time()
        t = time.perf_counter()
        fn()
        QApplication.processEvents()
        w, cp = (time.perf_counter() - t) * 1000, (time.thread_time() - c) * 1000
        if i < warm:
            first = w
        else:
            values.append(w)
            cpu.append(cp)
    return Stats.of(values, first, cpu)


def _wait_model(model, action, timeout_ms: int = 10000) -> bool:
    """Run ``action`` and wait (event loop, no sleep) until ``model`` resets or re-lays out."""
    loop = QEventLoop()
    done = []

    def quit_(*_):
        done.append(1)
        loop.quit()

    conns = [model.modelReset.connect(quit_), model.layoutChanged.connect(quit_)]
    action()
    if not done:
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
    for signal in (model.modelReset, model.layoutChanged):
        try:
            signal.disconnect(quit_)
        except (RuntimeError, TypeError):
            pass
    del conns
    return bool(done)


def _wait_signal(signal, action=None, timeout_ms: int = 60000) -> bool:
    """Run ``action`` and wait in an event loop (no busy wait) until ``signal`` is emitted."""
    loop = QEventLoop()
    done = []

    def quit_(*_):
        done.append(1)
        loop.quit()

    signal.connect(quit_)
    if action is not None:
        action()
    if not done:
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
    try:
        signal.disconnect(quit_)
    except (RuntimeError, TypeError):
        pass
    return bool(done)


def _table(screen) -> QTableView | None:
    views = [v for v in screen.findChildren(QTableView) if v.model() is not None]
    views.sort(key=lambda v: -v.model().rowCount())
    return views[0] if views else None


def _search_box(screen) -> QLineEdit | None:
    boxes = screen.findChildren(QLineEdit)
    for b in boxes:
        if "search" in (b.objectName() + b.placeholderText()).lower() or "搜索" in b.placeholderText():
            return b
    return boxes[0] if boxes else None


def run(db_path: str, size: int, repeat: int) -> list[dict]:
    from isolation_desk.domain.roles import SYSTEM
    from isolation_desk.messages import current_language
    from isolation_desk.services.site import get_settings
    from isolation_desk.storage.database import open_database
    from isolation_desk.ui.app import create_application
    from isolation_desk.ui.context import AppContext
    from isolation_desk.ui.main_window import MainWindow
    try:
        from isolation_desk.ui.screens.base import NotYetScreen
    except ImportError:  # every screen has landed
        class NotYetScreen:  # noqa: D401 - a type nothing is an instance of
            pass

    app = create_application()
    db = open_database(db_path, create=False, check=None)
    lang = current_language()
    try:
        from isolation_desk.ui.i18n import install
        install(lang, app)
    except ImportError:
        pass
    ctx = AppContext(db, SYSTEM, lang)
    win = MainWindow(ctx)
    win.resize(1280, 800)
    win.show()
    QApplication.processEvents()
    raw = sqlite3.connect(db_path)
    now = ctx.now()
    today = now.date().isoformat()
    from datetime import timedelta
    params = {"today": today, "since": (now - timedelta(hours=24)).isoformat(),
              "threshold": get_settings(db).fever_threshold, "like": f"%{SEARCH_KEY}%"}

    # The bare window: a stack with an empty page and a QTableView over a minimal model.
    bare = QMainWindow()
    stack = QStackedWidget()
    blank = QWidget()
    bare_view = QTableView()
    bare_model = BareModel()
    bare_view.setModel(bare_model)
    stack.addWidget(blank)
    stack.addWidget(bare_view)
    bare.setCentralWidget(stack)
    bare.resize(1280, 800)
    bare.show()
    QApplication.processEvents()

    def bare_switch(sql=None, statements=None):
        def fn():
            if sql is not None:
                rows = raw.execute(sql, params).fetchall()
            else:
                rows = []
                for s in statements:
                    if s.lstrip().upper().startswith(("SELECT", "WITH")):
                        r = raw.execute(s).fetchall()
                        rows = r if len(r) > len(rows) else rows
            bare_model.set_rows(rows)
            stack.setCurrentIndex(1)
        return fn

    figures: list[Figure] = []
    raw_sql = {"rooms": RAW_ROOM_BOARD, "occupants": RAW_OCCUPANTS, "tests": RAW_DUE_TESTS}
    search_sql = RAW_OCCUPANTS_SEARCH
    from isolation_desk.services import boards
    building = boards.default_building(db)
    scope = ""
    if building is not None:  # a large site opens its lists on one building: so does the limit
        raw_sql = {"rooms": RAW_ROOM_BOARD_BUILDING, "occupants": RAW_OCCUPANTS_BUILDING,
                   "tests": RAW_DUE_TESTS_BUILDING}
        search_sql = _OCCUPANTS.format(
            extra="AND s.room_id IN (SELECT r2.id FROM rooms r2 JOIN buildings b2 ON b2.id = r2.building_id "
                  "WHERE b2.code = :building) AND (p.name LIKE :like OR p.id_number LIKE :like "
                  "OR p.phone LIKE :like OR (b.code || '-' || r.number) LIKE :like)")
        params["building"] = building
        scope = f"; opens on building {building}, {len(boards.room_tiles(db, now, building=building)):,} rooms"
    target_ms = 100 if size <= 2000 else 250
    target = f"< {target_ms} ms"
    for key in ("rooms", "occupants", "tests", "today"):
        try:
            screen = win.screens[key]  # built on first use
        except KeyError:
            continue
        other = "settings" if key != "settings" else "today"

        def before(screen=screen, other=other):
            reader = getattr(screen, "reader", None)
            if reader is not None and reader.busy:  # the last background read has landed
                _wait_signal(reader.ready)
            win.show_screen(other)
            QApplication.processEvents()
            screen._dirty = True  # data changed while it was hidden: it re-reads when shown

        with Tracer(db.conn) as tr:
            before()
            win.show_screen(key)
            QApplication.processEvents()
        app_stats = _measure(lambda key=key: win.show_screen(key), repeat, before)
        limit_fn = bare_switch(raw_sql.get(key), tr.statements if key not in raw_sql else None)
        limit = _measure(limit_fn, repeat, lambda: stack.setCurrentIndex(0))
        note = "screen not yet available (NotYetScreen)" if isinstance(screen, NotYetScreen) else ""
        view = _table(screen)
        ratio = app_stats.best() / limit.best() if limit.best() > 0 else None
        label = f"switch to the {key} screen (re-read{scope if key in raw_sql else ''})"
        if getattr(screen, "reader", None) is not None:
            label = f"switch to the {key} screen (painted; its figures are read in the background)"
        figures.append(Figure("interactions", label, str(size), "ms",
                              app_stats, limit,
                              "bare sqlite3 + QTableView"
                              + (" (replay of the screen's SQL)" if key not in raw_sql else ""),
                              ratio, target, app_stats.best() < target_ms, note,
                              extra={"rows": view.model().rowCount() if view else None,
                                     "statements": len(tr.statements)}))

    # The Today screen's figures arrive from a background read: how long until they are shown.
    today_screen = win.screens["today"]
    if getattr(today_screen, "reader", None) is not None:
        win.show_screen("today")

        def fresh():
            _wait_signal(today_screen.reader.ready, today_screen.refresh, timeout_ms=120_000)
            QApplication.processEvents()

        app_stats = _measure(fresh, repeat)
        figures.append(Figure("interactions", "today screen: fresh figures shown (background read + paint)",
                              str(size), "ms", app_stats, None, "", None, "— (the window stays usable)", None,
                              extra={"note": "CPU: the window's thread only; the read itself runs on the reader's"}))

    # Search keystroke and sort on the occupants screen.
    occ = win.screens["occupants"]
    win.show_screen("occupants")
    QApplication.processEvents()
    box = _search_box(occ) if occ is not None else None
    view = _table(occ) if occ is not None else None
    if box is not None and view is not None:
        model = view.model()

        def clear():
            if box.text():
                _wait_model(model, box.clear)
            QApplication.processEvents()

        def keystroke():
            box.setFocus()
            _wait_model(model, lambda: QTest.keyClick(box, SEARCH_KEY))

        app_stats = _measure(keystroke, repeat, clear)
        rows_after = model.rowCount()

        def bare_search():
            bare_model.set_rows(raw.execute(search_sql, params).fetchall())

        bare_model.set_rows(raw.execute(raw_sql["occupants"], params).fetchall())
        stack.setCurrentIndex(1)
        limit = _measure(bare_search, repeat)
        figures.append(Figure("interactions", f"search keystroke '{SEARCH_KEY}' (occupants{scope})", str(size), "ms",
                              app_stats, limit, "bare sqlite3 LIKE + QTableView", app_stats.best() / limit.best(),
                              target, app_stats.best() < target_ms, extra={"rows": rows_after}))
        clear()
        order = [Qt.AscendingOrder]

        def sort_app():
            order[0] = Qt.DescendingOrder if order[0] == Qt.AscendingOrder else Qt.AscendingOrder
            view.sortByColumn(2, order[0])

        app_stats = _measure(sort_app, repeat)

        def sort_bare():
            order[0] = Qt.DescendingOrder if order[0] == Qt.AscendingOrder else Qt.AscendingOrder
            bare_model.sort_rows(2, order[0])

        limit = _measure(sort_bare, repeat)
        figures.append(Figure("interactions", "sort by a column (occupants, name)", str(size), "ms",
                              app_stats, limit, "list.sort + layoutChanged, bare QTableView",
                              app_stats.best() / limit.best(), target, app_stats.best() < target_ms,
                              extra={"rows": model.rowCount()}))
    else:
        for name in (f"search keystroke '{SEARCH_KEY}' (occupants)", "sort by a column (occupants, name)"):
            figures.append(Figure("interactions", name, str(size), "ms", None, None, "", None, target, None,
                                  "occupants screen has no search box or table yet (NotYetScreen)"))
    win.close()
    bare.close()
    db.close()
    raw.close()
    return [f.as_dict() for f in figures]


if __name__ == "__main__":
    path, size, repeat = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    WARMUP = "--no-warmup" not in sys.argv[4:]
    print(json.dumps(run(path, size, repeat), ensure_ascii=False))
