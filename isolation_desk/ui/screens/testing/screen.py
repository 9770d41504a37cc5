"""The tests screen: the building and floor, the regime, the lab import and the printed
sampling list over five tabs (sampling, results, missed and overdue, staff, positives).

Only the tab in view is re-read on a change (a keystroke a person must stay fast on a big
site); the others are re-read when shown, and meanwhile show no count. Every action that is
not a keystroke or a scan goes through ``ctx.run``."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout

from ....domain.changes import Kind
from ....services.testing import regimes, sampling
from ...dialogs.lab_results import ImportDialog
from ...dialogs.regime import RegimeDialog
from ..base import Screen
from .flags import FlagsTab
from .positives import PositivesTab
from .results import ResultsTab
from .sampling import SamplingTab
from .staff import StaffTab


class TestsScreen(Screen):
    key = "tests"
    shows = frozenset({Kind.TESTS, Kind.STAYS, Kind.ROOMS, Kind.ALERTS, Kind.STAFF, Kind.SETTINGS})
    __test__ = False  # not a pytest class, whatever its name

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)

        bar = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.building = QComboBox()
        self.floor = QComboBox()
        self.building.currentIndexChanged.connect(self._building_changed)
        self.floor.currentIndexChanged.connect(lambda *_: self.refresh())
        self.print_button = QPushButton()
        self.import_button = QPushButton()
        self.regime_button = QPushButton()
        self.print_button.clicked.connect(lambda: self.print_list())
        self.import_button.clicked.connect(self.import_results)
        self.regime_button.clicked.connect(self.set_regime)
        self.building_label, self.floor_label = QLabel(), QLabel()
        bar.addWidget(self.heading)
        bar.addStretch(1)
        for w in (self.building_label, self.building, self.floor_label, self.floor, self.regime_button,
                  self.import_button, self.print_button):
            bar.addWidget(w)
        layout.addLayout(bar)

        self.tabs = QTabWidget()
        self.tabs.currentChanged.connect(self._refresh_tab)
        layout.addWidget(self.tabs, 1)
        self.sampling = SamplingTab(self)
        self.results = ResultsTab(self)
        self.flags = FlagsTab(self)
        self.staff = StaffTab(self)
        self.positives = PositivesTab(self)
        self._tabs = (self.sampling, self.results, self.flags, self.staff, self.positives)
        for tab in self._tabs:
            self.tabs.addTab(tab, "")
            tab.title_changed.connect(lambda text, tab=tab: self.tabs.setTabText(self.tabs.indexOf(tab), text))
        self.retranslate()

    # -- words ----------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Tests")

    def _words(self) -> None:
        """Words of the codes, built once per language (data() and refresh stay cheap)."""
        self._kind_words = {"pcr": self.tr("PCR"), "antigen": self.tr("Antigen")}
        self._purpose_words = {
            "check_in": self.tr("check-in"), "scheduled": self.tr("scheduled"),
            "release": self.tr("release day"), "second_lab": self.tr("second lab"),
            "retest": self.tr("re-test"), "regime": self.tr("regime"),
            "surface": self.tr("surface"), "staff": self.tr("staff")}
        self._role_words = {"doctor": self.tr("doctor"), "nurse": self.tr("nurse"), "security": self.tr("security"),
                            "cleaner": self.tr("cleaner"), "logistics": self.tr("logistics"),
                            "manager": self.tr("manager"), "other": self.tr("other")}
        self._result_words = {"negative": self.tr("negative"), "positive": self.tr("POSITIVE"),
                              "invalid": self.tr("invalid"), None: ""}

    def kind_text(self, kind: str) -> str:
        return self._kind_words.get(kind, kind)

    def purpose_text(self, purpose: str) -> str:
        return self._purpose_words.get(purpose, purpose)

    def role_text(self, role: str) -> str:
        return self._role_words.get(role, role)

    def result_text(self, result: str | None) -> str:
        return self._result_words.get(result, result or "")

    def retranslate(self) -> None:
        self._words()
        self.building_label.setText(self.tr("Building"))
        self.floor_label.setText(self.tr("Floor"))
        self.print_button.setText(self.tr("Print sampling list…"))
        self.import_button.setText(self.tr("Import lab results…"))
        self.regime_button.setText(self.tr("Test regime…"))
        for i, tab in enumerate(self._tabs):
            tab.retranslate()
            self.tabs.setTabText(i, tab.title())
        if not self._dirty:
            self.refresh()

    # -- filters ----------------------------------------------------------------------------
    def _fill_buildings(self) -> None:
        floors = sampling.floors(self.ctx.db)
        self._floors = floors
        codes = dict.fromkeys(b for b, _ in floors)
        self.fill_building_filter(self.building, [{"code": c, "name": c} for c in codes],
                                  all_text=self.tr("All"))
        self._fill_floors()

    def _fill_floors(self) -> None:
        self.fill_floor_filter(getattr(self, "_floors", []))

    def _building_changed(self, *_):
        self._fill_floors()
        self.refresh()

    def set_place(self, building: str | None, floor: int | None = None) -> None:
        """Choose a building and floor (tests and the today screen call this)."""
        if self.building.count() == 0:
            self._fill_buildings()
        self.building.setCurrentIndex(max(0, self.building.findData(building)))
        self._fill_floors()
        self.floor.setCurrentIndex(max(0, self.floor.findData(floor)))
        self.refresh()

    def place(self) -> tuple[str | None, int | None]:
        return self.building.currentData(), self.floor.currentData()

    # -- refresh --------------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        if self.building.count() == 0:
            self._fill_buildings()
        self.heading.setText(self.tr("Tests on %1").replace("%1", self.ctx.now().date().isoformat()))
        self._stale_tabs = set(range(self.tabs.count()))
        for i in self._stale_tabs:
            self.tabs.setTabText(i, self._tabs[i].title())
        self._refresh_tab(self.tabs.currentIndex())
        self.sampling.show_pool()

    def refresh_if_stale(self) -> None:
        """After a tab's own write: re-read now even when hidden (the data changed meanwhile)."""
        if self._dirty:
            self.refresh()

    def _refresh_tab(self, index: int) -> None:
        if index not in getattr(self, "_stale_tabs", ()):
            return
        self._stale_tabs.discard(index)
        self._tabs[index].refresh(self.ctx.now(), *self.place())

    # -- regime, print, import ------------------------------------------------------------------
    def set_regime(self) -> None:
        building, floor = self.place()
        ids = regimes.group_stays(self.ctx.db, building=building, floor=floor)
        where = self.tr("everyone in isolation") if building is None else (
            self.tr("building %1").replace("%1", building) if floor is None else
            self.tr("building %1, floor %2").replace("%1", building).replace("%2", str(floor)))
        choice = RegimeDialog.ask(self, where, len(ids))
        if choice is None:
            return
        regime, kind, category = choice
        if category:
            ids = regimes.group_stays(self.ctx.db, building=building, floor=floor, category=category)
        self.ctx.run(self, regimes.set_regime, self.ctx.db, ids, regime, kind, self.ctx.actor,
                     self.ctx.now())

    def print_list(self, path: str | None = None):
        """The sampling list of the building and floor chosen here: in the preview dialog, or
        written to ``path``."""
        from ...printing import open_paper, write_paper
        building, floor = self.place()
        if path is None:
            return open_paper(self, self.ctx, "sampling_list", building=building, floor=floor)
        ok, _ = self.ctx.run(self, write_paper, self.ctx, "sampling_list", path,
                             building=building, floor=floor)
        return path if ok else None

    def import_results(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Lab results"), "",
                                                  self.tr("Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv *.txt)"))
            if not path:
                return
        dialog = ImportDialog(self.ctx, path, self)
        if dialog.ok:
            dialog.exec()
