"""Where the application's own files are: inside the package (isolation_desk/resources), so
that a source checkout, an installed wheel and a PyInstaller build find them alike."""
from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "isolation_desk" / "resources"
    return Path(__file__).resolve().parent / "resources"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def icons_dir() -> Path:
    return resources_dir() / "icons"


def fonts_dir() -> Path:
    """Fonts the build bundles (a CJK TrueType font and its licence); may be absent."""
    return resources_dir() / "fonts"
