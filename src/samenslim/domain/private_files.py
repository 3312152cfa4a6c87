"""Every file samenslim writes is private (0600 in 0700 folders, whatever the umask) and written
atomically: a temp file in the same folder, fsynced, renamed over the target, the folder fsynced.
Session notes may be about vulnerable young people; a report, a screenshot or a settings file is
as private as the session it came from.

Temp files are named `.NAME.PID.RANDOM.tmp`, like the store's, so a temp file left by a process
that died mid-write is recognised (and removed) by `remove_stale_temp_files`.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

TEMP_SUFFIX = ".tmp"
FILE_MODE = 0o600
FOLDER_MODE = 0o700


def ensure_private_folder(folder: Path, root: Path | None = None) -> None:
    """Create `folder` (and its parents) owner-only, and tighten every folder from `root` (the data
    folder, say) down to `folder` when it exists with a wider mode. Nothing above `root` (the
    user's home, say) is touched; without `root`, only `folder` itself."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)  # mode is filtered by umask: chmod below
    chain = [folder]
    if root is not None:
        root = Path(root)
        parent = folder
        while parent != root and root in parent.parents:
            parent = parent.parent
            chain.append(parent)
    for path in chain:
        tighten(path, FOLDER_MODE)


def tighten(path: Path, mode: int) -> None:
    """chmod `path` to `mode` when it is wider (a file system without modes is left alone)."""
    try:
        current = stat.S_IMODE(os.stat(path).st_mode)
        if current & ~mode:
            os.chmod(path, mode)
    except OSError:
        pass


def temp_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(3)}{TEMP_SUFFIX}")


def write_private(target: Path, data: bytes | str, *, root: Path | None = None, exclusive: bool = False) -> Path:
    """Write `data` to `target` atomically and owner-only (0600). With `root` (a folder samenslim
    owns, such as the data folder), the folders from `root` down to the target's are made and kept
    0700; without it the target's folder must exist and is left as it is (`export --naar` writes
    wherever the user says). exclusive: never overwrite, FileExistsError when `target` exists.
    Raises OSError; on any failure the temp file is removed and an existing `target` is untouched."""
    target = Path(target)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if root is not None:
        ensure_private_folder(target.parent, root)
    if exclusive and os.path.lexists(target):
        raise FileExistsError(errno.EEXIST, "het bestand bestaat al", str(target))
    temp = temp_name(target)
    try:
        write_new_synced(temp, data)
        if exclusive:
            _place_exclusively(temp, target)
        else:
            os.replace(temp, target)
    except OSError:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    fsync_folder(target.parent)
    return target


def write_new_synced(path: Path, data: bytes) -> None:
    """Create `path` (it must not exist) as a 0600 file holding `data`, fsynced before it is closed."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), FILE_MODE)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, FILE_MODE)  # O_CREAT's mode is filtered by the umask, which could only narrow it
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)


def _place_exclusively(temp: Path, target: Path) -> None:
    """Rename `temp` to `target` unless `target` exists. A hard link fails when it appeared
    meanwhile; a file system without hard links (FAT on a USB stick) gets a check, then a rename."""
    try:
        os.link(temp, target)
    except FileExistsError:
        raise
    except OSError:
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, "het bestand bestaat al", str(target)) from None
        os.replace(temp, target)
        return
    os.unlink(temp)


def fsync_folder(folder: Path) -> None:
    """Make the rename durable (not possible, nor needed, on Windows)."""
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


def remove_stale_temp_files(folder: Path) -> list[Path]:
    """Temp files (`.NAME.PID.RANDOM.tmp`) left in `folder` by a process that died mid-write.
    Those of a living process are kept."""
    removed: list[Path] = []
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except OSError:
        return removed
    for name in names:
        if not (name.startswith(".") and name.endswith(TEMP_SUFFIX)):
            continue
        parts = name.split(".")
        if len(parts) >= 4 and parts[-3].isdigit() and not process_alive(int(parts[-3])):
            try:
                os.unlink(folder / name)
            except OSError:
                continue
            removed.append(folder / name)
    return removed


def process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process, or no way to tell: keep its file
    return True
