from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from samenslim.werkvormen import rondje
from samenslim.widgets.steps import StepView


class RondjeView(StepView):
    """Turn-taking: who speaks now, a line for what they say, and the turns so far."""

    kind = rondje
    BINDINGS = [
        Binding("ctrl+r", "next_speaker", "Volgende", tooltip="Volgende spreker"),
        Binding("ctrl+o", "pass_turn", "Pas", tooltip="Deze spreker past (ik pas)"),
        Binding("ctrl+z", "undo", "Beurt terug", show=False),
    ]
    DEFAULT_CSS = """
    RondjeView #speaker { text-style: bold; color: $accent; margin-top: 1; }
    RondjeView #order { color: $text-muted; }
    RondjeView #turns { height: auto; max-height: 10; }
    RondjeView #round-done { text-style: bold; color: $success; }
    """

    def on_mount(self) -> None:
        capture = self.capture()
        if not capture.sprekers:
            # Fix the order once, when the round first opens; a resumed round keeps it.
            capture.sprekers = rondje.speakers_for(self.context.participants, self.context.roles,
                                                   self.step.inhoud.get("zonder_rol"), solo=self.context.solo)
            self.store(capture)
        self.refresh_round()

    def compose(self) -> ComposeResult:
        yield Static("", id="speaker")
        yield Static("", id="order")
        yield Input(placeholder=f"{self.step.inhoud.get('invoer', 'Notitie')} (Enter = volgende spreker)", id="turn-input")
        yield Static("", id="round-done")
        with VerticalScroll(id="turns"):
            yield Static("", id="turns-text")

    def round(self) -> rondje.Round:
        capture = self.capture()
        return rondje.Round(capture.sprekers or [rondje.EVERYONE], bool(self.step.inhoud.get("herhalen")),
                            capture.beurten)

    def _update(self, change) -> None:
        capture = self.capture()
        state = rondje.Round(capture.sprekers, bool(self.step.inhoud.get("herhalen")), capture.beurten)
        if change(state) is None:
            return
        self.store(capture)
        self.refresh_round()

    def refresh_round(self) -> None:
        state = self.round()
        speaker = state.current_speaker
        turn_input = self.query_one("#turn-input", Input)
        turn_input.disabled = speaker is None
        if speaker is None:
            self.query_one("#speaker", Static).update("Het rondje is klaar.")
            done = "Iedereen heeft gepast in ronde " + str(state.finished_in_round) if state.repeat \
                else "Iedereen is aan de beurt geweest"
            self.query_one("#round-done", Static).update(f"{done}. Ga door met ctrl+n.")
        else:
            self.query_one("#speaker", Static).update(f"Aan de beurt: {speaker}  (ronde {state.round_number})")
            self.query_one("#round-done", Static).update("")
        self.query_one("#order", Static).update(self._order_line(state))
        lines = Text()
        for turn in reversed(state.turns):
            said = "past" if turn.gepast else (turn.tekst or "(geen notitie)")
            lines.append(f"R{turn.ronde} {turn.spreker}: ", style="bold")
            lines.append(said + "\n", style="italic" if turn.gepast else "")
        self.query_one("#turns-text", Static).update(lines)

    def _order_line(self, state: rondje.Round) -> Text:
        line = Text("Volgorde: ")
        current = state.current_speaker
        for index, name in enumerate(state.speakers):
            if index:
                line.append(" → ")
            line.append(f"▶ {name}" if name == current else name, style="bold reverse" if name == current else "")
        return line

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_next_speaker()

    def action_next_speaker(self) -> None:
        turn_input = self.query_one("#turn-input", Input)
        self._update(lambda state: state.speak(turn_input.value) if state.current_speaker else None)
        turn_input.value = ""

    def action_pass_turn(self) -> None:
        self._update(lambda state: state.pass_turn() if state.current_speaker else None)
        self.query_one("#turn-input", Input).value = ""

    def action_undo(self) -> None:
        self._update(lambda state: state.undo())

    def focus_capture(self) -> None:
        turn_input = self.query_one("#turn-input", Input)
        if not turn_input.disabled:
            turn_input.focus()
