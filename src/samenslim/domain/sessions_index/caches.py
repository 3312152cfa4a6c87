"""The two cache files beside the sessions, and the lock their writers hold.

`.index.json` holds the summaries (one row per file, see summary.Row), `.zoektekst.json` the
search texts (read only when someone searches: they are ten times the size of the summaries).
Both are caches, never the truth: a missing, unreadable or outdated one is rebuilt, and one that
cannot be rewritten is removed. They are written like session files (a 0600 temp file, fsynced,
renamed over the old one), and only under `cache_lock`, with the files still in the folder, so a
listing or search in another window never writes a deleted session back.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from pydantic import BaseModel, ValidationError

from samenslim import __version__
from samenslim.domain.sessions_index.summary import Row, Samenvatting, as_row
from samenslim.domain.store import TEMP_SUFFIX, replace_atomically

INDEX_NAME = ".index.json"
TEXTS_NAME = ".zoektekst.json"
CACHE_LOCK_NAME = ".index.lock"  # see cache_lock
CACHE_LOCK_SECONDS = 20
CACHE_FORMAT = 3  # 3: search texts are folded (fold): a texts file of format 2 is not
# A file's mtime comes from a coarse clock (a few ms on ext4, 2 s on FAT): a file changed twice
# within one tick keeps its mtime. Entries of files touched this shortly before the index was
# built are therefore not trusted, and read again next time.
SETTLE_NS = 2_000_000_000


class Cache(BaseModel):
    formaat: int
    samenslim: str  # another version may read files differently (a migration, a new reason): rebuild


class IndexFile(Cache):
    gebouwd_ns: int  # time.time_ns() just before the folder was scanned
    sessies: list[Row]  # newest first


class TextsFile(Cache):
    # file name -> (grootte, mtime_ns, search text, why the file cannot be read or None): what
    # reading the whole file found, so a search that takes the text from here still knows.
    teksten: dict[str, tuple[int, int, str, str | None]]



@contextmanager
def cache_lock(folder: Path) -> Iterator[None]:
    """Held while the caches are written and while a session is deleted (erasure.delete_session), so
    that a listing or search in another window never writes a deleted session back into them.
    Without a folder, or when the lock cannot be had (a read-only folder, a stuck lock), the work
    goes on without it: the caches are only caches. (filelock would create a missing folder.)"""
    if not os.path.isdir(folder):
        yield
        return
    try:
        lock = FileLock(Path(folder) / CACHE_LOCK_NAME, timeout=CACHE_LOCK_SECONDS, mode=0o600, thread_local=False)
        lock.acquire()
    except (Timeout, OSError):
        yield
        return
    try:
        yield
    finally:
        lock.release()


def present_names(folder: Path) -> set[str]:
    """The names in the folder now: one scandir, cheaper than a stat per entry."""
    try:
        return set(os.listdir(folder))
    except OSError:
        return set()


def write_index(folder: Path, entries: list[Samenvatting], built_ns: int) -> None:
    # model_construct: the rows are made here, from entries of the right types; validating them again costs 10 ms
    write_cache(folder / INDEX_NAME, IndexFile.model_construct(
        formaat=CACHE_FORMAT, samenslim=__version__, gebouwd_ns=built_ns, sessies=[as_row(entry) for entry in entries]))



def read_cache(path: Path, model: type[Cache]) -> Any:
    try:
        cache = model.model_validate_json(path.read_bytes())
    except (OSError, ValidationError, ValueError):
        return None
    return cache if cache.formaat == CACHE_FORMAT and cache.samenslim == __version__ else None


def write_cache(path: Path, cache: Cache) -> None:
    """Atomically, like the store: a 0600 temp file in the same folder, fsynced, renamed over the old one."""
    temp = path.with_name(f"{path.stem}.{os.getpid()}.{secrets.token_hex(3)}{TEMP_SUFFIX}")
    try:
        data = cache.__pydantic_serializer__.to_json(cache)  # bytes, straight from pydantic-core
    except ValueError:  # a lone surrogate ("\\ud800" in a hand-edited file) has no UTF-8: write it as "?"
        data = json.dumps(cache.model_dump(mode="json"), ensure_ascii=False).encode("utf-8", "replace")
    replace_atomically(temp, path, data)


def drop_texts(folder: Path, names: set[str]) -> None:
    """Remove these files' texts from the texts file; one that cannot be read is removed (rebuilt
    on the next search)."""
    path = folder / TEXTS_NAME
    cache = read_cache(path, TextsFile)
    if cache is None:
        path.unlink(missing_ok=True)
    elif names & cache.teksten.keys():
        write_cache(path, cache.model_copy(update={"teksten": {
            name: value for name, value in cache.teksten.items() if name not in names}}))


def forget(folder: Path, file_name: str) -> None:
    """Remove one file's entry and search text (a deleted session's text must not linger here).
    A cache file that cannot be read or rewritten is removed; the next listing rebuilds it."""
    folder = Path(folder)
    index = read_cache(folder / INDEX_NAME, IndexFile)
    try:
        if index is None:
            (folder / INDEX_NAME).unlink(missing_ok=True)
        elif any(row[0] == file_name for row in index.sessies):
            write_cache(folder / INDEX_NAME, index.model_copy(update={
                "sessies": [row for row in index.sessies if row[0] != file_name]}))
    except OSError:
        (folder / INDEX_NAME).unlink(missing_ok=True)
    try:
        drop_texts(folder, {file_name})
    except OSError:
        (folder / TEXTS_NAME).unlink(missing_ok=True)
