"""The audit trail: who did what, when, to which record (before → after), newest first;
filter by user, action, record type, period and text; verify the hash chain.

Filtering happens in SQL (services.accounts.audit_trail); the table is the shared
RowTableModel over precomputed rows. The trail holds personal data: managers only.
Actions and record types show as words (widgets.names.audit_action / audit_record, an
unknown code as itself); the code stays in the cell's tooltip and the filter item's tooltip,
to match `isolation-desk audit` output, and the search finds an entry by either.
"""
from __future__ import annotations

import json
from datetime import timedelta

from PySide6.QtCore import QCollator, QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from ...domain.changes import Kind
from ...domain.errors import DomainError
from ...messages import reason_words
from ...services import accounts, backup
from ..dialogs.login import role_name
from ..models import Row, RowTableModel
from ..widgets import names
from .base import Screen

LIMIT = 2000
PERIODS = ("day", "week", "month", "all")
OK_STYLE = "color: #1b5e20; font-weight: bold;"
BROKEN_STYLE = "color: #b00020; font-weight: bold;"


def _load(text):
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def _value(v) -> str:
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "✓" if v else "✗"
    if isinstance(v, (list, tuple)):
        return ", ".join(_value(x) for x in v)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def _field(key: str, value) -> str:
    """'Field: value' in words (widgets.names: the field's word, a code value's word)."""
    return QCoreApplication.translate("AuditScreen", "%1: %2").replace("%1", names.audit_field(key)) \
        .replace("%2", _value(names.audit_value(key, value)))


def _word(key: str, value) -> str:
    return _value(names.audit_value(key, value))


def change_text(before_json, after_json) -> str:
    """One line in words: 'Field: old → new' for changed keys, 'Field: value' for the rest;
    the codes stay in the cell's tooltip."""
    before, after = _load(before_json), _load(after_json)
    if before is None and isinstance(after, dict):
        before = {}
    if after is None and isinstance(before, dict):
        after = {}
    if not isinstance(before, dict) or not isinstance(after, dict):
        parts = [p for p in (_value(before) if before is not None else "",
                             _value(after) if after is not None else "") if p]
        return " → ".join(parts)
    out = []
    for key in after:
        if key in before and before[key] != after[key]:
            out.append(f"{_field(key, before[key])} → {_word(key, after[key])}")
        else:
            out.append(_field(key, after[key]))
    for key in before:
        if key not in after:
            out.append(f"{_field(key, before[key])} → —")
    return QCoreApplication.translate("AuditScreen", "; ").join(out)


def _pretty(text) -> str | None:
    value = _load(text)
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, indent=1) if isinstance(value, (dict, list)) else str(value)


