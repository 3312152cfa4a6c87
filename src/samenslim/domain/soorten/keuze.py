"""Step kind 'keuze': the group chooses the one card that fits (a vastloopsituatie, a
patroondoorbreker) from a deck, reading each card's explanation, and notes why."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from samenslim.domain.soorten.base import Afwijking, BaseStap, Vastgelegd, deck_cards

if TYPE_CHECKING:
    from samenslim.domain.decks import Stapel

SOORT = "keuze"
NAAM = "Keuze uit een stapel"
VIEW = "samenslim.werkvormen.keuze:KeuzeView"


class Stap(BaseStap):
    soort: Literal["keuze"]
    stapel: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class Optie(BaseModel):
    model_config = ConfigDict(extra="allow")

    titel: str
    tekst: str = ""
    id: str | None = None


class Capture(Vastgelegd):
    kaart: str | None = None  # the chosen card's title
    kaart_id: str | None = None
    notities: str = ""


def prepare(inhoud: dict[str, Any], stapels: dict[str, Stapel]) -> dict[str, Any]:
    cards = deck_cards(inhoud, stapels)
    return {**inhoud, "kaarten": [Optie(titel=c.titel, tekst=c.tekst, id=c.id).model_dump() for c in cards]}


def options(inhoud: dict[str, Any]) -> list[Optie]:
    return [Optie.model_validate(item) for item in inhoud.get("kaarten", [])]


def controleer(inhoud: dict[str, Any], capture: Capture) -> None:
    """A session file's cards read as options (the view lists them)."""
    cards = inhoud.get("kaarten", [])
    if not isinstance(cards, list):
        raise Afwijking("inhoud.kaarten", "moet een lijst kaarten zijn")
    for number, card in enumerate(cards):
        try:
            Optie.model_validate(card)
        except ValidationError:
            raise Afwijking(f"inhoud.kaarten.{number}", "een kaart heeft een 'titel' (tekst) en mag een "
                                                        "'tekst' en een 'id' hebben") from None


def terugblik(inhoud: dict[str, Any], vastgelegd: dict[str, Any]) -> list[str]:
    capture = Capture.model_validate(vastgelegd)
    lines = [f"Gekozen: {capture.kaart}"] if capture.kaart else ["Nog niets gekozen"]
    if capture.notities.strip():
        lines += capture.notities.strip().splitlines()
    return lines
