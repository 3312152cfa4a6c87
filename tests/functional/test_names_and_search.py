"""Names and search that keep their accents readable: an id made from "Café ĳs" reads `cafe-ijs`,
and a search for `cafe` finds "café", `ijssel` finds "ĳssel" (and the other way round)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from samenslim.domain.content import load_library
from samenslim.domain.locations import builtin_content_dir
from samenslim.domain.session import new_session, new_session_id, without_accents

WHEN = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize(("title", "slug"), [
    ("Café ĳs", "cafe-ijs"),
    ("Overleg Zuid-Holland: één café", "overleg-zuid-holland-een-cafe"),
    ("Straße Ærø", "strasse-aero"),
    ("Crème brûlée à la carte", "creme-brulee-a-la-carte"),
    ("日本", "sessie"),  # nothing readable in Latin letters: the fallback, as before
])
def test_an_accented_title_gives_a_readable_id(title: str, slug: str) -> None:
    session_id = new_session_id(title, WHEN)
    assert session_id.startswith(f"20261201-093000-{slug}-")
    assert len(session_id) == len(f"20261201-093000-{slug}-") + 4


def test_a_new_session_from_an_accented_title_is_named_by_its_words() -> None:
    library = load_library(builtin_content_dir() / "werkvormen").werkvormen
    session = new_session([library["check-in"]], titel="Café ĳs", created=WHEN)
    assert "-cafe-ijs-" in session.id
    assert session.titel == "Café ĳs", "the title itself keeps its accents"


def test_without_accents() -> None:
    assert without_accents("Café ĳs") == "Cafe ijs"
    assert without_accents("ĲSSEL") == "IJSSEL"
    assert without_accents("naïef, coördinatie") == "naief, coordinatie"
    assert without_accents("plain ascii") == "plain ascii"


# -- search -------------------------------------------------------------------------------------

def _saved_sessions(folder) -> dict[str, str]:
    """Three group sessions, by what makes them findable; returns title -> id."""
    from samenslim.domain.store import SessionStore

    library = load_library(builtin_content_dir() / "werkvormen").werkvormen
    store = SessionStore(folder)
    made = {}
    for title, note in [("Overleg in het café", "Koffie met de wijkagent"),
                        ("Werkgroep Ĳssel", "Samen naar de Ĳsselhallen"),
                        ("Cafe zonder accent", "Naief plan, coordinatie nodig")]:
        session = new_session([library["check-in"]], titel=title, groep="Oost", created=WHEN)
        session.werkvormen[0].stappen[0].vastgelegd = {"notities": note}
        store.save(session)
        made[title] = session.id
    return made


@pytest.mark.parametrize(("query", "titles"), [
    ("cafe", {"Overleg in het café", "Cafe zonder accent"}),
    ("café", {"Overleg in het café", "Cafe zonder accent"}),
    ("CAFÉ", {"Overleg in het café", "Cafe zonder accent"}),
    ("ijssel", {"Werkgroep Ĳssel"}),
    ("ĳssel", {"Werkgroep Ĳssel"}),
    ("IJsselhallen", {"Werkgroep Ĳssel"}),
    ("naïef coördinatie", {"Cafe zonder accent"}),
    ("wijkagent café", {"Overleg in het café"}),
    ("thee", set()),
])
def test_search_ignores_accents_and_ij_both_ways(tmp_path, query: str, titles: set[str]) -> None:
    from samenslim.domain.sessions_index import list_sessions, search

    folder = tmp_path / "sessies"
    _saved_sessions(folder)
    assert {entry.titel for entry in search(list_sessions(folder), query)} == titles
    # The second time the texts come from the texts file (.zoektekst.json): folded the same way.
    again = list_sessions(folder)
    assert {entry.titel for entry in search(again, query)} == titles
    assert again.full_reads == 0, "the search texts came from the cache"


def test_cli_sessies_zoek(tmp_path) -> None:
    from tests.functional.test_cli import run

    data = tmp_path / "data"
    made = _saved_sessions(data / "sessies")
    result = run("sessies", "--lijst", "--zoek", "cafe", data_dir=data)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert {line.rsplit("· ", 1)[1] for line in lines} == {made["Overleg in het café"], made["Cafe zonder accent"]}
    alone = run("sessies", "--zoek", "ĳssel", data_dir=data)  # --zoek alone lists too, without the app
    assert alone.returncode == 0 and alone.stdout.count("Werkgroep Ĳssel") == 1
    none = run("sessies", "--zoek", "thee", data_dir=data)
    assert none.returncode == 0 and none.stdout == "" and "Geen sessies gevonden met 'thee'" in none.stderr
