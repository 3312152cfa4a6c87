from __future__ import annotations

from typing import cast

from rich.columns import Columns
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from samenslim.domain.soorten import cirkels
from samenslim.werkvormen import StepView
from samenslim.widgets.option_list import SafeOptionList

RELATION_MARK = {"sterk": "━", "zwak": "┄", "moet sterker": "⇢"}


def rings_drawing(items: list[cirkels.Item], rings: list[str]) -> Group:
    """Concentric rings as nested panels: the inner ring innermost, each ring listing its items."""
    grouped = cirkels.by_ring(items, rings)
    inner = None
    for ring in rings:  # inner first, so each outer ring wraps the ones before it
        lines = Text("\n".join(_line(item) for item in grouped[ring]) or "·", style="" if grouped[ring] else "dim")
        body = lines if inner is None else Group(lines, inner)
        inner = Panel(body, title=ring, title_align="left", border_style="cyan", padding=(0, 1))
    parts: list[RenderableType] = [inner] if inner is not None else []  # content has at least one ring
    if cirkels.NIET_GEPLAATST in grouped:
        parts.append(Text(f"{cirkels.NIET_GEPLAATST}: " + "; ".join(i.tekst for i in grouped[cirkels.NIET_GEPLAATST]),
                          style="italic"))
    return Group(*parts)


def _line(item: cirkels.Item) -> str:
    mark = f" {RELATION_MARK.get(item.relatie, '')} {item.relatie}" if item.relatie else ""
    return f"• {item.tekst}{mark}" + (f" — {item.belang}" if item.belang else "")


def comparison(items: list[cirkels.Item], rings: list[str]) -> RenderableType:
    """Everyone's circles next to each other (as many columns as fit), each titled with its owner."""
    panels = [Panel(rings_drawing(own, rings), title=person or "Samen", title_align="left", border_style="magenta")
              for person, own in cirkels.by_person(items).items()]
    return Columns(panels, equal=True, expand=True) if panels else Text("Nog geen cirkels om te vergelijken.", style="dim")


