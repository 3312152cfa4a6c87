"""Mutated session and content files (issue 11), generated with hypothesis: keys deleted, types
changed, values swapped, deep nesting, huge numbers, odd strings. Every mutated file is either
refused with samenslim's own Dutch reason (and left byte for byte as it was), or it opens, reads
back, exports (Markdown and JSON), resumes and saves without an exception.

Deterministic for CI: derandomize=True, so every run tries the same examples."""

from __future__ import annotations

import copy
import json
import random
import tomllib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from samenslim.domain import export, readback
from samenslim.domain.catalog import from_library, quick_catalog
from samenslim.domain.content import Werkvorm, load_content, load_file, model_for
from samenslim.domain.locations import builtin_content_dir
from samenslim.domain.schedule import schedule
from samenslim.domain.session import Sessie, new_session
from samenslim.domain.soorten import KINDS, rondje
from samenslim.domain.store import SessionFileError, SessionStore
from tests.conftest import REPO
from tests.unit.test_hostile_files import ENGLISH, every_consumer

FAST = settings(max_examples=100, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
LIBRARY = load_content(builtin_content_dir())


def _example_capture(soort: str, inhoud: dict[str, Any]) -> dict[str, Any]:
    """A plausible capture per kind, so every kind's capture model is exercised by the mutations."""
    first = (inhoud.get("kolommen") or inhoud.get("ringen") or ["x"])[0]
    return {
        "actie": {"acties": [{"tekst": "Bel de school", "eigenaar": "Anna", "wanneer": "vrijdag"}]},
        "experiment": {"experimenten": [{"tekst": "Spreekuur", "eigenaar": "Bram", "status": "open"}]},
        "schaal": {"groep": 6, "per_deelnemer": {"Anna": 7.5, "Bram": 5}, "notities": "korte lijnen"},
        "rondje": {"sprekers": ["Anna", "Bram"], "beurten": [{"spreker": "Anna", "ronde": 1, "tekst": "ja"},
                                                             {"spreker": "Bram", "ronde": 1, "gepast": True}]},
        "tijdlijn": {"anekdotes": [{"wanneer": "voorjaar 2019", "titel": "De start", "verteller": "Anna"}]},
        "opstelling": {"volgorde": [{"naam": "Anna", "sinds": "2018"}]},
        "kolommen": {"items": {first: ["een", "twee"]}},
        "cirkels": {"items": [{"tekst": "School", "ring": first, "relatie": "sterk"}]},
        "tweegesprek": {"paren": [["Anna", "Bram"]], "verhalen": {"Anna": "een mooi moment"}},
        "stapel": {"kaart": "Wat gaf je energie?", "getrokken": True},
        "keuze": {"kaart": "Te veel tegelijk", "notities": "herkenbaar"},
        "thema": {"notities": "samen", "thema": "Elke jongere in beeld"},
        "vragen": {"notities": "goed gesprek"},
    }.get(soort, {})


def _all_kinds_session() -> dict[str, Any]:
    werkvormen = sorted(LIBRARY.werkvormen.values(), key=lambda werkvorm: werkvorm.id)
    session = new_session(werkvormen, titel="Alle werkvormen", groep="Team Oost", deelnemers=["Anna", "Bram"],
                          created=datetime(2026, 3, 1, 9, 0, tzinfo=UTC), stapels=LIBRARY.stapels)
    for run in session.werkvormen:
        for step in run.stappen:
            step.vastgelegd = _example_capture(step.soort, step.inhoud)
    data: dict[str, Any] = json.loads(session.to_json_bytes())
    return data


SESSIONS = [json.loads(path.read_text(encoding="utf-8")) for path in sorted((REPO / "sessions").glob("*.json"))]
SESSIONS.append(_all_kinds_session())
CONTENT = [path for folder in ("werkvormen", "stapels", "programma")
           for path in sorted((REPO / "content" / folder).glob("*.toml"))]


# -- mutations --------------------------------------------------------------------------------

def nested(depth: int) -> Any:
    value: Any = "diep"
    for _ in range(depth):
        value = [value] if depth % 2 else {"a": value}
    return value


ODD_TEXT = st.sampled_from([
    "\ud800", "a\udfffb", "\x00", "\x1b[2J\x1b]0;titel\x07", "\u202eomgekeerd", "\ufeff", "nul", "", "   ", "#", "|",
    "2026-03-12T13:30:00", "2026-03-12T13:30:00+14:00", "9999-12-31T23:59:59", "0001-01-01T00:00:00",
    "\U0001f600" * 50, "a" * 5000, "{thema}", "../../etc/passwd", "Infinity", "NaN",
])
NUMBERS = st.one_of(
    st.integers(), st.sampled_from([0, -1, 1, 2**63, -(2**63), 10**30, 10**400, 99, 1000]),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([0.5, -0.0, 1e308, 5e-324, 6.5, 10.5]),
)
SCALARS = st.one_of(st.none(), st.booleans(), NUMBERS, st.text(max_size=20), ODD_TEXT)
VALUES = st.one_of(
    SCALARS,
    st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.one_of(st.text(max_size=6), ODD_TEXT), inner, max_size=3), max_leaves=6),
    st.integers(40, 300).map(nested),
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if path else []
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*path, index))
    return found


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


