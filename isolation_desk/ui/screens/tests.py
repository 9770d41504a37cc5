"""The tests screen (not yet available until its issue lands)."""
from __future__ import annotations

from .base import NotYetScreen


class TestsScreen(NotYetScreen):
    key = "tests"

    def title(self) -> str:
        return self.tr("Tests")
