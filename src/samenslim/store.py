"""Session files on disk: atomic saves, owner-only permissions, a lock per session, and damaged
files reported by name and left exactly as they are."""

from __future__ import annotations

import errno
import json
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from pydantic import ValidationError

from samenslim.private_files import ensure_private_folder
from samenslim.private_files import remove_stale_temp_files as _remove_stale
from samenslim.session import ID_PATTERN, NewerSchemaError, Sessie, session_from_json

SUFFIX = ".json"
TEMP_SUFFIX = ".tmp"
LOCK_SUFFIX = ".lock"


class StoreError(Exception):
    """A problem with a session file, phrased in Dutch for the user."""


class SaveError(StoreError):
    pass


class SessionLocked(StoreError):
    pass


class InvalidSessionId(StoreError, ValueError):
    """An id that is not a session id (a path, a name with odd characters): never used as a file name."""


def check_session_id(session_id: str) -> str:
    """The id itself when it is a valid session id (as session.ID_PATTERN, the whole text),
    otherwise InvalidSessionId with a Dutch reason: such an id could point outside the folder."""
    if not isinstance(session_id, str) or re.fullmatch(ID_PATTERN, session_id) is None:
        shown = ascii(session_id)[:60] if isinstance(session_id, str) else repr(session_id)
        raise InvalidSessionId(f"ongeldig sessie-id: {shown} (alleen kleine letters, cijfers en streepjes)")
    return session_id


@dataclass(frozen=True)
class DamagedFile:
    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path.name}: {self.reason}"


class SessionFileError(StoreError):
    def __init__(self, damage: DamagedFile) -> None:
        super().__init__(str(damage))
        self.damage = damage


class NewerSessionFile(SessionFileError):
    """Written by a newer samenslim: not damaged, but this version must not read (or rewrite) it."""


def decode_json(path: Path, raw: bytes) -> Any:
    """The file's bytes as JSON data, or SessionFileError with a Dutch reason."""
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SessionFileError(DamagedFile(path, "het bestand is geen UTF-8-tekst")) from None
    except json.JSONDecodeError as error:
        raise SessionFileError(DamagedFile(
            path, f"geen geldige JSON (regel {error.lineno}, kolom {error.colno}): beschadigd of afgebroken")) from None
    except RecursionError:
        raise SessionFileError(DamagedFile(path, "geen sessie: de gegevens zijn te diep genest")) from None


