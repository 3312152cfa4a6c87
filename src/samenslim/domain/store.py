"""Session files on disk: atomic saves, owner-only permissions, a lock per session, and damaged
files reported by name and left exactly as they are."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import secrets
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from filelock import FileLock, Timeout
from pydantic import ValidationError

from samenslim.domain import session as session_module
from samenslim.domain.oserrors import describe_os_error as describe_os_error  # re-exported: callers import it from here
from samenslim.domain.private_files import ensure_private_folder, write_new_synced
from samenslim.domain.private_files import remove_stale_temp_files as _remove_stale
from samenslim.domain.session import ID_PATTERN, NewerSchemaError, Sessie, session_from_json

SUFFIX = ".json"
# The largest session file samenslim reads. A long day of notes is well under 1 MB; a stray file of
# hundreds of MB in the sessions folder must not be read into memory on every start and search.
MAX_FILE_BYTES = 20 * 1024 * 1024
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
    except ValueError:  # an integer of more than 4,300 digits
        raise SessionFileError(DamagedFile(path, "geen sessie: er staat een getal in dat te lang is")) from None


def too_large(size: int) -> str:
    """The Dutch reason for a file over MAX_FILE_BYTES."""
    return (f"het bestand is te groot om als sessie te lezen ({size / 1024 / 1024:.0f} MB; samenslim leest "
            f"sessiebestanden tot {MAX_FILE_BYTES // 1024 // 1024} MB)")


def read_at_most(handle: BinaryIO, size: int) -> bytes:
    """The rest of an open file whose size was `size`, but never more than MAX_FILE_BYTES + 1 bytes
    (read(n) sets n bytes aside first, so the limit itself is only asked for when the file grew)."""
    raw = handle.read(size + 1)
    if len(raw) > size:
        raw += handle.read(max(MAX_FILE_BYTES + 1 - len(raw), 0))
    return raw


def read_bounded(path: Path) -> bytes:
    """A session file's bytes, or SessionFileError when it cannot be read or is larger than
    MAX_FILE_BYTES (checked before reading, and again while reading in case it grew)."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise SessionFileError(DamagedFile(path, too_large(size)))
            raw = read_at_most(handle, size)
    except OSError as error:
        raise SessionFileError(DamagedFile(path, f"kan niet gelezen worden: {describe_os_error(error)}")) from error
    if len(raw) > MAX_FILE_BYTES:
        raise SessionFileError(DamagedFile(path, too_large(len(raw))))
    return raw


def session_from_data(path: Path, data: Any) -> Sessie:
    """Decoded JSON as a session (migrated), or SessionFileError with a Dutch reason."""
    try:
        return session_from_json(data)
    except ValidationError as error:
        from samenslim.domain.content import dutch_message
        from samenslim.domain.taal import aantal

        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise SessionFileError(DamagedFile(
            path, f"veld '{where}' klopt niet ({dutch_message(first)}); {aantal(error.error_count(), 'fout')} in totaal")) from None
    except NewerSchemaError as error:
        raise NewerSessionFile(DamagedFile(path, str(error))) from None
    except ValueError as error:
        raise SessionFileError(DamagedFile(path, str(error))) from None


def replace_atomically(temp: Path, target: Path, data: bytes) -> None:
    """Write `data` to a new 0600 `temp` file beside `target`, fsync it and rename it over `target`.
    On any failure the temp file is removed and `target` is left as it was."""
    try:
        write_new_synced(temp, data)
        os.replace(temp, target)
    except OSError:
        try:
            temp.unlink(missing_ok=True)
        except OSError:
            pass
        raise


@dataclass(frozen=True)
class _Known:
    """What this store last read from or wrote to a session file."""

    digest: bytes  # sha256 of the bytes
    old_schema: int | None = None  # read with an older schema_versie: back it up before the first write


