"""What every step kind shares: the common content fields, the capture base, and `Soort`, the one
typed object per kind that answers every question the rest of the app asks about a step of that kind
(how it reads back, how the report writes it, its actions, its score, the card it carries on, the
theme it sets, whether it needs other people, which of its fields hold free text)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Generic, NamedTuple, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from samenslim.domain.decks import Kaart, Stapel

# Keys every step has; whatever else a step declares is its kind's own content ("inhoud").
COMMON_FIELDS = frozenset({"titel", "soort", "uitleg", "vragen", "minuten", "spiekbriefje", "alleen", "casus"})


class AlleenVersie(BaseModel):
    """How a step reads for one person reflecting alone ('jij' instead of 'jullie'), or that it is
    skipped then. Whatever is left out keeps the group version."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    overslaan: bool = False
    titel: Annotated[str, Field(min_length=1)] | None = None
    uitleg: str | None = None
    vragen: list[Annotated[str, Field(min_length=1)]] | None = None


class Inhoud(BaseModel):
    """A kind's own content fields, as a session stores them beside the prompts (`StapRun.inhoud`).
    Each kind's subclass is the only place for the defaults of its fields. Unknown keys are kept."""

    model_config = ConfigDict(extra="allow", frozen=True)


class BaseStap(BaseModel):
    """The content of one step as an author writes it in TOML. A kind's `Stap` is
    `class Stap(Inhoud, BaseStap)`: the common fields plus the kind's own (in this order, so that
    BaseStap's strict config wins over Inhoud's lenient one)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    if TYPE_CHECKING:  # every kind declares its own soort: Literal["..."], the union's discriminator
        soort: str
    titel: Annotated[str, Field(min_length=1)]
    uitleg: str = ""
    vragen: list[Annotated[str, Field(min_length=1)]] = []
    minuten: Annotated[float, Field(gt=0, le=600, allow_inf_nan=False)] | None = None
    # A reference deck (e.g. "communicatiepiramide") the runner offers during this step.
    spiekbriefje: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")] | None = None
    # The solo wording of this step ([stappen.alleen] in TOML), for werkvormen marked "alleen".
    alleen: AlleenVersie | None = None
    # The notes of this step are case notes (someone tells a personal case, as in intervisie's first
    # step): the group report (export --voor groep) leaves them out.
    casus: bool = False

    def inhoud(self) -> dict[str, Any]:
        """The kind-specific content, stored in the session beside the prompts as they were asked."""
        return self.model_dump(exclude=set(COMMON_FIELDS))


class Vastgelegd(BaseModel):
    """What a step captured. Extra keys are kept, so a newer file read by an older app loses nothing."""

    model_config = ConfigDict(extra="allow")


class Afwijking(ValueError):
    """What a kind's `controleer(inhoud, capture)` raises for a session file it cannot show safely:
    the field inside the step ('inhoud.hoogste', 'vastgelegd.groep') and a Dutch reason."""

    def __init__(self, veld: str, reden: str) -> None:
        super().__init__(reden)
        self.veld = veld


@dataclass(frozen=True)
class Punt:
    """An action or experiment a step holds, as the session's list of actions shows it."""

    soort: str  # the kind of the step that holds it
    tekst: str
    eigenaar: str = ""
    wanneer: str = ""  # when it is due (an action) or looked back on (an experiment)
    wanneer_label: str = "wanneer"  # how that date is named: 'wanneer' or 'evalueren'
    kenmerk: str = ""  # a word the group's list shows beside it ('experiment'), or ''
    details: tuple[tuple[str, str], ...] = ()  # (label, value) as the report writes them after the text


class Cijfer(NamedTuple):
    """A score a step gave, with the scale it was given on."""

    score: int | float
    laagste: int
    hoogste: int


class VrijeTekst(NamedTuple):
    """A text typed during the session: where it sits in the step's capture ('beurten.3.tekst'), the
    text, and whether it is a person's name (owner, speaker, teller) rather than what was said."""

    veld: str
    tekst: str
    naam: bool = False


class Spreekbeurt(NamedTuple):
    """Who has the floor in a step that takes turns, as the room may see it (names and times, never notes)."""

    spreker: str | None  # None when the turns are over
    volgende: str | None
    spreektijd: str | None  # '1:05 / 2:00': how long the speaker has had the floor, and of how long
    te_lang: bool


class HasStepData(Protocol):
    """A step as the session stores it (StapRun): its kind's content and capture as JSON dicts."""

    soort: str
    inhoud: dict[str, Any]
    vastgelegd: dict[str, Any]


N = TypeVar("N", bound=Inhoud)  # the kind's content model
C = TypeVar("C", bound=Vastgelegd)  # the kind's capture model


