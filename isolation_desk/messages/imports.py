"""Reason codes of the imports area -> (english, chinese). Registered in ``isolation_desk.messages``.

Also the words of the arrivals import that are not reasons: the fields and statuses of a
transfer list (``field_words``, ``status_words``), a row's reasons as the command line and
the refused-rows workbook say them (``row_reasons``), and that workbook's own headings
(``refused_sheet_words``). ``services.arrivals_import`` gives codes; these make the words.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

MESSAGES: dict[str, tuple[str, str]] = {
    # arrivals import (services/arrivals_import.py)
    "arrival_already_expected": (
        "{name} is already on the list of expected arrivals; this row is left out. Check in the existing entry, or "
        "cancel it first if this is a new transfer.",
        "{name}已在待入住名单中,本行不再导入。请为已有记录办理入住;如确属新的转运,请先取消原记录。"),
    "arrival_already_at_site": (
        "{name} is already at the site (room {room}); this row is left out. Release or transfer the current stay first "
        "if this is a new arrival.",
        "{name}已在本隔离点(房间{room}),本行不再导入。如确属再次入住,请先办理解除或转出。"),
    "duplicate_in_file": (
        "The same person is already in row {first_row} of this file; this row is left out. Delete one of the two rows.",
        "同一人员已在本文件第{first_row}行出现,本行不再导入。请删除其中一行。"),
    "file_already_imported": (
        "This file was already imported on {at} by {actor} ({file}); nothing is added again. To add corrected rows, "
        "import the corrected file.",
        "该文件已于{at}由{actor}导入({file}),不会重复导入。如需补充更正后的行,请导入更正后的文件。"),
    "arrival_isolation_over": (
        "Counted from {start}, the isolation would already have ended on {release}. Check the date with the sending "
        "office.",
        "按{start}起算,隔离期已于{release}结束。请与转出单位核对日期。"),
    "household_role_required": (
        "Rows marked as one household need a household role (parent, child, carer or dependant). Fill in the household "
        "role column.",
        "标为同户的行需要填写同住关系(家长、子女、陪护或被照护),请补填同住关系列。"),
}

# Fields of a transfer list (services.arrivals_import.ARRIVAL_FIELDS, and "row" for a reason
# about the whole row), as the refused-rows workbook and the command line name them.
FIELD_WORDS: dict[str, tuple[str, str]] = {
    "name": ("Name", "姓名"), "id_type": ("ID type", "证件类型"), "id_number": ("ID number", "证件号码"),
    "sex": ("Sex", "性别"), "birth_date": ("Birth date", "出生日期"), "phone": ("Phone", "联系电话"),
    "category": ("Category", "人员类别"), "last_exposure": ("Last exposure", "末次暴露时间"),
    "arrival": ("Arrival", "抵达时间"), "origin": ("Origin", "来源地区"),
    "registered_address": ("Registered address", "户籍地址"), "current_address": ("Current address", "现住址"),
    "destination": ("Destination community", "去往街镇/社区"),
    "community_contact": ("Community contact", "社区联系人"),
    "community_phone": ("Community phone", "社区联系电话"), "household": ("Household", "同户编号"),
    "household_role": ("Household role", "同住关系"), "notes": ("Notes", "备注"), "row": ("Row", "整行"),
}
# A row's status (services.arrivals_import.VALID, INVALID, DUPLICATE).
STATUS_WORDS: dict[str, tuple[str, str]] = {
    "valid": ("valid", "有效"), "invalid": ("refused", "不予导入"), "duplicate": ("duplicate", "重复"),
}
# The refused-rows workbook's sheet name and headings; "column" names a column without a header.
REFUSED_SHEET_WORDS: dict[str, tuple[str, str]] = {
    "sheet": ("refused", "未导入"), "row": ("Row", "行号"), "status": ("Status", "状态"),
    "reasons": ("Reasons", "原因"), "column": ("Column {n}", "列{n}"),
}


def _pick(words: Mapping[str, tuple[str, str]], key: str, lang: str) -> str:
    en, zh = words.get(key, (key, key))
    return zh if lang.startswith("zh") else en


def field_words(name: str, lang: str) -> str:
    """A transfer list's field as staff read it (证件号码), not its code (id_number)."""
    return _pick(FIELD_WORDS, name, lang)


def status_words(status: str, lang: str) -> str:
    return _pick(STATUS_WORDS, status, lang)


def refused_sheet_words(key: str, lang: str, **params: Any) -> str:
    return _pick(REFUSED_SHEET_WORDS, key, lang).format(**params)


def row_reasons(errors: Mapping[str, Any], lang: str) -> list[str]:
    """One "field: sentence" per refused cell of a row (sheet field -> DomainError)."""
    from . import describe  # this module is registered while the package is imported
    return [f"{field_words(f, lang)}: {describe(e, lang)}" for f, e in errors.items()]
