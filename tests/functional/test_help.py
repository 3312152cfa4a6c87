"""Help (F1, ?), the palette in Dutch, and keys named the same way in footer and texts.

Every screen of tests/functional/test_footer_keys.py's scenarios is built, F1 pressed, and the help screen
must name the screen and every key its footer shows; Esc brings the same screen back. The palette
(ctrl+p) must offer that screen's actions in Dutch, and running one must do what its key does.
"""

from __future__ import annotations

import html
import random
import re
from pathlib import Path

import pytest
from textual.command import CommandInput, CommandList
from textual.widgets import Footer, Input

from samenslim.app import SamenslimApp
from samenslim.domain.locations import Locations
from samenslim.keys import key_label
from samenslim.screens.help import HelpScreen
from tests.conftest import choose_werkvorm, fill_setup, settled, wait_for
from tests.functional.test_footer_keys import SCENARIOS, footer_keys, settle, to_runner

# What Textual says in English where samenslim has its own Dutch (or nothing).
ENGLISH = ["Search for commands", "Search for themes", "No matches found", "Change the current theme",
           "Quit the application", "Show help for the focused widget", "Save an SVG", "Maximize", "Minimize",
           "Screenshot", "Keys", "Theme", "Quit", "palette", "Press ", "Do you want to quit", "Exit the command"]


