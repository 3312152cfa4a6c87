"""At start-up the app reminds the facilitator of sessions past their group's retention term, after
the first frame (in a worker), naming how many and the command that cleans them up."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from samenslim.domain import retention
from tests.conftest import wait_for

EXAMPLES = Path(__file__).parents[2] / "sessions"
REMINDER = ("1 sessie over de bewaartermijn van de groep. Ruim op met: samenslim opruimen "
            "(zonder --uitvoeren zie je eerst wat er gebeurt).")


def messages(app) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def test_sessions_past_their_term_are_named_at_start(make_app, data_dir: Path) -> None:
    shutil.copytree(EXAMPLES, data_dir / "sessies")
    retention.record(data_dir, "Netwerk Jongeren Oost", 1, "kort", datetime(2026, 3, 1, tzinfo=UTC))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: REMINDER in messages(app), "the retention reminder")
        reminder = next(n for n in app._notifications if str(n.message) == REMINDER)
        assert reminder.title == "Bewaartermijn verlopen" and reminder.severity == "warning"
        await pilot.press("ctrl+q")


async def test_no_reminder_within_the_term(make_app, data_dir: Path) -> None:
    shutil.copytree(EXAMPLES, data_dir / "sessies")
    retention.record(data_dir, "Netwerk Jongeren Oost", 24, "lang", datetime(2026, 3, 1, tzinfo=UTC))
    app = make_app()
    answers: list[str | None] = []
    check = app.services.retention_notice
    app.services.retention_notice = lambda: answers.append(check()) or answers[-1]  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: answers, "the retention check")
        await pilot.pause()
        assert answers == [None]
        assert not any("bewaartermijn" in message for message in messages(app))
        await pilot.press("ctrl+q")


async def test_the_group_view_shows_and_sets_the_term(make_app, data_dir: Path) -> None:
    import tomllib

    from samenslim.messages import OpenGroup
    from samenslim.screens.group import GroupScreen
    from samenslim.screens.retention import RetentionDialog

    shutil.copytree(EXAMPLES, data_dir / "sessies")
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        app.post_message(OpenGroup("Netwerk Jongeren Oost"))
        await wait_for(pilot, lambda: isinstance(app.screen, GroupScreen) and app.screen.query("#group-term"),
                       "the group view with its term line")
        term_line = app.screen.query_one("#group-term")
        assert "Nog geen bewaartermijn vastgelegd (b: vastleggen)." in str(term_line.render())
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(app.screen, RetentionDialog), "the retention dialog")
        await pilot.press("x", "enter")  # not a number: refused in Dutch, nothing written
        await pilot.press(*"18", "enter")
        assert "Reden: schrijf op waarom deze termijn." in str(app.screen.query_one("#retention-error").render())
        assert app.screen.focused is app.screen.query_one("#retention-reason")
        await pilot.press(*"convenant", "tab", "down", "enter")  # the reason, then anonimiseren
        await pilot.press("shift+tab", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, GroupScreen), "back in the group view")
        await wait_for(pilot, lambda: "18 maanden na de laatste bijeenkomst, daarna anonimiseren. Reden: convenant"
                       in str(app.screen.query_one("#group-term").render()), "the term shown")
        assert any("vastgelegd: 18 maanden" in message for message in messages(app))
        await pilot.press("ctrl+q")
    path = data_dir / "bewaartermijnen.toml"
    stored = tomllib.loads(path.read_text(encoding="utf-8"))["termijn"][0]
    assert (stored["groep"], stored["maanden"], stored["reden"], stored["na"]) == (
        "Netwerk Jongeren Oost", 18, "convenant", "anonimiseren")
    assert path.stat().st_mode & 0o777 == 0o600
