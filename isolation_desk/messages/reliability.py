"""Reason codes of the reliability work (restore under writers, read-only and damaged files,
hostile inputs) -> (english, chinese). Merged into messages.MESSAGES."""
MESSAGES: dict[str, tuple[str, str]] = {
    "folder_read_only": (
        "The folder {path} cannot be written (it is read-only), so nothing can be saved there. "
        "The site's file is not damaged: give this account write access to the folder, or copy "
        "the folder to a place that can be written.",
        "文件夹{path}无法写入(只读),因此无法在此保存任何内容。数据文件本身没有损坏:请为当前账户开通该文件夹的写入权限,"
        "或将整个文件夹复制到可写入的位置。"),
    "database_being_restored": (
        "{path} is being restored from a backup right now; nothing was changed. Try again in a minute.",
        "{path}正在从备份恢复,未做任何更改。请一分钟后再试。"),
    "restore_in_use_window": (
        "{path} cannot be restored while an Isolation Desk window has it open (process {pid} on "
        "{host}, since {since}). Restore from that window's Account menu, or close it first.",
        "{path}正被一个隔离点窗口打开(主机{host}上的进程{pid},自{since}起),不能恢复。"
        "请在该窗口的“账户”菜单中恢复,或先关闭该窗口。"),
    "restore_in_use_command": (
        "{path} cannot be restored while a command is writing to it. Wait for it to finish and "
        "try again.",
        "{path}正在被一个命令写入,不能恢复。请等它完成后再试。"),
    "database_replaced": (
        "The site's file {path} was restored from a backup (or replaced) by another program. "
        "Your last change was not saved; the screens now show the file as it is: check it and "
        "do the change again.",
        "数据文件{path}已被其他程序从备份恢复(或替换)。您刚才的更改没有保存;各界面已显示文件的当前内容,请核对后重新操作。"),
    "schema_unknown_changes": (
        "{path} was written by a newer version of Isolation Desk (it holds changes this version "
        "does not know: {names}). Install the newer version.",
        "{path}由较新版本的隔离点软件写入(包含本版本不认识的更改:{names})。请安装较新的版本。"),
    "database_damaged_newest_backup": (
        "The database {path} is damaged ({detail}). The newest good backup is {backup} (taken "
        "{taken_at}); restore it with: isolation-desk restore --db {path} {backup}",
        "数据库{path}已损坏({detail})。最新的完好备份是{backup}(备份于{taken_at});"
        "恢复命令:isolation-desk restore --db {path} {backup}"),
    "field_too_long": (
        "{file} has a cell of more than {limit} characters, which no list of people holds. "
        "Check that it is the right file.",
        "{file}中有一个超过{limit}个字符的单元格,人员名单不会有这样的内容。请确认文件是否正确。"),
    "spreadsheet_too_many_rows": (
        "{file} has more than {limit} rows, the most one file may hold. Split the list into "
        "smaller files.",
        "{file}超过{limit}行,超出单个文件的上限。请把名单拆分为较小的文件。"),
    "spreadsheet_too_large": (
        "{file} expands to more than {limit} when opened, the most a list may take. Check that "
        "it is the right file, or split the list into smaller files.",
        "{file}打开后超过{limit},超出名单的上限。请确认文件是否正确,或把名单拆分为较小的文件。"),
    "stdout_unwritable": (
        "The output could not be written ({detail}); nothing more was exported. Free some space, "
        "or write to a file with --out.",
        "输出无法写入({detail});未再导出任何内容。请释放磁盘空间,或用--out写入文件。"),
}
