"""Printed words of every page (page numbers, printed-at, shifts, the signature block), in
the two languages a printout can be made in. Registered in ``isolation_desk.reports.labels``
(see its docstring to add a word or an area). Both languages hold the same keys.
"""
from __future__ import annotations

ZH: dict[str, str] = {
    # --- every page (reports/page.py) ---
    "page_x_of_y": "第 {page} 页,共 {pages} 页",
    "printed_at": "打印时间：{when}",
    "printed_at_by": "{who} 打印于 {when}",
    "site": "隔离点",
    "unknown": "未知",
    # --- shifts ---
    "shift_day": "白班",
    "shift_night": "夜班",
    # --- signature block (reports/page.py) ---
    "handed_over_by": "交班班长",
    "received_by": "接班班长",
    "name": "姓名",
    "signature": "签名",
    "date": "日期",
    "time": "交接时间",
    "yes": "是",
    "no": "否",
}

EN: dict[str, str] = {
    # --- every page (reports/page.py) ---
    "page_x_of_y": "Page {page} of {pages}",
    "printed_at": "Printed {when}",
    "printed_at_by": "Printed {when} by {who}",
    "site": "Site",
    "unknown": "unknown",
    # --- shifts ---
    "shift_day": "Day shift",
    "shift_night": "Night shift",
    # --- signature block (reports/page.py) ---
    "handed_over_by": "Outgoing shift leader",
    "received_by": "Incoming shift leader",
    "name": "Name",
    "signature": "Signature",
    "date": "Date",
    "time": "Time",
    "yes": "yes",
    "no": "no",
}
