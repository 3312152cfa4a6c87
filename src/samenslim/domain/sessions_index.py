"""A summary of every session file, for looking back at past sessions without opening each one.

The summaries are kept in `.index.json` beside the sessions, the search texts in `.zoektekst.json`
(read only when someone searches: 10,000 summaries load in tens of milliseconds, their texts are
ten times their size). Both are caches, never the truth: an entry is reused only while its
session file has the same size and mtime_ns, files that are new or changed are read again, files
that are gone are dropped, and a missing, unreadable or outdated cache file is simply rebuilt.
Damaged files are listed with the reason, never written.

Reading a file for the list looks only at its head. The store writes everything the list needs
(`Sessie.to_json_bytes`: version, id, dates, mode, status, title, group, theme, people, position
and `agenda`, the werkvormen' ids and titles) before the long `werkvormen`, so a listing reads
the first 4 KB of each file and its last 16 bytes, and nothing more (`read_head`). It checks
what it lists, honestly but not completely:

- the head: everything before the top-level `werkvormen` key (as the store writes it, indented
  by one space), closed with `}`, must be one JSON object;
- the types of every field in it, with Sessie's own types and pydantic's rules, as the store
  reads them (`_Head`): `schema_versie` the integer this version writes, a valid `id` equal to
  the file name, both dates, `modus` and `status` one of their values, `titel`, `groep` and
  `thema` texts, `deelnemers` a list of texts, `positie` numbers, `agenda` a non-empty list of
  werkvorm ids and titles;
- that the file ends as JSON does (`}`, perhaps followed by whitespace): a file cut off while it
  was written, the usual damage, is caught here.

Anything else (an older file without `agenda`, a newer schema, a head that does not parse or has
a wrong type, a file written in another layout, a file that does not end properly) takes the
full path, `read_file`: the whole file parsed and checked exactly as `SessionStore.load` checks
it, with the same Dutch reason when it cannot be opened. The trade-off: a file damaged in the
middle (inside `werkvormen`, or with a top-level key repeated after it) is listed as readable.
It shows its damage, the same Dutch reason and never a crash, when it is opened, or when a
search reads it in full: a search marks its entry `beschadigd` in the listing and in the index
(and the texts file remembers it), so the list shows it as damaged from then on. `agenda` is a
copy: a hand edit of `werkvormen` that leaves it alone is listed by the old agenda until the
next save (or a search, which lists what the full read found).

The search texts are built lazily: the first search (`Listing.search_texts`) takes them from the
texts file where size and mtime still match, reads the other files in full (checking them), and
saves the texts file. A listing never needs the texts; it only drops those of files that are
gone. (Measured with 10,000 files in benchmarks/sessions_index.py: the cold listing reads the
heads in under 3x the time it takes to open each file and read 4 KB; a first search without a
texts file reads every file, as the cold listing used to.)

Solo sessions are personal reflections. Their entries say so (`prive`), a screen shows only their
title and date, and `search` does not look at what they captured unless asked to
(`include_private=True`); the group filter leaves them out in the same way.
"""

from __future__ import annotations

import gc
import json
import os
import secrets
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Annotated, Any, Required

from filelock import FileLock, Timeout
from pydantic import BaseModel, Field, TypeAdapter, ValidationError
from typing_extensions import TypedDict

from samenslim import __version__
from samenslim.domain.groups import group_key
from samenslim.domain.session import (
    ID_PATTERN,
    SCHEMA_VERSION,
    Modus,
    Moment,
    Sessie,
    SessionCheckError,
    Status,
    check_session,
    without_accents,
)
from samenslim.domain.store import (
    MAX_FILE_BYTES,
    SUFFIX,
    TEMP_SUFFIX,
    NewerSessionFile,
    SessionFileError,
    decode_json,
    describe_os_error,
    read_at_most,
    replace_atomically,
    session_from_data,
    too_large,
)

