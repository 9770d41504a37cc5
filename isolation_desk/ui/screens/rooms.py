"""The rooms screen (not yet available until its issue lands)."""
from __future__ import annotations

from .base import NotYetScreen


class RoomsScreen(NotYetScreen):
    key = "rooms"

    def title(self) -> str:
        return self.tr("Rooms")
