"""Step kind 'keuze': the group chooses the one card that fits (a vastloopsituatie, a
patroondoorbreker) from a deck, reading each card's explanation, and notes why."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from samenslim.domain.soorten.base import (
    BaseStap,
    Inhoud,
    Soort,
    Vastgelegd,
    VrijeTekst,
    deck_cards,
    notes,
)

if TYPE_CHECKING:
    from samenslim.domain.decks import Stapel


class Optie(BaseModel):
    model_config = ConfigDict(extra="allow")

    titel: str
    tekst: str = ""
    id: str | None = None


class KeuzeInhoud(Inhoud):
    stapel: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")] = ""
    # The deck's cards, copied in when the session starts (prepare); not written in TOML.
    kaarten: list[Optie] = []


class Stap(KeuzeInhoud, BaseStap):
    soort: Literal["keuze"]
    stapel: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]  # required in content

    @model_validator(mode="before")
    @classmethod
    def _cards_come_from_the_deck(cls, data: Any) -> Any:
        if isinstance(data, dict) and "kaarten" in data:
            raise ValueError("een keuze neemt de kaarten uit zijn 'stapel'; schrijf geen 'kaarten'")
        return data


class Capture(Vastgelegd):
    kaart: str | None = None  # the chosen card's title
    kaart_id: str | None = None
    notities: str = ""


class Keuze(Soort[KeuzeInhoud, Capture]):
    SOORT = "keuze"
    NAAM = "Keuze uit een stapel"
    VIEW = "samenslim.werkvormen.keuze:KeuzeView"

    def prepare(self, inhoud: dict[str, Any], stapels: dict[str, Stapel]) -> dict[str, Any]:
        cards = deck_cards(inhoud.get("stapel"), stapels)
        return {**inhoud, "kaarten": [Optie(titel=c.titel, tekst=c.tekst, id=c.id).model_dump() for c in cards]}

    def terugblik(self, inhoud: KeuzeInhoud, capture: Capture) -> list[str]:
        lines = [f"Gekozen: {capture.kaart}"] if capture.kaart else ["Nog niets gekozen"]
        if capture.notities.strip():
            lines += capture.notities.strip().splitlines()
        return lines

    def vrije_teksten(self, inhoud: KeuzeInhoud, capture: Capture) -> list[VrijeTekst]:
        return notes(capture)


KIND = Keuze(Stap, KeuzeInhoud, Capture)
