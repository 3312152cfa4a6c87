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
    run, index = session.current_werkvorm, session.positie.stap
    for earlier in reversed(run.stappen[:index]):
        if earlier.soort == "stapel" and earlier.vastgelegd.get("kaart"):
            card = earlier.vastgelegd["kaart"]
            return card if isinstance(card, str) else None
    return None


def room_questions(session: Sessie) -> list[str]:
    """The question(s) the room reads: the drawn card, the step's questions, else its title."""
    step = session.current_step
    card = chosen_card(session)
    questions = ([card] if card and step.soort != "stapel" else []) + list(step.vragen)
    return questions or [step.titel]


@dataclass(frozen=True)
class _Turns:
    speaker: str | None
    next_speaker: str | None
    speaking: str | None
    too_long: bool


def _round_turns(step: StapRun, elapsed: float) -> _Turns | None:
    """Who speaks in a round, from the names and the number of turns only (never their notes)."""
    from samenslim.domain.soorten import rondje

    captured = step.vastgelegd
    names = [name for name in captured.get("sprekers", []) if isinstance(name, str)]
    if not names:
        return None
    turns = [rondje.Beurt(spreker=str(turn.get("spreker", "")), ronde=int(turn.get("ronde", 1)),
                          gepast=bool(turn.get("gepast", False)))
             for turn in captured.get("beurten", []) if isinstance(turn, dict)]  # the note (tekst) left out
    began = captured.get("beurt_begon", 0.0)
    state = rondje.Round(names, bool(step.inhoud.get("herhalen")), turns,
                         turn_began=float(began) if isinstance(began, (int, float)) else 0.0)
    speaker = state.current_speaker
    if speaker is None:
        return _Turns("Het rondje is klaar", None, None, False)
    following = names[(len(turns) + 1) % len(names)] if len(names) > 1 else None
    if following is not None and not state.repeat and len(turns) + 1 >= len(names):
        following = None  # the last speaker of a single round
    limit = captured.get("per_persoon")
    limit = limit if isinstance(limit, (int, float)) and limit > 0 else None
    used = state.speaking_for(elapsed)
    speaking = rondje.clock(used) + (f" / {rondje.clock(limit)}" if limit else "")
    return _Turns(speaker, following, speaking, bool(limit and used > limit))


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
        turns = _round_turns(step, timer.elapsed()) if step.soort == "rondje" else None
        if turns is not None:
            speaker, next_speaker, speaking, too_long = (turns.speaker, turns.next_speaker, turns.speaking,
                                                         turns.too_long)
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
