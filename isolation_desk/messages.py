"""Reason codes -> sentences, in Chinese and English, for the command line, the UI and
printouts. A code says what is wrong; the sentence also says how to fix it.

Add a code to MESSAGES when you raise it (tests/test_messages.py checks both languages).
"""
from __future__ import annotations

import locale
import os

# code: (english, chinese). {name} fields come from DomainError.params.
MESSAGES: dict[str, tuple[str, str]] = {
    # identity and registration
    "name_empty": ("The name is empty. Enter the person's name.", "姓名为空,请填写姓名。"),
    "name_invalid": ("The name '{value}' is not a valid name (too long or contains digits).",
                     "姓名“{value}”无效(过长或含有数字)。"),
    "id_empty": ("The ID number is empty. Enter the number on the document.", "证件号码为空,请填写证件号码。"),
    "id_length": ("A resident ID number has 18 characters; this one has {length}. Check it against the card.",
                  "居民身份证号码应为18位,此号码为{length}位,请对照证件核对。"),
    "id_chars": ("The ID number may hold only digits and a final X. Check it against the card.",
                 "身份证号码只能包含数字,最后一位可以是X,请对照证件核对。"),
    "id_checksum": ("The ID number's check character does not match: one character is wrong. Check it against the card.",
                    "身份证号码校验位不符,有一位输入错误,请对照证件核对。"),
    "id_birth_date": ("The birth date inside the ID number is not a real date. Check the number.",
                      "身份证号码中的出生日期无效,请核对号码。"),
    "id_stored_as_number": ("The ID number was stored as a number; the last digits are lost. Format the column as text and export again.",
                            "证件号码被存为数字,末几位已丢失。请将该列设为文本格式后重新导出。"),
    "id_format": ("The document number does not have the form of a {id_type}. Check it.",
                  "证件号码不符合该证件类型的格式,请核对。"),
    "id_type_unknown": ("Unknown document type '{value}'. Use resident ID, passport or a permit.",
                        "未知的证件类型“{value}”,请使用身份证、护照或通行证。"),
    "phone_empty": ("The phone number is empty.", "联系电话为空。"),
    "phone_invalid": ("A mobile number has 11 digits and starts with 1. Check it.",
                      "手机号码应为以1开头的11位数字,请核对。"),
    "sex_invalid": ("Sex must be male (男) or female (女).", "性别应为“男”或“女”。"),
    "sex_mismatch_id": ("The sex given does not match the ID number. Check both.",
                        "填写的性别与身份证号码不符,请核对。"),
    "date_empty": ("The date is empty.", "日期为空。"),
    "date_invalid": ("'{value}' is not a date. Write it as 2022-03-27.", "“{value}”不是有效日期,请写作2022-03-27。"),
    "date_future": ("The date {value} is in the future. Check it.", "日期{value}晚于今天,请核对。"),
    "datetime_invalid": ("'{value}' is not a date and time.", "“{value}”不是有效的日期时间。"),
    "datetime_future": ("The time {value} is in the future. Check it.", "时间{value}晚于现在,请核对。"),
    "temperature_out_of_range": ("A temperature of {value} is not possible (34.0 to 43.0 °C). Check the reading.",
                                 "体温{value}不可能(应在34.0至43.0 °C之间),请核对读数。"),
    "temperature_invalid": ("'{value}' is not a temperature.", "“{value}”不是有效体温。"),
    "quantity_invalid": ("'{value}' is not a quantity.", "“{value}”不是有效数量。"),
    "quantity_negative": ("A quantity cannot be negative.", "数量不能为负数。"),
    "category_empty": ("The category is empty. Choose close contact, inbound traveller …",
                       "人员类别为空,请选择密接、入境人员等。"),
    "category_unknown": ("Unknown category '{value}'. Use close contact, secondary contact, inbound traveller, risk-area arrival or other.",
                         "未知的人员类别“{value}”。可用:密接、次密接、入境人员、中高风险地区来(返)人员、其他。"),
    "category_not_admitted": ("Under the current policy this category is not isolated at the site.",
                              "按现行政策,该类人员不在隔离点集中隔离。"),
    "special_need_unknown": ("Unknown special need '{value}'.", "未知的特殊需求“{value}”。"),
    "diet_unknown": ("Unknown diet '{value}'.", "未知的饮食要求“{value}”。"),
    "last_exposure_required": ("This category is counted from the last exposure: enter its date.",
                               "该类人员从末次暴露日起算,请填写末次暴露日期。"),
    "arrival_required": ("This category is counted from arrival: enter the arrival date.",
                         "该类人员从抵达日起算,请填写抵达日期。"),
    "start_in_future": ("The isolation cannot start in the future. Check the exposure or arrival date.",
                        "隔离起算日不能晚于今天,请核对暴露或抵达日期。"),
    # stays and rooms
    "already_at_site": ("{name} is already registered at the site (room {room}).",
                        "{name}已在本隔离点登记(房间{room})。"),
    "stay_unknown": ("No such stay.", "找不到该人员的隔离记录。"),
    "stay_not_expected": ("This person is not an expected arrival.", "该人员不是待入住人员。"),
    "stay_not_active": ("This stay has ended ({status}).", "该人员的隔离已结束({status})。"),
    "stay_not_in_isolation": ("Only a person in isolation can be released (now: {status}).",
                              "只有在隔离中的人员才能解除隔离(当前:{status})。"),
    "no_room_ready": ("No room is ready. Mark a disinfected room ready or bring a room back into service.",
                      "没有可用房间。请将已消毒房间标为可用,或恢复停用房间。"),
    "room_unknown": ("No such room{room}.", "找不到该房间{room}。"),
    "room_not_ready": ("The room is not ready ({status}): only a ready room takes a new occupant.",
                       "该房间不可入住(当前:{status}),只有就绪房间可以入住。"),
    "room_occupied": ("The room is occupied.", "该房间有人入住。"),
    "room_full": ("Room {room} has no free bed ({beds} beds).", "房间{room}已满({beds}张床)。"),
    "room_transition_illegal": ("A room cannot go from {from_status} to {to_status}.",
                                "房间状态不能从{from_status}变为{to_status}。"),
    "room_status_unknown": ("Unknown room status '{value}'.", "未知的房间状态“{value}”。"),
    "same_room": ("The person is already in that room.", "该人员已在该房间。"),
    "reason_required": ("A reason is required.", "必须填写原因。"),
    "release_date_unchanged": ("The new release date is the same as the current one.", "新的解除日期与原日期相同。"),
    "release_before_start": ("The release date must be after the start date {start}.",
                             "解除日期必须晚于起算日{start}。"),
    "release_refused": ("Release refused: {reasons}.", "不能解除隔离:{reasons}。"),
    "release_refused_positive": ("A positive result cannot be overridden: transfer the person instead.",
                                 "阳性结果不能强制解除,请转运。"),
    "household_host_not_here": ("The household member is not in a room at the site.", "同户成员不在隔离点房间内。"),
    "household_child_too_old": ("Only children of {max_age} or under may share with a parent.",
                                "只有{max_age}岁及以下儿童可以与家长同住。"),
    "household_no_parent": ("A child may share a room only with a parent or a designated carer.",
                            "儿童只能与家长或指定陪护人同住。"),
    "household_no_child": ("Parents share a room only with their children of 14 or under.",
                           "家长只能与14岁及以下子女同住。"),
    "household_mixed": ("A household is either parents with children or one carer with the person cared for.",
                        "同住人员只能是家长与子女,或一名陪护人与被照护人。"),
    "household_one_carer": ("Exactly one designated carer may share the room.", "只能有一名指定陪护人同住。"),
    "household_carer_unfit": ("The elderly and the chronically ill may not be carers.", "老年人和慢性病患者不能作为陪护人。"),
    "household_no_dependant": ("A carer shares a room only with the person cared for.", "陪护人只能与被照护人同住。"),
    "household_dependant_not_eligible": ("Only a child, a pregnant woman or a person who cannot look after themselves may have a carer.",
                                         "只有儿童、孕妇或生活不能自理者可以有陪护人。"),
    "household_role_unknown": ("Unknown household role '{value}'.", "未知的同住身份“{value}”。"),
    "transfer_kind_unknown": ("Unknown transfer kind '{value}'.", "未知的转运类型“{value}”。"),
    "destination_required": ("Enter where the person is transferred to.", "请填写转运去向。"),
    "policy_missing": ("No policy is set for {category}. Set it in Settings.", "尚未设置{category}的隔离政策,请在设置中设置。"),
    "permission_denied": ("Your role ({role}) may not do this. Ask a manager.", "您的角色({role})无权执行此操作,请联系负责人。"),
    # settings and site
    "setting_unknown": ("Unknown setting '{value}'.", "未知的设置项“{value}”。"),
    "time_invalid": ("'{value}' is not a time: write it as 08:00.", "“{value}”不是有效时间,请写作08:00。"),
    "fever_threshold_invalid": ("The fever threshold must be between 37.0 and 38.5 °C.", "发热标准应在37.0至38.5 °C之间。"),
    "preset_unknown": ("Unknown preset '{value}'.", "未知的预设“{value}”。"),
    "site_name_empty": ("Enter the site's name.", "请填写隔离点名称。"),
    "room_range_invalid": ("'{value}' is not a room range. Write it as: A, 2-15, 01-30.",
                           "“{value}”不是有效的房间范围,请写作:A, 2-15, 01-30。"),
    "building_code_invalid": ("The building code '{value}' is not valid (1 to 12 letters or digits).",
                              "楼栋编号“{value}”无效(1至12位字母或数字)。"),
    "floor_range_invalid": ("The floors {first} to {last} are not a valid range.", "楼层{first}至{last}不是有效范围。"),
    "room_number_range_invalid": ("The rooms {first} to {last} are not a valid range.", "房号{first}至{last}不是有效范围。"),
    "beds_invalid": ("A room has 1 to 8 beds.", "每个房间应有1至8张床。"),
    "too_many_rooms": ("{count} rooms at once is too many; create them building by building.",
                       "一次创建{count}个房间过多,请按楼栋分批创建。"),
    "isolation_days_out_of_range": ("Isolation days must be 1 to 60.", "隔离天数应为1至60天。"),
    "home_days_out_of_range": ("Home monitoring days must be 0 to 60.", "居家监测天数应为0至60天。"),
    "test_day_out_of_range": ("Test day {value} is outside the isolation (0 to {days}).", "检测日{value}超出隔离期(0至{days})。"),
    "test_days_not_increasing": ("List each test day once, in order.", "检测日请按顺序填写,且不重复。"),
    "test_days_invalid": ("'{value}' is not a list of days: write 1, 4, 7, 14.", "“{value}”不是有效的检测日,请写作1, 4, 7, 14。"),
    "counted_from_unknown": ("Unknown start rule '{value}'.", "未知的起算方式“{value}”。"),
    # storage
    "not_a_database": ("{path} is not an Isolation Desk database (not an SQLite file). It was left untouched.",
                       "{path}不是隔离点数据库(不是SQLite文件),文件未被改动。"),
    "not_our_database": ("{path} is an SQLite file of another program. It was left untouched.",
                         "{path}是其他程序的SQLite文件,文件未被改动。"),
    "schema_newer": ("{path} was written by a newer version of Isolation Desk (schema {found}, this version reads up to {supported}). Install the newer version.",
                     "{path}由更新版本的软件写入(结构版本{found},本版本最高支持{supported}),请安装新版本。"),
    "database_damaged": ("The database {path} is damaged ({detail}). It will not be written to; restore the latest good backup.",
                         "数据库{path}已损坏({detail}),不会再写入,请恢复最近的完好备份。"),
    "database_missing": ("There is no database at {path}.", "{path}处没有数据库。"),
    "database_is_folder": ("{path} is a folder, not a database file.", "{path}是文件夹,不是数据库文件。"),
    "database_locked": ("The database is in use by another program. Close it and try again.",
                        "数据库正被其他程序使用,请关闭后重试。"),
    "database_read_only": ("The database cannot be written (read-only). Check the file's permissions.",
                           "数据库无法写入(只读),请检查文件权限。"),
    "disk_full": ("The disk is full: nothing was saved. Free some space and try again.",
                  "磁盘已满,未保存任何内容。请清理空间后重试。"),
    "file_error": ("The file could not be written: {detail}", "文件无法写入:{detail}"),
    "read_failed": ("The figures could not be read ({detail}). They are read again at the next "
                    "change; if this persists, run 'isolation-desk check' on the site's file.",
                    "数据读取失败({detail})。下次数据变动时会重新读取;如果一直失败,请对站点文件运行"
                    "“isolation-desk check”检查。"),
    # identity and spreadsheets (io/spreadsheet.py)
    "id_region": ("The region code '{value}' is not six digits.", "地区代码“{value}”不是6位数字。"),
    "id_sequence": ("The sequence number must be 0 to 499.", "顺序码应为0至499。"),
    "temperature_empty": ("The temperature is empty.", "体温为空。"),
    "xls_unsupported": ("This .xls file is a web page, not a workbook. Open it in Excel or WPS and save it as .xlsx or .csv.",
                        "该.xls文件实为网页而非工作簿,请用Excel或WPS另存为.xlsx或.csv后再导入。"),
    "file_empty": ("The file is empty: there are no rows to read.", "文件为空,没有可读取的行。"),
    "file_unreadable": ("The file could not be read ({detail}). Check that it is an .xlsx, .xls, .ods or .csv file and not open elsewhere.",
                        "无法读取文件({detail}),请确认是.xlsx、.xls、.ods或.csv文件且未被其他程序占用。"),
    "sheet_not_found": ("The sheet '{value}' is not in the workbook.", "工作簿中没有工作表“{value}”。"),
    "header_not_found": ("No header row with the columns {required} was found in the first rows. Check the file or map the columns by hand.",
                         "在前几行中找不到包含{required}列的表头,请检查文件或手动指定列。"),
    "column_override_invalid": ("The column '{value}' chosen for a field does not exist in the file.",
                                "为字段指定的列“{value}”在文件中不存在。"),
    "file_unwritable": ("The file {path} could not be written ({detail}). Close it if it is open in Excel, or choose another folder.",
                        "无法写入文件{path}({detail}),如已在Excel中打开请先关闭,或选择其他文件夹。"),
    "demo_needs_empty_database": ("The demo site needs an empty database: choose a new file.",
                                  "演示数据需要空数据库,请选择新文件。"),
    "test_unknown": ("No such test.", "找不到该检测记录。"),
    "test_already_sampled": ("This test was already sampled.", "该检测已采样。"),
    "test_not_sampled": ("Record the sampling before the result.", "请先登记采样,再录入结果。"),
    "result_unknown": ("Unknown result '{value}': use negative, positive or invalid.", "未知的检测结果“{value}”,请使用阴性、阳性或无效。"),
    "slot_unknown": ("Unknown time of day '{value}': use morning or evening.", "未知的时段“{value}”,请使用上午或下午。"),
}

