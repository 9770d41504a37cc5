"""Words printed on paper, in the two languages a printout can be made in.

Printouts are not translated through Qt (they are also made by the CLI, without Qt), so their
words live here. Add a key to BOTH languages (a test checks that the key sets are equal),
grouped under a comment naming the document that uses it. Placeholders use str.format
names: ``label("zh_CN", "page_x_of_y", page=1, pages=3)``.
"""

from __future__ import annotations

__all__ = ["DEFAULT_LANG", "LABELS", "LANGS", "label"]

DEFAULT_LANG = "zh_CN"

LABELS: dict[str, dict[str, str]] = {
    "zh_CN": {
        # --- every page (reports/base.py) ---
        "page_x_of_y": "第 {page} 页,共 {pages} 页",
        "printed_at": "打印时间：{when}",
        "printed_at_by": "{who} 打印于 {when}",
        "site": "隔离点",
        "unknown": "未知",
        # --- shifts ---
        "shift_day": "白班",
        "shift_night": "夜班",
        # --- signature block (reports/base.py) ---
        "handed_over_by": "交班人 (A角)",
        "received_by": "接班人 (B角)",
        "name": "姓名",
        "signature": "签名",
        "date": "日期",
        "time": "时间",
        "yes": "是",
        "no": "否",
    },
    "en": {
        # --- every page (reports/base.py) ---
        "page_x_of_y": "Page {page} of {pages}",
        "printed_at": "Printed {when}",
        "printed_at_by": "Printed {when} by {who}",
        "site": "Site",
        "unknown": "unknown",
        # --- shifts ---
        "shift_day": "Day shift",
        "shift_night": "Night shift",
        # --- signature block (reports/base.py) ---
        "handed_over_by": "Handed over by (A)",
        "received_by": "Received by (B)",
        "name": "Name",
        "signature": "Signature",
        "date": "Date",
        "time": "Time",
        "yes": "yes",
        "no": "no",
    },
}

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


def _normalise(lang: str) -> str:
    """'zh', 'zh-CN', 'zh_Hans_CN' -> 'zh_CN'; 'en_US', 'en-GB' -> 'en'."""
    low = (lang or "").replace("-", "_").lower()
    if low.startswith("zh"):
        return "zh_CN"
    if low.startswith("en"):
        return "en"
    return lang
