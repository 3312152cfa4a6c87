"""Session files on disk: atomic saves, owner-only permissions, a lock per session, and damaged
files reported by name and left exactly as they are."""

from __future__ import annotations

import errno
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from pydantic import ValidationError

from samenslim.session import NewerSchemaError, Sessie, session_from_json

SUFFIX = ".json"
TEMP_SUFFIX = ".tmp"
LOCK_SUFFIX = ".lock"


class StoreError(Exception):
    """A problem with a session file, phrased in Dutch for the user."""


class SaveError(StoreError):
    pass


class SessionLocked(StoreError):
    pass


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
        from samenslim.content import dutch_message
        from samenslim.taal import aantal

        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise SessionFileError(DamagedFile(
            path, f"veld '{where}' klopt niet ({dutch_message(first)}); {aantal(error.error_count(), 'fout')} in totaal")) from None
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
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    # -- paths ------------------------------------------------------------------------------
    def ensure_folder(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            os.chmod(self.folder, 0o700)  # mkdir's mode is filtered by umask; notes may be about people
        except OSError:
            pass

    def path_for(self, session_id: str) -> Path:
        if "/" in session_id or "\\" in session_id or session_id.startswith("."):
            raise ValueError(f"ongeldig sessie-id: {session_id!r}")
        return self.folder / f"{session_id}{SUFFIX}"

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
        return [s for s in sessions if s.status == "bezig" and not self.is_locked(s.id)], damaged

    # -- deleting and locking ---------------------------------------------------------------
    def delete(self, session_id: str) -> None:
        """Remove the session file and everything that belongs to it (lock, temp and backup copies),
        and its entry in the sessions index, which holds a copy of its text for searching."""
        self.path_for(session_id)  # refuses ids that could point outside the folder
        try:
            names = [entry.name for entry in os.scandir(self.folder)]
        except FileNotFoundError:
            return
        for name in names:
            if _belongs_to(name, session_id):
                (self.folder / name).unlink(missing_ok=True)
        from samenslim.sessions_index import forget  # imported here: the index module imports this one

        forget(self.folder, f"{session_id}{SUFFIX}")

    def _lock_path(self, session_id: str) -> Path:
        return self.folder / f"{session_id}{LOCK_SUFFIX}"

    def lock(self, session_id: str) -> FileLock:
        """Hold the session for this process; a second instance gets SessionLocked, not a shared file."""
        self.ensure_folder()
        lock = FileLock(self._lock_path(session_id), timeout=0, mode=0o600, thread_local=False)
        try:
            lock.acquire()
        except Timeout:
            raise SessionLocked("deze sessie is al geopend in een ander samenslim-venster") from None
        return lock

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
        removed = []
        for temp in self.folder.glob(f".*{TEMP_SUFFIX}") if self.folder.is_dir() else []:
            parts = temp.name.split(".")
            pid = int(parts[-3]) if len(parts) >= 4 and parts[-3].isdigit() else None
            if pid is not None and not _process_alive(pid):
                temp.unlink(missing_ok=True)
                removed.append(temp)
        return removed


def _belongs_to(name: str, session_id: str) -> bool:
    """The session file, its lock, its temp files (.ID.PID.RANDOM.tmp, see write_bytes) and backup
    copies (ID.json.bak, ID.json~, ...). Matched exactly, so another session's files never are."""
    own = f"{session_id}{SUFFIX}"
    if name in (own, f"{session_id}{LOCK_SUFFIX}", f"{own}~") or name.startswith(f"{own}."):
        return True
    rest = name.removeprefix(f".{session_id}.")
    parts = rest.split(".")
    return rest != name and len(parts) == 3 and parts[0].isdigit() and f".{parts[2]}" == TEMP_SUFFIX


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return True
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
