"""The monkey: a seeded explorer that drives the real app headlessly and presses random keys.

For one werkvorm, mode (group or solo) and terminal size it starts a session through the setup
screen like a user, then presses random bursts of keys: the keys the current screen binds (read
from Textual's `active_bindings` at that moment, so a new binding is explored automatically),
navigation and editing keys, and printable text (digits, punctuation, accents, an emoji). When a
dialog or another screen opens it goes on there; back on the home screen it may start a new
session. After every burst it checks that the app still runs and that every session file parses
and loads with the store's own loader. Each Enter that confirms the text of a capture field (the
field empties) is checked at once: the text must be in the session file.

Time never moves by itself: the app runs on a fake monotonic clock that the monkey moves forward
between bursts (to reach the timer's warnings and overtime). Each run is reproducible from its
seed (the keys are drawn from `random.Random(seed)` and the app's own rng gets the same seed), and
a failure names the seed, werkvorm, mode, size and every key pressed.

    .venv/bin/python tools/monkey.py --minutes 1            # fresh seeds for a minute, all combinations
    .venv/bin/python tools/monkey.py --seed 12 --werkvorm check-in --mode groep --size 40x12

tests/functional/test_monkey.py runs a few fixed seeds over every combination with short bursts.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # tests.conftest (FakeClock, the setup helpers)

NAMES = ["Anna", "Bram", "Chris", "Dewi"]
SIZES = [(100, 30), (60, 20), (40, 12)]
MODES = ("groep", "solo")

# Keys that leave the app on purpose; everything else may be pressed.
EXCLUDED_KEYS = {"ctrl+q"}
EXCLUDED_ACTIONS = {"quit", "app.quit", "suspend_process", "app.suspend_process"}
NAVIGATION = ["enter", "enter", "tab", "shift+tab", "escape", "up", "down", "left", "right", "delete", "backspace",
              "home", "end", "space"]
CHARACTERS = list("0123456789,.:-") + ["é", "ë", "ĳ", "🙂", " ", " "] + list("abcdefghijklmnopqrstuvwxyzAEIOU")


def participants_text(names: list[str]) -> str:
    """What the monkey types in the setup's participants field (names are separated by ';')."""
    return "; ".join(names)


@dataclass(frozen=True)
class Known:
    """A crash that is known and owned by someone else: a run of a matching combination that fails
    with `signature` in its traceback is reported as known, not as a failure. `avoid(app, key)`
    says which key not to press, so the monkey explores on past it. The lead empties this list once
    the fixes are merged."""

    werkvorm: str | None  # None: any
    mode: str | None
    width: int | None
    signature: str
    owner: str
    avoid: Callable[[object, str], bool] | None = None

    def matches(self, werkvorm: str, mode: str, size: tuple[int, int]) -> bool:
        return ((self.werkvorm in (None, werkvorm)) and (self.mode in (None, mode))
                and (self.width in (None, size[0])))


# Crashes that are known and owned elsewhere (none now): a matching run that fails with `signature`
# is reported as known, and `avoid` keeps the monkey from pressing that key so it explores on.
KNOWN_CRASHES: list[Known] = []


class MonkeyFailure(AssertionError):
    pass


@dataclass
class Run:
    """One exploration: started at `size`, then (in the tests) resized through `later_sizes`."""

    werkvorm: str
    mode: str
    size: tuple[int, int]
    seed: int
    later_sizes: tuple[tuple[int, int], ...] = ()
    keys: list[str] = field(default_factory=list)
    sessions_started: int = 0
    current_size: tuple[int, int] | None = None

    def label(self) -> str:
        text = f"seed={self.seed} werkvorm={self.werkvorm} mode={self.mode} size={self.size[0]}x{self.size[1]}"
        if self.later_sizes:
            text += " then " + " then ".join(f"{w}x{h}" for w, h in self.later_sizes)
            now = self.current_size or self.size
            text += f" (at {now[0]}x{now[1]} when it failed)"
        return text

    def failure(self, what: str, error: BaseException | None = None) -> MonkeyFailure:
        text = f"monkey: {what}\n  {self.label()}\n  keys ({len(self.keys)}): {self.keys!r}"
        if error is not None:
            text += "\n" + "".join(traceback.format_exception(error)[-12:])
        return MonkeyFailure(text)


