"""The main window: navigation on the left, one screen at a time, a status bar."""
from __future__ import annotations

import importlib

from PySide6.QtCore import QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTableView,
    QWidget,
)

from ..domain.changes import Changes, Kind
from ..services import boards
from .icons import icon
from .widgets import names

# (key, module, class): every screen of the navigation, in order. Ctrl+1..8 switch.
# The status bar: beds occupied out of beds, the date and the shift.
STATUS_SHOWS = frozenset({Kind.STAYS, Kind.ROOMS, Kind.SETTINGS})

SCREENS = (
    ("today", "today", "TodayScreen"),
    ("rooms", "rooms", "RoomsScreen"),
    ("occupants", "occupants", "OccupantsScreen"),
    ("tests", "testing.screen", "TestsScreen"),
    ("health", "health", "HealthScreen"),
    ("supplies", "supplies", "SuppliesScreen"),
    ("handover", "handover", "HandoverScreen"),
    ("settings", "settings", "SettingsScreen"),
    ("audit", "audit", "AuditScreen"),
)


class _Screens(dict):
    """key -> screen, built on first use: a window opens without building every screen
    (some load fonts or run queries when built)."""

    def __init__(self, window):
        super().__init__()
        self._window = window

    def __missing__(self, key):
        return self._window._build_screen(key)


