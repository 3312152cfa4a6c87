"""Step kind 'stapel': a deck of questions (e.g. check-in); draw one at random or pick one.

The cards are written in the step (`kaarten`) or come from a deck file (`stapel = "check-in-vragen"`),
which the user can replace with their own. Either way the session stores the cards as they were.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field, model_validator

from samenslim.domain.soorten.base import BaseStap, Vastgelegd, deck_cards

if TYPE_CHECKING:
    from samenslim.domain.decks import Stapel

SOORT = "stapel"
NAAM = "Kaartenstapel"
VIEW = "samenslim.werkvormen.stapel:StapelView"


class Stap(BaseStap):
    soort: Literal["stapel"]
    kaarten: list[Annotated[str, Field(min_length=1)]] = []
    stapel: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")] | None = None
    trekken: bool = True  # False: the group only picks, nothing is drawn

    @model_validator(mode="after")
    def _has_cards(self) -> Stap:
        if bool(self.kaarten) == bool(self.stapel):
            raise ValueError("geef óf 'kaarten' (een lijst vragen) óf 'stapel' (de id van een stapel), niet allebei of geen")
        return self


class Capture(Vastgelegd):
    kaart: str | None = None
    getrokken: bool = False  # True when chance chose it, False when the group picked it
    notities: str = ""


def prepare(inhoud: dict[str, Any], stapels: dict[str, Stapel]) -> dict[str, Any]:
    """Copy a referenced deck's questions into the step, so the session file stands alone."""
    cards = deck_cards(inhoud, stapels)
    return {**inhoud, "kaarten": [card.titel for card in cards]} if cards else inhoud


def draw(cards: list[str], rng: random.Random, avoid: str | None = None) -> str:
    """A random card, not the one on the table now (when there is a choice)."""
    choices = [card for card in cards if card != avoid] or cards
    return rng.choice(choices)


def terugblik(inhoud: dict[str, Any], vastgelegd: dict[str, Any]) -> list[str]:
    capture = Capture.model_validate(vastgelegd)
    lines = []
    if capture.kaart:
        how = "getrokken" if capture.getrokken else "gekozen"
        lines.append(f"Kaart ({how}): {capture.kaart}")
    if capture.notities.strip():
        lines += capture.notities.strip().splitlines()
    return lines
