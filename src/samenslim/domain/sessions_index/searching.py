"""Searching and filtering a listing, in memory.

Solo sessions are personal reflections. Their entries say so (`prive`), a screen shows only their
title and date, and `search` does not look at what they captured unless asked to
(`include_private=True`); the group filter leaves them out in the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from samenslim.domain.groups import group_key
from samenslim.domain.sessions_index.listing import Listing
from samenslim.domain.sessions_index.summary import Samenvatting, fold


def search(listing: Listing, text: str, include_private: bool = False) -> list[Samenvatting]:
    """The listing's entries that contain every word of `text` (case- and accent-insensitive:
    fold), in listing order. A solo session is found by its title only, unless include_private: what someone noted
    for themselves does not turn up in a search on a shared screen."""
    words = fold(text).split()
    if not words:
        return list(listing.entries)
    texts = listing.search_texts()
    found = []
    for entry in listing.entries:
        haystack = fold(entry.titel) if entry.prive and not include_private else texts[entry.bestand]
        if all(word in haystack for word in words):
            found.append(entry)
    return found


def filter_entries(entries: Iterable[Samenvatting], groep: str | None = None, werkvorm: str | None = None,
                   modus: str | None = None, van: date | None = None, tot: date | None = None,
                   include_private: bool = False) -> list[Samenvatting]:
    """Entries that match every filter given. groep: case- and space-insensitive; solo sessions
    belong to no group (as in groups.py) unless include_private. werkvorm: an id or a title.
    van/tot: dates, inclusive, compared with the day the session was created."""
    wanted_group = group_key(groep) if groep else None
    wanted_werkvorm = werkvorm.lower() if werkvorm else None
    found = []
    for entry in entries:
        if wanted_group is not None and (group_key(entry.groep) != wanted_group
                                         or (entry.prive and not include_private)):
            continue
        if wanted_werkvorm is not None and wanted_werkvorm not in (
                [item.lower() for item in entry.werkvormen] + [item.lower() for item in entry.werkvorm_titels]):
            continue
        if modus is not None and entry.modus != modus:
            continue
        day = entry.aangemaakt.date() if entry.aangemaakt else None
        if van is not None or tot is not None:
            if day is None or (van is not None and day < van) or (tot is not None and day > tot):
                continue
        found.append(entry)
    return found

