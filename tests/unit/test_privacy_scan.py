"""scan_session reads each kind's free-text fields (Soort.vrije_teksten), walks drafts and unknown
kinds whole, and names places the way `samenslim privacy` always did (list positions from 1)."""

from __future__ import annotations

from datetime import UTC, datetime

from samenslim.domain.privacy import scan_session
from samenslim.domain.session import Sessie, StapRun, WerkvormRun

BSN = "123456782"
MOMENT = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def session(*steps: StapRun) -> Sessie:
    return Sessie(id="20261123-093000-test-abcd", aangemaakt=MOMENT, bijgewerkt=MOMENT, titel="Test",
                  werkvormen=[WerkvormRun(werkvorm_id="w", titel="W", stappen=list(steps))])


def places(found) -> list[tuple[str, str, int]]:
    return [(place.kind, place.place, place.count) for place in found]


def test_a_rounds_turn_is_named_from_1_and_its_numbers_are_not_free_text() -> None:
    step = StapRun(titel="Ronde", soort="rondje", vastgelegd={
        "sprekers": ["Anna", "Bram"],
        "beurten": [{"spreker": "Anna", "tekst": "niets", "ronde": 1, "seconden": 12},
                    {"spreker": "Bram", "tekst": f"BSN {BSN}", "ronde": 1, "seconden": 30}],
    })
    assert places(scan_session(session(step))) == [("bsn", "stap 1 “Ronde” › beurten › 2 › tekst", 1)]


def test_a_kinds_field_that_holds_no_typed_text_is_not_scanned() -> None:
    """A card drawn from a deck is content, not something typed: the kind does not list it."""
    step = StapRun(titel="Kaart", soort="stapel", vastgelegd={"kaart": f"Kaart {BSN}", "notities": ""})
    assert scan_session(session(step)) == []


def test_a_persons_notes_keep_a_name_with_a_dot_as_one_part() -> None:
    step = StapRun(titel="Vragen", soort="vragen", inhoud={"per_deelnemer": True},
                   vastgelegd={"per_deelnemer": {"J. de Vries": f"belt 06-12345678, BSN {BSN}"}, "notities": ""})
    assert places(scan_session(session(step))) == [
        ("telefoon", "stap 1 “Vragen” › per_deelnemer › J. de Vries", 1),
        ("bsn", "stap 1 “Vragen” › per_deelnemer › J. de Vries", 1)]


def test_drafts_and_unknown_kinds_are_walked_whole() -> None:
    unknown = StapRun(titel="Nieuw", soort="toekomstig", vastgelegd={"iets": {"diep": [f"{BSN}"]}})
    draft = StapRun(titel="Noteren", soort="vragen", concepten={"notities": f"nog {BSN}"})
    assert places(scan_session(session(unknown, draft))) == [
        ("bsn", "stap 1 “Nieuw” › iets › diep › 1", 1),
        ("bsn", "stap 2 “Noteren” › nog niet bevestigd › notities", 1)]
