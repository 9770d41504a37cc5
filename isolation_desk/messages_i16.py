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
