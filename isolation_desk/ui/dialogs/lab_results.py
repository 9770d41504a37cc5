"""The lab's results sheet: a preview (a dry run) of what it would record, then the import."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QMessageBox, QVBoxLayout

from ...domain.errors import DomainError
from ...services import results_import
from ..models import Row, RowTableModel
from ..screens.testing.common import AMBER, RED, table_view


class ImportDialog(QDialog):
    """The preview of a lab sheet (a dry run), then the import."""

    def __init__(self, ctx, path: str, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.path = path
        self.report = None
        self.setWindowTitle(self.tr("Import lab results"))
        self.resize(820, 560)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model = RowTableModel([self.tr("Row"), self.tr("Name"), self.tr("ID number"), self.tr("Outcome")])
        self.view = table_view(self.model)
        self.view.horizontalHeader().setSectionResizeMode(3, QHeaderView.Stretch)
        for column, width in enumerate((50, 110, 170)):
            self.view.setColumnWidth(column, width)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton(self.tr("Import"), QDialogButtonBox.AcceptRole)
        buttons.addButton(QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.do_import)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        try:
            report = results_import.import_results(ctx.db, path, ctx.actor, ctx.now(), dry_run=True)
        except DomainError as exc:
            self.ok = False
            QMessageBox.warning(parent, self.tr("Not done"), ctx.describe(exc))
            return
        self.ok = True
        self.show_report(report, preview=True)

    def show_report(self, r, preview: bool) -> None:
        self.report = r
        head = self.tr("%1: %2 rows.").replace("%1", Path(self.path).name).replace("%2", str(r.rows))
        body = (self.tr("Would record %1; %2 already recorded; %3 unmatched; %4 conflicts; %5 positive.")
                if preview else
                self.tr("Recorded %1; %2 already recorded; %3 unmatched; %4 conflicts; %5 positive."))
        body = body.replace("%1", str(r.recorded)).replace("%2", str(r.already)) \
            .replace("%3", str(len(r.unmatched))).replace("%4", str(len(r.conflicts))) \
            .replace("%5", str(len(r.positives)))
        lost = r.positives_unmatched
        if lost:  # a positive that reached nobody: never a line among others
            body += " " + self.tr("%n POSITIVE row(s) with nobody at the site to match: find the person now (rows %1).",
                                  "", len(lost)).replace("%1", ", ".join(str(e["row"]) for e in lost))
            self.summary.setStyleSheet("color: #b71c1c; font-weight: bold;")
        else:
            self.summary.setStyleSheet("")
        self.summary.setText(head + " " + body)
        rows = [Row(("p", p["row"]), (str(p["row"]), p["name"], p["id_number"],
                                      self.tr("POSITIVE, room %1").replace("%1", p["room"] or "")),
                    foreground=RED) for p in r.positives]
        rows += [Row(("u", u["row"]), (str(u["row"]), u["name"], u["id_number"],
                                       (self.tr("POSITIVE: ") if u.get("result") == "positive" else "")
                                       + self.ctx.describe(u["error"])),
                     foreground=RED if u.get("result") == "positive" else AMBER)
                 for u in r.unmatched]
        rows += [Row(("c", c["row"]), (str(c["row"]), c["name"], c["id_number"], self.ctx.describe(c["error"])),
                     foreground=RED)
                 for c in r.conflicts]
        self.model.set_rows(rows)
        self.import_button.setEnabled(preview and r.recorded > 0)

    def do_import(self) -> bool:
        ok, report = self.ctx.run(self, results_import.import_results, self.ctx.db, self.path,
                                  self.ctx.actor, self.ctx.now())
        if ok:
            self.show_report(report, preview=False)
        return ok
