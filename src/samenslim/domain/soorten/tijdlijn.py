"""Step kind 'tijdlijn': anecdotes with a date or period, a short title and who told it,
shown in chronological order (historielijn)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from samenslim.domain.markdown import md
from samenslim.domain.periode import in_order
from samenslim.domain.soorten.base import BaseStap, Inhoud, Soort, Vastgelegd, VrijeTekst


class TijdlijnInhoud(Inhoud):
    pass


class Stap(TijdlijnInhoud, BaseStap):
    soort: Literal["tijdlijn"]


class Anekdote(BaseModel):
    model_config = ConfigDict(extra="allow")

    wanneer: str
    titel: str
    verteller: str = ""


class Capture(Vastgelegd):
    anekdotes: list[Anekdote] = []


def chronological(anecdotes: list[Anekdote]) -> list[Anekdote]:
    return in_order(anecdotes, lambda item: item.wanneer)


class Tijdlijn(Soort[TijdlijnInhoud, Capture]):
    SOORT = "tijdlijn"
    NAAM = "Tijdlijn"
    VIEW = "samenslim.werkvormen.tijdlijn:TijdlijnView"

    def terugblik(self, inhoud: TijdlijnInhoud, capture: Capture) -> list[str]:
        return [f"{item.wanneer} — {item.titel}" + (f" (verteld door {item.verteller})" if item.verteller else "")
                for item in chronological(capture.anekdotes)]

    def verslag(self, inhoud: TijdlijnInhoud, capture: Capture) -> list[str]:
        return [f"- **{md(item.wanneer)}:** {md(item.titel)}" + (f" _(verteld door {md(item.verteller)})_"
                                                                if item.verteller else "")
                for item in chronological(capture.anekdotes)]

    def vrije_teksten(self, inhoud: TijdlijnInhoud, capture: Capture) -> list[VrijeTekst]:
        found = []
        for index, item in enumerate(capture.anekdotes):
            found += [VrijeTekst(f"anekdotes.{index}.wanneer", item.wanneer),
                      VrijeTekst(f"anekdotes.{index}.titel", item.titel),
                      VrijeTekst(f"anekdotes.{index}.verteller", item.verteller, naam=True)]
        return found


KIND = Tijdlijn(Stap, TijdlijnInhoud, Capture)
