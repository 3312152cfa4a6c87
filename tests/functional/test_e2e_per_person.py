"""Experiment ontwerpen: each person picks their own topic, so its personal steps keep a notepad per
person (the book: everyone works out a topic they have energy for). Older files still read."""

from __future__ import annotations

from textual.widgets import TextArea

from samenslim.domain.export import markdown
from samenslim.domain.readback import step_lines
from samenslim.domain.session import StapRun
from samenslim.domain.store import SessionStore
from tests.conftest import choose_werkvorm, fill_setup, only_session, settled, wait_for


async def type_into(pilot, area_id: str, text: str) -> None:
    area = pilot.app.screen.query_one(f"#{area_id}", TextArea)
    area.focus()
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause()


async def test_each_person_keeps_their_own_topic(make_app, data_dir) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(110, 40)) as pilot:
        await settled(pilot)
        await choose_werkvorm(pilot, "experiment-ontwerpen")
        await fill_setup(pilot, participants="Anna; Bram")
        screen = app.screen
        labels = [str(label.render()) for label in screen.query(".capture-label").results()]
        assert labels[:2] == ["Anna", "Bram"], labels
        await type_into(pilot, "persoon-0", "Ouders eerder betrekken")
        await type_into(pilot, "persoon-1", "Stage zonder wachtlijst")
        await type_into(pilot, "notities", "Veel energie")
        await app.workers.wait_for_complete()
        assert app.services._autosaver.flush()
        step = only_session(data_dir)["werkvormen"][0]["stappen"][0]
        assert step["inhoud"]["per_deelnemer"] is True, "the file says the step asked per person"
        assert step["vastgelegd"]["per_deelnemer"] == {"Anna": "Ouders eerder betrekken", "Bram": "Stage zonder wachtlijst"}
        assert step["vastgelegd"]["notities"] == "Veel energie"
        # The design step, two steps on, asks per person again and keeps what was typed on return.
        await pilot.press("ctrl+n", "ctrl+n")
        await wait_for(pilot, lambda: screen.session.positie.stap == 2, "the design step")
        await type_into(pilot, "persoon-1", "Morgen bellen met de werkgever")
        await pilot.press("ctrl+b", "ctrl+b")
        await wait_for(pilot, lambda: screen.session.positie.stap == 0, "back to the first step")
        assert screen.query_one("#persoon-0", TextArea).text == "Ouders eerder betrekken"
        assert app.services._autosaver.flush()
    session = SessionStore(data_dir / "sessies").load(only_session(data_dir)["id"])
    report = markdown(session)
    assert "- Anna: Ouders eerder betrekken" in report and "- Bram: Stage zonder wachtlijst" in report
    assert "- Bram: Morgen bellen met de werkgever" in report


async def test_alone_it_is_one_notepad(make_app, data_dir) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(110, 40)) as pilot:
        await settled(pilot)
        await choose_werkvorm(pilot, "experiment-ontwerpen")
        await fill_setup(pilot, solo=True)
        assert [area.id for area in app.screen.query(TextArea).results()] == ["notities"]


def test_an_older_step_without_per_person_notes_reads_as_before() -> None:
    old = StapRun.model_validate({"titel": "Waar zit je energie?", "soort": "vragen",
                                  "vastgelegd": {"notities": "Ouders\nStage"}})
    assert step_lines(old) == ["Ouders", "Stage"]


async def test_cirkel_van_invloed_in_a_group_is_one_circle_per_person_then_compared(make_app, data_dir) -> None:
    from textual.widgets import Input, OptionList, Static

    from tests.functional.test_help import screen_text

    app = make_app(offer_resume=False)
    async with app.run_test(size=(120, 44)) as pilot:
        await settled(pilot)
        await choose_werkvorm(pilot, "cirkel-van-invloed")
        await fill_setup(pilot, participants="Anna; Bram")
        screen = app.screen
        assert "Cirkel van: Anna" in str(screen.query_one("#person", Static).render())
        assert isinstance(app.focused, Input)
        await pilot.press(*"Vergaderen", "enter")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert "Cirkel van: Bram" in str(screen.query_one("#person", Static).render())
        assert screen.query_one("#items", OptionList).option_count == 0, "Bram starts with an empty circle"
        await pilot.press(*"Mail", "enter", *"Roosters", "enter")
        await pilot.press("ctrl+z")  # takes back Bram's last item, not Anna's
        await pilot.pause()
        assert app.services._autosaver.flush()
        first = only_session(data_dir)["werkvormen"][0]["stappen"][0]["vastgelegd"]["items"]
        assert [(item["tekst"], item["van"]) for item in first] == [("Vergaderen", "Anna"), ("Mail", "Bram")]
        # Sorting: each person places their own items.
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: screen.session.positie.stap == 1, "the sorting step")
        assert isinstance(app.focused, OptionList)
        await pilot.press("1")  # Anna's Vergaderen: invloed
        await pilot.press("ctrl+o")
        await pilot.pause()
        screen.query_one("#items", OptionList).focus()
        await pilot.press("2")  # Bram's Mail: betrokkenheid
        await pilot.pause()
        assert app.services._autosaver.flush()
        second = only_session(data_dir)["werkvormen"][0]["stappen"][1]["vastgelegd"]["items"]
        assert {(item["tekst"], item["van"], item["ring"]) for item in second} == {
            ("Vergaderen", "Anna", "Invloed"), ("Mail", "Bram", "Betrokkenheid")}
        # Comparing: both circles side by side.
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: screen.session.positie.stap == 2, "the compare step")
        assert screen.step.titel == "Vergelijk de cirkels"
        await pilot.pause()
        shown = screen_text(app)
        assert "Anna" in shown and "Bram" in shown and "Vergaderen" in shown and "Mail" in shown, shown
        assert "ctrl+o" not in shown.splitlines()[-1], "nothing to switch while comparing"
        assert app.services._autosaver.flush()
    session = SessionStore(data_dir / "sessies").load(only_session(data_dir)["id"])
    report = markdown(session)
    assert "**Cirkel van Anna**" in report and "**Cirkel van Bram**" in report


async def test_cirkel_van_invloed_alone_has_one_circle_and_no_comparison(make_app, data_dir) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(110, 40)) as pilot:
        await settled(pilot)
        await choose_werkvorm(pilot, "cirkel-van-invloed")
        await fill_setup(pilot, solo=True)
        screen = app.screen
        assert not screen.query("#person")
        assert [step.titel for step in screen.session.current_werkvorm.stappen] == [
            "Wat kost je veel tijd?", "Invloed of betrokkenheid?", "Reflectie"]
        await pilot.press(*"Vergaderen", "enter")
        await pilot.pause()
        assert app.services._autosaver.flush()
    items = only_session(data_dir)["werkvormen"][0]["stappen"][0]["vastgelegd"]["items"]
    assert [(item["tekst"], item["van"]) for item in items] == [("Vergaderen", "")]


def test_older_shared_circles_read_as_before() -> None:
    old = StapRun.model_validate({"titel": "Cirkels", "soort": "cirkels", "inhoud": {"ringen": ["Invloed", "Betrokkenheid"]},
                                  "vastgelegd": {"items": [{"tekst": "Mail", "ring": "Invloed"}]}})
    assert step_lines(old) == ["Invloed: Mail"]
