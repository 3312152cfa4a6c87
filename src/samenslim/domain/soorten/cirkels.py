"""Step kind 'cirkels': items placed on concentric rings (progressiecirkel: achieved / still
wanted; cirkel van invloed en betrokkenheid; the stakeholdermap's rings 1-4), optionally with a
relation strength and an interest per item. A step can carry over the items of the previous
circles step of the same werkvorm, so a map grows over several steps.

With `per_deelnemer = true` each participant fills a circle of their own (cirkel van invloed is an
individual exercise: in a group, everyone makes their own set); every item then names whose it is
(`van`). A step with `vergelijken = true` shows everyone's circles side by side to compare them."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from samenslim.domain.markdown import block, md
from samenslim.domain.soorten.base import BaseStap, Inhoud, Soort, Vastgelegd, VrijeTekst

RELATIES = ("sterk", "zwak", "moet sterker")
NIET_GEPLAATST = "nog niet geplaatst"


class CirkelsInhoud(Inhoud):
    ringen: Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=1, max_length=6)]  # inner first
    overnemen: bool = False  # start from the items of the previous 'cirkels' step
    relatie: bool = False  # ask for the relation strength (sterk / zwak / moet sterker)
    belang: bool = False  # ask for the item's interest (wat wil deze partij?)
    nieuw_in: str = ""  # the ring new items go to; "" leaves them unplaced, to be sorted later
    per_deelnemer: bool = False  # a set of items per participant (group sessions)
    vergelijken: bool = False  # only show the circles (per person) to compare them; nothing is added


class Stap(CirkelsInhoud, BaseStap):
    soort: Literal["cirkels"]

    @model_validator(mode="after")
    def _known_ring(self) -> Stap:
        if self.nieuw_in and self.nieuw_in not in self.ringen:
            raise ValueError(f"nieuw_in = '{self.nieuw_in}' is geen van de ringen ({', '.join(self.ringen)})")
        return self


class Item(BaseModel):
    model_config = ConfigDict(extra="allow")

    tekst: str
    ring: str = ""  # "" while not yet placed
    relatie: str = ""
    belang: str = ""
    van: str = ""  # whose circle, when the step asks per participant ("" in shared circles and older files)


class Capture(Vastgelegd):
    items: list[Item] = []


def by_ring(items: list[Item], rings: list[str]) -> dict[str, list[Item]]:
    """Items per ring, inner ring first, unplaced items last (only when there are any)."""
    grouped: dict[str, list[Item]] = {ring: [] for ring in rings}
    unplaced: list[Item] = []
    for item in items:
        (grouped[item.ring] if item.ring in grouped else unplaced).append(item)
    if unplaced:
        grouped[NIET_GEPLAATST] = unplaced
    return grouped


def next_relation(current: str) -> str:
    order = ("",) + RELATIES
    return order[(order.index(current) + 1) % len(order)] if current in order else RELATIES[0]


def describe(item: Item) -> str:
    extra = [part for part in (item.relatie and f"relatie: {item.relatie}", item.belang and f"belang: {item.belang}")
             if part]
    return item.tekst + (f" ({'; '.join(extra)})" if extra else "")


def by_person(items: list[Item]) -> dict[str, list[Item]]:
    """Items per owner, in the order the owners first appear ("" for items of no one in particular)."""
    grouped: dict[str, list[Item]] = {}
    for item in items:
        grouped.setdefault(item.van, []).append(item)
    return grouped


class Cirkels(Soort[CirkelsInhoud, Capture]):
    SOORT = "cirkels"
    NAAM = "Cirkels"
    VIEW = "samenslim.werkvormen.cirkels:CirkelsView"

    def terugblik(self, inhoud: CirkelsInhoud, capture: Capture) -> list[str]:
        return [f"{f'{person} · ' if person else ''}{ring}: {'; '.join(describe(item) for item in group)}"
                for person, own in by_person(capture.items).items()
                for ring, group in by_ring(own, list(inhoud.ringen)).items() if group]

    def verslag(self, inhoud: CirkelsInhoud, capture: Capture) -> list[str]:
        """The rings from the inside out, each with what was placed on it: nested lists read as rings
        in a mail client and in the read-back screen alike."""
        rings = list(inhoud.ringen)
        lines = []
        for person, own in by_person(capture.items).items():
            if person:  # one circle per participant: a heading per person
                lines += ["", f"**Cirkel van {md(person)}**", ""]
            for depth, (ring, items) in enumerate(by_ring(own, rings).items()):
                if not items:
                    continue
                where = "binnenste ring" if depth == 0 else ("buitenste ring" if depth == len(rings) - 1
                                                             else f"ring {depth + 1}")
                label = md(ring) if ring == NIET_GEPLAATST else f"{'◎ ' * (depth + 1)}{md(ring)} ({where})"
                lines.append(f"- **{label}**")
                lines += [f"  - {block(describe(item))}" for item in items]
        return lines

    def vrije_teksten(self, inhoud: CirkelsInhoud, capture: Capture) -> list[VrijeTekst]:
        found = []
        for index, item in enumerate(capture.items):
            found += [VrijeTekst(f"items.{index}.tekst", item.tekst),
                      VrijeTekst(f"items.{index}.belang", item.belang),
                      VrijeTekst(f"items.{index}.van", item.van, naam=True)]
        return found


KIND = Cirkels(Stap, CirkelsInhoud, Capture)
