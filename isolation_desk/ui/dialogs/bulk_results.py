""""All negative except marked", for ONE lab batch: a pooled tube, a sampling run (one
floor's samples of one day), or the samples taken before a time (default: 6 hours ago).

The dialog says how many samples it will record as negative before it asks, and which of
the batch it leaves for the lab's result (samples of the last hour; last-day samples, which
need a result imported or entered row by row). The rule itself is in the service
(services.testing.all_negative_except): the count shown is passed along, and a batch that
changed in between is refused.
"""
from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QGridLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
)

from ...domain.errors import DomainError
from ...services.testing import bulk, results, sampling
from .base import ActionDialog


def _qdt(value: datetime) -> QDateTime:
    return QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))


def _py(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


class BulkResultsDialog(ActionDialog):
    """Pick the batch, read the count, confirm. ``positive`` and ``invalid`` are the unit
    keys marked on the Results tab; ``lab`` the lab typed there."""

    def __init__(self, ctx, positive: set, invalid: set, lab: str | None,
                 place: tuple[str | None, int | None] = (None, None), parent=None):
        super().__init__(ctx, parent)
        self.positive, self.invalid, self.lab = set(positive), set(invalid) - set(positive), lab
        self.now = ctx.now()
        self.plan: bulk.BulkPlan | None = None
        self.setWindowTitle(self.tr("Record a lab batch"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("A lab's sheet answers for one batch of samples. Pick the batch; "
                               "everything in it that is not marked is recorded as negative."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        self.group = QButtonGroup(self)
        self.by_pool = QRadioButton(self.tr("Pooled tube"))
        self.by_run = QRadioButton(self.tr("Sampling run (one floor, one day)"))
        self.by_time = QRadioButton(self.tr("Samples taken before"))
        for i, b in enumerate((self.by_time, self.by_run, self.by_pool)):
            self.group.addButton(b, i)
        self.pool = QComboBox()
        pools = [u for u in results.result_units(ctx.db, self.now) if u["unit"] == "pool"]
        for u in pools:
            self.pool.addItem(self.tr("%1 (%n sample(s))", "", len(u["members"])).replace("%1", u["code"] or ""),
                              u["id"])
        self.by_pool.setEnabled(bool(pools))
        self.run_day = QDateEdit(QDate(self.now.year, self.now.month, self.now.day))
        self.run_day.setCalendarPopup(True)
        self.run_floor = QComboBox()
        for building, floor in sampling.floors(ctx.db):
            self.run_floor.addItem(self.tr("Building %1, floor %2").replace("%1", building)
                                   .replace("%2", str(floor)), f"{building}\t{floor}")
        if place[0] is not None and place[1] is not None:
            self.run_floor.setCurrentIndex(max(0, self.run_floor.findData(f"{place[0]}\t{place[1]}")))
        self.before = QDateTimeEdit(_qdt(self.now - bulk.BULK_DEFAULT_AGE))
        self.before.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.before.setCalendarPopup(True)
        grid.addWidget(self.by_time, 0, 0)
        grid.addWidget(self.before, 0, 1, 1, 2)
        grid.addWidget(self.by_run, 1, 0)
        grid.addWidget(self.run_day, 1, 1)
        grid.addWidget(self.run_floor, 1, 2)
        grid.addWidget(self.by_pool, 2, 0)
        grid.addWidget(self.pool, 2, 1, 1, 2)
        layout.addLayout(grid)
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)
        self.count_label.setStyleSheet("font-size: 14px; font-weight: bold;")
        self.left_label = QLabel()
        self.left_label.setWordWrap(True)
        layout.addWidget(self.count_label)
        layout.addWidget(self.left_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.register_field("before", self.before)
        self.register_field("day", self.run_day)
        self.by_time.setChecked(True)
        self.group.idToggled.connect(lambda *_: self.update_count())
        for w in (self.before, self.run_day):
            w.dateTimeChanged.connect(lambda *_: self.update_count())
        self.run_floor.currentIndexChanged.connect(lambda *_: self.update_count())
        self.pool.currentIndexChanged.connect(lambda *_: self.update_count())
        self.update_count()

    def batch(self) -> bulk.LabBatch:
        if self.by_pool.isChecked():
            return bulk.LabBatch.pool(self.pool.currentData())
        if self.by_run.isChecked():
            building, _, floor = (self.run_floor.currentData() or "").partition("\t")
            building, floor = building or None, int(floor) if floor else None
            d = self.run_day.date()
            return bulk.LabBatch.run(date(d.year(), d.month(), d.day()), building, floor)
        return bulk.LabBatch.taken_before(_py(self.before.dateTime()))

    def update_count(self) -> None:
        self.clear_error()
        try:
            self.plan = bulk.bulk_plan(self.ctx.db, self.batch(), self.now)
        except DomainError as exc:
            self.plan = None
            self.show_error(exc)
            self.count_label.setText("")
            self.left_label.setText("")
            self.ok_button.setEnabled(False)
            return
        n = self.plan.count - len(self.plan_marked())
        text = self.tr("This records %n sample(s) of the batch as negative.", "", n)
        if self.positive or self.invalid:
            text += " " + self.tr("Marked: %1 positive, %2 invalid (recorded as marked).") \
                .replace("%1", str(len(self.positive))).replace("%2", str(len(self.invalid)))
        self.count_label.setText(text)
        left = []
        if self.plan.too_recent:
            left.append(self.tr("%n taken in the last hour: never recorded in bulk.", "",
                                len(self.plan.too_recent)))
        if self.plan.release_held:
            left.append(self.tr("%n last-day sample(s) (release, second lab, surfaces): they need the "
                                "lab's result, imported or entered one by one.", "", len(self.plan.release_held)))
        self.left_label.setText("\n".join(left))
        self.ok_button.setText(self.tr("Record %n as negative", "", n))
        self.ok_button.setEnabled(n > 0 or bool(self.positive or self.invalid))

    def plan_marked(self) -> set:
        return {k for k in self.plan.units if k in self.positive or k in self.invalid} if self.plan else set()

    def accept(self) -> None:
        if self.plan is None:
            return
        shown = self.plan.count
        if not self.call(bulk.all_negative_except, self.ctx.db, self.plan.batch, self.positive,
                         self.ctx.actor, self.ctx.now(), self.lab, self.invalid, expected=shown):
            error = self.error_label.text()
            self.now = self.ctx.now()
            self.update_count()  # the new count, with the reason it changed kept on screen
            self.error_label.setText(error)
            self.error_label.show()
