"""Printed words of the sampling list (issue 4). Merged into ``labels.LABELS`` on import
(the core table wins on a clash); both languages hold the same keys."""
from __future__ import annotations

from .labels import LABELS, label

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
    "purpose_check_in": "入住检",
    "purpose_scheduled": "常规",
    "purpose_release": "解除前",
    "purpose_second_lab": "双采",
    "purpose_retest": "复检",
    "purpose_regime": "加检",
    "purpose_surface": "物表",
    "purpose_staff": "工作人员",
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
    "purpose_check_in": "check-in",
    "purpose_scheduled": "scheduled",
    "purpose_release": "release",
    "purpose_second_lab": "2nd lab",
    "purpose_retest": "re-test",
    "purpose_regime": "regime",
    "purpose_surface": "surface",
    "purpose_staff": "staff",
}

for _lang, _table in (("zh_CN", ZH), ("en", EN)):
    for _key, _text in _table.items():
        LABELS[_lang].setdefault(_key, _text)

__all__ = ["ZH", "EN", "label"]