INDEX_NAME = ".index.json"
TEXTS_NAME = ".zoektekst.json"
CACHE_LOCK_NAME = ".index.lock"  # see cache_lock
CACHE_LOCK_SECONDS = 20
CACHE_FORMAT = 3  # 3: search texts are folded (fold): a texts file of format 2 is not
# A file's mtime comes from a coarse clock (a few ms on ext4, 2 s on FAT): a file changed twice
# within one tick keeps its mtime. Entries of files touched this shortly before the index was
# built are therefore not trusted, and read again next time.
SETTLE_NS = 2_000_000_000
HEAD_BYTES = 4096  # what a listing reads of a file: everything before `werkvormen` fits, usually many times over
TAIL_BYTES = 16  # and its end, to see that it is complete


@dataclass(slots=True)
class Samenvatting:
    """One session file in the listing: what the list, its filters and the command line show.
    A plain class, not a pydantic model: 10,000 of them are made on every listing."""

    bestand: str  # the file name in the sessions folder
    grootte: int  # the file's size and mtime_ns when it was read: a change means read it again
    mtime_ns: int
    titel: str = ""
    groep: str = ""
    modus: str = ""  # "groep" or "solo"; "" when the file cannot be read
    status: str = ""  # "bezig", "afgerond", or "gesloten" (bezig, closed without finishing: Sessie.gesloten)
    aangemaakt: datetime | None = None
    werkvormen: list[str] = field(default_factory=list)  # werkvorm ids, in agenda order
    werkvorm_titels: list[str] = field(default_factory=list)
    schema_versie: int | None = None
    leesbaar_alleen: bool = False  # written by a newer samenslim: listed, but this version cannot open it
    beschadigd: str | None = None  # why the file cannot be read (Dutch), None when it can

    @property
    def id(self) -> str:
        return self.bestand.removesuffix(SUFFIX)

    @property
    def prive(self) -> bool:
        """A solo session: show only its title and date."""
        return self.modus == "solo"


FIELDS = tuple(Samenvatting.__dataclass_fields__)
_as_row = attrgetter(*FIELDS)  # an entry as a tuple of its fields, in order: one row of the index
# The index holds each entry as a list of its fields, in FIELDS' order: pydantic validates a list
# of tuples about twice as fast as a list of objects with keys, and the file is a third smaller.
_Row = tuple[str, int, int, str, str, str, str, datetime | None, list[str], list[str], int | None, bool, str | None]


class _Cache(BaseModel):
    formaat: int
    samenslim: str  # another version may read files differently (a migration, a new reason): rebuild


class _IndexFile(_Cache):
    gebouwd_ns: int  # time.time_ns() just before the folder was scanned
    sessies: list[_Row]  # newest first


