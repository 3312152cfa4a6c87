"""Hostile or damaged session files never crash anything (issue 11).

Loading is the single gate: a file the store accepts must be safe for everything downstream (the
resume offer, the read-back, both exports, the group journey, the search index, the summary and the
next save); a file it cannot trust is listed as damaged with a Dutch reason and never written."""

from __future__ import annotations

import copy
import json
import shutil
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import TextArea

from samenslim.domain import export, journey, readback
from samenslim.domain.groups import groups_from
from samenslim.domain.schedule import schedule
from samenslim.domain.sessions_index import list_sessions, search
from samenslim.domain.store import MAX_FILE_BYTES, SessionFileError, SessionStore
from samenslim.screens.resume import ResumeScreen
from samenslim.screens.runner import RunnerScreen
from tests.conftest import REPO, settled, wait_for

PILOT = "20260312-133000-bijeenkomst-1-samen-richten-4f30"
# Words that mark a message as English (from Python, json, pydantic or the OS), never as ours.
ENGLISH = ("Input should", "error", "Error", "valid ", "Expecting", "object", "must be", "field required", "line ")


def pilot_data() -> dict[str, Any]:
    return json.loads((REPO / "sessions" / f"{PILOT}.json").read_text(encoding="utf-8"))


def nested(depth: int) -> Any:
    value: Any = "diep"
    for _ in range(depth):
        value = [value]
    return value


def step_of(data: dict[str, Any], soort: str) -> dict[str, Any]:
    return next(step for run in data["werkvormen"] for step in run["stappen"] if step["soort"] == soort)


def make_actie(data: dict[str, Any]) -> dict[str, Any]:
    step = data["werkvormen"][0]["stappen"][0]
    step.update(soort="actie", inhoud={}, vastgelegd={"acties": [["Bel Anna", "morgen"]]})
    return data


