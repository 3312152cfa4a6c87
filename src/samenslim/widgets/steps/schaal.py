from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from samenslim.werkvormen import schaal
from samenslim.widgets.steps import StepView


class SchaalView(StepView[schaal.Capture]):
    """A score for the group and, if the content asks for it, one per participant."""

    kind = schaal
    DEFAULT_CSS = """
    SchaalView .score-row { height: auto; }
    SchaalView .score-row Label { width: 18; padding-top: 1; }
    SchaalView .score-row Input { width: 8; }
    SchaalView .score-row .bar { padding: 1 0 0 1; width: 1fr; }
    SchaalView #score-error { color: $error; }
    SchaalView #scale-meaning { color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        low, high = self._range()
        capture = self.capture()
        meaning_low = self.step.inhoud.get("betekenis_laagste", "")
        meaning_high = self.step.inhoud.get("betekenis_hoogste", "")
        if meaning_low or meaning_high:
            yield Static(f"{low} = {meaning_low}   ·   {high} = {meaning_high}", id="scale-meaning")
        with Vertical(id="scores"):
            # Alone, the one score is yours (it is still stored as the session's score, 'groep').
            yield self._row("Jouw score" if self.context.solo else "Groep", "groep", capture.groep)
            if self.step.inhoud.get("per_deelnemer", True) and not self.context.solo:
                for index, name in enumerate(self.context.participants):
                    yield self._row(name, f"p{index}", capture.per_deelnemer.get(name))
        yield Static("", id="score-error")

    def _range(self) -> tuple[int, int]:
        return self.step.inhoud.get("laagste", 0), self.step.inhoud.get("hoogste", 10)

    def _row(self, label: str, key: str, value: int | None) -> Horizontal:
        return Horizontal(
            Label(label),
            Input("" if value is None else str(value), id=f"score-{key}", restrict=r"\d{0,2}", max_length=2,
                  placeholder=f"{self._range()[0]}-{self._range()[1]}"),
            Static(self._bar(value), classes="bar", id=f"bar-{key}"),
            classes="score-row",
        )

    def _bar(self, value: int | None) -> str:
        return schaal.bar(value, *self._range()) if value is not None else ""

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        key = (event.input.id or "").removeprefix("score-")
        error = self.query_one("#score-error", Static)
        try:
            value = schaal.parse_score(event.value, *self._range())
            error.update("")
        except ValueError as problem:
            # What is stored mirrors what is on screen: an invalid entry is no score.
            value = None
            error.update(str(problem))
        capture = self.capture()
        if key == "groep":
            capture.groep = value
        else:
            name = self.context.participants[int(key[1:])]
            if value is None:
                capture.per_deelnemer.pop(name, None)
            else:
                capture.per_deelnemer[name] = value
        self.store(capture)
        self.query_one(f"#bar-{key}", Static).update(self._bar(value))

    def focus_capture(self) -> None:
        self.query_one("#score-groep", Input).focus()
