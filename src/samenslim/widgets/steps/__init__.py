"""The running view of each step kind, one module per kind, found through the kind's VIEW name."""

from __future__ import annotations

import importlib
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static, TextArea

from samenslim.session import StapRun
from samenslim.werkvormen import KINDS

C = TypeVar("C", bound=BaseModel)  # the kind's Capture model


@dataclass
class StepContext:
    """What a step view may know about the session around it."""

    participants: list[str]
    roles: dict[str, str] = field(default_factory=dict)
    solo: bool = False
    rng: random.Random = field(default_factory=random.Random)
    earlier: list[StapRun] = field(default_factory=list)  # the steps before this one in the same werkvorm
    elapsed: Callable[[], float] = lambda: 0.0  # seconds the step's timer has run
    running: Callable[[], bool] = lambda: False  # whether the step's timer runs now

    def people(self) -> list[str]:
        """Who speaks in this step: the participants, or just 'Ik' when reflecting alone."""
        return ["Ik"] if self.solo or not self.participants else list(self.participants)

    def previous(self, soort: str) -> StapRun | None:
        return next((step for step in reversed(self.earlier) if step.soort == soort), None)


class StepView(Vertical, Generic[C]):
    """Base for the capture area of one step. Subclasses read and write `step.vastgelegd`
    through their kind's Capture model and call `store()` after every change."""

    DEFAULT_CSS = """
    StepView { height: auto; }
    StepView .hint { color: $text-muted; }
    StepView .capture-label { text-style: bold; margin-top: 1; }
    """

    class Changed(Message):
        """The step's capture changed; the runner saves the session."""

    kind: Any = None  # the step kind's domain module

    def __init__(self, step: StapRun, context: StepContext) -> None:
        super().__init__(classes="step-view")
        self.step = step
        self.context = context

    def capture(self) -> C:
        capture: C = self.kind.Capture.model_validate(self.step.vastgelegd)
        return capture

    def store(self, capture: BaseModel) -> None:
        self.step.vastgelegd = capture.model_dump(mode="json")
        self.post_message(self.Changed())

    def focus_capture(self) -> None:
        """Put the keyboard where the facilitator types; subclasses with inputs override."""

    def tick(self) -> None:
        """Called once a second while the step's timer runs (the runner's only ticker)."""

    def speaker_line(self) -> str | None:
        """Who has the floor now, for the presentation view; None when the kind has no turns."""
        return None

    def pop_last(self, field: str) -> bool:
        """Undo the last item added to a list in the capture (ctrl+z); False when it is empty."""
        capture = self.capture()
        items = getattr(capture, field)
        if not items:
            return False
        items.pop()
        self.store(capture)
        return True


class NotesMixin:
    """A free notepad beside a kind's own capture, stored as 'notities'."""

    if TYPE_CHECKING:  # provided by the StepView it is mixed into
        def capture(self) -> Any: ...
        def store(self, capture: BaseModel) -> None: ...

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        capture = self.capture()
        capture.notities = event.text_area.text
        self.store(capture)


class UnknownKindView(StepView[BaseModel]):
    """A step whose kind this version does not know (a newer file): shown, never changed."""

    def compose(self) -> ComposeResult:
        yield Static(f"Onbekende soort stap '{self.step.soort}'. Wat er is vastgelegd blijft bewaard:", classes="hint")
        yield Static(json.dumps(self.step.vastgelegd, ensure_ascii=False, indent=2), markup=False)


def view_for(step: StapRun, context: StepContext) -> StepView:
    kind = KINDS.get(step.soort)
    if kind is None:
        return UnknownKindView(step, context)
    module_name, class_name = kind.VIEW.split(":")
    view_class: type[StepView[Any]] = getattr(importlib.import_module(module_name), class_name)
    return view_class(step, context)
