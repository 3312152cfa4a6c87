"""The presentation view: what the room sees on the projector. The current question large, the
timer in big digits, who has the floor, and nothing else.

It lies over the runner on a layer of its own instead of being a separate screen, so the capture
field underneath keeps the keyboard: the facilitator goes on typing notes while the room sees
only the question. What is typed is not shown here (notes can be about young people).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from samenslim.domain.timer import Timer
from samenslim.widgets.timer_display import TimerDisplay


class PresentationView(Vertical):
    DEFAULT_CSS = """
    PresentationView {
        layer: presentatie;
        position: absolute;
        offset: 0 0;
        width: 100%;
        height: 100%;
        background: $background;
        align: center middle;
        padding: 1 2;
        overflow: hidden hidden;
        display: none;
    }
    PresentationView.-on { display: block; }
    PresentationView > * { width: 100%; max-width: 100; text-align: center; content-align: center middle; }
    PresentationView #p-step { color: $text-muted; height: auto; }
    PresentationView #p-question { text-style: bold; color: $text; height: auto; margin: 1 0; }
    PresentationView TimerDisplay { width: 100%; height: auto; }
    PresentationView #p-timer { align-horizontal: center; }
    PresentationView #p-timer #timer-status, PresentationView #p-timer Digits { width: 100%; text-align: center; }
    PresentationView #p-speaker { color: $accent; text-style: bold; height: auto; margin-top: 1; }
    PresentationView #p-hint { dock: bottom; color: $text-muted; height: 1; max-width: 100%; }
    """

    def __init__(self, timer: Timer, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._timer = timer

    def compose(self) -> ComposeResult:
        yield Static("", id="p-step")
        yield Static("", id="p-question")
        yield TimerDisplay(self._timer, id="p-timer", active=False)
        yield Static("", id="p-speaker")
        yield Static("F5: terug · wat je typt, wordt gewoon vastgelegd", id="p-hint")

    @property
    def timer_display(self) -> TimerDisplay:
        return self.query_one("#p-timer", TimerDisplay)

    def show_step(self, where: str, questions: list[str]) -> None:
        self.query_one("#p-step", Static).update(where)
        text = Text()
        for index, question in enumerate(questions):
            if index:
                text.append("\n\n")
            text.append(question)
        self.query_one("#p-question", Static).update(text)
        self.query_one("#p-question", Static).display = bool(questions)

    def show_speaker(self, line: str | None) -> None:
        speaker = self.query_one("#p-speaker", Static)
        speaker.display = bool(line)
        if line and str(speaker.render()) != line:
            speaker.update(line)
