"""A session as a report ('verslag') in Markdown, to mail or keep: readable as plain text and clean
when converted. Deterministic: the same session always gives the same text. User text is escaped
by domain/markdown.py; how a step's capture is written is its kind's own `verslag`.
"""

from __future__ import annotations

import json
from datetime import datetime

from pydantic import ValidationError

from samenslim.domain.markdown import block, bullets, heading, md
from samenslim.domain.readback import actions, minutes, step_lines
from samenslim.domain.session import Sessie, StapRun
from samenslim.domain.soorten import kind_of
from samenslim.domain.soorten.base import Punt

DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]


def dutch_date(moment: datetime) -> str:
    """'maandag 23 november 2026, 14:05', in the time zone the session was recorded in."""
    return f"{DAYS[moment.weekday()]} {moment.day} {MONTHS[moment.month - 1]} {moment.year}, {moment:%H:%M}"


# -- per kind: what was captured (each kind's own layout, else its terugblik lines) --------------

def captured(step: StapRun) -> list[str]:
    kind = kind_of(step)
    try:
        if kind is None:
            lines = bullets(step_lines(step))
        else:
            inhoud, capture = kind.inhoud(step), kind.capture(step)
            own = kind.verslag(inhoud, capture)
            lines = own if own is not None else bullets(kind.terugblik(inhoud, capture))
    except ValidationError:  # a capture this version cannot read (an edited file): show it as data
        lines = bullets([json.dumps(step.vastgelegd, ensure_ascii=False)])
    while lines and not lines[0]:
        lines = lines[1:]
    return lines


def time_used(step: StapRun) -> str:
    used = f"{minutes(step.gebruikte_seconden)} min"
    if step.geplande_seconden:
        planned = f"{minutes(step.geplande_seconden)}"
        if step.extra_seconden:
            sign = "+" if step.extra_seconden > 0 else "-"
            planned += f" {sign} {minutes(abs(step.extra_seconden))}"
        return f"_Tijd: {used} (gepland {planned})_"
    return f"_Tijd: {used}_"


# -- the report -------------------------------------------------------------------------------

def markdown(sessie: Sessie) -> str:
    out = [heading(1, sessie.titel), ""]
    out += [f"- **{label}:** {value}" for label, value in facts(sessie) if value]
    for run in sessie.werkvormen:
        out += ["", heading(2, run.titel)]
        about = [f"Werkboek {md(run.paragraaf)}"] if run.paragraaf else []
        about += [f"{md(role)}: {md(name)}" for role, name in run.rollen.items() if name]
        if about:
            out += ["", f"_{' · '.join(about)}_"]
        for step in run.stappen:
            lines = captured(step)
            kind = kind_of(step)
            if kind is not None and not kind.captures and not lines:
                continue  # an explanation read out: nothing to report
            out += ["", heading(3, step.titel), ""]
            if step.gestart is None and not lines:
                out.append("_Niet aan toegekomen._")
                continue
            out.append(time_used(step))
            if step.vragen:
                out.append("")
                for number, question in enumerate(step.vragen):
                    out += [">"] if number else []
                    out.append(f"> {block(question)}")
            out += ["", *lines] if lines else ["", "_Niets vastgelegd._"]
    out += ["", heading(2, "Acties"), ""]
    found = actions(sessie)
    out += [action_line(werkvorm, item, len(sessie.werkvormen) > 1) for werkvorm, item in found] \
        or ["_Geen acties vastgelegd._"]
    return "\n".join(out) + "\n"


def facts(sessie: Sessie) -> list[tuple[str, str]]:
    start, end = sessie.aangemaakt, sessie.bijgewerkt
    when = dutch_date(start)
    if sessie.status == "afgerond" and start.tzinfo and end.tzinfo:  # naive times cannot be compared safely
        end = end.astimezone(start.tzinfo)
        if end.date() == start.date() and end > start:
            when += f"–{end:%H:%M}"
    if sessie.status == "afgerond":
        status = "afgerond"
    elif sessie.gesloten is not None:
        step = sessie.current_step
        status = (f"gesloten zonder afronden op {sessie.gesloten:%d-%m-%Y %H:%M} (bij stap {sessie.step_number()} "
                  f"van {sessie.step_count()}: {md(step.titel)}); te hervatten")
    else:
        step = sessie.current_step
        status = f"niet afgerond (gestopt bij stap {sessie.step_number()} van {sessie.step_count()}: {md(step.titel)})"
    people = ", ".join(md(name) for name in sessie.deelnemers)
    return [
        ("Datum", when),
        ("Groep", md(sessie.groep)),
        ("Thema", md(sessie.thema)),
        (f"Deelnemers ({len(sessie.deelnemers)})", people),
        ("Vorm", "alleen (persoonlijke reflectie)" if sessie.modus == "solo" else "met de groep"),
        ("Status", status),
        ("Heropend", ", ".join(f"{moment:%d-%m-%Y %H:%M}" for moment in sessie.heropend)),
    ]


def action_line(werkvorm: str, item: Punt, name_werkvorm: bool) -> str:
    parts = [f"{label}: {md(value)}" for label, value in item.details if value.strip()]
    source = f" _({md(werkvorm)})_" if name_werkvorm else ""
    return f"- {block(item.tekst)}" + (f" ({'; '.join(parts)})" if parts else "") + source


def json_copy(sessie: Sessie) -> str:
    """The session exactly as the store writes it."""
    return sessie.model_dump_json(indent=1) + "\n"
