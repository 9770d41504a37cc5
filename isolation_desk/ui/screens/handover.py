"""The handover screen: write the shift log, preview the handover sheet, print it or save it.

The sheet is the PDF that ``isolation-desk handover`` writes (reports/handover.py over
services.shift_summary.shift_summary). The preview shows it with Qt's own PDF module (QtPdf): no
program outside the window is run. Print opens the preview dialog every paper uses.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.changes import Kind
from ...domain.errors import DomainError
from ...domain.vocabulary import LogKind
from ...reports import fonts
from ...reports.handover import build_handover
from ...services import papers, shift, shift_summary
from ...services.site import get_settings
from ..background import BackgroundReader
from ..models import Row, RowTableModel
from ..preview import PaperPreview, print_pdf
from .base import Screen


class HandoverScreen(Screen):
    key = "handover"
    shows = frozenset(Kind) - {Kind.USERS}
    preview_ready = Signal(int)  # pages shown
    saved = Signal(str)  # path written
    log_written = Signal(int)  # entry id

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.summary: shift_summary.ShiftSummary | None = None
        # The summary is counted on a thread of its own (slow on a large site): the
        # window answers meanwhile; the buttons wait for it.
        self.reader = BackgroundReader(self)
        self.reader.ready.connect(self._loaded)
        self._pdf_dir = tempfile.TemporaryDirectory(prefix="isd-handover-")
        self.destroyed.connect(self._pdf_dir.cleanup)
        self.pdf_path: Path | None = None
        self.pages = 0
        self.dialog: PaperPreview | None = None

        outer = QVBoxLayout(self)
        # -- which shift, which language
        bar = QHBoxLayout()
        self.shift_label = QLabel()
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.kind_combo = QComboBox()
        self.kind_combo.addItem("", "day")
        self.kind_combo.addItem("", "night")
        self.current_button = QPushButton()
        self.lang_label = QLabel()
        self.lang_combo = QComboBox()
        self.lang_combo.addItem("中文", "zh_CN")
        self.lang_combo.addItem("English", "en")
        for w in (self.shift_label, self.date_edit, self.kind_combo, self.current_button):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.lang_label)
        bar.addWidget(self.lang_combo)
        outer.addLayout(bar)
        self.shift_info = QLabel()
        outer.addWidget(self.shift_info)
        self.font_warning = QLabel()
        self.font_warning.setWordWrap(True)
        self.font_warning.setStyleSheet("color: #b00020;")
        outer.addWidget(self.font_warning)

        splitter = QSplitter(Qt.Horizontal)
        # -- left: the shift log
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        self.entry_box = QGroupBox()
        form = QFormLayout(self.entry_box)
        self.entry_kind = QComboBox()
        for kind in shift.LOG_KINDS:
            self.entry_kind.addItem("", kind)
        self.entry_text = QPlainTextEdit()
        self.entry_text.setFixedHeight(70)
        self.add_button = QPushButton()
        self.entry_kind_label, self.entry_text_label = QLabel(), QLabel()
        form.addRow(self.entry_kind_label, self.entry_kind)
        form.addRow(self.entry_text_label, self.entry_text)
        form.addRow("", self.add_button)
        lv.addWidget(self.entry_box)
        self.log_model = RowTableModel([""] * 5, self)
        self.log_view = QTableView()
        self.log_view.setModel(self.log_model)
        self.log_view.setSelectionBehavior(QTableView.SelectRows)
        self.log_view.setSelectionMode(QTableView.SingleSelection)
        self.log_view.setEditTriggers(QTableView.NoEditTriggers)
        self.log_view.verticalHeader().setVisible(False)
        self.log_view.setWordWrap(True)
        header = self.log_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        lv.addWidget(self.log_view, 1)
        self.resolve_button = QPushButton()
        lv.addWidget(self.resolve_button)
        splitter.addWidget(left)
        # -- right: the preview
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        self.preview_button = QPushButton()
        self.print_button = QPushButton()
        self.save_button = QPushButton()
        for b in (self.preview_button, self.print_button, self.save_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        rv.addLayout(buttons)
        self.preview_note = QLabel()
        self.preview_note.setWordWrap(True)
        rv.addWidget(self.preview_note)
        papers_row = QHBoxLayout()
        self.papers_label = QLabel()
        self.roster_button = QPushButton()
        self.cards_button = QPushButton()
        self.daily_button = QPushButton()
        self.notices_button = QPushButton()
        papers_row.addWidget(self.papers_label)
        for b in (self.roster_button, self.cards_button, self.notices_button, self.daily_button):
            papers_row.addWidget(b)
        papers_row.addStretch(1)
        rv.addLayout(papers_row)
        self.pdf_document = QPdfDocument(self)
        self.pdf_view = QPdfView()
        self.pdf_view.setDocument(self.pdf_document)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pdf_view.setPageSpacing(10)
        rv.addWidget(self.pdf_view, 1)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([460, 720])  # the preview is an A4 page wide
        outer.addWidget(splitter, 1)

        self.add_button.clicked.connect(self.add_entry)
        self.resolve_button.clicked.connect(self.resolve_selected)
        self.preview_button.clicked.connect(self.show_preview)
        self.save_button.clicked.connect(self.ask_save)
        self.print_button.clicked.connect(self.ask_print)
        self.current_button.clicked.connect(self.select_default_shift)
        self.roster_button.clicked.connect(lambda: self.preview_paper("roster"))
        self.cards_button.clicked.connect(lambda: self.preview_paper("door_cards"))
        self.daily_button.clicked.connect(lambda: self.ask_save_paper("daily_report"))
        self.notices_button.clicked.connect(lambda: self.preview_paper("release_notices"))
        self.date_edit.dateChanged.connect(self._shift_changed)
        self.kind_combo.currentIndexChanged.connect(self._shift_changed)
        self.lang_combo.currentIndexChanged.connect(self._invalidate_pdf)
        self.log_view.selectionModel().selectionChanged.connect(self._update_buttons)
        index = self.lang_combo.findData("zh_CN" if ctx.lang.startswith("zh") else "en")
        self.lang_combo.setCurrentIndex(max(0, index))
        self._selecting = False
        self.select_default_shift()
        self.retranslate()

    # ------------------------------------------------------------------ words
    def title(self) -> str:
        return self.tr("Handover")

    def kind_word(self, kind: str) -> str:
        return {"incident": self.tr("Incident"), "instruction": self.tr("Instruction"),
                "note": self.tr("Note")}.get(kind, kind)

    def retranslate(self) -> None:
        self.shift_label.setText(self.tr("Shift:"))
        self.kind_combo.setItemText(0, self.tr("Day shift"))
        self.kind_combo.setItemText(1, self.tr("Night shift"))
        self.current_button.setText(self.tr("Current shift"))
        self.lang_label.setText(self.tr("Printout language:"))
        self.entry_box.setTitle(self.tr("New shift-log entry"))
        self.entry_kind_label.setText(self.tr("Kind:"))
        self.entry_text_label.setText(self.tr("Text:"))
        for i in range(self.entry_kind.count()):
            self.entry_kind.setItemText(i, self.kind_word(self.entry_kind.itemData(i)))
        self.entry_text.setPlaceholderText(self.tr("What happened, or what the next shift must do"))
        self.add_button.setText(self.tr("Add to the log"))
        self.resolve_button.setText(self.tr("Mark incident as handled"))
        self.log_model.set_headers([self.tr("Time"), self.tr("Kind"), self.tr("Text"), self.tr("By"),
                                    self.tr("Status")])
        self.preview_button.setText(self.tr("Preview"))
        self.print_button.setText(self.tr("Print…"))
        self.save_button.setText(self.tr("Save as PDF…"))
        self.papers_label.setText(self.tr("Other papers:"))
        self.roster_button.setText(self.tr("Roster…"))
        self.cards_button.setText(self.tr("Door cards…"))
        self.daily_button.setText(self.tr("Daily report…"))
        self.notices_button.setText(self.tr("Release notices due today…"))
        font = self._font()
        self.font_warning.setVisible(not font.embedded)
        self.font_warning.setText(self.tr(
            "No Chinese TrueType font was found: printouts use the built-in font STSong-Light, which is "
            "not embedded, so other computers may show Chinese differently. Set a font file in Settings."))
        if self.summary is not None:
            self._show_summary()
        self._update_buttons()

    # ------------------------------------------------------------------ shift
    def selected_shift(self) -> shift.Shift:
        d = self.date_edit.date()
        from datetime import date
        return shift.shift_of(self.ctx.db, date(d.year(), d.month(), d.day()), self.kind_combo.currentData())

    def select_default_shift(self) -> None:
        sh = shift.default_shift(self.ctx.db, self.ctx.now())
        self._selecting = True
        self.date_edit.setDate(QDate(sh.date.year, sh.date.month, sh.date.day))
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(sh.kind))
        self._selecting = False
        self._shift_changed()

    def _shift_changed(self, *_):
        if self._selecting:
            return
        self.refresh()

    def _font(self) -> fonts.FontChoice:
        return fonts.register_fonts(get_settings(self.ctx.db)["pdf_font_path"] or None)

    def _shift_to_read(self):
        sh = self.selected_shift()
        now = self.ctx.now()
        if sh.start > now:
            raise DomainError("shift_in_future", day=sh.date.isoformat(), shift=sh.kind)
        return sh, now

    def refresh(self) -> None:
        """Read the selected shift's summary again (in the background: ``summary`` is None
        until it arrives, and the buttons that print it are disabled meanwhile)."""
        super().refresh()
        self._invalidate_pdf()
        self.summary = None
        try:
            sh, now = self._shift_to_read()
        except DomainError as exc:
            self._loaded(None, exc)
            return
        self.shift_info.setText(self.tr("Counting the figures of the shift…"))
        self._update_buttons()
        self.reader.read(self.ctx.db, lambda db: shift_summary.shift_summary(db, sh, now))

    def refresh_now(self) -> bool:
        """The figures as of now, read at once (the preview, printing and saving use them)."""
        self._invalidate_pdf()
        try:
            sh, now = self._shift_to_read()
            summary = shift_summary.shift_summary(self.ctx.db, sh, now)
        except DomainError as exc:
            self._loaded(None, exc)
            return False
        self._loaded(summary, None)
        return True

    def _loaded(self, summary, error) -> None:
        if error is not None:
            self.summary = None
            self.shift_info.setText(self.ctx.describe(error))
            self.log_model.set_rows([])
            self._update_buttons()
            return
        self.summary = summary
        self._show_summary()
        self._update_buttons()

    def _show_summary(self) -> None:
        s = self.summary
        if s.under_way:
            text = self.tr("Shift under way, %1 to %2: figures as of %3.")
        else:
            text = self.tr("Finished shift, %1 to %2.")
        self.shift_info.setText(text.replace("%1", s.shift.start.strftime("%Y-%m-%d %H:%M"))
                                .replace("%2", s.shift.end.strftime("%Y-%m-%d %H:%M"))
                                .replace("%3", s.as_of.strftime("%H:%M")))
        rows = []
        for e in s.log:
            status = ""
            if e["kind"] == LogKind.INCIDENT:
                status = self.tr("handled") if e["resolved_at"] else self.tr("open")
            rows.append(Row(e["id"], (e["at"][5:16].replace("T", " "), self.kind_word(e["kind"]), e["text"],
                                      e["actor"], status),
                            tooltip=(None, None, e["text"], None, None)))
        self.log_model.set_rows(rows)
        self.log_view.resizeRowsToContents()

    def _update_buttons(self, *_):
        has = self.summary is not None
        for b in (self.preview_button, self.print_button, self.save_button):
            b.setEnabled(has)
        row = self.log_view.currentIndex().row() if self.log_view.selectionModel().hasSelection() else -1
        entry = self.log_model.row_at(row)
        self.resolve_button.setEnabled(bool(entry and entry.display[4] == self.tr("open")))
        self.add_button.setEnabled(self.ctx.actor.can("shift_log"))

    # ------------------------------------------------------------------ log
    def add_entry(self) -> None:
        ok, result = self.ctx.run(self, shift.add_log_entry, self.ctx.db, self.entry_kind.currentData(),
                                  self.entry_text.toPlainText(), self.ctx.actor, self.ctx.now())
        if ok:
            self.entry_text.clear()
            self.refresh()
            self.log_written.emit(result)

    def resolve_selected(self) -> None:
        row = self.log_view.currentIndex().row()
        key = self.log_model.row_key(row)
        if key is None:
            return
        ok, _ = self.ctx.run(self, shift.resolve_log_entry, self.ctx.db, key, self.ctx.actor,
                             self.ctx.now())
        if ok:
            self.refresh()

    # ------------------------------------------------------------------ the sheet
    def _invalidate_pdf(self, *_):
        self.pdf_path = None

    def lang(self) -> str:
        return self.lang_combo.currentData()

    def build_pdf(self, target: Path | None = None) -> int:
        """Write the sheet of the selected shift (to a temporary file, ``self.pdf_path``,
        unless ``target``). Returns the number of pages."""
        if self.summary is None:
            raise DomainError("shift_in_future", day="", shift="")
        path = Path(target) if target else Path(self._pdf_dir.name) / f"handover-{self.lang()}.pdf"
        pages = build_handover(self.summary, path, lang=self.lang(), font=self._font(), printed_at=self.ctx.now(),
                               printed_by=self.ctx.actor.label())
        if target is None:
            self.pdf_path = path
        return pages

    def show_preview(self) -> None:
        if self.summary is None or not self.refresh_now():  # the figures as of now
            return
        self.pdf_document.close()
        self.build_pdf()
        if self.pdf_document.load(str(self.pdf_path)) != QPdfDocument.Error.None_:
            self.pages = 0
            self.preview_note.setText(self.ctx.describe(DomainError("paper_unreadable", detail=str(self.pdf_path))))
            self.preview_ready.emit(0)
            return
        self.pages = self.pdf_document.pageCount()
        self.preview_note.setText(self.tr("%n page(s). The preview shows the sheet exactly as it prints.",
                                          "", self.pages))
        self.preview_ready.emit(self.pages)

    def save_pdf(self, path: str | Path) -> Path:
        path = Path(path)
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        try:
            pages = self.build_pdf(path)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Not saved"),
                                self.ctx.describe(DomainError("file_error", detail=str(exc))))
            raise
        self._record("saved", pages)
        self.saved.emit(str(path))
        return path

    def _record(self, how: str, pages: int) -> None:
        sh = self.summary.shift
        self.ctx.run(self, papers.record_printed, self.ctx.db, self.ctx.actor, "handover",
                     self.ctx.now(), shift=f"{sh.date.isoformat()} {sh.kind}", how=how, pages=pages)

    def suggested_file_name(self) -> str:
        sh = self.summary.shift
        return f"handover-{sh.date.isoformat()}-{sh.kind}.pdf"

    def ask_save(self) -> None:
        if self.summary is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the handover sheet"),
                                              self.suggested_file_name(), self.tr("PDF files (*.pdf)"))
        if path:
            try:
                self.save_pdf(path)
            except OSError:
                pass

    def print_to(self, printer: QPrinter) -> int:
        """Print the sheet on ``printer`` here and now (the Print button goes through the
        preview dialog, which prints on a thread of its own). Returns pages printed."""
        self.build_pdf()
        pages = print_pdf(self.pdf_path, printer)
        self._record("printed", pages)
        return pages

    def open_dialog(self) -> PaperPreview | None:
        """The sheet of the selected shift in the preview dialog (Print, Save as PDF)."""
        if self.summary is None or not self.refresh_now():
            return None
        handle = tempfile.NamedTemporaryFile(prefix="isolation-desk-handover-", suffix=".pdf", delete=False)
        handle.close()
        self.build_pdf(Path(handle.name))
        dialog = PaperPreview(handle.name, self.tr("Handover sheet"), self.suggested_file_name(), self, owned=True)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.printed.connect(lambda n: self._record("printed", n))
        dialog.saved.connect(lambda path: (self._record("saved", dialog.page_count()), self.saved.emit(path)))
        self.dialog = dialog
        dialog.show()
        return dialog

    def ask_print(self) -> None:
        dialog = self.open_dialog()
        if dialog is not None:
            dialog.ask_print()

    # ------------------------------------------------------------------ other papers
    def save_paper(self, kind: str, path: str | Path) -> Path:
        """Write the roster, the door cards, today's release notices or today's daily report
        (PDF or xlsx) to ``path``."""
        writers = {"roster": papers.write_roster, "door_cards": papers.write_door_cards,
                   "daily_report": papers.write_daily_report, "release_notices": papers.write_release_notices}
        path = Path(path)
        ok, _ = self.ctx.run(self, writers[kind], self.ctx.db, path, self.ctx.now(),
                             actor=self.ctx.actor, lang=self.lang(), font=self._font())
        if ok:
            self.saved.emit(str(path))
        return path

    def preview_paper(self, kind: str):
        """The paper in the preview dialog (the same writer as the command line's)."""
        from ..printing import open_paper
        return open_paper(self, self.ctx, kind)

    def ask_save_paper(self, kind: str) -> None:
        today = self.ctx.today().isoformat()
        names = {"roster": (self.tr("Save the roster"), f"roster-{today}.pdf", self.tr("PDF files (*.pdf)")),
                 "door_cards": (self.tr("Save the door cards"), f"door-cards-{today}.pdf",
                                self.tr("PDF files (*.pdf)")),
                 "daily_report": (self.tr("Save the daily report"), f"daily-report-{today}.xlsx",
                                  self.tr("Spreadsheet or PDF (*.xlsx *.pdf)")),
                 "release_notices": (self.tr("Save the release notices"), f"release-notices-{today}.pdf",
                                     self.tr("PDF files (*.pdf)"))}
        caption, name, filters = names[kind]
        path, _ = QFileDialog.getSaveFileName(self, caption, name, filters)
        if path:
            self.save_paper(kind, path)
