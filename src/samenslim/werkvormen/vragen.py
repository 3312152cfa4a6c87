from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static, TextArea

from samenslim.domain.soorten import vragen
from samenslim.werkvormen import StepView


class VragenView(StepView[vragen.VragenInhoud, vragen.Capture]):
    kind = vragen.KIND
    DEFAULT_CSS = """
    VragenView TextArea { height: auto; min-height: 5; max-height: 16; }
    VragenView TextArea.per-person { min-height: 3; max-height: 10; }
    """

    def people(self) -> list[str]:
        """Whose notes get a notepad of their own: the participants, if the step asks per person."""
        if not self.inhoud.per_deelnemer or self.context.solo:
            return []
        return list(self.context.participants)

    def compose(self) -> ComposeResult:
        capture = self.capture()
        people = self.people()
        for index, name in enumerate(people):
            yield Static(name, classes="capture-label")
            yield TextArea(capture.per_deelnemer.get(name, ""), id=f"persoon-{index}", classes="per-person",
                           soft_wrap=True, show_line_numbers=False)
        if self.context.solo:
            label = "Wat denk je? (voor jezelf)"
        else:
            label = "Wat zegt de groep verder?" if people else "Wat zegt de groep?"
        yield Static(label, classes="capture-label")
        yield TextArea(capture.notities, id="notities", soft_wrap=True, show_line_numbers=False)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        capture = self.capture()
        area = event.text_area
        if area.id and area.id.startswith("persoon-"):
            name = self.people()[int(area.id.removeprefix("persoon-"))]
            if area.text.strip():
                capture.per_deelnemer[name] = area.text
            else:
                capture.per_deelnemer.pop(name, None)
        else:
            capture.notities = area.text
        self.store(capture)

    def focus_capture(self) -> None:
        notes = self.query(TextArea).first()
        notes.move_cursor(notes.document.end)  # go on writing where the notes stopped
        notes.focus()
