"""What samenslim keeps where, and where identifiers sit in it (`samenslim privacy`, issue 14).

Everything shown here is safe to show: places (a step's title and the path of the field), kinds
and counts, never a matched value. Titles, group names, ids and field names are shown through
`redact`, since a title may itself hold a phone number.

Scanned: the session's title, group, theme and participants; per step the fields its kind says
hold typed text (`Soort.vrije_teksten`, names included), and every draft (`concepten`, walked
whole). A step of a kind this version does not know (a newer file), or whose capture does not
parse, has everything it captured walked instead.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from samenslim.domain import retention
from samenslim.domain.groups import group_key
from samenslim.domain.identifiers import Kind, find_identifiers, redact
from samenslim.domain.locations import Locations
from samenslim.domain.retention import Bewaartermijn, Bewaartermijnen, term_ends
from samenslim.domain.session import Sessie, StapRun
from samenslim.domain.sessions_index import Samenvatting, list_sessions
from samenslim.domain.soorten import kind_of
from samenslim.domain.store import MAX_FILE_BYTES, SUFFIX, SessionFileError, SessionStore

SEPARATOR = " › "
REPORT_SUFFIXES = (".md", ".json", ".html", ".htm", ".txt")  # reports that are text, and so scanned
WORD_SUFFIX = ".docx"  # scanned by paragraph and table row (export --vorm docx)


@dataclass(frozen=True)
class PlaceFinding:
    """`count` identifiers of one kind in one place (e.g. 'stap 2 “Vertellen” › notities')."""

    kind: Kind
    place: str
    count: int


@dataclass
class SessionFindings:
    session_id: str  # redacted: an id holds the title's words
    titel: str  # redacted
    places: list[PlaceFinding]

    @property
    def counts(self) -> Counter[Kind]:
        total: Counter[Kind] = Counter()
        for place in self.places:
            total[place.kind] += place.count
        return total


@dataclass(frozen=True)
class FolderInfo:
    label: str  # Dutch, e.g. "Sessies"
    path: Path
    files: int | None  # None: the folder does not exist (yet)


@dataclass(frozen=True)
class GroupCount:
    naam: str  # redacted; "" for sessions without a group
    sessies: int
    oudste: datetime | None
    nieuwste: datetime | None
    solo: bool = False
    termijn: Bewaartermijn | None = None  # the group's retention term, if recorded
    bewaren_tot: datetime | None = None  # the last meeting plus the term

    def past_term(self, now: datetime) -> bool:
        return self.bewaren_tot is not None and _aware(self.bewaren_tot) <= _aware(now)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.astimezone()


@dataclass
class Overview:
    data_dir: Path
    folders: list[FolderInfo]
    groups: list[GroupCount]
    sessions: int
    oldest: datetime | None
    findings: list[SessionFindings] = field(default_factory=list)  # only sessions with findings
    report_findings: list[tuple[str, list[PlaceFinding]]] = field(default_factory=list)  # file name, places
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # file name, why (redacted)
    scanned: int = 0
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    terms_without_sessions: list[Bewaartermijn] = field(default_factory=list)
    terms_problem: str | None = None  # why the retention file cannot be read (Dutch)
    terms_file: Path = Path()

    @property
    def past_term(self) -> list[GroupCount]:
        return [group for group in self.groups if group.past_term(self.now)]

    @property
    def needs_attention(self) -> bool:
        """Identifiers found, a file that could not be checked, or sessions past their group's term."""
        return bool(self.findings or self.report_findings or self.unreadable or self.terms_problem or self.past_term)


# --- one session ---------------------------------------------------------------------------------

