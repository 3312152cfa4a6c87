"""A summary of every session file, for looking back at past sessions without opening each one.

The summaries are kept in `.index.json` beside the sessions, the search texts in `.zoektekst.json`
(read only when someone searches: 10,000 summaries load in tens of milliseconds, their texts are
ten times their size). Both are caches, never the truth: an entry is reused only while its
session file has the same size and mtime_ns, files that are new or changed are read again, files
that are gone are dropped, and a missing, unreadable or outdated cache file is simply rebuilt.
Damaged files are listed with the reason, never written.

Solo sessions are personal reflections. Their entries say so (`prive`), a screen shows only their
title and date, and `search` does not look at what they captured unless asked to
(`include_private=True`); the group filter leaves them out in the same way.
"""

from __future__ import annotations

import gc
import os
import secrets
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable

from pydantic import BaseModel, ValidationError

from samenslim import __version__
from samenslim.groups import group_key
from samenslim.session import SCHEMA_VERSION, Sessie
from samenslim.store import (SUFFIX, TEMP_SUFFIX, NewerSessionFile, SessionFileError, decode_json, replace_atomically,
                             describe_os_error, session_from_data)

INDEX_NAME = ".index.json"
TEXTS_NAME = ".zoektekst.json"
CACHE_FORMAT = 1
# A file's mtime comes from a coarse clock (a few ms on ext4, 2 s on FAT): a file changed twice
# within one tick keeps its mtime. Entries of files touched this shortly before the index was
# built are therefore not trusted, and read again next time.
SETTLE_NS = 2_000_000_000


class Samenvatting(BaseModel):
    """One session file in the listing."""

    bestand: str  # the file name in the sessions folder
    id: str
    titel: str = ""
    groep: str = ""
    modus: str = ""  # "groep" or "solo"; "" when the file cannot be read
    status: str = ""  # "bezig" or "afgerond"
    aangemaakt: datetime | None = None
    bijgewerkt: datetime | None = None
    werkvormen: list[str] = []  # werkvorm ids, in agenda order
    werkvorm_titels: list[str] = []
    deelnemers: list[str] = []
    thema: str = ""
    schema_versie: int | None = None
    grootte: int  # the file's size and mtime_ns when it was read: a change means read it again
    mtime_ns: int
    leesbaar_alleen: bool = False  # written by a newer samenslim: listed, but this version cannot open it
    beschadigd: str | None = None  # why the file cannot be read (Dutch), None when it can

    @property
    def prive(self) -> bool:
        """A solo session: show only its title and date."""
        return self.modus == "solo"


class _Cache(BaseModel):
    formaat: int
    samenslim: str  # another version may read files differently (a migration, a new reason): rebuild


class _IndexFile(_Cache):
    gebouwd_ns: int  # time.time_ns() just before the folder was scanned
    sessies: list[Samenvatting]  # newest first


class _TextsFile(_Cache):
    teksten: dict[str, tuple[int, int, str]]  # file name -> (grootte, mtime_ns, search text)


@dataclass
class Listing:
    folder: Path
    entries: list[Samenvatting]  # newest first by aangemaakt; unreadable files last
    reread: int  # files read (new, changed, or no usable index)
    reused: int  # entries taken from the index
    dropped: int = 0  # index entries whose file is gone
    index_error: str = ""  # why the index could not be saved (the listing itself is complete)
    texts: dict[str, str] = field(default_factory=dict, repr=False)  # file name -> search text, see search_texts

    def search_texts(self) -> dict[str, str]:
        """Per file name, the lower-cased text search looks at: titles, questions, theme, group,
        people and everything captured. Files read by this listing have theirs already; the rest
        come from the texts file when size and mtime still match, or else from the session file."""
        missing = [entry for entry in self.entries if entry.bestand not in self.texts]
        if missing:
            with _without_cyclic_gc():
                stored = _read_cache(self.folder / TEXTS_NAME, _TextsFile)
            known = stored.teksten if stored else {}
            for entry in missing:
                size, mtime_ns, text = known.get(entry.bestand, (-1, -1, ""))
                if (size, mtime_ns) != (entry.grootte, entry.mtime_ns):
                    text = read_file(self.folder / entry.bestand, entry.grootte, entry.mtime_ns)[1]
                self.texts[entry.bestand] = text
        return self.texts


def list_sessions(folder: Path) -> Listing:
    """Every session file in the folder, summarised; the index is updated when anything changed."""
    with _without_cyclic_gc():
        return _list(Path(folder))


