"""Find and register a Chinese font for reportlab.

Printouts must show Chinese names, so the font decides whether a handover sheet is usable.
The search order is: the font the site configured, then the font the desktop build bundles
(WenQuanYi Micro Hei in ``isolation_desk/resources/fonts``, so that every workstation prints the same paper),
then well-known TrueType fonts of Linux, Windows and macOS, then reportlab's built-in CID font
``STSong-Light``. The CID font always
works but is not embedded: the PDF viewer substitutes a font of its own, so the UI should warn
(see ``FontChoice.embedded`` and ``FontChoice.notes``).

reportlab embeds TrueType-outline fonts only; fonts with PostScript (CFF) outlines (Noto CJK,
Source Han, some PingFang builds) are refused with "postscript outlines are not supported",
and the search moves on.

No font has every character used in Chinese names (WenQuanYi Micro Hei lacks "䶮", nothing
on a stock Debian has "𬌗"). ``text_runs`` therefore splits a text into runs per font, taking
glyphs missing in the main font from other installed CJK fonts, and replaces a character that
no font can draw with ``MISSING_GLYPH`` so that the paper shows a visible mark (to be
completed by hand) instead of a silent blank.
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass, field
from typing import Literal

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile

__all__ = [
    "CID_FONT_NAME",
    "FontChoice",
    "MISSING_GLYPH",
    "SYSTEM_FONT_CANDIDATES",
    "find_cjk_font",
    "register_fonts",
    "text_runs",
]

CID_FONT_NAME = "STSong-Light"

# Printed in place of a character that no available font can draw: the geta mark, the
# traditional CJK typesetting placeholder for a missing character.
MISSING_GLYPH = "\u3013"  # 〓

# The CID font's encoding (UniGB-UCS2-H) has no code for U+00B7, the middle dot of minority
# names (阿卜杜拉·买买提); U+30FB maps to the same GB 2312 glyph (CID 99).
_CID_SUBSTITUTES = {"\u00b7": "\u30fb"}

# Characters every usable Chinese font has; a "font" without them is refused.
_PROBE = "隔离人员第页交接班"

# (path, subfont index), in order of preference. Only TrueType outlines work with reportlab.
SYSTEM_FONT_CANDIDATES: tuple[tuple[str, int], ...] = (
    # Linux (Debian/Ubuntu package names: fonts-wqy-microhei, fonts-wqy-zenhei,
    # fonts-droid-fallback, fonts-arphic-uming, fonts-arphic-ukai)
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
    # Windows
    (r"C:\Windows\Fonts\msyh.ttc", 0),
    (r"C:\Windows\Fonts\msyh.ttf", 0),
    (r"C:\Windows\Fonts\simhei.ttf", 0),
    (r"C:\Windows\Fonts\simsun.ttc", 0),
    # macOS (PingFang is often CFF: refused and skipped)
    ("/System/Library/Fonts/STHeiti Medium.ttc", 0),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
    ("/System/Library/Fonts/PingFang.ttc", 0),
)

# Fonts used only for glyphs the main font lacks (rare characters in names: CJK extensions).
_GLYPH_FALLBACK_EXTRA: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/hanazono/HanaMinA.ttf", 0),
    ("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf", 0),
    (r"C:\Windows\Fonts\simsunb.ttf", 0),
    (r"C:\Windows\Fonts\SimsunExtG.ttf", 0),
    (r"C:\Windows\Fonts\mingliub.ttc", 0),
    ("/System/Library/Fonts/Supplemental/Songti.ttc", 0),
)

# Separate bold files of fonts whose bold face is not in the same file.
_BOLD_SIBLINGS = {
    "msyh.ttc": "msyhbd.ttc",
    "msyh.ttf": "msyhbd.ttf",
}


@dataclass(frozen=True)
class FontChoice:
    """The font documents print with.

    ``name`` and ``bold_name`` are registered reportlab font names (for TableStyle FONTNAME,
    ParagraphStyle.fontName, canvas.setFont). ``kind`` is 'ttf' (embedded subset) or 'cid'
    (reportlab's built-in STSong-Light, not embedded). ``notes`` says why configured or
    system fonts were passed over, in English, for logs and the settings screen.
    """

    name: str
    path: str | None
    kind: Literal["ttf", "cid"]
    subfont_index: int = 0
    bold_name: str = ""
    notes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def embedded(self) -> bool:
        return self.kind == "ttf"


_lock = threading.RLock()
_choices: dict[tuple, FontChoice] = {}
# registered font name -> its character map (code point -> glyph), None for the CID font
_cmaps: dict[str, dict[int, int] | None] = {}
# registered name of a TrueType font already loaded, by (realpath, subfont index)
_loaded: dict[tuple[str, int], str] = {}
_glyph_fallbacks: list[str] | None = None


def _font_name(path: str, subfont_index: int, suffix: str = "") -> str:
    stem = re.sub(r"[^A-Za-z0-9]+", "", os.path.splitext(os.path.basename(path))[0]) or "font"
    return f"CJK-{stem}-{subfont_index}{suffix}"


def _load_ttf(path: str, subfont_index: int) -> str:
    """Register a TrueType font once; return its reportlab name. Raises on any failure."""
    key = (os.path.realpath(path), subfont_index)
    with _lock:
        if key in _loaded:
            return _loaded[key]
        name = _font_name(path, subfont_index)
        font = TTFont(name, path, subfontIndex=subfont_index)
        pdfmetrics.registerFont(font)
        _cmaps[name] = font.face.charToGlyph
        _loaded[key] = name
        return name


def _has_chinese(name: str) -> bool:
    cmap = _cmaps.get(name)
    return cmap is not None and all(ord(c) in cmap for c in _PROBE)


def _bold_face(path: str, subfont_index: int, regular: str) -> str:
    """A bold face of the same family if the file (or a known sibling file) has one."""
    candidates: list[tuple[str, int]] = []
    try:
        face = TTFontFile(path, charInfo=0, subfontIndex=subfont_index)
        family = face.familyName
        for i in range(getattr(face, "numSubfonts", 1) or 1):
            if i == subfont_index:
                continue
            other = TTFontFile(path, charInfo=0, subfontIndex=i)
            style = bytes(other.styleName).decode("latin-1", "replace").lower()
            if other.familyName == family and "bold" in style:
                candidates.append((path, i))
    except Exception:  # noqa: BLE001 - a broken extra face just means "no bold"
        pass
    sibling = _BOLD_SIBLINGS.get(os.path.basename(path).lower())
    if sibling:
        candidates.append((os.path.join(os.path.dirname(path), sibling), 0))
    for bold_path, index in candidates:
        if not os.path.isfile(bold_path):
            continue
        try:
            return _load_ttf(bold_path, index)
        except Exception:  # noqa: BLE001
            continue
    return regular


def _register_family(regular: str, bold: str) -> None:
    pdfmetrics.registerFontFamily(regular, normal=regular, bold=bold, italic=regular, boldItalic=bold)


def _try_ttf(path: str, subfont_index: int, notes: list[str]) -> FontChoice | None:
    if not os.path.isfile(path):
        return None
    try:
        name = _load_ttf(path, subfont_index)
    except Exception as exc:  # TTFError (CFF outlines, not a font, no embedding), OSError …
        notes.append(f"{path}: {exc}")
        return None
    if not _has_chinese(name):
        notes.append(f"{path}: has no Chinese characters")
        return None
    bold = _bold_face(path, subfont_index, name)
    _register_family(name, bold)
    return FontChoice(name, path, "ttf", subfont_index, bold, tuple(notes))


def _cid_choice(notes: list[str]) -> FontChoice:
    with _lock:
        if CID_FONT_NAME not in _cmaps:
            pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT_NAME))
            _cmaps[CID_FONT_NAME] = None
            _register_family(CID_FONT_NAME, CID_FONT_NAME)
    notes.append("no Chinese TrueType font found; PDFs use the built-in font STSong-Light, not embedded")
    return FontChoice(CID_FONT_NAME, None, "cid", 0, CID_FONT_NAME, tuple(notes))


# The font the one-folder build carries (build.spec copies it from Debian's fonts-wqy-microhei,
# with its licence, into isolation_desk/resources/fonts/).
BUNDLED_FONT_FILES: tuple[tuple[str, int], ...] = (("wqy-microhei.ttc", 0),)


def bundled_font_candidates() -> list[tuple[str, int]]:
    from ..paths import fonts_dir
    folder = fonts_dir()
    return [(str(folder / name), index) for name, index in BUNDLED_FONT_FILES if (folder / name).is_file()]


def find_cjk_font(
    configured_path: str | None = None,
    *,
    configured_subfont: int = 0,
    search_system: bool = True,
) -> FontChoice:
    """Find a usable Chinese font and register it with reportlab (idempotent, cached).

    ``search_system=False`` skips the system fonts (tests use it to force the CID fallback).
    """
    key = (configured_path or None, configured_subfont, search_system)
    with _lock:
        if key in _choices:
            return _choices[key]
        notes: list[str] = []
        choice = None
        if configured_path:
            if os.path.isfile(configured_path):
                choice = _try_ttf(configured_path, configured_subfont, notes)
            else:
                notes.append(f"{configured_path}: file not found")
        if choice is None and search_system:
            for path, index in [*bundled_font_candidates(), *SYSTEM_FONT_CANDIDATES]:
                choice = _try_ttf(path, index, notes)
                if choice is not None:
                    break
        if choice is None:
            choice = _cid_choice(notes)
        _choices[key] = choice
        return choice


def register_fonts(configured_path: str | None = None, search_system: bool = True) -> FontChoice:
    """What documents call before building: the chosen font, registered."""
    return find_cjk_font(configured_path, search_system=search_system)


def _fallback_names() -> list[str]:
    """TrueType fonts for glyphs the main font lacks; loaded on first need."""
    global _glyph_fallbacks
    with _lock:
        if _glyph_fallbacks is None:
            names: list[str] = []
            for path, index in SYSTEM_FONT_CANDIDATES + _GLYPH_FALLBACK_EXTRA:
                if not os.path.isfile(path):
                    continue
                try:
                    name = _load_ttf(path, index)
                except Exception:  # noqa: BLE001 - unusable fonts are simply not fallbacks
                    continue
                if name not in names:
                    names.append(name)
            _glyph_fallbacks = names
        return _glyph_fallbacks


def covers(font: FontChoice, text: str) -> bool:
    """True when the main font can draw every character of ``text`` (fast path for ASCII)."""
    if text.isascii():
        return True
    cmap = _cmaps.get(font.name)
    if cmap is None:  # CID font: covers the BMP (as far as its encoding goes)
        return all(ord(c) <= 0xFFFF and c not in _CID_SUBSTITUTES for c in text)
    return all(ord(c) in cmap or c in "\n\r\t" for c in text)


def text_runs(font: FontChoice, text: str, bold: bool = False) -> list[tuple[str, str]]:
    """Split ``text`` into (font name, text) runs that together draw every character.

    Characters missing from the main font come from an installed fallback font; characters
    no font has become ``MISSING_GLYPH``. With the CID font, characters outside the Basic
    Multilingual Plane become ``MISSING_GLYPH`` (its UCS-2 encoding would print two wrong
    characters for each of them), and the middle dot becomes U+30FB, which it can print.
    """
    main = font.bold_name if bold and font.bold_name else font.name
    if covers(font, text):
        return [(main, text)] if text else []
    cmap = _cmaps.get(font.name)
    fallbacks = _fallback_names() if cmap is not None else []
    runs: list[tuple[str, str]] = []
    for ch in text:
        code = ord(ch)
        if cmap is None:
            name, ch = main, (_CID_SUBSTITUTES.get(ch, ch) if code <= 0xFFFF else MISSING_GLYPH)
        elif code in cmap or ch in "\n\r\t":
            name = main
        else:
            name = next((n for n in fallbacks if code in (_cmaps.get(n) or ())), None)
            if name is None:
                name, ch = main, MISSING_GLYPH if ord(MISSING_GLYPH) in cmap else "?"
        if runs and runs[-1][0] == name:
            runs[-1] = (name, runs[-1][1] + ch)
        else:
            runs.append((name, ch))
    return runs
