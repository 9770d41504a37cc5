"""The supplies screen: the stock table (days of supply coloured against the reorder level),
the ledger of the selected item, its stock over time with the forecast (QtCharts), and the
basis of the forecast in words. Receive, issue, count and adjust through dialogs; print the
restock request (申领单).

Every figure comes from services.supplies (the same read model as the restock PDF and
``isolation-desk export stock``).
"""
from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import QDateTime, QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain import stock
from ...domain.changes import Kind
from ...services import supplies
from ..dialogs.supplies import AdjustDialog, CountDialog, IssueDialog, ItemDialog, ReceiveDialog, category_name, number
from ..models import Row, RowTableModel
from .base import Screen

STATUS_BACKGROUND = {
    "out": QColor("#f4b6b6"),            # nothing usable left
    "below_reorder": QColor("#fbd3c4"),  # under the reorder level: request now
    "low": QColor("#fdf0c2"),            # above the level but under a week of supply
}
ALIGN_RIGHT = Qt.AlignRight | Qt.AlignVCenter
CHART_HISTORY_DAYS = 30
CHART_FORECAST_DAYS = 14


def _ms(day: date) -> float:
    return float(QDateTime(datetime.combine(day, time(12, 0))).toMSecsSinceEpoch())


class SuppliesScreen(Screen):
    personal_data = False  # stock and ledger: exports need no manager role
    key = "supplies"
    shows = frozenset({Kind.STOCK, Kind.STAYS, Kind.TESTS, Kind.STAFF, Kind.SETTINGS})  # demand: people, staff

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self._rows: list[dict] = []
        # -- tool bar
        self.category = QComboBox()
        self.category.setObjectName("category_filter")
        self.only_short = QCheckBox()
        self.only_short.setObjectName("only_short")
        self.receive_button = QPushButton()
        self.issue_button = QPushButton()
        self.count_button = QPushButton()
        self.adjust_button = QPushButton()
        self.new_item_button = QPushButton()
        self.edit_item_button = QPushButton()
        self.restock_button = QPushButton()
        bar = QHBoxLayout()
        bar.addWidget(self.category)
        bar.addWidget(self.only_short)
        bar.addStretch(1)
        for b in (self.receive_button, self.issue_button, self.count_button, self.adjust_button,
                  self.new_item_button, self.edit_item_button, self.restock_button):
            bar.addWidget(b)
        # -- stock table
        self.model = RowTableModel([""] * 10, self)
        self.table = QTableView()
        self.table.setObjectName("stock_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        # -- detail: basis in words, ledger, chart
        self.item_title = QLabel()
        font = self.item_title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.item_title.setFont(font)
        self.basis_label = QLabel()
        self.basis_label.setObjectName("basis")
        self.basis_label.setWordWrap(True)
        self.basis_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.ledger_model = RowTableModel([""] * 7, self)
        self.ledger = QTableView()
        self.ledger.setObjectName("ledger")
        self.ledger.setModel(self.ledger_model)
        self.ledger.verticalHeader().hide()
        self.ledger.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.ledger.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.ledger.horizontalHeader().setStretchLastSection(True)
        self.chart = QChart()
        self.chart.legend().setAlignment(Qt.AlignBottom)
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart_view = QChartView(self.chart)
        self.chart_view.setObjectName("stock_chart")
        self.chart_view.setRenderHint(QPainter.Antialiasing)
        self.chart_view.setMinimumHeight(240)
        self._build_chart()
        self.ledger.horizontalHeader().setStretchLastSection(False)
        self.chart_view.setMinimumWidth(380)
        pair = QSplitter(Qt.Horizontal)
        pair.addWidget(self.ledger)
        pair.addWidget(self.chart_view)
        pair.setChildrenCollapsible(False)
        pair.setSizes([620, 620])
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.item_title)
        bottom_layout.addWidget(self.basis_label)
        bottom_layout.addWidget(pair, 1)
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.table)
        split.addWidget(bottom)
        split.setChildrenCollapsible(False)
        split.setSizes([380, 420])
        row_height = self.fontMetrics().height() + 8
        for view in (self.table, self.ledger):
            view.verticalHeader().setDefaultSectionSize(row_height)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        # -- wiring
        self.category.currentIndexChanged.connect(self._fill_table)
        self.only_short.toggled.connect(self._fill_table)
        self.table.selectionModel().currentRowChanged.connect(self._show_selected)
        self.receive_button.clicked.connect(lambda: self._open(ReceiveDialog))
        self.issue_button.clicked.connect(lambda: self._open(IssueDialog))
        self.count_button.clicked.connect(lambda: self._open(CountDialog))
        self.adjust_button.clicked.connect(lambda: self._open(AdjustDialog))
        self.new_item_button.clicked.connect(self._new_item)
        self.edit_item_button.clicked.connect(self._edit_item)
        self.restock_button.clicked.connect(self._print_restock)
        ctx.actor_changed.connect(self._update_permissions)
        self.retranslate()
        # the most urgent first: fewest days of supply
        self.table.sortByColumn(6, Qt.AscendingOrder)
        self._update_permissions()

    # -- texts ---------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Supplies")

    def retranslate(self) -> None:
        current = self.category.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(self.tr("All categories"), None)
        for code in stock.CATEGORIES:
            self.category.addItem(category_name(code), code)
        index = self.category.findData(current)
        self.category.setCurrentIndex(max(0, index))
        self.category.blockSignals(False)
        self.only_short.setText(self.tr("Only items to reorder"))
        self.receive_button.setText(self.tr("Receive…"))
        self.issue_button.setText(self.tr("Issue…"))
        self.count_button.setText(self.tr("Count…"))
        self.adjust_button.setText(self.tr("Adjust…"))
        self.new_item_button.setText(self.tr("New item…"))
        self.edit_item_button.setText(self.tr("Edit item…"))
        self.restock_button.setText(self.tr("Restock request (PDF)…"))
        self.model.set_headers([self.tr("Item"), self.tr("Category"), self.tr("Unit"), self.tr("On hand"),
                                self.tr("Reorder level"), self.tr("Daily use"), self.tr("Days of supply"),
                                self.tr("Runs out"), self.tr("Forecast from"), self.tr("Expiry")])
        self.ledger_model.set_headers([self.tr("Time"), self.tr("Movement"), self.tr("Quantity"),
                                       self.tr("Balance"), self.tr("Lot"), self.tr("From / to"),
                                       self.tr("Reason / slip")])
        self.chart.setTitle("")

    def _update_permissions(self) -> None:
        may = self.ctx.actor.can("supplies")
        for b in (self.receive_button, self.issue_button, self.count_button, self.adjust_button,
                  self.new_item_button, self.edit_item_button):
            b.setEnabled(may)

    def kind_name(self, kind: str) -> str:
        return {"receipt": self.tr("Receipt"), "issue": self.tr("Issue"),
                "adjustment": self.tr("Adjustment"), "count": self.tr("Stock count"),
                "transfer_out": self.tr("Transfer out")}.get(kind, kind)

    def basis_name(self, basis: str) -> str:
        return {stock.BASIS_RECENT: self.tr("recent use"), stock.BASIS_IMPLIED: self.tr("coming demand"),
                stock.BASIS_NONE: self.tr("no use")}.get(basis, basis)

    def status_name(self, status: str) -> str:
        return {"out": self.tr("Out of stock"), "below_reorder": self.tr("Below the reorder level"),
                "low": self.tr("Less than a week of supply"), "ok": self.tr("Enough")}.get(status, status)

    def basis_text(self, row: dict) -> str:
        """The basis of the forecast and the reason for it, in words."""
        unit = row["unit"]
        sep = "" if self.ctx.lang.startswith("zh") else " "  # Chinese sentences need no space
        recent = number(row["recent_daily_use"])
        implied = number(row["implied_daily_use"])
        reason = row["reason"]
        window = stock.WINDOW_DAYS
        if reason == stock.REASON_IMPLIED_HIGHER:
            text = self.tr("Forecast from the coming demand: the next %1 days need %2 %3 a day (occupants present and "
                           "releases due, sampling days, staff shifts), more than the %4 a day used in the last %1 "
                           "days.")
            text = text.replace("%1", str(window)).replace("%2", implied).replace("%3", unit).replace("%4", recent)
        elif reason == stock.REASON_RECENT_HIGHER:
            text = self.tr("Forecast from recent use: %1 %2 a day in the last %3 days, more than the %4 a day that the "
                           "occupants present, the sampling plan and the shifts imply.")
            text = text.replace("%1", recent).replace("%2", unit).replace("%3", str(window)).replace("%4", implied)
        elif reason == stock.REASON_EQUAL:
            text = self.tr("Recent use and the coming demand agree: %1 %2 a day.").replace("%1", recent) \
                .replace("%2", unit)
        elif reason == stock.REASON_UNPLANNED:
            text = self.tr("Forecast from recent use: %1 %2 a day in the last %3 days. This item is not tied to "
                           "occupants, samples or shifts.").replace("%1", recent).replace("%2", unit) \
                .replace("%3", str(window))
        elif reason == stock.REASON_NO_STAFF:
            text = self.tr("Forecast from recent use: %1 %2 a day in the last %3 days. It is used per staff shift, but "
                           "no staff are on the roster to plan with.").replace("%1", recent) \
                .replace("%2", unit).replace("%3", str(window))
        elif reason == stock.REASON_NOTHING_ON_HAND:
            text = self.tr("Nothing usable on hand.")
        else:
            text = self.tr("Nothing was used in the last %1 days and nothing is planned: no run-out date.") \
                .replace("%1", str(window))
        days = row["days_of_supply"]
        if days is not None and row["run_out_date"] is not None and reason != stock.REASON_NOTHING_ON_HAND:
            text += sep + self.tr("At that rate it lasts %1 days and runs out on %2.") \
                .replace("%1", f"{days:.1f}").replace("%2", row["run_out_date"].isoformat())
        if row["below_reorder"]:
            text += sep + self.tr("Below the reorder level of %1: request about %2 %3.") \
                .replace("%1", number(row["reorder_level"])).replace("%2", number(row["restock_quantity"])) \
                .replace("%3", unit)
        for alert in row["forecast"].expiry_alerts:
            if alert.expired:
                text += sep + self.tr("Lot %1 expired on %2 with %3 left: write it off.") \
                    .replace("%1", alert.lot).replace("%2", alert.expiry_date.isoformat()) \
                    .replace("%3", number(alert.on_hand))
            elif alert.unused_at_expiry > 0:
                text += sep + self.tr("Lot %1 expires on %2 with about %3 unused.") \
                    .replace("%1", alert.lot).replace("%2", alert.expiry_date.isoformat()) \
                    .replace("%3", number(round(alert.unused_at_expiry)))
            else:
                text += sep + self.tr("Lot %1 expires on %2.").replace("%1", alert.lot) \
                    .replace("%2", alert.expiry_date.isoformat())
        return text

    # -- data ----------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        self._rows = supplies.stock_overview(self.ctx.db, self.ctx.now())
        self._fill_table()

    def selected_item_id(self) -> int | None:
        return self.model.row_key(self.table.currentIndex().row())

    def select_item(self, item_id: int) -> None:
        row = self.model.row_of_key(item_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.setCurrentIndex(self.model.index(row, 0))

    def row_of(self, item_id: int) -> dict | None:
        return next((r for r in self._rows if r["item_id"] == item_id), None)

    def _fill_table(self, *_):
        keep = self.selected_item_id()
        category = self.category.currentData()
        short = self.only_short.isChecked()
        rows = []
        for r in self._rows:
            if category and r["category"] != category:
                continue
            if short and r["status"] not in ("out", "below_reorder"):
                continue
            days = r["days_of_supply"]
            expiry = ""
            if r["expired"]:
                expiry = self.tr("%n lot(s) expired", "", r["expired"])
            elif r["expiring"]:
                expiry = self.tr("%n lot(s) expiring", "", r["expiring"])
            display = (r["item"], category_name(r["category"]), r["unit"], number(r["on_hand"]),
                       number(r["reorder_level"]), number(r["daily_use"]),
                       "—" if days is None else f"{days:.1f}",
                       r["run_out_date"].isoformat() if r["run_out_date"] else "—",
                       self.basis_name(r["basis"]), expiry)
            sort = (r["item"], category_name(r["category"]), r["unit"], r["on_hand"], r["reorder_level"],
                    r["daily_use"], days, r["run_out_date"], display[8], r["expiring"] + r["expired"])
            tip = self.status_name(r["status"])
            if r["critical"]:
                tip = self.tr("Critical item: %1").replace("%1", tip)
            rows.append(Row(key=r["item_id"], display=display, sort=sort,
                            tooltip=(tip,) * 10, background=STATUS_BACKGROUND.get(r["status"]),
                            align=(None, None, None, ALIGN_RIGHT, ALIGN_RIGHT, ALIGN_RIGHT, ALIGN_RIGHT,
                                   None, None, None)))
        self.model.set_rows(rows)
        if keep is not None and self.model.row_of_key(keep) >= 0:
            self.select_item(keep)
        elif rows:
            self.select_item(rows[0].key)
        else:
            self._show_item(None)

    def _show_selected(self, *_):
        self._show_item(self.selected_item_id())

    def _show_item(self, item_id: int | None) -> None:
        row = self.row_of(item_id) if item_id is not None else None
        if row is None:
            self.item_title.setText("")
            self.basis_label.setText(self.tr("Choose an item to see its ledger and forecast."))
            self.ledger_model.set_rows([])
            self._clear_chart()
            return
        self.item_title.setText(self.tr("%1 — %2 %3 on hand").replace("%1", row["item"])
                                .replace("%2", number(row["on_hand"])).replace("%3", row["unit"]))
        self.basis_label.setText(self.basis_text(row))
        ledger_rows = []
        for m in supplies.ledger(self.ctx.db, item_id, limit=500):
            q = m["quantity"]
            reason = " / ".join(t for t in (m["reason"] if m["reason"] != "stock_count" else self.tr("stock count"),
                                            m["reference"]) if t)
            ledger_rows.append(Row(
                key=m["id"],
                display=(m["at"].replace("T", " ")[:16], self.kind_name(m["kind"]),
                         ("+" if q > 0 else "") + number(q), number(m["balance"]), m["lot"] or "",
                         m["party"] or "", reason),
                sort=(m["at"], m["kind"], q, m["balance"], m["lot"] or "", m["party"] or "", reason),
                foreground=QColor("#a12020") if q < 0 else None,
                align=(None, None, ALIGN_RIGHT, ALIGN_RIGHT, None, None, None)))
        self.ledger_model.set_rows(ledger_rows)
        self._draw_chart(item_id, row)

    def _build_chart(self) -> None:
        """Series and axes are made once and refilled: a chart that re-creates its axes on
        every selection leaves the old labels painted for a moment."""
        chart = self.chart
        self.stock_series = QLineSeries()
        pen = QPen(QColor("#1c7ed6"))
        pen.setWidthF(2)
        self.stock_series.setPen(pen)
        self.forecast_series = QLineSeries()
        pen = QPen(QColor("#d9480f"))
        pen.setStyle(Qt.DashLine)
        pen.setWidthF(2)
        self.forecast_series.setPen(pen)
        self.reorder_series = QLineSeries()
        pen = QPen(QColor("#868e96"))
        pen.setStyle(Qt.DotLine)
        pen.setWidthF(1.5)
        self.reorder_series.setPen(pen)
        self.x_axis = QDateTimeAxis()
        self.x_axis.setFormat("MM-dd")
        self.x_axis.setTickCount(8)
        self.y_axis = QValueAxis()
        self.y_axis.setLabelFormat("%.0f")
        chart.addAxis(self.x_axis, Qt.AlignBottom)
        chart.addAxis(self.y_axis, Qt.AlignLeft)
        for series in (self.stock_series, self.forecast_series, self.reorder_series):
            chart.addSeries(series)
            series.attachAxis(self.x_axis)
            series.attachAxis(self.y_axis)
        title_font = QFont(chart.titleFont())
        title_font.setBold(True)
        chart.setTitleFont(title_font)

    def _clear_chart(self) -> None:
        for series in (self.stock_series, self.forecast_series, self.reorder_series):
            series.clear()
        self.chart.setTitle("")

    def _draw_chart(self, item_id: int, row: dict) -> None:
        today = self.ctx.today()
        history = supplies.stock_history(self.ctx.db, item_id, self.ctx.now(), days=CHART_HISTORY_DAYS)
        points = [QPointF(_ms(d), v) for d, v in history]
        if points:  # today's point is the balance now
            points[-1] = QPointF(_ms(today), row["on_hand"])
        self.stock_series.replace(points)
        f = row["forecast"]
        ahead = [(d, v) for d, v in f.projection if (d - today).days <= CHART_FORECAST_DAYS]
        self.forecast_series.replace([QPointF(_ms(d), v) for d, v in ahead])
        first = history[0][0] if history else today
        last = max([today] + [d for d, _ in ahead])
        self.reorder_series.replace([QPointF(_ms(first), row["reorder_level"]),
                                     QPointF(_ms(last), row["reorder_level"])])
        self.stock_series.setName(self.tr("On hand (end of day)"))
        self.forecast_series.setName(self.tr("Forecast (%1)").replace("%1", self.basis_name(row["basis"])))
        self.reorder_series.setName(self.tr("Reorder level"))
        self.x_axis.setRange(QDateTime(datetime.combine(first, time(0))),
                             QDateTime(datetime.combine(last, time(23, 59))))
        top = max([row["reorder_level"], row["on_hand"]] + [v for _, v in history] + [1.0])
        self.y_axis.setRange(0, top * 1.1)
        self.y_axis.applyNiceNumbers()
        self.chart.setTitle(self.tr("%1 (%2): stock and forecast").replace("%1", row["item"])
                            .replace("%2", row["unit"]))

    # -- actions ---------------------------------------------------------------------
    def _open(self, dialog_class):
        result = dialog_class.ask(self.ctx, self.selected_item_id(), self)
        return result

    def _new_item(self):
        item_id = ItemDialog.ask(self.ctx, self)
        if item_id is not None:
            self.select_item(item_id)

    def _edit_item(self):
        item_id = self.selected_item_id()
        if item_id is not None:
            ItemDialog.ask(self.ctx, self, item_id)

    def _print_restock(self):
        from ..printing import open_paper
        return open_paper(self, self.ctx, "restock")

    def save_restock(self, path: str) -> int:
        """Write the restock request PDF (the same rows as the table's items to reorder)."""
        from ..printing import write_paper
        return write_paper(self.ctx, "restock", path)
