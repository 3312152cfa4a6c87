"""Step kind 'rondje': everyone in turn, in a fixed order.

Once round: each speaker has one turn. With `herhalen = true` (intervisie steps 3 and 4) the
round goes on, again and again in the same order, until a whole round passes in which every
speaker said "ik pas". The captured turns are the only state: where the round stands is computed
from them, so a resumed session continues exactly where it was.

Speaking time is measured on the step's own timer (so pausing the step pauses the speaker too):
a turn lasts from the end of the previous turn to the moment the next speaker is called, and the
tally per person is kept in the session file. A per-person limit is optional; by default it is
the step's time shared equally.
"""

from __future__ import annotations

import random
from typing import Literal

from pydantic import BaseModel, ConfigDict

from samenslim.domain.markdown import block, md
from samenslim.domain.soorten.base import BaseStap, Inhoud, Soort, Spreekbeurt, Vastgelegd, VrijeTekst

EVERYONE = "Groep"  # the one 'speaker' when no participants were named


class RondjeInhoud(Inhoud):
    herhalen: bool = False
    zonder_rol: str | None = None  # e.g. the case-bringer listens while the others ask
    invoer: str = "Notitie"  # what is written down per turn: 'Vraag', 'Tip', ...


class Stap(RondjeInhoud, BaseStap):
    soort: Literal["rondje"]


class Beurt(BaseModel):
    model_config = ConfigDict(extra="allow")

    spreker: str
    ronde: int
    tekst: str = ""
    gepast: bool = False
    seconden: float = 0.0  # how long this turn took, on the step's timer


class Capture(Vastgelegd):
    sprekers: list[str] = []
    beurten: list[Beurt] = []
    volgorde: Literal["vast", "geschud"] = "vast"
    per_persoon: int | None = None  # seconds each speaker gets; None: no limit
    spreektijd: dict[str, float] = {}  # speaker -> seconds used over all their turns
    beurt_begon: float = 0.0  # the step timer's reading when the current turn began


SUGGESTION_STEP = 15  # a suggested per-person time is rounded to quarter minutes


def suggested_limit(planned_seconds: float | None, speakers: int) -> int | None:
    """The step's time shared equally (10 minutes and 8 people: 75 seconds each), or None when the
    step has no set time or only one speaker."""
    if not planned_seconds or speakers < 2:
        return None
    share = planned_seconds / speakers
    return max(SUGGESTION_STEP, int(share / SUGGESTION_STEP + 0.5) * SUGGESTION_STEP)


def parse_limit(text: str) -> int | None:
    """'1:15' -> 75 s, '2' or '1,5' -> minutes; '' -> no limit. Raises ValueError with a Dutch reason."""
    text = text.strip()
    if not text:
        return None
    try:
        if ":" in text:
            minutes, _, seconds = text.partition(":")
            value = int(minutes or 0) * 60 + int(seconds)
        else:
            value = round(float(text.replace(",", ".")) * 60)
    except ValueError:
        raise ValueError("schrijf de spreektijd als minuten (2 of 1,5) of als m:ss (1:15)") from None
    if value <= 0 or value > 3600:
        raise ValueError("de spreektijd per persoon ligt tussen 1 seconde en 60 minuten")
    return value


def ordered(speakers: list[str], order: str, rng: random.Random) -> list[str]:
    if order == "geschud":
        shuffled = list(speakers)
        rng.shuffle(shuffled)
        return shuffled
    return list(speakers)


def speakers_for(participants: list[str], roles: dict[str, str], without_role: str | None) -> list[str]:
    """Everyone but the one whose role sits this round out. (A solo session never runs a round: its
    rounds are asked as 'vragen' steps, see Soort.needs_others.)"""
    left_out = roles.get(without_role) if without_role else None
    speakers = [name for name in participants if name != left_out]
    return speakers or [EVERYONE]