@st.composite
def mutated(draw: st.DrawFn, sources: list[Any], values: st.SearchStrategy[Any] = VALUES) -> Any:
    data = copy.deepcopy(draw(st.sampled_from(sources)))
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(data)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent, key = _get(data, path[:-1]), path[-1]
        operation = draw(st.sampled_from(["delete", "replace", "replace", "swap", "retype"]))
        if operation == "delete":
            del parent[key]
        elif operation == "replace":
            parent[key] = draw(values)
        elif operation == "swap":
            other = draw(st.sampled_from(paths))
            if other[:len(path)] != path and path[:len(other)] != other:  # neither inside the other
                other_parent, other_key = _get(data, other[:-1]), other[-1]
                parent[key], other_parent[other_key] = other_parent[other_key], parent[key]
        else:
            value = parent[key]
            parent[key] = [value] if not isinstance(value, list) else {"waarde": value}
    return data


# -- sessions ---------------------------------------------------------------------------------

def _resume(session: Sessie) -> None:
    """What resuming does with a session before and while its step is shown, without the screen."""
    session.current_step  # noqa: B018 (the property reads the list)
    session.step_number()
    schedule(session, 30.0, session.current_step.geplande_seconden, datetime(2026, 3, 1, 10, tzinfo=UTC))
    for run in session.werkvormen:
        for step in run.stappen:
            kind = KINDS.get(step.soort)
            if kind is None:
                continue
            inhoud, capture = kind.inhoud(step), kind.capture(step)
            step.vastgelegd = capture.model_dump()  # what a step view writes back
            for question in (kind.terugblik, kind.verslag, kind.punten, kind.cijfer, kind.kaart, kind.thema,
                             kind.vrije_teksten):  # everything the app asks a kind about a step
                question(inhoud, capture)
            if step.soort == "rondje":
                state = rondje.Round(capture.sprekers or [rondje.EVERYONE], inhoud.herhalen,
                                     list(capture.beurten), dict(capture.spreektijd), capture.beurt_begon)
                if state.current_speaker is not None:  # the round's next turn, as Enter in its view
                    state.speak("verder", elapsed=state.turn_began + 1)
    while session.move(1):
        pass
    while session.move(-1):
        pass


@FAST
@given(data=mutated(SESSIONS))
def test_a_mutated_session_file_is_refused_in_dutch_or_safe_everywhere(tmp_path_factory, data: Any) -> None:
    folder = tmp_path_factory.mktemp("sessies")
    session_id = data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else "x"
    name = session_id if session_id.isascii() and session_id.replace("-", "").isalnum() else "hand"
    path = folder / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=True, indent=1), encoding="utf-8")
    before = path.read_bytes()
    store = SessionStore(folder)
    try:
        session = store.load_path(path)
    except SessionFileError as error:
        event("refused")
        reason = error.damage.reason
        assert reason and not any(word in reason for word in ENGLISH), reason
        every_consumer(store, folder)
        assert path.read_bytes() == before, "a refused file is never written"
        return
    event("accepted")
    every_consumer(store, folder)
    json.loads(export.json_copy(session))
    export.markdown(session)
    export.markdown(session, "groep")  # the report for the group reads every hostile file too
    readback.outline(session)
    session.status = "bezig"
    _resume(session)
    written = store.save(session)
    again = store.load_path(written)
    assert again.model_dump_json() == session.model_dump_json()