# Release refusal reasons, spelled out for the release dialog and the command line.
REASON_WORDS: dict[str, tuple[str, str]] = {
    "not_yet_due": ("the release date has not been reached", "未到解除日期"),
    "test_positive": ("a test is positive", "有阳性检测结果"),
    "surface_positive": ("a surface sample is positive", "环境(物表)样本阳性"),
    "test_missing": ("a scheduled test was not taken", "有应检未检的检测"),
    "result_pending": ("a test result is pending", "有检测结果未出"),
    "fever_24h": ("fever in the last 24 hours", "24小时内有发热"),
    "not_in_isolation": ("the person is not in isolation", "该人员不在隔离中"),
}


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
    from .io.spreadsheet import FIELD_ALIASES
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
    text = reason_words(code, lang)
    if code == "test_missing" and params.get("missing"):
        from .messages_i14a import missing_tests_words
        text += f"({missing_tests_words(params['missing'], lang)})" if lang.startswith("zh") \
            else f" ({missing_tests_words(params['missing'], lang)})"
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


def _merge_area_catalogs() -> None:
    # Each area keeps its own catalog so that work on one area never edits another's.
    from . import (messages_accounts, messages_handover, messages_i14a, messages_i15, messages_i16, messages_i17, messages_imports, messages_supplies,
                   messages_tests, messages_ui)
    for module in (messages_tests, messages_supplies, messages_handover, messages_imports,
                   messages_accounts, messages_ui,
                   messages_i14a, messages_i17, messages_i15, messages_i16):
        for code, pair in module.MESSAGES.items():
            MESSAGES.setdefault(code, pair)  # the core catalog wins over an area's copy
        for code, pair in getattr(module, "REASON_WORDS", {}).items():
            REASON_WORDS.setdefault(code, pair)


_merge_area_catalogs()
