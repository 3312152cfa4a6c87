"""Hulp (F1, or ? where it is not typed text): what the current screen is for and its keys.

The keys are read from the screen's active bindings when F1 is pressed (the focused widget's, the
screen's and the app's, only the enabled ones), so the list cannot drift from what the keys do.
Only bindings declared by samenslim's own classes are listed: Textual's built-in ones (cursor keys
of an input, ...) carry English descriptions and are common knowledge. The screen's purpose is its
class attribute HULP (first line: the screen's name); a running step adds the werkvorm's goal, the
step's explanation and the werkvorm's `tips` for the begeleider.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import ActiveBinding, Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from samenslim.keys import key_label

if TYPE_CHECKING:
    from samenslim.app import SamenslimApp
    from samenslim.domain.content import Library
    from samenslim.domain.session import Sessie


@dataclass
class Hulp:
    titel: str
    uitleg: str
    toetsen: list[tuple[str, str]]  # (keys as shown, what they do)
    extra: list[tuple[str, list[str]]] = field(default_factory=list)  # (heading, paragraphs)

    def as_text(self) -> str:
        """Everything the help screen shows, as plain text (tests and the palette's search use it)."""
        lines = [self.titel, self.uitleg]
        for heading, paragraphs in self.extra:
            lines += [heading, *paragraphs]
        lines.append("Toetsen")
        lines += [f"{keys}  {what}" for keys, what in self.toetsen]
        return "\n".join(lines)


def _own_binding(node: object, binding: Binding) -> bool:
    """Whether samenslim itself declared this binding (on the node's class or one of its bases)."""
    for cls in type(node).__mro__:
        declared = cls.__dict__.get("BINDINGS")
        if not declared:
            continue
        for item in declared:
            if isinstance(item, Binding) and item.action == binding.action and \
                    binding.key in [key.strip() for key in item.key.split(",")]:
                return cls.__module__.startswith("samenslim")
    return False


def screen_keys(screen: Screen) -> list[tuple[str, str]]:
    """(keys, description) for every enabled binding of the screen, one line per action, in the
    order the footer shows them; keys of one action are joined ('Esc / Enter')."""
    by_action: dict[str, tuple[list[str], str]] = {}
    for key, active in _own_active_bindings(screen):
        node, binding = active.node, active.binding
        what = binding.tooltip or binding.description
        if binding.tooltip and binding.description.lower() not in binding.tooltip.lower():
            what = f"{binding.description}: {binding.tooltip}"
        shown = binding.key_display or key_label(key)
        keys, _ = by_action.setdefault(f"{id(node)}:{binding.action}", ([], what))
        if shown not in keys:
            keys.append(shown)
    return [(" / ".join(keys), what) for keys, what in by_action.values()]


def _own_active_bindings(screen: Screen):
    active_bindings = screen.active_bindings
    for key, active in active_bindings.items():
        if active.enabled and active.binding.description and _own_binding(active.node, active.binding):
            yield key, active
    # A dialog (modal screen) leaves the app's bindings out of its active ones, but the app's
    # priority bindings (F1, ctrl+q, ctrl+p) still work there.
    app = screen.app
    for binding in getattr(type(app), "BINDINGS", []):
        if isinstance(binding, Binding) and binding.priority and binding.description:
            for key in (part.strip() for part in binding.key.split(",")):
                if key not in active_bindings:
                    yield key, ActiveBinding(app, binding, True, binding.tooltip)


def screen_commands(screen: Screen) -> list[tuple[str, str, Callable[[], Awaitable[object]]]]:
    """(title, help, run) per action of the screen, for the palette: the same bindings the help
    screen lists, named in Dutch by their footer label and tooltip ('Beamer · Presentatie')."""
    commands: dict[str, tuple[str, str, Callable[[], Awaitable[object]]]] = {}
    keys_of: dict[str, list[str]] = {}
    for key, active in _own_active_bindings(screen):
        node, binding = active.node, active.binding
        if binding.action in ("command_palette", "app.command_palette"):
            continue
        name = f"{id(node)}:{binding.action}"
        keys_of.setdefault(name, []).append(binding.key_display or key_label(key))
        if name in commands:
            continue
        title = binding.description
        first = re.split(r"[:;(]", binding.tooltip or "")[0].strip()
        if first and title.lower() not in first.lower():
            title = f"{title} · {first}"
        elif first:
            title = first
        run = partial(screen.app.run_action, binding.action, node)
        commands[name] = (title, binding.tooltip or binding.description, run)
    return [(title, f"{' / '.join(keys_of[name])} · {help_text}", run)
            for name, (title, help_text, run) in commands.items()]


def help_for(screen: Screen) -> Hulp:
    text = getattr(screen, "HULP", "") or "Een scherm van samenslim."
    title, _, purpose = text.strip().partition("\n")
    extra: list[tuple[str, list[str]]] = []
    more = getattr(screen, "help_extra", None)
    if callable(more):
        extra = list(more())
    for widget in screen.query("*"):  # a widget may add its own section (a running step: the AVG-wachter)
        more = getattr(widget, "help_extra", None)
        if callable(more) and widget.display:
            extra += list(more())
    return Hulp(title.strip(), " ".join(purpose.split()), screen_keys(screen), extra)


class HelpScreen(ModalScreen[None]):
    HULP = """Hulp
    Wat het vorige scherm doet en welke toetsen het heeft."""
    BINDINGS = [Binding("escape,f1,enter", "dismiss(None)", "Sluiten")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen #dialog { width: 90%; max-width: 100; height: auto; max-height: 90%; }
    HelpScreen #help-scroll { height: auto; max-height: 100%; }
    """

    def __init__(self, hulp: Hulp) -> None:
        super().__init__()
        self.hulp = hulp

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(f"Hulp · {self.hulp.titel}  (Esc sluit)", classes="dialog-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(self.render_help(), id="help-text")

    def render_help(self) -> Text:
        text = Text()
        text.append(self.hulp.uitleg + "\n")
        for heading, paragraphs in self.hulp.extra:  # the running step first: that is what F1 is pressed for
            text.append(f"\n{heading}\n", style="bold")
            for paragraph in paragraphs:
                text.append(f"{paragraph}\n")
        text.append("\nToetsen\n", style="bold")
        width = max((len(keys) for keys, _ in self.hulp.toetsen), default=0)
        for keys, what in self.hulp.toetsen:
            text.append(f"  {keys:<{width}}", style="bold")
            text.append(f"  {what}\n")
        text.rstrip()
        return text


def tips_lines(items: Iterable[str]) -> list[str]:
    return [f"• {item}" for item in items]


def step_help(session: Sessie, library: Library) -> list[tuple[str, list[str]]]:
    """The runner's part of F1: the step's explanation and the werkvorm's tips for the begeleider."""
    run, step = session.current_werkvorm, session.current_step
    werkvorm = library.werkvormen.get(run.werkvorm_id)
    about = [f"{run.titel}, stap {session.positie.stap + 1} van {len(run.stappen)}: {step.titel}"]
    if werkvorm is not None and werkvorm.doel:
        about.append(f"Doel: {werkvorm.doel.strip()}")
    if step.uitleg.strip():
        about.append(" ".join(step.uitleg.split()))
    if step.geplande_seconden:
        about.append(f"Geplande tijd: {step.geplande_seconden / 60:g} min.")
    sections = [("Bij deze stap", about)]
    if werkvorm is not None and werkvorm.tips:
        sections.append(("Tips voor de begeleider", tips_lines(werkvorm.tips)))
    return sections


def palette_commands(app: SamenslimApp, screen: Screen) -> Iterator[SystemCommand]:
    """The palette (ctrl+p), in Dutch: the current screen's actions (from its bindings, so they
    are the keys the footer and the help screen show), the colour theme, and every werkvorm.
    Textual's own English commands (Theme, Quit, Keys, Screenshot, Maximize) are not offered:
    Stop, Hulp and the runner's Foto do their work."""
    from samenslim import messages

    titles = set()
    for title, help_text, run in screen_commands(screen):
        titles.add(title)
        yield SystemCommand(title, help_text, run)
    yield SystemCommand("Kleuren kiezen (thema)", "Een ander kleurenschema, zoals hoog contrast voor de beamer; "
                        "samenslim onthoudt je keuze", app.action_change_theme)
    if "Over samenslim" not in titles:  # the library offers it already, with its key
        from samenslim.screens.about import AboutScreen

        yield SystemCommand("Over samenslim", "Het werkboek, de makers en de bronnen",
                            lambda: app.push_screen(AboutScreen()))
    for werkvorm in app.services.library.werkvormen.values():
        yield SystemCommand(f"Werkvorm: {werkvorm.titel}", werkvorm.doel or werkvorm.hoofdstuk,
                            partial(app.post_message, messages.OpenSetup([werkvorm])))
