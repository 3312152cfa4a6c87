"""Saving off the UI thread.

The screen hands over a serialised snapshot on every captured change; a single background thread
writes the newest one (older pending snapshots are skipped, they are contained in the newer one).
Typing never waits for the disk, and a failing disk is reported, retried on the next change, and
never loses what is still in memory.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from samenslim.domain.session import Sessie
from samenslim.domain.store import SaveError, SessionStore

ErrorCallback = Callable[[SaveError | None], None]


class Autosaver:
    def __init__(self, store: SessionStore, on_result: ErrorCallback | None = None,
                 on_notice: Callable[[str], None] | None = None) -> None:
        self._store = store
        self._on_result = on_result or (lambda error: None)
        # What a save has to tell besides success or failure (a file changed outside samenslim).
        self._on_notice = on_notice or (lambda text: None)
        self._pending: tuple[str, bytes] | None = None
        self._writing = False
        self._closed = False
        self._condition = threading.Condition()
        self.last_error: SaveError | None = None
        self._thread = threading.Thread(target=self._run, name="samenslim-autosave", daemon=True)
        self._thread.start()

    def submit(self, session: Sessie) -> None:
        data = session.to_json_bytes()
        with self._condition:
            self._pending = (session.id, data)
            self._condition.notify_all()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything submitted so far is on disk (or failed). True when idle in time."""
        with self._condition:
            return self._condition.wait_for(lambda: self._pending is None and not self._writing, timeout)

    def close(self, timeout: float = 10.0) -> bool:
        idle = self.flush(timeout)
        with self._condition:
            self._closed = True
            self._condition.notify_all()
        self._thread.join(timeout)
        return idle

    def _run(self) -> None:
        while True:
            with self._condition:
                self._condition.wait_for(lambda: self._pending is not None or self._closed)
                if self._pending is None:
                    return
                session_id, data = self._pending
                self._pending = None
                self._writing = True
            error: SaveError | None = None
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
