"""The presentation view (the beamer, F5): what the room sees on the projector. The timer as large
as the terminal allows, the current question centred below it, who has the floor and who is next,
and where the meeting is in its agenda. Nothing else.

It lies over the runner on a layer of its own instead of being a separate screen, so the capture
field underneath keeps the keyboard: the facilitator goes on typing notes while the room sees
only the question. What is typed is not shown here (notes can be about young people).

State flows down: the runner sets `where`, `questions`, `speaker`, `next_speaker` and `agenda`
(reactives; `show_step` and `show_speaker` are shorthands) and the view draws them.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.events import Resize
from textual.reactive import var
from textual.widgets import Static

from samenslim.domain.timer import Timer
from samenslim.widgets.big_timer import BigTimer
from samenslim.widgets.timer_display import TimerDisplay


class BeamerTimer(TimerDisplay):
    """The step timer with block digits that fill the space the beamer view gives it; the words
    under it (BIJNA OM, OVER TIJD …) and the urgency colours come from TimerDisplay."""

    DEFAULT_CSS = """
    BeamerTimer { width: 100%; height: 1fr; }
    BeamerTimer BigTimer { width: 100%; height: 1fr; }
    BeamerTimer #timer-status { width: 100%; text-align: center; }
    BeamerTimer.-over BigTimer { text-style: bold; }
    """

    def compose(self) -> ComposeResult:
        yield BigTimer("00:00", id="timer-digits")
        yield Static("", id="timer-status")

    @property
    def big(self) -> BigTimer:
        return self.query_one(BigTimer)


class PresentationView(Vertical):
    DEFAULT_CSS = """
    PresentationView {
        layer: presentatie;
        position: absolute;
        offset: 0 0;
        width: 100%;
        height: 100%;
        background: $background;
        align: center top;
        padding: 1 2 0 2;
        overflow: hidden hidden;
        display: none;
    }
    PresentationView.-on { display: block; }
    PresentationView.-low { padding: 0 1; }
    PresentationView > Static { width: 100%; height: auto; text-align: center; }
    PresentationView #p-step { color: $text-muted; }
    PresentationView #p-question { text-style: bold; color: $text; margin: 1 0 0 0; max-height: 12; padding: 0 4; }
    PresentationView.-low #p-question { margin: 0; max-height: 3; padding: 0; }
    PresentationView #p-speaker { color: $accent; text-style: bold; margin-top: 1; }
    PresentationView.-low #p-speaker { margin-top: 0; }
    PresentationView #p-next { color: $text-muted; }
    PresentationView #p-agenda { color: $text-muted; margin-top: 1; }
    PresentationView.-low #p-agenda { margin-top: 0; }
    PresentationView #p-hint { dock: bottom; color: $text-muted; height: 1; }
    PresentationView > .-empty { display: none; }
    PresentationView.-tiny #p-step, PresentationView.-tiny #p-agenda, PresentationView.-tiny #p-hint { display: none; }
    """

    # Below LOW_ROWS rows the margins go, so the digits keep their room; below TINY_ROWS also the
    # step's name, the agenda and the hint (the room needs the time, the question and the speaker).
    LOW_ROWS = 24
    TINY_ROWS = 16

    # vars, not reactives: a reactive repaints the whole view (the whole screen) when it changes, and
    # the speaker's clock changes every second; the watchers below redraw only the line that changed.
    where: var[str] = var("")
    questions: var[tuple[str, ...]] = var(())
    speaker: var[str | None] = var(None)
    next_speaker: var[str | None] = var(None)
    agenda: var[str | None] = var(None)

    def __init__(self, timer: Timer, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._timer = timer

    def compose(self) -> ComposeResult:
        yield Static("", id="p-step", markup=False)
        yield BeamerTimer(self._timer, id="p-timer", active=False)
        yield Static("", id="p-question", markup=False)
        yield Static("", id="p-speaker", markup=False)
        yield Static("", id="p-next", markup=False)
        yield Static("", id="p-agenda", markup=False)
        yield Static("F5: terug · wat je typt, wordt gewoon vastgelegd", id="p-hint")

    def on_mount(self) -> None:
        self.watch_where(self.where)
        self.watch_questions(self.questions)
        self.watch_speaker(self.speaker)
        self.watch_next_speaker(self.next_speaker)
        self.watch_agenda(self.agenda)

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.height < self.LOW_ROWS, "-low")
        self.set_class(event.size.height < self.TINY_ROWS, "-tiny")

    @property
    def timer_display(self) -> BeamerTimer:
        return self.query_one("#p-timer", BeamerTimer)

    # -- shorthands for the runner ---------------------------------------------------------
    def show_step(self, where: str, questions: list[str], agenda: str | None = None) -> None:
        self.where = where
        self.questions = tuple(questions)
        self.agenda = agenda

    def show_speaker(self, line: str | None, next_line: str | None = None) -> None:
        self.speaker = line or None
        self.next_speaker = next_line or None

    # -- drawing ---------------------------------------------------------------------------
    def _set(self, selector: str, text: str | Text | None) -> None:
        if not self.is_mounted:
            return
        widget = self.query_one(selector, Static)
        widget.set_class(not text, "-empty")  # a class, not display=: the -tiny rules must still apply
        old = str(widget.render())
        if text and old != str(text):
            # The speaker's clock changes every second: a text of the same length takes the same
            # rows, so it is redrawn without a layout pass over the whole view.
            widget.update(text, layout=len(old) != len(str(text)))

    def watch_where(self, where: str) -> None:
        self._set("#p-step", where)

    def watch_questions(self, questions: tuple[str, ...]) -> None:
        text = Text(justify="center")
        for index, question in enumerate(questions):
            if index:
                text.append("\n\n")
            text.append(question)
        self._set("#p-question", text if questions else None)

    def watch_speaker(self, line: str | None) -> None:
        self._set("#p-speaker", line)

    def watch_next_speaker(self, line: str | None) -> None:
        self._set("#p-next", line)

    def watch_agenda(self, line: str | None) -> None:
        self._set("#p-agenda", line)
