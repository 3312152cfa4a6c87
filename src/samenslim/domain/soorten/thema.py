"""Step kind 'thema': the group words its positive theme. The result becomes the session's theme,
fills the {thema} places in the steps still to come and is carried into the group's later sessions."""

from __future__ import annotations

from typing import Literal

from samenslim.domain.markdown import bullets, md, note_lines, paragraph
from samenslim.domain.soorten.base import BaseStap, Inhoud, Soort, Vastgelegd, VrijeTekst, notes


class ThemaInhoud(Inhoud):
    pass


class Stap(ThemaInhoud, BaseStap):
    soort: Literal["thema"]


class Capture(Vastgelegd):
    notities: str = ""
    thema: str = ""


class Thema(Soort[ThemaInhoud, Capture]):
    SOORT = "thema"
    NAAM = "Positief thema"
    VIEW = "samenslim.werkvormen.thema:ThemaView"

    def terugblik(self, inhoud: ThemaInhoud, capture: Capture) -> list[str]:
        lines = [f"Thema: {capture.thema.strip()}"] if capture.thema.strip() else []
        return lines + (capture.notities.strip().splitlines() if capture.notities.strip() else [])

    def verslag(self, inhoud: ThemaInhoud, capture: Capture) -> list[str]:
        lines = [f"**Thema: {md(capture.thema)}**"] if capture.thema.strip() else []
        return lines + paragraph(bullets(note_lines(capture.notities)))

    def thema(self, inhoud: ThemaInhoud, capture: Capture) -> str:
        return capture.thema

    def vrije_teksten(self, inhoud: ThemaInhoud, capture: Capture) -> list[VrijeTekst]:
        return notes(capture) + notes(capture, "thema")


KIND = Thema(Stap, ThemaInhoud, Capture)
