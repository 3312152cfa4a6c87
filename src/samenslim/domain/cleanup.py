"""Carrying out the retention terms (`samenslim opruimen`, issue 14).

A group's sessions are kept for its term (domain/retention.py) after the group's LAST meeting: once
that moment has passed, every session of the group is due at once, and what happens is what the
facilitator chose with the term (`na`):

- verwijderen: `erasure.erase`, the session and everything derived from it (reports, screenshots,
  conflict and schema copies, its entry and search text in the sessions index, crash notes naming it).
- anonimiseren: the session is written again without anything typed. Kept: dates and times, the
  werkvormen and their steps as asked (the theme taken out of the prompts), scores, how many
  turns, items and actions there were, choices (ring, relation, card, status), and what became of
  each action (`opvolging`). Gone: every free text each kind names (`Soort.vrije_teksten`, replaced by
  REMOVED when it held something, so an action still counts in the group's journey), the title (it
  becomes the werkvorm titles), the theme, the drafts (`concepten`), and every name: participants,
  roles, speakers, owners and per-person keys become "deelnemer 1", "deelnemer 2", ... consistently
  within the session. Kept on purpose: the group's name — it is the organisation's team name, and
  without it the group's trend (domain/journey.py) cannot be found. A step of a kind this version
  does not know keeps nothing of its content or capture. The session gets a new id (the old one
  holds the title's words) and `geanonimiseerd`, so it is never anonymised twice; the old file and
  everything derived from it are erased as above. Follow-ups recorded in the group's other sessions
  are re-keyed to the new ids.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from samenslim.domain import retention
from samenslim.domain.erasure import erase
from samenslim.domain.groups import group_key
from samenslim.domain.identifiers import redact
from samenslim.domain.locations import Locations
from samenslim.domain.retention import Na, term_ends
from samenslim.domain.session import (
    THEME_FALLBACK,
    THEME_FALLBACK_SOLO,
    Sessie,
    StapRun,
    WerkvormRun,
    new_session_id,
)
from samenslim.domain.sessions_index import Samenvatting, list_sessions
from samenslim.domain.soorten import kind_of
from samenslim.domain.store import SessionFileError, SessionStore, StoreError

REMOVED = "[verwijderd]"
PSEUDONYM = "deelnemer {}"
ANONYMOUS_LABEL = "geanonimiseerd"
_FILLED_THEME = re.compile(r"het thema ‘[^’]*’")  # how session.fill_theme puts a theme in a prompt


@dataclass(frozen=True)
class Due:
    """One session past its group's term, and what will happen to it."""

    session_id: str
    datum: datetime | None  # when it was held
    titel: str  # redacted: shown on screen
    groep: str  # redacted
    actie: Na
    bewaren_tot: datetime  # the group's last meeting plus its term


@dataclass
class Plan:
    due: list[Due] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (redacted id, why: Dutch)
    terms_problem: str | None = None  # the retention file cannot be read (Dutch)
    opgeruimd: datetime | None = None  # when cleanup last ran


@dataclass
class Outcome:
    done: list[tuple[Due, str | None]] = field(default_factory=list)  # with the new id when anonymised
    failed: list[tuple[Due, str]] = field(default_factory=list)  # why (Dutch)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.astimezone()


