"""Alone, nothing speaks to a group: every screen of every werkvorm offered alone, the summary and the
report are read in a solo session and fail on group wording ('Wat zegt de groep?', 'Groep: 6 op 0–10',
'wat gaan we doen?', 'jullie', 'de anderen', 'voorzitter')."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from samenslim.domain.content import load_file
from samenslim.domain.export import markdown
from samenslim.domain.locations import builtin_content_dir
from samenslim.domain.session import session_from_json
from samenslim.screens.summary import SummaryScreen
from tests.conftest import choose_werkvorm, fill_setup, only_session, settled
from tests.drive import DRIVERS

FILES = sorted((builtin_content_dir() / "werkvormen").glob("*.toml"))
SOLO = [path for path in FILES if (load_file(path)[0] or pytest.fail(str(path))).solo_mogelijk]
GROUP_WORDS = re.compile(
    r"\b(jullie|de groep|groepje|groepjes|de anderen|voorzitter|deelnemers|tweetallen|drietallen|"
    r"wat gaan we|we|ons|onze|iedereen|ieder)\b|\bgroep:", re.IGNORECASE)
# Not the app speaking: what the test driver typed (tests/drive.py).
ALLOWED = ("Wat de groep zei",)


def shown(app) -> str:
    """What the screen says: every Static and Label, every Input's placeholder and value."""
    parts = [str(widget.render()) for widget in app.screen.query(Static)]
    parts += [f"{field.placeholder} {field.value}" for field in app.screen.query(Input)]
    return "\n".join(parts)


def group_wording(text: str, cards: tuple[str, ...] = ()) -> list[str]:
    """Group wording per line. A deck's cards (a vastloopsituatie describing a group, say) are what the
    book's situations are; they are described, not spoken to, so their lines are left out."""
    found = []
    for line in text.splitlines():
        if any(allowed in line for allowed in ALLOWED) or (line.strip() and any(line.strip() in card for card in cards)):
            continue
        found += [f"{match.group(0)!r} in: {line.strip()}" for match in GROUP_WORDS.finditer(line)]
    return found


def test_the_check_catches_what_the_issue_saw() -> None:
    for said in ("Wat zegt de groep?", "Groep: 6 op 0–10", "wat gaan we doen?", "Vraag de anderen", "De voorzitter"):
        assert group_wording(said), said
    assert not group_wording("Wat denk je? Wat ga je doen? Cijfer: 6 op 0–10")


@pytest.mark.parametrize("path", SOLO, ids=[path.stem for path in SOLO])
async def test_no_screen_of_a_solo_session_speaks_to_a_group(path: Path, make_app, data_dir) -> None:
    werkvorm, _ = load_file(path)
    app = make_app(offer_resume=False)
    cards: tuple[str, ...] = ()
    seen: list[str] = []
    async with app.run_test(size=(120, 50)) as pilot:
        await settled(pilot)
        await choose_werkvorm(pilot, werkvorm.id)
        await fill_setup(pilot, solo=True)
        cards = tuple(f"{card.titel}\n{card.tekst}" for deck in app.library.stapels.values() for card in deck.kaarten)
        for _ in werkvorm.stappen:
            if isinstance(app.screen, SummaryScreen):
                break
            step = app.screen.step
            seen += [f"stap '{step.titel}': {problem}" for problem in group_wording(shown(app), cards)]
            await DRIVERS[step.soort](pilot, step)
            await pilot.pause()
            seen += [f"stap '{step.titel}' ingevuld: {problem}" for problem in group_wording(shown(app), cards)]
            await pilot.press("ctrl+n")
            await pilot.pause()
        assert isinstance(app.screen, SummaryScreen), app.screen
        seen += [f"samenvatting: {problem}" for problem in group_wording(shown(app), cards)]
    report = markdown(session_from_json(only_session(data_dir)))
    seen += [f"verslag: {problem}" for problem in group_wording(report, cards)]
    assert not seen, "\n".join(seen)
