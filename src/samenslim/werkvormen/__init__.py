"""The running view of each step kind, one module per kind, found through the kind's VIEW name."""

from __future__ import annotations

import importlib
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static, TextArea

from samenslim.domain.session import StapRun
from samenslim.domain.soorten import kind_of
from samenslim.domain.soorten.base import Inhoud, Soort, Vastgelegd

N = TypeVar("N", bound=Inhoud)  # the kind's content model
C = TypeVar("C", bound=Vastgelegd)  # the kind's capture model


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


class StepView(Vertical, Generic[N, C]):
    """Base for the capture area of one step. The step's content and capture are parsed once, when
    the view is made (`self.inhoud`, `self.capture()`); subclasses change the capture object and call
    `store()` once per change, which writes it into `step.vastgelegd` and tells the runner."""

    DEFAULT_CSS = """
    StepView { height: auto; }
    StepView .hint { color: $text-muted; }
    StepView .capture-label { text-style: bold; margin-top: 1; }
    """

    class Changed(Message):
        """The step's capture changed; the runner saves the session."""

    class ThemeChanged(Message):
        """The step worded the session's theme (see Soort.thema); the runner fills it in."""

        def __init__(self, theme: str) -> None:
            super().__init__()
            self.theme = theme

    kind: Soort[N, C]  # the step kind (domain/soorten/<kind>.KIND)

    def __init__(self, step: StapRun, context: StepContext) -> None:
        super().__init__(classes="step-view")
        self.step = step
        self.context = context
        self.inhoud: N = self.kind.inhoud(step)
        self._capture: C = self.kind.capture(step)
        self._kept: set[str] | None = None  # the capture's texts, for is_kept (made when first asked)

    def capture(self) -> C:
        """The step's capture, parsed once: change it, then call store()."""
        return self._capture

    def store(self, capture: C | None = None) -> None:
        """Write the capture into the session (once per change) and tell the runner to save."""
        if capture is not None:
            self._capture = capture
        self.step.vastgelegd = self._capture.model_dump(mode="json")
        self._kept = None
        self.post_message(self.Changed())

    # -- drafts: what is typed but not confirmed ------------------------------------------------
    # Textual calls these after the subclass's own handlers (it walks the MRO), so the capture is
    # already up to date: text the kind stored itself is not kept twice.
    def on_input_changed(self, event: Input.Changed) -> None:
        self.keep_draft(event.input.id, event.value)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.keep_draft(event.text_area.id, event.text_area.text)

    def keep_draft(self, field_id: str | None, text: str) -> None:
        if field_id is None:
            return
        drafts = self.step.concepten
        draft = text if text.strip() and not self.is_kept(field_id, text) else ""
        if drafts.get(field_id, "") == draft:
            return
        if draft:
            drafts[field_id] = draft
        else:
            drafts.pop(field_id, None)
        self.post_message(self.Changed())

    def is_kept(self, field_id: str, text: str) -> bool:
        """Whether this text of this field is already in the capture (so it is no draft). A kind
        that stores a field in another form (seconds for '1:15') says so by overriding this."""
        if self._kept is None:
            self._kept = captured_texts(self.step.vastgelegd)
        return text.strip() in self._kept

    def on_mount(self) -> None:
        """Put back what was typed and not confirmed (after the subclass has filled its fields)."""
        drafts = self.step.concepten
        for line in self.query(Input):
            if line.id in drafts and not line.value:
                line.value = drafts[line.id]
        for area in self.query(TextArea):
            if area.id in drafts and not area.text:
                area.load_text(drafts[area.id])

    def open_work(self) -> list[str]:
        """What is still open in this step, in Dutch, asked about before the session is finished."""
        if self.step.concepten:
            count = len(self.step.concepten)
            return [f"{count} veld{'en' if count > 1 else ''} met getypte tekst die nog niet is bevestigd"]
        return []

    def focus_capture(self) -> None:
        """Put the keyboard where the facilitator types; subclasses with inputs override."""

    def tick(self) -> None:
        """Called once a second while the step's timer runs (the runner's only ticker)."""

    def speaker_line(self) -> str | None:
        """Who has the floor now, for the presentation view; None when the kind has no turns."""
        return None

    def next_speaker_line(self) -> str | None:
        """Who comes after the speaker, for the presentation view; None when nobody or no turns."""
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


def captured_texts(value: Any) -> set[str]:
    """Every text and number in a capture, as text (numbers also with a decimal comma)."""
    found: set[str] = set()
    if isinstance(value, str):
        found.add(value.strip())
    elif isinstance(value, bool) or value is None:
        pass
    elif isinstance(value, (int, float)):
        found |= {f"{value:g}", f"{value:g}".replace(".", ",")}
    elif isinstance(value, dict):
        for item in value.values():
            found |= captured_texts(item)
    elif isinstance(value, list):
        for item in value:
            found |= captured_texts(item)
    return found


class NotesMixin:
    """A free notepad beside a kind's own capture, stored as 'notities'."""

    if TYPE_CHECKING:  # provided by the StepView it is mixed into
        def capture(self) -> Any: ...
        def store(self, capture: Any = None) -> None: ...

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        capture = self.capture()
        capture.notities = event.text_area.text
        self.store(capture)


class UnknownKindView(StepView[Inhoud, Vastgelegd]):
    """A step whose kind this version does not know (a newer file): shown, never changed."""

    def __init__(self, step: StapRun, context: StepContext) -> None:
        Vertical.__init__(self, classes="step-view")
        self.step = step
        self.context = context
        self.inhoud = Inhoud()
        self._capture = Vastgelegd()
        self._kept = None

    def compose(self) -> ComposeResult:
        yield Static(f"Onbekende soort stap '{self.step.soort}'. Wat er is vastgelegd blijft bewaard:", classes="hint")
        yield Static(json.dumps(self.step.vastgelegd, ensure_ascii=False, indent=2), markup=False)


def view_for(step: StapRun, context: StepContext) -> StepView:
    kind = kind_of(step)
    if kind is None:
        return UnknownKindView(step, context)
    module_name, class_name = kind.VIEW.split(":")
    view_class: type[StepView[Any, Any]] = getattr(importlib.import_module(module_name), class_name)
    return view_class(step, context)
