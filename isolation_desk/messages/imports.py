"""Reason codes of the imports area -> (english, chinese). Registered in ``isolation_desk.messages``."""
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
