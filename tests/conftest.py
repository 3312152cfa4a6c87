from __future__ import annotations

import json
import random
from datetime import UTC
from pathlib import Path

import pytest

from samenslim.app import SamenslimApp
from samenslim.domain.locations import Locations

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"


class FakeClock:
    """A monotonic clock that moves only when told to."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = self.start = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds

    def wall(self):
        """The time of day, moving with this clock from a fixed morning (snapshots stay stable)."""
        from datetime import datetime, timedelta

        return datetime(2026, 11, 23, 9, 30, tzinfo=UTC) + timedelta(seconds=self.now - self.start)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def make_app(data_dir: Path, clock: FakeClock):
    def factory(**kwargs) -> SamenslimApp:
        kwargs.setdefault("clock", clock)
        kwargs.setdefault("wallclock", clock.wall)
        kwargs.setdefault("rng", random.Random(7))
        # Most tests start the timer themselves with ctrl+t; test_autostart covers the setting.
        kwargs.setdefault("timer_starts_by_itself", False)
        return SamenslimApp(Locations(data_dir), **kwargs)

    return factory


def session_files(data_dir: Path) -> list[Path]:
    return sorted(path for path in (data_dir / "sessies").glob("*.json") if not path.name.startswith("."))


def only_session(data_dir: Path) -> dict:
    files = session_files(data_dir)
    assert len(files) == 1, files
    return json.loads(files[0].read_text(encoding="utf-8"))


async def open_werkvorm(pilot, query: str) -> None:
    """From the library: type in the filter and press Enter on the first match."""
    from samenslim.screens.setup import SetupScreen

    await pilot.press(*query)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SetupScreen)


async def choose_werkvorm(pilot, werkvorm_id: str) -> None:
    """From the home screen: filter by id, move to exactly this werkvorm and open its setup."""
    from textual.widgets import OptionList

    await pilot.press(*werkvorm_id)
    options = pilot.app.screen.query_one("#werkvormen", OptionList)
    for _ in range(len(options.options)):
        if options.get_option_at_index(options.highlighted).id == werkvorm_id:
            break
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()


async def fill_setup(pilot, *, participants: str = "", title: str | None = None, group: str = "", theme: str = "",
                     roles: dict[str, str] | None = None, solo: bool = False) -> None:
    """Fill the setup form as a user would (typing into each field) and start with ctrl+n."""
    from textual.widgets import Input, RadioButton, Select

    from samenslim.screens.runner import RunnerScreen

    screen = pilot.app.screen
    if solo:
        screen.query_one("#mode").focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert screen.query_one("#mode-solo", RadioButton).value
    fields = {"#title": title, "#group": group, "#theme": theme, "#participants": participants}
    for selector, value in fields.items():
        if not value:
            continue  # leave the field as the screen filled it
        field = screen.query_one(selector, Input)
        field.focus()
        field.value = ""
        await pilot.press(*value)
    await pilot.pause()
    for role, name in (roles or {}).items():
        select = screen.query_one(f"#role-{role}", Select)
        select.focus()
        await pilot.press("enter")
        await pilot.pause()
        options = [str(label) for label, _ in select._options if _ is not Select.NULL]
        for _ in range(options.index(name) + 1):  # the list opens on the blank prompt
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert select.value == name
    await pilot.press("ctrl+n")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()  # a group's open actions are looked up in a worker
    await pilot.pause()
    assert isinstance(pilot.app.screen, RunnerScreen), pilot.app.screen


async def confirm(pilot, expected: str = "") -> str:
    """Answer the open ConfirmScreen with its yes button (No has the focus); returns the question."""
    from samenslim.screens.confirm import ConfirmScreen

    screen = pilot.app.screen
    assert isinstance(screen, ConfirmScreen), screen
    text = str(screen.query_one("#confirm-text").render())
    assert expected in text, text
    await pilot.press("tab", "enter")
    await pilot.pause()
    return text


def screen_text(app) -> str:
    """Everything the current screen shows, as plain text (from an SVG-free render)."""
    from textual.widgets import Static

    parts = []
    for widget in app.screen.query("*"):
        if isinstance(widget, Static):
            parts.append(str(widget.render()))
    return "\n".join(parts)


def widget_text(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def wait_for(pilot, condition, what: str, rounds: int = 600) -> None:
    """Wait until `condition()` holds: each round lets the app process what is queued and its
    intervals fire. Generous on purpose (a busy CI machine is slow); it stops as soon as it holds."""
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"never happened: {what}")


async def settled(pilot) -> None:
    """Let start-up finish: the first frame, then the background work it starts (the checked
    content, the session scan, the settings)."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
