from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from samenslim.domain.soorten import tweegesprek
from samenslim.domain.timer import format_clock
from samenslim.werkvormen import StepView


class TweegesprekView(StepView[tweegesprek.TweegesprekInhoud, tweegesprek.Capture]):
    """The pairs, who tells in the current half (derived from the step's timer), and one field per
    person for what their partner heard."""

    kind = tweegesprek.KIND
    BINDINGS = [
        Binding("ctrl+r", "swap", "Wissel", tooltip="De volgende helft: de rollen ruilen"),
        Binding("ctrl+o", "shuffle", "Andere paren", tooltip="De tweetallen opnieuw indelen"),
        Binding("ctrl+y", "threes", "2/3", tooltip="Wisselen tussen tweetallen en echte drietallen"),
    ]
    DEFAULT_CSS = """
    TweegesprekView #pairs { color: $text-muted; }
    TweegesprekView #half { text-style: bold; color: $accent; margin-top: 1; }
    TweegesprekView .story-row { height: auto; }
    TweegesprekView .story-row Label { width: 16; }
    TweegesprekView .story-row Input { width: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="pairs")
        yield Static("", id="half")
        yield Static("Wat vertelde ieder? (de luisteraar vat samen)", classes="capture-label")
        with Vertical(id="stories"):
            stories = self.capture().verhalen
            for index, name in enumerate(self.people):
                yield Horizontal(Label(name), Input(stories.get(name, ""), id=f"story-{index}",
                                                    placeholder="kern van het verhaal", compact=True),
                                 classes="story-row")

    @property
    def people(self) -> list[str]:
        return self.context.people()

    def on_mount(self) -> None:
        capture = self.capture()
        if not capture.paren:
            earlier = self.context.previous(self.kind.SOORT)
            before = tweegesprek.Capture.model_validate(earlier.vastgelegd) if earlier else None
            kept = before.paren if before else []
            if self.inhoud.gelijk_houden and before and kept:
                capture.paren, capture.drietallen = kept, before.drietallen
            else:
                capture.paren = tweegesprek.make_pairs(self.people, size=self.group_size(capture))
            self.store(capture)
        self.show_pairs()

    def tick(self) -> None:
        self.show_half()

    def show_pairs(self) -> None:
        pairs = self.capture().paren
        if len(self.people) < 2:  # nobody to pair with
            text = "Alleen: beantwoord de vragen voor jezelf."
        else:
            word = "Drietallen" if self.group_size(self.capture()) == 3 else "Tweetallen"
            text = f"{word}: " + " · ".join(" & ".join(group) for group in pairs)
        self.query_one("#pairs", Static).update(text)
        self.show_half()

    def show_half(self) -> None:
        text = self.speaker_line() or ""
        half = self.query_one("#half", Static)
        if str(half.render()) != text:
            half.update(text)

    def speaker_line(self) -> str | None:
        capture = self.capture()
        pairs = capture.paren
        count = tweegesprek.halves(pairs, self.inhoud.wisselen)
        half, left = tweegesprek.current_half(self.context.elapsed(), self.step.geplande_seconden, count,
                                              capture.helft)
        if len(self.people) < 2:
            return None
        who = " · ".join(f"{teller} vertelt, {' en '.join(listeners)} {'vraagt' if len(listeners) == 1 else 'vragen'}"
                         for teller, listeners in tweegesprek.tellers(pairs, half))
        if half < count - 1:
            timing = f" — wissel over {format_clock(left)}" if left is not None else " — ctrl+r: wisselen"
        else:
            timing = ""
        label = f"Helft {half + 1} van {count}: " if count > 1 else ""
        return f"{label}{who}{timing}"

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        name = self.people[int((event.input.id or "story-0").removeprefix("story-"))]
        capture = self.capture()
        capture.verhalen[name] = event.value
        self.store(capture)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()

    def action_swap(self) -> None:
        capture = self.capture()
        count = tweegesprek.halves(capture.paren, self.inhoud.wisselen)
        half, _ = tweegesprek.current_half(self.context.elapsed(), self.step.geplande_seconden, count, capture.helft)
        if half >= count - 1:
            self.app.notify("Iedereen heeft verteld; dit was de laatste helft.", timeout=3)
            return
        capture.helft = half + 1
        self.store(capture)
        self.show_half()

    def group_size(self, capture: tweegesprek.Capture) -> int:
        return 3 if tweegesprek.in_threes(self.inhoud, capture) else 2

    def action_shuffle(self) -> None:
        capture = self.capture()
        capture.paren = tweegesprek.make_pairs(self.people, self.context.rng, size=self.group_size(capture))
        self.store(capture)
        self.show_pairs()

    def action_threes(self) -> None:
        """Pairs or real threes (the book offers both); the people keep their order, the halves start again."""
        capture = self.capture()
        capture.drietallen = self.group_size(capture) == 2
        capture.paren = tweegesprek.make_pairs(self.people, size=self.group_size(capture))
        capture.helft = 0
        self.store(capture)
        self.show_pairs()

    def focus_capture(self) -> None:
        self.query_one("#story-0", Input).focus()