class _TextsFile(_Cache):
    # file name -> (grootte, mtime_ns, search text, why the file cannot be read or None): what
    # reading the whole file found, so a search that takes the text from here still knows.
    teksten: dict[str, tuple[int, int, str, str | None]]


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
        stored = _read_cache(self.folder / TEXTS_NAME, _TextsFile) if missing else None
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
                present = _present(self.folder)
                teksten = {entry.bestand: (entry.grootte, entry.mtime_ns, self.texts[entry.bestand], entry.beschadigd)
                           for entry in self.entries if entry.bestand in present}
                _write_cache(self.folder / TEXTS_NAME, _TextsFile(formaat=CACHE_FORMAT, samenslim=__version__,
                                                                  teksten=teksten))
                if changed:
                    _write_index(self.folder, [entry for entry in self.entries if entry.bestand in present],
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
    old = _read_cache(folder / INDEX_NAME, _IndexFile)
    known = {row[0]: row for row in old.sessies} if old else {}
    trusted_before = old.gebouwd_ns - SETTLE_NS if old else 0
    started = time.time_ns()
    kept: list[_Row] = []  # index rows still good
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
                present = _present(folder)
                _write_index(folder, [entry for entry in entries if entry.bestand in present], started)
                if listing.dropped:  # a file removed outside samenslim: its text must not linger
                    _drop_texts(folder, set(known))
        except OSError as error:
            listing.index_error = f"de index van de sessies kan niet bewaard worden: {describe_os_error(error)}"
    return listing


@contextmanager
def cache_lock(folder: Path) -> Iterator[None]:
    """Held while the caches are written and while a session is deleted (SessionStore.delete), so
    that a listing or search in another window never writes a deleted session back into them.
    Without a folder, or when the lock cannot be had (a read-only folder, a stuck lock), the work
    goes on without it: the caches are only caches."""
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


def _present(folder: Path) -> set[str]:
    """The names in the folder now: one scandir, cheaper than a stat per entry."""
    try:
        return set(os.listdir(folder))
    except OSError:
        return set()


def _write_index(folder: Path, entries: list[Samenvatting], built_ns: int) -> None:
    # model_construct: the rows are made here, from entries of the right types; validating them again costs 10 ms
    _write_cache(folder / INDEX_NAME, _IndexFile.model_construct(
        formaat=CACHE_FORMAT, samenslim=__version__, gebouwd_ns=built_ns, sessies=[_as_row(entry) for entry in entries]))


# -- reading one session file: its head ------------------------------------------------------

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)  # Windows opens in text mode otherwise
_pread = getattr(os, "pread", None)  # one system call instead of lseek and read (not on Windows)
# Where the head ends: the top-level key as the store writes it (indent=1). Everything before it,
# closed with "}", is a JSON object exactly when this is the top level: a cut inside a nested
# value leaves a bracket open, one inside a string leaves the string open (a string holds no line
# break), and either fails to parse.
_WERKVORMEN = b'\n "werkvormen": '


class _AgendaItem(TypedDict):
    werkvorm_id: str
    titel: str


class _Positie(TypedDict, total=False):
    werkvorm: int
    stap: int


class _Head(TypedDict, total=False):
    """Sessie's fields before `werkvormen`, with its types (pydantic's lax rules, as the store
    reads them); a TypedDict validates in half the time of models. Other keys are passed over, as
    Sessie keeps them. tests/unit/test_sessions_index.py checks this stays in step with Sessie."""

    schema_versie: Required[Annotated[int, Field(strict=True, ge=SCHEMA_VERSION, le=SCHEMA_VERSION)]]
    id: Required[Annotated[str, Field(pattern=ID_PATTERN)]]
    aangemaakt: Required[Moment]
    bijgewerkt: Required[Moment]
    modus: Modus
    status: Status
    gesloten: Moment | None
    titel: Required[str]
    groep: str
    thema: str
    deelnemers: list[str]
    positie: _Positie
    agenda: Required[Annotated[list[_AgendaItem], Field(min_length=1)]]  # [] or missing: an older file


_validate_head = TypeAdapter(_Head).validator.validate_json  # pydantic-core's, without the Python wrapper


