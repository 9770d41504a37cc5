"""Reason codes of the handover area -> (english, chinese). Merged into messages.MESSAGES."""
MESSAGES: dict[str, tuple[str, str]] = {}
