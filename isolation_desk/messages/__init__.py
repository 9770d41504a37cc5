"""Reason codes -> sentences, in Chinese and English, for the command line, the UI and
printouts. A code says what is wrong; the sentence also says how to fix it.

Every sentence lives in one area module of this package (``core``, ``testing``, ``supplies``,
``handover``, ``imports``, ``accounts``, ``ui``), each with a ``MESSAGES`` dict
``{code: (english, chinese)}`` (and, optionally, a ``REASON_WORDS`` dict of the same shape for
release refusal reasons). ``AREAS`` below is the one list of those modules: importing this
package registers each area in that order into ``MESSAGES`` and ``REASON_WORDS``, and a code that
two areas define raises ``DuplicateCode`` at import, so no copy ever wins silently.

Add a message: put the code and its two sentences (what is wrong, how to fix it) in the dict
of its area; tests/test_messages.py fails on a raised code without words in both languages.

Add an area (for instance a branch's ``isolation_desk/messages_<x>.py`` with a ``MESSAGES``
dict): move the file into this package as ``messages/<x>.py``, unchanged, and add ``"<x>"`` to
``AREAS``. Nothing else: no import line, no merge loop.
"""
from __future__ import annotations

import locale
import os
from collections.abc import Mapping
from importlib import import_module

__all__ = ["AREAS", "AREA_OF", "DuplicateCode", "MESSAGES", "REASON_WORDS", "current_language",
           "describe", "reason_words", "register"]

# The one list of areas: module names in this package, registered in this order.
AREAS: tuple[str, ...] = (
    "core",
    "testing",
    "supplies",
    "handover",
    "imports",
    "accounts",
    "ui",
    "safety",        # households, release gates, child alone (issue 14)
    "lab_results",   # lab batches, positive-first import, holding (issue 14)
    "papers",        # preview, print, spreadsheets, site setup (issue 17)
    "workstation",   # the window at a real workstation (issue 18)
    "reliability",   # restore, damaged and read-only files, hostile input (issue 15)
    "privacy",       # sign-in, encryption, exports, the anchored audit trail (issue 16)
)

Words = dict[str, tuple[str, str]]


class DuplicateCode(ValueError):
    """Two areas define the same code: one of them has to go (or get another code)."""

    def __init__(self, code: str, first: str, second: str):
        super().__init__(f"reason code {code!r} is defined by two message areas, {first!r} and "
                         f"{second!r}: keep one (codes are unique across isolation_desk.messages)")
        self.code, self.first, self.second = code, first, second


def register(catalog: Words, owners: dict[str, str], area: str,
             words: Mapping[str, tuple[str, str]]) -> None:
    """Add an area's ``words`` to ``catalog``; ``owners`` records which area gave each code.
    Raises DuplicateCode, before adding anything, when a code is already there."""
    for code in words:
        if code in catalog:
            raise DuplicateCode(code, owners.get(code, "?"), area)
    catalog.update(words)
    owners.update(dict.fromkeys(words, area))


MESSAGES: Words = {}
REASON_WORDS: Words = {}
AREA_OF: dict[str, str] = {}      # code -> the area module that defines it
_REASON_AREA_OF: dict[str, str] = {}

for _area in AREAS:
    _module = import_module(f"{__name__}.{_area}")
    register(MESSAGES, AREA_OF, _area, _module.MESSAGES)
    register(REASON_WORDS, _REASON_AREA_OF, _area, getattr(_module, "REASON_WORDS", {}))
del _area, _module


def current_language() -> str:
    """'zh_CN' or 'en', from ISOLATION_DESK_LANG or the system locale."""
    lang = os.environ.get("ISOLATION_DESK_LANG") or os.environ.get("LANG") or ""
    if not lang:
        try:
            lang = locale.getlocale()[0] or ""
        except ValueError:
            lang = ""
    return "zh_CN" if lang.lower().startswith("zh") else "en"


def reason_words(code: str, lang: str) -> str:
    en, zh = REASON_WORDS.get(code, (code, code))
    return zh if lang.startswith("zh") else en


def _cut(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _column_name(field: str, lang: str) -> str:
    """A spreadsheet column as staff see it (身份证号), not its code (id_number)."""
    from ..io.spreadsheet import FIELD_ALIASES
    aliases = FIELD_ALIASES.get(field)
    if not aliases:
        return field
    if lang.startswith("zh"):
        return f"“{aliases[0]}”"
    english = next((a for a in aliases if a.isascii()), field)
    return f"'{aliases[0]}' ({english})"


class _Blank(dict):
    def __missing__(self, key):
        return ""


def _reason_with_details(code: str, params: dict, lang: str) -> str:
    """A release refusal reason in words; missing tests are named by kind and date."""
    text = reason_words(code, lang)
    if code == "test_missing" and params.get("missing"):
        from .safety import missing_tests_words
        words = missing_tests_words(params["missing"], lang)
        text += f"({words})" if lang.startswith("zh") else f" ({words})"
    return text


def describe(error, lang: str | None = None) -> str:
    """A sentence for a DomainError (or a bare code)."""
    lang = lang or current_language()
    code = getattr(error, "code", str(error))
    params = dict(getattr(error, "params", {}) or {})
    reasons = getattr(error, "reasons", None)
    sep = "、" if lang.startswith("zh") else "; "
    if reasons:
        params["reasons"] = sep.join(_reason_with_details(r, params, lang) for r in reasons)
    if code == "header_not_found":
        for key in ("required", "missing"):
            if isinstance(params.get(key), (list, tuple)):
                params[key] = sep.join(_column_name(c, lang) for c in params[key])
    # a 10,000-character cell is not echoed whole
    params = {k: _cut(v) if isinstance(v, str) else v for k, v in params.items()}
    if code == "room_unknown" and params.get("room"):
        params["room"] = f" {params['room']}"
    en, zh = MESSAGES.get(code, (code, code))
    text = zh if lang.startswith("zh") else en
    try:
        return text.format_map(_Blank({k: v for k, v in params.items()}))
    except (ValueError, IndexError):
        return text
