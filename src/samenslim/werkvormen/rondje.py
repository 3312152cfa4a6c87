from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Label, Static

from samenslim.domain.soorten import rondje
from samenslim.werkvormen import StepView
from samenslim.widgets.field import Field

SHOWN_TURNS = 40  # the turn list shows the newest ones; ten lines are in view at a time


class RondjeView(StepView[rondje.RondjeInhoud, rondje.Capture]):
    """Turn-taking: who speaks now and for how long, a line for what they say, and the turns so far."""

    kind = rondje.KIND
    BINDINGS = [
        Binding("ctrl+r", "next_speaker", "Volgende", tooltip="Volgende spreker"),
        Binding("ctrl+o", "pass_turn", "Pas", tooltip="Deze spreker past (ik pas)"),
        Binding("ctrl+f", "toggle_order", "Schud", show=False,
                tooltip="Volgorde schudden of terug naar vast (alleen voor de eerste beurt)"),
        Binding("ctrl+z", "undo", "Beurt terug", show=False),
    ]
    DEFAULT_CSS = """
    RondjeView #speaker { text-style: bold; color: $accent; margin-top: 1; }
    RondjeView #speaker.-over { color: $error; }
    RondjeView #order { color: $text-muted; }
    RondjeView #round-options { height: 1; }
    RondjeView #round-options Label { width: auto; color: $text-muted; }
    RondjeView #per-person { width: 7; }
    RondjeView #order-hint { width: 1fr; color: $text-muted; }
    RondjeView #turns { height: auto; max-height: 10; }
    RondjeView #round-done { text-style: bold; color: $success; }
    RondjeView #per-person-error { color: $error; display: none; }
    RondjeView #per-person-error.-shown { display: block; }
    """

    def on_mount(self) -> None:
        capture = self.capture()
        if not capture.sprekers:
            # Fix the order once, when the round first opens; a resumed round keeps it.
            capture.sprekers = rondje.speakers_for(self.context.participants, self.context.roles,
                                                   self.inhoud.zonder_rol)
            capture.per_persoon = rondje.suggested_limit(self.step.geplande_seconden, len(capture.sprekers))
            capture.beurt_begon = self.context.elapsed()
            self.store(capture)
        self.query_one("#per-person", Input).value = limit_text(capture.per_persoon)
        self.refresh_round()

    def tick(self) -> None:
        self.show_speaker()

    def compose(self) -> ComposeResult:
        yield Static("", id="speaker")
        yield Static("", id="order")
        with Horizontal(id="round-options"):
            yield Label("Spreektijd p.p. ")
            yield Input(placeholder="geen", id="per-person", compact=True, restrict=r"[0-9:,.]*", max_length=5,
                        tooltip="Minuten (2 of 1,5) of m:ss (1:15); leeg = geen limiet")
            yield Static("", id="order-hint")
        yield Static("", id="per-person-error", classes="field-error")
        yield Field(placeholder=f"{self.inhoud.invoer} (Enter = volgende spreker)", id="turn-input")
        yield Static("", id="round-done")
        with VerticalScroll(id="turns"):
            yield Static("", id="turns-text")

    def round(self) -> rondje.Round:
        capture = self.capture()
        return rondje.Round(capture.sprekers or [rondje.EVERYONE], self.inhoud.herhalen,
                            capture.beurten, capture.spreektijd, capture.beurt_begon)

    def _update(self, change) -> None:
        state = self.round()
        if change(state) is None:
            return
        self.capture().beurt_begon = state.turn_began
        self.store()
        self.refresh_round()

    # -- what the round shows ------------------------------------------------------------------
    def refresh_round(self) -> None:
        state = self.round()
        speaker = state.current_speaker
        turn_input = self.query_one("#turn-input", Input)
        turns = self.query_one("#turns", VerticalScroll)
        typing_here = turn_input.has_focus or turns.has_focus
        turn_input.disabled = speaker is None
        if typing_here:
            self.focus_capture()  # the round ended (or an undo reopened it): the keyboard stays in the view
        if speaker is None:
            done = "Iedereen heeft gepast in ronde " + str(state.finished_in_round) if state.repeat \
                else "Iedereen is aan de beurt geweest"
            self.query_one("#round-done", Static).update(f"{done}. Ga door met ctrl+n.")
        else:
            self.query_one("#round-done", Static).update("")
        self.show_speaker()
        self.query_one("#order", Static).update(self._order_line(state))
        capture = self.capture()
        started = bool(capture.beurten)
        self.query_one("#order-hint", Static).update(
            f"  volgorde {capture.volgorde}" + ("" if started or len(capture.sprekers) < 2 else " (ctrl+f schudt)"))
        lines = Text()
        if capture.spreektijd and speaker is None:
            lines.append("Spreektijd: ", style="bold")
            lines.append(" · ".join(f"{name} {rondje.clock(seconds)}" for name, seconds in capture.spreektijd.items()))
            lines.append("\n")
        # The newest turns only: redrawing (and re-wrapping) every turn made each Enter slower as a long
        # round grew (benchmarks/round_latency.py). The summary and the report keep them all.
        for turn in reversed(state.turns[-SHOWN_TURNS:]):
            said = "past" if turn.gepast else (turn.tekst or "(geen notitie)")
            lines.append(f"R{turn.ronde} {turn.spreker}", style="bold")
            lines.append(f" ({rondje.clock(turn.seconden)})" if turn.seconden else "", style="dim")
            lines.append(": ")
            lines.append(said + "\n", style="italic" if turn.gepast else "")
        if len(state.turns) > SHOWN_TURNS:
            earlier = len(state.turns) - SHOWN_TURNS
            lines.append(f"… en {earlier} eerdere {'beurt' if earlier == 1 else 'beurten'} "
                         "(ze staan in het overzicht en het verslag)", style="dim italic")
        self.query_one("#turns-text", Static).update(lines)

    def speaker_line(self) -> str | None:
        state = self.round()
        speaker = state.current_speaker
        if speaker is None:
            return "Het rondje is klaar"
        used = state.speaking_for(self.context.elapsed())
        limit = self.capture().per_persoon
        timing = rondje.clock(used) + (f" / {rondje.clock(limit)}" if limit else "")
        over = f" · {rondje.clock(used - limit)} te lang" if limit and used > limit else ""
        return f"Aan de beurt: {speaker} · {timing}{over}"

    def next_speaker_line(self) -> str | None:
        following = None if self.context.solo else self.round().next_speaker
        return f"Daarna: {following}" if following else None

    def show_speaker(self) -> None:
        line = self.speaker_line() or ""
        state = self.round()
        if state.current_speaker is not None and state.repeat:
            line += f"  (ronde {state.round_number})"
        speaker = self.query_one("#speaker", Static)
        limit = self.capture().per_persoon
        speaker.set_class(bool(limit and state.current_speaker
                               and state.speaking_for(self.context.elapsed()) > limit), "-over")
        old = str(speaker.render())
        if old != line:
            # The clock in the line changes every second: a line of the same length takes the same
            # rows, so it is redrawn without a layout pass over the whole screen.
            speaker.update(line, layout=len(old) != len(line))

    def _order_line(self, state: rondje.Round) -> Text:
        line = Text("Volgorde: ")
        current = state.current_speaker
        for index, name in enumerate(state.speakers):
            if index:
                line.append(" → ")
            line.append(f"▶ {name}" if name == current else name, style="bold reverse" if name == current else "")
        return line

    # -- what the facilitator does ---------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "turn-input":
            self.action_next_speaker()
        else:
            self.focus_capture()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.input.id != "per-person":
            return
        try:
            limit = rondje.parse_limit(event.value)
        except ValueError as problem:
            self.show_limit_error(f"Spreektijd p.p.: {problem}")
            return
        self.show_limit_error("")
        capture = self.capture()
        if capture.per_persoon != limit:
            capture.per_persoon = limit
            self.store(capture)
            self.show_speaker()

    def show_limit_error(self, text: str) -> None:
        """The error sits right under the field, scrolled into view (a tooltip is missed on a beamer)."""
        field = self.query_one("#per-person", Input)
        field.set_class(bool(text), "-invalid")
        error = self.query_one("#per-person-error", Static)
        error.update(text)
        error.set_class(bool(text), "-shown")
        if text:
            self.call_after_refresh(error.scroll_visible, animate=False)

    def action_next_speaker(self) -> None:
        turn_input = self.query_one("#turn-input", Input)
        elapsed = self.context.elapsed()
        self._update(lambda state: state.speak(turn_input.value, elapsed) if state.current_speaker else None)
        turn_input.value = ""

    def action_pass_turn(self) -> None:
        elapsed = self.context.elapsed()
        self._update(lambda state: state.pass_turn(elapsed) if state.current_speaker else None)
        self.query_one("#turn-input", Input).value = ""

    def action_undo(self) -> None:
        self._update(lambda state: state.undo())

    def action_toggle_order(self) -> None:
        capture = self.capture()
        if capture.beurten:
            self.app.notify("De volgorde ligt vast zodra de eerste beurt is geweest.", timeout=3)
            return
        base = rondje.speakers_for(self.context.participants, self.context.roles, self.inhoud.zonder_rol)
        capture.volgorde = "vast" if capture.volgorde == "geschud" else "geschud"
        capture.sprekers = rondje.ordered(base, capture.volgorde, self.context.rng)
        self.store(capture)
        self.refresh_round()

    def is_kept(self, field_id: str, text: str) -> bool:
        if field_id == "per-person":  # kept as seconds: '1:15' is 75
            try:
                return rondje.parse_limit(text) == self.capture().per_persoon
            except ValueError:
                return False
        return super().is_kept(field_id, text)

    def open_work(self) -> list[str]:
        state = self.round()
        if state.current_speaker is None:
            return super().open_work()
        if state.repeat:
            return ["het rondje loopt nog (nog niet iedereen heeft gepast)", *super().open_work()]
        waiting = state.speakers[len(state.turns) % len(state.speakers):]
        return [f"het rondje is nog niet rond ({', '.join(waiting)} nog niet aan de beurt geweest)",
                *super().open_work()]

    def focus_capture(self) -> None:
        turn_input = self.query_one("#turn-input", Input)
        if not turn_input.disabled:
            turn_input.focus()
        else:  # the round is complete: keep the keyboard in the view, so its keys (ctrl+z) still work
            self.query_one("#turns", VerticalScroll).focus()


def limit_text(seconds: int | None) -> str:
    return rondje.clock(seconds) if seconds else ""
