"""The room board: buildings, floors as rows, rooms as tiles coloured by status.

One custom-painted scroll area instead of a widget per room: at 50,000 beds thousands of
QWidgets would take seconds to build; this paints only the tiles in view. Keyboard: arrows
move between rooms (up/down to the floor above/below), Home/End, Enter opens the room.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from ...domain.vocabulary import RoomStatus

TILE_W = 124
MIN_TILE_W = 60   # a floor of 10 rooms on one line in the board's width at 1366x768 (and 1280)
COMPACT_W = 92    # narrower tiles: smaller room number and badges, tighter padding
TILE_H = 74
GAP = 5
FLOOR_LABEL_W = 36
HEADER_H = 30
MARGIN = 8

# status -> (fill, border, text)
STATUS_COLOURS = {
    RoomStatus.READY: ("#e3f4e1", "#3f8f3a", "#1d4a1a"),
    RoomStatus.OCCUPIED: ("#dbe7f7", "#3566a8", "#14325a"),
    RoomStatus.AWAITING_DISINFECTION: ("#fde9c4", "#c27c0e", "#5a3900"),
    RoomStatus.OUT_OF_SERVICE: ("#e4e4e4", "#8a8a8a", "#444444"),
}
# badge -> (fill, text)
BADGE_COLOURS = {
    "test_due": ("#6a4fb3", "#ffffff"),
    "release_due": ("#2e8b57", "#ffffff"),
    "fever": ("#e07b00", "#ffffff"),
    "positive": ("#c62828", "#ffffff"),
}
BADGE_ORDER = ("positive", "fever", "test_due", "release_due")
# Flags combined once: "|" on PySide6 enums costs microseconds per paint call.
LEFT_VCENTER = Qt.AlignLeft | Qt.AlignVCenter
RIGHT_VCENTER = Qt.AlignRight | Qt.AlignVCenter


def badge_letters(widget=None) -> dict[str, str]:
    """The one-character badge marks (translated: 检 解 热 阳 in Chinese)."""
    return {
        "test_due": QCoreApplication.translate("RoomBoard", "T", "badge: test due today"),
        "release_due": QCoreApplication.translate("RoomBoard", "R", "badge: release due today"),
        "fever": QCoreApplication.translate("RoomBoard", "F", "badge: fever"),
        "positive": QCoreApplication.translate("RoomBoard", "+", "badge: positive"),
    }


def paint_badge(p: QPainter, rect: QRect, badge: str, letter: str) -> None:
    fill, text = BADGE_COLOURS[badge]
    p.setPen(Qt.NoPen)
    p.setBrush(QColor(fill))
    p.drawRoundedRect(rect, 4, 4)
    p.setPen(QColor(text))
    p.drawText(rect, Qt.AlignCenter, letter)


class RoomBoardView(QAbstractScrollArea):
    """Shows a list of ``services.boards.RoomTile``; emits the room id under the cursor."""

    currentChanged = Signal(int)   # room id (or -1)
    activated = Signal(int)        # room id: Enter or double-click

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("RoomBoard")
        self.setFocusPolicy(Qt.StrongFocus)
        self.viewport().setAutoFillBackground(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self._tiles: list = []
        self._rects: list[QRect] = []       # one per tile, in content coordinates
        self._row_of: list[int] = []        # floor-row number of each tile
        self._row_first: list[int] = []     # first tile index of each floor row
        self._row_tops: list[int] = []      # top y of each floor row (for painting/hit tests)
        self._headers: list[tuple[QRect, str]] = []
        self._floor_labels: list[tuple[QRect, str]] = []
        self._content_h = 0
        self._current = -1
        self._marked: set[int] = set()  # room ids added with Ctrl+click (door cards of several rooms)
        self._want_x = None
        self._layout_width = -1
        self._letters = badge_letters(self)
        self._font_number = QFont(self.font())
        self._font_number.setPointSizeF(self.font().pointSizeF() + 2)
        self._font_number.setBold(True)
        self._font_small = QFont(self.font())
        self._font_compact = QFont(self.font())
        self._font_compact.setBold(True)
        self._compact = False

    # -- content -----------------------------------------------------------
    def set_tiles(self, tiles: list) -> None:
        keep = self.current_room_id()
        self._tiles = list(tiles)
        self._layout_width = -1
        self._relayout()
        self._current = -1
        if keep is not None:
            for i, t in enumerate(self._tiles):
                if t.room_id == keep:
                    self._current = i
                    break
        self.viewport().update()

    def tiles(self) -> list:
        return self._tiles

    def current_room_id(self) -> int | None:
        if 0 <= self._current < len(self._tiles):
            return self._tiles[self._current].room_id
        return None

    def selected_room_ids(self) -> list[int]:
        """The rooms marked with Ctrl+click and the current room, in board order."""
        wanted = set(self._marked)
        current = self.current_room_id()
        if current is not None:
            wanted.add(current)
        return [t.room_id for t in self._tiles if t.room_id in wanted]

    def toggle_marked(self, room_id: int) -> None:
        self._marked.symmetric_difference_update({room_id})
        self.viewport().update()

    def clear_marked(self) -> None:
        self._marked.clear()
        self.viewport().update()

    def current_tile(self):
        return self._tiles[self._current] if 0 <= self._current < len(self._tiles) else None

    def set_current_room(self, room_id: int) -> bool:
        for i, t in enumerate(self._tiles):
            if t.room_id == room_id:
                self._set_current(i)
                return True
        return False

    def tile_rect(self, room_id: int) -> QRect | None:
        """The tile's rectangle in viewport coordinates (for tests and tooltips)."""
        for i, t in enumerate(self._tiles):
            if t.room_id == room_id:
                self._ensure_visible(i)
                return self._rects[i].translated(0, -self.verticalScrollBar().value())
        return None

    # -- layout ----------------------------------------------------------------
    def _relayout(self) -> None:
        width = max(self.viewport().width(), FLOOR_LABEL_W + TILE_W + 2 * MARGIN)
        if width == self._layout_width:
            return
        self._layout_width = width
        # Floors as rows: narrow the tiles (down to MIN_TILE_W) so that a whole floor fits one
        # line; wrap only when even that is too wide.
        widest = 0
        run = 0
        prev = None
        for t in self._tiles:
            key = (t.building, t.floor)
            run = run + 1 if key == prev else 1
            prev = key
            widest = max(widest, run)
        room_for = width - 2 * MARGIN - FLOOR_LABEL_W + GAP
        tile_w = TILE_W
        if widest and room_for // (TILE_W + GAP) < widest:
            tile_w = max(MIN_TILE_W, min(TILE_W, room_for // widest - GAP))
        per_line = max(1, room_for // (tile_w + GAP))
        self._compact = tile_w < COMPACT_W
        rects, row_of, row_first, row_tops, headers, floors = [], [], [], [], [], []
        y = MARGIN
        building = floor = None
        col = 0
        row = -1
        for i, t in enumerate(self._tiles):
            if t.building != building:
                if building is not None:
                    y += TILE_H + GAP + 6
                headers.append((QRect(MARGIN, y, width - 2 * MARGIN, HEADER_H),
                                f"{t.building_name}" if t.building_name else t.building))
                y += HEADER_H
                building, floor, col = t.building, None, 0
            if t.floor != floor or col >= per_line:
                if floor is not None:
                    y += TILE_H + GAP
                if t.floor != floor:
                    floors.append((QRect(MARGIN, y, FLOOR_LABEL_W - GAP, TILE_H),
                                   self.tr("%1F", "floor label").replace("%1", str(t.floor))))
                floor, col = t.floor, 0
                row += 1
                row_first.append(i)
                row_tops.append(y)
            x = MARGIN + FLOOR_LABEL_W + col * (tile_w + GAP)
            rects.append(QRect(x, y, tile_w, TILE_H))
            row_of.append(row)
            col += 1
        if self._tiles:
            y += TILE_H
        self._rects, self._row_of, self._row_first, self._row_tops = rects, row_of, row_first, row_tops
        self._headers, self._floor_labels = headers, floors
        self._content_h = y + MARGIN
        self._update_scrollbar()

    def _update_scrollbar(self) -> None:
        sb = self.verticalScrollBar()
        sb.setRange(0, max(0, self._content_h - self.viewport().height()))
        sb.setPageStep(self.viewport().height())
        sb.setSingleStep(TILE_H // 2)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._relayout()
        self._update_scrollbar()

    def sizeHint(self) -> QSize:
        return QSize(900, 600)

    # -- painting --------------------------------------------------------------
    def paintEvent(self, event):
        p = QPainter(self.viewport())
        p.setRenderHint(QPainter.Antialiasing, True)
        offset = self.verticalScrollBar().value()
        visible = event.rect().translated(0, offset)
        p.translate(0, -offset)
        pal = self.palette()
        p.setFont(self._font_number)
        for rect, text in self._headers:
            if rect.intersects(visible):
                p.setPen(pal.windowText().color())
                p.drawText(rect, LEFT_VCENTER, text)
        p.setFont(self._font_small)
        for rect, text in self._floor_labels:
            if rect.intersects(visible):
                p.setPen(pal.placeholderText().color())
                p.drawText(rect, RIGHT_VCENTER, text)
        # Only the floor rows in view: rows are sorted by their top.
        lo = bisect_right(self._row_tops, visible.top() - TILE_H) - 1
        hi = bisect_left(self._row_tops, visible.bottom() + 1)
        lo = max(lo, 0)
        if self._row_first:
            first = self._row_first[lo]
            last = self._row_first[hi] if hi < len(self._row_first) else len(self._tiles)
            fm_small = QFontMetrics(self._font_small)
            rects = self._rects
            for i in range(first, last):
                if rects[i].intersects(visible):
                    self._paint_tile(p, i, fm_small)
        p.end()

    def _paint_tile(self, p: QPainter, i: int, fm: QFontMetrics) -> None:
        t = self._tiles[i]
        r = self._rects[i]
        fill, border, text = STATUS_COLOURS.get(t.status, STATUS_COLOURS[RoomStatus.OUT_OF_SERVICE])
        current = i == self._current or t.room_id in self._marked
        pen = QPen(QColor("#c62828") if t.positive else QColor(border))
        pen.setWidth(3 if (t.positive or current) else 1)
        if current:
            pen.setColor(QColor("#111111") if not t.positive else QColor("#c62828"))
        p.setPen(pen)
        p.setBrush(QColor(fill))
        p.drawRoundedRect(r.adjusted(1, 1, -1, -1), 6, 6)
        if current and self.hasFocus():
            focus = QPen(QColor("#111111"))
            focus.setStyle(Qt.DashLine)
            p.setPen(focus)
            p.setBrush(Qt.NoBrush)
            p.drawRoundedRect(r.adjusted(4, 4, -4, -4), 4, 4)
        pad = 5 if self._compact else 8
        inner = r.adjusted(pad, 5, -pad, -5)
        p.setPen(QColor(text))
        p.setFont(self._font_compact if self._compact else self._font_number)
        p.drawText(QRect(inner.left(), inner.top(), inner.width(), 20), LEFT_VCENTER,
                   t.number)
        p.setFont(self._font_small)
        size = max(16, fm.height()) if self._compact else max(18, fm.height() + 2)
        n_badges = t.positive + t.fever + t.test_due + t.release_due
        if t.beds > 1:
            room_left = inner.width() - n_badges * (size + 3)
            beds = self.tr("%1/%2 beds").replace("%1", str(t.occupants)).replace("%2", str(t.beds))
            if fm.horizontalAdvance(beds) > room_left:
                beds = f"{t.occupants}/{t.beds}"
            if fm.horizontalAdvance(beds) > room_left - 4:  # a narrow tile with badges: the tooltip says it
                beds = ""
            p.drawText(QRect(inner.left(), inner.bottom() - fm.height() + 1, max(0, room_left), fm.height()),
                       LEFT_VCENTER, beds)
        second = t.names
        if not second and t.status == RoomStatus.OUT_OF_SERVICE:
            second = t.status_reason
        if second:
            line = QRect(inner.left(), inner.top() + 22, inner.width(), fm.height())
            p.drawText(line, LEFT_VCENTER, fm.elidedText(second, Qt.ElideRight, inner.width()))
        x = inner.right()
        for badge in BADGE_ORDER:
            if getattr(t, badge):
                rect = QRect(x - size + 1, inner.bottom() - size + 1, size, size)
                paint_badge(p, rect, badge, self._letters[badge])
                x -= size + (2 if self._compact else 3)

    # -- interaction -------------------------------------------------------------
    def _index_at(self, pos: QPoint) -> int:
        point = pos + QPoint(0, self.verticalScrollBar().value())
        row = bisect_right(self._row_tops, point.y()) - 1
        if row < 0:
            return -1
        first = self._row_first[row]
        last = self._row_first[row + 1] if row + 1 < len(self._row_first) else len(self._tiles)
        for i in range(first, last):
            if self._rects[i].contains(point):
                return i
        return -1

    def _set_current(self, i: int) -> None:
        if not self._tiles:
            return
        i = max(0, min(i, len(self._tiles) - 1))
        if i != self._current:
            old = self._current
            self._current = i
            self._ensure_visible(i)
            self._update_tile(old)  # repaint the two tiles, not the whole board
            self._update_tile(i)
            self.currentChanged.emit(self._tiles[i].room_id)
        else:
            self._ensure_visible(i)

    def _update_tile(self, i: int) -> None:
        if 0 <= i < len(self._rects):
            offset = self.verticalScrollBar().value()
            self.viewport().update(self._rects[i].translated(0, -offset).adjusted(-2, -2, 2, 2))

    def _ensure_visible(self, i: int) -> None:
        r = self._rects[i]
        sb = self.verticalScrollBar()
        top, height = sb.value(), self.viewport().height()
        if r.top() - MARGIN < top:
            sb.setValue(r.top() - MARGIN - (HEADER_H if self._row_of[i] == 0 else 0))
        elif r.bottom() + MARGIN > top + height:
            sb.setValue(r.bottom() + MARGIN - height)

    def mousePressEvent(self, event):
        i = self._index_at(event.position().toPoint())
        self._want_x = None
        if i >= 0:
            if event.modifiers() & Qt.ControlModifier:
                self.toggle_marked(self._tiles[i].room_id)
            elif self._marked:
                self.clear_marked()
            self._set_current(i)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event):
        i = self._index_at(event.position().toPoint())
        if i >= 0:
            self._set_current(i)
            self.activated.emit(self._tiles[i].room_id)

    def _vertical_neighbour(self, step: int) -> int:
        i = self._current
        row = self._row_of[i] + step
        if not 0 <= row < len(self._row_first):
            return i
        # Keep the column the user started from (like a text cursor) across short rows.
        if self._want_x is None:
            self._want_x = self._rects[i].center().x()
        x = self._want_x
        first = self._row_first[row]
        last = self._row_first[row + 1] if row + 1 < len(self._row_first) else len(self._tiles)
        return min(range(first, last), key=lambda j: abs(self._rects[j].center().x() - x))

    def keyPressEvent(self, event):
        key = event.key()
        if key not in (Qt.Key_Up, Qt.Key_Down):
            self._want_x = None
        if not self._tiles:
            return super().keyPressEvent(event)
        if self._current < 0 and key in (Qt.Key_Left, Qt.Key_Right, Qt.Key_Up, Qt.Key_Down,
                                          Qt.Key_Home, Qt.Key_End):
            self._set_current(0)
            return
        if key == Qt.Key_Right:
            self._set_current(self._current + 1)
        elif key == Qt.Key_Left:
            self._set_current(self._current - 1)
        elif key == Qt.Key_Down:
            self._set_current(self._vertical_neighbour(1))
        elif key == Qt.Key_Up:
            self._set_current(self._vertical_neighbour(-1))
        elif key == Qt.Key_Home:
            self._set_current(0)
        elif key == Qt.Key_End:
            self._set_current(len(self._tiles) - 1)
        elif key in (Qt.Key_Return, Qt.Key_Enter) and self._current >= 0:
            self.activated.emit(self._tiles[self._current].room_id)
        else:
            super().keyPressEvent(event)

    def viewportEvent(self, event):
        if event.type() == QEvent.ToolTip:
            i = self._index_at(event.pos())
            if i >= 0:
                QToolTip.showText(event.globalPos(), self.tile_tooltip(self._tiles[i]), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def tile_tooltip(self, t) -> str:
        """The tile in words: room, status, occupants, badges."""
        from . import names
        lines = [f"{t.label} · {names.room_status(t.status)}"]
        if t.status_reason:  # whole here: the tile has room for its first words only
            lines.append(self.tr("Reason: %1").replace("%1", t.status_reason))
        if t.names:
            lines.append(t.names)
        if t.beds > 1:
            lines.append(self.tr("%1/%2 beds").replace("%1", str(t.occupants)).replace("%2", str(t.beds)))
        words = {"positive": self.tr("Positive"), "fever": self.tr("Fever in the last 24 hours"),
                 "test_due": self.tr("Test due today"), "release_due": self.tr("Release due")}
        lines += [words[b] for b in BADGE_ORDER if getattr(t, b)]
        return "\n".join(lines)

    def focusInEvent(self, event):
        super().focusInEvent(event)
        self._update_tile(self._current)

    def focusOutEvent(self, event):
        super().focusOutEvent(event)
        self._update_tile(self._current)


class BoardLegend(QWidget):
    """Status colours and badge marks, painted with the same code as the tiles."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._letters = badge_letters(self)
        self.setMinimumHeight(28)

    def _items(self):
        from . import names
        items = [("status", s, names.room_status(s)) for s in STATUS_COLOURS]
        words = {"test_due": self.tr("Test due today"), "release_due": self.tr("Release due"),
                 "fever": self.tr("Fever (24 h)"), "positive": self.tr("Positive")}
        items += [("badge", b, words[b]) for b in ("test_due", "release_due", "fever", "positive")]
        return items

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        w = sum(fm.horizontalAdvance(text) + 40 for _, _, text in self._items())
        return QSize(w, max(28, fm.height() + 10))

    def paintEvent(self, event):
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing, True)
        fm = self.fontMetrics()
        x = 4
        h = self.height()
        size = max(18, fm.height() + 2)
        for kind, code, text in self._items():
            box = QRect(x, (h - size) // 2, size, size)
            if kind == "status":
                fill, border, _ = STATUS_COLOURS[code]
                p.setPen(QPen(QColor(border)))
                p.setBrush(QColor(fill))
                p.drawRoundedRect(box, 4, 4)
            else:
                paint_badge(p, box, code, self._letters[code])
            p.setPen(self.palette().windowText().color())
            tw = fm.horizontalAdvance(text)
            p.drawText(QRect(x + size + 5, 0, tw + 2, h), LEFT_VCENTER, text)
            x += size + 5 + tw + 16
        p.end()