def screen_text(app) -> str:
    """What the terminal shows, as lines of text (read from the SVG screenshot)."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for x, y, text in re.findall(r'<text class="terminal-[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>',
                                 app.export_screenshot()):
        rows.setdefault(float(y), []).append((float(x), html.unescape(text).replace("\xa0", " ")))
    return "\n".join("".join(text for _, text in sorted(row)) for _, row in sorted(rows.items()))


def assert_dutch(text: str, where: str) -> None:
    found = [phrase for phrase in ENGLISH if re.search(rf"(?<![\w-]){re.escape(phrase)}", text)]
    assert not found, f"{where}: English on screen: {found}\n{text}"


async def until(pilot, condition) -> None:
    import inspect

    await wait_for(pilot, condition, inspect.getsource(condition).strip())


def new_app(data_dir: Path, clock, offer_resume: bool = False) -> SamenslimApp:
    return SamenslimApp(Locations(data_dir), clock=clock, wallclock=clock.wall, rng=random.Random(7),
                        offer_resume=offer_resume)


@pytest.mark.parametrize("name", list(SCENARIOS))
async def test_f1_explains_every_screen_with_the_keys_its_footer_shows(name: str, clock, tmp_path: Path) -> None:
    scenario = SCENARIOS[name]
    data_dir = tmp_path / "data"
    if scenario.prepare is not None:
        scenario.prepare(data_dir)
    app = new_app(data_dir, clock, scenario.offer_resume)
    async with app.run_test(size=(110, 36)) as pilot:
        await scenario.build(pilot)
        await settle(pilot)
        screen, focused = app.screen, app.focused
        keys = footer_keys(app)
        assert_dutch(screen_text(app), f"{name}: the screen")
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen), f"{name}: F1 opened {type(app.screen).__name__}"
        hulp = app.screen.hulp
        shown = screen_text(app)
        assert hulp.titel and hulp.titel != "Een scherm van samenslim", f"{name}: {type(screen).__name__} has no HULP"
        assert hulp.titel in shown
        assert_dutch(shown, f"{name}: help")
        listed = hulp.as_text()
        for key, _description in keys:
            if key == app.COMMAND_PALETTE_BINDING:
                assert "ctrl+p" in listed
                continue
            line = next((line for line in listed.splitlines() if key_label(key) in line.split("  ")[0].split(" / ")),
                        None)
            assert line is not None, f"{name}: the footer shows {key} but the help does not:\n{listed}"
        assert "F1" in listed, "the help names its own key"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and app.focused is focused, f"{name}: Esc did not bring the screen back as it was"


async def test_the_help_of_a_running_step_explains_the_step_and_gives_the_werkvorms_tips(make_app, data_dir) -> None:
    own = data_dir / "werkvormen"
    own.mkdir(parents=True)
    (own / "eigen-ronde.toml").write_text('''id = "eigen-ronde"
titel = "Eigen ronde"
hoofdstuk = "Richting bepalen"
doel = "Iedereen zegt iets over de week."
tips = ["Begin zelf, dan weet de groep hoe kort het mag.", "Wie wil, mag passen."]

[[stappen]]
titel = "Een woord over je week"
soort = "rondje"
uitleg = "Om de beurt, kort."
minuten = 5
''', encoding="utf-8")
    app = make_app(offer_resume=False)
    async with app.run_test(size=(110, 36)) as pilot:
        await settled(pilot)
        await choose_werkvorm(pilot, "eigen-ronde")
        await fill_setup(pilot, participants="Anna; Bram")
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = app.screen.hulp.as_text()
        shown = screen_text(app)
    for expected in ("Bij deze stap", "Eigen ronde, stap 1 van 1: Een woord over je week",
                     "Doel: Iedereen zegt iets over de week.", "Om de beurt, kort.", "Geplande tijd: 5 min.",
                     "Tips voor de begeleider", "• Begin zelf, dan weet de groep hoe kort het mag."):
        assert expected in text
    assert "Tips voor de begeleider" in shown and "Begin zelf" in shown


async def test_question_mark_opens_help_except_where_it_is_typed_text(make_app) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(110, 36)) as pilot:
        await settled(pilot)
        assert isinstance(app.focused, Input)
        await pilot.press("question_mark")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen), "? typed into the filter is a question mark"
        assert app.screen.query_one("#filter", Input).value == "?"
        await pilot.press("backspace")
        await to_runner(pilot, "check-in")  # the first step: a deck, the list of questions has the focus
        assert not isinstance(app.focused, Input)
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.press("f1")  # F1 again closes it
        await until(pilot, lambda: not isinstance(app.screen, HelpScreen))


async def palette_commands(pilot) -> list[str]:
    await pilot.press("ctrl+p")
    app = pilot.app
    await until(pilot, lambda: app.screen.query(CommandList) and app.screen.query_one(CommandList).option_count > 5)
    await pilot.pause()
    options = app.screen.query_one(CommandList).options
    return [str(option.prompt.plain if hasattr(option.prompt, "plain") else option.prompt) for option in options]


async def test_the_palette_offers_the_runners_actions_in_dutch_and_runs_them(make_app) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(110, 36)) as pilot:
        await to_runner(pilot, "check-in")
        runner = app.screen
        listed = "\n".join(await palette_commands(pilot))
        assert app.screen.query_one(CommandInput).placeholder == "Zoek een opdracht of werkvorm…"
        for wanted in ("Beamer", "Timer", "Volgende stap", "Spiekbriefjes", "Hulp", "Kleuren kiezen (thema)",
                       "Werkvorm: Historielijn", "Trek kaart"):
            assert wanted in listed, f"{wanted!r} is not in the palette:\n{listed}"
        assert_dutch(listed, "palette")
        assert_dutch(screen_text(app), "palette on screen")
        await pilot.press(*"beamer")
        await until(pilot, lambda: "Beamer" in str(app.screen.query_one(CommandList).get_option_at_index(0).prompt))
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is runner and runner.presenting)
        await pilot.press("f5")
        await pilot.pause()
        assert not runner.presenting
        # The next step, from the palette: the same as ctrl+n.
        await pilot.press("ctrl+p")
        await until(pilot, lambda: app.screen.query(CommandInput))
        await pilot.press(*"volgende stap")
        await until(pilot, lambda: "Volgende stap" in str(app.screen.query_one(CommandList).get_option_at_index(0).prompt))
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is runner and runner.session.positie.stap == 1)
        # Nothing found, in Dutch.
        await pilot.press("ctrl+p")
        await until(pilot, lambda: app.screen.query(CommandInput))
        await pilot.press(*"xyzzyq")
        await until(pilot, lambda: "Niets gevonden" in screen_text(app))
        await pilot.press("escape")


async def test_the_palette_opens_help_and_the_theme_choice_in_dutch(make_app) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(110, 36)) as pilot:
        await settled(pilot)
        listed = "\n".join(await palette_commands(pilot))
        for wanted in ("Eerdere sessies", "Vastgelopen?", "Hulp", "Stop", "Kleuren kiezen (thema)"):
            assert wanted in listed, f"{wanted!r} is not in the palette:\n{listed}"
        await pilot.press(*"kleuren")
        await until(pilot, lambda: "Kleuren" in str(app.screen.query_one(CommandList).get_option_at_index(0).prompt))
        await pilot.press("enter")
        await until(pilot, lambda: app.screen.query(CommandInput)
                       and app.screen.query_one(CommandInput).placeholder == "Zoek een kleurenschema…")
        await pilot.press("escape")
        await until(pilot, lambda: not app.screen.query(CommandInput))
        await pilot.press("ctrl+p")
        await until(pilot, lambda: app.screen.query(CommandInput))
        await pilot.press(*"hulp")
        await until(pilot, lambda: "Hulp" in str(app.screen.query_one(CommandList).get_option_at_index(0).prompt))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert app.screen.hulp.titel == "Bibliotheek"


async def test_the_footer_names_keys_as_the_texts_do(make_app) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(200, 36)) as pilot:
        await to_runner(pilot, "check-in", step=1)
        footer = screen_text(app).splitlines()[-1]
        for shown in ("ctrl+t", "ctrl+n", "F5", "ctrl+s", "Esc", "F1"):
            assert shown in footer, f"{shown} not in the footer: {footer}"
        assert "^" not in footer and "f5" not in footer and "esc " not in footer
        assert app.screen.query_one(Footer)


def test_key_label() -> None:
    assert [key_label(key) for key in ("ctrl+n", "f5", "escape", "enter", "alt+up", "delete", "question_mark")] == [
        "ctrl+n", "F5", "Esc", "Enter", "alt+↑", "Del", "?"]


SOURCE = Path(__file__).resolve().parents[2] / "src" / "samenslim"


def user_strings(path: Path):
    """(line, text) of every string constant in a module that is not a docstring."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def test_texts_name_keys_the_way_the_footer_does() -> None:
    """No text writes ^n, Ctrl+N, CTRL-N, f5 or esc: the footer (keys.key_label) says ctrl+n, F5, Esc."""
    wrong = re.compile(r"\^[a-z]\b|\bCtrl[+-]|\bCTRL\b|\bctrl-[a-z]\b|(?<![\w.])f\d{1,2}\b|\bESC\b|\besc\b")
    found = [f"{path.relative_to(SOURCE)}:{line}: {text}" for path in sorted(SOURCE.rglob("*.py"))
             for line, text in user_strings(path) if " " in text.strip() and wrong.search(text)]
    assert not found, "\n".join(found)


