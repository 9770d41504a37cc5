"""The occupants screen (not yet available until its issue lands)."""
from __future__ import annotations

from .base import NotYetScreen


class OccupantsScreen(NotYetScreen):
    key = "occupants"

    def title(self) -> str:
        return self.tr("Occupants")
