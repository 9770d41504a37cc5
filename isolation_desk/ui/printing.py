"""The site's papers from the window: each is written by the same function as the command line
prints (services.papers), then shown in the one preview dialog (ui.preview) to print or save.

``open_paper(parent, ctx, kind, **choice)`` is what every Print menu entry and every screen's
print button calls; ``PrintMenu`` is File ▸ Print of the main window."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox

from ..domain.errors import DomainError
from ..services import papers
from ..services.changes import Kind, writes
from .preview import PaperPreview, PdfUnreadable

# kind -> the writer of services.papers (the command line calls the same ones)
WRITERS = {
    "handover": papers.write_handover,
    "roster": papers.write_roster,
    "door_cards": papers.write_door_cards,
    "release_notices": papers.write_release_notices,
    "sampling_list": papers.write_sampling_list,
    "restock": papers.write_restock,
    "daily_report": papers.write_daily_report,
}
KINDS = tuple(WRITERS)


def paper_title(kind: str) -> str:
    titles = {
        "handover": QCoreApplication.translate("Papers", "Handover sheet"),
        "roster": QCoreApplication.translate("Papers", "Roster"),
        "door_cards": QCoreApplication.translate("Papers", "Door cards"),
        "release_notices": QCoreApplication.translate("Papers", "Release notices"),
        "sampling_list": QCoreApplication.translate("Papers", "Sampling list"),
        "restock": QCoreApplication.translate("Papers", "Restock request"),
        "daily_report": QCoreApplication.translate("Papers", "Daily report"),
    }
    return titles[kind]


def paper_lang(ctx) -> str:
    return "zh_CN" if ctx.lang.startswith("zh") else "en"


def file_name(kind: str, ctx) -> str:
    return f"{kind.replace('_', '-')}-{ctx.today().isoformat()}.pdf"


@writes(Kind.AUDIT)
def write_paper(ctx, kind: str, path, **choice) -> int:
    """Write paper ``kind`` to ``path`` as the command line would (raises DomainError)."""
    return WRITERS[kind](ctx.db, Path(path), ctx.now(), actor=ctx.actor, lang=paper_lang(ctx), **choice)


def open_paper(parent, ctx, kind: str, *, show: bool = True, **choice) -> PaperPreview | None:
    """Write the paper to a temporary file and open it in the preview dialog (not modal: the
    window stays usable). Returns the dialog, or None when the paper was refused (said in words)."""
    handle, name = tempfile.mkstemp(prefix=f"isolation-desk-{kind}-", suffix=".pdf")
    os.close(handle)
    path = Path(name)
    ok, _ = ctx.run(parent, write_paper, ctx, kind, path, **choice)
    if not ok:
        path.unlink(missing_ok=True)
        return None
    try:
        dialog = PaperPreview(path, paper_title(kind), file_name(kind, ctx), parent, owned=True)
    except PdfUnreadable as exc:
        QMessageBox.warning(parent, QCoreApplication.translate("Papers", "Not shown"),
                            ctx.describe(DomainError("paper_unreadable", detail=str(exc))))
        return None
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    if show:
        dialog.show()
    return dialog


class PrintMenu(QMenu):
    """File ▸ Print: every paper of the site, for the whole site or a chosen part of it."""

    def __init__(self, window, ctx):
        super().__init__(window)
        self.window, self.ctx = window, ctx
        self.actions_by_key: dict[str, QAction] = {}
        entries = (
            ("handover", lambda: self.open("handover")),
            ("roster", lambda: self.open("roster")),
            ("door_cards", lambda: self.open("door_cards")),
            ("door_cards_building", self.door_cards_of_building),
            ("door_cards_floor", self.door_cards_of_floor),
            ("door_cards_selected", self.door_cards_of_selection),
            ("release_notices", lambda: self.open("release_notices")),
            ("release_notice_person", self.release_notice_of_person),
            ("sampling_list", lambda: self.open("sampling_list")),
            ("sampling_list_place", self.sampling_list_of_place),
            ("restock", lambda: self.open("restock")),
            ("daily_report", lambda: self.open("daily_report")),
        )
        for key, slot in entries:
            action = QAction(self)
            action.setObjectName(f"print_{key}")
            action.triggered.connect(lambda checked=False, slot=slot: slot())
            self.addAction(action)
            self.actions_by_key[key] = action
            if key in ("roster", "door_cards_selected", "release_notice_person", "sampling_list_place"):
                self.addSeparator()
        self.setToolTipsVisible(True)
        self.aboutToShow.connect(self._update_person_notice)
        self.retranslate()

    def _update_person_notice(self) -> None:
        """One person's release notice only for a person releasable now: greyed, with the
        reason as its tooltip, otherwise (as the occupants screen's menu does)."""
        occupants = self.window.screens["occupants"]
        why_not = occupants.release_notice_refusal(occupants.selected_stay_id())
        action = self.actions_by_key["release_notice_person"]
        action.setEnabled(not why_not)
        action.setToolTip(why_not)

    def retranslate(self) -> None:
        self.setTitle(self.tr("&Print"))
        words = {
            "handover": self.tr("Handover sheet of the current shift…"),
            "roster": self.tr("Roster…"),
            "door_cards": self.tr("Door cards: all occupied rooms…"),
            "door_cards_building": self.tr("Door cards: one building…"),
            "door_cards_floor": self.tr("Door cards: one floor…"),
            "door_cards_selected": self.tr("Door cards: rooms selected on the board…"),
            "release_notices": self.tr("Release notices due today…"),
            "release_notice_person": self.tr("Release notice of the person selected on the occupants screen…"),
            "sampling_list": self.tr("Sampling list: whole site…"),
            "sampling_list_place": self.tr("Sampling list: one building or floor…"),
            "restock": self.tr("Restock request…"),
            "daily_report": self.tr("Daily report…"),
        }
        for key, action in self.actions_by_key.items():
            action.setText(words[key])
        self.actions_by_key["handover"].setShortcut("Ctrl+P")

    def open(self, kind: str, **choice) -> PaperPreview | None:
        return open_paper(self.window, self.ctx, kind, **choice)

    # -- choices
    def _buildings(self) -> list[str]:
        from ..services import boards
        return [b["code"] for b in boards.buildings(self.ctx.db)]

    def ask_building(self) -> str | None:
        codes = self._buildings()
        if not codes:
            return None
        code, ok = QInputDialog.getItem(self.window, self.tr("Choose a building"), self.tr("Building:"),
                                        codes, 0, False)
        return code if ok else None

    def _floors(self, building: str) -> list[int]:
        from ..services.testing import sampling
        return [f for b, f in sampling.floors(self.ctx.db) if b == building]

    def door_cards_of_building(self, building: str | None = None):
        building = building or self.ask_building()
        return self.open("door_cards", building=building) if building else None

    def ask_floor(self, building: str) -> int | None:
        floors = self._floors(building)
        if floors:
            text, ok = QInputDialog.getItem(self.window, self.tr("Choose a floor"), self.tr("Floor:"),
                                            [str(f) for f in floors], 0, False)
            return int(text) if ok else None
        value, ok = QInputDialog.getInt(self.window, self.tr("Choose a floor"), self.tr("Floor:"), 1, -5, 200)
        return value if ok else None

    def door_cards_of_floor(self, building: str | None = None, floor: int | None = None):
        building = building or self.ask_building()
        if not building:
            return None
        floor = floor if floor is not None else self.ask_floor(building)
        return None if floor is None else self.open("door_cards", building=building, floor=floor)

    def door_cards_of_selection(self):
        rooms = self.window.screens["rooms"].selected_room_codes()
        if not rooms:
            QMessageBox.information(self.window, self.tr("Door cards"), self.tr(
                "Select rooms on the room board first (click a room; Ctrl+click adds more)."))
            self.window.show_screen("rooms")
            return None
        return self.open("door_cards", rooms=rooms)

    def release_notice_of_person(self):
        stay_id = self.window.screens["occupants"].selected_stay_id()
        if stay_id is None:
            QMessageBox.information(self.window, self.tr("Release notice"), self.tr(
                "Select a person on the occupants screen first."))
            self.window.show_screen("occupants")
            return None
        return self.open("release_notices", stay_ids=[stay_id])

    def sampling_list_of_place(self, building: str | None = None, floor: int | None = None):
        building = building or self.ask_building()
        if not building:
            return None
        if floor is None:
            whole = self.tr("Whole building")
            floors = self._floors(building)
            text, ok = QInputDialog.getItem(self.window, self.tr("Choose a floor"), self.tr("Floor:"),
                                            [whole] + [str(f) for f in floors], 0, False)
            if not ok:
                return None
            floor = None if text == whole else int(text)
        return self.open("sampling_list", building=building, floor=floor)
