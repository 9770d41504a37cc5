"""The settings screen (not yet available until its issue lands)."""
from __future__ import annotations

from .base import NotYetScreen


class SettingsScreen(NotYetScreen):
    key = "settings"

    def title(self) -> str:
        return self.tr("Settings")
