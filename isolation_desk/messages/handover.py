"""Reason codes of the handover area -> (english, chinese). Registered in ``isolation_desk.messages``."""
MESSAGES: dict[str, tuple[str, str]] = {
    "shift_kind_unknown": ("Unknown shift '{value}'. Choose day or night.",
                           "未知的班次“{value}”,请选择白班(day)或夜班(night)。"),
    "shift_times_equal": ("The day shift and the night shift start at the same time ({value}). "
                          "Set different start times in Settings.",
                          "白班与夜班的开始时间相同({value}),请在设置中改为不同的时间。"),
    "shift_in_future": ("The {shift} shift of {day} has not started yet. Choose a shift that has begun.",
                        "{day}的该班次({shift})尚未开始,请选择已开始的班次。"),
    "shift_log_kind_unknown": ("Unknown kind of log entry '{value}'. Choose incident, instruction or note.",
                               "未知的记录类型“{value}”,请选择事件、交办事项或备注。"),
    "shift_log_text_empty": ("The log entry is empty. Write what happened or what is to be done.",
                             "记录内容为空,请填写发生的情况或需要办理的事项。"),
    "shift_log_text_too_long": ("The log entry has {length} characters; at most {max} are kept. "
                                "Shorten it or split it into two entries.",
                                "记录内容有{length}个字,最多{max}个字,请精简或分成两条记录。"),
    "shift_log_entry_unknown": ("No such shift-log entry. Refresh the list and try again.",
                                "找不到该条交接班记录,请刷新列表后重试。"),
    "shift_log_already_resolved": ("This incident was already marked as handled at {when}.",
                                   "该事件已于{when}标记为处理完毕。"),
    "report_date_future": ("The report date {day} is in the future. Choose today or an earlier day.",
                           "报表日期{day}晚于今天,请选择今天或之前的日期。"),
    "daily_template_invalid": ("The daily report template must be a list of columns. "
                               "Reset it to the default or list the columns again.",
                               "日报模板应为列的列表,请恢复默认模板或重新列出各列。"),
    "daily_template_field_unknown": ("The daily report template names an unknown column '{value}'. "
                                     "Use only: {fields}.",
                                     "日报模板中的列“{value}”不存在,只能使用:{fields}。"),
    "output_format_unknown": ("Cannot write '{path}': the file name must end in {formats}.",
                              "无法写入“{path}”:文件名须以{formats}结尾。"),
    "no_releases_due": ("Nobody in isolation is due for release on {day}: there are no notices to print. "
                        "Choose another day or print one person's notice.",
                        "{day}没有到期解除隔离的人员,无告知书可打印。请选择其他日期,或单独打印某人的告知书。"),
    "stay_not_on_site": ("{name}'s stay is '{status}': a release notice is made only for people in isolation "
                         "or released. Check that you chose the right person.",
                         "{name}的隔离记录状态为“{status}”,解除告知书只适用于隔离中或已解除人员,请确认所选人员。"),
}
