"""Reason codes of the papers and the command line (issue 17) -> (english, chinese).
Merged into messages.MESSAGES."""
MESSAGES: dict[str, tuple[str, str]] = {
    "no_occupied_rooms": ("No occupied room matches the choice: there are no door cards to print. "
                          "Choose another building, floor or room.",
                          "所选范围内没有在住房间,无门牌卡可打印。请选择其他楼栋、楼层或房间。"),
    "paper_unreadable": ("The paper was written but cannot be shown ({detail}). Save it as PDF and open the file.",
                         "文书已生成但无法预览({detail})。请另存为PDF后打开文件。"),
}
MESSAGES.update({
    "site_already_set_up": ("This database already holds the site '{name}'. Use another --db for a new site, "
                            "or change this one in Settings.",
                            "该数据库已是隔离点“{name}”,新建隔离点请使用另一个--db文件,或在设置中修改本隔离点。"),
})
