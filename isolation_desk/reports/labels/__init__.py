"""Words printed on paper, in the two languages a printout can be made in.

Printouts are not translated through Qt (they are also made by the CLI, without Qt), so their
words live here, one module per area (``core``: every page; ``handover``: the handover sheet and
the site's other papers, and the words for codes; ``supplies``: the restock request;
``testing``: the sampling list), each with a ``ZH`` and an ``EN`` dict holding the same keys.
``AREAS`` below is the one list of them: importing this package registers each area into
``LABELS``, and a key that two areas define raises ``DuplicateLabel`` at import, so no copy wins
silently (nor by which module happened to be imported first).

Add a word: put the key in BOTH dicts of its area, grouped under a comment naming the document
that uses it. Add an area: a module ``labels/<x>.py`` with ``ZH`` and ``EN``, and ``"<x>"`` in
``AREAS``. Placeholders use str.format names: ``label("zh_CN", "page_x_of_y", page=1, pages=3)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module

__all__ = ["AREAS", "DEFAULT_LANG", "DuplicateLabel", "LABELS", "LANGS", "label", "register", "word"]

DEFAULT_LANG = "zh_CN"

# The one list of areas: module names in this package, registered in this order.
AREAS: tuple[str, ...] = (
    "core",
    "handover",
    "supplies",
    "testing",
)


class DuplicateLabel(ValueError):
    """Two areas define the same key in one language: one of them has to go."""

    def __init__(self, lang: str, key: str, first: str, second: str):
        super().__init__(f"printed word {key!r} ({lang}) is defined by two label areas, {first!r} "
                         f"and {second!r}: keep one (keys are unique across reports.labels)")
        self.lang, self.key, self.first, self.second = lang, key, first, second


def register(labels: dict[str, dict[str, str]], owners: dict[tuple[str, str], str], area: str,
             words: Mapping[str, Mapping[str, str]]) -> None:
    """Add an area's ``words`` ({lang: {key: text}}) to ``labels``; ``owners`` records which
    area gave each (lang, key). Raises DuplicateLabel, before adding anything, on a key that is
    already there."""
    for lang, table in words.items():
        for key in table:
            if key in labels.get(lang, {}):
                raise DuplicateLabel(lang, key, owners.get((lang, key), "?"), area)
    for lang, table in words.items():
        labels.setdefault(lang, {}).update(table)
        owners.update(dict.fromkeys(((lang, key) for key in table), area))


LABELS: dict[str, dict[str, str]] = {}
AREA_OF: dict[tuple[str, str], str] = {}   # (lang, key) -> the area module that defines it

for _area in AREAS:
    _module = import_module(f"{__name__}.{_area}")
    register(LABELS, AREA_OF, _area, {"zh_CN": _module.ZH, "en": _module.EN})
del _area, _module

LANGS = tuple(LABELS)


def label(lang: str, key: str, **fmt: object) -> str:
    """The printed word for ``key`` in ``lang``.

    Never raises: an unknown language falls back to Chinese, a key missing in the language to
    the other language's text, and a key missing everywhere to the key itself (visible on paper,
    caught by the key-set test). A placeholder missing from ``fmt`` leaves the text unformatted.
    """
    table = LABELS.get(lang) or LABELS.get(_normalise(lang)) or LABELS[DEFAULT_LANG]
    text = table.get(key)
    if text is None:
        text = next((t[key] for t in LABELS.values() if key in t), key)
    if fmt:
        try:
            return text.format(**fmt)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def word(lang: str, prefix: str, code: str | None) -> str:
    """The printed word for a code (category, need, diet, status …); the code itself when
    there is none, so that nothing is silently blank."""
    if not code:
        return ""
    key = f"{prefix}_{code}"
    text = label(lang, key)
    return code if text == key else text


def _normalise(lang: str) -> str:
    """'zh', 'zh-CN', 'zh_Hans_CN' -> 'zh_CN'; 'en_US', 'en-GB' -> 'en'."""
    low = (lang or "").replace("-", "_").lower()
    if low.startswith("zh"):
        return "zh_CN"
    if low.startswith("en"):
        return "en"
    return lang
