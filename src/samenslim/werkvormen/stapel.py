"""Step kind 'stapel': a deck of cards (e.g. check-in questions); draw one at random or pick one."""

from __future__ import annotations

import random
from typing import Annotated, Literal

from pydantic import Field

from samenslim.werkvormen.base import BaseStap, Vastgelegd

SOORT = "stapel"
NAAM = "Kaartenstapel"
VIEW = "samenslim.widgets.steps.stapel:StapelView"


class Stap(BaseStap):
    soort: Literal["stapel"]
    kaarten: Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=1)]


class Capture(Vastgelegd):
    kaart: str | None = None
    getrokken: bool = False  # True when chance chose it, False when the group picked it
    notities: str = ""


def draw(cards: list[str], rng: random.Random, avoid: str | None = None) -> str:
    """A random card, not the one on the table now (when there is a choice)."""
    choices = [card for card in cards if card != avoid] or cards
    return rng.choice(choices)


def terugblik(inhoud: dict, vastgelegd: dict) -> list[str]:
    capture = Capture.model_validate(vastgelegd)
    lines = []
    if capture.kaart:
        how = "getrokken" if capture.getrokken else "gekozen"
        lines.append(f"Kaart ({how}): {capture.kaart}")
    if capture.notities.strip():
        lines += capture.notities.strip().splitlines()
    return lines
