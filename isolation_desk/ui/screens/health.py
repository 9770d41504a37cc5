"""The health screen (not yet available until its issue lands)."""
from __future__ import annotations

from .base import NotYetScreen


class HealthScreen(NotYetScreen):
    key = "health"

    def title(self) -> str:
        return self.tr("Health")
