"""The session record: one JSON file per session, readable without the content files.

Each step stores what was asked (title, explanation, questions, kind-specific content, planned
time) beside what was captured and how much time it took. The file carries a schema version;
older versions are migrated on load, newer ones are refused rather than misread.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from samenslim.domain.content import Werkvorm, dutch_message

# The gate's first part (the JSON walked before the models) lives in json_tree; its names stay here too.
from samenslim.domain.json_tree import MAX_DEPTH as MAX_DEPTH
from samenslim.domain.json_tree import SessionCheckError as SessionCheckError
from samenslim.domain.json_tree import check_tree as check_tree
from samenslim.domain.soorten import ALONE, KINDS, needs_others
from samenslim.domain.soorten.base import Afwijking

if TYPE_CHECKING:
    from samenslim.domain.content import Stap
    from samenslim.domain.decks import Stapel

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


def _aware(moment: datetime) -> datetime:
    """A moment without a UTC offset (written by hand or by another tool) is taken as UTC, so every
    moment in a session can be compared and sorted with every other. Moments with an offset keep it:
    the report shows the time of day as it was where the session was held."""
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None or moment.utcoffset() is None else moment
    # A day away from datetime's limits, so it can be shown in any time zone and compared with any other.
    try:
        day = moment.astimezone(UTC).date()
    except OverflowError:
        day = date.min
    if not date(1, 1, 2) <= day <= date(9999, 12, 30):
        raise ValueError("deze datum ligt buiten wat samenslim kan rekenen (jaar 1 tot 9999)")
    return moment


# Every date in a session file: always comparable (see _aware).
Moment = Annotated[datetime, AfterValidator(_aware)]


class Record(BaseModel):
    # Unknown keys survive a load-and-save, so a file touched by a newer app loses nothing.
    # inf and nan cannot be written as JSON (pydantic writes null, which would not load again).
    model_config = ConfigDict(extra="allow", validate_assignment=True, allow_inf_nan=False)


# Time fields of a step stay within ten years, so the schedule can always add them to a clock time.
MAX_SECONDS = 10 * 366 * 24 * 3600


class StapRun(Record):
    titel: str
    soort: str
    uitleg: str = ""
    vragen: list[str] = []
    geplande_seconden: Annotated[int, Field(ge=0, le=MAX_SECONDS)] | None = None
    inhoud: dict[str, Any] = {}
    vastgelegd: dict[str, Any] = {}
    gestart: Moment | None = None
    beeindigd: Moment | None = None
    gebruikte_seconden: Annotated[float, Field(ge=0, le=MAX_SECONDS)] = 0.0
    extra_seconden: Annotated[float, Field(ge=-MAX_SECONDS, le=MAX_SECONDS)] = 0.0
    spiekbriefje: str | None = None
    # Content marked this step's notes as case notes ('casus = true'): the group report leaves them
    # out. Stored as asked, so the report stays right if the content changes; older files: False.
    casus: bool = False
    # Text typed into a field of this step but not (yet) confirmed, keyed by the field's id: saved
    # with every keystroke and put back when the step is shown again, so nothing typed is lost.
    concepten: dict[str, str] = {}

    def bank(self, used_seconds: float, extra_seconds: float, finished: bool) -> None:
        """Keep the timer's reading when the step is left; `finished`: the step is done (beeindigd)."""
        self.gebruikte_seconden = round(used_seconds, 3)
        self.extra_seconden = extra_seconds
        if finished:
            self.beeindigd = now()


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
    aangemaakt: Moment
    bijgewerkt: Moment
    modus: Modus = "groep"
    status: Status = "bezig"
    # Closed without finishing ("Sluiten zonder afronden" in the resume question): the moment, or
    # None. The session stays readable and can be resumed (which clears it); the question at start
    # no longer offers it. A flag beside `bezig`, not a third status: an older samenslim reads such
    # a file as unfinished rather than damaged. Before `werkvormen`, so the listing sees it.
    gesloten: datetime | None = None
    titel: str
    groep: str = ""
    thema: str = ""
    deelnemers: list[str] = []
    positie: Positie = Positie()
    # A copy of each werkvorm's id and title, derived from `werkvormen` on every save
    # (to_json_bytes). It sits before `werkvormen` so that everything the sessions list needs is
    # in the first few KB of the file (the sessions index reads only that). [] in older files.
    agenda: list[AgendaItem] = []
    werkvormen: list[WerkvormRun]
    # Earlier sessions are records and are never rewritten: the review of their open actions is
    # stored in the session where it happened, keyed by journey.action_key().
    opvolging: dict[str, Opvolging] = {}
    # When a finished session was opened again to correct or add something (it is finished again later).
    heropend: list[Moment] = []
    # When `samenslim opruimen` anonymised it (its group's term was over, domain/cleanup.py): every typed
    # text and name is gone; dates, werkvormen, scores, counts and action status are kept. After
    # `werkvormen`: the sessions list does not read it (its title says "(geanonimiseerd)").
    geanonimiseerd: Moment | None = None

    def to_json_bytes(self) -> bytes:
        """The file as the store writes it: `agenda` brought up to date, then the JSON (UTF-8)."""
        # Keys a newer samenslim added to an agenda item are kept (unknown keys are kept everywhere).
        before = {item.werkvorm_id: item.model_extra or {} for item in self.agenda}
        self.agenda = [AgendaItem(werkvorm_id=run.werkvorm_id, titel=run.titel, **before.get(run.werkvorm_id, {}))
                       for run in self.werkvormen]
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

    @property
    def to_resume(self) -> bool:
        """Unfinished and not closed: offered by the resume question at start."""
        return self.status == "bezig" and self.gesloten is None


