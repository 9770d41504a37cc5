"""`isolation-desk --selftest`: prove that a build works on this machine, offline.

Opens a demo database in a temporary folder, checks it, builds a handover PDF, shows it in
the preview dialog (QtPdf) and prints it to a PDF QPrinter, starts the main window once, and
reports each step. Exit 0 when all pass; needs no program outside the process (no poppler)."""
from __future__ import annotations

import os
import sys
import tempfile
import traceback
from datetime import datetime
from pathlib import Path


def _step(name: str, fn) -> bool:
    try:
        detail = fn()
    except Exception as exc:  # the self-test reports every failure, whatever it is
        print(f"FAIL {name}: {type(exc).__name__}: {exc}", file=sys.stderr)
        traceback.print_exc(file=sys.stderr)
        return False
    print(f"ok   {name}" + (f": {detail}" if detail else ""))
    return True


def _headless_without_display() -> None:
    """A self-test run on a Linux machine with no display (a build server, `env -i`) starts
    Qt offscreen instead of failing to load the xcb plugin; a set QT_QPA_PLATFORM wins."""
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def run_selftest() -> int:
    _headless_without_display()
    from ..reports.fonts import register_fonts
    from ..reports.handover import build_handover
    from ..services import queries, shift_summary
    from ..services.demo import build_demo
    from ..storage.database import open_database

    now = datetime.now()
    with tempfile.TemporaryDirectory(prefix="isolation-desk-selftest-") as tmp:
        path = Path(tmp) / "selftest.sqlite"
        state: dict = {}

        def demo():
            state["db"] = open_database(path)
            counts = build_demo(state["db"], rooms=60, seed=1, now=now)
            return f"{counts['rooms']} rooms, {counts['occupants']} occupants"

        def check():
            report = queries.health_report(state["db"])
            if report["integrity"] != "ok" or report["audit_broken"]:
                raise RuntimeError(f"database check failed: {report['integrity']}, audit {report['audit_broken']}")
            return f"schema {report['schema_version']}"

        def pdf():
            font = register_fonts()
            summary = shift_summary.current_summary(state["db"], now)
            out = Path(tmp) / "handover.pdf"
            pages = build_handover(summary, out, lang="zh_CN", font=font, printed_at=now)
            if out.stat().st_size < 2000 or pages < 1:
                raise RuntimeError("the handover PDF is empty")
            return (f"{pages} page(s), font {font.name} "
                    f"({font.path + ', embedded' if font.kind == 'ttf' else 'built-in, not embedded'})")

        def preview():
            # The handover sheet in the preview dialog (QtPdf), then printed: rendered page by
            # page on the dialog's print thread onto a PDF QPrinter. No poppler, no subprocess.
            from PySide6.QtPrintSupport import QPrinter

            from ..ui.app import create_application
            from ..ui.preview import PaperPreview, load_document, render_page
            app = create_application()
            sheet = Path(tmp) / "handover.pdf"
            dialog = PaperPreview(sheet, "selftest", sheet.name)
            pages = dialog.page_count()
            first = dialog.page_image(0, dpi=40)
            dark = sum(1 for y in range(0, first.height(), 4) for x in range(0, first.width(), 4)
                       if first.pixelColor(x, y).lightness() < 128)
            if pages < 1 or dark < 20:
                raise RuntimeError(f"the preview shows {pages} page(s), {dark} dark pixels on the first")
            printer = QPrinter(QPrinter.ScreenResolution)
            printer.setOutputFormat(QPrinter.PdfFormat)
            printer.setOutputFileName(str(Path(tmp) / "printed.pdf"))
            result: list[int] = []
            job = dialog.print_to(printer, raster=True)
            job.done.connect(result.append)
            if not job.wait(120_000):
                raise RuntimeError("printing did not finish in 120 s")
            app.processEvents()
            if job.error:
                raise RuntimeError(job.error)
            printed = load_document(Path(tmp) / "printed.pdf")
            count = printed.pageCount()
            ok = count == pages and render_page(printed, 0, 20).width() > 0
            printed.close()
            dialog.close()
            if not ok:
                raise RuntimeError(f"printed {count} page(s) of {pages}")
            return f"{pages} page(s) shown with QtPdf, printed to a PDF printer at {printer.resolution()} dpi"

        def resources():
            # The window's own files, wherever the package was installed from (checkout, wheel,
            # one-folder build): both translations load, the icons and the style are there.
            from PySide6.QtCore import QTranslator

            from ..paths import icons_dir, resources_dir, translations_dir
            from ..ui.app import create_application
            create_application()
            for lang in ("zh_CN", "en"):
                qm = translations_dir() / f"isolation_desk_{lang}.qm"
                if not QTranslator().load(str(qm)):
                    raise RuntimeError(f"translation {qm} missing or unreadable")
            icons = list(icons_dir().glob("*.svg"))
            if len(icons) < 5 or not (resources_dir() / "style.qss").is_file():
                raise RuntimeError(f"icons or style missing in {resources_dir()}")
            return f"{resources_dir()}: 2 translations, {len(icons)} icons, style"

        def window():
            from ..domain.roles import SYSTEM
            from ..ui.app import create_application
            from ..ui.context import AppContext
            from ..ui.main_window import MainWindow
            app = create_application()
            w = MainWindow(AppContext(state["db"], SYSTEM, "zh_CN"))
            w.show()
            app.processEvents()
            w.close()
            return app.platformName()

        steps = [("demo database", demo), ("database check", check), ("handover PDF", pdf),
                 ("preview and print (QtPdf)", preview), ("resources", resources),
                 ("main window", window)]
        ok = True
        for name, fn in steps:
            if not _step(name, fn):
                ok = False
                break
        if "db" in state:
            state["db"].close()
    print("selftest passed" if ok else "selftest FAILED", file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 1