@contextmanager
def _without_cyclic_gc():
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
    old = _read_cache(folder / INDEX_NAME, _IndexFile)
    known = {entry.bestand: entry for entry in old.sessies} if old else {}
    trusted_before = old.gebouwd_ns - SETTLE_NS if old else 0
    started = time.time_ns()
    entries: list[Samenvatting] = []
    texts: dict[str, str] = {}
    try:
        scan = os.scandir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return Listing(folder, [], 0, 0)
    with scan:
        for item in scan:
            if item.name.startswith(".") or not item.name.endswith(SUFFIX):
                continue  # the cache files, temp files and other hidden files; lock files end in .lock
            try:
                if not item.is_file():
                    continue
                stat = item.stat()
            except OSError:
                continue  # gone since the folder was read
            entry = known.pop(item.name, None)
            if (entry is None or entry.grootte != stat.st_size or entry.mtime_ns != stat.st_mtime_ns
                    or stat.st_mtime_ns >= trusted_before):
                entry, texts[item.name] = read_file(item.path, stat.st_size, stat.st_mtime_ns)
            entries.append(entry)
    if old is not None and not texts:  # nothing read again: the index's order is still right
        entries = [entry for entry in old.sessies if entry.bestand not in known]
    else:
        entries = sort_newest_first(entries)
    listing = Listing(folder, entries, reread=len(texts), reused=len(entries) - len(texts), dropped=len(known),
                      texts=texts)
    if old is None or listing.reread or listing.dropped:
        try:
            every = listing.search_texts()
            teksten = {entry.bestand: (entry.grootte, entry.mtime_ns, every[entry.bestand]) for entry in entries}
            _write_cache(folder / TEXTS_NAME, _TextsFile(formaat=CACHE_FORMAT, samenslim=__version__, teksten=teksten))
            _write_cache(folder / INDEX_NAME, _IndexFile(formaat=CACHE_FORMAT, samenslim=__version__,
                                                         gebouwd_ns=started, sessies=entries))
        except OSError as error:
            listing.index_error = f"de index van de sessies kan niet bewaard worden: {describe_os_error(error)}"
    return listing


# -- reading one session file -----------------------------------------------------------------

def read_file(path: str | Path, size: int, mtime_ns: int) -> tuple[Samenvatting, str]:
    """One file's summary and search text. A file listed as readable opens without error: it is
    checked as the store checks it (see _quick_session for the shortcut)."""
    name = os.path.basename(path)
    base = {"bestand": name, "id": name.removesuffix(SUFFIX), "grootte": size, "mtime_ns": mtime_ns}
    try:
        with open(path, "rb") as handle:  # plain open: pathlib costs more than the read, times 10,000
            raw = handle.read()
    except OSError as error:
        return _damaged(base, f"kan niet gelezen worden: {describe_os_error(error)}")
    session = _quick_session(raw)
    if session is None:  # the store's own path, which also gives the reason a file is damaged
        try:
            data = decode_json(Path(path), raw)
            session = session_from_data(Path(path), data)
        except NewerSessionFile:
            return _from_newer(base, data)
        except SessionFileError as error:
            return _damaged(base, error.damage.reason)
    return _from_session(base, session)


_VERSION_KEY = b'"schema_versie"'
_AS_THE_STORE_WRITES = b'{\n "schema_versie": %d,' % SCHEMA_VERSION


def _quick_session(raw: bytes) -> Sessie | None:
    """The file as a Sessie, parsed and validated by pydantic in one go (about a third faster than
    json.loads and then validating), or None to take the store's path. session_from_json validates
    with the same model but first insists on an integer schema_versie and migrates; pydantic alone
    would also take 1.0, "1" or no key at all. So this path is taken only for a file that starts
    as the store writes it, with the current version as an integer, and holds that key only once."""
    if not raw.startswith(_AS_THE_STORE_WRITES) or raw.count(_VERSION_KEY) != 1:
        return None
    try:
        return Sessie.model_validate_json(raw)
    except ValidationError:
        return None


def _damaged(base: dict, reason: str) -> tuple[Samenvatting, str]:
    return Samenvatting(**base, beschadigd=reason), base["bestand"].lower()


def _from_session(base: dict, session: Sessie) -> tuple[Samenvatting, str]:
    texts = [session.titel, session.groep, session.thema, *session.deelnemers]
    for run in session.werkvormen:
        texts.append(run.titel)
        for step in run.stappen:
            texts.append(step.titel)
            texts.extend(step.vragen)
            _strings(step.vastgelegd, texts)
    entry = Samenvatting(
        **base, titel=session.titel, groep=session.groep, modus=session.modus, status=session.status,
        aangemaakt=session.aangemaakt, bijgewerkt=session.bijgewerkt,
        werkvormen=[run.werkvorm_id for run in session.werkvormen],
        werkvorm_titels=[run.titel for run in session.werkvormen], deelnemers=list(session.deelnemers),
        thema=session.thema, schema_versie=session.schema_versie, leesbaar_alleen=False, beschadigd=None)
    return entry, search_text(texts)


def _from_newer(base: dict, data: dict) -> tuple[Samenvatting, str]:
    """A file of a newer schema: take what can be recognised, search all of its text."""
    def text(key: str) -> str:
        value = data.get(key)
        return value if isinstance(value, str) else ""

    runs = [run for run in data["werkvormen"] if isinstance(run, dict)] \
        if isinstance(data.get("werkvormen"), list) else []
    people = data.get("deelnemers")
    texts: list[str] = []
    _strings(data, texts)
    entry = Samenvatting(
        **base, titel=text("titel"), groep=text("groep"), modus=text("modus"), status=text("status"),
        aangemaakt=_when(data.get("aangemaakt")), bijgewerkt=_when(data.get("bijgewerkt")),
        werkvormen=[str(run.get("werkvorm_id", "")) for run in runs],
        werkvorm_titels=[str(run.get("titel", "")) for run in runs],
        deelnemers=[name for name in people if isinstance(name, str)] if isinstance(people, list) else [],
        thema=text("thema"), schema_versie=data.get("schema_versie"), leesbaar_alleen=True)
    return entry, search_text(texts)


