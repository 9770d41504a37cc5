"""Issue 18: no English code on a Chinese screen. Walks every screen of the demo site in
zh_CN (every tab of each) and fails on a visible label, button, list item, table header or
cell that reads like a code (snake_case) or an English status code."""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTabWidget,
)

from isolation_desk.ui import i18n
from isolation_desk.ui.context import AppContext
from isolation_desk.ui.main_window import SCREENS, MainWindow
from isolation_desk.ui.widgets import names

SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")
STATUS_WORDS = {"expected", "released", "transferred", "left", "ready", "occupied", "positive", "negative",
                "pending", "invalid", "morning", "evening", "daily", "incident", "instruction"}
STATUS = re.compile(r"\b(" + "|".join(sorted(STATUS_WORDS)) + r")\b")
PATH = re.compile(r"\S*[/\\]\S*")   # file paths (the database, backups) are what they are
TAGS = re.compile(r"<[^>]+>")


def codes_in(text: str) -> list[str]:
    text = PATH.sub(" ", TAGS.sub(" ", text or ""))
    return SNAKE.findall(text) + STATUS.findall(text)


def test_codes_in_finds_codes_and_leaves_words():
    assert codes_in("status: in_isolation → released") == ["in_isolation", "released"]
    assert codes_in("<b>awaiting_disinfection</b>") == ["awaiting_disinfection"]
    assert codes_in("已解除 · PDF · /tmp/test_walk/demo.sqlite · 2026-12-03") == []


def _texts(widget):
    """(where, text) of what the widget shows: its own text, a view's headers and cells."""
    if isinstance(widget, QLabel):
        yield "label", widget.text()
    elif isinstance(widget, QAbstractButton):
        yield "button", widget.text()
    elif isinstance(widget, QGroupBox):
        yield "group", widget.title()
    elif isinstance(widget, QComboBox):
        yield "combo", widget.currentText()
        for i in range(widget.count()):
            yield "combo item", widget.itemText(i)
    elif isinstance(widget, QLineEdit):
        yield "field", widget.text() + " " + widget.placeholderText()
    elif isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView) \
            and widget.model() is not None:
        model = widget.model()
        from PySide6.QtCore import QModelIndex
        try:
            columns = model.columnCount(QModelIndex())
        except TypeError:  # a list model
            columns = 1
        for c in range(columns):
            yield "header", str(model.headerData(c, Qt.Horizontal) or "")
        for r in range(min(model.rowCount(QModelIndex()), 300)):
            for c in range(columns):
                yield f"cell {r},{c}", str(model.index(r, c).data() or "")


@pytest.fixture
def settings(tmp_path):
    fmt, org = QSettings.defaultFormat(), QCoreApplication.organizationName()
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "settings"))
    QCoreApplication.setOrganizationName("IsolationDeskCodeWalk")
    yield
    QSettings.setDefaultFormat(fmt)
    QCoreApplication.setOrganizationName(org)


def test_no_english_code_on_any_chinese_screen(qtbot, qapp, demo_db, now, manager, settings):
    from isolation_desk.services import papers
    papers.record_printed(demo_db, manager, "daily_report", now, day=now.date().isoformat(), format="pdf")
    assert i18n.install("zh_CN", qapp)
    names.clear_cache()
    try:
        window = MainWindow(AppContext(demo_db, manager, "zh_CN", clock=lambda: now))
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        found = {}
        for key, _module, _cls in SCREENS:
            window.show_screen(key)
            screen = window.screens[key]
            if key == "audit":
                screen.period.setCurrentIndex(screen.period.findData("all"))
                screen.refresh()
            if hasattr(screen, "summary"):
                qtbot.waitUntil(lambda screen=screen: screen.summary is not None, timeout=20000)
            tabs = screen.findChildren(QTabWidget)
            for tab_widget in tabs or [None]:
                for index in range(tab_widget.count() if tab_widget else 1):
                    if tab_widget is not None:
                        tab_widget.setCurrentIndex(index)
                        yield_texts = [("tab", tab_widget.tabText(i)) for i in range(tab_widget.count())]
                    else:
                        yield_texts = []
                    qapp.processEvents()
                    for w in [screen, *screen.findChildren(object)]:
                        if not hasattr(w, "isVisible") or not w.isVisible():
                            continue
                        for where, text in [*yield_texts, *_texts(w)]:
                            bad = codes_in(text)
                            if bad:
                                found.setdefault(f"{key} {type(w).__name__} {w.objectName()} {where}",
                                                 (text[:120], bad))
        assert not found, "\n".join(f"{k}: {v}" for k, v in found.items())
    finally:
        i18n.install("en", qapp)
        names.clear_cache()
