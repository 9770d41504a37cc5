"""Comparing a person's name as a lab sheet writes it with the name we registered.

A lab's sheet is typed again by someone else: full-width letters, a space between surname and
given name, a middle dot written as ``.`` or ``•``, curly quotes around a nickname, accents
dropped or added (Lǚ / Lu), upper case for a passport name. None of that makes a different
person, so ``name_key`` folds it away: NFKC, casefold, accents removed, spaces, middle dots,
hyphens and quotes dropped. What is left and still differs (a typo, 张三 against Zhang San,
another person) is a *difference* that a person must confirm: ``compare_names`` says which
kind, so that the screen and the import report can say why.

The identity document decides who a result belongs to; the name only confirms it. A positive
whose document matches but whose name differs is never parked (services.results_import).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Dropped from a name before comparing: whitespace, middle dots and their look-alikes, quotes,
# hyphens and apostrophes (Xi'an, O'Neil), commas (passport style "ZHANG, SAN").
_DROP = set(" \t\r\n\u00a0\u3000\u200b\u200c\u200d\ufeff"
            "·•・‧∙⋅．.\u16eb\u318d\u2022\u30fb\uff65"
            "'\"`´‘’‚‛“”„‟「」『』〝〞＂＇"
            "-‐‑‒–—―－_,，、")

SAME = "same"
TYPO = "typo"          # one character added, dropped, changed or two swapped
SCRIPT = "script"      # one side in Chinese characters, the other in Latin letters (pinyin)
DIFFERENT = "different"


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def name_key(name: object) -> str:
    """The part of a name that identifies: ``' ZHANG  San '`` and ``'zhāng·san'`` -> 'zhangsan'."""
    if name is None:
        return ""
    text = unicodedata.normalize("NFKC", str(name)).casefold()
    text = _strip_accents(text)
    return "".join(c for c in text if c not in _DROP and not unicodedata.category(c).startswith("C"))


def _is_han(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" or "\U00020000" <= c <= "\U0003134f"


def _script(key: str) -> str:
    han = sum(1 for c in key if _is_han(c))
    latin = sum(1 for c in key if "a" <= c <= "z")
    if han and not latin:
        return "han"
    if latin and not han:
        return "latin"
    return "mixed"


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` becomes ``b`` by one insertion, deletion, substitution or swap of two
    neighbours (Damerau, distance 1)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] \
            and a[diff[1]] == b[diff[0]]
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]


@dataclass(frozen=True)
class NameMatch:
    kind: str  # SAME, TYPO, SCRIPT or DIFFERENT

    @property
    def same(self) -> bool:
        return self.kind == SAME


def compare_names(on_sheet: object, registered: object) -> NameMatch:
    """How the name on a sheet compares with the registered one. An empty name on the sheet
    confirms nothing and contradicts nothing: SAME (the document decides)."""
    a, b = name_key(on_sheet), name_key(registered)
    if not a or a == b:
        return NameMatch(SAME)
    sa, sb = _script(a), _script(b)
    if {sa, sb} == {"han", "latin"}:
        return NameMatch(SCRIPT)
    # a one-character slip only counts as a typo in a name long enough to still say who it is
    if min(len(a), len(b)) >= 2 and _one_edit(a, b) and (sa != "latin" or min(len(a), len(b)) >= 4):
        return NameMatch(TYPO)
    return NameMatch(DIFFERENT)


def same_name(a: object, b: object) -> bool:
    return compare_names(a, b).same
