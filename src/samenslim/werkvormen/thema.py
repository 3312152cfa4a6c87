from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Static, TextArea

from samenslim.domain.soorten import thema
from samenslim.werkvormen import NotesMixin, StepView


class ThemaView(NotesMixin, StepView[thema.ThemaInhoud, thema.Capture]):
    """Notes while the group searches, and the theme they settle on."""

    kind = thema.KIND
    DEFAULT_CSS = """
    ThemaView TextArea { height: 6; }  /* fixed: an auto-height wrapped TextArea settles over several layouts */
    ThemaView #thema { margin-top: 0; }
    """

    def compose(self) -> ComposeResult:
        yield Static("Wat komt er naar boven?", classes="capture-label")
        yield TextArea(self.capture().notities, id="notities", soft_wrap=True)
        yield Static("Ons positieve thema (een uitspraak of een vraag):", classes="capture-label")
        yield Input(self.capture().thema, id="thema", placeholder="bijv. Hoe zorgen we samen dat elke jongere ...")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        capture = self.capture()
        capture.thema = event.value
        self.store(capture)
        theme = self.kind.thema(self.inhoud, capture)
        if theme is not None:
            self.post_message(self.ThemeChanged(theme))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()

    def focus_capture(self) -> None:
        notes = self.query_one(TextArea)
        notes.move_cursor(notes.document.end)
        notes.focus()