def make_schaal(inhoud: dict[str, Any], vastgelegd: dict[str, Any]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def mutate(data: dict[str, Any]) -> dict[str, Any]:
        data["werkvormen"][0]["stappen"][0].update(soort="schaal", inhoud=inhoud, vastgelegd=vastgelegd)
        return data
    return mutate


def with_note(text: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def mutate(data: dict[str, Any]) -> dict[str, Any]:
        step_of(data, "thema")["vastgelegd"]["notities"] = text
        data["status"] = "bezig"
        return data
    return mutate


def naive_dates(data: dict[str, Any]) -> dict[str, Any]:
    data["aangemaakt"] = "2026-03-12T13:30:00"  # no offset, beside the other session's dates with one
    data["werkvormen"][0]["stappen"][0]["gestart"] = "2026-03-12T13:31:00"
    data["status"] = "bezig"
    return data


def past_agenda(data: dict[str, Any]) -> dict[str, Any]:
    data["positie"] = {"werkvorm": len(data["werkvormen"]), "stap": 0}
    data["status"] = "bezig"
    return data


def step_past_werkvorm(data: dict[str, Any]) -> dict[str, Any]:
    data["positie"] = {"werkvorm": 0, "stap": 99}
    data["status"] = "bezig"
    return data


def deep(depth: int) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def mutate(data: dict[str, Any]) -> dict[str, Any]:
        step_of(data, "thema")["vastgelegd"]["later"] = "NESTED"
        return data
    mutate.depth = depth  # type: ignore[attr-defined]
    return mutate


def not_finite(data: dict[str, Any]) -> dict[str, Any]:
    data["werkvormen"][0]["stappen"][0]["gebruikte_seconden"] = float("nan")
    return data


def huge_number(data: dict[str, Any]) -> dict[str, Any]:
    data["positie"] = {"werkvorm": "HUGE", "stap": 0}
    return data


def no_werkvormen(data: dict[str, Any]) -> dict[str, Any]:
    data["werkvormen"] = []
    return data


def at_the_edge_of_time(data: dict[str, Any]) -> dict[str, Any]:
    data["aangemaakt"] = "0001-01-01T00:00:00+14:00"  # before year 1 in UTC: cannot be compared or shown
    return data


def planned_forever(data: dict[str, Any]) -> dict[str, Any]:
    data["werkvormen"][0]["stappen"][0]["geplande_seconden"] = 10**18  # the schedule could not add it to a time
    data["status"] = "bezig"
    return data


def write(folder: Path, data: dict[str, Any], mutate: Callable[[dict[str, Any]], dict[str, Any]]) -> Path:
    text = json.dumps(mutate(data), ensure_ascii=True, indent=1)  # \ud800 stays an escape, as a hand edit leaves it
    if hasattr(mutate, "depth"):
        text = text.replace('"NESTED"', "[" * mutate.depth + '"diep"' + "]" * mutate.depth)
    text = text.replace('"HUGE"', "9" * 5000)
    path = folder / f"{data['id']}.json"
    path.write_text(text, encoding="utf-8")
    return path


REFUSED = {
    "positie past the agenda": (past_agenda, "positie.werkvorm"),
    "positie past the werkvorm's steps": (step_past_werkvorm, "positie.stap"),
    "acties as a list of lists": (make_actie, "vastgelegd.acties.0"),
    "schaal laagste 'nul'": (make_schaal({"laagste": "nul", "hoogste": 10}, {"groep": 5}), "inhoud.laagste"),
    "schaal score above the scale": (make_schaal({"laagste": 0, "hoogste": 10}, {"groep": 12}), "vastgelegd.groep"),
    "schaal upside down": (make_schaal({"laagste": 10, "hoogste": 0}, {}), "inhoud.hoogste"),
    "nested 255 deep": (deep(255), "te diep genest"),
    "nested 990 deep": (deep(990), "te diep genest"),
    "NaN seconds": (not_finite, "gebruikte_seconden"),
    "a number of 5000 digits": (huge_number, "getal"),
    "no werkvormen": (no_werkvormen, "werkvormen"),
    "a date at the edge of time": (at_the_edge_of_time, "aangemaakt"),
    "a planned time of 10**18 seconds": (planned_forever, "geplande_seconden"),
}


def every_consumer(store: SessionStore, folder: Path) -> None:
    """What the app does with the sessions folder: the resume offer and groups at start, the list,
    a search, and per readable session its read-back, both exports and the group's journey."""
    sessions, _damaged = store.scan()
    [session.id for session in sessions if session.to_resume and not store.is_locked(session.id)]  # the resume offer
    groups_from(sessions)
    listing = list_sessions(folder)
    search(listing, "anekdote")
    for session in sessions:
        readback.outline(session)
        readback.actions(session)
        export.markdown(session)
        export.markdown(session, "groep")
        json.loads(export.json_copy(session))
        journey.journey(sessions, session.groep)
        if session.status == "bezig":
            assert session.current_step is not None
            session.step_number()
            for run in session.werkvormen:
                for step in run.stappen:
                    schedule(session, step.gebruikte_seconden, step.geplande_seconden, datetime(2026, 3, 12, tzinfo=UTC))


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_file_that_cannot_be_trusted_is_refused_with_a_dutch_reason_and_left_alone(tmp_path: Path, case: str) -> None:
    mutate, where = REFUSED[case]
    store = SessionStore(tmp_path)
    path = write(tmp_path, pilot_data(), mutate)
    before = path.read_bytes()
    with pytest.raises(SessionFileError) as raised:
        store.load_path(path)
    reason = raised.value.damage.reason
    assert where in reason and not any(word in reason for word in ENGLISH), reason
    every_consumer(store, tmp_path)
    listing = list_sessions(tmp_path)
    listing.search_texts()  # a file damaged past its head is marked by the first search
    entry = next(entry for entry in listing.entries if entry.bestand == path.name)
    assert entry.beschadigd == reason, "the list gives the same reason as opening it"
    assert path.read_bytes() == before, "never written"


ACCEPTED = {
    "a note with a lone surrogate": with_note("Zomergat \ud800 besproken"),
    "dates without and with an offset": naive_dates,
    "a note with odd characters": with_note("\x00\x1b[2J\u202e\U0001f600 \ufeff"),
}


@pytest.mark.parametrize("case", list(ACCEPTED))
def test_a_file_the_store_accepts_is_safe_for_everything_downstream(tmp_path: Path, case: str) -> None:
    store = SessionStore(tmp_path)
    path = write(tmp_path, pilot_data(), ACCEPTED[case])
    other = pilot_data()  # a second session of the same group, with offsets, for the journey
    other["id"] = other["id"][:-4] + "beef"
    (tmp_path / f"{other['id']}.json").write_text(json.dumps(other), encoding="utf-8")
    session = store.load_path(path)
    every_consumer(store, tmp_path)
    assert session.aangemaakt.tzinfo is not None and all(
        step.gestart is None or step.gestart.tzinfo is not None for run in session.werkvormen for step in run.stappen)
    store.save(session)
    again = store.load_path(path)
    assert again.model_dump() == session.model_dump(), "what was saved reads back the same"
    if "surrogate" in case:
        assert "Zomergat \ufffd besproken" in path.read_text(encoding="utf-8"), "our choice: U+FFFD"


def test_a_capture_that_does_not_fit_its_kind_is_named_by_field(tmp_path: Path) -> None:
    data = pilot_data()
    step_of(data, "thema")["vastgelegd"]["notities"] = ["geen", "tekst"]
    path = write(tmp_path, data, lambda d: d)
    with pytest.raises(SessionFileError) as raised:
        SessionStore(tmp_path).load_path(path)
    assert "vastgelegd.notities" in raised.value.damage.reason
    assert "moet tekst zijn" in raised.value.damage.reason


def test_unknown_keys_in_an_agenda_item_are_kept_on_save(tmp_path: Path) -> None:
    data = pilot_data()
    data["agenda"][1]["kleur"] = "groen"  # written by a newer samenslim
    path = write(tmp_path, data, lambda d: d)
    store = SessionStore(tmp_path)
    store.save(store.load_path(path))
    assert json.loads(path.read_text(encoding="utf-8"))["agenda"][1]["kleur"] == "groen"


def test_a_huge_stray_file_is_never_read_into_memory(tmp_path: Path) -> None:
    shutil.copy(REPO / "sessions" / f"{PILOT}.json", tmp_path)
    stray = tmp_path / "20260101-000000-groot-0000.json"
    with stray.open("wb") as handle:  # sparse: 200 MB on paper, nothing on disk
        handle.write(b'{\n "schema_versie": 1,')
        handle.truncate(200 * 1024 * 1024)
    store = SessionStore(tmp_path)
    tracemalloc.start()
    try:
        sessions, damaged = store.scan()
        listing = list_sessions(tmp_path)
        search(listing, "zomergat")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MAX_FILE_BYTES // 2, f"{peak / 1e6:.0f} MB used"
    assert [session.id for session in sessions] == [PILOT]
    assert [item.path.name for item in damaged] == [stray.name] and "te groot" in damaged[0].reason
    entry = next(entry for entry in listing.entries if entry.bestand == stray.name)
    assert entry.beschadigd and "te groot" in entry.beschadigd


def test_a_file_that_grows_past_the_limit_while_read_is_refused(tmp_path: Path, monkeypatch) -> None:
    import samenslim.domain.store as store_module

    path = tmp_path / f"{PILOT}.json"
    shutil.copy(REPO / "sessions" / path.name, path)
    monkeypatch.setattr(store_module, "MAX_FILE_BYTES", 100)
    with pytest.raises(SessionFileError, match="te groot"):
        SessionStore(tmp_path).load_path(path)


def test_copy_of_example_sessions_still_opens(tmp_path: Path) -> None:
    for source in sorted((REPO / "sessions").glob("*.json")):
        shutil.copy(source, tmp_path)
    sessions, damaged = SessionStore(tmp_path).scan()
    assert len(sessions) == 3 and not damaged
    every_consumer(SessionStore(tmp_path), tmp_path)
    for session in sessions:
        copy.deepcopy(session)


async def test_a_hostile_but_accepted_file_is_offered_resumed_and_saved(make_app, data_dir: Path) -> None:
    """The app starts beside damaged files, offers the accepted one, shows its step and saves on."""
    folder = data_dir / "sessies"
    folder.mkdir(parents=True)
    data = pilot_data()
    data.update(status="bezig", aangemaakt="2026-03-12T13:30:00", positie={"werkvorm": 2, "stap": 2})
    data["agenda"][0]["kleur"] = "groen"  # unknown keys, as a newer samenslim might write them
    step = data["werkvormen"][2]["stappen"][2]
    step["vastgelegd"]["notities"] = "Zomergat \ud800 en \x1b[2J verder"
    step["later"] = {"iets": [1, 2]}
    data["werkvormen"][1]["stappen"].append({"titel": "Uit de toekomst", "soort": "hologram", "vastgelegd": {"x": 1}})
    path = write(folder, data, lambda d: d)
    for mutate, _ in (REFUSED["positie past the agenda"], REFUSED["nested 255 deep"]):
        broken = mutate(pilot_data())
        broken["id"] = broken["id"][:-4] + ("dead" if mutate is past_agenda else "beef")
        write(folder, broken, mutate if hasattr(mutate, "depth") else (lambda d: d))
    (folder / "20260101-000000-groot-0000.json").open("wb").truncate(200 * 1024 * 1024)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, ResumeScreen), "the resume offer")
        assert len(app.damaged_sessions) == 3, app.damaged_sessions
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, RunnerScreen), "the runner")
        notes = app.screen.query_one(TextArea)
        assert notes.text == "Zomergat \ufffd en \x1b[2J verder"
        notes.focus()
        notes.move_cursor(notes.document.end)
        await pilot.press(*" en nu")
        assert app.autosaver.flush()
        await pilot.press("ctrl+q")
        await pilot.pause()
    saved = json.loads(path.read_text(encoding="utf-8"))
    step = saved["werkvormen"][2]["stappen"][2]
    assert step["vastgelegd"]["notities"] == "Zomergat \ufffd en \x1b[2J verder en nu"
    assert step["later"] == {"iets": [1, 2]} and saved["agenda"][0]["kleur"] == "groen"
    assert saved["aangemaakt"] == "2026-03-12T13:30:00Z", "our choice: a date without an offset is UTC"
    assert saved["werkvormen"][1]["stappen"][-1]["soort"] == "hologram"