class AuditScreen(Screen):
    key = "audit"
    shows = frozenset(Kind)  # every action leaves an audit entry

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.setObjectName("AuditScreen")
        self.user = QComboBox()
        self.user.setObjectName("user_filter")
        self.action = QComboBox()
        self.action.setObjectName("action_filter")
        self.entity = QComboBox()
        self.entity.setObjectName("entity_filter")
        self.period = QComboBox()
        self.period.setObjectName("period_filter")
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.verify_button = QPushButton()
        self.verify_button.setObjectName("verify")
        bar = QHBoxLayout()
        for w in (self.user, self.action, self.entity, self.period):
            bar.addWidget(w)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.verify_button)

        self.count_label = QLabel()
        self.count_label.setObjectName("count")
        self.chain_label = QLabel()
        self.chain_label.setObjectName("chain")
        self.chain_label.setWordWrap(True)
        info = QHBoxLayout()
        info.addWidget(self.count_label)
        info.addStretch(1)
        info.addWidget(self.chain_label)

        self.denied_label = QLabel()
        self.denied_label.setObjectName("denied")
        self.denied_label.setAlignment(Qt.AlignCenter)
        self.denied_label.setWordWrap(True)

        self._choices: dict[str, list[str]] = {"actor": [], "action": [], "entity": []}
        self._sized = False
        self.model = RowTableModel([""] * 6, self)
        self.table = QTableView()
        self.table.setObjectName("audit_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.DescendingOrder)  # newest first, as the query returns them
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(True)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(info)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.denied_label, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._search_timer.start)
        for combo in (self.user, self.action, self.entity, self.period):
            combo.activated.connect(self.refresh)
        self.verify_button.clicked.connect(self.verify_chain)
        ctx.actor_changed.connect(self.refresh)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Audit trail")

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search in actions, records, changes and record numbers"))
        self.verify_button.setText(self.tr("Verify the chain"))
        self.verify_button.setToolTip(self.tr(
            "Recompute the hash chain: an entry edited or deleted outside the application shows up here."))
        self.denied_label.setText(self.tr("Only a manager can view the audit trail."))
        self.model.set_headers([self.tr("Time"), self.tr("User"), self.tr("Action"),
                                self.tr("Record"), self.tr("Number"), self.tr("Change")])
        period_names = {"day": self.tr("Last 24 hours"), "week": self.tr("Last 7 days"),
                        "month": self.tr("Last 30 days"), "all": self.tr("Any time")}
        current = self.period.currentData() or "week"
        self.period.clear()
        for p in PERIODS:
            self.period.addItem(period_names[p], p)
        self.period.setCurrentIndex(PERIODS.index(current))
        # the rows hold words of the previous language: read them again
        if self.isVisible():
            self.refresh()
        else:
            self._fill_choices()
            self._dirty = True

    # -- filters -------------------------------------------------------------------------
    def _fill_choices(self) -> None:
        if not self.ctx.actor.can("audit"):
            return
        choices = self._choices = accounts.audit_choices(self.ctx.db)
        for combo, key, everyone, word in ((self.user, "actor", self.tr("All users"), None),
                                           (self.action, "action", self.tr("All actions"), names.audit_action),
                                           (self.entity, "entity", self.tr("All records"), names.audit_record)):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everyone, None)
            if word is None:
                for value in choices[key]:
                    combo.addItem(value, value)
            else:  # the words in the language's order (pinyin in Chinese); the code as the tooltip
                collator = QCollator()  # the default locale, set with the language
                collator.setCaseSensitivity(Qt.CaseInsensitive)
                for text, value in sorted(((word(v), v) for v in choices[key]),
                                          key=lambda p: collator.sortKey(p[0])):
                    combo.addItem(text, value)
                    combo.setItemData(combo.count() - 1, value, Qt.ToolTipRole)
            index = combo.findData(current) if current else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def current_filter(self) -> accounts.AuditFilter:
        since = None
        period = self.period.currentData()
        days = {"day": 1, "week": 7, "month": 30}.get(period)
        if days:
            since = (self.ctx.now() - timedelta(days=days)).isoformat()
        text = self.search.text().strip() or None
        return accounts.AuditFilter(actor=self.user.currentData(), action=self.action.currentData(),
                                    entity=self.entity.currentData(), since=since, text=text, limit=LIMIT,
                                    text_actions=self._matching(text, "action", names.audit_action),
                                    text_entities=self._matching(text, "entity", names.audit_record))

    def _matching(self, text: str | None, key: str, word) -> tuple[str, ...]:
        """The codes in the trail whose code or word contains ``text`` (the search finds
        an entry by its action or record type, as code or as word)."""
        if not text:
            return ()
        needle = text.casefold()
        return tuple(c for c in self._choices[key]
                     if needle in c.casefold() or needle in word(c).casefold())

    # -- content -------------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        allowed = self.ctx.actor.can("audit")
        for w in (self.table, self.user, self.action, self.entity, self.period, self.search,
                  self.verify_button, self.count_label, self.chain_label):
            w.setVisible(allowed)
        self.denied_label.setVisible(not allowed)
        if not allowed:
            self.model.set_rows([])
            return
        self._fill_choices()
        try:
            entries = accounts.audit_trail(self.ctx.db, self.ctx.actor, self.current_filter())
        except DomainError as exc:
            self.count_label.setText(self.ctx.describe(exc))
            return
        rows = []
        audit_action, audit_record = names.audit_action, names.audit_record
        for e in entries:
            change = change_text(e["before"], e["after"])
            overridden = self.override_words(_load(e["after"]))
            if overridden:
                change = overridden + " | " + change
            tip_parts = [p for p in (_pretty(e["before"]), _pretty(e["after"])) if p]
            tooltip = "\n→\n".join(tip_parts) if tip_parts else None  # the codes, as written
            at = (e["at"] or "").replace("T", " ")
            action, entity = audit_action(e["action"]), audit_record(e["entity"])
            number = names.audit_record_id(e["entity_id"])
            rows.append(Row(key=e["id"],
                            display=(at, e["actor"], action, entity, number, change),
                            sort=(e["id"], e["actor"], action, entity, e["entity_id"] or "", change),
                            tooltip=(None, None, e["action"], e["entity"],
                                     e["entity_id"] if number != (e["entity_id"] or "") else None, tooltip)))
        self.model.set_rows(rows)
        if len(rows) >= LIMIT:
            self.count_label.setText(self.tr("Showing the newest %n entries: narrow the filter to see older ones.",
                                             "", len(rows)))
        else:
            self.count_label.setText(self.tr("%n entries", "", len(rows)))
        if not self._sized and rows:  # the time, the words and the numbers whole
            self._sized = True
            widths = self.model.column_widths(self.table.fontMetrics(), sample=300, maximum=260)
            for col, width in enumerate(widths[:5]):
                self.table.setColumnWidth(col, width)

    def override_words(self, after) -> str | None:
        """An override or confirmation in words (issue 14): the rule overridden, why, and the
        second person who confirmed. Who did it is the entry's user column."""
        if not isinstance(after, dict) or not after.get("overridden"):
            return None
        rules = after["overridden"]
        rules = [rules] if isinstance(rules, str) else list(rules)
        lang = self.ctx.lang
        sep = "、" if lang.startswith("zh") else "; "
        text = self.tr("Override of: %1. Reason: %2").replace(
            "%1", sep.join(reason_words(r, lang) for r in rules)).replace("%2", str(after.get("override") or "—"))
        if after.get("second_actor"):
            text += " " + self.tr("Confirmed by %1 (%2): %3").replace("%1", str(after["second_actor"])) \
                .replace("%2", role_name(str(after.get("second_role") or ""))) \
                .replace("%3", str(after.get("second_reason") or "—"))
        return text

    def verify_chain(self) -> list[int]:
        broken = accounts.audit_chain_problems(self.ctx.db)
        anchor = backup.audit_anchor(self.ctx.db)
        if anchor is not None:
            broken = sorted(set(broken) | set(accounts.audit_backup_mismatches(self.ctx.db, anchor.path)))
        if broken:
            ids = ", ".join(str(i) for i in broken[:10])
            self.chain_label.setText(self.tr(
                "The audit trail was tampered with at entries %1: keep the file as evidence and "
                "restore the latest good backup.").replace("%1", ids))
            self.chain_label.setStyleSheet(BROKEN_STYLE)
        else:
            self.chain_label.setText(self.tr("The audit trail is intact: every entry matches its hash."))
            self.chain_label.setStyleSheet(OK_STYLE)
        return broken
