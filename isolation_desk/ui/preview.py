"""One preview dialog for every paper: the PDF shown by Qt's own PDF module (QtPdf, from the
PySide6-Pdf wheel), page navigation and zoom, Print and Save as PDF.

Nothing outside the Python process is run: poppler is not on a site's Windows workstation,
and the one-folder build bundles QtPdf. Printing renders each page with
``QPdfDocument.render`` at the printer's resolution on a thread of its own (a 600 dpi A4
page is a 140 MB image: the window keeps answering meanwhile). A printer that writes a PDF
file gets the paper's own PDF (text, embedded fonts), not pictures of its pages.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QPointF, QRect, QSize, Qt, QThread, Signal
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
)

# Printers report up to 1200 dpi (a PDF QPrinter in HighResolution mode): a page image at that
# resolution is 560 MB. Laser printers print 600 dpi; more adds nothing but memory.
MAX_PRINT_DPI = 600
ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)


class PdfUnreadable(Exception):
    """QtPdf could not open the paper's PDF."""


def load_document(path, parent=None) -> QPdfDocument:
    doc = QPdfDocument(parent)
    error = doc.load(str(path))
    if error != QPdfDocument.Error.None_ or doc.pageCount() < 1:
        raise PdfUnreadable(f"{path}: {error}")
    return doc


