"""Install the Qt translators for a language: ours (isolation_desk/resources/translations/*.qm) and Qt's own
(qtbase) so that standard dialogs speak the same language."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from ..paths import translations_dir

LANGUAGES = (("zh_CN", "中文"), ("en", "English"))
_installed: list[QTranslator] = []


def system_language() -> str:
    return "zh_CN" if QLocale.system().name().lower().startswith("zh") else "en"


def _qm_for(lang: str) -> Path | None:
    """The compiled catalogue (scripts/setup and the build make it from the .ts files; the
    window runs no compiler of its own)."""
    qm = translations_dir() / f"isolation_desk_{lang}.qm"
    return qm if qm.exists() else None


def install(lang: str, app: QApplication | None = None) -> bool:
    """Replace the installed translators with those of ``lang``; True when ours loaded."""
    app = app or QApplication.instance()
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    QLocale.setDefault(QLocale(QLocale.Chinese, QLocale.China) if lang.startswith("zh")
                       else QLocale(QLocale.English, QLocale.UnitedKingdom))
    ok = False
    qm = _qm_for(lang)
    if qm is not None:
        ours = QTranslator(app)
        if ours.load(str(qm)):
            app.installTranslator(ours)
            _installed.append(ours)
            ok = True
    if lang.startswith("zh"):
        qt = QTranslator(app)
        if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
            app.installTranslator(qt)
            _installed.append(qt)
    return ok