def read_head(path: str | Path, size: int, mtime_ns: int, name: str = "") -> tuple[Samenvatting, str | None]:
    """One file's summary, from its first HEAD_BYTES and its last TAIL_BYTES when the store wrote
    it (see the module's docstring for what that checks); the search text is then None, it is made
    when a search needs it. Any other file is read whole by read_file, which gives the text too."""
    if size > MAX_FILE_BYTES:  # the store refuses to open it, whatever its head says
        return read_file(path, size, mtime_ns)
    try:
        fd = os.open(path, _OPEN_FLAGS)
        try:
            head = os.read(fd, HEAD_BYTES)
            if len(head) < HEAD_BYTES:  # a small file, read whole: its end is the end of the head
                tail = head[-TAIL_BYTES:]
            elif size < HEAD_BYTES:  # it grew since its size was taken
                tail = b""
            elif _pread is not None:
                tail = _pread(fd, TAIL_BYTES, size - TAIL_BYTES)
            else:
                os.lseek(fd, -TAIL_BYTES, os.SEEK_END)
                tail = os.read(fd, TAIL_BYTES)
        finally:
            os.close(fd)
    except OSError:
        return read_file(path, size, mtime_ns)  # which says why it cannot be read
    cut = head.find(_WERKVORMEN)
    if cut > 0 and head[cut - 1] == 44 and (tail[-1:] == b"}" or tail.rstrip(b" \t\n\r")[-1:] == b"}"):  # 44: ","
        try:
            values = _validate_head(head[:cut - 1] + b"}")
        except ValidationError:
            values = None
        name = name or os.path.basename(path)
        if (values is not None and values["id"] + SUFFIX == name
                and 0 <= values.get("positie", {}).get("werkvorm", 0) < len(values["agenda"])):
            agenda = values["agenda"]
            get = values.get
            status = get("status", "bezig")
            return Samenvatting(name, size, mtime_ns, values["titel"], get("groep", ""), get("modus", "groep"),
                                "gesloten" if status == "bezig" and get("gesloten") else status, values["aangemaakt"], list(map(_werkvorm_id, agenda)),
                                list(map(_titel, agenda)), SCHEMA_VERSION), None
    return read_file(path, size, mtime_ns)


_werkvorm_id, _titel = itemgetter("werkvorm_id"), itemgetter("titel")


# -- reading one session file in full --------------------------------------------------------

def read_file(path: str | Path, size: int, mtime_ns: int) -> tuple[Samenvatting, str]:
    """One file's summary and search text. A file listed as readable opens without error: it is
    checked as the store checks it (see _quick_session for the shortcut)."""
    if size > MAX_FILE_BYTES:  # never read into memory (a stray file of hundreds of MB)
        return _damaged(os.path.basename(path), size, mtime_ns, too_large(size))
    try:
        with open(path, "rb") as handle:  # plain open: pathlib costs more than the read, times 10,000
            raw = read_at_most(handle, size)
    except OSError as error:
        return _damaged(os.path.basename(path), size, mtime_ns, f"kan niet gelezen worden: {describe_os_error(error)}")
    if len(raw) > MAX_FILE_BYTES:
        return _damaged(os.path.basename(path), size, mtime_ns, too_large(len(raw)))
    return _from_bytes(path, raw, size, mtime_ns)


def _from_bytes(path: str | Path, raw: bytes, size: int, mtime_ns: int) -> tuple[Samenvatting, str]:
    name = os.path.basename(path)
    session = _quick_session(raw)
    if session is None:  # the store's own path, which also gives the reason a file is damaged
        try:
            data = decode_json(Path(path), raw)
            session = session_from_data(Path(path), data)
        except NewerSessionFile:
            return _from_newer(name, size, mtime_ns, data)
        except SessionFileError as error:
            return _damaged(name, size, mtime_ns, error.damage.reason)
    return _from_session(name, size, mtime_ns, session)


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
        return check_session(Sessie.model_validate_json(raw))
    except (ValidationError, SessionCheckError):  # the store's path says why
        return None


def _damaged(name: str, size: int, mtime_ns: int, reason: str) -> tuple[Samenvatting, str]:
    return Samenvatting(name, size, mtime_ns, beschadigd=reason), fold(name)


def _from_session(name: str, size: int, mtime_ns: int, session: Sessie) -> tuple[Samenvatting, str]:
    texts = [session.titel, session.groep, session.thema, *session.deelnemers]
    for run in session.werkvormen:
        texts.append(run.titel)
        for step in run.stappen:
            texts.append(step.titel)
            texts.extend(step.vragen)
            _strings(step.vastgelegd, texts)
    entry = Samenvatting(
        name, size, mtime_ns, titel=session.titel, groep=session.groep, modus=session.modus,
        status="gesloten" if session.status == "bezig" and session.gesloten else session.status,
        aangemaakt=session.aangemaakt, werkvormen=[run.werkvorm_id for run in session.werkvormen],
        werkvorm_titels=[run.titel for run in session.werkvormen], schema_versie=session.schema_versie)
    return entry, search_text(texts)