def plan(locations: Locations, now: datetime) -> Plan:
    """The sessions past their group's term. Reads only (the sessions index may be brought up to date)."""
    try:
        terms = retention.load(retention.path_in(locations.data_dir))
    except retention.RetentionFileError as error:
        return Plan(terms_problem=str(error))
    result = Plan(opgeruimd=terms.opgeruimd)
    if not terms.termijn:
        return result
    by_group: dict[str, list[Samenvatting]] = {}
    for entry in list_sessions(locations.sessions_dir).entries:
        if entry.beschadigd or entry.prive or not entry.groep.strip() or entry.aangemaakt is None:
            continue
        by_group.setdefault(group_key(entry.groep), []).append(entry)
    store = SessionStore(locations.sessions_dir)
    for key, entries in sorted(by_group.items()):
        term = terms.for_group(key)
        if term is None:
            continue
        last = max(_aware(entry.aangemaakt) for entry in entries if entry.aangemaakt)
        ends = term_ends(term, last)
        if ends > _aware(now):
            continue
        for entry in sorted(entries, key=lambda entry: (_aware(entry.aangemaakt or last), entry.bestand)):
            if term.na == "anonimiseren":
                try:
                    session = store.load_path(locations.sessions_dir / entry.bestand)
                except SessionFileError as error:
                    result.skipped.append((redact(entry.id), f"niet te anonimiseren: {redact(error.damage.reason)}"))
                    continue
                if session.geanonimiseerd is not None:
                    continue
            result.due.append(Due(entry.id, entry.aangemaakt, redact(entry.titel), redact(" ".join(entry.groep.split())),
                                  term.na, ends))
    return result


def carry_out(locations: Locations, due: list[Due], now: datetime) -> Outcome:
    """Delete or anonymise the sessions; one that fails (open in samenslim, unwritable) is told and
    the rest go on. Records when cleanup ran in the retention file."""
    outcome = Outcome()
    store = SessionStore(locations.sessions_dir, root=locations.data_dir)
    anonymise: dict[str, list[Due]] = {}
    for item in due:
        if store.is_locked(item.session_id):
            outcome.failed.append((item, "de sessie is nu open in samenslim; sluit hem en probeer het opnieuw"))
        elif item.actie == "anonimiseren":
            anonymise.setdefault(group_key(item.groep), []).append(item)
        else:
            try:
                erase(locations, item.session_id)
            except OSError as error:
                outcome.failed.append((item, _why(error)))
            else:
                outcome.done.append((item, None))
    for items in anonymise.values():
        _anonymise_group(locations, store, items, now, outcome)
    retention.record_cleanup(locations.data_dir, now)
    return outcome


def _why(error: Exception) -> str:
    from samenslim.domain.oserrors import describe_os_error

    return describe_os_error(error) if isinstance(error, OSError) else redact(str(error))


def _anonymise_group(locations: Locations, store: SessionStore, items: list[Due], now: datetime,
                     outcome: Outcome) -> None:
    """One group's sessions: new ids for all first, so follow-ups between them are re-keyed alike."""
    loaded: list[tuple[Due, Sessie]] = []
    for item in items:
        try:
            loaded.append((item, store.load(item.session_id)))
        except (SessionFileError, ValueError) as error:
            outcome.failed.append((item, _why(error)))
    taken = {path.name for path in locations.sessions_dir.iterdir()} if locations.sessions_dir.is_dir() else set()
    renamed: dict[str, str] = {}
    for _, session in loaded:
        new_id = new_session_id(ANONYMOUS_LABEL, session.aangemaakt)
        while f"{new_id}.json" in taken:
            new_id = new_session_id(ANONYMOUS_LABEL, session.aangemaakt)
        taken.add(f"{new_id}.json")
        renamed[session.id] = new_id
    for item, session in loaded:
        try:
            store.save(anonymised(session, renamed[session.id], renamed, now))
        except (StoreError, OSError) as error:
            outcome.failed.append((item, _why(error)))
            continue
        try:
            erase(locations, session.id)  # the old file and all derived from it: reports, screenshots, caches
        except OSError as error:
            outcome.failed.append((item, f"geanonimiseerd, maar het oude bestand kan niet weg: {_why(error)}"))
            continue
        outcome.done.append((item, renamed[session.id]))


class Pseudonyms:
    """'deelnemer 1', 'deelnemer 2', ... per distinct name (case and spaces do not count); '' stays ''."""

    def __init__(self) -> None:
        self._given: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        key = group_key(name)
        if not key:
            return ""
        if key not in self._given:
            self._given[key] = PSEUDONYM.format(len(self._given) + 1)
        return self._given[key]