class CirkelsView(StepView[cirkels.CirkelsInhoud, cirkels.Capture]):
    """Add items, then place them: in the list, 1-6 puts the highlighted item on a ring, 0 takes it off,
    r changes the relation, and the field below holds its interest. Per participant (a step with
    per_deelnemer), ctrl+o moves to the next person's circle; the list and drawing show only theirs.
    A step with vergelijken shows everyone's circles side by side and takes no input."""

    kind = cirkels.KIND
    BINDINGS = [
        Binding("ctrl+r", "next_ring", "Ring ▸", tooltip="Nieuwe items in de volgende ring"),
        Binding("ctrl+z", "remove_last", "Laatste weg", show=False),
        Binding("ctrl+o", "next_person", "Persoon ▸", tooltip="De cirkel van de volgende deelnemer"),
    ]
    DEFAULT_CSS = """
    CirkelsView #items { width: 1fr; height: auto; max-height: 12; }
    CirkelsView #drawing { width: 1fr; height: auto; }
    CirkelsView #target { color: $accent; }
    """

    def __init__(self, step, context) -> None:
        super().__init__(step, context)
        self.rings: list[str] = list(self.inhoud.ringen)
        self.target = self.inhoud.nieuw_in
        self.comparing = bool(self.inhoud.vergelijken)
        people = self.people()
        self.person = people[0] if people else ""

    def people(self) -> list[str]:
        """Whose circles: the participants when the step asks per person (not alone)."""
        if not self.inhoud.per_deelnemer or self.context.solo:
            return []
        return list(self.context.participants)

    def own(self, items: list[cirkels.Item]) -> list[tuple[int, cirkels.Item]]:
        """(index in the capture, item) of the circle being filled: this person's, or all."""
        return [(i, item) for i, item in enumerate(items) if not self.person or item.van == self.person]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_person":
            return len(self.people()) > 1 and not self.comparing
        if action in ("next_ring", "remove_last"):
            return not self.comparing
        return super().check_action(action, parameters)

    def compose(self) -> ComposeResult:
        if self.comparing:
            yield Static("", id="compare")
            return
        if self.person:
            yield Static("", id="person")
        yield Static("", id="target")
        yield Input(placeholder="nieuw item, Enter voegt toe", id="item", compact=True)
        rings = f"1-{len(self.rings)} = op ring" if len(self.rings) > 1 else "1 = op de ring"
        extra = (", r = relatie" if self.inhoud.relatie else "")
        yield Static(f"In de lijst: {rings}, 0 = eraf{extra}, Del = weg", classes="hint")
        if self.inhoud.belang:
            yield Input(placeholder="belang van het gemarkeerde item", id="belang", compact=True)
        with Vertical(id="circles-body"):  # side by side on a wide runner: RunnerScreen.DEFAULT_CSS
            yield SafeOptionList(id="items")
            yield Static(id="drawing")

    def on_mount(self) -> None:
        capture = self.capture()
        earlier = self.context.previous(self.kind.SOORT)
        if not capture.items and self.inhoud.overnemen and earlier is not None:
            capture.items = cirkels.Capture.model_validate(earlier.vastgelegd).items
            self.store(capture)
        self.refresh_items()

    def highlighted_index(self) -> int | None:
        """The capture index of the highlighted item (the list shows one person's items only)."""
        options = self.query_one("#items", OptionList)
        if options.highlighted is None:
            return None
        return int(cast(str, options.get_option_at_index(options.highlighted).id))

    def refresh_items(self, highlight: int | None = None) -> None:
        if self.comparing:
            self.query_one("#compare", Static).update(comparison(self.capture().items, self.rings))
            return
        items = self.own(self.capture().items)
        if self.person:
            self.query_one("#person", Static).update(Text.assemble(("Cirkel van: ", "bold"), self.person))
        options = self.query_one("#items", OptionList)
        keep = options.highlighted if highlight is None else highlight
        options.clear_options()
        # Text, not a markup string: "[Invloed]" would be read as a style tag and vanish.
        options.add_options([Option(Text(f"[{item.ring or '–'}] {cirkels.describe(item)}"), id=str(i))
                             for i, item in items])
        if items:
            options.highlighted = min(keep or 0, len(items) - 1)
        self.query_one("#drawing", Static).update(rings_drawing([item for _, item in items], self.rings))
        where = self.target or cirkels.NIET_GEPLAATST
        self.query_one("#target", Static).update(f"Nieuwe items komen in: {where}"
                                                 + ("  (ctrl+r wisselt)" if self.rings else ""))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id != "item" or not event.value.strip():
            return
        capture = self.capture()
        capture.items.append(cirkels.Item(tekst=event.value.strip(), ring=self.target, van=self.person))
        self.store(capture)
        event.input.value = ""
        self.refresh_items(highlight=len(self.own(capture.items)) - 1)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        index = self.highlighted_index()
        if event.input.id != "belang" or index is None:
            return
        capture = self.capture()
        if capture.items[index].belang != event.value:
            capture.items[index].belang = event.value
            self.store(capture)
            self.query_one("#drawing", Static).update(rings_drawing([item for _, item in self.own(capture.items)],
                                                                    self.rings))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self.inhoud.belang:
            item = self.capture().items[int(cast(str, event.option.id))]  # options are made with their index as id
            belang = self.query_one("#belang", Input)
            with belang.prevent(Input.Changed):
                belang.value = item.belang

    def on_key(self, event) -> None:
        if self.comparing:
            return
        options = self.query_one("#items", OptionList)
        if self.app.focused is not options or options.highlighted is None:
            return
        row, index, capture = options.highlighted, self.highlighted_index(), self.capture()
        assert index is not None
        if event.character and event.character.isdigit() and int(event.character) <= len(self.rings):
            number = int(event.character)
            capture.items[index].ring = self.rings[number - 1] if number else ""
        elif event.character == "r" and self.inhoud.relatie:
            capture.items[index].relatie = cirkels.next_relation(capture.items[index].relatie)
        elif event.key == "delete":
            capture.items.pop(index)
        else:
            return
        event.stop()
        self.store(capture)
        self.refresh_items(highlight=row)

    def action_next_ring(self) -> None:
        choices = [""] + self.rings
        self.target = choices[(choices.index(self.target) + 1) % len(choices)] if self.target in choices else ""
        self.refresh_items()

    def action_remove_last(self) -> None:
        if self.person:  # this person's last item, not someone else's
            capture = self.capture()
            own = self.own(capture.items)
            if own:
                capture.items.pop(own[-1][0])
                self.store(capture)
                self.refresh_items()
        elif self.pop_last("items"):
            self.refresh_items()

    def action_next_person(self) -> None:
        people = self.people()
        if people:
            self.person = people[(people.index(self.person) + 1) % len(people)] if self.person in people else people[0]
            self.refresh_items(highlight=0)
            self.refresh_bindings()

    def focus_capture(self) -> None:
        if self.comparing:
            return
        if self.capture().items and not self.target and not self.inhoud.nieuw_in \
                and self.inhoud.overnemen:
            self.query_one("#items", OptionList).focus()  # a sorting step: the list is where the work is
        else:
            self.query_one("#item", Input).focus()