def search_text(texts: list[str]) -> str:
    """One lower-cased line. Line breaks become spaces: a search word never spans two texts either
    way, and a text without escapes reads back from the JSON file several times faster."""
    return " ".join(texts).lower().replace("\n", " ")


def _when(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _strings(value: Any, out: list[str]) -> None:
    """Every string value, however deeply nested (keys are field names, left out). A loop, not
    recursion, and only containers are stacked: this runs over everything every file captured."""
    if type(value) is str:
        out.append(value)
        return
    stack = [value] if type(value) in (dict, list) else []
    while stack:
        item = stack.pop()
        for child in item.values() if type(item) is dict else item:
            kind = type(child)
            if kind is str:
                out.append(child)
            elif kind is dict or kind is list:
                stack.append(child)


def sort_newest_first(entries: Iterable[Samenvatting]) -> list[Samenvatting]:
    # timestamp(): a hand-edited file may hold a date without an offset, which cannot be compared directly.
    return sorted(entries, key=lambda entry: (entry.aangemaakt is not None,
                                              entry.aangemaakt.timestamp() if entry.aangemaakt else 0.0,
                                              entry.bestand), reverse=True)


# -- searching and filtering ------------------------------------------------------------------

def search(listing: Listing, text: str, include_private: bool = False) -> list[Samenvatting]:
    """The listing's entries that contain every word of `text` (case-insensitive), in listing
    order. A solo session is found by its title only, unless include_private: what someone noted
    for themselves does not turn up in a search on a shared screen."""
    words = text.lower().split()
    if not words:
        return list(listing.entries)
    texts = listing.search_texts()
    found = []
    for entry in listing.entries:
        haystack = entry.titel.lower() if entry.prive and not include_private else texts[entry.bestand]
        if all(word in haystack for word in words):
            found.append(entry)
    return found


def filter_entries(entries: Iterable[Samenvatting], groep: str | None = None, werkvorm: str | None = None,
                   modus: str | None = None, van: date | None = None, tot: date | None = None,
                   include_private: bool = False) -> list[Samenvatting]:
    """Entries that match every filter given. groep: case- and space-insensitive; solo sessions
    belong to no group (as in groups.py) unless include_private. werkvorm: an id or a title.
    van/tot: dates, inclusive, compared with the day the session was created."""
    wanted_group = group_key(groep) if groep else None
    wanted_werkvorm = werkvorm.lower() if werkvorm else None
    found = []
    for entry in entries:
        if wanted_group is not None and (group_key(entry.groep) != wanted_group
                                         or (entry.prive and not include_private)):
            continue
        if wanted_werkvorm is not None and wanted_werkvorm not in (
                [item.lower() for item in entry.werkvormen] + [item.lower() for item in entry.werkvorm_titels]):
            continue
        if modus is not None and entry.modus != modus:
            continue
        day = entry.aangemaakt.date() if entry.aangemaakt else None
        if (van is not None or tot is not None) and day is None:
            continue
        if (van is not None and day < van) or (tot is not None and day > tot):
            continue
        found.append(entry)
    return found


# -- the cache files --------------------------------------------------------------------------

def _read_cache(path: Path, model: type[_Cache]) -> Any:
    try:
        cache = model.model_validate_json(path.read_bytes())
    except (OSError, ValidationError, ValueError):
        return None
    return cache if cache.formaat == CACHE_FORMAT and cache.samenslim == __version__ else None


def _write_cache(path: Path, cache: _Cache) -> None:
    """Atomically, like the store: a 0600 temp file in the same folder, fsynced, renamed over the old one."""
    temp = path.with_name(f"{path.stem}.{os.getpid()}.{secrets.token_hex(3)}{TEMP_SUFFIX}")
    data = cache.__pydantic_serializer__.to_json(cache, exclude_defaults=True)  # bytes, straight from pydantic-core
    replace_atomically(temp, path, data)


def forget(folder: Path, file_name: str) -> None:
    """Remove one file's entry and search text (a deleted session's text must not linger here).
    A cache file that cannot be read or rewritten is removed; the next listing rebuilds it."""
    for name, model, key in ((INDEX_NAME, _IndexFile, "sessies"), (TEXTS_NAME, _TextsFile, "teksten")):
        path = Path(folder) / name
        cache = _read_cache(path, model)
        if cache is None:
            path.unlink(missing_ok=True)
            continue
        items = getattr(cache, key)
        kept = ({k: v for k, v in items.items() if k != file_name} if isinstance(items, dict)
                else [entry for entry in items if entry.bestand != file_name])
        if len(kept) == len(items):
            continue
        try:
            _write_cache(path, cache.model_copy(update={key: kept}))
        except OSError:
            path.unlink(missing_ok=True)
