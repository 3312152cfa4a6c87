"""Every key a footer offers does something when pressed.

For each screen of the app (the runner once per step kind, and the dialogs) the keys are read at
runtime from what Textual's Footer shows: the active bindings of the focused widget, the screen and
the app with `show=True`, enabled, plus the command palette key where the footer lists it. So a new
binding is pressed here without changing this file. After each key something must have changed:
the screen stack, the focus, what is drawn, a file in the data folder (the session JSON, a
screenshot, a report) or a notification. A key that changes nothing fails with its name.

Pressing a key can leave the state under test (ctrl+n moves to the next step, Esc closes the
screen): then the state is built again in a fresh app before the next key.
"""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Footer, Input, TextArea

from samenslim.domain.content import load_content
from samenslim.domain.locations import builtin_content_dir
from samenslim.domain.soorten import KINDS
from tests.conftest import choose_werkvorm, confirm, fill_setup, settled

NAMES = ["Anna", "Bram", "Chris", "Dewi"]
LIBRARY = load_content(builtin_content_dir(), None)


def first_step_of_each_kind() -> dict[str, tuple[str, int]]:
    """kind -> (werkvorm id, step index): the first werkvorm (by id) with a step of that kind."""
    found: dict[str, tuple[str, int]] = {}
    for werkvorm_id in sorted(LIBRARY.werkvormen):
        for index, step in enumerate(LIBRARY.werkvormen[werkvorm_id].stappen):
            found.setdefault(step.soort, (werkvorm_id, index))
    return found


KIND_STEPS = first_step_of_each_kind()
REPRESENTATIVE = "rondje"  # the runner's own keys are pressed in this kind's scenario; the others press the kind's keys


# -- building a state -------------------------------------------------------------------------------

async def to_runner(pilot, werkvorm_id: str, step: int = 0, group: str = "") -> None:
    await settled(pilot)
    await choose_werkvorm(pilot, werkvorm_id)
    roles = {role: NAMES[index] for index, role in enumerate(LIBRARY.werkvormen[werkvorm_id].rollen)}
    await fill_setup(pilot, participants="; ".join(NAMES), roles=roles, group=group)
    for _ in range(step):
        await pilot.press("ctrl+n")
        await pilot.pause()


async def library(pilot) -> None:
    await settled(pilot)


async def setup(pilot) -> None:
    await settled(pilot)
    await choose_werkvorm(pilot, "check-in")


async def setup_agenda(pilot) -> None:
    await setup(pilot)
    pilot.app.screen.query_one("#agenda").focus()
    await pilot.pause()


async def stuck(pilot) -> None:
    await settled(pilot)
    await pilot.press("ctrl+o")
    await pilot.pause()


async def problems(pilot) -> None:
    await settled(pilot)
    await pilot.press("ctrl+g")
    await pilot.pause()


async def about(pilot) -> None:
    await settled(pilot)
    await pilot.press("f2")
    await pilot.pause()


async def reference(pilot) -> None:
    await to_runner(pilot, "check-in")
    await pilot.press("ctrl+s")
    await pilot.pause()


async def summary(pilot) -> None:
    await to_runner(pilot, "check-in")
    await pilot.press("ctrl+n", "ctrl+n")
    await pilot.pause()
    await confirm(pilot, "nog niet rond")  # finishing with the round still open asks first


async def sessions(pilot) -> None:
    await settled(pilot)
    await pilot.press("ctrl+r")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def session_view(pilot) -> None:
    await sessions(pilot)
    await pilot.press("enter")  # the newest: Bijeenkomst 3 of Team Oost, not finished
    await pilot.pause()


async def export_dialog(pilot) -> None:
    await session_view(pilot)
    await pilot.press("ctrl+e")
    await pilot.pause()


async def group(pilot) -> None:
    await sessions(pilot)
    await pilot.press("ctrl+g")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def confirm_delete(pilot) -> None:
    await sessions(pilot)
    await pilot.press("delete")
    await pilot.pause()


async def open_actions(pilot) -> None:
    await settled(pilot)
    await choose_werkvorm(pilot, "check-in")
    screen = pilot.app.screen
    screen.query_one("#group", Input).focus()
    await pilot.press(*"Team Oost")
    await pilot.press("ctrl+n")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def resume(pilot) -> None:
    await settled(pilot)


