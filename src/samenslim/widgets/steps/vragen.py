from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static, TextArea

from samenslim.werkvormen import vragen
from samenslim.widgets.steps import StepView


class VragenView(StepView[vragen.Capture]):
    kind = vragen
    DEFAULT_CSS = """
    VragenView TextArea { height: auto; min-height: 5; max-height: 16; }
    """

    def compose(self) -> ComposeResult:
        yield Static("Wat denk je? (voor jezelf)" if self.context.solo else "Wat zegt de groep?",
                     classes="capture-label")
        yield TextArea(self.capture().notities, id="notities", soft_wrap=True, show_line_numbers=False)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        capture = self.capture()
        capture.notities = event.text_area.text
        self.store(capture)

    def focus_capture(self) -> None:
        notes = self.query_one(TextArea)
        notes.move_cursor(notes.document.end)  # go on writing where the notes stopped
        notes.focus()
