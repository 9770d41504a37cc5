"""Reason codes of the accounts area -> (english, chinese). Registered in ``isolation_desk.messages``.

Accounts, the audit trail, backups, the instance lock and personal-data exports.
"""
MESSAGES: dict[str, tuple[str, str]] = {
    # accounts
    "sign_in_failed": ("Wrong user name or password. Check both and try again "
                       "(after 5 wrong attempts the account is locked for 15 minutes).",
                       "用户名或密码错误,请核对后重试(连续输错5次,账号将被锁定15分钟)。"),
    "account_locked": ("Too many wrong passwords: this account is locked until {until}. "
                       "Wait, or ask a manager to reset the password.",
                       "密码错误次数过多,该账号已锁定至{until}。请稍候,或请负责人重置密码。"),
    "account_inactive": ("This account has been deactivated. Ask a manager to reactivate it.",
                         "该账号已停用,请联系负责人重新启用。"),
    "username_invalid": ("The user name '{value}' is not valid: use 2 to 32 letters, digits, "
                         "'.', '_' or '-', without spaces.",
                         "用户名“{value}”无效:请使用2至32位字母、数字、“.”、“_”或“-”,不要含空格。"),
    "username_taken": ("The user name '{value}' is already in use. Choose another one.",
                       "用户名“{value}”已被使用,请换一个。"),
    "display_name_empty": ("Enter the person's name as it should appear in the records.",
                           "请填写在记录中显示的姓名。"),
    "password_too_short": ("The password must have at least {minimum} characters. Choose a longer one.",
                           "密码至少需要{minimum}个字符,请设置更长的密码。"),
    "password_mismatch": ("The two passwords are not the same. Type the new password twice.",
                          "两次输入的密码不一致,请重新输入两次新密码。"),
    "password_same": ("The new password is the same as the old one. Choose a different password.",
                      "新密码与原密码相同,请设置不同的密码。"),
    "role_unknown": ("Unknown role '{value}'. Use manager, medical, front_desk, logistics or viewer.",
                     "未知的角色“{value}”。可用:manager(负责人)、medical(医护)、front_desk(前台)、"
                     "logistics(后勤)、viewer(只读)。"),
    "user_unknown": ("There is no user '{value}'. Check the user name (see 'users list').",
                     "没有用户“{value}”,请核对用户名(可查看用户列表)。"),
    "users_exist": ("The first manager account already exists. Sign in as a manager to add users.",
                    "首个负责人账号已存在,请以负责人身份登录后添加用户。"),
    "last_manager": ("This is the last active manager account: it cannot be deactivated or demoted. "
                     "Create another manager first.",
                     "这是最后一个启用的负责人账号,不能停用或降级。请先创建另一个负责人账号。"),
    "cannot_deactivate_self": ("You cannot deactivate your own account. Ask another manager.",
                               "不能停用自己的账号,请由其他负责人操作。"),
    "no_users": ("No user account exists yet. Create the first manager account "
                 "(isolation-desk users add --role manager).",
                 "尚无用户账号,请先创建首个负责人账号(isolation-desk users add --role manager)。"),
    # backups and restore
    "backup_damaged": ("The backup {path} is damaged or not an Isolation Desk database ({detail}). "
                       "Nothing was changed; choose another backup.",
                       "备份文件{path}已损坏或不是隔离点数据库({detail}),未作任何改动,请选择其他备份。"),
    "backup_missing": ("There is no backup file at {path}. Check the path.",
                       "{path}处没有备份文件,请核对路径。"),
    "backup_same_file": ("The backup file is the database itself. Choose a backup file.",
                         "所选文件就是当前数据库本身,请选择备份文件。"),
    "no_good_backup": ("No good backup of {path} was found. Copy the file and contact support; "
                       "do not keep working on a damaged database.",
                       "没有找到{path}的完好备份。请复制该文件并联系技术支持,不要在损坏的数据库上继续工作。"),
    # instance lock
    "database_in_use": ("{path} is already open in another Isolation Desk window (process {pid} "
                        "since {since}). Use that window, or close it first.",
                        "{path}已在另一个隔离点窗口中打开(进程{pid},自{since}起)。请使用该窗口,或先将其关闭。"),
    # audit
    "audit_chain_broken": ("The audit trail was tampered with at entries {ids}: an entry was edited "
                           "or deleted. Keep the file as evidence and restore the latest good backup.",
                           "审计记录在第{ids}条处被篡改(条目被修改或删除)。请保留该文件作为证据,并恢复最近的完好备份。"),
}
