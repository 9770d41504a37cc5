"""Room door cards: two A5 cards per A4 page, cut along the dashed line. Room in large
type, the occupant, the isolation dates, and a QR code of the stay ("ISD:<stay id>") that a
phone or a scanner at the desk can read to open the stay."""
from __future__ import annotations

from datetime import datetime

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from .base import draw_text
from .fonts import FontChoice, register_fonts
from .labels_handover import label
from .labels_handover import word

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


def _card(c: Canvas, s: dict, site_name: str, lang: str, font: FontChoice, top: float, height: float) -> None:
    width = A4[0]
    left, right = 18 * mm, width - 18 * mm
    L = lambda key, **fmt: label(lang, key, **fmt)  # noqa: E731
    y = top - 16 * mm
    c.setFillColor(colors.HexColor("#555555"))
    draw_text(c, left, y, site_name, font, 11, max_width=right - left - QR_SIZE)
    draw_text(c, right, y, L("door_card_heading"), font, 11, align="right", bold=True)
    c.setFillColor(colors.black)
    y -= 36 * mm
    draw_text(c, left, y, s["room"] or "", font, 72, bold=True, max_width=right - left - QR_SIZE - 6 * mm)
    y -= 20 * mm
    draw_text(c, left, y, s["name"], font, 30, bold=True, max_width=right - left - QR_SIZE - 6 * mm)
    y -= 12 * mm
    draw_text(c, left, y, word(lang, "cat", s["category"]), font, 14, max_width=right - left - QR_SIZE)
    y -= 10 * mm
    period = f"{L('isolation_period')}: {s['start_date']} — {s['release_date']}"
    draw_text(c, left, y, period, font, 16, bold=True, max_width=right - left - QR_SIZE)
    y -= 8 * mm
    if s.get("checked_in_at"):
        draw_text(c, left, y, f"{L('checked_in')}: {s['checked_in_at'][:10]}", font, 12)
    _qr(c, qr_payload(s["id"]), right - QR_SIZE, top - height + 22 * mm)
    c.setFont("Helvetica", 7)
    c.drawCentredString(right - QR_SIZE / 2, top - height + 19 * mm, qr_payload(s["id"]))
    c.setFillColor(colors.HexColor("#555555"))
    draw_text(c, left, top - height + 14 * mm, L("door_card_note"), font, 11)
    c.setFillColor(colors.black)


def build_door_cards(stays: list[dict], target, *, site_name: str, lang: str = "zh_CN",
                     printed_at: datetime, font: FontChoice | None = None,
                     font_path: str | None = None) -> int:
    """One card per stay (``repositories.STAY_SELECT`` rows), two per page. Returns pages."""
    font = font or register_fonts(font_path or None)
    c = Canvas(target if not hasattr(target, "__fspath__") else str(target), pagesize=A4,
               pageCompression=1)
    c.setTitle(label(lang, "door_cards_title"))
    c.setAuthor(site_name)
    c.setCreator("Isolation Desk")
    half = A4[1] / 2
    pages = 0
    for i in range(0, max(len(stays), 1), 2):
        for j, s in enumerate(stays[i:i + 2]):
            _card(c, s, site_name, lang, font, A4[1] - j * half, half)
        c.setDash(4, 4)
        c.setStrokeColor(colors.HexColor("#999999"))
        c.line(8 * mm, half, A4[0] - 8 * mm, half)
        c.setDash()
        c.setFont("Helvetica", 6)
        c.drawRightString(A4[0] - 8 * mm, 6 * mm, printed_at.strftime("%Y-%m-%d %H:%M"))
        c.showPage()
        pages += 1
    c.save()
    return pages
