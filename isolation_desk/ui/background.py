"""Reads that take seconds on a large site (the Today screen's shift summary) run on a
thread of their own, with a read-only connection of their own, so
that the window paints and answers at once and the figures arrive when they are ready."""
from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..domain.errors import DomainError


class BackgroundReader(QObject):
    """``read(db, fn)`` runs ``fn(reader_db)`` on a worker thread and emits ``ready(result,
    error)`` in the window's thread. One read at a time: a request made while one runs
    replaces any waiting request and runs when the current one ends, whose result is then
    dropped (it is older than what the screen asked for). A database that is not a file
    (``:memory:``) is read at once, on the caller's thread, through its own connection."""

    ready = Signal(object, object)  # (result or None, error or None)
    _finished = Signal(object, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._running = False
        self._waiting = None
        self._thread: threading.Thread | None = None
        self._finished.connect(self._on_finished)

    @property
    def busy(self) -> bool:
        return self._running or self._waiting is not None

    def read(self, db, fn) -> None:
        if not Path(db.path).is_file():
            self.ready.emit(*self._call(fn, db))
            return
        if self._running:
            self._waiting = (db, fn)
            return
        self._start(db, fn)

    def wait(self, timeout: float | None = None) -> None:
        """Join the worker thread (tests, closing the window)."""
        if self._thread is not None:
            self._thread.join(timeout)

    def _start(self, db, fn) -> None:
        self._running = True
        self._thread = threading.Thread(target=self._run, args=(db, fn), name="background-read",
                                        daemon=True)
        self._thread.start()

    @staticmethod
    def _call(fn, db):
        try:
            return fn(db), None
        except DomainError as exc:
            return None, exc
        except Exception as exc:  # shown in words on the screen, never lost in a thread
            return None, DomainError("read_failed", detail=f"{type(exc).__name__}: {exc}")

    def _run(self, db, fn) -> None:
        # the reader is opened here, on the worker thread that uses it (with the key of an
        # encrypted site)
        reader, error = self._call(lambda d: d.open_reader(), db)
        if error is None:
            try:
                result, error = self._call(fn, reader)
            finally:
                reader.close()
        else:
            result = None
        try:
            self._finished.emit(result, error)
        except RuntimeError:  # the screen was closed meanwhile: nobody waits for the figures
            pass

    def _on_finished(self, result, error) -> None:
        self._running = False
        if self._waiting is not None:
            db, fn = self._waiting
            self._waiting = None
            self._start(db, fn)  # the result in hand is older than what was asked for
            return
        self.ready.emit(result, error)
