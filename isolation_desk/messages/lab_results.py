"""Reason codes of issue 14 (part b): lab batches, positive-first name conflicts, positives
held against an arrival, two labs for the double sample, surface samples."""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "bulk_batch_unknown": ("Pick one lab batch: a pooled tube, a sampling run, or the samples taken before a time.",
                           "请选择一个检测批次:一个混采管、一次采样(某层某日),或某时间之前采集的样本。"),
    "bulk_run_day_required": ("Give the day of the sampling run.", "请填写该次采样的日期。"),
    "bulk_before_required": ("Give the time: samples taken before it are recorded.",
                             "请填写时间:只录入该时间之前采集的样本。"),
    "bulk_count_changed": ("The batch changed since you looked at it ({expected} then, {count} now): look at the count "
                           "again and confirm.",
                           "该批次在您查看后已有变化(当时{expected}份,现在{count}份),请重新核对数量后再确认。"),
    "bulk_nothing_in_batch": ("Nothing in this batch can be recorded as negative: samples of the last hour and "
                              "last-day samples need a lab's result, imported or entered one by one.",
                              "该批次中没有可批量录入为阴性的样本:最近一小时内采集的样本和解除前采样须有检测机构的结果(导入或逐条录入)。"),
    "bulk_too_recent": ("A sample taken in the last hour cannot have a lab's result yet: it is never recorded negative "
                        "in bulk. Enter it one by one when the lab's result is in.",
                        "最近一小时内采集的样本不可能已有检测结果,不能批量录入为阴性。请在检测机构出具结果后逐条录入。"),
    "bulk_release_sample": ("A last-day sample (release, second lab or surfaces) needs the lab's result, imported or "
                            "entered one by one, never a bulk negative.",
                            "解除前样本(解除前采样、第二份采样或环境物表)须有检测机构的结果(导入或逐条录入),不能批量录入为阴性。"),
    "import_name_mismatch_positive": ("POSITIVE recorded: the name '{value}' differs on the lab sheet from {name}, who "
                                      "has this ID number. The emergency is raised; confirm the identity with the lab.",
                                      "已按阳性处理:检测单上的姓名“{value}”与该证件号码登记的{name}不符。已启动应急处置,请与检测机构核实身份。"),
    "positive_awaiting_arrival": ("{name} tested positive before checking in: do not put them in an ordinary room. Use "
                                  "the holding room ({holding}) or transfer them to the designated hospital.",
                                  "{name}在入住前检测结果为阳性,不得安排入普通房间。请安排至临时留观房间({holding})或转运至定点医院。"),
    "holding_room_not_set": ("No holding room is set for this site: transfer the person, or set a holding room in the "
                             "site settings.",
                             "本隔离点未设置临时留观房间:请转运该人员,或在场所设置中指定留观房间。"),
    "double_sample_lab_required": ("This is one of the two samples of the double sample (two labs): type the lab that "
                                   "tested it, so that the release can check the two labs differ.",
                                   "该样本为双采双检的两份样本之一,请填写检测机构,以便解除隔离时核对两份样本由不同机构检测。"),
}

# Release refusal reasons added by this part (the release dialog and the command line).
REASON_WORDS: dict[str, tuple[str, str]] = {
    "result_unconfirmed": ("a last-day result was only recorded in bulk: it needs the lab's result",
                           "解除前采样结果仅为批量录入,须有检测机构的结果"),
}
