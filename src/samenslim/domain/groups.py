"""Groups across sessions: a group is known by its name in the session files. Its positive theme
is the newest one found in its sessions, so a theme worded in one meeting is offered in the next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from samenslim.domain.session import Sessie


@dataclass(frozen=True)
class GroupInfo:
    naam: str
    thema: str
    thema_datum: datetime | None
    sessies: int


def group_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def groups_from(sessions: list[Sessie]) -> dict[str, GroupInfo]:
    """Per group (keyed case- and space-insensitively): the newest theme and how many sessions."""
    found: dict[str, GroupInfo] = {}
    for session in sorted(sessions, key=lambda s: s.bijgewerkt):
        remember(found, session)
    return found


def remember(groups: dict[str, GroupInfo], session: Sessie, counted: bool = False) -> None:
    """Fold one session (newer than those seen) into the overview; counted: it is already in there."""
    if not session.groep.strip() or session.modus == "solo":
        return
    key = group_key(session.groep)
    before = groups.get(key)
    theme, when = (before.thema, before.thema_datum) if before else ("", None)
    if session.thema.strip():
        theme, when = session.thema.strip(), session.bijgewerkt
    count = (before.sessies if before else 0) + (0 if counted else 1)
    groups[key] = GroupInfo(naam=session.groep.strip(), thema=theme, thema_datum=when, sessies=count)
