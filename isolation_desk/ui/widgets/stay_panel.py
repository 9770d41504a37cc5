"""The details panel of one stay: the person (ID number whole), the stay, its tests and
history, and the actions that apply to its status."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import stored_date
from ...domain.households import age_on
from ...domain.vocabulary import ON_SITE, StayStatus
from ...services import queries
from ..models import Row, RowTableModel, fit_columns
from . import names


class StayPanel(QWidget):
    """Shows ``queries.stay_detail``; buttons open the stay dialogs through ``ctx``."""

    stayChanged = Signal(int)

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.stay_id: int | None = None
        self.setObjectName("StayPanel")
        self.title = QLabel()
        self.title.setObjectName("stay_title")
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() + 3)
        f.setBold(True)
        self.title.setFont(f)
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignRight)
        for key, label in (("status", self.tr("Status")), ("id", self.tr("ID number")),
                           ("sex_age", self.tr("Sex, age")), ("phone", self.tr("Phone")),
                           ("category", self.tr("Category")), ("room", self.tr("Room")),
                           ("start", self.tr("Start (day 0)")), ("release", self.tr("Release date")),
                           ("day", self.tr("Day")), ("policy", self.tr("Policy")),
                           ("destination", self.tr("Going to")), ("household", self.tr("Household"))):
            value = QLabel()
            value.setObjectName(f"field_{key}")
            value.setTextInteractionFlags(Qt.TextSelectableByMouse)
            value.setWordWrap(True)
            self.fields[key] = value
            form.addRow(label, value)
        self.b_check_in = QPushButton(self.tr("Check in"))
        self.b_move = QPushButton(self.tr("Move…"))
        self.b_date = QPushButton(self.tr("Extend / bring forward…"))
        self.b_release = QPushButton(self.tr("Release…"))
        self.b_transfer = QPushButton(self.tr("Transfer out…"))
        self.b_community = QPushButton(self.tr("Community told…"))
        self.b_community.setObjectName("action_community")
        self.b_community.setToolTip(self.tr("Record that the destination community was told of the release"))
        for name, b in (("check_in", self.b_check_in), ("move", self.b_move), ("date", self.b_date),
                        ("release", self.b_release), ("transfer", self.b_transfer)):
            b.setObjectName(f"action_{name}")
        actions = QGridLayout()
        actions.addWidget(self.b_release, 0, 0)
        actions.addWidget(self.b_date, 0, 1)
        actions.addWidget(self.b_move, 1, 0)
        actions.addWidget(self.b_transfer, 1, 1)
        actions.addWidget(self.b_check_in, 2, 0)
        actions.addWidget(self.b_community, 2, 1)
        self.b_community.clicked.connect(self._ask_community_told)
        self.b_check_in.clicked.connect(self._check_in)
        self.b_move.clicked.connect(lambda: self._open("move"))
        self.b_date.clicked.connect(lambda: self._open("date"))
        self.b_release.clicked.connect(lambda: self._open("release"))
        self.b_transfer.clicked.connect(lambda: self._open("transfer"))

        self.tests_model = RowTableModel([self.tr("Due"), self.tr("Kind"), self.tr("Sampled"),
                                          self.tr("Result")], self)
        self.history_model = RowTableModel([self.tr("When"), self.tr("What"), self.tr("Detail"),
                                            self.tr("By")], self)
        tabs = QTabWidget()
        self._views = []
        for model, title in ((self.tests_model, self.tr("Tests")), (self.history_model, self.tr("History"))):
            view = QTableView()
            view.setModel(model)
            view.verticalHeader().hide()
            view.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
            view.horizontalHeader().setStretchLastSection(True)
            view.setSelectionBehavior(QTableView.SelectRows)
            view.setEditTriggers(QTableView.NoEditTriggers)
            tabs.addTab(view, title)
            self._views.append((view, model))
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addLayout(actions)
        layout.addWidget(tabs, 1)
        self.show_stay(None)

    def show_stay(self, stay_id: int | None) -> None:
        self.stay_id = stay_id
        s = queries.stay_detail(self.ctx.db, stay_id) if stay_id is not None else None
        if s is None:
            self.stay_id = None
            self.title.setText(self.tr("No one selected"))
            for v in self.fields.values():
                v.clear()
            self.tests_model.set_rows([])
            self.history_model.set_rows([])
            for b in (self.b_check_in, self.b_move, self.b_date, self.b_release, self.b_transfer,
                      self.b_community):
                b.setEnabled(False)
            return
        today = self.ctx.today()
        start, release = stored_date(s["start_date"]), stored_date(s["release_date"])
        self.title.setText(s["name"])
        f = self.fields
        f["status"].setText(names.stay_status(s["status"]))
        f["id"].setText(f"{names.id_type(s['id_type'])} {s['id_number']}")
        age = age_on(stored_date(s["birth_date"]), today)
        f["sex_age"].setText(" · ".join(x for x in (names.sex(s["sex"]),
                                                    self.tr("%n year(s)", "", age) if age is not None else "") if x))
        f["phone"].setText(s["phone"] or "")
        f["category"].setText(names.category(s["category"]))
        f["room"].setText(s["room"] or self.tr("(no room yet)"))
        f["start"].setText(s["start_date"])
        f["release"].setText(s["release_date"])
        if start and release:
            f["day"].setText(self.tr("day %1 of %2").replace("%1", str((today - start).days))
                             .replace("%2", str((release - start).days)))
        preset = names.preset(s["policy_preset"]) if s["policy_preset"] else self.tr("Site's own policy")
        f["policy"].setText(" · ".join((preset, self.tr("%n day(s)", "", s["isolation_days"]),
                                        names.counted_from(s["counted_from"]))))
        dest = " · ".join(x for x in (s["destination_community"], s["community_contact"],
                                     s["community_phone"]) if x)
        f["destination"].setText(dest)
        roles = {"parent": self.tr("Parent"), "child": self.tr("Child"), "carer": self.tr("Carer"),
                 "dependant": self.tr("Person cared for")}
        f["household"].setText(roles.get(s["household_role"], s["household_role"] or ""))
        self.tests_model.set_rows([
            Row(t["id"], (t["due_date"], names.purpose(t["purpose"]),
                          (t["sampled_at"] or "")[:16].replace("T", " "),
                          names.result(t["result"] or ("pending" if t["sampled_at"] else None))))
            for t in s["tests"]])
        self.history_model.set_rows([
            Row(e["id"], (e["at"][:16].replace("T", " "), names.event(e["kind"]),
                          " → ".join(x for x in (e["from_value"], e["to_value"]) if x)
                          + (f" ({e['reason']})" if e["reason"] else ""), e["actor"]))
            for e in reversed(s["history"])])
        for view, model in self._views:
            fit_columns(view, model)
        active = s["status"] in ON_SITE
        self.b_check_in.setEnabled(s["status"] == StayStatus.EXPECTED)
        self.b_move.setEnabled(active)
        self.b_date.setEnabled(active or s["status"] == StayStatus.EXPECTED)
        self.b_release.setEnabled(s["status"] == StayStatus.IN_ISOLATION)
        self.b_transfer.setEnabled(active)
        # the release hand-off: a released person whose community has not been told yet
        self.b_community.setEnabled(s["status"] == StayStatus.RELEASED and not s.get("community_notified"))

    def _open(self, which: str) -> None:
        from ..dialogs import stay_actions as sa
        if self.stay_id is None:
            return
        cls = {"move": sa.MoveDialog, "date": sa.ReleaseDateDialog, "release": sa.ReleaseDialog,
               "transfer": sa.TransferDialog}[which]
        if cls.ask(self.ctx, self.stay_id, parent=self) is not None:
            self.show_stay(self.stay_id)
            self.stayChanged.emit(self.stay_id)

    def mark_community_told(self, note: str) -> bool:
        from ...services import stays
        ok, _ = self.ctx.run(self, stays.mark_community_notified, self.ctx.db, self.stay_id,
                             self.ctx.actor, self.ctx.now(), note)
        if ok:
            self.show_stay(self.stay_id)
            self.stayChanged.emit(self.stay_id)
        return ok

    def _ask_community_told(self) -> None:
        from PySide6.QtWidgets import QInputDialog
        if self.stay_id is None:
            return
        text, ok = QInputDialog.getText(self, self.tr("Community told"),
                                        self.tr("How and whom (e.g. phoned the community office, Ms Li):"))
        if ok:
            self.mark_community_told(text)

    def _check_in(self) -> None:
        from ...services import stays_expected
        if self.stay_id is None:
            return
        ok, _ = self.ctx.run(self, stays_expected.check_in_expected, self.ctx.db, self.stay_id,
                             self.ctx.actor, self.ctx.now())
        if ok:
            self.show_stay(self.stay_id)
            self.stayChanged.emit(self.stay_id)
