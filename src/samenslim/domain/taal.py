"""Dutch wording used in several places, so every screen, report and command says it the same way.

Terms (see ARCHITECTURE.md, "Words"): a *sessie* is what samenslim records (one file); a
*bijeenkomst* is one of the pilot programme's five meetings. A session that is not finished is
*niet afgerond* everywhere (its file says status "bezig"). The person leading is the *begeleider*.
The cycle is written *5V-cyclus*.
"""

from __future__ import annotations

STATUS_NAAM = {"bezig": "niet afgerond", "afgerond": "afgerond"}

_MEERVOUD = {
    "sessie": "sessies", "deelnemer": "deelnemers", "melding": "meldingen", "sessiebestand": "sessiebestanden",
    "fout": "fouten", "werkvorm": "werkvormen", "stap": "stappen", "actie": "acties", "minuut": "minuten",
}


def aantal(count: int, woord: str) -> str:
    """'1 sessie', '3 sessies', '0 sessies'."""
    return f"{count} {woord if count == 1 else _MEERVOUD.get(woord, woord + 's')}"


def status_naam(status: str) -> str:
    return STATUS_NAAM.get(status, status)
