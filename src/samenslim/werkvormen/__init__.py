"""The running view of each step kind, one module per kind, found through the kind's VIEW name."""

from __future__ import annotations

import importlib
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from samenslim.domain.identifiers import PLACEHOLDERS, Finding, Kind, find_identifiers, kind_name, replace_identifiers
from samenslim.domain.session import StapRun
from samenslim.domain.soorten import kind_of
from samenslim.domain.soorten.base import Inhoud, Soort, Vastgelegd
from samenslim.keys import key_label

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
    StepView .identifier-warning { color: $warning; height: auto; }
    """
    # The AVG-wachter: shown (footer, help, palette) only while a field holds what looks like an
    # identifier. F4, not a ctrl key: the focused Input or TextArea takes most ctrl keys itself, and
    # a browser tab keeps ctrl+n/t/w (serve); F4 does nothing in a terminal or a browser tab.
    REPLACE_KEY = "f4"
    BINDINGS = [
        Binding(REPLACE_KEY, "replace_identifiers", "Vervang",
                tooltip="Wat op een BSN, telefoonnummer, e-mailadres, IBAN of geboortedatum lijkt vervangen "
                        "door een plaatshouder zoals [BSN verwijderd]"),
    ]

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
        self._warned: Input | TextArea | None = None  # the field that holds what looks like an identifier
        self._warning: Static | None = None  # the line under it that says so (mounted only while it does)

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
        self.watch_identifiers(event.input, event.value)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.keep_draft(event.text_area.id, event.text_area.text)
        self.watch_identifiers(event.text_area, event.text_area.text)

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

    # -- the AVG-wachter: identifiers caught while typing ----------------------------------------
    # Only on a change, only the changed field (the detector needs well under 1 ms for 10 kB). The
    # warning names the kind, never the value; nothing found is logged or kept anywhere.
    def watch_identifiers(self, field: Input | TextArea, text: str) -> None:
        findings = find_identifiers(text)
        if findings and field.is_attached and self.is_attached:
            self._show_warning(field, findings)
        elif field is self._warned:
            self._hide_warning()

    def _show_warning(self, field: Input | TextArea, findings: list[Finding]) -> None:
        text = identifier_warning(findings, key_label(self.REPLACE_KEY))
        anchor = _row_of(field, self)
        if self._warning is not None and self._warning.is_attached and self._warning.parent is anchor.parent \
                and self._warned is not None and _row_of(self._warned, self) is anchor:
            self._warning.update(text)
        else:
            if self._warning is not None:
                self._warning.remove()
            self._warning = Static(text, markup=False, classes="identifier-warning")
            if isinstance(anchor.parent, Widget) and anchor.parent.is_attached:
                anchor.parent.mount(self._warning, after=anchor)
        if self._warned is not field:
            self._warned = field
            self.refresh_bindings()

    def _hide_warning(self) -> None:
        if self._warning is not None:
            self._warning.remove()
        self._warning = None
        if self._warned is not None:
            self._warned = None
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "replace_identifiers":
            return self._warned is not None and self._warned.is_attached
        return True

    def action_replace_identifiers(self) -> None:
        """Replace every identifier in the warned field by its placeholder (the field tells the view)."""
        field = self._warned
        if field is None or not field.is_attached:
            self._hide_warning()
            return
        if isinstance(field, Input):
            replaced, _counts = replace_identifiers(field.value)
            field.value = replaced
            field.cursor_position = len(replaced)
        else:
            replaced, _counts = replace_identifiers(field.text)
            field.load_text(replaced)  # also forgets the edit history, which held the value
            field.move_cursor(field.document.end)
        self._hide_warning()

    def help_extra(self) -> list[tuple[str, list[str]]]:
        """For the help screen (F1) of the runner: what the AVG-wachter does while a note is typed."""
        return [("Privacy tijdens het typen", [
            "Lijkt wat je typt op een BSN, telefoonnummer, e-mailadres, IBAN of geboortedatum, dan staat "
            f"er een waarschuwing onder het veld. {key_label(self.REPLACE_KEY)} (Vervang) zet er dan een "
            "plaatshouder voor in de plaats, zoals [BSN verwijderd]. Typen kan gewoon door."])]

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


def identifier_warning(findings: list[Finding], key: str) -> str:
    """The quiet warning under a field, in Dutch: the kinds found (never the values) and the key.
    'Let op: dit lijkt een BSN. F4 vervangt het door [BSN verwijderd].'"""
    counts: dict[Kind, int] = {}
    for finding in findings:
        counts[finding.kind] = counts.get(finding.kind, 0) + 1
    named = [f"een {kind_name(kind)}" if count == 1 else f"{count} {kind_name(kind, count)}"
             for kind, count in counts.items()]
    what = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " en " + named[-1]
    placeholders = [PLACEHOLDERS[kind] for kind in counts]
    into = placeholders[0] if len(placeholders) == 1 else ", ".join(placeholders[:-1]) + " en " + placeholders[-1]
    pronoun = "het" if len(findings) == 1 else "ze"
    return f"Let op: dit lijkt {what}. {key} vervangt {pronoun} door {into}."


def _row_of(field: Widget, view: Widget) -> Widget:
    """Where the warning goes after: the field, or the outermost row (Horizontal) it sits in within
    the view, so the line is as wide as the view and does not squeeze a row of inputs."""
    anchor = field
    node = field.parent
    while isinstance(node, Widget) and node is not view:
        if isinstance(node, Horizontal):
            anchor = node
        node = node.parent
    return anchor


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
        self._warned = None
        self._warning = None

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