def _strings(value: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], str]]:
    """Every string in decoded JSON with its path (dict keys, list positions counted from 1);
    a dict key is a string too, found at its own path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            key_text = str(key)
            yield (*path, key_text), key_text
            yield from _strings(item, (*path, key_text))
    elif isinstance(value, list):
        for number, item in enumerate(value, start=1):
            yield from _strings(item, (*path, str(number)))


def _place(prefix: str, path: tuple[str, ...]) -> str:
    return SEPARATOR.join([prefix, *(redact(part) for part in path)]) if path else prefix


def _field_path(value: Any, veld: str) -> tuple[str, ...]:
    """A kind's field path ('beurten.1.tekst', list positions from 0) as the generic walk names it
    (('beurten', '2', 'tekst'), from 1), read along the capture so a key holding a dot (a name such
    as 'J. de Vries' in per_deelnemer) stays one part."""
    parts: list[str] = []
    rest = veld
    while rest:
        if isinstance(value, dict):
            key = next((key for key in sorted(map(str, value), key=len, reverse=True)
                        if rest == key or rest.startswith(key + ".")), None)
            if key is None:
                break
            value, rest, part = value[key], rest[len(key) + 1:], key
        elif isinstance(value, list):
            index, _, after = rest.partition(".")
            if not index.isdigit() or int(index) >= len(value):
                break
            value, rest, part = value[int(index)], after, str(int(index) + 1)
        else:
            break
        parts.append(part)
    if rest:  # not found along the capture: the path as the kind gives it
        parts += rest.split(".")
    return tuple(parts)


def _step_texts(step: StapRun) -> Iterator[tuple[tuple[str, ...], str]]:
    """The typed texts of a step's capture with their paths: the kind's free-text fields, or every
    string when the kind is unknown or its capture does not parse."""
    kind = kind_of(step)
    if kind is not None:
        try:
            texts = kind.vrije_teksten(kind.inhoud(step), kind.capture(step))
        except ValueError:  # pydantic's ValidationError: walk it all
            pass
        else:
            for item in texts:
                yield _field_path(step.vastgelegd, item.veld), item.tekst
            return
    yield from _strings(step.vastgelegd, ())


def scan_session(session: Sessie) -> list[PlaceFinding]:
    """Every place in the session's free text that holds identifiers, in the order of the session."""
    counted: dict[tuple[str, Kind], int] = {}

    def count(prefix: str, texts: Iterator[tuple[tuple[str, ...], str]]) -> None:
        for path, text in texts:
            for finding in find_identifiers(text):
                key = (_place(prefix, path), finding.kind)
                counted[key] = counted.get(key, 0) + 1

    def scan(prefix: str, value: Any) -> None:
        count(prefix, _strings(value, ()))

    scan("titel van de sessie", session.titel)
    scan("groep", session.groep)
    scan("thema", session.thema)
    scan("deelnemers", session.deelnemers)
    several = len(session.werkvormen) > 1
    number = 0
    for run in session.werkvormen:
        for step in run.stappen:
            number += 1
            where = f"stap {number} “{redact(step.titel)}”"
            if several:
                where = f"{redact(run.titel)}, {where}"
            count(where, _step_texts(step))
            scan(f"{where}{SEPARATOR}nog niet bevestigd", step.concepten)
    return [PlaceFinding(kind, place, count) for (place, kind), count in counted.items()]


