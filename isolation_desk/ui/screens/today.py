"""The Today screen: the window's home. The summary of the shift under way (the same object
the handover sheet prints), a chart of the last 14 days and the releases due in the next 7."""
from __future__ import annotations

import math
from functools import partial

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import QMargins, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.changes import Changes, Kind
from ...domain.vocabulary import CheckSlot
from ...services import shift, shift_summary, site_figures
from ..background import BackgroundReader
from ..models import Row, RowTableModel
from ..widgets.names import stay_status
from .base import Screen

WARN = QColor("#b00020")
RIGHT = Qt.AlignRight | Qt.AlignVCenter


def _today_view(db, now):
    """What the screen shows: the shift summary, the 14-day series, the releases due in 7 days
    (read on the background reader's thread, with its own connection)."""
    return (shift_summary.current_summary(db, now), site_figures.daily_series(db, now.date(), 14),
            site_figures.releases_due_next(db, now.date(), 7))


def _hm(text) -> str:
    return "" if not text else str(text)[5:16].replace("T", " ")


def _table(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)  # keep the service's order
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QTableView.SelectRows)
    view.setEditTriggers(QTableView.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
    view.setAlternatingRowColors(True)
    return view



def integer_axis(top: float, ticks: int = 4) -> QValueAxis:
    """A count axis from 0 whose ticks are whole numbers (1, 2, 5 × 10ⁿ apart): 0-4 on an
    empty site, where applyNiceNumbers on a range of 0-1 gave "0, 0, 1, 1"."""
    step = 1
    while step * ticks < top:
        for factor in (2, 2.5, 2):  # 1, 2, 5, 10, 20, 50 ...
            step = int(step * factor)
            if step * ticks >= top:
                break
    intervals = max(1, math.ceil(top / step)) if top > ticks else ticks
    axis = QValueAxis()
    axis.setLabelFormat("%d")
    axis.setTickType(QValueAxis.TicksFixed)
    axis.setRange(0, intervals * step)
    axis.setTickCount(intervals + 1)
    axis.setMinorTickCount(0)
    return axis

class Figure(QFrame):
    """One key figure: a big number and what it counts."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.value = QLabel()
        font = self.value.font()
        font.setPointSize(font.pointSize() + 9)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set(self, value: str, caption: str, warn: bool = False) -> None:
        self.value.setText(value)
        self.caption.setText(caption)
        self.value.setStyleSheet("color: #b00020;" if warn else "")


class TodayScreen(Screen):
    key = "today"
    shows = frozenset(Kind) - {Kind.USERS, Kind.AUDIT}
    saved = Signal(str)  # a paper written from this screen

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.summary: shift_summary.ShiftSummary | None = None
        self.series: list[site_figures.DayPoint] = []
        self.due: list = []
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("TodayHeading")
        hf = self.heading.font()
        hf.setPointSize(hf.pointSize() + 4)
        hf.setBold(True)
        self.heading.setFont(hf)
        self.as_of = QLabel()
        layout.addWidget(self.heading)
        layout.addWidget(self.as_of)

        grid = QGridLayout()
        self.figures: dict[str, Figure] = {}
        keys = ("on_site", "arrivals", "releases", "transfers", "positives", "fevers",
                "tests", "pending", "ready", "disinfection", "releases_due", "supplies")
        for i, key in enumerate(keys):
            f = Figure()
            f.setObjectName(f"figure_{key}")
            self.figures[key] = f
            grid.addWidget(f, i // 6, i % 6)
        layout.addLayout(grid)

        splitter = QSplitter(Qt.Vertical)
        charts = QWidget()
        ch = QHBoxLayout(charts)
        ch.setContentsMargins(0, 0, 0, 0)
        self.trend_view = QChartView()
        self.trend_view.setRenderHint(QPainter.Antialiasing)
        self.due_view = QChartView()
        self.due_view.setRenderHint(QPainter.Antialiasing)
        ch.addWidget(self.trend_view, 3)
        ch.addWidget(self.due_view, 2)
        charts.setMinimumHeight(220)
        splitter.addWidget(charts)

        self.tabs = QTabWidget()
        self.census_model = RowTableModel([""] * 7)
        self.category_model = RowTableModel([""] * 2)
        self.alerts_model = RowTableModel([""] * 5)
        self.releases_model = RowTableModel([""] * 4)
        self.rooms_model = RowTableModel([""] * 4)
        self.supplies_model = RowTableModel([""] * 5)
        self.meals_model = RowTableModel([""] * 2)
        self.census_view = _table(self.census_model)
        self.category_view = _table(self.category_model)
        census_box = QSplitter(Qt.Horizontal)
        census_box.addWidget(self.category_view)
        census_box.addWidget(self.census_view)
        census_box.setStretchFactor(1, 2)
        self.alerts_view = _table(self.alerts_model)
        self.releases_view = _table(self.releases_model)
        releases_box = QWidget()
        rb = QVBoxLayout(releases_box)
        rb.setContentsMargins(0, 0, 0, 0)
        rb.addWidget(self.releases_view)
        notice_row = QHBoxLayout()
        self.notice_button = QPushButton()
        self.notice_button.setEnabled(False)
        notice_row.addWidget(self.notice_button)
        notice_row.addStretch(1)
        rb.addLayout(notice_row)
        self.releases_view.selectionModel().selectionChanged.connect(lambda *_: self._update_notice_button())
        self.releases_view.doubleClicked.connect(lambda *_: self.ask_release_notice())
        self.notice_button.clicked.connect(self.ask_release_notice)
        self.rooms_view = _table(self.rooms_model)
        self.meals_view = _table(self.meals_model)
        supplies_box = QWidget()
        sb = QVBoxLayout(supplies_box)
        sb.setContentsMargins(0, 0, 0, 0)
        self.supplies_note = QLabel()
        self.supplies_note.setWordWrap(True)
        self.supplies_view = _table(self.supplies_model)
        sb.addWidget(self.supplies_note)
        sb.addWidget(self.supplies_view)
        for w in (census_box, self.alerts_view, releases_box, self.rooms_view,
                  supplies_box, self.meals_view):
            self.tabs.addTab(w, "")
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        # "Live": the figures move with the clock too (a shift ends, a result becomes overdue).
        self._timer = QTimer(self)
        self._timer.setInterval(5 * 60 * 1000)
        self._timer.timeout.connect(lambda: self._on_changed(Changes.everything()))
        self._timer.start()
        # A burst of changes (an import, a sampling round) refreshes once, not per action:
        # at 50,000 beds the summary takes seconds.
        self._coalesce = QTimer(self)
        self._coalesce.setSingleShot(True)
        self._coalesce.setInterval(250)
        self._coalesce.timeout.connect(self._refresh_if_visible)
        # The figures are read on a thread of their own: the window paints at once (the first
        # start, a switch to this screen) and stays usable while a large site is counted.
        self.reader = BackgroundReader(self)
        self.reader.ready.connect(self._loaded)
        self.load_error: str | None = None
        self.retranslate()

    # ------------------------------------------------------------------ words
    def title(self) -> str:
        return self.tr("Today")

    def category_word(self, code: str) -> str:
        return {
            "close_contact": self.tr("Close contact"),
            "secondary_contact": self.tr("Secondary contact"),
            "inbound_traveller": self.tr("Inbound traveller"),
            "risk_area_arrival": self.tr("Risk-area arrival"),
            "other": self.tr("Other"),
        }.get(code, code)

    def diet_word(self, code: str) -> str:
        return {
            "regular": self.tr("Regular"), "halal": self.tr("Halal"), "vegetarian": self.tr("Vegetarian"),
            "diabetic": self.tr("Diabetic"), "soft": self.tr("Soft"), "infant": self.tr("Infant"),
        }.get(code, code)

    def symptoms_words(self, codes: str) -> str:
        words = {"fever": self.tr("fever"), "dry_cough": self.tr("dry cough"), "sputum": self.tr("sputum"),
                 "sore_throat": self.tr("sore throat"), "fatigue": self.tr("fatigue"),
                 "runny_nose": self.tr("runny or blocked nose"), "headache": self.tr("headache"),
                 "muscle_ache": self.tr("muscle ache"), "short_breath": self.tr("shortness of breath"),
                 "chest_tightness": self.tr("chest tightness"), "smell_taste_loss": self.tr("loss of smell or taste"),
                 "diarrhoea": self.tr("diarrhoea")}
        return self.tr(", ").join(words.get(c, c) for c in codes.split(",") if c)

    def shift_word(self, sh: shift.Shift) -> str:
        kind = self.tr("Day shift") if sh.kind == "day" else self.tr("Night shift")
        return self.tr("%1, %2 (%3 to %4)").replace("%1", sh.date.isoformat()).replace("%2", kind) \
            .replace("%3", sh.start.strftime("%H:%M")).replace("%4", sh.end.strftime("%H:%M"))

    def retranslate(self) -> None:
        self.census_model.set_headers([self.tr("Building"), self.tr("People"), self.tr("Rooms"),
                                       self.tr("Occupied"), self.tr("Ready"),
                                       self.tr("Awaiting disinfection"), self.tr("Out of service")])
        self.category_model.set_headers([self.tr("Category"), self.tr("People")])
        self.alerts_model.set_headers([self.tr("Kind"), self.tr("Time"), self.tr("Room"), self.tr("Name"),
                                       self.tr("Details")])
        self.releases_model.set_headers([self.tr("Room"), self.tr("Name"), self.tr("Category"),
                                         self.tr("Release date")])
        self.rooms_model.set_headers([self.tr("Room"), self.tr("Status"), self.tr("Since"), self.tr("Reason")])
        self.supplies_model.set_headers([self.tr("Item"), self.tr("On hand"), self.tr("Reorder level"),
                                         self.tr("Days of supply"), self.tr("Runs out")])
        self.meals_model.set_headers([self.tr("Building"), self.tr("Total")])
        self.notice_button.setText(self.tr("Release notice…"))
        for i, text in enumerate((self.tr("Census"), self.tr("Positives and fevers"),
                                  self.tr("Releases due"), self.tr("Rooms"), self.tr("Supplies"),
                                  self.tr("Meals"))):
            self.tabs.setTabText(i, text)
        if self.summary is not None:
            self._show()

    # ------------------------------------------------------------------ data
    def _on_changed(self, changes: Changes) -> None:
        if not changes.touches(self.shows):
            return
        self._dirty = True
        if self.isVisible():
            self._coalesce.start()

    def _refresh_if_visible(self) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Read the figures again (in the background; ``summary`` changes when they arrive)."""
        super().refresh()
        if self.summary is None:
            self.as_of.setText(self.tr("Counting the figures of the shift…"))
        self.reader.read(self.ctx.db, partial(_today_view, now=self.ctx.now()))

    def _loaded(self, result, error) -> None:
        if error is not None:
            self.load_error = self.ctx.describe(error)
            self.as_of.setText(self.load_error)
            self.as_of.setStyleSheet("color: #b00020;")
            return
        self.load_error = None
        self.as_of.setStyleSheet("")
        self.summary, self.series, self.due = result
        self._show()

    def _show(self) -> None:
        s = self.summary
        self.heading.setText(self.tr("%1 — %2").replace("%1", s.site_name or self.tr("Isolation site"))
                             .replace("%2", self.shift_word(s.shift)))
        self.as_of.setText(self.tr("Figures as of %1; the handover sheet prints the same figures.")
                           .replace("%1", s.as_of.strftime("%Y-%m-%d %H:%M")))
        F = self.figures
        F["on_site"].set(str(s.census_total), self.tr("on site"))
        F["arrivals"].set(str(len(s.arrivals)), self.tr("arrived in this shift"))
        F["releases"].set(str(len(s.releases)), self.tr("released in this shift"))
        F["transfers"].set(str(len(s.transfers)), self.tr("transferred in this shift"))
        F["positives"].set(str(len(s.positives)), self.tr("positive, awaiting transfer or new"),
                           warn=bool(s.positives))
        F["fevers"].set(str(len(s.fevers)), self.tr("fevers in this shift"), warn=bool(s.fevers))
        F["tests"].set(f"{s.tests_done} / {s.tests_due}", self.tr("tests sampled / due in this shift"))
        F["pending"].set(str(s.results_pending),
                         self.tr("results awaited (%n over 24 h)", "", len(s.results_overdue)),
                         warn=bool(s.results_overdue))
        F["ready"].set(str(s.rooms_by_status.get("ready", 0)), self.tr("rooms ready"))
        F["disinfection"].set(str(len(s.rooms_awaiting_disinfection)), self.tr("rooms to disinfect"))
        F["releases_due"].set(str(len(s.next_releases_due)), self.tr("releases due by the end of the next shift"))
        if s.supplies_known:
            F["supplies"].set(str(len(s.supplies_to_reorder)), self.tr("supplies to reorder"),
                              warn=bool(s.supplies_to_reorder))
        else:
            F["supplies"].set(self.tr("not yet known"), self.tr("supplies to reorder"))

        self.census_model.set_rows([
            Row(b["building"], (b["name"] or b["building"], str(b["people"]), str(b["rooms"]), str(b["occupied"]),
                                str(b["ready"]), str(b["awaiting_disinfection"]), str(b["out_of_service"])),
                sort=(b["building"], b["people"], b["rooms"], b["occupied"], b["ready"],
                      b["awaiting_disinfection"], b["out_of_service"]), align=(None,) + (RIGHT,) * 6)
            for b in s.census_by_building])
        self.category_model.set_rows(
            [Row(c, (self.category_word(c), str(n)), sort=(c, n), align=(None, RIGHT))
             for c, n in s.census_by_category.items()]
            + [Row("", (self.tr("Total"), str(s.census_total)), sort=("~", s.census_total), align=(None, RIGHT))])
        alerts = [Row(("positive", p["test_id"]), (self.tr("Positive"), _hm(p["result_at"]), p["room"], p["name"],
                                                   p["id_masked"]), foreground=WARN) for p in s.positives]
        alerts += [Row(("fever", f["id"]), (self.tr("Fever"), _hm(f["taken_at"]), f["room"], f["name"],
                                            f"{f['temperature']:.1f} °C {self.symptoms_words(f['symptoms'])}"))
                   for f in s.fevers]
        alerts += [Row(("missing", m["stay_id"], m["slot"], str(m["day"])),
                       (self.tr("No temperature (morning)") if m["slot"] == CheckSlot.MORNING
                        else self.tr("No temperature (evening)"), str(m["day"]), m["room"], m["name"], ""))
                   for m in s.missing_checks]
        self.alerts_model.set_rows(alerts)
        words = {c: self.category_word(c) for c in {p["category"] for p in s.next_releases_due}}
        self.releases_model.set_rows([  # 11,000 rows on a 50,000-bed site: one word per category
            Row(p["stay_id"], (p["room"], p["name"], words[p["category"]], p["release_date"]))
            for p in s.next_releases_due])
        self.rooms_model.set_rows(
            # why it awaits disinfection: how the last stay ended (released, transferred), in words
            [Row(r["id"], (r["label"], self.tr("Awaiting disinfection"), _hm(r["since"]),
                           stay_status(r["reason"]) if r["reason"] else ""))
             for r in s.rooms_awaiting_disinfection]
            + [Row(r["id"], (r["label"], self.tr("Out of service"), _hm(r["since"]), r["reason"] or ""))
               for r in s.rooms_out_of_service])
        if s.supplies_known:
            self.supplies_note.setText(self.tr("Critical items and items below their reorder level."))
            self.supplies_model.set_rows([
                Row(x.item, (x.item, f"{x.on_hand:g} {x.unit}" if x.on_hand is not None else "",
                             "" if x.reorder_level is None else f"{x.reorder_level:g}",
                             self.tr("not yet known") if x.days_of_supply is None else f"{x.days_of_supply:.1f}",
                             x.run_out_date.isoformat() if x.run_out_date else ""),
                    sort=(x.item, x.on_hand, x.reorder_level, x.days_of_supply, str(x.run_out_date or "")),
                    foreground=WARN if x.below_reorder else None, align=(None, RIGHT, RIGHT, RIGHT, None))
                for x in s.critical_supplies])
        else:
            self.supplies_note.setText(self.tr("Stock and days of supply: not yet known (no supplies "
                                               "ledger yet)."))
            self.supplies_model.set_rows([])
        diets = sorted(s.diet_counts)
        old = self.meals_model
        self.meals_model = self._meals_model(s, diets)
        self.meals_view.setModel(self.meals_model)
        old.deleteLater()
        self._charts()

    def _meals_model(self, s, diets) -> RowTableModel:
        model = RowTableModel([self.tr("Building")] + [self.diet_word(d) for d in diets] + [self.tr("Total")], self)
        per: dict[str, dict[str, int]] = {}
        for r in s.diet_by_building:
            per.setdefault(r["building"], {})[r["diet"]] = r["n"]
        names = {b["building"]: b["name"] or b["building"] for b in s.census_by_building}
        rows = [Row(b, [names.get(b, b)] + [str(v.get(d, 0)) for d in diets] + [str(sum(v.values()))],
                    align=[None] + [RIGHT] * (len(diets) + 1)) for b, v in per.items()]
        rows.append(Row("", [self.tr("Total")] + [str(s.diet_counts[d]) for d in diets]
                        + [str(sum(s.diet_counts.values()))], align=[None] + [RIGHT] * (len(diets) + 1)))
        model.set_rows(rows)
        return model

    @staticmethod
    def _small_labels(axis) -> None:
        font = axis.labelsFont()
        font.setPointSizeF(max(6.5, font.pointSizeF() - 1.5))
        axis.setLabelsFont(font)
        axis.setTruncateLabels(False)

    def _charts(self) -> None:
        days = [p.day.strftime("%m-%d") for p in self.series]
        chart = QChart()
        chart.setTitle(self.tr("Last 14 days"))
        chart.setMargins(QMargins(4, 4, 4, 4))
        arrivals, releases = QBarSet(self.tr("Arrivals")), QBarSet(self.tr("Releases"))
        arrivals.append([p.arrivals for p in self.series])
        releases.append([p.releases for p in self.series])
        bars = QBarSeries()
        bars.append(arrivals)
        bars.append(releases)
        line = QLineSeries()
        line.setName(self.tr("On site"))
        pen = line.pen()
        pen.setColor(QColor("#d35400"))
        pen.setWidth(3)
        line.setPen(pen)
        for i, p in enumerate(self.series):
            line.append(i, p.occupancy)
        chart.addSeries(bars)
        chart.addSeries(line)
        x = QBarCategoryAxis()
        x.append(days)
        self._small_labels(x)
        chart.addAxis(x, Qt.AlignBottom)
        y_bars = integer_axis(max([0] + [max(p.arrivals, p.releases) for p in self.series]) * 1.15)
        chart.addAxis(y_bars, Qt.AlignLeft)
        y_line = integer_axis(max([0] + [p.occupancy for p in self.series]) * 1.1)
        chart.addAxis(y_line, Qt.AlignRight)
        bars.attachAxis(x)
        bars.attachAxis(y_bars)
        line.attachAxis(x)
        line.attachAxis(y_line)
        chart.legend().setAlignment(Qt.AlignBottom)
        old = self.trend_view.chart()
        self.trend_view.setChart(chart)
        if old is not None:
            old.deleteLater()

        due_chart = QChart()
        due_chart.setTitle(self.tr("Releases due, next 7 days"))
        due_chart.setMargins(QMargins(4, 4, 4, 4))
        due_set = QBarSet(self.tr("Releases due"))
        due_set.append([n for _, n in self.due])
        due_series = QBarSeries()
        due_series.append(due_set)
        due_series.setLabelsVisible(True)
        due_chart.addSeries(due_series)
        dx = QBarCategoryAxis()
        dx.append([d.strftime("%m-%d") for d, _ in self.due])
        self._small_labels(dx)
        due_chart.addAxis(dx, Qt.AlignBottom)
        dy = integer_axis(max([0] + [n for _, n in self.due]) * 1.2)
        due_chart.addAxis(dy, Qt.AlignLeft)
        due_series.attachAxis(dx)
        due_series.attachAxis(dy)
        due_chart.legend().hide()
        old = self.due_view.chart()
        self.due_view.setChart(due_chart)
        if old is not None:
            old.deleteLater()

    # ------------------------------------------------------------------ release notice
    def selected_release(self) -> int | None:
        """The stay id of the selected row of the releases due, if any."""
        if not self.releases_view.selectionModel().hasSelection():
            return None
        return self.releases_model.row_key(self.releases_view.currentIndex().row())

    def _update_notice_button(self) -> None:
        """The notice is for a person releasable now (issue 14): otherwise the button is
        off and its tooltip says why (the service's refusal in words)."""
        from ...messages import describe
        from ...services import papers
        stay_id = self.selected_release()
        refusal = None if stay_id is None else papers.release_notice_refusal(self.ctx.db, stay_id, self.ctx.now())
        self.notice_button.setEnabled(stay_id is not None and refusal is None)
        self.notice_button.setToolTip(describe(refusal, self.ctx.lang) if refusal is not None else "")

    def save_release_notice(self, stay_id: int, path) -> bool:
        lang = "zh_CN" if self.ctx.lang.startswith("zh") else "en"
        from ...services import papers  # reportlab: loaded when a paper is first written
        ok, _ = self.ctx.run(self, papers.write_release_notice, self.ctx.db, stay_id, path,
                             self.ctx.now(), actor=self.ctx.actor, lang=lang)
        if ok:
            self.saved.emit(str(path))
        return ok

    def ask_release_notice(self) -> None:
        stay_id = self.selected_release()
        if stay_id is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the release notice"),
                                              f"release-notice-{stay_id}.pdf", self.tr("PDF files (*.pdf)"))
        if path:
            self.save_release_notice(stay_id, path)
