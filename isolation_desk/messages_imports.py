"""Reason codes of the imports area -> (english, chinese). Merged into messages.MESSAGES."""
MESSAGES: dict[str, tuple[str, str]] = {}