def scan_text_file(path: Path) -> list[PlaceFinding]:
    """Identifiers in a text file (a report), by line: 'regel 12'."""
    with open(path, "rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    text = raw[:MAX_FILE_BYTES].decode("utf-8", errors="replace")
    found: list[PlaceFinding] = []
    for line_number, line in enumerate(text.splitlines(), start=1):
        kinds = Counter(finding.kind for finding in find_identifiers(line))
        found += [PlaceFinding(kind, f"regel {line_number}", count) for kind, count in kinds.items()]
    return found


def scan_docx_file(path: Path) -> list[PlaceFinding]:
    """Identifiers in a Word report, by paragraph and table row. Raises OSError, or ValueError for
    a file that is no readable Word file."""
    from samenslim.domain.report_formats import docx_texts  # loads python-docx: only when there is one

    with open(path, "rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise ValueError("te groot")
    found: list[PlaceFinding] = []
    for place, text in docx_texts(raw):
        kinds = Counter(finding.kind for finding in find_identifiers(text))
        found += [PlaceFinding(kind, place, count) for kind, count in kinds.items()]
    return found


# --- everything ----------------------------------------------------------------------------------

def _count_files(folder: Path) -> int | None:
    try:
        with os.scandir(folder) as entries:
            return sum(1 for entry in entries if not entry.name.startswith(".") and entry.is_file(follow_symlinks=False))
    except FileNotFoundError:
        return None
    except OSError:
        return 0


def _group_counts(entries: list[Samenvatting], terms: Bewaartermijnen) -> list[GroupCount]:
    by_group: dict[tuple[bool, str], list[Samenvatting]] = {}
    names: dict[tuple[bool, str], str] = {}
    for entry in entries:
        if entry.beschadigd:
            continue
        solo = entry.prive
        key = (solo, "" if solo else group_key(entry.groep))
        by_group.setdefault(key, []).append(entry)
        names.setdefault(key, "" if solo else " ".join(entry.groep.split()))
    counts = []
    for key, members in by_group.items():
        moments = [_aware(entry.aangemaakt) for entry in members if entry.aangemaakt]
        newest = max(moments, default=None)
        term = None if key[0] or not key[1] else terms.for_group(names[key])
        counts.append(GroupCount(redact(names[key]), len(members), min(moments, default=None), newest, solo=key[0],
                                 termijn=term, bewaren_tot=term_ends(term, newest) if term and newest else None))
    counts.sort(key=lambda group: (group.solo, group.naam == "", group_key(group.naam)))
    return counts


def overview(locations: Locations, now: datetime | None = None) -> Overview:
    """The folders samenslim keeps, the sessions per group with their retention terms, and every
    identifier found in the sessions and in the reports. Reads only; the sessions index may be
    brought up to date."""
    sessions_dir = locations.sessions_dir
    terms_problem = None
    try:
        terms = retention.load(retention.path_in(locations.data_dir))
    except retention.RetentionFileError as error:
        terms, terms_problem = Bewaartermijnen(), str(error)
    listing = list_sessions(sessions_dir)
    entries = listing.entries
    readable = [entry for entry in entries if not entry.beschadigd]
    moments = [entry.aangemaakt for entry in readable if entry.aangemaakt]
    folders = [
        FolderInfo("Sessies", sessions_dir, _count_files(sessions_dir)),
        FolderInfo("Verslagen", locations.reports_dir, _count_files(locations.reports_dir)),
        FolderInfo("Schermafdrukken", locations.screenshots_dir, _count_files(locations.screenshots_dir)),
        FolderInfo("Crashrapporten", locations.crash_dir, _count_files(locations.crash_dir)),
        FolderInfo("Eigen werkvormen", locations.user_content_dir, _count_files(locations.user_content_dir)),
    ]
    groups = _group_counts(entries, terms)
    result = Overview(locations.data_dir, folders, groups, len(readable), min(moments, default=None),
                      terms_problem=terms_problem, terms_file=retention.path_in(locations.data_dir))
    if now is not None:
        result.now = now
    with_sessions = {group_key(group.termijn.groep) for group in groups if group.termijn}
    result.terms_without_sessions = [term for term in terms.termijn if group_key(term.groep) not in with_sessions]
    store = SessionStore(sessions_dir)
    for entry in entries:
        if entry.beschadigd:
            result.unreadable.append((redact(entry.bestand), redact(entry.beschadigd)))
            continue
        try:
            session = store.load_path(sessions_dir / entry.bestand)
        except SessionFileError as error:
            result.unreadable.append((redact(entry.bestand), redact(error.damage.reason)))
            continue
        result.scanned += 1
        places = scan_session(session)
        if places:
            result.findings.append(SessionFindings(
                redact(entry.bestand.removesuffix(SUFFIX)), redact(session.titel), places))
    result.report_findings = _scan_reports(locations.reports_dir)
    return result


def _scan_reports(folder: Path) -> list[tuple[str, list[PlaceFinding]]]:
    try:
        names = sorted(entry.name for entry in os.scandir(folder)
                       if entry.is_file(follow_symlinks=False) and entry.name.endswith((*REPORT_SUFFIXES, WORD_SUFFIX)))
    except OSError:
        return []
    found = []
    for name in names:
        try:
            places = scan_docx_file(folder / name) if name.endswith(WORD_SUFFIX) else scan_text_file(folder / name)
        except (OSError, ValueError):
            continue
        if places:
            found.append((redact(name), places))
    return found
