"""What the index keeps of one session file: its summary (Samenvatting, one row of `.index.json`)
and its search text, folded so that a search finds "café" by `cafe` (fold)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter

from samenslim.domain.session import without_accents
from samenslim.domain.store import SUFFIX


@dataclass(slots=True)
class Samenvatting:
    """One session file in the listing: what the list, its filters and the command line show.
    A plain class, not a pydantic model: 10,000 of them are made on every listing."""

    bestand: str  # the file name in the sessions folder
    grootte: int  # the file's size and mtime_ns when it was read: a change means read it again
    mtime_ns: int
    titel: str = ""
    groep: str = ""
    modus: str = ""  # "groep" or "solo"; "" when the file cannot be read
    status: str = ""  # "bezig", "afgerond", or "gesloten" (bezig, closed without finishing: Sessie.gesloten)
    aangemaakt: datetime | None = None
    werkvormen: list[str] = field(default_factory=list)  # werkvorm ids, in agenda order
    werkvorm_titels: list[str] = field(default_factory=list)
    schema_versie: int | None = None
    leesbaar_alleen: bool = False  # written by a newer samenslim: listed, but this version cannot open it
    beschadigd: str | None = None  # why the file cannot be read (Dutch), None when it can

    @property
    def id(self) -> str:
        return self.bestand.removesuffix(SUFFIX)

    @property
    def prive(self) -> bool:
        """A solo session: show only its title and date."""
        return self.modus == "solo"


FIELDS = tuple(Samenvatting.__dataclass_fields__)
as_row = attrgetter(*FIELDS)  # an entry as a tuple of its fields, in order: one row of the index
# The index holds each entry as a list of its fields, in FIELDS' order: pydantic validates a list
# of tuples about twice as fast as a list of objects with keys, and the file is a third smaller.
Row = tuple[str, int, int, str, str, str, str, datetime | None, list[str], list[str], int | None, bool, str | None]


def fold(text: str) -> str:
    """What search compares: lower case, accents dropped, ĳ as ij (session.without_accents), so
    `cafe` finds "café" and `ĳssel` finds "IJssel". The query and the texts are folded alike."""
    return without_accents(text).lower()


def search_text(texts: list[str]) -> str:
    """One folded line (see fold). Line breaks become spaces: a search word never spans two texts
    either way, and a text without escapes reads back from the JSON file several times faster."""
    return fold(" ".join(texts)).replace("\n", " ")


def sort_newest_first(entries: Iterable[Samenvatting]) -> list[Samenvatting]:
    # timestamp(): a hand-edited file may hold a date without an offset, which cannot be compared directly.
    return sorted(entries, key=lambda entry: (entry.aangemaakt is not None,
                                              entry.aangemaakt.timestamp() if entry.aangemaakt else 0.0,
                                              entry.bestand), reverse=True)

