"""Every werkvorm in content/werkvormen runs from the home screen to the end with scripted input
per step kind, and what was typed lands in the session file. A new content file is tested
automatically; a new step kind needs a driver in tests/drive.py (test_every_kind_has_a_driver)."""

from __future__ import annotations

from pathlib import Path

import pytest

from samenslim.domain.content import load_file, validate_paths
from samenslim.domain.locations import builtin_content_dir
from samenslim.domain.soorten import KINDS
from samenslim.screens.summary import SummaryScreen
from tests.conftest import choose_werkvorm, confirm, fill_setup, only_session
from tests.drive import DRIVERS

FILES = sorted((builtin_content_dir() / "werkvormen").glob("*.toml"))


def test_every_kind_has_a_driver() -> None:
    assert set(KINDS) <= set(DRIVERS), set(KINDS) - set(DRIVERS)


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_content_file_is_valid(path: Path) -> None:
    assert validate_paths([path]) == []


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
async def test_werkvorm_runs_end_to_end(path: Path, make_app, data_dir) -> None:
    werkvorm, _ = load_file(path)
    app = make_app(offer_resume=False)
    expected: list[tuple[int, str, str]] = []
    async with app.run_test(size=(110, 36)) as pilot:
        await choose_werkvorm(pilot, werkvorm.id)
        participants = ["Anna", "Bram", "Chris"]
        await fill_setup(pilot, participants="; ".join(participants), group="Team Oost", theme="elke jongere telt",
                         roles={role: participants[index] for index, role in enumerate(werkvorm.rollen)})
        for number in range(1, len(werkvorm.stappen) + 1):
            step = app.screen.step
            assert step.titel.startswith(werkvorm.stappen[number - 1].titel.split("{")[0].strip()[:10])
            field = await DRIVERS[step.soort](pilot, step)
            if field:
                expected.append((number, step.soort, field))
            await pilot.press("ctrl+n")
            await pilot.pause()
            if step.soort == "rondje" and number == len(werkvorm.stappen):
                await confirm(pilot, "nog niet rond")  # the driver spoke once: the round is still open
        assert isinstance(app.screen, SummaryScreen)

    data = only_session(data_dir)
    assert data["status"] == "afgerond"
    [run] = data["werkvormen"]
    assert run["werkvorm_id"] == werkvorm.id and len(run["stappen"]) == len(werkvorm.stappen)
    for number, soort, field in expected:
        captured = run["stappen"][number - 1]["vastgelegd"]
        assert captured.get(field) not in (None, "", [], {}), f"stap {number} ({soort}): {field} is leeg: {captured}"
    for step in run["stappen"]:
        assert "{thema}" not in step["uitleg"] + " ".join(step["vragen"]), "the theme placeholder was filled"
