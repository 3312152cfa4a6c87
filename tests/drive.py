"""Scripted input per step kind, so any werkvorm can be run end to end by a Pilot test. Each driver
does what a facilitator would (type, choose, press the kind's keys) and names the captured field
that must not be empty afterwards."""

from __future__ import annotations

from textual.widgets import Input, OptionList


async def type_text(pilot, text: str) -> None:
    await pilot.press(*text)
    await pilot.pause()


async def drive_tekst(pilot, step) -> str | None:
    return None  # nothing to capture


async def drive_vragen(pilot, step) -> str | None:
    await type_text(pilot, "Wat de groep zei")
    focused = pilot.app.focused  # the first notepad: a person's when the step asks per person (not alone)
    return "per_deelnemer" if focused is not None and (focused.id or "").startswith("persoon-") else "notities"


async def drive_stapel(pilot, step) -> str | None:
    if step.inhoud.get("trekken", True):
        await pilot.press("ctrl+r")
    else:
        await pilot.press("down", "enter")
    await pilot.pause()
    return "kaart"


async def drive_keuze(pilot, step) -> str | None:
    assert isinstance(pilot.app.focused, OptionList)
    await pilot.press("down", "enter")
    await pilot.pause()
    return "kaart"


async def drive_rondje(pilot, step) -> str | None:
    await type_text(pilot, "Eerste beurt")
    await pilot.press("enter")
    if step.inhoud.get("herhalen"):
        for _ in range(2 * 10):  # pass until a whole round has passed; the view stops taking turns then
            await pilot.press("ctrl+o")
    await pilot.pause()
    return "beurten"


async def drive_tweegesprek(pilot, step) -> str | None:
    assert pilot.app.focused.id == "story-0"
    await type_text(pilot, "Een mooi verhaal")
    return "verhalen"


async def drive_schaal(pilot, step) -> str | None:
    assert pilot.app.focused.id == "score-groep"
    await type_text(pilot, "6")
    return "groep"


async def drive_tijdlijn(pilot, step) -> str | None:
    await type_text(pilot, "2019")
    pilot.app.screen.query_one("#title", Input).focus()
    await type_text(pilot, "Begin")
    await pilot.press("enter")
    await pilot.pause()
    return "anekdotes"


async def drive_opstelling(pilot, step) -> str | None:
    await type_text(pilot, "2015")
    return "volgorde"


async def drive_kolommen(pilot, step) -> str | None:
    assert pilot.app.focused.id == "col-0"
    await type_text(pilot, "Punt")
    await pilot.press("enter")
    await pilot.pause()
    return "items"


async def drive_cirkels(pilot, step) -> str | None:
    if isinstance(pilot.app.focused, OptionList):
        await pilot.press("1")  # a sorting step: put the first item on the inner ring
    else:
        await type_text(pilot, "Iets")
        await pilot.press("enter")
    await pilot.pause()
    return "items"


async def drive_actie(pilot, step) -> str | None:
    await type_text(pilot, "Afspraak maken")
    await pilot.press("enter")
    await pilot.pause()
    return "acties"


async def drive_experiment(pilot, step) -> str | None:
    assert pilot.app.focused.id == "exp-tekst"
    await type_text(pilot, "Proef")
    await pilot.press("enter")
    await pilot.pause()
    return "experimenten"


async def drive_thema(pilot, step) -> str | None:
    await type_text(pilot, "ideeen")
    pilot.app.screen.query_one("#thema", Input).focus()
    await type_text(pilot, "Elke jongere telt")
    return "thema"


DRIVERS = {name.removeprefix("drive_"): value for name, value in globals().items() if name.startswith("drive_")}
