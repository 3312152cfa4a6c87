"""What the room sees (domain.room_view): the question, the clock, who speaks, the agenda; never a note."""

from __future__ import annotations

import json

import pytest

from samenslim.domain.content import load_content
from samenslim.domain.locations import builtin_content_dir
from samenslim.domain.room_view import AgendaPunt, room_view, timer_texts
from samenslim.domain.session import new_session
from samenslim.domain.timer import Timer
from tests.conftest import FakeClock

LIBRARY = load_content(builtin_content_dir())
NOTE = "Jesse slaapt al weken slecht"


def check_in(names=("Anna", "Bram", "Chris"), **fields):
    session = new_session([LIBRARY.werkvormen["check-in"]], titel="Start", deelnemers=list(names), **fields)
    session.werkvormen[0].stappen[0].vastgelegd = {"kaart": "Wat neem je mee van buiten?", "getrokken": True}
    session.positie.stap = 1
    return session


def everything_as_text(view) -> str:
    return json.dumps(view.as_dict(), ensure_ascii=False)


def test_a_typed_note_never_reaches_the_room() -> None:
    session = check_in()
    step = session.current_step
    step.vastgelegd = {"sprekers": ["Anna", "Bram", "Chris"], "per_persoon": 60, "beurt_begon": 10.0,
                       "beurten": [{"spreker": "Anna", "ronde": 1, "tekst": NOTE, "seconden": 10.0}],
                       "spreektijd": {"Anna": 10.0}, "extra": NOTE}
    step.concepten = {"turn-input": NOTE + " en eet niet"}
    session.werkvormen[0].stappen[0].concepten = {"own": NOTE}
    session.groep, session.thema = "Team Jesse", "Jesse thuis"  # the group and theme are not the room's either
    clock = FakeClock()
    timer = Timer(600, clock=clock)
    timer.start()
    clock.advance(25)
    view = room_view(session, timer, speaker_line=f"Aan de beurt: Bram ({NOTE})")
    text = everything_as_text(view)
    assert "Jesse" not in text
    assert view.spreker == "Bram" and view.volgende == "Chris" and view.spreektijd == "0:15 / 1:00"
    assert view.vragen == ("Wat neem je mee van buiten?",) + tuple(step.vragen)


def test_every_kind_keeps_its_notes_out() -> None:
    """Whatever a step of any werkvorm captured, with the note in every text field, the room sees none of it."""
    for werkvorm in LIBRARY.werkvormen.values():
        session = new_session([werkvorm], titel="t", deelnemers=["Anna", "Bram"])
        for index, step in enumerate(session.current_werkvorm.stappen):
            step.vastgelegd = {"notitie": NOTE, "items": [NOTE], "kolommen": {"a": [NOTE]},
                               "beurten": [{"spreker": "Anna", "ronde": 1, "tekst": NOTE}], "sprekers": ["Anna", "Bram"]}
            step.concepten = {"veld": NOTE}
            session.positie.stap = index
            view = room_view(session, Timer(step.geplande_seconden, clock=FakeClock()))
            assert "Jesse" not in everything_as_text(view), (werkvorm.id, step.titel)


def test_the_round_moves_on_and_ends() -> None:
    session = check_in()
    step = session.current_step
    step.vastgelegd = {"sprekers": ["Anna", "Bram", "Chris"], "beurten": []}
    timer = Timer(120, clock=FakeClock())
    assert (room_view(session, timer).spreker, room_view(session, timer).volgende) == ("Anna", "Bram")
    step.vastgelegd["beurten"] = [{"spreker": "Anna", "ronde": 1}, {"spreker": "Bram", "ronde": 1, "gepast": True}]
    view = room_view(session, timer)
    assert (view.spreker, view.volgende) == ("Chris", None), "the last speaker of a single round has nobody after"
    step.vastgelegd["beurten"].append({"spreker": "Chris", "ronde": 1})
    assert room_view(session, timer).spreker == "Het rondje is klaar"


def test_solo_shows_no_speaker_and_other_kinds_show_the_views_line() -> None:
    session = check_in(names=())
    session.modus = "solo"
    assert room_view(session, Timer(60, clock=FakeClock()), "Aan de beurt: Ik").spreker is None
    session = check_in()
    session.positie.stap = 0
    view = room_view(session, Timer(60, clock=FakeClock()), "Helft 1 van 2: Anna vertelt, Bram vraagt")
    assert view.spreker == "Helft 1 van 2: Anna vertelt, Bram vraagt" and view.volgende is None


@pytest.mark.parametrize(("used", "running", "shown", "status", "level"), [
    (0, False, "10:00", "nog niet gestart", "ruim"),
    (100, True, "08:20", "loopt", "ruim"),
    (500, True, "01:40", "loopt · laatste 20%", "let-op"),
    (580, True, "00:20", "loopt · BIJNA OM", "bijna"),
    (675, True, "+01:15", "OVER TIJD: 01:15 te lang", "over"),
    (675, False, "+01:15", "OVER TIJD: 01:15 te lang (gepauzeerd)", "over"),
])
def test_the_clock_reads_as_the_runners(used, running, shown, status, level) -> None:
    clock = FakeClock()
    timer = Timer(600, clock=clock, used_seconds=used)
    if running:
        timer.start()
    assert timer_texts(timer) == (shown, status)
    view = room_view(check_in(), timer)
    assert (view.tijd, view.tijd_status, view.niveau, view.over_tijd, view.loopt) == (
        shown, status, level, level == "over", running)


def test_a_step_without_a_set_time_counts_up() -> None:
    clock = FakeClock()
    timer = Timer(None, clock=clock)
    timer.start()
    clock.advance(75)
    assert timer_texts(timer) == ("01:15", "loopt · geen vaste tijd")


def test_the_agenda_shows_where_the_meeting_is() -> None:
    werkvormen = [LIBRARY.werkvormen[name] for name in ("check-in", "schaalvraag", "historielijn")]
    session = new_session(werkvormen, titel="Overleg", deelnemers=["Anna"])
    assert room_view(session, Timer(60, clock=FakeClock())).agenda[0] == AgendaPunt("Check-in", "nu")
    from samenslim.domain.session import now
    for step in session.werkvormen[0].stappen:
        step.beeindigd = now()
    session.positie.werkvorm = 1
    view = room_view(session, Timer(60, clock=FakeClock()))
    assert [point.stand for point in view.agenda] == ["klaar", "nu", "straks"]
    assert view.stap_nummer == 1 and view.werkvorm == session.werkvormen[1].titel
    assert room_view(check_in(), Timer(60, clock=FakeClock())).agenda == (), "one werkvorm: no agenda"
