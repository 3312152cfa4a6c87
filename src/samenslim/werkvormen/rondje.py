"""Step kind 'rondje': everyone in turn, in a fixed order.

Once round: each speaker has one turn. With `herhalen = true` (intervisie steps 3 and 4) the
round goes on, again and again in the same order, until a whole round passes in which every
speaker said "ik pas". The captured turns are the only state: where the round stands is computed
from them, so a resumed session continues exactly where it was.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from samenslim.werkvormen.base import BaseStap, Vastgelegd

SOORT = "rondje"
NAAM = "Rondje"
VIEW = "samenslim.widgets.steps.rondje:RondjeView"
EVERYONE = "Groep"  # the one 'speaker' when no participants were named
MYSELF = "Ik"  # the one speaker in a solo session


class Stap(BaseStap):
    soort: Literal["rondje"]
    herhalen: bool = False
    zonder_rol: str | None = None  # e.g. the case-bringer listens while the others ask
    invoer: str = "Notitie"  # what is written down per turn: 'Vraag', 'Tip', ...


class Beurt(BaseModel):
    model_config = ConfigDict(extra="allow")

    spreker: str
    ronde: int
    tekst: str = ""
    gepast: bool = False


class Capture(Vastgelegd):
    sprekers: list[str] = []
    beurten: list[Beurt] = []


def speakers_for(participants: list[str], roles: dict[str, str], without_role: str | None,
                 solo: bool = False) -> list[str]:
    if solo:
        return [MYSELF]
    left_out = roles.get(without_role) if without_role else None
    speakers = [name for name in participants if name != left_out]
    return speakers or [EVERYONE]


class Round:
    """Turn-taking over a list of turns that the caller stores."""

    def __init__(self, speakers: list[str], repeat: bool, turns: list[Beurt]) -> None:
        if not speakers:
            raise ValueError("a round needs at least one speaker")
        self.speakers = speakers
        self.repeat = repeat
        self.turns = turns

    @property
    def round_number(self) -> int:
        return len(self.turns) // len(self.speakers) + 1

    @property
    def finished_in_round(self) -> int | None:
        """The round that ended the step: the single round, or the first in which everyone passed."""
        n = len(self.speakers)
        complete = len(self.turns) // n
        if not self.repeat:
            return 1 if complete >= 1 else None
        for number in range(complete):
            if all(turn.gepast for turn in self.turns[number * n:(number + 1) * n]):
                return number + 1
        return None

    @property
    def done(self) -> bool:
        return self.finished_in_round is not None

    @property
    def current_speaker(self) -> str | None:
        return None if self.done else self.speakers[len(self.turns) % len(self.speakers)]

    def _add(self, text: str, passed: bool) -> Beurt:
        speaker = self.current_speaker
        if speaker is None:
            raise RuntimeError("the round is over")
        turn = Beurt(spreker=speaker, ronde=self.round_number, tekst=text.strip(), gepast=passed)
        self.turns.append(turn)
        return turn

    def speak(self, text: str) -> Beurt:
        return self._add(text, passed=False)

    def pass_turn(self) -> Beurt:
        return self._add("", passed=True)

    def undo(self) -> Beurt | None:
        return self.turns.pop() if self.turns else None


def terugblik(inhoud: dict, vastgelegd: dict) -> list[str]:
    capture = Capture.model_validate(vastgelegd)
    lines = []
    for turn in capture.beurten:
        said = "past" if turn.gepast else (turn.tekst or "(sprak, geen notitie)")
        lines.append(f"Ronde {turn.ronde}, {turn.spreker}: {said}")
    if capture.sprekers and capture.beurten:
        rnd = Round(capture.sprekers, bool(inhoud.get("herhalen")), list(capture.beurten))
        if inhoud.get("herhalen") and rnd.done:
            lines.append(f"Afgerond: in ronde {rnd.finished_in_round} paste iedereen.")
    return lines
