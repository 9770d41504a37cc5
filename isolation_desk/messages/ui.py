"""Reason codes of the ui area -> (english, chinese). Registered in ``isolation_desk.messages``."""
MESSAGES: dict[str, tuple[str, str]] = {
    "override_reason_required": (
        "Release is refused by the rules; to release anyway, a manager writes the reason for the override.",
        "按规定不能解除隔离;如需强制解除,须由负责人填写强制解除的原因。"),
    "room_required": ("Choose a room: pick a ready room from the list, or mark a room disinfected first.",
                      "请选择房间:从列表中选择一个就绪房间,或先将房间标为已消毒。"),
    "room_ranges_empty": ("Enter at least one range of rooms, such as: A, 2-15, 01-30.",
                          "请至少填写一个房间范围,例如:A, 2-15, 01-30。"),
}
