"""Reading one session file for the listing: its head when the store wrote it, else the whole file.

The store writes everything the list needs (`Sessie.to_json_bytes`: version, id, dates, mode,
status, title, group, theme, people, position and `agenda`, the werkvormen' ids and titles) before
the long `werkvormen`, so `read_head` reads the first HEAD_BYTES of a file and its last TAIL_BYTES,
and nothing more. It checks what it lists, honestly but not completely:

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
it, with the same Dutch reason when it cannot be opened, and its search text made on the way.

The trade-off: a file damaged in the middle (inside `werkvormen`, or with a top-level key repeated
after it) is listed as readable. It shows its damage, the same Dutch reason and never a crash,
when it is opened, or when a search reads it in full: a search marks its entry `beschadigd` in the
listing and in the index (and the texts file remembers it), so the list shows it as damaged from
then on. `agenda` is a copy: a hand edit of `werkvormen` that leaves it alone is listed by the old
agenda until the next save (or a search, which lists what the full read found).
"""

from __future__ import annotations

import os
from datetime import datetime
from operator import itemgetter
from pathlib import Path
from typing import Annotated, Any, Required

from pydantic import Field, TypeAdapter, ValidationError
from typing_extensions import TypedDict

from samenslim.domain.session import (
    ID_PATTERN,
    SCHEMA_VERSION,
    Modus,
    Moment,
    Sessie,
    SessionCheckError,
    Status,
    check_session,
)
from samenslim.domain.sessions_index.summary import Samenvatting, fold, search_text
from samenslim.domain.store import (
    MAX_FILE_BYTES,
    SUFFIX,
    NewerSessionFile,
    SessionFileError,
    decode_json,
    describe_os_error,
    read_at_most,
    session_from_data,
    too_large,
)

HEAD_BYTES = 4096  # what a listing reads of a file: everything before `werkvormen` fits, usually many times over
TAIL_BYTES = 16  # and its end, to see that it is complete

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