# -- the app -----------------------------------------------------------------------------------

def solo_ids() -> list[str]:
    """The werkvormen offered alone (the others are refused at setup in solo mode)."""
    from samenslim.domain.content import load_content
    from samenslim.domain.locations import Locations, builtin_content_dir

    with tempfile.TemporaryDirectory() as folder:
        library = load_content(builtin_content_dir(), Locations(Path(folder)).user_content_root)
        return sorted(w.id for w in library.werkvormen.values() if w.solo_mogelijk)


def werkvorm_ids() -> list[str]:
    """The ids the app's library offers: the same loader `app.library` uses (built-in content; an
    empty user folder), called without an app running."""
    from samenslim.domain.content import load_content
    from samenslim.domain.locations import Locations, builtin_content_dir

    with tempfile.TemporaryDirectory() as folder:
        return sorted(load_content(builtin_content_dir(), Locations(Path(folder)).user_content_root).werkvormen)


def make_app(data_dir: Path, seed: int, clock):
    from samenslim.app import SamenslimApp
    from samenslim.domain.locations import Locations

    class MonkeyApp(SamenslimApp):
        CSS_PATH = str(Path(sys.modules[SamenslimApp.__module__].__file__).parent / SamenslimApp.CSS_PATH)

        def get_system_commands(self, screen):
            # The palette's Quit leaves the app and its Screenshot writes into the working folder.
            for command in super().get_system_commands(screen):
                if command.title not in ("Quit", "Screenshot"):
                    yield command

    return MonkeyApp(Locations(data_dir), clock=clock, wallclock=clock.wall, rng=random.Random(seed),
                     offer_resume=False)


class QuickPilot:
    """The Pilot for the shared setup helpers, typing as quickly as a fast typist: the keys of one
    press() go out together and the screen catches up once (not Pilot's 40 ms wait for an idle
    CPU after every key, nor a layout pass per key): starting a session is most of a short run."""

    def __init__(self, pilot) -> None:
        self._pilot = pilot

    def __getattr__(self, name: str):
        return getattr(self._pilot, name)

    async def press(self, *keys: str) -> None:
        for key in keys:
            await _send(self._pilot.app, key_event(key))
        await drain(self._pilot)


async def start_session(pilot, run: Run) -> None:
    """From the home screen, through setup, into the runner, as a user would."""
    from textual.widgets import Input

    from tests.conftest import choose_werkvorm, fill_setup

    app = pilot.app
    pilot = QuickPilot(pilot)
    search = app.screen.query_one("#filter", Input)
    search.value = ""
    search.focus()
    await pilot.pause()
    await choose_werkvorm(pilot, run.werkvorm)
    werkvorm = app.library.werkvormen[run.werkvorm]
    if run.mode == "solo":
        await fill_setup(pilot, solo=True)
    else:
        roles = {role: NAMES[index] for index, role in enumerate(werkvorm.rollen)}
        await fill_setup(pilot, participants=participants_text(NAMES), roles=roles)
    run.keys.append(f"<start session {run.sessions_started + 1}>")
    run.sessions_started += 1


def session_files(data_dir: Path) -> list[Path]:
    folder = data_dir / "sessies"
    return sorted(p for p in folder.glob("*.json") if not p.name.startswith(".")) if folder.is_dir() else []


def flush(app) -> None:
    saver = getattr(app.services, "_autosaver", None)
    if saver is not None and not saver.flush(timeout=20):
        raise AssertionError("the autosaver did not finish within 20 s")


