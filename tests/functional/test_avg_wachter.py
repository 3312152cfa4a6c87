"""The AVG-wachter (issue 14): while a note is typed, what looks like an identifier gets a quiet
warning under the field, and one key (F4) replaces it by its placeholder before it is kept."""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from samenslim.werkvormen import StepView
from tests.conftest import fill_setup, open_werkvorm, screen_text, session_files, wait_for
from tests.functional.test_footer_keys import KIND_STEPS, footer_keys, to_runner

BSN = "123456782"  # passes the 11-proef
PHONE = "06-12345678"


async def intervisie(pilot, step: int = 0) -> None:
    await open_werkvorm(pilot, "intervisie")
    await fill_setup(pilot, participants="Anna; Bram; Chris; Dana",
                     roles={"voorzitter": "Anna", "casusinbrenger": "Chris"})
    for _ in range(step):
        await pilot.press("ctrl+n")
        await pilot.pause()


def warnings(app) -> list[str]:
    return [str(widget.render()) for widget in app.screen.query(".identifier-warning")]


def footer_has_f4(app) -> bool:
    return "f4" in dict(footer_keys(app))


async def test_a_bsn_typed_in_a_round_is_replaced_by_one_key_before_it_is_kept(make_app, data_dir) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await intervisie(pilot, step=1)  # 2. Complimenten: a round
        field = app.screen.query_one("#turn-input", Input)
        assert app.focused is field
        assert not warnings(app) and not footer_has_f4(app)

        await pilot.press(*f"Haar BSN is {BSN} zei ze")
        await wait_for(pilot, lambda: warnings(app), "the warning")
        [warning] = warnings(app)
        assert warning == "Let op: dit lijkt een BSN. F4 vervangt het door [BSN verwijderd]."
        assert BSN not in screen_text(app).replace(field.value, "")  # only the field itself shows it
        assert "Let op: dit lijkt een BSN" in screen_text(app)
        assert footer_has_f4(app), "F4 shows in the footer while the warning does"
        assert app.focused is field, "the warning never takes the keyboard"

        await pilot.press("f4")
        await wait_for(pilot, lambda: not warnings(app), "the warning goes")
        assert field.value == "Haar BSN is [BSN verwijderd] zei ze"
        assert not footer_has_f4(app)

        await pilot.press("enter")  # the turn is kept
        await pilot.pause()
        assert app.services._autosaver is None or app.services._autosaver.flush()
    [path] = session_files(data_dir)
    raw = path.read_text(encoding="utf-8")
    assert "Haar BSN is [BSN verwijderd] zei ze" in raw
    assert BSN not in raw


async def test_a_phone_number_in_a_notepad_and_no_warning_for_ordinary_text(make_app, data_dir) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await intervisie(pilot)  # 1. Vertellen: a notepad
        area = app.focused
        assert isinstance(area, TextArea)
        for harmless in ("Ze woont in 1234 AB en kreeg € 1.234,56 ", "Een gewone zin over school. "):
            await pilot.press(*harmless)
            await pilot.pause()
            assert not warnings(app), harmless
            assert not footer_has_f4(app)
        before = area.text
        await pilot.press("f4")  # nothing to replace: F4 is not offered and changes nothing
        await pilot.pause()
        assert area.text == before and not warnings(app)

        await pilot.press(*f"Moeder belt via {PHONE}.")
        await wait_for(pilot, lambda: warnings(app), "the warning")
        assert warnings(app) == ["Let op: dit lijkt een telefoonnummer. F4 vervangt het door "
                                 "[telefoonnummer verwijderd]."]
        await pilot.press("f4")
        await wait_for(pilot, lambda: not warnings(app), "the warning goes")
        assert area.text == before + "Moeder belt via [telefoonnummer verwijderd]."
        view = app.screen.query_one(StepView)
        assert "[telefoonnummer verwijderd]" in view.step.vastgelegd["notities"]
        assert app.services._autosaver is None or app.services._autosaver.flush()
    raw = session_files(data_dir)[0].read_text(encoding="utf-8")
    assert "12345678" not in raw and "[telefoonnummer verwijderd]" in raw


async def test_the_warning_names_every_kind_and_goes_when_the_value_is_deleted(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await intervisie(pilot, step=1)
        await pilot.press(*f"{BSN} of mail a@b.nl")
        await wait_for(pilot, lambda: warnings(app), "the warning")
        assert warnings(app) == ["Let op: dit lijkt een BSN en een e-mailadres. F4 vervangt ze door "
                                 "[BSN verwijderd] en [e-mailadres verwijderd]."]
        field = app.screen.query_one("#turn-input", Input)
        field.value = ""
        await wait_for(pilot, lambda: not warnings(app), "the warning goes with the text")
        assert not footer_has_f4(app)


async def test_f1_explains_the_wachter_during_a_step(make_app) -> None:
    from samenslim.screens.help import HelpScreen

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await intervisie(pilot, step=1)
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        text = app.screen.hulp.as_text()
    assert "Privacy tijdens het typen" in text and "F4" in text and "[BSN verwijderd]" in text


@pytest.mark.parametrize("kind", sorted(KIND_STEPS))
async def test_every_kinds_first_field_is_watched(kind: str, make_app) -> None:
    """Whatever the kind (a round, a notepad, a row of inputs, a column, a pair's story): a BSN typed
    into the field that has the keyboard gets the warning, and F4 replaces it there."""
    werkvorm_id, step = KIND_STEPS[kind]
    app = make_app()
    async with app.run_test(size=(110, 36)) as pilot:
        await to_runner(pilot, werkvorm_id, step)
        fields = [field for field in app.screen.query_one(StepView).query("Input, TextArea")
                  if isinstance(field, (Input, TextArea)) and field.focusable and not field.disabled
                  and not (isinstance(field, Input) and (field.restrict or field.max_length))]  # a score, a time
        if not fields:  # a drawn card, a score on a scale, an explanation: nothing free to type
            assert kind in {"schaal", "stapel", "tekst"}, f"{kind} has no field to type in"
            assert not warnings(app)
            return
        field = next((field for field in fields if field is app.focused), fields[0])
        field.focus()
        await pilot.press(*f"BSN {BSN}")
        await wait_for(pilot, lambda: warnings(app), f"{kind}: the warning")
        assert footer_has_f4(app)
        await pilot.press("f4")
        await wait_for(pilot, lambda: not warnings(app), f"{kind}: the warning goes")
        text = field.value if isinstance(field, Input) else field.text
        assert "[BSN verwijderd]" in text and BSN not in text