# -- content ----------------------------------------------------------------------------------

def _toml_safe(value: Any) -> Any:
    """tomli_w writes no null and only string keys: the nearest TOML a person could write."""
    if value is None:
        return "null"
    if isinstance(value, dict):
        return {str(key): _toml_safe(child) for key, child in value.items()}
    if isinstance(value, list):
        return [_toml_safe(child) for child in value]
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 2**63:
        return float("inf")  # TOML integers are 64-bit
    return value


TOML_VALUES = st.one_of(SCALARS, st.integers(10, 60).map(nested), st.lists(SCALARS, max_size=3))
CONTENT_DATA = [(path, tomllib.loads(path.read_text(encoding="utf-8"))) for path in CONTENT]


@FAST
@given(chosen=st.sampled_from(CONTENT_DATA), data=st.data())
def test_a_mutated_content_file_is_a_dutch_problem_or_runs(tmp_path_factory, chosen, data) -> None:
    source, parsed = chosen
    mutation = data.draw(mutated([parsed], TOML_VALUES))
    root = tmp_path_factory.mktemp("inhoud")
    path = root / source.parent.name / source.name
    path.parent.mkdir()
    text = tomli_w.dumps(_toml_safe(mutation))
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    model, problems = load_file(path, model_for(path))
    event("refused" if problems else "accepted")
    for problem in problems:
        message = str(problem)
        assert problem.path == path and not any(word in problem.message for word in ENGLISH), message
    quick_catalog(root / "werkvormen")
    library = load_content(builtin_content_dir(), root)
    from_library(library.werkvormen, {soort: kind.NAAM for soort, kind in KINDS.items()})
    if isinstance(model, Werkvorm) and model.id in library.werkvormen:
        werkvorm = library.werkvormen[model.id]
        for solo in (False, True) if werkvorm.solo_mogelijk else (False,):
            session = new_session([werkvorm], titel="Proef", modus="solo" if solo else "groep",
                                  deelnemers=["Anna", "Bram"], stapels=library.stapels)
            store = SessionStore(root / "sessies")
            loaded = store.load_path(store.save(session))
            export.markdown(loaded)
            _resume(loaded)


def test_the_generator_reaches_every_kind() -> None:
    """The sessions the mutations start from hold every step kind with a capture."""
    kinds = {step["soort"] for data in SESSIONS for run in data["werkvormen"] for step in run["stappen"]}
    assert kinds >= set(KINDS)


# -- the running app, for files the gate accepts ---------------------------------------------

async def _run_every_step(folder: Path, steps: int) -> None:
    """Start the app on the folder, resume the session and show each of its steps once."""
    from samenslim.app import SamenslimApp
    from samenslim.domain.locations import Locations
    from samenslim.screens.resume import ResumeScreen
    from samenslim.screens.runner import RunnerScreen
    from tests.conftest import FakeClock, settled, wait_for

    clock = FakeClock()
    app = SamenslimApp(Locations(folder), clock=clock, wallclock=clock.wall, rng=random.Random(7),
                       timer_starts_by_itself=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, ResumeScreen), "the resume offer")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, RunnerScreen), "the runner")
        for _ in range(steps - 1):
            await pilot.press("ctrl+n")
            await pilot.pause()
        assert isinstance(app.screen, RunnerScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()


@settings(max_examples=8, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.filter_too_much])
@given(data=mutated(SESSIONS[:3]))  # the example sessions: 5 to 11 steps each, a few seconds per run
def test_an_accepted_mutated_session_runs_in_the_app(tmp_path_factory, data: Any) -> None:
    """Every step view of a hostile-but-accepted file mounts and the app closes normally."""
    import asyncio

    from hypothesis import assume

    folder = tmp_path_factory.mktemp("data")
    sessions = folder / "sessies"
    sessions.mkdir()
    probe = sessions / "probe.json"
    probe.write_text(json.dumps(data, ensure_ascii=True, indent=1), encoding="utf-8")
    try:
        session = SessionStore(sessions).load_path(probe)
    except SessionFileError:
        assume(False)
        return
    probe.unlink()
    session.status, session.positie.werkvorm, session.positie.stap = "bezig", 0, 0
    SessionStore(sessions).save(session)
    asyncio.run(_run_every_step(folder, session.step_count()))
