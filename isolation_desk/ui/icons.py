"""SVG icons from isolation_desk/resources/icons, recoloured where they sit on a dark background and
rendered at several sizes so they stay sharp on high-DPI screens."""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from ..paths import icons_dir

STROKE = "#1f4e79"  # the colour the SVG files are drawn in


@lru_cache(maxsize=128)
def icon(name: str, color: str | None = None) -> QIcon:
    path = icons_dir() / f"{name}.svg"
    if not path.exists():
        return QIcon()
    text = path.read_text(encoding="utf-8")
    if color:
        text = text.replace(STROKE, color)
    renderer = QSvgRenderer(QByteArray(text.encode("utf-8")))
    result = QIcon()
    for size in (16, 24, 32, 48, 64):
        pm = QPixmap(size, size)
        pm.fill(Qt.transparent)
        painter = QPainter(pm)
        renderer.render(painter)
        painter.end()
        result.addPixmap(pm)
    return result


def load_style_sheet() -> str:
    path = icons_dir().parent / "style.qss"
    return path.read_text(encoding="utf-8") if path.exists() else ""
