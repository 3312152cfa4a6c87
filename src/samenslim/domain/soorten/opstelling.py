"""Step kind 'opstelling': people line up in the order they joined; each gives a year or date."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from samenslim.domain.markdown import block, md
from samenslim.domain.periode import in_order
from samenslim.domain.soorten.base import BaseStap, Inhoud, Soort, Vastgelegd, VrijeTekst


class OpstellingInhoud(Inhoud):
    pass


class Stap(OpstellingInhoud, BaseStap):
    soort: Literal["opstelling"]


class Plek(BaseModel):
    model_config = ConfigDict(extra="allow")

    naam: str
    sinds: str


class Capture(Vastgelegd):
    volgorde: list[Plek] = []


def line_up(places: list[Plek]) -> list[Plek]:
    """Earliest joiner first; people without a recognisable date stand at the end."""
    return in_order(places, lambda place: place.sinds)


def set_joined(capture: Capture, name: str, since: str) -> None:
    since = since.strip()
    capture.volgorde = [place for place in capture.volgorde if place.naam != name]
    if since:
        capture.volgorde.append(Plek(naam=name, sinds=since))
    capture.volgorde = line_up(capture.volgorde)


class Opstelling(Soort[OpstellingInhoud, Capture]):
    SOORT = "opstelling"
    NAAM = "Opstelling"
    VIEW = "samenslim.werkvormen.opstelling:OpstellingView"

    def terugblik(self, inhoud: OpstellingInhoud, capture: Capture) -> list[str]:
        return [f"{number}. {place.naam} (sinds {place.sinds})"
                for number, place in enumerate(line_up(capture.volgorde), start=1)]

    def verslag(self, inhoud: OpstellingInhoud, capture: Capture) -> list[str]:
        return [f"{number}. {block(place.naam)} (sinds {md(place.sinds)})"
                for number, place in enumerate(line_up(capture.volgorde), start=1)]

    def vrije_teksten(self, inhoud: OpstellingInhoud, capture: Capture) -> list[VrijeTekst]:
        found = []
        for index, place in enumerate(capture.volgorde):
            found += [VrijeTekst(f"volgorde.{index}.naam", place.naam, naam=True),
                      VrijeTekst(f"volgorde.{index}.sinds", place.sinds)]
        return found


KIND = Opstelling(Stap, OpstellingInhoud, Capture)
