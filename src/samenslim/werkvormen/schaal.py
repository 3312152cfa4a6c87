from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from samenslim.domain.soorten import schaal
from samenslim.werkvormen import StepView


class SchaalView(StepView[schaal.SchaalInhoud, schaal.Capture]):
    """A score for the group and, if the content asks for it, one per participant."""

    kind = schaal.KIND
    DEFAULT_CSS = """
    SchaalView .score-row { height: auto; }
    SchaalView .score-row Label { width: 18; padding-top: 1; }
    SchaalView .score-row Input { width: 10; }
    SchaalView .score-row .bar { padding: 1 0 0 1; width: 1fr; }
    SchaalView .score-row .score-error { padding: 1 0 0 1; width: 1fr; color: $error; display: none; }
    SchaalView #scale-meaning { color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        low, high = self._range()
        capture = self.capture()
        meaning_low = self.inhoud.betekenis_laagste
        meaning_high = self.inhoud.betekenis_hoogste
        if meaning_low or meaning_high:
            yield Static(f"{low} = {meaning_low}   ·   {high} = {meaning_high}", id="scale-meaning")
        with Vertical(id="scores"):
            # Alone, the one score is yours (it is still stored as the session's score, 'groep').
            yield self._row("Jouw score" if self.context.solo else "Groep", "groep", capture.groep)
            if self.inhoud.per_deelnemer and not self.context.solo:
                for index, name in enumerate(self.context.participants):
                    yield self._row(name, f"p{index}", capture.per_deelnemer.get(name))

    def _range(self) -> tuple[int, int]:
        return self.inhoud.laagste, self.inhoud.hoogste

    def _row(self, label: str, key: str, value: int | float | None) -> Horizontal:
        low, high = self._range()
        return Horizontal(
            Label(label),
            Input("" if value is None else schaal.format_score(value), id=f"score-{key}",
                  restrict=r"\d{0,2}([.,]\d?)?", max_length=4, placeholder=f"{low}-{high}"),
            Static(self._bar(value), classes="bar", id=f"bar-{key}"),
            # An input error stands next to its own field (in place of the bar), never below the list.
            Static("", classes="score-error", id=f"error-{key}"),
            classes="score-row",
        )

    def _bar(self, value: int | float | None) -> str:
        return schaal.bar(value, *self._range()) if value is not None else ""

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        key = (event.input.id or "").removeprefix("score-")
        error = self.query_one(f"#error-{key}", Static)
        bar = self.query_one(f"#bar-{key}", Static)
        try:
            value = schaal.parse_score(event.value, *self._range())
            problem = ""
        except ValueError as invalid:
            # What is stored mirrors what is on screen: an invalid entry is no score (the text stays
            # in the field to be corrected).
            value, problem = None, str(invalid).capitalize()
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
        bar.update(self._bar(value))
        error.update(problem)
        bar.display, error.display = not problem, bool(problem)
        if problem:
            self.call_after_refresh(error.scroll_visible, animate=False)

    def focus_capture(self) -> None:
        self.query_one("#score-groep", Input).focus()
