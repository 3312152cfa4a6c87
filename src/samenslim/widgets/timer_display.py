"""The big step timer: Digits for the time, and a line of text that says what the time means
(running, paused, overtime), so the state never depends on colour alone."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import var
from textual.widgets import Digits, Static

from samenslim.domain.timer import Timer, format_clock


class TimerDisplay(Vertical):
    DEFAULT_CSS = """
    TimerDisplay { height: auto; width: auto; align-horizontal: center; }
    TimerDisplay Digits { width: auto; }
    TimerDisplay #timer-status { width: auto; text-style: bold; }
    TimerDisplay.-let-op Digits, TimerDisplay.-let-op #timer-status { color: $warning; }
    TimerDisplay.-bijna Digits, TimerDisplay.-bijna #timer-status { color: $error; }
    TimerDisplay.-over Digits, TimerDisplay.-over #timer-status { color: $error; text-style: bold reverse; }
    TimerDisplay.-paused Digits { color: $text-muted; }
    """

    REFRESH_SECONDS = 0.25
    # The step's timer, set from above: the runner binds its own `timer` to it (data_bind), so a new
    # step's timer reaches the display without a call. `use_timer` sets it for displays not bound.
    timer: var[Timer] = var(lambda: Timer(None), init=False, always_update=True)

    def __init__(self, timer: Timer, *, id: str | None = None, active: bool = True) -> None:
        super().__init__(id=id)
        self.set_reactive(TimerDisplay.timer, timer)
        # Only the display the user can see redraws (the runner has two: its side and the presentation).
        self.active = active
        self._shown: tuple[str, str] | None = None
        self._rang = timer.overtime  # a step resumed in overtime does not ring again

    def compose(self) -> ComposeResult:
        yield Digits("00:00", id="timer-digits")
        yield Static("", id="timer-status")

    def on_mount(self) -> None:
        self.show()
        # Only a running timer needs redrawing; a paused one is left alone so an idle screen costs nothing.
        self._ticker = self.set_interval(self.REFRESH_SECONDS, self.show,
                                         pause=not (self.timer.running and self.active))

    class TimeUp(Message):
        """The step's time just ran out (the runner may ring the bell)."""

    class Second(Message):
        """A running timer's shown second changed: whatever else moves with the seconds (the
        schedule, a speaker's clock) is redrawn by the screen that holds the display."""

    def use_timer(self, timer: Timer) -> None:
        self.timer = timer

    def watch_timer(self, timer: Timer) -> None:
        self._rang = timer.overtime
        if self.is_mounted:
            self.sync()

    def set_active(self, active: bool) -> None:
        self.active = active
        self.sync()

    def sync(self) -> None:
        """Call after starting, pausing or extending the timer."""
        if self.timer.running and self.active:
            self._ticker.resume()
        else:
            self._ticker.pause()
        self.show()

    def texts(self) -> tuple[str, str]:
        timer = self.timer
        if not timer.has_limit:
            shown = format_clock(-timer.elapsed()).lstrip("+")  # count up, as a stopwatch
            state = "loopt" if timer.running else ("gepauzeerd" if timer.elapsed() > 0 else "nog niet gestart")
            state += " · geen vaste tijd"
            return shown, state
        remaining = timer.remaining()
        shown = format_clock(remaining)
        level = timer.level()
        if remaining < 0:
            state = f"OVER TIJD: {shown[1:]} te lang" + ("" if timer.running else " (gepauzeerd)")
        elif timer.running:
            state = {"let-op": "loopt · laatste 20%", "bijna": "loopt · BIJNA OM"}.get(level, "loopt")
        else:
            state = "gepauzeerd" if timer.elapsed() > 0 else "nog niet gestart"
        return shown, state

    def show(self) -> None:
        shown, state = self.texts()
        if (shown, state) == self._shown:
            return
        before = self._shown
        self._shown = (shown, state)
        if self.timer.running and self.active:
            self.post_message(self.Second())
        if before is None or before[0] != shown:
            self.query_one(Digits).update(shown)
        if before is None or before[1] != state:
            # Static.update always asks for a layout pass over the whole screen: only when the words change.
            self.query_one("#timer-status", Static).update(state)
        level = self.timer.level()
        for name in ("let-op", "bijna", "over"):
            self.set_class(level == name, f"-{name}")
        self.set_class(not self.timer.running, "-paused")
        if level == "over" and not self._rang and self.active:
            self._rang = True
            self.post_message(self.TimeUp())