# Combining marks (accents) as NFKD leaves them, in the blocks that Latin text uses.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# Letters that NFKD does not take apart, as they are usually written without their mark.
_LETTERS = {"ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O",
            "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "þ": "th", "Þ": "Th"}
_LETTER = re.compile(f"[{''.join(_LETTERS)}]")


def without_accents(text: str) -> str:
    """The text with its accents dropped and ligatures taken apart: "Café ĳs" -> "Cafe ijs".
    NFKD splits é into e and a combining accent (dropped) and turns the Dutch ĳ into i + j.
    Regular expressions, not str.translate: this runs over every search text, and translate
    with a table costs five times as much on a long text (measured on 20 KB of notes)."""
    if text.isascii():
        return text
    if _LETTER.search(text):
        text = _LETTER.sub(lambda found: _LETTERS[found[0]], text)
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


def new_session_id(title: str, created: datetime) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", without_accents(title).lower()).strip("-")[:30].strip("-") or "sessie"
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


def step_as_asked(step: Stap, theme: str, stapels: dict[str, Stapel], solo: bool = False) -> StapRun:
    """One content step as it will be asked: theme filled in, deck cards copied in, planned seconds.
    Alone, the step's solo wording replaces the group's, and rounds and pairs become personal prompts."""
    inhoud = KINDS[step.soort].prepare(step.inhoud(), stapels)
    soort, titel, uitleg, vragen = step.soort, step.titel, step.uitleg, list(step.vragen)
    if solo:
        version = step.alleen
        if version is not None:
            titel = version.titel or titel
            uitleg = version.uitleg if version.uitleg is not None else uitleg
            vragen = list(version.vragen) if version.vragen is not None else vragen
        if needs_others(soort):  # alone, rounds and pairs become the same questions answered for yourself
            soort, inhoud = ALONE.SOORT, {}
    return StapRun(
        titel=fill_theme(titel, theme, solo), soort=soort, uitleg=fill_theme(uitleg, theme, solo),
        vragen=[fill_theme(question, theme, solo) for question in vragen],
        geplande_seconden=round(step.minuten * 60) if step.minuten else None,
        inhoud=inhoud, spiekbriefje=step.spiekbriefje, casus=step.casus,
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
    """Decoded JSON as a checked session: the gate every file passes before anything uses it
    (check_tree first, then the models, then check_session). Raises ValueError (Dutch) or
    pydantic's ValidationError."""
    if not isinstance(data, dict):
        raise ValueError("het bestand bevat geen sessie (verwacht een JSON-object)")
    check_tree(data)
    return check_session(Sessie.model_validate(migrate(data)), walked=True)


# --- the gate: what a loaded file must be before anything downstream may use it ----------------

_FIELD_CHECKS: dict[tuple[str, str], TypeAdapter[Any]] = {}


def _field_check(soort: str, name: str) -> TypeAdapter[Any] | None:
    """A validator for one content field of a kind, with the field's own constraints."""
    field = KINDS[soort].Inhoud.model_fields.get(name)
    if field is None:
        return None
    if (soort, name) not in _FIELD_CHECKS:
        annotation: Any = field.annotation
        if field.metadata:
            annotation = Annotated[(annotation, *field.metadata)]
        _FIELD_CHECKS[soort, name] = TypeAdapter(annotation)
    return _FIELD_CHECKS[soort, name]


def check_session(session: Sessie, walked: bool = False) -> Sessie:
    """What the models alone do not check: the position lies in the agenda, every step's content and
    capture read through its kind's models (strictly for content, as the kinds' code reads it), the
    kind's own cross-checks, and no value nested too deep in the places that take any JSON (a file
    pydantic parsed in one go has not been through check_tree; `walked`: it has). Raises SessionCheckError."""
    for name, extra in (session.model_extra or {}).items() if not walked else ():
        check_tree(extra, name)
    if not session.werkvormen:
        raise SessionCheckError("werkvormen", "een sessie heeft minstens één werkvorm")
    for w, run in enumerate(session.werkvormen):
        if not run.stappen:
            raise SessionCheckError(f"werkvormen.{w}.stappen", "een werkvorm heeft minstens één stap")
        for name, extra in (run.model_extra or {}).items() if not walked else ():
            check_tree(extra, f"werkvormen.{w}.{name}")
        for s, step in enumerate(run.stappen):
            _check_step(step, w, s, walked)
    position = session.positie
    if not 0 <= position.werkvorm < len(session.werkvormen):
        raise SessionCheckError("positie.werkvorm", f"werkvorm {position.werkvorm} bestaat niet; de agenda telt "
                                                    f"{len(session.werkvormen)} werkvorm(en), geteld vanaf 0")
    steps = len(session.werkvormen[position.werkvorm].stappen)
    if not 0 <= position.stap < steps:
        raise SessionCheckError("positie.stap", f"stap {position.stap} bestaat niet; deze werkvorm telt {steps} "
                                                f"stap(pen), geteld vanaf 0")
    return session


def _check_step(step: StapRun, w: int, s: int, walked: bool) -> None:
    where = f"werkvormen.{w}.stappen.{s}"
    if not walked:
        if step.inhoud:
            check_tree(step.inhoud, f"{where}.inhoud")
        if step.vastgelegd:
            check_tree(step.vastgelegd, f"{where}.vastgelegd")
        for name, extra in (step.model_extra or {}).items():
            check_tree(extra, f"{where}.{name}")
    kind = KINDS.get(step.soort)
    if kind is None:
        return  # a kind of a newer version: shown as data, never changed (UnknownKindView)
    for name, value in step.inhoud.items():
        check = _field_check(step.soort, name)
        if check is None:
            continue  # unknown keys are kept
        try:
            check.validate_python(value, strict=True)
        except ValidationError as error:
            raise SessionCheckError(f"{where}.inhoud.{name}", _dutch(error)) from None
    parsed: dict[str, Any] = {}
    for field, read in (("inhoud", kind.inhoud), ("vastgelegd", kind.capture)):
        try:
            parsed[field] = read(step)
        except ValidationError as error:
            first = error.errors()[0]
            path = ".".join(str(part) for part in (where, field, *first["loc"]))
            raise SessionCheckError(path, _dutch(error)) from None
    try:
        kind.controleer(parsed["inhoud"], parsed["vastgelegd"])
    except Afwijking as error:
        raise SessionCheckError(f"{where}.{error.veld}", str(error)) from None


def _dutch(error: ValidationError) -> str:
    return dutch_message(error.errors()[0])
