"""Reason codes of the supplies area -> (english, chinese). Merged into messages.MESSAGES."""
MESSAGES: dict[str, tuple[str, str]] = {}
