"""The supplies screen (not yet available until its issue lands)."""
from __future__ import annotations

from .base import NotYetScreen


class SuppliesScreen(NotYetScreen):
    key = "supplies"

    def title(self) -> str:
        return self.tr("Supplies")