def damaged_session(data_dir: Path) -> None:
    folder = data_dir / "sessies"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kapot.json").write_text("{ niet af", encoding="utf-8")


def team_sessions(data_dir: Path) -> None:
    """Three meetings of Team Oost with actions (not finished), a solo one and another group's."""
    from samenslim.domain.store import SessionStore
    from tests.functional.test_journey import make_team

    store = SessionStore(data_dir / "sessies")
    for session in make_team(LIBRARY):
        store.save(session)


def example_sessions(data_dir: Path) -> None:
    folder = data_dir / "sessies"
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted((Path(__file__).resolve().parents[2] / "sessions").glob("*.json")):
        shutil.copy(path, folder / path.name)
    team_sessions(data_dir)


# Keys known to do nothing, in files owned by others: (scenario, key) -> why. Such a key fails the
# test when it starts to work (then remove it here), and only it may be silent.
KNOWN_SILENT: dict[tuple[str, str], str] = {}


@dataclass
class Scenario:
    build: Callable[[object], Awaitable[None]]
    prepare: Callable[[Path], None] | None = None
    offer_resume: bool = False
    own_keys_only: bool = False  # only the keys of the step view (the runner's are pressed elsewhere)


def runner_scenario(kind: str) -> Scenario:
    werkvorm_id, step = KIND_STEPS[kind]

    async def build(pilot) -> None:
        await to_runner(pilot, werkvorm_id, step)
        assert pilot.app.screen.step.soort == kind

    return Scenario(build, own_keys_only=kind != REPRESENTATIVE)


def wachter_scenario() -> Scenario:
    """A round whose note holds a BSN: the AVG-wachter's warning shows, and with it its key (F4)."""
    werkvorm_id, step = KIND_STEPS["rondje"]

    async def build(pilot) -> None:
        await to_runner(pilot, werkvorm_id, step)
        pilot.app.screen.query_one("#turn-input", Input).focus()
        await pilot.press(*"BSN 123456782")
        await pilot.pause()
        assert pilot.app.screen.query(".identifier-warning")

    return Scenario(build, own_keys_only=True)


SCENARIOS: dict[str, Scenario] = {
    "library": Scenario(library, prepare=damaged_session, offer_resume=True),  # a damaged file: ctrl+g shows
    "setup": Scenario(setup),
    "setup-agenda": Scenario(setup_agenda),
    **{f"runner-{kind}": runner_scenario(kind) for kind in sorted(KIND_STEPS)},
    "runner-wachter": wachter_scenario(),
    "reference": Scenario(reference),
    "summary": Scenario(summary),
    "stuck": Scenario(stuck),
    "problems": Scenario(problems, prepare=damaged_session, offer_resume=True),
    "about": Scenario(about),
    "sessions": Scenario(sessions, prepare=example_sessions),
    "session-view": Scenario(session_view, prepare=example_sessions),
    "group": Scenario(group, prepare=example_sessions),
    "export": Scenario(export_dialog, prepare=example_sessions),
    "confirm-delete": Scenario(confirm_delete, prepare=example_sessions),
    "open-actions": Scenario(open_actions, prepare=team_sessions),
    "resume": Scenario(resume, prepare=team_sessions, offer_resume=True),
}


def test_every_step_kind_has_a_runner_scenario() -> None:
    assert set(KINDS) <= set(KIND_STEPS), set(KINDS) - set(KIND_STEPS)


# -- what the footer offers, and whether a key did anything ----------------------------------------

def footer_keys(app, own_keys_only: bool = False) -> list[tuple[str, str]]:
    """(key, description) of every enabled key the footer shows now, as Footer.compose decides:
    the screen's active bindings with show=True, and the palette key if the footer lists it."""
    from samenslim.screens.runner import RunnerScreen

    active = app.screen.active_bindings
    keys = []
    for key, (node, binding, enabled, _tooltip) in active.items():
        if not binding.show or not enabled or key == "ctrl+q":  # ctrl+q: test_ctrl_q_leaves_the_app
            continue
        if own_keys_only and isinstance(node, (RunnerScreen, App)):
            continue
        keys.append((key, binding.description or binding.action))
    footers = list(app.screen.query(Footer).results())
    palette = app.COMMAND_PALETTE_BINDING
    if (not own_keys_only and app.ENABLE_COMMAND_PALETTE and any(f.show_command_palette for f in footers)
            and palette in active and active[palette].enabled and palette not in dict(keys)):
        keys.append((palette, "palet"))
    return keys


def state_of(app) -> tuple:
    """What a scenario is: the screens, the step, beamer on or off."""
    screen = app.screen
    runner = next((s for s in app.screen_stack if hasattr(s, "session")), None)
    position = None
    if runner is not None and hasattr(runner, "presenting"):
        position = (runner.session.positie.werkvorm, runner.session.positie.stap, runner.presenting)
    return tuple(type(s).__name__ for s in app.screen_stack), id(screen), position


def files(data_dir: Path) -> frozenset:
    if not data_dir.exists():
        return frozenset()
    return frozenset((str(path.relative_to(data_dir)), path.stat().st_size, path.stat().st_mtime_ns)
                     for path in data_dir.rglob("*") if path.is_file() and not path.name.endswith(".lock"))


def snapshot(app, data_dir: Path, notes: list) -> dict:
    if app.services._autosaver is not None:
        assert app.services._autosaver.flush()
    for screen in app.screen_stack:  # a blinking cursor would look like a change
        for widget in screen.query("Input, TextArea").results():
            if isinstance(widget, (Input, TextArea)):
                widget.cursor_blink = False
    focused = app.focused
    return {
        "screens": state_of(app),
        "focus": (type(focused).__name__, focused.id, id(focused)) if focused is not None else None,
        "drawn": app.export_screenshot(),
        "files": files(data_dir),
        "notifications": len(notes),
        "theme": app.theme,
    }


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("name", list(SCENARIOS))
async def test_every_footer_key_does_something(name: str, clock, tmp_path: Path) -> None:
    import random

    from samenslim.app import SamenslimApp
    from samenslim.domain.locations import Locations

    scenario = SCENARIOS[name]
    pending: list[tuple[str, str]] | None = None
    silent: list[str] = []
    pressed: list[str] = []
    first_state = None
    for attempt in range(30):
        # Each build starts from its own data folder: what an earlier key saved (a session, the
        # verdicts on open actions) must not change the state under test.
        data_dir = tmp_path / f"data-{attempt}"
        if scenario.prepare is not None:
            scenario.prepare(data_dir)
        app = SamenslimApp(Locations(data_dir), clock=clock, wallclock=clock.wall, rng=random.Random(7),
                           offer_resume=scenario.offer_resume)
        notes: list = []
        notify = app.notify

        def counting(*args, _notify=notify, _notes=notes, **kwargs):
            _notes.append(args[0] if args else kwargs.get("message"))
            return _notify(*args, **kwargs)

        app.notify = counting
        async with app.run_test(size=(110, 36)) as pilot:
            await scenario.build(pilot)
            await settle(pilot)
            base = state_of(app)
            if pending is None:
                first_state = base[0]
                pending = footer_keys(app, scenario.own_keys_only)
                assert pending or scenario.own_keys_only, f"{name}: the footer shows no keys"
            assert base[0] == first_state, f"{name}: built {base[0]} the second time, not {first_state}"
            while pending:
                if state_of(app) != base:
                    break  # build the state again for the next key
                key, description = pending.pop(0)
                before = snapshot(app, data_dir, notes)
                await pilot.press(key)
                await settle(pilot)
                pressed.append(key)
                changed = snapshot(app, data_dir, notes) != before
                if (name, key) in KNOWN_SILENT:
                    assert not changed, f"{name}: {key} works now; remove it from KNOWN_SILENT"
                elif not changed:
                    silent.append(f"{key} ({description})")
        if not pending:
            break
    assert not pending, f"{name}: could not press {pending}"
    assert not silent, f"{name}: pressing changed nothing (no screen, focus, text, file or notification): {silent}"
    print(f"{name}: pressed {pressed}")


@pytest.mark.parametrize("where", ["library", "runner"])
async def test_ctrl_q_leaves_the_app(where: str, make_app) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(110, 36)) as pilot:
        if where == "runner":
            await to_runner(pilot, "check-in")
        else:
            await settled(pilot)
        assert "ctrl+q" in app.screen.active_bindings
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app._exit, "ctrl+q did not stop the app"
    assert app.return_code == 0