def strings_in(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings_in(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings_in(item)]
    return []


def captured_strings(data: dict) -> list[str]:
    """Every string captured in a session file: in each step's `vastgelegd` and `concepten`."""
    found = []
    for werkvorm in data.get("werkvormen", []):
        for step in werkvorm.get("stappen", []):
            found += strings_in(step.get("vastgelegd", {})) + strings_in(step.get("concepten", {}))
    return found


def check_files(app, data_dir: Path, run: Run) -> None:
    """Every session file parses as JSON and loads with the store's loader."""
    from samenslim.domain.store import SessionStore, StoreError

    flush(app)
    store = SessionStore(data_dir / "sessies")
    for path in session_files(data_dir):
        try:
            json.loads(path.read_text(encoding="utf-8"))
            store.load_path(path)
        except (ValueError, StoreError) as error:
            raise run.failure(f"session file {path.name} does not load", error) from error
    check_drafts(app, data_dir, run)


def runner_of(app):
    from samenslim.screens.runner import RunnerScreen

    return next((s for s in reversed(app.screen_stack) if isinstance(s, RunnerScreen)), None)


def check_drafts(app, data_dir: Path, run: Run) -> None:
    """Whatever is typed in the step view, sent or not, is in the file: in a step's `concepten`
    (keyed by the widget id) or in what a step captured (`vastgelegd`, as text or as its JSON, so
    a score typed as 7 is found as the number 7), or, for a field a kind keeps in another form
    (a speaking time '1:15' kept as 75 seconds), in the form the view says it keeps."""
    from textual.widgets import Input, TextArea

    from samenslim.werkvormen import StepView

    runner = runner_of(app)
    if runner is None:
        return
    path = data_dir / "sessies" / f"{runner.session.id}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    steps = [step for werkvorm in data.get("werkvormen", []) for step in werkvorm.get("stappen", [])]
    texts = captured_strings(data) + [json.dumps(step.get("vastgelegd", {}), ensure_ascii=False) for step in steps]
    drafts = {key: value for step in steps for key, value in (step.get("concepten") or {}).items()}
    for view in runner.query(StepView).results():
        for widget in view.query("Input, TextArea").results():
            value = widget.value if isinstance(widget, Input) else widget.text if isinstance(widget, TextArea) else ""
            if not value.strip() or drafts.get(widget.id or "") == value:
                continue
            if not any(value.strip() in text for text in texts) and not view.is_kept(widget.id or "", value):
                raise run.failure(f"the draft {value!r} in #{widget.id} is not in {path.name}")


def check_confirmed(app, data_dir: Path, run: Run, field, text: str) -> None:
    """The text of a capture field that Enter just emptied must be in the session file."""
    runner = runner_of(app)
    if runner is None:
        return
    flush(app)
    path = data_dir / "sessies" / f"{runner.session.id}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    if not any(text.strip() in found for found in captured_strings(data)):
        raise run.failure(f"Enter emptied #{field.id} but {text.strip()!r} is not in {path.name}")


# -- pressing keys -----------------------------------------------------------------------------

def key_pool(app) -> list[str]:
    """The keys the current screen binds right now (focused widget, screen, app)."""
    try:
        bindings = app.screen.active_bindings
    except Exception:  # a screen in the middle of being replaced
        return []
    return sorted(key for key, active in bindings.items()
                  if key not in EXCLUDED_KEYS and active.binding.action not in EXCLUDED_ACTIONS)


def draw_burst(rng: random.Random, app, length: int) -> list[str]:
    keys: list[str] = []
    while len(keys) < length:
        roll = rng.random()
        bound = key_pool(app)
        if roll < 0.4 and bound:
            keys.append(rng.choice(bound))
        elif roll < 0.7:
            keys.append(rng.choice(NAVIGATION))
        else:
            keys += [rng.choice(CHARACTERS) for _ in range(rng.randint(1, 6))]
    return keys[:length]


def key_event(key: str):
    """The Key event a terminal sends for `key` (a key name, or one printable character)."""
    import unicodedata

    from textual import events
    from textual.keys import _character_to_key, _get_unicode_name_from_key

    if len(key) == 1:
        return events.Key(_character_to_key(key), key)
    try:
        character = unicodedata.lookup(_get_unicode_name_from_key(key))
    except KeyError:
        character = None
    return events.Key(key, character)


async def press(pilot, key: str, *, thorough: bool = False) -> None:
    """One key as a terminal would send it. A printable character carries itself (Pilot's own
    press drops characters without a Unicode name lookup, such as an emoji). Unless `thorough`,
    the key is not followed by Pilot's wait for an idle CPU (20-40 ms a key): instead the screen's
    message queues are drained a few rounds, which is what a key's handlers need."""
    await _send(pilot.app, key_event(key))
    await drain(pilot)
    if thorough:
        await pilot.pause()


async def drain(pilot) -> None:
    app = pilot.app
    for _ in range(3):
        await asyncio.sleep(0)
        if app._exception is not None or not await pilot._wait_for_screen():
            return


async def _send(app, event) -> None:
    event.set_sender(app)
    app._driver.send_message(event)
    await asyncio.sleep(0)


def confirmable(app):
    """The focused capture field and its text, when Enter there should store the text."""
    from textual.widgets import Input

    from samenslim.werkvormen import StepView

    focused = app.focused
    if isinstance(focused, Input) and focused.value.strip() and any(
            isinstance(node, StepView) for node in focused.ancestors):
        return focused, focused.value
    return None


async def explore(run: Run, *, bursts: int, burst_length: int, data_dir: Path) -> None:
    """One monkey run; raises MonkeyFailure with everything needed to reproduce a problem."""
    from samenslim.screens.library import LibraryScreen
    from tests.conftest import FakeClock, settled

    rng = random.Random(run.seed)
    clock = FakeClock()
    app = make_app(data_dir, run.seed, clock)
    known = [k for k in KNOWN_CRASHES if k.avoid and any(k.matches(run.werkvorm, run.mode, size)
                                                         for size in (run.size, *run.later_sizes))]
    problem: MonkeyFailure | None = None
    try:
        async with app.run_test(size=run.size) as pilot:
            try:
                await settled(pilot)
                await start_session(pilot, run)
                steps = len(app.library.werkvormen[run.werkvorm].stappen)
                for _ in range(rng.randrange(steps)):  # start somewhere in the werkvorm
                    run.keys.append("ctrl+n")
                    await press(pilot, "ctrl+n")
                for size in (run.size, *run.later_sizes):
                    if size != run.size:
                        run.keys.append(f"<resize {size[0]}x{size[1]}>")
                        await pilot.resize_terminal(*size)
                        await pilot.pause()
                    run.current_size = size
                    for _ in range(bursts):
                        await burst(pilot, run, rng, known, burst_length, data_dir)
                        if app._exception is not None:
                            break
                        if not app.is_running or app._exit:
                            raise run.failure("the app stopped (without an error)")
                        await pilot.pause()
                        check_files(app, data_dir, run)
                        clock.advance(rng.choice([0, 1, 7, 30, 61, 200, 900]))
                        if isinstance(app.screen, LibraryScreen) and len(app.screen_stack) == 1 \
                                and rng.random() < 0.7:
                            await start_session(pilot, run)
                    if app._exception is not None:
                        break
            except MonkeyFailure as failure:
                problem = failure
            except TimeoutError as error:
                problem = run.failure("a key press did not finish within 30 s (hang?)", error)
            except Exception as error:
                if app._exception is None:  # the app's own exception is raised when run_test ends
                    problem = run.failure(f"the monkey's own step failed: {error!r}", error)
    except Exception as error:
        raise run.failure(f"the app crashed: {error!r}", error) from error
    if problem is not None:
        raise problem
    flush_after = session_files(data_dir)  # the app has closed: its last save must load too
    from samenslim.domain.store import SessionStore, StoreError

    for path in flush_after:
        try:
            SessionStore(data_dir / "sessies").load_path(path)
        except StoreError as error:
            raise run.failure(f"after closing, {path.name} does not load", error) from error


async def burst(pilot, run: Run, rng: random.Random, known: list[Known], length: int, data_dir: Path) -> None:
    app = pilot.app
    for key in draw_burst(rng, app, length):
        if any(k.avoid(app, key) for k in known):
            continue
        run.keys.append(key)
        before = confirmable(app) if key == "enter" else None
        await asyncio.wait_for(press(pilot, key, thorough=key == "enter"), 30)
        if app._exception is not None or not app.is_running or app._exit:
            return
        if before is not None and before[0].is_attached and not before[0].value:
            check_confirmed(app, data_dir, run, *before)


def known_crash(run: Run, failure: MonkeyFailure) -> Known | None:
    size = run.current_size or run.size
    return next((k for k in KNOWN_CRASHES if k.matches(run.werkvorm, run.mode, size)
                 and k.signature in str(failure)), None)


def run_one(werkvorm: str, mode: str, size: tuple[int, int], seed: int, *, bursts: int, burst_length: int) -> Run:
    run = Run(werkvorm, mode, size, seed)
    with tempfile.TemporaryDirectory(prefix="monkey-") as folder:
        asyncio.run(explore(run, bursts=bursts, burst_length=burst_length, data_dir=Path(folder) / "data"))
    return run


# -- the command line --------------------------------------------------------------------------

def parse_size(text: str) -> tuple[int, int]:
    width, _, height = text.partition("x")
    return int(width), int(height)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=1.0, help="how long to explore (default 1)")
    parser.add_argument("--seed", type=int, help="first seed (default: from the clock); seeds count up")
    parser.add_argument("--werkvorm", help="only this werkvorm id")
    parser.add_argument("--mode", choices=MODES, help="only this mode")
    parser.add_argument("--size", type=parse_size, help="only this size, e.g. 40x12")
    parser.add_argument("--bursts", type=int, default=8)
    parser.add_argument("--burst-length", type=int, default=25)
    parser.add_argument("--once", action="store_true", help="one run of the first combination, then stop")
    args = parser.parse_args(argv)

    ids = [args.werkvorm] if args.werkvorm else werkvorm_ids()
    alone = set(solo_ids())
    combos = [(w, m, s) for w in ids for m in ([args.mode] if args.mode else MODES)
              for s in ([args.size] if args.size else SIZES) if m == "groep" or w in alone]
    seed = args.seed if args.seed is not None else int(time.time()) % 1_000_000
    deadline = time.monotonic() + args.minutes * 60
    runs = failures = known = 0
    seen: set[str] = set()
    print(f"monkey: {len(combos)} combinations, first seed {seed}, {args.minutes:g} min", flush=True)
    while True:
        order = random.Random(seed).sample(combos, len(combos))
        for werkvorm, mode, size in order:
            run = Run(werkvorm, mode, size, seed)
            try:
                with tempfile.TemporaryDirectory(prefix="monkey-") as folder:
                    asyncio.run(explore(run, bursts=args.bursts, burst_length=args.burst_length,
                                        data_dir=Path(folder) / "data"))
            except MonkeyFailure as failure:
                owner = known_crash(run, failure)
                if owner is not None:
                    known += 1
                    print(f"known ({owner.owner}): {run.label()}", flush=True)
                else:
                    failures += 1
                    last_line = str(failure).strip().splitlines()[-1]
                    print(f"\nFAILURE {'(again) ' if last_line in seen else ''}{failure}\n", flush=True)
                    seen.add(last_line)
                    print(f"reproduce: .venv/bin/python tools/monkey.py --seed {seed} --werkvorm {werkvorm} "
                          f"--mode {mode} --size {size[0]}x{size[1]} --bursts {args.bursts} "
                          f"--burst-length {args.burst_length} --once\n", flush=True)
            runs += 1
            seed += 1
            if args.once or time.monotonic() > deadline:
                print(f"monkey: {runs} runs, {failures} failures, {known} known crashes", flush=True)
                return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