class MainWindow(QMainWindow):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("MainWindow")
        self.nav = QListWidget()
        self.nav.setObjectName("Navigation")
        self.nav.setFixedWidth(170)
        self.nav.setSpacing(2)
        font = self.nav.font()
        font.setPointSizeF(font.pointSizeF() + 2)
        self.nav.setFont(font)
        self.stack = QStackedWidget()
        self.screens = _Screens(self)
        for key, _module, _cls in SCREENS:
            self.stack.addWidget(QWidget())  # placeholder until the screen is first shown
            item = QListWidgetItem(icon(key, "#ffffff"), self._title(key))
            item.setData(Qt.UserRole, key)
            item.setSizeHint(QSize(150, 34))
            self.nav.addItem(item)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self._show_row)
        for i, (_key, _, _) in enumerate(SCREENS):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            action.triggered.connect(lambda checked=False, i=i: self.nav.setCurrentRow(i))
            self.addAction(action)
        self.status_beds = QLabel()
        self.status_beds.setObjectName("status_beds")
        self.status_date = QLabel()
        self.status_date.setObjectName("status_date")
        self.status_shift = QLabel()
        self.status_shift.setObjectName("status_shift")
        self.statusBar().addWidget(self.status_beds, 1)
        self.statusBar().addPermanentWidget(self.status_date)
        self.statusBar().addPermanentWidget(self.status_shift)
        ctx.changed.connect(self._on_changed)
        ctx.language_changed.connect(self._language_changed)
        self._clock = QTimer(self)
        self._clock.timeout.connect(self.update_status)
        self._clock.start(60_000)
        self.update_status()
        from .printing import PrintMenu
        self.file_menu = self.menuBar().addMenu("")
        self.print_menu = PrintMenu(self, ctx)
        self.file_menu.addMenu(self.print_menu)
        self.data_menu = self.menuBar().addMenu("")
        self.export_action = QAction(self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(lambda checked=False: self.export_current_table())
        self.data_menu.addAction(self.export_action)
        # issue 4: the positive-result banner above the screens. Installed before the first
        # screen is built: it re-parents the central widget, which re-polishes (style sheet)
        # everything under it: slow once the Today screen is built.
        importlib.import_module("isolation_desk.ui.widgets.emergency_banner").install(self)
        self.retranslate()
        self.restore_state()

    def retranslate(self) -> None:
        self.file_menu.setTitle(self.tr("&File"))
        self.print_menu.retranslate()
        self.data_menu.setTitle(self.tr("&Data"))
        self.export_action.setText(self.tr("&Export the table shown…"))
        self.setWindowTitle(self.tr("Isolation Desk"))
        for i in range(self.nav.count()):
            item = self.nav.item(i)
            item.setText(self._title(item.data(Qt.UserRole)))
        for screen in self.screens.values():
            screen.retranslate()
        self.update_status()

    def _language_changed(self, _lang: str) -> None:
        names.clear_cache()
        self.retranslate()

    def _table_to_export(self):
        """The table the user is looking at: the focused one, else the first one shown."""
        screen = self.stack.currentWidget()
        focus = QApplication.focusWidget()
        if isinstance(focus, QTableView) and screen.isAncestorOf(focus):
            return screen, focus
        chooser = getattr(screen, "export_view", None)
        if chooser is not None:
            return screen, chooser()
        shown = [v for v in screen.findChildren(QTableView)
                 if v.isVisible() and v.model() is not None and v.model().columnCount()]
        # The screen's main table is the largest one on it (details panels hold small ones).
        shown.sort(key=lambda v: v.width() * v.height(), reverse=True)
        return screen, (shown[0] if shown else None)

    def export_current_table(self, path=None):
        """Export what the table on screen shows (after its filters) to xlsx or csv. Tables
        with people in them are personal data: the manager role, and an audit entry."""
        from ..domain.errors import DomainError
        from ..services.privacy import authorize_personal_export
        from .export import export_model
        screen, view = self._table_to_export()
        if view is None:
            QMessageBox.information(self, self.tr("Export"), self.tr("This screen shows no table to export."))
            return None
        personal = getattr(screen, "personal_data", True)
        if personal and not self.ctx.actor.can("export_personal"):
            QMessageBox.warning(self, self.tr("Export"), self.ctx.describe(DomainError(
                "permission_denied", permission="export_personal", role=self.ctx.actor.role)))
            return None
        key = self.current_screen_key()
        written = export_model(self, view.model(), self._title(key), path=path, lang=self.ctx.lang,
                               made_by=self.ctx.actor.label())
        if written is not None and personal:
            self.ctx.run(self, authorize_personal_export, self.ctx.db, self.ctx.actor,
                         f"{key}_table", self.ctx.now(), rows=view.model().rowCount(), target=str(written))
        return written

    def _title(self, key: str) -> str:
        return {"today": self.tr("Today"), "rooms": self.tr("Rooms"), "occupants": self.tr("Occupants"),
                "tests": self.tr("Tests"), "health": self.tr("Health"), "supplies": self.tr("Supplies"),
                "handover": self.tr("Handover"), "settings": self.tr("Settings"),
                "audit": self.tr("Audit trail")}.get(key, key)

    def _build_screen(self, key: str):
        index = [k for k, _, _ in SCREENS].index(key)
        _, module, cls = SCREENS[index]
        mod = importlib.import_module(f"isolation_desk.ui.screens.{module}")
        screen = getattr(mod, cls)(self.ctx)
        dict.__setitem__(self.screens, key, screen)
        placeholder = self.stack.widget(index)
        current = self.stack.currentIndex()
        self.stack.insertWidget(index, screen)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self.stack.setCurrentIndex(current)
        if key == "rooms" and hasattr(screen, "openStay"):
            screen.openStay.connect(self.open_stay)
        return screen

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(SCREENS):
            self.screens[SCREENS[row][0]]  # build on first show
            self.stack.setCurrentIndex(row)

    def show_screen(self, key: str) -> None:
        for i in range(self.nav.count()):
            if self.nav.item(i).data(Qt.UserRole) == key:
                self.nav.setCurrentRow(i)
                return

    def current_screen_key(self) -> str:
        item = self.nav.currentItem()
        return item.data(Qt.UserRole) if item else SCREENS[0][0]

    def open_stay(self, stay_id: int) -> None:
        """Show one occupant on the occupants screen (from the room board)."""
        self.show_screen("occupants")
        screen = self.screens["occupants"]
        if hasattr(screen, "show_stay"):
            screen.show_stay(stay_id)

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(STATUS_SHOWS):
            self.update_status()

    def update_status(self, *_):
        now = self.ctx.now()
        s = boards.status_summary(self.ctx.db, now)
        self.status_beds.setText(self.tr("Beds occupied: %1 / %2").replace("%1", str(s["occupied"]))
                                 .replace("%2", str(s["beds"])))
        self.status_date.setText(now.strftime("%Y-%m-%d %H:%M"))
        shift = s["shift"]
        words = self.tr("Day shift %1–%2") if shift.kind == "day" else self.tr("Night shift %1–%2")
        self.status_shift.setText(words.replace("%1", shift.start.strftime("%H:%M"))
                                  .replace("%2", shift.end.strftime("%H:%M")))
        if s["site_name"]:
            self.setWindowTitle(self.tr("Isolation Desk — %1").replace("%1", s["site_name"]))

    def restore_state(self) -> None:
        s = QSettings()
        geometry = s.value("main/geometry")
        if geometry is None or not self.restoreGeometry(geometry) or \
                self.width() < 900 or self.height() < 600:
            # First start, or a geometry saved on a smaller screen: a size the board fits.
            screen = self.screen().availableGeometry() if self.screen() else None
            w, h = 1280, 800
            if screen is not None:
                w, h = min(w, screen.width()), min(h, screen.height())
            self.resize(w, h)
        self.show_screen(s.value("main/screen", "today"))

    def showEvent(self, event):
        if not self._clock.isActive():
            self._clock.start(60_000)
        super().showEvent(event)

    def closeEvent(self, event):
        self._clock.stop()  # a closed window no longer reads the database
        s = QSettings()
        s.setValue("main/geometry", self.saveGeometry())
        s.setValue("main/screen", self.current_screen_key())
        super().closeEvent(event)
