"""Reason codes of the tests area (schedules, sampling, results) -> (english, chinese).
Registered in ``isolation_desk.messages``."""
MESSAGES: dict[str, tuple[str, str]] = {
    # schedules, regimes, pools (domain/schedule.py)
    "regime_unknown": ("Unknown test regime '{value}'. Choose daily (一天一检) or 3 in 5 days (五天三检), or none.",
                       "未知的检测频次“{value}”,请选择一天一检、五天三检或不加检。"),
    "test_kind_unknown": ("Unknown test kind '{value}'. Choose PCR or antigen.",
                          "未知的检测类型“{value}”,请选择核酸或抗原。"),
    "pool_size_invalid": ("A pool holds 1, 5, 10 or 20 samples, not {value}. Choose one of these sizes.",
                          "混采管只能是1、5、10或20合1,不能是{value},请重新选择。"),
    # sampling (services/testing/sampling.py)
    "scan_code_invalid": ("'{value}' is not a door-card code (ISD:<number>). Scan the QR code on the door card again, "
                          "or pick the person in the list.",
                          "“{value}”不是门卡二维码(ISD:编号)。请重新扫描门卡上的二维码,或在列表中选择该人员。"),
    "nothing_due": ("{name} ({room}) has no sample left to take today: already sampled, or no test due. Check the "
                    "list.",
                    "{name}({room})今天没有待采样本:已采样或今天无检测安排,请核对列表。"),
    "pool_unknown": ("No such pooled tube. Open a new pool and sample again.", "找不到该混采管,请新开一管后重新采样。"),
    "pool_closed": ("Pool {pool} already has its result: open a new pool for further samples.",
                    "混采管{pool}已有结果,请新开一管继续采样。"),
    "pool_full": ("Pool {pool} is full ({size} samples). Open a new pool for the next person.",
                  "混采管{pool}已满({size}人),请为下一位新开一管。"),
    "pool_kind_mismatch": ("Pool {pool} is for another kind of test. Sample this person singly or use a matching pool.",
                           "混采管{pool}的检测类型不同,请单采或使用相同类型的混采管。"),
    "pool_not_for_retest": ("A re-test or second-lab sample is taken singly, never pooled. Switch pooling off for this "
                            "person.",
                            "复检或双采双检样本只能单采,不能混采,请对该人员关闭混采。"),
    "pool_pcr_only": ("Only PCR samples are pooled; antigen tests are done one by one.",
                      "只有核酸样本可以混采,抗原检测须逐人进行。"),
    "pool_code_taken": ("The tube code {pool} is already used. Check the label, or leave the code empty to number it "
                        "automatically.",
                        "管号{pool}已被使用,请核对标签,或留空由系统自动编号。"),
    "pool_empty": ("Pool {pool} holds no samples: there is no result to record for it.",
                   "混采管{pool}中没有样本,无需录入结果。"),
    # results
    "result_through_pool": ("This sample was pooled: enter the result for its pool (or its re-test), not for the "
                            "person.",
                            "该样本为混采,请录入混采管(或复检)的结果,不要单独录入个人结果。"),
    "result_already_recorded": ("A result ({result}) is already recorded; it is not overwritten. Ask a manager if it "
                                "is wrong.",
                                "已录入结果({result_zh}),不会覆盖。如有错误请联系负责人。"),
    "nothing_selected": ("Nothing is selected. Select the people or results first.", "未选择任何内容,请先选择人员或结果"
                                                                                     "。"),
    "alert_unknown": ("No such alert.", "找不到该警报。"),
    "alert_already_handled": ("This alert was already handled by {by}.", "该警报已由{by}处理。"),
    "no_restart_to_undo": ("This person's isolation was not restarted (or the restart was already undone): nothing to "
                           "undo.",
                           "该人员没有被重新计算隔离期(或已撤销),无需撤销。"),
    # health checks
    "symptom_unknown": ("Unknown symptom '{value}'. Pick symptoms from the list.", "未知的症状“{value}”,请从列表中选择"
                                                                                   "。"),
    # lab results import (services/results_import.py)
    "import_no_rows": ("The sheet has a header but no result rows below it. Check that you chose the right file and "
                       "sheet.",
                       "表格只有表头,下面没有结果行。请确认选择了正确的文件和工作表。"),
    "import_unmatched": ("No one with this ID number is at the site (nor on the staff roster).",
                         "本隔离点(及工作人员名册)中没有该证件号码的人员。"),
    "import_name_mismatch": ("The name '{value}' does not match {name}, who has this ID number. Check the row with the "
                             "lab; it was not recorded.",
                             "姓名“{value}”与该证件号码登记的{name}不符,请与检测机构核对,此行未录入。"),
    "import_result_conflict": ("The lab says {value} but {result} is already recorded for this sample. Check with the "
                               "lab; nothing was overwritten.",
                               "检测机构结果为{value_zh},但该样本已录入{result_zh}。请与检测机构核对,未覆盖原结果。"),
    "import_result_unknown": ("'{value}' is not a result. Write 阴性/阳性 (negative/positive) or 无效 (invalid).",
                              "“{value}”不是有效的检测结果,请写作阴性、阳性或无效。"),
    "import_id_missing": ("The ID number is empty on this row. Fill it in and import again.",
                          "此行证件号码为空,请补全后重新导入。"),
    "import_duplicate_row": ("This person's result for the same sampling appears twice in the file; the first row was "
                             "used.",
                             "文件中该人员同一次采样的结果出现两次,已使用第一行。"),
    # staff roster (services/staff.py)
    "staff_role_unknown": ("Unknown staff role '{value}'. Choose doctor, nurse, security, cleaner, logistics, manager "
                           "or other.",
                           "未知的岗位“{value}”,请选择医生、护士、安保、保洁、后勤、负责人或其他。"),
    "staff_exists": ("{name} (this ID number) is already on the staff roster.", "{name}(该证件号码)已在工作人员名册中"
                                                                                "。"),
    "staff_unknown": ("No such staff member.", "找不到该工作人员。"),
}
