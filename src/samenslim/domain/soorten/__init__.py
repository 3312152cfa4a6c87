"""The step kinds. Each module describes one kind: its content model, what it captures, and one
`Soort` object (the module's KIND) that answers every question the app asks about a step of that
kind. Its screen part lives in samenslim.werkvormen (named by the kind's VIEW), so this package stays
free of Textual. Adding a kind: write the module, add it to the tuple below, write its view."""

from __future__ import annotations

from typing import Any

from samenslim.domain.soorten import (
    actie,
    cirkels,
    experiment,
    keuze,
    kolommen,
    opstelling,
    rondje,
    schaal,
    stapel,
    tekst,
    thema,
    tijdlijn,
    tweegesprek,
    vragen,
)
from samenslim.domain.soorten.base import HasStepData, Soort

KINDS: dict[str, Soort[Any, Any]] = {
    kind.SOORT: kind for kind in (tekst.KIND, vragen.KIND, stapel.KIND, keuze.KIND, rondje.KIND, tweegesprek.KIND,
                                  schaal.KIND, tijdlijn.KIND, opstelling.KIND, kolommen.KIND, cirkels.KIND,
                                  actie.KIND, experiment.KIND, thema.KIND)
}

# What a step of a kind that needs other people becomes in a solo session: the same questions, answered
# for yourself (see Soort.needs_others).
ALONE = vragen.KIND


def kind_of(step: HasStepData) -> Soort[Any, Any] | None:
    """The kind of a stored step, or None for a kind this version does not know (a newer file)."""
    return KINDS.get(step.soort)


def needs_others(soort: str) -> bool:
    kind = KINDS.get(soort)
    return kind is not None and kind.needs_others


def carried_card(steps: list[Any]) -> str | None:
    """The card the newest of these steps carries on (e.g. the check-in question drawn earlier in the werkvorm)."""
    for step in reversed(steps):
        kind = kind_of(step)
        if kind is None or not kind.answers("kaart"):  # carries no card: no need to read its capture
            continue
        if card := kind.kaart(kind.inhoud(step), kind.capture(step)):
            return card
    return None
