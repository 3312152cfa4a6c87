"""Step kind 'tweegesprek': interviews in pairs (an odd one out makes a trio), or in threes by choice. In each half one
member of every pair tells and the other asks the step's questions; then the roles swap.
The step's time is split evenly over the halves; what each person told is captured per person."""

from __future__ import annotations

import random
from typing import Literal

from samenslim.domain.markdown import md
from samenslim.domain.soorten.base import BaseStap, Inhoud, Soort, Vastgelegd, VrijeTekst


class TweegesprekInhoud(Inhoud):
    wisselen: bool = True  # False: only the first of each pair tells (one half)
    gelijk_houden: bool = False  # True: keep the pairs of the previous tweegesprek step in this werkvorm
    drietallen: bool = False  # True: start in threes (the facilitator can still switch, ctrl+y)


class Stap(TweegesprekInhoud, BaseStap):
    soort: Literal["tweegesprek"]


class Capture(Vastgelegd):
    paren: list[list[str]] = []
    verhalen: dict[str, str] = {}  # teller -> what the partner noted of their story
    helft: int = 0  # the half the facilitator switched to by hand (ctrl+r)
    drietallen: bool | None = None  # the facilitator's choice of threes (ctrl+y); None: as the content says


def make_pairs(names: list[str], rng: random.Random | None = None, size: int = 2) -> list[list[str]]:
    """Groups in the given order (shuffled when rng is given). Pairs: with an odd count the last pair
    is a trio. Threes: what does not divide by three is made up with pairs (7 = 3 + 2 + 2), never a
    four or someone alone."""
    order = list(names)
    if rng is not None:
        rng.shuffle(order)
    if len(order) < 2:
        return [order] if order else []
    if size == 3 and len(order) > 3:
        pairs_needed = {0: 0, 1: 2, 2: 1}[len(order) % 3]
        cut = len(order) - 2 * pairs_needed
        return [order[i:i + 3] for i in range(0, cut, 3)] + [order[i:i + 2] for i in range(cut, len(order), 2)]
    if size == 3:
        return [order]
    pairs = [order[i:i + 2] for i in range(0, len(order) - len(order) % 2, 2)]
    if len(order) % 2:
        pairs[-1].append(order[-1])
    return pairs


def in_threes(inhoud: TweegesprekInhoud, capture: Capture) -> bool:
    return capture.drietallen if capture.drietallen is not None else inhoud.drietallen


def halves(pairs: list[list[str]], swap: bool) -> int:
    return max((len(group) for group in pairs), default=1) if swap else 1


def current_half(elapsed: float, planned: float | None, count: int, switched: int = 0) -> tuple[int, float | None]:
    """(0-based half, seconds left in it by the plan). The timer moves the halves on when the step
    has a planned time; the facilitator can always switch earlier (`switched`); without a plan only
    switching moves on."""
    switched = min(switched, count - 1)
    if not planned or count <= 1:
        return switched, None
    length = planned / count
    index = max(min(int(elapsed // length), count - 1), switched)
    return index, (index + 1) * length - elapsed


def tellers(pairs: list[list[str]], half: int) -> list[tuple[str, list[str]]]:
    """Who tells in this half and who listens and asks: member `half` of each group tells."""
    result = []
    for group in pairs:
        if half < len(group):
            result.append((group[half], [name for name in group if name != group[half]]))
    return result


class Tweegesprek(Soort[TweegesprekInhoud, Capture]):
    naam_sleutels = ("verhalen",)  # keyed by participant
    SOORT = "tweegesprek"
    NAAM = "Tweegesprek"
    VIEW = "samenslim.werkvormen.tweegesprek:TweegesprekView"
    needs_others = True

    def terugblik(self, inhoud: TweegesprekInhoud, capture: Capture) -> list[str]:
        lines = []
        if len(capture.paren) > 1 or any(len(group) > 1 for group in capture.paren):
            word = "Drietallen" if in_threes(inhoud, capture) else "Tweetallen"
            lines.append(f"{word}: " + "; ".join(" & ".join(group) for group in capture.paren))
        lines += [f"{name}: {text.strip()}" for name, text in capture.verhalen.items() if text.strip()]
        return lines

    def verslag(self, inhoud: TweegesprekInhoud, capture: Capture) -> list[str]:
        lines = []
        if any(len(group) > 1 for group in capture.paren):
            lines += [f"Tweetallen: {'; '.join(' & '.join(md(name) for name in group) for group in capture.paren)}.", ""]
        return lines + [f"- **{md(name)}:** {md(text)}" for name, text in capture.verhalen.items() if text.strip()]

    def vrije_teksten(self, inhoud: TweegesprekInhoud, capture: Capture) -> list[VrijeTekst]:
        found = [VrijeTekst(f"paren.{group}.{index}", name, naam=True)
                 for group, names in enumerate(capture.paren) for index, name in enumerate(names)]
        return found + [VrijeTekst(f"verhalen.{name}", text) for name, text in capture.verhalen.items()]


KIND = Tweegesprek(Stap, TweegesprekInhoud, Capture)
