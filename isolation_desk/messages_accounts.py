"""Reason codes of the accounts area -> (english, chinese). Merged into messages.MESSAGES."""
MESSAGES: dict[str, tuple[str, str]] = {}
