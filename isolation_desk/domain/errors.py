"""Errors that the domain raises: a reason code and its parameters, never words.

The UI and the command line turn codes into translated sentences (see
``isolation_desk.messages``); tests compare codes, not text.
"""
from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A refused action or invalid input, identified by a stable reason code."""

    def __init__(self, code: str, field: str | None = None, **params: Any) -> None:
        self.code = code
        self.field = field
        self.params = params
        super().__init__(code if not params else f"{code} {params}")

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"DomainError({self.code!r}, field={self.field!r}, **{self.params!r})"


class Refused(DomainError):
    """An action that the rules do not allow now (may carry several reasons)."""

    def __init__(self, code: str, reasons: list[str] | None = None, **params: Any) -> None:
        super().__init__(code, **params)
        self.reasons = list(reasons or [])
