"""Printed words of the supplies area (restock request 申领单), issue 5. Registered in
``isolation_desk.reports.labels``. Both languages hold the same keys
(tests/reports/test_restock.py checks it).
"""
from __future__ import annotations

ZH: dict[str, str] = {
    # --- restock request (reports/restock.py) ---
    "restock_title": "物资申领单",
    "restock_subtitle": "申领单号 {number}",
    "restock_to": "致:区疫情防控指挥部物资保障组",
    "restock_intro": "本隔离点下列物资已低于补货线,现申请补充。在住 {occupants} 人。",
    "restock_none": "目前没有物资低于补货线,无需申领。",
    "restock_site": "申领单位",
    "restock_address": "地址",
    "restock_contact": "联系人及电话",
    "restock_date": "申领日期",
    "restock_col_no": "序号",
    "restock_col_item": "物资名称",
    "restock_col_category": "类别",
    "restock_col_unit": "单位",
    "restock_col_on_hand": "现有库存",
    "restock_col_reorder": "补货线",
    "restock_col_daily": "日均用量",
    "restock_col_days": "可用天数",
    "restock_col_run_out": "预计用完",
    "restock_col_request": "申领数量",
    "restock_col_note": "备注",
    "restock_critical": "关键",
    "restock_out": "已断货",
    "restock_method": ("申领数量 = 按预测日用量保障 {days} 天(且不少于补货线的两倍)减去现有库存,取整。"
                       "日用量取近 {window} 天实际消耗与未来 {window} 天按在住人数、采样计划、"
                       "班次推算的需求中的较大者。"),
    "restock_sign_requester": "申领人(物资管理员)",
    "restock_sign_approver": "审核人(隔离点负责人)",
    "restock_sign_receiver": "发放单位经办人",
    "restock_days_value": "{days} 天",
    "restock_never": "—",
    # supply categories
    "supply_cat_protective_equipment": "防护用品",
    "supply_cat_disinfectant": "消杀用品",
    "supply_cat_testing": "检测耗材",
    "supply_cat_food_and_water": "食品饮水",
    "supply_cat_medicine": "药品",
    "supply_cat_daily_necessities": "生活用品",
    "supply_cat_medical_waste": "医疗废物用品",
    # forecast basis, short
    "supply_basis_recent_use": "按近期消耗",
    "supply_basis_implied_demand": "按未来需求",
    "supply_basis_no_use": "无消耗",
}

EN: dict[str, str] = {
    "restock_title": "Restock request",
    "restock_subtitle": "Request no. {number}",
    "restock_to": "To: the district command's supplies office",
    "restock_intro": "The items below are under their reorder level at this site; please restock. Occupants present: "
                     "{occupants}.",
    "restock_none": "No item is below its reorder level: nothing to request.",
    "restock_site": "Site",
    "restock_address": "Address",
    "restock_contact": "Contact and phone",
    "restock_date": "Date",
    "restock_col_no": "No.",
    "restock_col_item": "Item",
    "restock_col_category": "Category",
    "restock_col_unit": "Unit",
    "restock_col_on_hand": "On hand",
    "restock_col_reorder": "Reorder level",
    "restock_col_daily": "Daily use",
    "restock_col_days": "Days left",
    "restock_col_run_out": "Runs out",
    "restock_col_request": "Request",
    "restock_col_note": "Note",
    "restock_critical": "critical",
    "restock_out": "out",
    "restock_method": ("Requested = {days} days at the forecast daily use (and at least twice the reorder level) "
                       "minus what is on hand, in whole units. Daily use is the larger of the last {window} days' "
                       "actual use and what the next {window} days imply from occupants, sampling plans and shifts."),
    "restock_sign_requester": "Requested by (stock keeper)",
    "restock_sign_approver": "Approved by (site manager)",
    "restock_sign_receiver": "Issued by (supplier)",
    "restock_days_value": "{days} d",
    "restock_never": "—",
    "supply_cat_protective_equipment": "Protective equipment",
    "supply_cat_disinfectant": "Disinfectant",
    "supply_cat_testing": "Testing",
    "supply_cat_food_and_water": "Food and water",
    "supply_cat_medicine": "Medicine",
    "supply_cat_daily_necessities": "Daily necessities",
    "supply_cat_medical_waste": "Medical waste",
    "supply_basis_recent_use": "recent use",
    "supply_basis_implied_demand": "coming demand",
    "supply_basis_no_use": "no use",
}
