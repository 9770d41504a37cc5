"""Where the application's own files are, in a source checkout and in a PyInstaller build."""
from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def icons_dir() -> Path:
    return resources_dir() / "icons"


def fonts_dir() -> Path:
    """Fonts the build bundles (a CJK TrueType font and its licence); may be absent."""
    return resources_dir() / "fonts"
