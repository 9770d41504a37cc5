"""Room door cards: two A5 cards per A4 page, cut along the dashed line. Room in large
type, the occupant (or the household sharing the room), the isolation dates, and a QR code of
the stay ("ISD:<stay id>") that a phone or a scanner at the desk can read to open the stay."""
from __future__ import annotations

import os
from datetime import datetime

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from .fonts import FontChoice, register_fonts
from .labels import label, word
from .styles import draw_text

QR_PREFIX = "ISD:"
QR_SIZE = 48 * mm


def qr_payload(stay_id: int) -> str:
    return f"{QR_PREFIX}{stay_id}"


def qr_modules(payload: str) -> list[list[bool]]:
    """The QR code's dark modules (error correction M; version 2 holds the short payload,
    larger versions are chosen when it does not fit)."""
    level = qrencoder.QRErrorCorrectLevel.M
    for version in (2, None):
        try:
            code = qrencoder.QRCode(version, level)
            code.addData(payload)
            code.make()
            return [[bool(m) for m in row] for row in code.modules]
        except Exception:  # noqa: BLE001 - too long for version 2: let the encoder choose
            if version is None:
                raise
    raise AssertionError  # pragma: no cover


def _qr(canvas: Canvas, payload: str, x: float, y: float, size: float = QR_SIZE, border: int = 2) -> None:
    """Draw the code as one filled path (the reportlab widget builds a shape per module,
    which is slow for a few hundred cards)."""
    modules = qr_modules(payload)
    n = len(modules)
    box = size / (n + 2 * border)
    path = canvas.beginPath()
    for r, row in enumerate(modules):
        c = 0
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                path.rect(x + (start + border) * box, y + size - (r + border + 1) * box, (c - start) * box, box)
            else:
                c += 1
    canvas.saveState()
    canvas.setFillColor(colors.black)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def _card(c: Canvas, group: list[dict], site_name: str, lang: str, font: FontChoice, top: float,
          height: float) -> None:
    """One door: the room, everybody in it (a household shares a room), their isolation
    period, and the QR code of the first stay (the main registrant's)."""
    first = group[0]
    width = A4[0]
    left, right = 18 * mm, width - 18 * mm
    text_width = right - left - QR_SIZE - 6 * mm
    L = lambda key, **fmt: label(lang, key, **fmt)  # noqa: E731
    y = top - 16 * mm
    c.setFillColor(colors.HexColor("#555555"))
    draw_text(c, left, y, site_name, font, 11, max_width=right - left - QR_SIZE)
    draw_text(c, right, y, L("door_card_heading"), font, 11, align="right", bold=True)
    c.setFillColor(colors.black)
    y -= 36 * mm
    draw_text(c, left, y, first["room"] or "", font, 72, bold=True, max_width=text_width)
    names = [s["name"] for s in group][:3]
    size = 30 if len(names) == 1 else 22
    y -= 6 * mm
    for name in names:
        y -= size * 0.45 * mm + 4 * mm
        draw_text(c, left, y, name, font, size, bold=True, max_width=text_width)
    if len(group) > len(names):
        y -= 7 * mm
        draw_text(c, left, y, "…", font, 14)
    categories = []
    for s in group:
        w = word(lang, "cat", s["category"])
        if w not in categories:
            categories.append(w)
    y -= 12 * mm
    draw_text(c, left, y, " / ".join(categories), font, 14, max_width=text_width)
    y -= 10 * mm
    start = min(s["start_date"] for s in group)
    release = max(s["release_date"] for s in group)
    draw_text(c, left, y, f"{L('isolation_period')}: {start} — {release}", font, 16, bold=True,
              max_width=text_width)
    y -= 8 * mm
    if first.get("checked_in_at"):
        draw_text(c, left, y, f"{L('checked_in')}: {first['checked_in_at'][:10]}", font, 12)
    _qr(c, qr_payload(first["id"]), right - QR_SIZE, top - height + 22 * mm)
    c.setFont("Helvetica", 7)
    c.drawCentredString(right - QR_SIZE / 2, top - height + 19 * mm, qr_payload(first["id"]))
    c.setFillColor(colors.HexColor("#555555"))
    draw_text(c, left, top - height + 14 * mm, L("door_card_note"), font, 11)
    c.setFillColor(colors.black)


def by_room(stays: list[dict]) -> list[list[dict]]:
    """Stays grouped by room, in the order given; the main registrant of a household first."""
    groups: dict = {}
    for s in stays:
        groups.setdefault(s.get("room_id") or ("stay", s["id"]), []).append(s)
    order = {"parent": 0, "carer": 0, None: 1, "": 1, "child": 2, "dependant": 2}
    return [sorted(g, key=lambda s: (order.get(s.get("household_role"), 1), s["id"])) for g in groups.values()]


def build_door_cards(stays: list[dict], target, *, site_name: str, lang: str = "zh_CN",
                     printed_at: datetime, font: FontChoice | None = None,
                     font_path: str | None = None, printed_by: str = "") -> int:
    """One card per occupied room (``repositories.STAY_SELECT`` rows of the people in it),
    two per A4 page. Returns pages."""
    font = font or register_fonts(font_path or None)
    if isinstance(target, (str, os.PathLike)):
        from ..io.atomic import atomic_write  # whole or not at all: no half-written cards
        return atomic_write(target, lambda tmp: _door_cards(stays, str(tmp), site_name, lang,
                                                            printed_at, font, printed_by))
    return _door_cards(stays, target, site_name, lang, printed_at, font, printed_by)


def _door_cards(stays, target, site_name, lang, printed_at, font, printed_by) -> int:
    c = Canvas(target, pagesize=A4, pageCompression=1)
    c.setTitle(label(lang, "door_cards_title"))
    c.setAuthor(site_name)
    c.setCreator("Isolation Desk")
    half = A4[1] / 2
    pages = 0
    rooms = by_room(stays)
    for i in range(0, max(len(rooms), 1), 2):
        for j, group in enumerate(rooms[i:i + 2]):
            _card(c, group, site_name, lang, font, A4[1] - j * half, half)
        c.setDash(4, 4)
        c.setStrokeColor(colors.HexColor("#999999"))
        c.line(8 * mm, half, A4[0] - 8 * mm, half)
        c.setDash()
        stamp = printed_at.strftime("%Y-%m-%d %H:%M")
        c.setFillColor(colors.black)
        draw_text(c, A4[0] - 8 * mm, 6 * mm, f"{stamp} · {printed_by}" if printed_by else stamp,
                  font, 6, align="right")
        c.showPage()
        pages += 1
    c.save()
    return pages
