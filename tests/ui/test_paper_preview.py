"""Every paper in the one preview dialog (QtPdf): it opens with its pages, its first page
renders, and printing it on a PDF QPrinter gives the command line's paper (the same writer
of services.papers, the same clock)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import make_releasable
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

import isolation_desk
from isolation_desk.domain.roles import Actor
from isolation_desk.services import papers, site_figures
from isolation_desk.ui.context import AppContext
from isolation_desk.ui.main_window import MainWindow
from isolation_desk.ui.preview import PaperPreview, load_document, render_page
from isolation_desk.ui.printing import WRITERS, PrintMenu, open_paper

MANAGER = Actor("lead", "manager", "Lead")


pytestmark = pytest.mark.usefixtures("no_widgets_left")


@pytest.fixture
def ctx(demo_db, now):
    return AppContext(demo_db, MANAGER, "zh_CN", clock=lambda: now)


def _text(path) -> list[str]:
    # the handover sheet prints the audit trail's length and anchor (issue 16): each paper
    # printed adds an entry, so the two papers' anchors differ by the one printed between
    import re
    anchor = re.compile(r"共 \d+ 条 · 锚码 [0-9a-f-]+|--anchor [0-9a-f-]+|\d+ entries · anchor [0-9a-f-]+")
    return [anchor.sub("ANCHOR", p.extract_text()) for p in PdfReader(str(path)).pages]


def _non_blank(image) -> bool:
    """Some pixels dark, most light: printed text on paper."""
    dark = sum(1 for y in range(0, image.height(), 3) for x in range(0, image.width(), 3)
               if image.pixelColor(x, y).lightness() < 128)
    return dark > 20


def _some_building(db):
    return db.query("SELECT b.code FROM buildings b JOIN rooms r ON r.building_id = b.id "
                    "JOIN stays s ON s.room_id = r.id AND s.status = 'in_isolation' LIMIT 1")[0]["code"]


def _some_floor(db, building):
    return db.query("SELECT r.floor FROM rooms r JOIN buildings b ON b.id = r.building_id "
                    "JOIN stays s ON s.room_id = r.id AND s.status = 'in_isolation' WHERE b.code = ? LIMIT 1",
                    (building,))[0]["floor"]


def _choices(db, now):
    building = _some_building(db)
    floor = _some_floor(db, building)
    rooms = [s["room"] for s in site_figures.roster(db, now)[:3]]
    # a notice is printed only for a person releasable now (issue 14)
    stay = make_releasable(db, now)[0]
    return [
        ("handover", {}), ("roster", {}), ("door_cards", {}), ("door_cards", {"building": building}),
        ("door_cards", {"building": building, "floor": floor}), ("door_cards", {"rooms": rooms}),
        ("release_notices", {}), ("release_notices", {"stay_ids": [stay]}),
        ("sampling_list", {}), ("sampling_list", {"building": building}),
        ("sampling_list", {"building": building, "floor": floor}), ("restock", {}), ("daily_report", {}),
    ]


def test_every_paper_previews_and_prints_as_the_command_line_writes_it(qtbot, ctx, demo_db, now, tmp_path):
    assert set(WRITERS) == {"handover", "roster", "door_cards", "release_notices", "sampling_list", "restock",
                            "daily_report"}
    for n, (kind, choice) in enumerate(_choices(demo_db, now)):
        dialog = open_paper(None, ctx, kind, show=False, **choice)
        assert isinstance(dialog, PaperPreview), (kind, choice)
        qtbot.addWidget(dialog)
        # the command line's paper: the same writer, the same clock and account
        cli = tmp_path / f"cli-{n}.pdf"
        pages = papers.__dict__[WRITERS[kind].__name__](demo_db, cli, now, actor=MANAGER, lang="zh_CN", **choice)
        assert dialog.page_count() == pages == len(PdfReader(str(cli)).pages) >= 1, (kind, choice)
        assert _non_blank(dialog.page_image(0, dpi=30)), (kind, choice)
        printer = QPrinter(QPrinter.ScreenResolution)
        printer.setOutputFormat(QPrinter.PdfFormat)
        printed = tmp_path / f"printed-{n}.pdf"
        printer.setOutputFileName(str(printed))
        with qtbot.waitSignal(dialog.printed, timeout=60000) as done:
            dialog.print_to(printer)
        assert done.args[0] == pages
        assert _text(printed) == _text(cli), (kind, choice)
        dialog.close()


def test_door_cards_of_one_floor_are_only_that_floor(ctx, demo_db, now, qtbot):
    building = _some_building(demo_db)
    floor = _some_floor(demo_db, building)
    dialog = open_paper(None, ctx, "door_cards", show=False, building=building, floor=floor)
    qtbot.addWidget(dialog)
    expected = [s for s in site_figures.roster(demo_db, now) if s["building"] == building and s["floor"] == floor]
    text = "\n".join(_text(dialog.pdf_path))
    assert all(s["room"] in text for s in expected)
    others = [s for s in site_figures.roster(demo_db, now) if s["building"] != building or s["floor"] != floor]
    assert not any(s["room"] in text for s in others[:20])


def test_raster_printing_renders_each_page_off_the_window_thread(qtbot, ctx, tmp_path):
    dialog = open_paper(None, ctx, "handover", show=False)
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.ScreenResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "raster.pdf"))
    with qtbot.waitSignal(dialog.printed, timeout=60000) as done:
        job = dialog.print_to(printer, raster=True)
    assert job.isFinished() or job.wait(10000)
    assert done.args[0] == dialog.page_count()
    back = load_document(tmp_path / "raster.pdf")
    assert back.pageCount() == dialog.page_count()
    assert _non_blank(render_page(back, 0, 30))
    assert not "".join(_text(tmp_path / "raster.pdf")).strip()  # pictures of pages, not the text
    back.close()


def test_page_navigation_zoom_and_save(qtbot, ctx, tmp_path):
    dialog = open_paper(None, ctx, "roster", show=False)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.page_count() >= 2
    assert not dialog.prev_button.isEnabled() and dialog.next_button.isEnabled()
    dialog.next_button.click()
    assert dialog.current_page() == 1 and dialog.page_spin.value() == 2
    dialog.page_spin.setValue(dialog.page_count())
    assert dialog.current_page() == dialog.page_count() - 1 and not dialog.next_button.isEnabled()
    dialog.zoom_combo.setCurrentIndex(dialog.zoom_combo.findData(1.0))
    dialog.step_zoom(+1)
    assert dialog.view.zoomFactor() == pytest.approx(1.25)
    dialog.step_zoom(-1)
    dialog.step_zoom(-1)
    assert dialog.view.zoomFactor() == pytest.approx(0.75)
    with qtbot.waitSignal(dialog.saved):
        written = dialog.save_as(tmp_path / "roster")
    assert written.suffix == ".pdf" and _text(written) == _text(dialog.pdf_path)
    temporary = dialog.pdf_path
    dialog.close()
    assert not temporary.exists()  # the dialog's own copy goes with it


def test_a_refused_paper_is_said_in_words(qtbot, demo_db, now, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append(text))
    viewer = AppContext(demo_db, Actor("v", "viewer"), "en", clock=lambda: now)
    assert open_paper(None, viewer, "roster", show=False) is None
    assert shown and "may not do this" in shown[0]


def test_print_menu_in_the_main_window(qtbot, ctx, demo_db, now):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    menu = window.findChild(PrintMenu)
    assert menu is not None and menu.menuAction() in window.file_menu.actions()
    keys = set(menu.actions_by_key)
    assert {"handover", "roster", "door_cards", "door_cards_building", "door_cards_floor", "door_cards_selected",
            "release_notices", "release_notice_person", "sampling_list", "sampling_list_place", "restock",
            "daily_report"} == keys
    assert all(a.text() for a in menu.actions_by_key.values())
    # door cards of the rooms selected on the board: the current room and one Ctrl+clicked
    window.show_screen("rooms")
    rooms = window.screens["rooms"]
    rooms.refresh()
    occupied = [t for t in rooms.board.tiles() if t.occupants][:2]
    rooms.board.set_current_room(occupied[0].room_id)
    rooms.board.toggle_marked(occupied[1].room_id)
    dialog = menu.door_cards_of_selection()
    qtbot.addWidget(dialog)
    text = "\n".join(_text(dialog.pdf_path))
    for t in occupied:
        assert f"{t.building}-{t.number}" in text
    dialog.close()
    # the same from the rooms screen's own button
    with qtbot.waitSignal(rooms.ctx.changed):
        rooms.b_cards.click()
    shown = [d for d in window.findChildren(PaperPreview) if d.isVisible()]
    assert len(shown) == 1 and shown[0].page_count() >= 1
    shown[0].close()
    # one person's release notice from the occupants screen
    window.show_screen("occupants")
    occ = window.screens["occupants"]
    occ.refresh()
    releasable = make_releasable(demo_db, now)[0]  # a notice only for a person releasable now
    stay = next(s for s in site_figures.roster(demo_db, now) if s["id"] == releasable)
    occ.show_stay(stay["id"])
    dialog = menu.release_notice_of_person()
    qtbot.addWidget(dialog)
    assert dialog.page_count() == 1 and stay["name"] in _text(dialog.pdf_path)[0]
    dialog.close()
    dialog = occ.print_release_notice()
    qtbot.addWidget(dialog)
    assert stay["name"] in _text(dialog.pdf_path)[0]
    dialog.close()


def test_the_package_runs_no_other_program():
    """No subprocess (poppler, lrelease…) at run time: the one-folder build carries what it needs."""
    root = Path(isolation_desk.__file__).parent
    offenders = []
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Attribute) and node.attr in ("system", "popen", "startfile", "spawnv",
                                                                    "execv", "execvp"):
                if isinstance(node.value, ast.Name) and node.value.id == "os":
                    names = ["os." + node.attr]
            if any(n.split(".")[0] == "subprocess" or n.startswith("os.") or n == "QProcess" for n in names):
                offenders.append(f"{path.relative_to(root)}:{node.lineno}")
            if isinstance(node, ast.Name) and node.id == "QProcess":
                offenders.append(f"{path.relative_to(root)}:{node.lineno}")
    assert not offenders, offenders


def test_the_print_dialogs_page_range_is_printed(qtbot, ctx, tmp_path):
    from isolation_desk.ui.preview import print_pdf
    dialog = open_paper(None, ctx, "roster", show=False)
    qtbot.addWidget(dialog)
    assert dialog.page_count() >= 3
    printer = QPrinter(QPrinter.ScreenResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "range.pdf"))
    printer.setFromTo(2, 3)
    assert print_pdf(dialog.pdf_path, printer, raster=True) == 2
    back = load_document(tmp_path / "range.pdf")
    assert back.pageCount() == 2
    # page 2 of the paper is the first printed: the same picture at the same resolution
    original, printed = render_page(dialog.document, 1, 20), render_page(back, 0, 20)
    assert original.size() == printed.size()
    differing = sum(1 for y in range(0, original.height(), 2) for x in range(0, original.width(), 2)
                    if abs(original.pixelColor(x, y).lightness() - printed.pixelColor(x, y).lightness()) > 96)
    assert differing < original.width() * original.height() // 4 // 50
    back.close()
    dialog.close()


def test_a_release_notice_is_greyed_for_a_person_not_releasable_now(qtbot, ctx, demo_db, now):
    """Issue 14: the window disables the notice of a person who may not be released now,
    and says why (File ▸ Print and the occupants screen's menu use one rule)."""
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    menu = window.findChild(PrintMenu)
    occ = window.screens["occupants"]
    window.show_screen("occupants")
    occ.refresh()
    releasable = set(make_releasable(demo_db, now))
    waiting = next(s for s in site_figures.roster(demo_db, now) if s["id"] not in releasable)
    occ.show_stay(waiting["id"])
    menu.aboutToShow.emit()
    action = menu.actions_by_key["release_notice_person"]
    assert not action.isEnabled() and action.toolTip()   # greyed, with the reason in words
    assert occ.release_notice_refusal(waiting["id"]) == action.toolTip()
    occ.show_stay(sorted(releasable)[0])
    menu.aboutToShow.emit()
    assert action.isEnabled() and occ.release_notice_refusal(sorted(releasable)[0]) == ""
