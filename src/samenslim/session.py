"""The session record: one JSON file per session, readable without the content files.

Each step stores what was asked (title, explanation, questions, kind-specific content, planned
time) beside what was captured and how much time it took. The file carries a schema version;
older versions are migrated on load, newer ones are refused rather than misread.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from samenslim.content import Werkvorm
from samenslim.werkvormen import KINDS

if TYPE_CHECKING:
    from samenslim.content import Stap
    from samenslim.decks import Stapel

SCHEMA_VERSION = 1
ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,80}$"
THEME_PLACEHOLDER = "{thema}"
# What {thema} becomes: a noun phrase that fits wherever a content sentence says {thema}, whether the
# theme is a statement or a question. Content keeps {thema} out of the end of a sentence and out of its
# start (so a question mark never meets a full stop, and no sentence starts in lower case).
THEME_FALLBACK = "jullie thema"
THEME_FALLBACK_SOLO = "je thema"

Modus = Literal["groep", "solo"]
Status = Literal["bezig", "afgerond"]
# What a group decided, at a later meeting, about an action or experiment from an earlier one.
Opvolging = Literal["gedaan", "loopt door", "vervallen"]


def now() -> datetime:
    return datetime.now(UTC).astimezone()


class Record(BaseModel):
    # Unknown keys survive a load-and-save, so a file touched by a newer app loses nothing.
    model_config = ConfigDict(extra="allow", validate_assignment=True)


class StapRun(Record):
    titel: str
    soort: str
    uitleg: str = ""
    vragen: list[str] = []
    geplande_seconden: int | None = None
    inhoud: dict[str, Any] = {}
    vastgelegd: dict[str, Any] = {}
    gestart: datetime | None = None
    beeindigd: datetime | None = None
    gebruikte_seconden: float = 0.0
    extra_seconden: float = 0.0
    spiekbriefje: str | None = None
    # Text typed into a field of this step but not (yet) confirmed, keyed by the field's id: saved
    # with every keystroke and put back when the step is shown again, so nothing typed is lost.
    concepten: dict[str, str] = {}


class WerkvormRun(Record):
    werkvorm_id: str
    titel: str
    hoofdstuk: str = ""
    paragraaf: str = ""
    rollen: dict[str, str] = {}  # role -> participant, chosen at setup
    stappen: list[StapRun]


class AgendaItem(Record):
    """One werkvorm of the agenda, as the sessions list shows it (see Sessie.agenda)."""

    werkvorm_id: str
    titel: str


class Positie(Record):
    werkvorm: int = 0
    stap: int = 0


class Sessie(Record):
    schema_versie: int = SCHEMA_VERSION
    id: Annotated[str, Field(pattern=ID_PATTERN)]
    aangemaakt: datetime
    bijgewerkt: datetime
    modus: Modus = "groep"
    status: Status = "bezig"
    titel: str
    groep: str = ""
    thema: str = ""
    deelnemers: list[str] = []
    positie: Positie = Positie()
    # A copy of each werkvorm's id and title, derived from `werkvormen` on every save
    # (to_json_bytes). It sits before `werkvormen` so that everything the sessions list needs is
    # in the first few KB of the file (sessions_index.py reads only that). [] in older files.
    agenda: list[AgendaItem] = []
    werkvormen: list[WerkvormRun]
    # Earlier sessions are records and are never rewritten: the review of their open actions is
    # stored in the session where it happened, keyed by journey.action_key().
    opvolging: dict[str, Opvolging] = {}
    # When a finished session was opened again to correct or add something (it is finished again later).
    heropend: list[datetime] = []

    def to_json_bytes(self) -> bytes:
        """The file as the store writes it: `agenda` brought up to date, then the JSON (UTF-8)."""
        self.agenda = [AgendaItem(werkvorm_id=run.werkvorm_id, titel=run.titel) for run in self.werkvormen]
        return self.model_dump_json(indent=1).encode("utf-8")

    @property
    def current_werkvorm(self) -> WerkvormRun:
        return self.werkvormen[self.positie.werkvorm]

    @property
    def current_step(self) -> StapRun:
        return self.current_werkvorm.stappen[self.positie.stap]

    def step_count(self) -> int:
        return sum(len(run.stappen) for run in self.werkvormen)

    def step_number(self) -> int:
        """1-based number of the current step across the whole agenda."""
        before = sum(len(run.stappen) for run in self.werkvormen[: self.positie.werkvorm])
        return before + self.positie.stap + 1

    def move(self, delta: int) -> bool:
        """Go to the next (+1) or previous (-1) step across werkvormen; False at either end."""
        flat = [(w, s) for w, run in enumerate(self.werkvormen) for s in range(len(run.stappen))]
        index = flat.index((self.positie.werkvorm, self.positie.stap)) + delta
        if not 0 <= index < len(flat):
            return False
        self.positie = Positie(werkvorm=flat[index][0], stap=flat[index][1])
        return True

    def is_last_step(self) -> bool:
        return self.step_number() == self.step_count()


def new_session_id(title: str, created: datetime) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:30].strip("-") or "sessie"
    return f"{created:%Y%m%d-%H%M%S}-{slug}-{secrets.token_hex(2)}"


def fill_theme(text: str, theme: str, solo: bool = False) -> str:
    """{thema} as 'het thema ‘…’' (quoted, so a theme that is a question still reads in a sentence),
    or 'jullie thema' ('je thema' alone) while there is none yet."""
    theme = " ".join(theme.split())
    if theme:
        filled = f"het thema ‘{theme}’"
    else:
        filled = THEME_FALLBACK_SOLO if solo else THEME_FALLBACK
    return text.replace(THEME_PLACEHOLDER, filled)


# Kinds that need other people. Alone, they become personal prompts: the same questions, answered for yourself.
NEEDS_OTHERS = frozenset({"rondje", "tweegesprek"})


def step_as_asked(step: Stap, theme: str, stapels: dict[str, Stapel], solo: bool = False) -> StapRun:
    """One content step as it will be asked: theme filled in, deck cards copied in, planned seconds.
    Alone, the step's solo wording replaces the group's, and rounds and pairs become personal prompts."""
    inhoud = step.inhoud()
    prepare = getattr(KINDS.get(step.soort), "prepare", None)
    if prepare is not None:
        inhoud = prepare(inhoud, stapels)
    soort, titel, uitleg, vragen = step.soort, step.titel, step.uitleg, list(step.vragen)
    if solo:
        version = step.alleen
        if version is not None:
            titel = version.titel or titel
            uitleg = version.uitleg if version.uitleg is not None else uitleg
            vragen = list(version.vragen) if version.vragen is not None else vragen
        if soort in NEEDS_OTHERS:
            soort, inhoud = "vragen", {}
    return StapRun(
        titel=fill_theme(titel, theme, solo), soort=soort, uitleg=fill_theme(uitleg, theme, solo),
        vragen=[fill_theme(question, theme, solo) for question in vragen],
        geplande_seconden=round(step.minuten * 60) if step.minuten else None,
        inhoud=inhoud, spiekbriefje=step.spiekbriefje,
    )


def steps_for(werkvorm: Werkvorm, solo: bool) -> list[Stap]:
    """The content steps that are asked: alone, the ones marked 'overslaan' are left out."""
    return [step for step in werkvorm.stappen if not (solo and step.alleen and step.alleen.overslaan)]


def run_of(werkvorm: Werkvorm, theme: str, roles: dict[str, str] | None = None,
           stapels: dict[str, Stapel] | None = None, solo: bool = False) -> WerkvormRun:
    """A werkvorm as it will be asked, ready to be run and captured."""
    return WerkvormRun(
        werkvorm_id=werkvorm.id, titel=werkvorm.titel, hoofdstuk=werkvorm.hoofdstuk, paragraaf=werkvorm.paragraaf,
        rollen={} if solo else {role: (roles or {}).get(role, "") for role in werkvorm.rollen},
        stappen=[step_as_asked(step, theme, stapels or {}, solo) for step in steps_for(werkvorm, solo)],
    )


def retheme(session: Sessie, theme: str, werkvormen: dict[str, Werkvorm], stapels: dict[str, Stapel] | None = None) -> int:
    """A theme found during the session (step kind 'thema'): store it and fill it into every step
    not yet started. Steps already asked keep their words. Returns how many steps were refilled."""
    session.thema = theme.strip()
    solo = session.modus == "solo"
    refilled = 0
    for run in session.werkvormen:
        werkvorm = werkvormen.get(run.werkvorm_id)
        content_steps = steps_for(werkvorm, solo) if werkvorm is not None else []
        if len(content_steps) != len(run.stappen):
            continue  # content changed or gone: leave the recorded prompts alone
        for index, step in enumerate(run.stappen):
            if step.gestart is None:
                fresh = step_as_asked(content_steps[index], session.thema, stapels or {}, solo)
                step.titel, step.uitleg, step.vragen = fresh.titel, fresh.uitleg, fresh.vragen
                refilled += 1
    return refilled


def new_session(werkvormen: list[Werkvorm], *, titel: str, modus: Modus = "groep", groep: str = "",
                thema: str = "", deelnemers: list[str] | None = None, rollen: dict[str, str] | None = None,
                created: datetime | None = None, stapels: dict[str, Stapel] | None = None) -> Sessie:
    if not werkvormen:
        raise ValueError("een sessie heeft minstens één werkvorm")
    created = created or now()
    titel = titel.strip() or werkvormen[0].titel
    return Sessie(
        id=new_session_id(titel, created), aangemaakt=created, bijgewerkt=created, modus=modus, titel=titel,
        groep=groep.strip(), thema=thema.strip(), deelnemers=[name for name in (deelnemers or []) if name.strip()],
        werkvormen=[run_of(werkvorm, thema, rollen, stapels, solo=modus == "solo") for werkvorm in werkvormen],
    )


# --- reading files of any schema version -------------------------------------------------------

class NewerSchemaError(ValueError):
    def __init__(self, version: int) -> None:
        super().__init__(f"geschreven door een nieuwere versie van samenslim (schema {version}, "
                         f"deze versie kent tot en met {SCHEMA_VERSION}); werk samenslim bij om hem te openen")
        self.version = version


# Each entry turns a file of version N into version N+1. Version 1 is the first; none needed yet.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    version = data.get("schema_versie")
    if not isinstance(version, int):
        raise ValueError("'schema_versie' ontbreekt of is geen getal")
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(version)
    if version < 1:
        raise ValueError(f"'schema_versie' {version} bestaat niet (de eerste versie is 1)")
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version = data["schema_versie"] = version + 1
    return data


def session_from_json(data: Any) -> Sessie:
    if not isinstance(data, dict):
        raise ValueError("het bestand bevat geen sessie (verwacht een JSON-object)")
    return Sessie.model_validate(migrate(data))