def render_page(doc: QPdfDocument, page: int, dpi: float) -> QImage:
    """One page at ``dpi`` on white paper (QtPdf leaves what the PDF does not paint transparent)."""
    points = doc.pagePointSize(page)
    size = QSize(max(1, round(points.width() * dpi / 72)), max(1, round(points.height() * dpi / 72)))
    image = QImage(size, QImage.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.drawImage(0, 0, doc.render(page, size))
    painter.end()
    return image


def print_pdf(path, printer: QPrinter, *, raster: bool | None = None) -> int:
    """Print the PDF at ``path`` on ``printer``; returns the pages printed. Safe off the
    window's thread (QtPdf, QImage and QPainter on a QPrinter are all thread-safe in use).

    A PDF printer (``outputFormat() == PdfFormat`` with a file name) gets a copy of the paper
    itself unless ``raster``; any other printer gets each page rendered at its resolution
    (at most MAX_PRINT_DPI), page range of the print dialog respected."""
    path = Path(path)
    doc = load_document(path)
    try:
        count = doc.pageCount()
        if raster is None:
            raster = not (printer.outputFormat() == QPrinter.PdfFormat and printer.outputFileName())
        if not raster:
            shutil.copyfile(path, printer.outputFileName())
            return count
        first, last = printer.fromPage(), printer.toPage()
        pages = range(count) if first < 1 else range(first - 1, min(max(last, first), count))
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        printer.setFullPage(True)  # the paper has its own margins
        if len(pages):
            _orient(printer, doc, pages[0])  # before begin(): the first sheet's orientation
        painter = QPainter()
        if not painter.begin(printer):
            return 0
        printed = 0
        try:
            for page in pages:
                if printed:
                    _orient(printer, doc, page)  # applies to the sheet newPage() starts
                    printer.newPage()
                image = render_page(doc, page, dpi)
                paper = printer.paperRect(QPrinter.DevicePixel).toRect()
                fitted = image.size().scaled(paper.size(), Qt.KeepAspectRatio)
                painter.drawImage(QRect(0, 0, fitted.width(), fitted.height()), image)
                printed += 1
        finally:
            painter.end()
        return printed
    finally:
        doc.close()


def _orient(printer: QPrinter, doc: QPdfDocument, page: int) -> None:
    """A landscape paper (the roster) prints across the sheet, not squeezed onto it upright."""
    points = doc.pagePointSize(page)
    printer.setPageOrientation(QPageLayout.Landscape if points.width() > points.height() else QPageLayout.Portrait)


class PrintJob(QThread):
    """``print_pdf`` on a thread of its own; ``done`` says how many pages (or -1 on failure)."""
    done = Signal(int)

    def __init__(self, path, printer: QPrinter, parent=None, raster: bool | None = None):
        super().__init__(parent)
        self.path, self.printer, self.raster = Path(path), printer, raster
        self.error: str | None = None

    def run(self):
        try:
            pages = print_pdf(self.path, self.printer, raster=self.raster)
        except Exception as exc:  # reported in words by the dialog, never lost in a thread
            self.error = f"{type(exc).__name__}: {exc}"
            pages = -1
        self.done.emit(pages)


def a4_printer(mode=QPrinter.HighResolution) -> QPrinter:
    printer = QPrinter(mode)
    printer.setPageSize(QPageSize(QPageSize.A4))
    return printer


class PaperPreview(QDialog):
    """The paper at ``pdf_path`` (a file the dialog may own: ``owned`` deletes it on close)."""
    printed = Signal(int)  # pages sent to the printer
    saved = Signal(str)  # path written

    def __init__(self, pdf_path, title: str, file_name: str, parent=None, *, owned: bool = False):
        super().__init__(parent)
        self.setObjectName("PaperPreview")
        self.pdf_path = Path(pdf_path)
        self.file_name = file_name
        self._owned = owned
        self.job: PrintJob | None = None
        self.setWindowTitle(title)
        self.document = load_document(self.pdf_path, self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)

        self.prev_button = QToolButton()
        self.prev_button.setArrowType(Qt.LeftArrow)
        self.next_button = QToolButton()
        self.next_button.setArrowType(Qt.RightArrow)
        self.page_spin = QSpinBox()
        self.page_spin.setRange(1, self.document.pageCount())
        self.page_of = QLabel()
        self.zoom_combo = QComboBox()
        self.zoom_combo.addItem("", "width")
        self.zoom_combo.addItem("", "page")
        for z in ZOOMS:
            self.zoom_combo.addItem(f"{round(z * 100)} %", z)
        self.zoom_out = QToolButton()
        self.zoom_out.setText("−")
        self.zoom_in = QToolButton()
        self.zoom_in.setText("+")
        self.print_button = QPushButton()
        self.save_button = QPushButton()
        self.close_button = QPushButton()
        self.status = QLabel()

        bar = QHBoxLayout()
        for w in (self.prev_button, self.page_spin, self.page_of, self.next_button):
            bar.addWidget(w)
        bar.addSpacing(16)
        for w in (self.zoom_out, self.zoom_combo, self.zoom_in):
            bar.addWidget(w)
        bar.addStretch(1)
        for w in (self.print_button, self.save_button, self.close_button):
            bar.addWidget(w)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)

        nav = self.view.pageNavigator()
        nav.currentPageChanged.connect(lambda p: self._page_shown(p))
        self.page_spin.valueChanged.connect(lambda v: self.go_to(v - 1))
        self.prev_button.clicked.connect(lambda: self.go_to(self.current_page() - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.current_page() + 1))
        self.zoom_combo.currentIndexChanged.connect(self._zoom_chosen)
        self.zoom_in.clicked.connect(lambda: self.step_zoom(+1))
        self.zoom_out.clicked.connect(lambda: self.step_zoom(-1))
        self.print_button.clicked.connect(self.ask_print)
        self.save_button.clicked.connect(self.ask_save)
        self.close_button.clicked.connect(self.reject)
        self.resize(860, 900)
        self.retranslate()
        self._page_shown(0)

    # ------------------------------------------------------------------ words
    def retranslate(self) -> None:
        self.zoom_combo.setItemText(0, self.tr("Fit width"))
        self.zoom_combo.setItemText(1, self.tr("Whole page"))
        self.prev_button.setToolTip(self.tr("Previous page"))
        self.next_button.setToolTip(self.tr("Next page"))
        self.zoom_in.setToolTip(self.tr("Zoom in"))
        self.zoom_out.setToolTip(self.tr("Zoom out"))
        self.print_button.setText(self.tr("Print…"))
        self.save_button.setText(self.tr("Save as PDF…"))
        self.close_button.setText(self.tr("Close"))
        self.page_of.setText(self.tr("of %1").replace("%1", str(self.page_count())))

    # ------------------------------------------------------------------ pages and zoom
    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to(self, page: int) -> None:
        page = max(0, min(page, self.page_count() - 1))
        if page != self.current_page():
            self.view.pageNavigator().jump(page, QPointF(), self.view.zoomFactor())
        self._page_shown(page)

    def _page_shown(self, page: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)
        self.prev_button.setEnabled(page > 0)
        self.next_button.setEnabled(page < self.page_count() - 1)

    def _zoom_chosen(self, index: int) -> None:
        value = self.zoom_combo.itemData(index)
        if value == "width":
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif value == "page":
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(float(value))

    def step_zoom(self, direction: int) -> None:
        factor = self.view.zoomFactor() if self.view.zoomMode() == QPdfView.ZoomMode.Custom else 1.0
        steps = [z for z in ZOOMS if (z > factor + 1e-6 if direction > 0 else z < factor - 1e-6)]
        if steps:
            target = steps[0] if direction > 0 else steps[-1]
            self.zoom_combo.setCurrentIndex(self.zoom_combo.findData(target))

    def page_image(self, page: int = 0, dpi: float = 50) -> QImage:
        return render_page(self.document, page, dpi)

    # ------------------------------------------------------------------ print and save
    def print_to(self, printer: QPrinter, raster: bool | None = None) -> PrintJob:
        """Start printing on ``printer`` (off the window's thread); ``printed`` follows."""
        self.print_button.setEnabled(False)
        self.status.setText(self.tr("Printing…"))
        self.job = PrintJob(self.pdf_path, printer, self, raster=raster)
        self.job.done.connect(self._print_done)
        self.job.start()
        return self.job

    def _print_done(self, pages: int) -> None:
        job, self.job = self.job, None
        if job is not None:
            job.wait()
        self.print_button.setEnabled(True)
        if pages < 0:
            self.status.setText("")
            QMessageBox.warning(self, self.tr("Not printed"), self.tr(
                "The paper could not be printed (%1). Save it as PDF and print the file.")
                .replace("%1", job.error if job else ""))
            return
        self.status.setText(self.tr("%n page(s) sent to the printer.", "", pages))
        self.printed.emit(pages)

    def ask_print(self) -> None:
        printer = a4_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.page_count())
        if dialog.exec() == QPrintDialog.Accepted:
            self.print_to(printer)

    def save_as(self, path) -> Path:
        path = Path(path)
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        handle, temporary = tempfile.mkstemp(prefix=".~", suffix=".pdf", dir=path.parent)
        os.close(handle)
        try:
            shutil.copyfile(self.pdf_path, temporary)
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        self.status.setText(self.tr("Saved: %1").replace("%1", str(path)))
        self.saved.emit(str(path))
        return path

    def ask_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"), self.file_name,
                                              self.tr("PDF files (*.pdf)"))
        if not path:
            return
        try:
            self.save_as(path)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Not saved"),
                                self.tr("The file could not be written: %1").replace("%1", str(exc)))

    def done(self, result: int) -> None:
        if self.job is not None:
            self.job.wait()  # the printer and the file stay until the pages are out
        super().done(result)
        self.document.close()
        if self._owned:
            try:
                self.pdf_path.unlink()
            except OSError:
                pass