class Soort(Generic[N, C]):
    """One step kind. Subclasses set the class attributes and override what their kind knows; the
    defaults fit a kind that captures notes at most: no score, no actions, no card, no theme."""

    SOORT: ClassVar[str]
    NAAM: ClassVar[str]  # how the runner and the library name the kind
    VIEW: ClassVar[str]  # 'module:Class' of its running view (samenslim.werkvormen.<kind>)
    needs_others: ClassVar[bool] = False  # alone it is asked as a 'vragen' step (rounds, pairs)
    captures: ClassVar[bool] = True  # False: nothing is captured (an explanation read out)
    shows_carried_card: ClassVar[bool] = True  # shows the card an earlier step carried on (see `kaart`)
    # Fields of the capture that are dicts keyed by a person's name (per-person scores, notes or speaking
    # time): anonymising renames their keys (see `anoniem`).
    naam_sleutels: ClassVar[tuple[str, ...]] = ()

    def __init__(self, stap: type[BaseStap], inhoud: type[N], capture: type[C]) -> None:
        self.Stap = stap  # its content as an author writes it in TOML
        self.Inhoud = inhoud  # its own content as a session stores it (the only place for defaults)
        self.Capture = capture  # what it captures

    def answers(self, question: str) -> bool:
        """Whether this kind has its own answer to a question (e.g. 'punten'), so callers need not read
        the capture of every step to find the few that do."""
        return getattr(type(self), question) is not getattr(Soort, question)

    # -- reading a stored step ------------------------------------------------------------------
    def inhoud(self, step: HasStepData) -> N:
        return self.Inhoud.model_validate(step.inhoud)

    def capture(self, step: HasStepData) -> C:
        return self.Capture.model_validate(step.vastgelegd)

    # -- the session being made ------------------------------------------------------------------
    def prepare(self, inhoud: dict[str, Any], stapels: dict[str, Stapel]) -> dict[str, Any]:
        """The content as the session stores it when it starts (a deck's cards copied in)."""
        return inhoud

    def controleer(self, inhoud: N, capture: C) -> None:
        """A loaded file's content and capture fit together; raises Afwijking otherwise."""

    # -- what the rest of the app asks ------------------------------------------------------------
    def terugblik(self, inhoud: N, capture: C) -> list[str]:
        """The capture as plain lines (summary screen, read-back, the report's default layout)."""
        return []

    def verslag(self, inhoud: N, capture: C) -> list[str] | None:
        """The capture as Markdown lines for the report, or None: the terugblik lines as bullets."""
        return None

    def groepsverslag(self, inhoud: N, capture: C) -> list[str] | None:
        """The capture as the report for the group writes it (export --voor groep): what the group
        produced, without what belongs to one person (see `persoonlijk`). By default the same as `verslag`."""
        return self.verslag(inhoud, capture)

    def persoonlijk(self, inhoud: N, capture: C) -> int:
        """How many per-person scores `groepsverslag` leaves out (the report lists the count, never the scores)."""
        return 0

    def punten(self, inhoud: N, capture: C) -> list[Punt]:
        """The actions or experiments the step holds, in the order they were captured (blank ones too)."""
        return []

    def cijfer(self, inhoud: N, capture: C) -> Cijfer | None:
        """The score the step gave (a schaalvraag's group score), for the group's journey."""
        return None

    def kaart(self, inhoud: N, capture: C) -> str | None:
        """The card this step carries on to the next steps of its werkvorm (e.g. the check-in question)."""
        return None

    def thema(self, inhoud: N, capture: C) -> str | None:
        """The theme this step sets for the session and the group, or None when it sets none."""
        return None

    def beurt(self, inhoud: N, capture: C, elapsed: float) -> Spreekbeurt | None:
        """Who has the floor now (a round), given the step timer's reading; None for kinds without turns."""
        return None

    def vrije_teksten(self, inhoud: N, capture: C) -> list[VrijeTekst]:
        """Every text typed into this step's capture, with its place, for privacy (scrubbing) and search."""
        return []

    def anoniem(self, step: HasStepData, pseudonym: Callable[[str], str], removed: str) -> dict[str, Any]:
        """The step's capture with every typed text replaced by `removed` (blank ones stay blank), every
        name by its pseudonym (also as the key of a per-person dict), and every key this version does
        not know dropped: what `samenslim opruimen` keeps of an anonymised session. Scores, counts,
        choices and statuses stay as they were."""
        inhoud, capture = self.inhoud(step), self.capture(step)
        data: dict[str, Any] = _known_fields(capture)
        for item in self.vrije_teksten(inhoud, capture):
            new = pseudonym(item.tekst) if item.naam else (removed if item.tekst.strip() else "")
            _set_at(data, item.veld, new)
        for field in self.naam_sleutels:
            by_name = data.get(field)
            if isinstance(by_name, dict):
                data[field] = {pseudonym(name): value for name, value in by_name.items()}
        return data

    def free_texts(self, inhoud: N, capture: C) -> list[str]:
        """The typed texts alone (see vrije_teksten)."""
        return [item.tekst for item in self.vrije_teksten(inhoud, capture) if item.tekst.strip()]


def notes(capture: Any, field: str = "notities") -> list[VrijeTekst]:
    """The free notepad of a capture, when it has text."""
    text = getattr(capture, field)
    return [VrijeTekst(field, text)] if text.strip() else []


def deck_cards(stapel: str | None, stapels: dict[str, Stapel]) -> list[Kaart]:
    """The cards of the deck a step names (its 'stapel'), or [] when it names none."""
    deck = stapels.get(stapel or "")
    return list(deck.kaarten) if deck else []


def _known_fields(value: Any) -> Any:
    """A model as plain JSON data, with only the fields its class declares (a newer version's extra
    keys, which may hold text, are left out), at every depth."""
    if isinstance(value, BaseModel):
        return {name: _known_fields(getattr(value, name)) for name in type(value).model_fields}
    if isinstance(value, dict):
        return {key: _known_fields(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_known_fields(item) for item in value]
    return value


def _set_at(data: Any, path: str, value: str) -> None:
    """Put `value` at a field path of `vrije_teksten` ('beurten.3.tekst', 'verhalen.Jan de Vries'). A
    dict key may itself hold dots (a name): the whole key is matched first, longest first."""
    node = data
    rest = path
    while True:
        if isinstance(node, list):
            head, _, tail = rest.partition(".")
            index = int(head)
            if not tail:
                node[index] = value
                return
            node, rest = node[index], tail
        elif isinstance(node, dict):
            keys = sorted((key for key in node if rest == key or rest.startswith(f"{key}.")), key=len, reverse=True)
            if not keys:
                raise KeyError(path)
            key = keys[0]
            if rest == key:
                node[key] = value
                return
            node, rest = node[key], rest[len(key) + 1:]
        else:
            raise KeyError(path)