def _themes(session: Sessie) -> list[str]:
    """Every theme the session had: its own, and each one a step set (they are in the prompts)."""
    found = [session.thema]
    for run in session.werkvormen:
        for step in run.stappen:
            kind = kind_of(step)
            if kind is not None and kind.answers("thema"):
                try:
                    found.append(kind.thema(kind.inhoud(step), kind.capture(step)) or "")
                except ValidationError:
                    continue
    return sorted({theme.strip() for theme in found if theme.strip()}, key=len, reverse=True)


def _untheme(text: str, themes: list[str], solo: bool) -> str:
    """A prompt without the theme that was filled into it (quoted, or bare as older files have it)."""
    fallback = THEME_FALLBACK_SOLO if solo else THEME_FALLBACK
    text = _FILLED_THEME.sub(fallback, text)
    for theme in themes:
        text = text.replace(theme, fallback)
    return text


def _capture(step: StapRun, names: Callable[[str], str]) -> dict[str, Any]:
    """What the kind keeps of the capture; nothing when the kind is unknown or cannot read it."""
    kind = kind_of(step)
    if kind is None:
        return {}
    try:
        return kind.anoniem(step, names, REMOVED)
    except (ValidationError, KeyError, IndexError, ValueError):
        return {}


def _step(step: StapRun, names: Callable[[str], str], themes: list[str], solo: bool) -> StapRun:
    kind = kind_of(step)
    return StapRun(
        titel=_untheme(step.titel, themes, solo), soort=step.soort, uitleg=_untheme(step.uitleg, themes, solo),
        vragen=[_untheme(question, themes, solo) for question in step.vragen], geplande_seconden=step.geplande_seconden,
        # content as asked (from the werkvormen, not typed); a kind this version does not know keeps nothing
        inhoud=step.inhoud if kind is not None else {},
        vastgelegd=_capture(step, names),
        gestart=step.gestart, beeindigd=step.beeindigd, gebruikte_seconden=step.gebruikte_seconden,
        extra_seconden=step.extra_seconden, spiekbriefje=step.spiekbriefje,
    )


def anonymised(session: Sessie, new_id: str, renamed: dict[str, str], now: datetime) -> Sessie:
    """The session as `samenslim opruimen` keeps it (see the module's text). Keys this version does not
    know are left out at every level (they may hold text)."""
    names = Pseudonyms()
    for name in session.deelnemers:
        names(name)
    solo = session.modus == "solo"
    themes = _themes(session)
    runs = [WerkvormRun(werkvorm_id=run.werkvorm_id, titel=run.titel, hoofdstuk=run.hoofdstuk, paragraaf=run.paragraaf,
                        rollen={role: names(person) for role, person in run.rollen.items()},
                        stappen=[_step(step, names, themes, solo) for step in run.stappen])
            for run in session.werkvormen]

    def rekey(key: str) -> str:
        old, hash_sign, where = key.partition("#")
        return f"{renamed.get(old, old)}{hash_sign}{where}"

    titles = ", ".join(dict.fromkeys(run.titel for run in session.werkvormen)) or "Sessie"
    return Sessie(
        id=new_id, aangemaakt=session.aangemaakt, bijgewerkt=session.bijgewerkt, modus=session.modus,
        status=session.status, gesloten=session.gesloten, geanonimiseerd=now, titel=f"{titles} ({ANONYMOUS_LABEL})",
        groep=session.groep, thema="", deelnemers=[names(name) for name in session.deelnemers],
        positie=session.positie.model_copy(), werkvormen=runs,
        opvolging={rekey(key): status for key, status in session.opvolging.items()}, heropend=list(session.heropend),
    )


def describe(item: Due) -> str:
    """One line (Dutch): date, title, group and what happens."""
    when = f"{item.datum:%d-%m-%Y}" if item.datum else "?"
    return f"{when}  {item.titel}  ({item.groep})  → {item.actie}"


def due_count(locations: Locations, now: datetime) -> int:
    """How many sessions are past their group's term (for the reminder at start-up); 0 when the
    retention file cannot be read (`samenslim privacy` says why)."""
    return len(plan(locations, now).due)

