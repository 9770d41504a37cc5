"""The today screen (not yet available until its issue lands)."""
from __future__ import annotations

from .base import NotYetScreen


class TodayScreen(NotYetScreen):
    key = "today"

    def title(self) -> str:
        return self.tr("Today")
