"""A listing of the sessions folder: every session file summarised, from the index where a file
has not changed (same size and mtime_ns, and already SETTLE_NS old when the index was built), by
reading its head (reading.read_head) where it has; the index is saved when anything changed.

The search texts are built lazily: the first search (`Listing.search_texts`) takes them from the
texts file where size and mtime still match, reads the other files in full (checking them), and
saves the texts file. A listing never needs the texts; it only drops those of files that are
gone. (Measured with 10,000 files in benchmarks/sessions_index.py: the cold listing reads the
heads in under 3x the time it takes to open each file and read 4 KB; a first search without a
texts file reads every file, as the cold listing used to.)
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from samenslim import __version__
from samenslim.domain.sessions_index.caches import (
    CACHE_FORMAT,
    INDEX_NAME,
    SETTLE_NS,
    TEXTS_NAME,
    IndexFile,
    TextsFile,
    cache_lock,
    drop_texts,
    present_names,
    read_cache,
    write_cache,
    write_index,
)
from samenslim.domain.sessions_index.reading import read_file, read_head
from samenslim.domain.sessions_index.summary import Row, Samenvatting, sort_newest_first
from samenslim.domain.store import SUFFIX, describe_os_error


@dataclass
class Listing:
    folder: Path
    entries: list[Samenvatting]  # newest first by aangemaakt; unreadable files last
    reread: int  # files read (new, changed, or no usable index): from their head, or in full
    reused: int  # entries taken from the index
    dropped: int = 0  # index entries whose file is gone
    index_error: str = ""  # why the index could not be saved (the listing itself is complete)
    texts: dict[str, str] = field(default_factory=dict, repr=False)  # file name -> search text, see search_texts
    full_reads: int = 0  # files read whole: by the listing (not written as the store writes), then by search_texts
    built_ns: int = 0  # time.time_ns() just before the folder was scanned (the index's gebouwd_ns)
    _texts_saved: bool = field(default=False, repr=False)

    def search_texts(self) -> dict[str, str]:
        """Per file name, the folded text (fold) search looks at: titles, questions, theme, group,
        people and everything captured. Files read whole by this listing have theirs already; the
        rest come from the texts file when size and mtime still match, or else from reading the
        whole file. A file that turns out to be damaged (or to differ from what its head said) gets
        the entry of the full read, here and in the index. The texts file is saved once."""
        if self._texts_saved:
            return self.texts
        with _without_cyclic_gc():
            self._fill_texts()
        return self.texts

    def _fill_texts(self) -> None:
        missing = [number for number, entry in enumerate(self.entries) if entry.bestand not in self.texts]
        stored = read_cache(self.folder / TEXTS_NAME, TextsFile) if missing else None
        known = stored.teksten if stored else {}
        fresh = len(missing) < len(self.entries)  # texts read by the listing are not in the file yet
        changed = False  # an entry replaced by what the full read found
        for number in missing:
            entry = self.entries[number]
            size, mtime_ns, text, damage = known.get(entry.bestand, (-1, -1, "", None))
            if (size, mtime_ns) != (entry.grootte, entry.mtime_ns):
                full, text = read_file(self.folder / entry.bestand, entry.grootte, entry.mtime_ns)
                self.full_reads += 1
                fresh = True
                if full != entry:
                    self.entries[number], changed = full, True
            elif damage is not None and entry.beschadigd is None:  # read whole before, and found damaged
                self.entries[number], changed = Samenvatting(entry.bestand, size, mtime_ns, beschadigd=damage), True
            self.texts[entry.bestand] = text
        self._texts_saved = True
        if changed:
            self.entries = sort_newest_first(self.entries)
        if not self.entries or not (fresh or changed or stored is None or len(known) != len(self.entries)):
            return
        try:
            with cache_lock(self.folder):  # a session deleted meanwhile is not written back
                present = present_names(self.folder)
                rows = {entry.bestand: (entry.grootte, entry.mtime_ns, self.texts[entry.bestand], entry.beschadigd)
                        for entry in self.entries if entry.bestand in present}
                write_cache(self.folder / TEXTS_NAME, TextsFile(formaat=CACHE_FORMAT, samenslim=__version__,
                                                                teksten=rows))
                if changed:
                    write_index(self.folder, [entry for entry in self.entries if entry.bestand in present],
                                 self.built_ns or time.time_ns())
        except OSError as error:
            self.index_error = f"de index van de sessies kan niet bewaard worden: {describe_os_error(error)}"


def list_sessions(folder: Path) -> Listing:
    """Every session file in the folder, summarised; the index is updated when anything changed."""
    with _without_cyclic_gc():
        return _list(Path(folder))


@contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """Thousands of entries and parsed files are many small objects, none of them in a cycle; the
    cyclic garbage collector would walk them over and over (measured: a third of a warm listing)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _list(folder: Path) -> Listing:
    old = read_cache(folder / INDEX_NAME, IndexFile)
    known = {row[0]: row for row in old.sessies} if old else {}
    trusted_before = old.gebouwd_ns - SETTLE_NS if old else 0
    started = time.time_ns()
    kept: list[Row] = []  # index rows still good
    read: list[Samenvatting] = []
    texts: dict[str, str] = {}
    try:
        scan = os.scandir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return Listing(folder, [], 0, 0)
    with scan:
        for item in scan:
            name = item.name
            if name.startswith(".") or not name.endswith(SUFFIX):
                continue  # the cache files, temp files and other hidden files; lock files end in .lock
            try:
                if not item.is_file():
                    continue
                stat = item.stat()
            except OSError:
                continue  # gone since the folder was read
            row = known.pop(name, None)
            if (row is None or row[1] != stat.st_size or row[2] != stat.st_mtime_ns
                    or stat.st_mtime_ns >= trusted_before):
                entry, text = read_head(item.path, stat.st_size, stat.st_mtime_ns, name)
                read.append(entry)
                if text is not None:
                    texts[name] = text
            else:
                kept.append(row)
    if old is not None and not read:  # nothing read again: the index's order is still right
        entries = [Samenvatting(*row) for row in old.sessies if row[0] not in known]
    else:
        entries = sort_newest_first([Samenvatting(*row) for row in kept] + read)
    listing = Listing(folder, entries, reread=len(read), reused=len(kept), dropped=len(known), texts=texts,
                      full_reads=len(texts), built_ns=started)
    if old is None or listing.reread or listing.dropped:
        try:
            with cache_lock(folder):  # a session deleted meanwhile (another window) is not written back
                present = present_names(folder)
                write_index(folder, [entry for entry in entries if entry.bestand in present], started)
                if listing.dropped:  # a file removed outside samenslim: its text must not linger
                    drop_texts(folder, set(known))
        except OSError as error:
            listing.index_error = f"de index van de sessies kan niet bewaard worden: {describe_os_error(error)}"
    return listing

