"""What the room may see: the running session reduced to what a projector shows.

`room_view()` turns the session and its step timer into a small, frozen `RoomView`: the werkvorm,
the step, its question(s), the timer's text and urgency, who has the floor and who is next, and
where the meeting is in its agenda. It is the only thing the second screen (samenslim.second_screen)
ever receives, so it is built by reading named fields only: the step's content (title, questions),
the card drawn in an earlier step of the werkvorm (the round's question), and for a round the
speakers' names and how many turns there were. Nothing typed by the facilitator (a turn's note, a
column, a draft in `concepten`) is read here: notes can be about young people.

No Textual here: the runner calls it, the second screen sends it as JSON.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from samenslim.domain.soorten import carried_card, kind_of
from samenslim.domain.soorten.base import Spreekbeurt
from samenslim.domain.timer import Timer, format_clock

if TYPE_CHECKING:
    from samenslim.domain.session import Sessie, StapRun


@dataclass(frozen=True)
class AgendaPunt:
    titel: str
    stand: str  # "klaar", "nu" or "straks"


@dataclass(frozen=True)
class RoomView:
    werkvorm: str
    stap: str
    stap_nummer: int  # 1-based, within the werkvorm
    stappen: int
    vragen: tuple[str, ...]
    tijd: str  # "04:59", "+01:15" in overtime; counts up for a step without a set time
    tijd_status: str  # in words, so the state never depends on colour alone
    niveau: str  # "ruim", "let-op", "bijna", "over" (Timer.level)
    over_tijd: bool
    loopt: bool
    spreker: str | None = None  # who has the floor (a name, or the kind's line such as "Anna vertelt, ...")
    spreektijd: str | None = None  # "0:42 / 1:15" for a round's speaker
    spreker_te_lang: bool = False
    volgende: str | None = None  # who speaks next in a round
    agenda: tuple[AgendaPunt, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def timer_texts(timer: Timer) -> tuple[str, str]:
    """(time shown, state in words), as the runner's timer shows them ("OVER TIJD: 01:15 te lang")."""
    if not timer.has_limit:
        shown = format_clock(-timer.elapsed()).lstrip("+")  # counts up, as a stopwatch
        state = "loopt" if timer.running else ("gepauzeerd" if timer.elapsed() > 0 else "nog niet gestart")
        return shown, state + " · geen vaste tijd"
    remaining = timer.remaining()
    shown = format_clock(remaining)
    if remaining < 0:
        return shown, f"OVER TIJD: {shown[1:]} te lang" + ("" if timer.running else " (gepauzeerd)")
    if timer.running:
        return shown, {"let-op": "loopt · laatste 20%", "bijna": "loopt · BIJNA OM"}.get(timer.level(), "loopt")
    return shown, "gepauzeerd" if timer.elapsed() > 0 else "nog niet gestart"


def chosen_card(session: Sessie) -> str | None:
    """The card drawn earlier in this werkvorm (e.g. the check-in question): the round's question."""
    return carried_card(session.current_werkvorm.stappen[: session.positie.stap])


def agenda_line(session: Sessie) -> str:
    """Where the meeting is, for the room: the step within the werkvorm, and the agenda around it."""
    run = session.current_werkvorm
    line = f"stap {session.positie.stap + 1} van {len(run.stappen)}"
    if len(session.werkvormen) > 1:
        items = [("✓ " if all(s.beeindigd for s in item.stappen) and index != session.positie.werkvorm else
                  "▶ " if index == session.positie.werkvorm else "") + item.titel
                 for index, item in enumerate(session.werkvormen)]
        line = f"Agenda {session.positie.werkvorm + 1}/{len(session.werkvormen)}: " + " · ".join(items) + f" ({line})"
    return line


def room_questions(session: Sessie) -> list[str]:
    """The question(s) the room reads: the drawn card, the step's questions, else its title."""
    step = session.current_step
    kind = kind_of(step)
    card = chosen_card(session) if kind is None or kind.shows_carried_card else None
    questions = ([card] if card else []) + list(step.vragen)
    return questions or [step.titel]


def _turns(step: StapRun, elapsed: float) -> Spreekbeurt | None:
    """Who speaks, from the kind (a round answers from names and the number of turns, never their notes)."""
    kind = kind_of(step)
    if kind is None or not kind.answers("beurt"):
        return None
    return kind.beurt(kind.inhoud(step), kind.capture(step), elapsed)


def room_view(session: Sessie, timer: Timer, speaker_line: str | None = None) -> RoomView:
    """The room's view of the session now. `speaker_line` is the step view's own line of who has
    the floor (as the beamer view shows it), used for kinds other than a round; solo sessions
    show no speaker."""
    run, step = session.current_werkvorm, session.current_step
    shown, status = timer_texts(timer)
    level = timer.level()
    speaker = next_speaker = speaking = None
    too_long = False
    if session.modus != "solo":
        turns = _turns(step, timer.elapsed())
        if turns is not None:
            speaker, next_speaker, speaking, too_long = turns
            speaker = speaker if speaker is not None else "Het rondje is klaar"
        elif speaker_line:
            speaker = speaker_line
    agenda: tuple[AgendaPunt, ...] = ()
    if len(session.werkvormen) > 1:
        agenda = tuple(
            AgendaPunt(item.titel, "nu" if index == session.positie.werkvorm
                       else "klaar" if all(s.beeindigd for s in item.stappen) else "straks")
            for index, item in enumerate(session.werkvormen))
    return RoomView(
        werkvorm=run.titel, stap=step.titel, stap_nummer=session.positie.stap + 1, stappen=len(run.stappen),
        vragen=tuple(room_questions(session)), tijd=shown, tijd_status=status, niveau=level,
        over_tijd=level == "over", loopt=timer.running, spreker=speaker, spreektijd=speaking,
        spreker_te_lang=too_long, volgende=next_speaker, agenda=agenda)
