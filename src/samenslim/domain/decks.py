"""Content beside the werkvormen: decks of cards (check-in questions, vastloopsituaties,
spiekbriefjes) and programmes (a series of meetings, each an agenda of werkvormen).

Plain pydantic models; the loader in samenslim.domain.content reads them from TOML like werkvormen.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=60)]
Fase = Literal["verwoorden", "verwonderen", "verbeelden", "vormgeven", "verwezenlijken"]
Hoofdstuk = Literal["Richting bepalen", "Experimenteren", "Landen en inbedden"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Kaart(Strict):
    titel: Annotated[str, Field(min_length=1)]
    tekst: str = ""
    id: Id | None = None
    # For the vastloop-helper: werkvormen (ids) and patroondoorbrekers (card ids) that fit this card.
    werkvormen: list[Id] = []
    doorbrekers: list[Id] = []


class Stapel(Strict):
    """A deck. A spiekbriefje is a deck the runner can show over any step (ctrl+s)."""

    id: Id
    titel: Annotated[str, Field(min_length=1)]
    uitleg: str = ""
    spiekbriefje: bool = False
    # A deck that belongs to one chapter (its werkzame principes): shown with that chapter's werkvormen.
    hoofdstuk: Hoofdstuk | None = None
    kaarten: Annotated[list[Kaart], Field(min_length=1)]

    @field_validator("kaarten", mode="before")
    @classmethod
    def _plain_cards(cls, value: Any) -> Any:
        # A card may be written as just its text: kaarten = ["Hoe is het?", ...]
        if isinstance(value, list):
            return [{"titel": item} if isinstance(item, str) else item for item in value]
        return value

    def card(self, card_id: str) -> Kaart | None:
        return next((card for card in self.kaarten if card.id == card_id), None)


class Bijeenkomst(Strict):
    titel: Annotated[str, Field(min_length=1)]
    doel: str = ""
    fasen: list[Fase] = []
    werkvormen: Annotated[list[Id], Field(min_length=1)]
    toelichting: str = ""


class Programma(Strict):
    id: Id
    titel: Annotated[str, Field(min_length=1)]
    uitleg: str = ""
    bijeenkomsten: Annotated[list[Bijeenkomst], Field(min_length=1)]
