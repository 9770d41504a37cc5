"""Reason codes of the papers and the command line (issue 17) -> (english, chinese).
Merged into messages.MESSAGES."""
MESSAGES: dict[str, tuple[str, str]] = {
    "no_occupied_rooms": ("No occupied room matches the choice: there are no door cards to print. "
                          "Choose another building, floor or room.",
                          "所选范围内没有在住房间,无门牌卡可打印。请选择其他楼栋、楼层或房间。"),
    "paper_unreadable": ("The paper was written but cannot be shown ({detail}). Save it as PDF and open the file.",
                         "文书已生成但无法预览({detail})。请另存为PDF后打开文件。"),
}
