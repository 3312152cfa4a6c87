"""Names and search that keep their accents readable: an id made from "Café ĳs" reads `cafe-ijs`,
and a search for `cafe` finds "café", `ijssel` finds "ĳssel" (and the other way round)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from samenslim.content import load_library
from samenslim.locations import builtin_content_dir
from samenslim.session import new_session, new_session_id, without_accents

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
