"""The occupants screen: a sortable table of current occupants, filters by category, building
and status (in SQL), a search box (Ctrl+F) that filters the rows read as you type (on the
list: a keystroke runs no query), and the details panel."""
from __future__ import annotations

from operator import itemgetter

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, QTimer
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.changes import Kind
from ...domain.errors import DomainError
from ...domain.vocabulary import CURRENT, StayStatus, TestResult
from ...services import boards
from ..models import LazyRowTableModel, Row
from ..widgets import names
from ..widgets.stay_panel import StayPanel
from .base import Screen

SEARCH_DELAY_MS = 25  # a few ms: coalesces a burst of keys (paste, fast typing) into one query
COLUMNS = 11
_RIGHT = Qt.AlignRight | Qt.AlignVCenter
_CENTER = Qt.AlignCenter
ALIGN = (None, None, _CENTER, _RIGHT, None, None, _CENTER, None, _CENTER, None, None)
# What a shift leader reads most: room, name, category, day N of M, release date, status. They
# come first, whole, in the width a 1366x768 screen leaves the table; the rest may scroll.
KEY_COLUMNS = (0, 1, 4, 7, 8, 10)
COLUMN_ORDER = KEY_COLUMNS + tuple(c for c in range(COLUMNS) if c not in KEY_COLUMNS)
COLUMNS_SETTING = "occupants/columns"  # the header's state: widths and order, per workstation
STATUS_FOREGROUND = {StayStatus.AWAITING_TRANSFER: QColor("#c62828"), StayStatus.EXPECTED: QColor("#555555")}


def _room_sort(source):
    return source["room"] or "~"  # as the made row's sort value of the room column