class SessionStore:
    def __init__(self, folder: Path, root: Path | None = None) -> None:
        """root: the data folder holding `folder`; it is kept owner-only (0700) too."""
        self.folder = Path(folder)
        self.root = Path(root) if root is not None else None
        # Hand edits: per file name, what we last read or wrote; a save first checks the file is still that.
        self._known: dict[str, _Known] = {}
        self._diverted: dict[str, Path] = {}  # file name -> where our saves go instead (a newer file is there)
        self._notices: list[str] = []
        self._guard = threading.Lock()  # loads run on the UI thread and in workers, saves on the autosave thread

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
        the old file and the folder fsynced. A failure at any point leaves the old file untouched.

        A file changed outside samenslim since this store read or wrote it is never overwritten
        silently (see _check_before_write); what happened is told through take_notices()."""
        target = self.path_for(session_id)
        try:
            self.ensure_folder()
        except OSError as error:
            raise SaveError(f"kan de map {self.folder} niet maken: {describe_os_error(error)}") from error
        temp = self.folder / f".{session_id}.{os.getpid()}.{secrets.token_hex(3)}{TEMP_SUFFIX}"
        try:
            with self._guard:
                destination = self._check_before_write(target, data)
            replace_atomically(temp, destination, data)
        except OSError as error:
            raise SaveError(f"opslaan van {target.name} mislukt: {describe_os_error(error)}") from error
        with self._guard:
            if destination == target:
                self._known[target.name] = _Known(hashlib.sha256(data).digest())
        target = destination
        try:
            _fsync_folder(self.folder)
        except OSError as error:  # the file is complete, but its new name may not survive a power cut
            raise SaveError(f"{target.name} is geschreven, maar de map kon niet op de schijf vastgelegd worden "
                            f"({describe_os_error(error)}); bij stroomuitval kan de laatste wijziging "
                            "verloren gaan") from error
        return target

    def take_notices(self) -> list[str]:
        """What the saves since the last call have to tell the facilitator (Dutch), oldest first."""
        with self._guard:
            notices, self._notices = self._notices, []
        return notices

    def _check_before_write(self, target: Path, data: bytes) -> Path:
        """Where `data` goes: normally `target`. Our policy when the file changed on disk since we
        read or wrote it (by hand, a sync tool, another samenslim): keep both, and say so.
        - Theirs is readable by this version: it is moved aside to `<id>.json.conflict-<time>` (0600)
          and ours takes the normal name, so the open session goes on as it was.
        - Theirs has a newer schema: it is never downgraded; it stays, and our saves go to
          `<id>.json.conflict-<time>` from now on.
        A file read with an older schema is first copied to `<id>.json.schema-<n>.bak` (0600).
        Copies are named after the session file, so deleting the session removes them too."""
        diverted = self._diverted.get(target.name)
        if diverted is not None:
            return diverted
        known = self._known.get(target.name)
        if known is None:
            return target  # a new session, or a file this store never opened: nothing to compare with
        try:
            current: bytes | None = read_bounded(target)
        except SessionFileError:
            if not os.path.lexists(target):
                return target  # gone (deleted elsewhere): our copy is all there is
            current = None  # unreadable or too large now: someone else's, keep it
        if current is not None and hashlib.sha256(current).digest() == known.digest:
            if known.old_schema is not None:
                backup = target.with_name(f"{target.name}.schema-{known.old_schema}.bak")
                session_id = target.name.removesuffix(SUFFIX)
                temp = self.folder / f".{session_id}.{os.getpid()}.{secrets.token_hex(3)}{TEMP_SUFFIX}"
                replace_atomically(temp, backup, current)
                self._known[target.name] = _Known(known.digest)
            return target
        aside = _free_name(target, f"conflict-{datetime.now(UTC):%Y%m%d-%H%M%S}")
        version = _schema_of(current)
        if version is not None and version > session_module.SCHEMA_VERSION:
            self._diverted[target.name] = aside
            self._notices.append(
                f"{target.name} is intussen door een nieuwere samenslim geschreven (schema {version}) en blijft "
                f"zoals hij is. Je werk van nu wordt bewaard in {aside.name}, in dezelfde map.")
            return aside
        os.replace(target, aside)
        try:
            os.chmod(aside, 0o600)
        except OSError:
            pass
        self._notices.append(
            f"{target.name} is buiten samenslim veranderd terwijl de sessie open was (met de hand, door een "
            f"synchronisatieprogramma of een andere versie). Die versie is bewaard als {aside.name}; "
            f"je werk van nu staat in {target.name}.")
        return target

    # -- reading ----------------------------------------------------------------------------
    def load(self, session_id: str) -> Sessie:
        return self.load_path(self.path_for(session_id))

    def load_path(self, path: Path) -> Sessie:
        raw = read_bounded(path)
        data = decode_json(path, raw)
        version = data.get("schema_versie") if isinstance(data, dict) else None
        session = session_from_data(path, data)
        old = version if isinstance(version, int) and version < session_module.SCHEMA_VERSION else None
        with self._guard:
            self._known[path.name] = _Known(hashlib.sha256(raw).digest(), old)
        return session

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

    # -- deleting and locking ---------------------------------------------------------------
    def delete(self, session_id: str) -> None:
        """Remove the session file and everything that belongs to it (lock, temp and backup copies).
        The sessions index beside them still holds a copy of its text for searching: delete a
        session with erasure.delete_session (or erasure.erase), which drops that too."""
        self.path_for(session_id)  # refuses ids that could point outside the folder
        try:
            names = [entry.name for entry in os.scandir(self.folder)]
        except FileNotFoundError:
            return
        for name in names:
            if _belongs_to(name, session_id):
                (self.folder / name).unlink(missing_ok=True)

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


def _free_name(target: Path, label: str) -> Path:
    """`<target>.<label>`, or with -2, -3, ... when that exists already."""
    candidate, number = target.with_name(f"{target.name}.{label}"), 1
    while os.path.lexists(candidate):
        number += 1
        candidate = target.with_name(f"{target.name}.{label}-{number}")
    return candidate


def _schema_of(raw: bytes | None) -> int | None:
    try:
        data = json.loads(raw) if raw is not None else None
    except (ValueError, RecursionError):
        return None
    version = data.get("schema_versie") if isinstance(data, dict) else None
    return version if isinstance(version, int) and not isinstance(version, bool) else None


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
    """Make the rename itself durable. Not possible (nor needed) on Windows, and some file systems
    cannot sync a folder at all (EINVAL, ENOTSUP): nothing to report there. Any other failure raises."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as error:
        if error.errno not in _CANNOT_SYNC_FOLDERS:
            raise
    finally:
        os.close(fd)


_CANNOT_SYNC_FOLDERS = {errno.EINVAL, getattr(errno, "ENOTSUP", errno.EINVAL), getattr(errno, "EOPNOTSUPP", errno.EINVAL)}
