"""Step kind 'stapel': a deck of questions (e.g. check-in); draw one at random or pick one.

The cards are written in the step (`kaarten`) or come from a deck file (`stapel = "check-in-vragen"`),
which the user can replace with their own. Either way the session stores the cards as they were.
The chosen card is carried on: the next steps of the werkvorm show it as their question.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field, model_validator

from samenslim.domain.soorten.base import BaseStap, Inhoud, Soort, Vastgelegd, deck_cards

if TYPE_CHECKING:
    from samenslim.domain.decks import Stapel


class StapelInhoud(Inhoud):
    kaarten: list[Annotated[str, Field(min_length=1)]] = []
    stapel: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")] | None = None
    trekken: bool = True  # False: the group only picks, nothing is drawn


class Stap(StapelInhoud, BaseStap):
    soort: Literal["stapel"]

    @model_validator(mode="after")
    def _has_cards(self) -> Stap:
        if bool(self.kaarten) == bool(self.stapel):
            raise ValueError("geef óf 'kaarten' (een lijst vragen) óf 'stapel' (de id van een stapel), niet allebei of geen")
        return self


class Capture(Vastgelegd):
    kaart: str | None = None
    getrokken: bool = False  # True when chance chose it, False when the group picked it
    # No free text: the card comes from the deck. ('notities' was never written by the view; a file
    # that has it keeps it as an unknown key.)


def draw(cards: list[str], rng: random.Random, avoid: str | None = None) -> str:
    """A random card, not the one on the table now (when there is a choice)."""
    choices = [card for card in cards if card != avoid] or cards
    return rng.choice(choices)


class Kaartenstapel(Soort[StapelInhoud, Capture]):
    SOORT = "stapel"
    NAAM = "Kaartenstapel"
    VIEW = "samenslim.werkvormen.stapel:StapelView"
    shows_carried_card = False  # its own card is on the table

    def prepare(self, inhoud: dict[str, Any], stapels: dict[str, Stapel]) -> dict[str, Any]:
        """Copy a referenced deck's questions into the step, so the session file stands alone."""
        cards = deck_cards(inhoud.get("stapel"), stapels)
        return {**inhoud, "kaarten": [card.titel for card in cards]} if cards else inhoud

    def terugblik(self, inhoud: StapelInhoud, capture: Capture) -> list[str]:
        if not capture.kaart:
            return []
        return [f"Kaart ({'getrokken' if capture.getrokken else 'gekozen'}): {capture.kaart}"]

    def kaart(self, inhoud: StapelInhoud, capture: Capture) -> str | None:
        return capture.kaart or None


KIND = Kaartenstapel(Stap, StapelInhoud, Capture)