async def test_ctrl_c_says_in_dutch_how_to_stop(make_app) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(110, 36)) as pilot:
        await settled(pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
        messages = [(note.title, note.message) for note in app._notifications]
    assert ("Wil je stoppen?", "Stoppen doe je met [b]ctrl+q[/b]; alles is dan bewaard.") in messages


async def test_setup_keys_in_the_help_follow_the_focus(make_app) -> None:
    """The agenda list's own keys (Weg uit agenda, Eerder/Later) show in the help while it has the focus."""
    app = make_app(offer_resume=False)
    async with app.run_test(size=(110, 36)) as pilot:
        await settled(pilot)
        await choose_werkvorm(pilot, "check-in")
        app.screen.query_one("#agenda").focus()
        await pilot.pause()
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = app.screen.hulp.as_text()
        assert "Del  Weg uit agenda" in text and "ctrl+n  Starten" in text
        await pilot.press("escape")
        await pilot.pause()
        await fill_setup(pilot, participants="Anna; Bram")
        assert type(app.screen).__name__ == "RunnerScreen"


async def test_help_during_a_shipped_werkvorm_shows_its_tips(make_app) -> None:
    """The shipped werkvormen whose book gives the begeleider a tip carry it to F1."""
    app = make_app(offer_resume=False)
    async with app.run_test(size=(110, 36)) as pilot:
        await settled(pilot)
        await choose_werkvorm(pilot, "stakeholdermap")
        await fill_setup(pilot, participants="Anna; Bram")
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = app.screen.hulp.as_text()
    assert "Tips voor de begeleider" in text and "ga het bij die partij zelf na" in text, text