class OccupantsScreen(Screen):
    key = "occupants"
    shows = frozenset({Kind.STAYS, Kind.ROOMS, Kind.TESTS, Kind.HEALTH, Kind.ALERTS, Kind.SETTINGS})

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(140)  # the English buttons beside it fit 1366x768
        self.category = QComboBox()
        self.category.setObjectName("category_filter")
        self.building = QComboBox()
        self.building.setObjectName("building_filter")
        self.status = QComboBox()
        self.status.setObjectName("status_filter")
        self.count = QLabel()
        self.count.setObjectName("occupant_count")
        self.b_new = QPushButton()
        self.b_new.setObjectName("action_register")
        self.b_new.clicked.connect(self.register)
        self.b_import = QPushButton()
        self.b_import.setObjectName("action_import_arrivals")
        self.b_import.clicked.connect(self.import_arrivals)
        self.b_bulk = QPushButton()
        self.b_bulk.setObjectName("action_bulk_check_in")
        self.b_bulk.clicked.connect(self.bulk_check_in)
        self.b_export = QPushButton()
        self.b_export.setObjectName("action_export")
        self.b_export.clicked.connect(self.export)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _: self._timer.start())
        self.search.returnPressed.connect(self._search_now)
        QShortcut(QKeySequence.Find, self, activated=self.focus_search)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.register)

        self.model = LazyRowTableModel([""] * COLUMNS, self)
        self.table = QTableView()
        self.table.setObjectName("occupants_table")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectRows)
        self.table.setSelectionMode(QTableView.SingleSelection)
        self.table.setEditTriggers(QTableView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(0, Qt.AscendingOrder)
        header.setSectionsMovable(True)
        for visual, logical in enumerate(COLUMN_ORDER):
            header.moveSection(header.visualIndex(logical), visual)
        self._save_columns_timer = QTimer(self)
        self._save_columns_timer.setSingleShot(True)
        self._save_columns_timer.setInterval(400)
        self._save_columns_timer.timeout.connect(self.save_columns)
        header.sectionResized.connect(self._columns_changed)
        header.sectionMoved.connect(self._columns_changed)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.setContextMenuPolicy(Qt.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.panel = StayPanel(ctx)
        self.panel.setMinimumWidth(340)
        self.panel.stayChanged.connect(lambda _: self.refresh())

        top = QHBoxLayout()
        self.l_search = QLabel()
        self.l_search.setBuddy(self.search)
        top.addWidget(self.l_search)
        top.addWidget(self.search, 1)
        top.addWidget(self.b_new)
        top.addWidget(self.b_import)
        top.addWidget(self.b_bulk)
        top.addWidget(self.b_export)
        filters = QHBoxLayout()
        self.l_category, self.l_building, self.l_status = self.add_filters(
            filters, self.category, self.building, self.status)
        filters.addStretch(1)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addLayout(top)
        ll.addLayout(filters)
        ll.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        # A search on one building (a large site opens on one) says so, with a way out.
        self.scope_hint = QLabel()
        self.scope_hint.setObjectName("search_scope_hint")
        self.scope_hint.setTextFormat(Qt.RichText)
        self.scope_hint.linkActivated.connect(lambda _: self.building.setCurrentIndex(0))
        self.scope_hint.hide()
        bottom.addWidget(self.scope_hint)
        bottom.addStretch(1)
        ll.addLayout(bottom)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([900, 360])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._filling = False
        self._row_memo: dict = {}  # stay id -> (the stay's data and day, its Row)
        self._base: list = []      # (stay as read, search key) of the current filters
        self._today = None
        self._columns_sized = False
        self.retranslate()
        for combo in (self.category, self.building, self.status):
            combo.currentIndexChanged.connect(self._filters_changed)

    def title(self) -> str:
        return self.tr("Occupants")

    def import_arrivals(self) -> None:
        from ..dialogs.import_arrivals import ImportArrivalsDialog
        ImportArrivalsDialog.ask(self, self.ctx)

    def bulk_check_in(self) -> None:
        from ..dialogs.bulk_checkin import BulkCheckInDialog
        BulkCheckInDialog.ask(self, self.ctx)

    def export(self, path=None):
        """Export what the table shows; it holds personal data, so the manager role is
        needed and the export is recorded in the audit trail."""
        from ...services.privacy import authorize_personal_export
        from ..export import export_model
        if not self.ctx.actor.can("export_personal"):
            QMessageBox.warning(self, self.tr("Not done"), self.ctx.describe(
                DomainError("permission_denied", permission="export_personal", role=self.ctx.actor.role)))
            return None
        written = export_model(self, self.model, self.tr("occupants"), path=path, lang=self.ctx.lang,
                               made_by=self.ctx.actor.label())
        if written is not None:
            self.ctx.run(self, authorize_personal_export, self.ctx.db, self.ctx.actor,
                         "occupants_table", self.ctx.now(), rows=self.model.rowCount(), target=str(written))
        return written

    def retranslate(self) -> None:
        self._row_memo = {}  # the rows hold translated words
        self._dirty = True  # the rows hold translated words: re-read them when shown
        if self.isVisible():
            QTimer.singleShot(0, self.refresh)
        self.l_search.setText(self.tr("&Search"))
        self.search.setPlaceholderText(self.tr("Name, ID number, phone or room (Ctrl+F)"))
        self.l_category.setText(self.tr("&Category"))
        self.l_building.setText(self.tr("&Building"))
        self.l_status.setText(self.tr("S&tatus"))
        self.b_new.setText(self.tr("Register and check in…"))
        self.b_import.setText(self.tr("Import arrivals…"))
        self.b_import.setToolTip(self.tr("Import a transfer list (xlsx or csv) as expected arrivals"))
        self.b_bulk.setText(self.tr("Check in expected…"))
        self.b_bulk.setToolTip(self.tr("Check in the expected arrivals, with suggested rooms"))
        self.b_export.setText(self.tr("Export…"))
        self.b_export.setToolTip(self.tr("Export the rows shown (after the filters) to xlsx or csv"))
        self.model.set_headers([self.tr("Room"), self.tr("Name"), self.tr("Sex"), self.tr("Age"),
                                self.tr("Category"), self.tr("ID number"), self.tr("Start"),
                                self.tr("Day"), self.tr("Release"), self.tr("Last test"),
                                self.tr("Status")])
        if self.building.count():
            self.building.setItemText(0, self.tr("All buildings"))
        self._filling = True
        cur = self.category.currentData()
        self.category.clear()
        self.category.addItem(self.tr("All categories"), None)
        for code in names.CATEGORY_CODES:
            self.category.addItem(names.category(code), code)
        self.category.setCurrentIndex(max(0, self.category.findData(cur)))
        cur = self.status.currentData()
        self.status.clear()
        self.status.addItem(self.tr("Current (incl. expected)"), None)
        for code in (*CURRENT, StayStatus.RELEASED.value, StayStatus.TRANSFERRED.value):
            self.status.addItem(names.stay_status(code), code)
        self.status.setCurrentIndex(max(0, self.status.findData(cur)))
        self._filling = False

    # -- data --------------------------------------------------------------------------
    def _search_now(self) -> None:
        self.apply_search()
        if self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def refresh(self) -> None:
        """Re-read the rows of the current filters (SQL), then apply the search."""
        super().refresh()
        self._fill_buildings()  # a building may have been added since
        with self.busy():
            sources = boards.occupant_sources(self.ctx.db, category=self.category.currentData(),
                                              building=self.building.currentData(),
                                              status=self.status.currentData())
            # the search key: name, ID number, phone, room (lower case); the rows themselves
            # are formatted when shown (LazyRowTableModel)
            self._base = [(r, "\x1f".join((r["name"], r["id_number"] or "", r["phone"] or "",
                                            r["room"] or "")).lower()) for r in sources]
            self._today = self.ctx.today()
        self.apply_search()

    def apply_search(self) -> None:
        """Filter the rows read by ``refresh`` on the list: a keystroke runs no query.
        Matches name, ID number, phone or room, ignoring case (as SQL LIKE does)."""
        self._timer.stop()
        query = self.search.text().strip().lower()
        shown = [r for r, key in self._base if query in key] if query else [r for r, _ in self._base]
        keep = self.current_stay_id()
        # the room column sorts on the rows as read (the room's label; expected arrivals last)
        self.model.set_sources(shown, self._made_row, itemgetter("id"), raw_sort={0: _room_sort})
        if not self._columns_sized and shown:
            self._size_columns()
        self.count.setText(self.tr("%n person(s)", "", len(shown)))
        scoped = bool(query) and self.building.currentData() is not None
        if scoped:
            self.scope_hint.setText(
                self.tr("Searched in %1 only. <a href=\"all\">Search all buildings</a>")
                .replace("%1", self.building.currentText()))
        self.scope_hint.setVisible(scoped)
        if keep is not None and self.model.row_of_key(keep) >= 0:
            self.select_stay(keep)
        else:
            self.panel.show_stay(None)

    def _size_columns(self) -> None:
        """The widths this workstation kept (QSettings), else widths that fit the header and
        the first rows' texts; the key columns first and whole."""
        header = self.table.horizontalHeader()
        state = QSettings().value(COLUMNS_SETTING)
        self._columns_sized = True
        self._restoring = True
        try:
            if state is not None and header.restoreState(state):
                return
            for c, w in enumerate(self.model.column_widths(self.table.fontMetrics(), padding=14)):
                self.table.setColumnWidth(c, w)
        finally:
            self._restoring = False

    def _columns_changed(self, *_):
        if self._columns_sized and not getattr(self, "_restoring", False):
            self._save_columns_timer.start()

    def save_columns(self) -> None:
        self._save_columns_timer.stop()
        QSettings().setValue(COLUMNS_SETTING, self.table.horizontalHeader().saveState())

    def hideEvent(self, event):
        if self._save_columns_timer.isActive():
            self.save_columns()
        super().hideEvent(event)

    def _made_row(self, source) -> Row:
        """The Row of a stay as read (``boards.occupant_view``), kept while the stay's data and
        the day are the same."""
        signature = (self._today, *source)
        hit = self._row_memo.get(source["id"])
        if hit is not None and hit[0] == signature:
            return hit[1]
        row = self._row(boards.occupant_view(source, self._today))
        self._row_memo[source["id"]] = (signature, row)
        return row

    def _row(self, r: dict) -> Row:
        age = r["age"]
        day = r["day"]
        days = r["days"]
        result = r["last_test_result"]
        last = f"{r['last_test_at'][5:]} {names.result(result)}" if result else ""
        held = r["status"] == StayStatus.EXPECTED and result == TestResult.POSITIVE  # issue 14: positive before arrival
        room = self.tr("(expected: POSITIVE, holding room or transfer)") if held else (r["room"] or self.tr("(expected"
                                                                                                            ")"))
        display = (room, r["name"], names.sex(r["sex"]),
                   "" if age is None else str(age), names.category(r["category"]), r["id_masked"],
                   r["start_date"].isoformat() if r["start_date"] else "",
                   self.tr("%1 of %2").replace("%1", str(day)).replace("%2", str(days))
                   if day is not None and days is not None else "",
                   r["release_date"].isoformat() if r["release_date"] else "",
                   last, names.stay_status(r["status"]))
        sort = (r["room"] or "~", r["name"], r["sex"], age, r["category"], r["id_masked"],
                r["start_date"], day, r["release_date"], r["last_test_at"], r["status"])
        foreground = STATUS_FOREGROUND[StayStatus.AWAITING_TRANSFER] if held else STATUS_FOREGROUND.get(r["status"])
        return Row(r["stay_id"], display, sort, align=ALIGN, foreground=foreground)

    def current_stay_id(self):
        index = self.table.currentIndex()
        return self.model.row_key(index.row()) if index.isValid() else None

    def selected_stay_id(self):
        """The person selected in the table (their release notice prints from File ▸ Print)."""
        return self.current_stay_id() if self.table.selectionModel().hasSelection() else None

    def print_release_notice(self):
        from ..printing import open_paper
        stay_id = self.selected_stay_id()
        return open_paper(self, self.ctx, "release_notices", stay_ids=[stay_id]) if stay_id else None

    def release_notice_refusal(self, stay_id: int | None) -> str:
        """Why no release notice can be printed for this person now, in words ("" if it can):
        the same rule the release itself obeys (services.papers.release_notice_refusal)."""
        from ...services import papers
        if stay_id is None:
            return ""
        refusal = papers.release_notice_refusal(self.ctx.db, stay_id, self.ctx.now())
        return self.ctx.describe(refusal) if refusal is not None else ""

    def select_stay(self, stay_id: int) -> bool:
        row = self.model.row_of_key(stay_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        self.table.scrollTo(index)
        self.panel.show_stay(stay_id)
        return True

    def show_stay(self, stay_id: int) -> None:
        """From elsewhere (the room board): show this stay, clearing filters that hide it."""
        if not self.select_stay(stay_id):
            self._filling = True
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            for combo in (self.category, self.building, self.status):
                combo.setCurrentIndex(0)
            self._filling = False
            self.refresh()
            self.select_stay(stay_id)

    def _context_menu(self, pos) -> None:
        """The details panel's actions, at the row under the mouse."""
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.table.selectRow(index.row())
        menu = QMenu(self)
        for button in (self.panel.b_release, self.panel.b_date, self.panel.b_move,
                       self.panel.b_transfer, self.panel.b_check_in):
            action = menu.addAction(button.text())
            action.setEnabled(button.isEnabled())
            action.triggered.connect(button.click)
        menu.addSeparator()
        notice = menu.addAction(self.tr("Release notice…"))
        why_not = self.release_notice_refusal(self.model.row_key(index.row()))
        notice.setEnabled(not why_not)  # a notice only for a person releasable now
        notice.setToolTip(why_not)
        menu.setToolTipsVisible(True)
        notice.triggered.connect(lambda: self.print_release_notice())
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def _current_changed(self, current, _previous) -> None:
        self.panel.show_stay(self.model.row_key(current.row()) if current.isValid() else None)

    def register(self) -> None:
        from ..dialogs.checkin import CheckInDialog
        result = CheckInDialog.ask(self.ctx, parent=self)
        if result is not None and hasattr(result, "stay_id"):
            self.show_stay(result.stay_id)