@pytest.mark.parametrize(("key", "value", "dutch"), [
    ("modus", "samen", "moet een van deze waarden zijn: 'groep' of 'solo'"),
    ("aangemaakt", "gisteren", "moet een datum met tijd zijn"),
    ("deelnemers", [1], "moet tekst zijn"),
    ("positie", {"werkvorm": 1.5, "stap": 0}, "moet een geheel getal zijn"),
])
def test_reasons_are_dutch_for_every_kind_of_wrong_value(tmp_path: Path, key: str, value: Any, dutch: str) -> None:
    data = pilot_data()
    data[key] = value
    with pytest.raises(SessionFileError) as raised:
        SessionStore(tmp_path).load_path(write(tmp_path, data, lambda d: d))
    assert dutch in raised.value.damage.reason and " or " not in raised.value.damage.reason


async def test_an_os_error_while_taking_the_lock_is_told_in_dutch(make_app, data_dir: Path, monkeypatch) -> None:
    import errno

    folder = data_dir / "sessies"
    folder.mkdir(parents=True)
    write(folder, pilot_data(), lambda d: {**d, "status": "bezig"})

    def broken_lock(self, session_id):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(SessionStore, "lock", broken_lock)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, ResumeScreen), "the resume offer")
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("leesfout of schrijffout" in str(n.message) for n in app._notifications),
                       "the Dutch notice")
        assert not any("Input/output" in str(n.message) for n in app._notifications)
        assert not isinstance(app.screen, RunnerScreen)


def test_a_store_shaped_file_over_the_limit_is_listed_as_damaged_too(tmp_path: Path) -> None:
    path = tmp_path / f"{PILOT}.json"
    shutil.copy(REPO / "sessions" / path.name, path)
    raw = path.read_bytes()
    path.write_bytes(raw[:-2] + b" " * (MAX_FILE_BYTES + 10) + raw[-2:])  # whitespace: still valid JSON
    entry = list_sessions(tmp_path).entries[0]
    assert entry.beschadigd and "te groot" in entry.beschadigd
