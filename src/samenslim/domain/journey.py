"""A group's journey across its sessions: the meetings in order, the schaalvraag scores over time,
how the theme changed and every action or experiment with what became of it.

Sessions are records and are never rewritten. When a group looks back on the open actions of
earlier meetings, the verdict ("gedaan", "loopt door", "vervallen") is stored in the session where
that happened (`Sessie.opvolging`, keyed by `action_key`). An action's status is therefore the one
recorded by the newest later session, or 'open' when no later session said anything about it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import NamedTuple

from samenslim.domain.groups import group_key
from samenslim.domain.readback import step_points
from samenslim.domain.session import Sessie
from samenslim.domain.soorten import kind_of
from samenslim.domain.soorten.schaal import HOOGSTE, LAAGSTE

STATUSES = ("open", "gedaan", "loopt door", "vervallen")
STILL_OPEN = ("open", "loopt door")  # continued actions come back at the next meeting
BARS = "▁▂▃▄▅▆▇█"  # the score chart's blocks, low to high


def action_key(session_id: str, werkvorm_index: int, step_index: int, item_index: int) -> str:
    """The stable name of one action: where it was captured. Used as key in `Sessie.opvolging`."""
    return f"{session_id}#{werkvorm_index}.{step_index}.{item_index}"


@dataclass(frozen=True)
class Action:
    key: str
    soort: str  # the kind of the step that captured it ('actie', 'experiment')
    tekst: str
    eigenaar: str
    wanneer: str  # an experiment: its evaluation date
    sessie_id: str
    sessie_datum: datetime  # when the session that captured it was created
    sessie_titel: str
    werkvorm: str  # the werkvorm's title
    status: str = "open"  # 'open' | 'gedaan' | 'loopt door' | 'vervallen'
    status_sessie: str = ""  # id of the session that recorded the status ('' while open)
    wanneer_label: str = "wanneer"  # how `wanneer` is named: 'wanneer', or 'evalueren' for an experiment
    kenmerk: str = ""  # a word shown beside it in the group's list ('experiment'), or ''

    @property
    def is_open(self) -> bool:
        return self.status in STILL_OPEN


@dataclass(frozen=True)
class Meeting:
    sessie_id: str
    datum: datetime
    titel: str
    werkvormen: tuple[str, ...]
    status: str  # the session's own status: 'bezig' | 'afgerond'


class Score(NamedTuple):
    datum: datetime
    sessie: str  # the session's title
    score: int | float  # a whole or half point


class ThemeChange(NamedTuple):
    datum: datetime
    thema: str


@dataclass(frozen=True)
class Journey:
    naam: str  # the group's name as written in its newest session
    meetings: list[Meeting] = field(default_factory=list)
    scores: list[Score] = field(default_factory=list)
    themes: list[ThemeChange] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    schaal: tuple[int, int] = (LAAGSTE, HOOGSTE)  # the scale the scores were given on (widest range seen)

    @property
    def thema(self) -> str:
        """The group's current theme ('' when none was ever set)."""
        return self.themes[-1].thema if self.themes else ""

    @property
    def open_actions(self) -> list[Action]:
        return [action for action in self.actions if action.is_open]


def group_sessions(sessions: Sequence[Sessie], group: str) -> list[Sessie]:
    """The group's sessions (name matched case- and space-insensitively, solo sessions left out),
    oldest first."""
    key = group_key(group)
    if not key:
        return []
    own = [s for s in sessions if s.modus != "solo" and s.groep.strip() and group_key(s.groep) == key]
    return sorted(own, key=lambda s: (s.aangemaakt, s.id))


def session_actions(session: Sessie) -> list[Action]:
    """Every action and experiment captured in one session, in agenda order, all 'open'."""
    found = []
    for w, run in enumerate(session.werkvormen):
        for s, step in enumerate(run.stappen):
            for i, point in enumerate(step_points(step)):
                if not point.tekst.strip():
                    continue
                found.append(Action(
                    key=action_key(session.id, w, s, i), soort=point.soort, tekst=point.tekst.strip(),
                    eigenaar=point.eigenaar.strip(), wanneer=point.wanneer.strip(),
                    sessie_id=session.id, sessie_datum=session.aangemaakt, sessie_titel=session.titel,
                    werkvorm=run.titel, wanneer_label=point.wanneer_label, kenmerk=point.kenmerk,
                ))
    return found


def _with_status(action: Action, ordered: list[Sessie], origin: int) -> Action:
    """The status recorded by the newest session after the one the action came from."""
    for later in reversed(ordered[origin + 1:]):
        status = later.opvolging.get(action.key)
        if status:
            return replace(action, status=status, status_sessie=later.id)
    return action


def journey(sessions: Sequence[Sessie], group: str) -> Journey:
    ordered = group_sessions(sessions, group)
    meetings, scores, found = [], [], []
    themes: list[ThemeChange] = []
    lows, highs = [], []
    for index, session in enumerate(ordered):
        meetings.append(Meeting(sessie_id=session.id, datum=session.aangemaakt, titel=session.titel,
                                werkvormen=tuple(run.titel for run in session.werkvormen), status=session.status))
        for run in session.werkvormen:
            for step in run.stappen:
                kind = kind_of(step)
                if kind is None or not kind.answers("cijfer"):
                    continue
                given = kind.cijfer(kind.inhoud(step), kind.capture(step))
                if given is not None:  # 6 or a half point 6.5
                    scores.append(Score(session.aangemaakt, session.titel, given.score))
                    lows.append(given.laagste)
                    highs.append(given.hoogste)
        theme = " ".join(session.thema.split())
        if theme and (not themes or themes[-1].thema != theme):
            themes.append(ThemeChange(session.aangemaakt, theme))
        found += [_with_status(action, ordered, index) for action in session_actions(session)]
    name = ordered[-1].groep.strip() if ordered else " ".join(group.split())
    scale = (min(lows), max(highs)) if lows else (LAAGSTE, HOOGSTE)
    return Journey(naam=name, meetings=meetings, scores=scores, themes=themes, actions=found, schaal=scale)


def open_actions(sessions: Sequence[Sessie], group: str) -> list[Action]:
    """The group's actions still to look back on: never reviewed ('open') or continued ('loopt door')."""
    return journey(sessions, group).open_actions