def _from_newer(name: str, size: int, mtime_ns: int, data: dict[str, Any]) -> tuple[Samenvatting, str]:
    """A file of a newer schema: take what can be recognised, search all of its text."""
    def text(key: str) -> str:
        value = data.get(key)
        return value if isinstance(value, str) else ""

    runs = [run for run in data["werkvormen"] if isinstance(run, dict)] \
        if isinstance(data.get("werkvormen"), list) else []
    texts: list[str] = []
    _strings(data, texts)
    entry = Samenvatting(
        name, size, mtime_ns, titel=text("titel"), groep=text("groep"), modus=text("modus"), status=text("status"),
        aangemaakt=_when(data.get("aangemaakt")), werkvormen=[str(run.get("werkvorm_id", "")) for run in runs],
        werkvorm_titels=[str(run.get("titel", "")) for run in runs], schema_versie=data.get("schema_versie"),
        leesbaar_alleen=True)
    return entry, search_text(texts)


def fold(text: str) -> str:
    """What search compares: lower case, accents dropped, ĳ as ij (session.without_accents), so
    `cafe` finds "café" and `ĳssel` finds "IJssel". The query and the texts are folded alike."""
    return without_accents(text).lower()


def search_text(texts: list[str]) -> str:
    """One folded line (see fold). Line breaks become spaces: a search word never spans two texts
    either way, and a text without escapes reads back from the JSON file several times faster."""
    return fold(" ".join(texts)).replace("\n", " ")


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
    """The listing's entries that contain every word of `text` (case- and accent-insensitive:
    fold), in listing order. A solo session is found by its title only, unless include_private: what someone noted
    for themselves does not turn up in a search on a shared screen."""
    words = fold(text).split()
    if not words:
        return list(listing.entries)
    texts = listing.search_texts()
    found = []
    for entry in listing.entries:
        haystack = fold(entry.titel) if entry.prive and not include_private else texts[entry.bestand]
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
        if van is not None or tot is not None:
            if day is None or (van is not None and day < van) or (tot is not None and day > tot):
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
    try:
        data = cache.__pydantic_serializer__.to_json(cache)  # bytes, straight from pydantic-core
    except ValueError:  # a lone surrogate ("\\ud800" in a hand-edited file) has no UTF-8: write it as "?"
        data = json.dumps(cache.model_dump(mode="json"), ensure_ascii=False).encode("utf-8", "replace")
    replace_atomically(temp, path, data)


def _drop_texts(folder: Path, names: set[str]) -> None:
    """Remove these files' texts from the texts file; one that cannot be read is removed (rebuilt
    on the next search)."""
    path = folder / TEXTS_NAME
    cache = _read_cache(path, _TextsFile)
    if cache is None:
        path.unlink(missing_ok=True)
    elif names & cache.teksten.keys():
        _write_cache(path, cache.model_copy(update={"teksten": {
            name: value for name, value in cache.teksten.items() if name not in names}}))


def forget(folder: Path, file_name: str) -> None:
    """Remove one file's entry and search text (a deleted session's text must not linger here).
    A cache file that cannot be read or rewritten is removed; the next listing rebuilds it."""
    folder = Path(folder)
    index = _read_cache(folder / INDEX_NAME, _IndexFile)
    try:
        if index is None:
            (folder / INDEX_NAME).unlink(missing_ok=True)
        elif any(row[0] == file_name for row in index.sessies):
            _write_cache(folder / INDEX_NAME, index.model_copy(update={
                "sessies": [row for row in index.sessies if row[0] != file_name]}))
    except OSError:
        (folder / INDEX_NAME).unlink(missing_ok=True)
    try:
        _drop_texts(folder, {file_name})
    except OSError:
        (folder / TEXTS_NAME).unlink(missing_ok=True)
