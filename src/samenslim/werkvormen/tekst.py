from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from samenslim.domain.soorten import tekst
from samenslim.werkvormen import StepView


class TekstView(StepView[tekst.TekstInhoud, tekst.Capture]):
    kind = tekst.KIND

    def compose(self) -> ComposeResult:
        yield Static("Bij deze stap hoeft niets genoteerd te worden.", classes="hint")
