"""Reason codes of the tests area -> (english, chinese). Merged into messages.MESSAGES."""
MESSAGES: dict[str, tuple[str, str]] = {
    # schedules, regimes, pools (domain/schedule.py)
    "regime_unknown": ("Unknown test regime '{value}'. Choose daily (一天一检) or 3 in 5 days (五天三检), or none.",
                       "未知的检测频次“{value}”,请选择一天一检、五天三检或不加检。"),
    "test_kind_unknown": ("Unknown test kind '{value}'. Choose PCR or antigen.",
                          "未知的检测类型“{value}”,请选择核酸或抗原。"),
    "pool_size_invalid": ("A pool holds 1, 5, 10 or 20 samples, not {value}. Choose one of these sizes.",
                          "混采管只能是1、5、10或20合1,不能是{value},请重新选择。"),
}
