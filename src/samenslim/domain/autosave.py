"""Saving off the UI thread.

The screen hands over a serialised snapshot on every captured change; a single background thread
writes the newest one (older pending snapshots are skipped, they are contained in the newer one).
Typing never waits for the disk, and a failing disk is reported, retried on the next change, and
never loses what is still in memory.

Writes are at least MIN_INTERVAL apart: while someone types, the snapshots of a burst of keys
collapse into one write (a write with its two fsyncs costs more than the serialisation), and the
last key is on disk at most MIN_INTERVAL (plus the write itself) after it was typed. `flush` and
`close` (leaving, quitting, the crash handler) do not wait for the interval.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from samenslim.domain.session import Sessie
from samenslim.domain.store import SaveError, SessionStore

ErrorCallback = Callable[[SaveError | None], None]


class Autosaver:
    MIN_INTERVAL = 0.25  # seconds between the starts of two writes

    def __init__(self, store: SessionStore, on_result: ErrorCallback | None = None,
                 on_notice: Callable[[str], None] | None = None, min_interval: float | None = None) -> None:
        self._store = store
        self._min_interval = self.MIN_INTERVAL if min_interval is None else min_interval
        self._urgent = 0  # callers waiting in flush: write now, not after the interval
        self._on_result = on_result or (lambda error: None)
        # What a save has to tell besides success or failure (a file changed outside samenslim).
        self._on_notice = on_notice or (lambda text: None)
        self._pending: dict[str, bytes] = {}  # the newest snapshot of each session not yet written
        self._writing = False
        self._closed = False
        self._condition = threading.Condition()
        self.last_error: SaveError | None = None
        self._thread = threading.Thread(target=self._run, name="samenslim-autosave", daemon=True)
        self._thread.start()

    def submit(self, session: Sessie) -> None:
        data = session.to_json_bytes()
        with self._condition:
            self._pending[session.id] = data
            self._condition.notify_all()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything submitted so far is on disk (or failed). True when idle in time."""
        with self._condition:
            self._urgent += 1
            self._condition.notify_all()
            try:
                return self._condition.wait_for(lambda: not self._pending and not self._writing, timeout)
            finally:
                self._urgent -= 1

    def close(self, timeout: float = 10.0) -> bool:
        idle = self.flush(timeout)
        with self._condition:
            self._closed = True
            self._condition.notify_all()
        self._thread.join(timeout)
        return idle

    def _run(self) -> None:
        last_write = float("-inf")
        while True:
            with self._condition:
                self._condition.wait_for(lambda: bool(self._pending) or self._closed)
                if not self._pending:
                    return
                # Too soon after the previous write: let newer snapshots replace this one meanwhile.
                while not self._closed and not self._urgent:
                    left = last_write + self._min_interval - time.monotonic()
                    if left <= 0:
                        break
                    self._condition.wait(left)
                pending, self._pending = self._pending, {}
                self._writing = True
            last_write = time.monotonic()
            error: SaveError | None = None
            for session_id, data in pending.items():
                try:
                    self._store.write_bytes(session_id, data)
                except SaveError as failure:
                    error = failure
            with self._condition:
                self._writing = False
                changed = (error is None) != (self.last_error is None)
                self.last_error = error
                self._condition.notify_all()
            if error is not None or changed:
                self._on_result(error)
            for notice in self._store.take_notices():
                self._on_notice(notice)
