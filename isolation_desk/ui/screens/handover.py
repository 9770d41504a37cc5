"""The handover screen (not yet available until its issue lands)."""
from __future__ import annotations

from .base import NotYetScreen


class HandoverScreen(NotYetScreen):
    key = "handover"

    def title(self) -> str:
        return self.tr("Handover")