class Round:
    """Turn-taking over a list of turns that the caller stores."""

    def __init__(self, speakers: list[str], repeat: bool, turns: list[Beurt],
                 tally: dict[str, float] | None = None, turn_began: float = 0.0) -> None:
        if not speakers:
            raise ValueError("a round needs at least one speaker")
        self.speakers = speakers
        self.repeat = repeat
        self.turns = turns
        self.tally = tally if tally is not None else {}
        self.turn_began = turn_began

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

    @property
    def next_speaker(self) -> str | None:
        """Who speaks after the current speaker: None when this is the last turn of a single round."""
        if self.current_speaker is None or (not self.repeat and len(self.turns) + 1 >= len(self.speakers)):
            return None
        following = self.speakers[(len(self.turns) + 1) % len(self.speakers)]
        return None if following == self.current_speaker else following

    def speaking_for(self, elapsed: float) -> float:
        """How long the current speaker has had the floor, given the step timer's reading."""
        return max(0.0, elapsed - self.turn_began)

    def _add(self, text: str, passed: bool, elapsed: float) -> Beurt:
        speaker = self.current_speaker
        if speaker is None:
            raise RuntimeError("the round is over")
        seconds = round(self.speaking_for(elapsed), 1)
        turn = Beurt(spreker=speaker, ronde=self.round_number, tekst=text.strip(), gepast=passed, seconden=seconds)
        self.turns.append(turn)
        self.tally[speaker] = round(self.tally.get(speaker, 0.0) + seconds, 1)
        self.turn_began = max(elapsed, self.turn_began)
        return turn

    def speak(self, text: str, elapsed: float = 0.0) -> Beurt:
        return self._add(text, passed=False, elapsed=elapsed)

    def pass_turn(self, elapsed: float = 0.0) -> Beurt:
        return self._add("", passed=True, elapsed=elapsed)

    def undo(self) -> Beurt | None:
        """Take the last turn back; its time goes back to its speaker's turn, which continues."""
        if not self.turns:
            return None
        turn = self.turns.pop()
        left = round(self.tally.get(turn.spreker, 0.0) - turn.seconden, 1)
        if left > 0:
            self.tally[turn.spreker] = left
        else:
            self.tally.pop(turn.spreker, None)
        self.turn_began = max(0.0, self.turn_began - turn.seconden)
        return turn


def clock(seconds: float) -> str:
    whole = int(round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


class Rondje(Soort[RondjeInhoud, Capture]):
    naam_sleutels = ("spreektijd",)  # keyed by participant
    SOORT = "rondje"
    NAAM = "Rondje"
    VIEW = "samenslim.werkvormen.rondje:RondjeView"
    needs_others = True

    def terugblik(self, inhoud: RondjeInhoud, capture: Capture) -> list[str]:
        lines = []
        for turn in capture.beurten:
            said = "past" if turn.gepast else (turn.tekst or "(sprak, geen notitie)")
            lines.append(f"Ronde {turn.ronde}, {turn.spreker}: {said}")
        if capture.sprekers and capture.beurten:
            rnd = Round(capture.sprekers, inhoud.herhalen, list(capture.beurten))
            if inhoud.herhalen and rnd.done:
                lines.append(f"Afgerond: in ronde {rnd.finished_in_round} paste iedereen.")
        if capture.spreektijd:
            lines.append("Spreektijd: " + ", ".join(f"{name} {clock(seconds)}"
                                                    for name, seconds in capture.spreektijd.items()))
        return lines

    def verslag(self, inhoud: RondjeInhoud, capture: Capture) -> list[str]:
        people = list(dict.fromkeys(capture.sprekers + [turn.spreker for turn in capture.beurten]))
        said = {name: [turn.tekst for turn in capture.beurten if turn.spreker == name and not turn.gepast]
                for name in people}
        lines = []
        for name in people:
            turns = [text or "(sprak, geen notitie)" for text in said[name]]
            if len(turns) == 1:
                lines.append(f"- **{md(name)}:** {md(turns[0])}")
            elif turns:
                lines.append(f"- **{md(name)}**")
                lines += [f"  - {block(text)}" for text in turns]
            elif any(turn.spreker == name for turn in capture.beurten):
                lines.append(f"- **{md(name)}:** _past_")
        if capture.sprekers and capture.beurten and inhoud.herhalen:
            done = Round(capture.sprekers, True, list(capture.beurten)).finished_in_round
            if done:
                lines += ["", f"_Klaar in ronde {done}: toen paste iedereen._"]
        return lines

    def beurt(self, inhoud: RondjeInhoud, capture: Capture, elapsed: float) -> Spreekbeurt | None:
        if not capture.sprekers:
            return None
        state = Round(capture.sprekers, inhoud.herhalen, capture.beurten, turn_began=capture.beurt_begon)
        if state.current_speaker is None:
            return Spreekbeurt(None, None, None, False)
        limit = capture.per_persoon if capture.per_persoon and capture.per_persoon > 0 else None
        used = state.speaking_for(elapsed)
        speaking = clock(used) + (f" / {clock(limit)}" if limit else "")
        return Spreekbeurt(state.current_speaker, state.next_speaker, speaking, bool(limit and used > limit))

    def vrije_teksten(self, inhoud: RondjeInhoud, capture: Capture) -> list[VrijeTekst]:
        found = [VrijeTekst(f"sprekers.{index}", name, naam=True) for index, name in enumerate(capture.sprekers)]
        for index, turn in enumerate(capture.beurten):
            found += [VrijeTekst(f"beurten.{index}.spreker", turn.spreker, naam=True),
                      VrijeTekst(f"beurten.{index}.tekst", turn.tekst)]
        return found


KIND = Rondje(Stap, RondjeInhoud, Capture)
