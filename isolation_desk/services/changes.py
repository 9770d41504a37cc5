"""Each service that writes says what it changes.

    @writes(Kind.STAYS, Kind.ROOMS)
    def move(db, stay_id, room_id, ...): ...

``writes`` records the kinds on the function (``Kind.AUDIT`` is implied: every action leaves an
audit entry); ``changes_of(fn)`` gives them back as a ``Changes``. The window calls a service
through ``AppContext.run(parent, fn, ...)``, which tells the screens ``changes_of(fn)``. The
services themselves return what they always returned, so the command line and the tests
are unaffected. A function that is not marked cannot be run by the window (``changes_of``
raises), and tests/services/test_changes.py fails on a service that opens a write
transaction without the mark.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ..domain.changes import Changes, Kind

__all__ = ["Changes", "Kind", "changes_of", "writes"]

F = TypeVar("F", bound=Callable[..., Any])

_ATTRIBUTE = "__isolation_desk_changes__"


def writes(*kinds: Kind) -> Callable[[F], F]:
    """Mark a service with the kinds of records it may change (plus the audit trail)."""
    if not kinds:
        raise TypeError("writes() needs at least one Kind")
    changes = Changes.of(*kinds, Kind.AUDIT)

    def mark(fn: F) -> F:
        setattr(fn, _ATTRIBUTE, changes)
        return fn

    return mark


def changes_of(fn: Callable[..., Any]) -> Changes:
    """What calling ``fn`` changes; a ``functools.partial`` answers for its function."""
    target = getattr(fn, "func", fn)
    changes = getattr(target, _ATTRIBUTE, None)
    if changes is None:
        raise TypeError(f"{getattr(target, '__qualname__', target)!r} does not say what it "
                        "changes: mark it with @writes(Kind...)")
    return changes  # type: ignore[no-any-return]


def is_marked(fn: Callable[..., Any]) -> bool:
    return getattr(getattr(fn, "func", fn), _ATTRIBUTE, None) is not None