def session_from_data(path: Path, data: Any) -> Sessie:
    """Decoded JSON as a session (migrated), or SessionFileError with a Dutch reason."""
    try:
        return session_from_json(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise SessionFileError(DamagedFile(
            path, f"veld '{where}' klopt niet ({first['msg']}); {error.error_count()} fout(en) in totaal")) from None
    except NewerSchemaError as error:
        raise NewerSessionFile(DamagedFile(path, str(error))) from None
    except ValueError as error:
        raise SessionFileError(DamagedFile(path, str(error))) from None


def describe_os_error(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "de schijf is vol"
    if error.errno == errno.EROFS:
        return "de schijf is alleen-lezen"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "geen schrijfrechten op deze map"
    if error.errno == errno.EDQUOT:
        return "je schijfquotum is op"
    return error.strerror or str(error)


def replace_atomically(temp: Path, target: Path, data: bytes) -> None:
    """Write `data` to a new 0600 `temp` file beside `target`, fsync it and rename it over `target`.
    On any failure the temp file is removed and `target` is left as it was."""
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, target)
    except OSError:
        try:
            temp.unlink(missing_ok=True)
        except OSError:
            pass
        raise


class SessionStore:
    def __init__(self, folder: Path, root: Path | None = None) -> None:
        """root: the data folder holding `folder`; it is kept owner-only (0700) too."""
        self.folder = Path(folder)
        self.root = Path(root) if root is not None else None

    # -- paths ------------------------------------------------------------------------------
    def ensure_folder(self) -> None:
        # mkdir's mode is filtered by umask, and an existing folder may be wider: notes may be about people
        ensure_private_folder(self.folder, self.root)

    def path_for(self, session_id: str) -> Path:
        """The session's file; InvalidSessionId (a Dutch ValueError) for anything but a session id."""
        return self.folder / f"{check_session_id(session_id)}{SUFFIX}"

    # -- writing ----------------------------------------------------------------------------
    def save(self, session: Sessie) -> Path:
        return self.write_bytes(session.id, session.to_json_bytes())

    def write_bytes(self, session_id: str, data: bytes) -> Path:
        """Write atomically: a temp file in the same folder, flushed and fsynced, then renamed over
        the old file and the folder fsynced. A failure at any point leaves the old file untouched."""
        target = self.path_for(session_id)
        try:
            self.ensure_folder()
        except OSError as error:
            raise SaveError(f"kan de map {self.folder} niet maken: {describe_os_error(error)}") from error
        temp = self.folder / f".{session_id}.{os.getpid()}.{secrets.token_hex(3)}{TEMP_SUFFIX}"
        try:
            replace_atomically(temp, target, data)
        except OSError as error:
            raise SaveError(f"opslaan van {target.name} mislukt: {describe_os_error(error)}") from error
        _fsync_folder(self.folder)
        return target

    # -- reading ----------------------------------------------------------------------------
    def load(self, session_id: str) -> Sessie:
        return self.load_path(self.path_for(session_id))

    def load_path(self, path: Path) -> Sessie:
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise SessionFileError(DamagedFile(path, f"kan niet gelezen worden: {describe_os_error(error)}")) from error
        return session_from_data(path, decode_json(path, raw))

    def scan(self) -> tuple[list[Sessie], list[DamagedFile]]:
        """All readable sessions, newest first, and every file that could not be read (left as is)."""
        sessions: list[Sessie] = []
        damaged: list[DamagedFile] = []
        if not self.folder.is_dir():
            return sessions, damaged
        for path in sorted(self.folder.glob(f"*{SUFFIX}")):
            if path.name.startswith("."):
                continue  # pathlib's glob also matches hidden files: the sessions index caches
            try:
                sessions.append(self.load_path(path))
            except SessionFileError as error:
                damaged.append(error.damage)
        sessions.sort(key=lambda session: session.bijgewerkt, reverse=True)
        return sessions, damaged

    def unfinished(self) -> tuple[list[Sessie], list[DamagedFile]]:
        sessions, damaged = self.scan()
        return [s for s in sessions if s.to_resume and not self.is_locked(s.id)], damaged

    # -- deleting and locking ---------------------------------------------------------------
    def delete(self, session_id: str) -> None:
        """Remove the session file and everything that belongs to it (lock, temp and backup copies),
        and its entry in the sessions index, which holds a copy of its text for searching."""
        self.path_for(session_id)  # refuses ids that could point outside the folder
        from samenslim.sessions_index import cache_lock, forget  # here: the index module imports this one

        # Under the caches' lock: a listing or search running now (in another window, too) cannot
        # write this session's summary or text back into the caches after it is forgotten.
        with cache_lock(self.folder):
            try:
                names = [entry.name for entry in os.scandir(self.folder)]
            except FileNotFoundError:
                return
            for name in names:
                if _belongs_to(name, session_id):
                    (self.folder / name).unlink(missing_ok=True)
            forget(self.folder, f"{session_id}{SUFFIX}")

    def _lock_path(self, session_id: str) -> Path:
        return self.folder / f"{check_session_id(session_id)}{LOCK_SUFFIX}"

    def lock(self, session_id: str) -> FileLock:
        """Hold the session for this process; a second instance gets SessionLocked, not a shared file.

        Lock files are removed when a session is let go (unlock) and at start (remove_stale_locks),
        always by a process that holds the lock at that moment. Another process may have opened
        the file just before and lock it just after: it then holds a file that is gone, while a
        third could create a new one. So a lock counts only while its path is still the file that
        was locked; otherwise it is tried again on the file that is there now."""
        self.path_for(session_id)  # refuses ids that are not session ids (Dutch InvalidSessionId)
        self.ensure_folder()
        path = self._lock_path(session_id)
        for _attempt in range(5):
            lock = FileLock(path, timeout=0, mode=0o600, thread_local=False)
            try:
                lock.acquire()
            except Timeout:
                raise SessionLocked("deze sessie is al geopend in een ander samenslim-venster") from None
            if _still_the_locked_file(lock, path):
                return lock
            lock.release()
        raise SessionLocked("deze sessie wordt net door een ander samenslim-venster geopend; probeer het zo opnieuw")

    def unlock(self, session_id: str, lock: FileLock) -> None:
        """Let go of the session, and remove its lock file unless someone else took it meanwhile."""
        lock.release()
        self.remove_lock_if_free(session_id)

    def remove_lock_if_free(self, session_id: str) -> bool:
        """Remove the session's lock file when no process holds it: taken first, removed while held
        (see lock), then let go. A lock held by anyone, this process included, stays."""
        path = self._lock_path(session_id)
        if not path.exists():
            return False
        probe = FileLock(path, timeout=0, mode=0o600, thread_local=False)
        try:
            probe.acquire()
        except Timeout:
            return False
        except OSError:
            return False
        try:
            path.unlink(missing_ok=True)
            return True
        except OSError:  # Windows cannot remove an open file; its filelock removes it on release
            return False
        finally:
            probe.release()

    def remove_stale_locks(self) -> list[Path]:
        """Lock files that no living process holds: left by an older samenslim, a crash or a kill."""
        removed = []
        for path in sorted(self.folder.glob(f"*{LOCK_SUFFIX}")) if self.folder.is_dir() else []:
            if not path.name.startswith(".") and self.remove_lock_if_free(path.name.removesuffix(LOCK_SUFFIX)):
                removed.append(path)
        return removed

    def is_locked(self, session_id: str) -> bool:
        if not self._lock_path(session_id).exists():
            return False
        probe = FileLock(self._lock_path(session_id), timeout=0, mode=0o600, thread_local=False)
        try:
            probe.acquire()
        except Timeout:
            return True
        probe.release()
        return False

    def remove_stale_temp_files(self) -> list[Path]:
        """Temp files left by a process that died mid-save. Files of a living process are kept."""
        return _remove_stale(self.folder)


def _belongs_to(name: str, session_id: str) -> bool:
    """The session file, its lock, its temp files (.ID.PID.RANDOM.tmp, see write_bytes) and backup
    copies (ID.json.bak, ID.json~, ...). Matched exactly, so another session's files never are."""
    own = f"{session_id}{SUFFIX}"
    if name in (own, f"{session_id}{LOCK_SUFFIX}", f"{own}~") or name.startswith(f"{own}."):
        return True
    rest = name.removeprefix(f".{session_id}.")
    parts = rest.split(".")
    return rest != name and len(parts) == 3 and parts[0].isdigit() and f".{parts[2]}" == TEMP_SUFFIX


def _still_the_locked_file(lock: FileLock, path: Path) -> bool:
    """Whether `path` is still the file that `lock` holds (see SessionStore.lock). True when the
    descriptor cannot be seen (filelock keeps it internal), as before lock files were removed."""
    fd = getattr(getattr(lock, "_context", None), "lock_file_fd", None)
    if not isinstance(fd, int):
        return True
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False
    except OSError:
        return True


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable. Not possible (nor needed) on Windows."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
