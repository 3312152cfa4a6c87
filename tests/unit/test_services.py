"""services.Services without a screen: the work the screens ask for with a message, and its Dutch
refusals (the message handlers only show them)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from samenslim.domain.locations import Locations
from samenslim.services import Refused, Services


@pytest.fixture
def services(tmp_path: Path) -> Services:
    return Services(Locations(tmp_path / "data"))


def a_session(services: Services):
    werkvorm = services.library.werkvormen["check-in"]
    return services.start([werkvorm], titel="Maandag", modus="groep", groep="Team Oost", deelnemers=["Anna", "Bram"])


def entry_for(session) -> SimpleNamespace:
    return SimpleNamespace(id=session.id, bestand=f"{session.id}.json", titel=session.titel, groep=session.groep,
                           aangemaakt=session.aangemaakt)


def test_a_started_session_is_held_until_it_is_closed(services: Services) -> None:
    session = a_session(services)
    services.store.save(session)
    assert services.is_open_here(session.id) and services.store.is_locked(session.id)
    with pytest.raises(Refused, match="nog open"):
        services.erase(entry_for(session))
    assert services.close_session(session)
    assert not services.store.is_locked(session.id)
    assert services.erase(entry_for(session)) == f"Verwijderd: {services.entry_name(entry_for(session))}."
    assert not services.store.path_for(session.id).exists()


def test_a_session_held_by_another_window_is_not_resumed(services: Services, tmp_path: Path) -> None:
    session = a_session(services)
    services.store.save(session)
    services.close_session(session)
    other = Services(Locations(tmp_path / "data"))
    held = other.store.lock(session.id)
    try:
        with pytest.raises(Refused) as refused:
            services.resume(session.id)
        assert "al geopend" in str(refused.value)
    finally:
        held.release()
    assert services.resume(session.id).id == session.id


def test_closing_without_finishing_and_reopening_are_recorded(services: Services) -> None:
    session = a_session(services)
    services.store.save(session)
    services.close_session(session)
    assert "gesloten zonder af te ronden" in services.close_without_finishing(session.id)
    assert services.store.load(session.id).gesloten is not None
    assert services.resume(session.id).gesloten is None
    services.close_session(session)
    reopened = services.reopen(session.id)
    assert reopened.status == "bezig" and len(reopened.heropend) == 1


def test_a_file_without_a_session_name_is_left_alone(services: Services) -> None:
    entry = SimpleNamespace(id="../../etc", bestand="vreemd.json", titel="", groep="", aangemaakt=None)
    with pytest.raises(Refused) as refused:
        services.delete_question(entry)
    assert refused.value.severity == "warning" and "onaangeroerd" in str(refused.value)


def test_the_delete_question_names_every_file(services: Services) -> None:
    session = a_session(services)
    services.store.save(session)
    question = services.delete_question(entry_for(session))
    assert f"sessies/{session.id}.json" in question and "Maandag" in question and "(Team Oost)" in question
