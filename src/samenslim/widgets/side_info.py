"""The runner's side panel below the timer: roles, who is there, the theme, the agenda, the spiekbriefje
and the second screen's address (for the facilitator, not the room)."""

from __future__ import annotations

from rich.text import Text

from samenslim.domain.session import Sessie
from samenslim.domain.taal import aantal


def side_info(session: Sessie, second_screen_url: str | None = None) -> Text:
    info = Text()
    run = session.current_werkvorm
    for role, name in run.rollen.items():
        info.append(f"{role.capitalize()}: ", style="bold")
        info.append(f"{name or '—'}\n")
    if session.modus == "solo":
        info.append("Alleen (reflectie)\n", style="italic")
    elif session.deelnemers:
        info.append(f"{aantal(len(session.deelnemers), 'deelnemer')}\n")
    if session.thema:
        info.append("Thema: ", style="bold")
        info.append(session.thema + "\n")
    if len(session.werkvormen) > 1:
        info.append("Agenda\n", style="bold")
        for index, item in enumerate(session.werkvormen):
            here = index == session.positie.werkvorm
            done = all(step.beeindigd for step in item.stappen)
            mark = "▶ " if here else ("✓ " if done else "  ")
            info.append(f"{mark}{item.titel}\n", style="bold" if here else "")
    if session.current_step.spiekbriefje:
        info.append("ctrl+s: spiekbriefje\n", style="italic")
    if second_screen_url:
        info.append("Tweede scherm: ", style="bold")
        info.append(f"{second_screen_url}\n")
    return info
