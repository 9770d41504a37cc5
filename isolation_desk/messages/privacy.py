"""Reason codes of issue 16 (personal data protected at rest and at every exit) ->
(english, chinese). Merged into messages.MESSAGES."""
MESSAGES: dict[str, tuple[str, str]] = {
    "text_control_character": (
        "The {what} contains an invisible control character (character {position}), which "
        "would print as garbage or cut the text short. Type it again instead of pasting it.",
        "{what_zh}中含有不可见的控制字符(第{position}个字符),打印时会出现乱码或被截断。"
        "请重新输入,不要粘贴。"),
}
MESSAGES.update({
    "anchor_invalid": (
        "'{value}' is not an audit anchor: copy the code printed under the signatures of a "
        "handover sheet, e.g. 1234-9f3a2b7c1d.",
        "“{value}”不是审计锚码:请抄写交接班记录签名下方打印的锚码,例如 1234-9f3a2b7c1d。"),
})
MESSAGES.update({
    "database_key_wrong": (
        "The key does not open {path}: the password's key slot or the recovery code belongs to "
        "another site file. Sign in again, or use this site's recovery sheet.",
        "该密钥无法打开 {path}:密钥槽或恢复码属于另一个隔离点文件。请重新登录,或使用本隔离点的恢复单。"),
    "key_slots_damaged": (
        "The key slots file {path} cannot be read ({detail}). Put back a copy of it, or open "
        "the site with its recovery sheet.",
        "无法读取密钥槽文件 {path}({detail})。请放回它的副本,或用恢复单打开本隔离点。"),
    "recovery_code_invalid": (
        "That is not a recovery code: it has 13 groups of 4 letters and digits, as printed on "
        "the recovery sheet. Check each group and type it again.",
        "恢复码无效:恢复码由13组、每组4个字母或数字组成,见恢复单。请逐组核对后重新输入。"),
    "recovery_not_a_manager": (
        "'{value}' is not an active manager of this site. The recovery code gives a new password "
        "to a manager only: enter the user name of the site manager's account.",
        "“{value}”不是本隔离点在用的负责人账号。恢复码只能为负责人设置新密码:请输入隔离点负责人的用户名。"),
    "database_not_encrypted": (
        "{path} is not encrypted yet: it is encrypted on the first sign-in after the upgrade.",
        "{path} 尚未加密:升级后第一次登录时会自动加密。"),
    "database_encrypted": (
        "{path} is encrypted: sign in with an account of this site, or use its recovery sheet.",
        "{path} 已加密:请用本隔离点的账号登录,或使用其恢复单。"),
})
