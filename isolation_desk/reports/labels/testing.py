"""Printed words of the sampling list (issue 4). Registered in ``isolation_desk.reports.labels``;
both languages hold the same keys. The test purposes (``purpose_*``) are the handover area's."""
from __future__ import annotations

ZH: dict[str, str] = {
    "sampling_title": "核酸采样登记表",
    "sampling_subtitle": "{day}  {where}  应采 {due} 人次,已采 {sampled} 人次",
    "sampling_all_site": "全点",
    "sampling_building": "{building}栋",
    "sampling_where_floor": "{building}栋 {floor}层",
    "sampling_floor_heading": "{building}栋 {floor}层:应采 {due},已采 {sampled}",
    "sampling_no": "序号",
    "sampling_room": "房间",
    "sampling_name": "姓名",
    "sampling_id": "证件号码",
    "sampling_test": "检测",
    "sampling_purpose": "类别",
    "sampling_done": "已采",
    "sampling_time": "采样时间",
    "sampling_pool": "管号",
    "sampling_note": "备注",
    "sampling_none": "今天没有待采样人员。",
    "sampling_signature": "采样人签名:____________    复核人签名:____________    完成时间:______",
    "kind_pcr": "核酸",
    "kind_antigen": "抗原",
}

EN: dict[str, str] = {
    "sampling_title": "Sampling list",
    "sampling_subtitle": "{day}  {where}  due {due}, sampled {sampled}",
    "sampling_all_site": "whole site",
    "sampling_building": "building {building}",
    "sampling_where_floor": "building {building}, floor {floor}",
    "sampling_floor_heading": "Building {building}, floor {floor}: due {due}, sampled {sampled}",
    "sampling_no": "No.",
    "sampling_room": "Room",
    "sampling_name": "Name",
    "sampling_id": "ID number",
    "sampling_test": "Test",
    "sampling_purpose": "Purpose",
    "sampling_done": "Done",
    "sampling_time": "Time",
    "sampling_pool": "Tube",
    "sampling_note": "Note",
    "sampling_none": "Nobody is due for sampling today.",
    "sampling_signature": "Sampled by: ____________    Checked by: ____________    Finished at: ______",
    "kind_pcr": "PCR",
    "kind_antigen": "antigen",
}
