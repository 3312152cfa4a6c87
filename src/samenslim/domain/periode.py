"""Reading the loose dates people type for anecdotes and joining moments.

Facilitators write what the group says: "2019", "mei 2021", "15-3-2020", "voorjaar 2018",
"eind 2022". We only need an order, so we turn such text into a sortable (year, month, day) key;
text without a recognisable year sorts after everything dated, in the order it was entered.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

_MONTH_NAMES = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                "september", "oktober", "november", "december"]
MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, start=1)}
MONTHS |= {name[:3]: number for name, number in list(MONTHS.items())} | {"mrt": 3, "sept": 9}
SEASONS = {"begin": 1, "voorjaar": 4, "lente": 4, "zomer": 7, "najaar": 10, "herfst": 10, "eind": 12, "winter": 12}

_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)|(?<!\d)(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?!\d)|(?<!\d)(\d{1,2})[-/.](\d{4})(?!\d)")

SortKey = tuple[int, int, int, int]


def sort_key(text: str) -> SortKey:
    """(0, year, month, day) for dated text, (1, 0, 0, 0) for text without a year."""
    lowered = text.lower()
    numeric = _NUMERIC.search(lowered)
    if numeric:
        g = numeric.groups()
        if g[0]:  # d-m-yyyy
            return (0, int(g[2]), _month(int(g[1])), int(g[0]))
        if g[3]:  # yyyy-m(-d)
            return (0, int(g[3]), _month(int(g[4])), int(g[5] or 0))
        return (0, int(g[7]), _month(int(g[6])), 0)  # m-yyyy
    year = _YEAR.search(lowered)
    if not year:
        return (1, 0, 0, 0)
    month = 0
    for word in re.findall(r"[a-z]+", lowered):
        if word in MONTHS:
            month = MONTHS[word]
            break
        if word in SEASONS:
            month = SEASONS[word]
            break
    return (0, int(year.group(1)), month, 0)


def _month(value: int) -> int:
    return value if 1 <= value <= 12 else 0


def in_order(items: list[T], when: Callable[[T], str]) -> list[T]:
    """Items sorted by the date text `when(item)` gives; ties keep their entry order."""
    return sorted(items, key=lambda item: sort_key(when(item)))
