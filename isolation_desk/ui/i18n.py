"""Install the Qt translators for a language: ours (resources/translations/*.qm) and Qt's own
(qtbase) so that standard dialogs speak the same language."""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from ..paths import translations_dir

LANGUAGES = (("zh_CN", "中文"), ("en", "English"))
_installed: list[QTranslator] = []


def system_language() -> str:
    return "zh_CN" if QLocale.system().name().lower().startswith("zh") else "en"


def _qm_for(lang: str) -> Path | None:
    qm = translations_dir() / f"isolation_desk_{lang}.qm"
    if qm.exists():
        return qm
    ts = qm.with_suffix(".ts")
    if not ts.exists():
        return None
    # A checkout where scripts/setup has not compiled the .qm yet: compile into a temp dir.
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    exe = str(lrelease) if lrelease.exists() else shutil.which("pyside6-lrelease")
    if not exe:
        return None
    out = Path(tempfile.gettempdir()) / f"isolation_desk_{lang}.qm"
    try:
        subprocess.run([exe, "-silent", str(ts), "-qm", str(out)], check=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return out


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
