"""A session as a report ('verslag') in Markdown, to mail or keep: readable as plain text and clean
when converted. Deterministic: the same session always gives the same text. User text is escaped
by domain/markdown.py; how a step's capture is written is its kind's own `verslag`.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from pydantic import ValidationError

from samenslim.domain.identifiers import KINDS as IDENTIFIER_KINDS
from samenslim.domain.identifiers import PLACEHOLDERS, Kind, kind_name, replace_identifiers
from samenslim.domain.markdown import block, bullets, heading, md
from samenslim.domain.readback import actions, minutes, step_lines
from samenslim.domain.session import Sessie, StapRun
from samenslim.domain.soorten import kind_of
from samenslim.domain.soorten.base import Punt

# Who a report is for: 'volledig' is everything, for the facilitator's own archive; 'groep' is what the
# group produced, to share with it: case notes left out, per-person scores left out (the group's score
# and the average stay), every identifier replaced by its placeholder, and a list of what was left out.
Voor = Literal["groep", "volledig"]
VOOR: tuple[Voor, ...] = ("groep", "volledig")

DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]


def dutch_date(moment: datetime) -> str:
    """'maandag 23 november 2026, 14:05', in the time zone the session was recorded in."""
    return f"{DAYS[moment.weekday()]} {moment.day} {MONTHS[moment.month - 1]} {moment.year}, {moment:%H:%M}"


# -- per kind: what was captured (each kind's own layout, else its terugblik lines) --------------

def captured(step: StapRun, voor: Voor = "volledig") -> list[str]:
    kind = kind_of(step)
    try:
        if kind is None:
            lines = bullets(step_lines(step))
        else:
            inhoud, capture = kind.inhoud(step), kind.capture(step)
            own = kind.groepsverslag(inhoud, capture) if voor == "groep" else kind.verslag(inhoud, capture)
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

def markdown(sessie: Sessie, voor: Voor = "volledig") -> str:
    """The report: 'volledig' (everything) or 'groep' (see Voor and `group_markdown`)."""
    if voor == "groep":
        return group_markdown(sessie)
    return _markdown(sessie, "volledig", None)


def _markdown(sessie: Sessie, voor: Voor, left_out: Weggelaten | None) -> str:
    out = [heading(1, sessie.titel), ""]
    out += [f"- **{label}:** {value}" for label, value in facts(sessie) if value]
    for run in sessie.werkvormen:
        out += ["", heading(2, run.titel)]
        about = [f"Werkboek {md(run.paragraaf)}"] if run.paragraaf else []
        about += [f"{md(role)}: {md(name)}" for role, name in run.rollen.items() if name]
        if about:
            out += ["", f"_{' · '.join(about)}_"]
        for number, step in enumerate(run.stappen, start=1):
            lines = captured(step, voor)
            kind = kind_of(step)
            if voor == "groep" and step.casus and lines:  # case notes stay out of the group's report
                if left_out is not None:
                    left_out.casus.append(f"de notities van stap {number} '{step.titel}'"
                                          + (f" van {run.titel}" if len(sessie.werkvormen) > 1 else ""))
                lines = ["_Casusnotities: niet in het verslag voor de groep._"]
            elif left_out is not None:
                left_out.persoonlijk += _persoonlijk(step)
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
    if left_out is not None:
        out += ["", heading(2, "Weggelaten"), "", *left_out.lines()]
    return "\n".join(out) + "\n"


# -- the report for the group -----------------------------------------------------------------

@dataclass
class Weggelaten:
    """What the group's report left out: places and counts, never the values."""

    casus: list[str] = field(default_factory=list)  # 'de notities van stap 1 'Vertellen''
    persoonlijk: int = 0  # per-person scores
    identifiers: Counter[Kind] = field(default_factory=Counter)

    def lines(self) -> list[str]:
        found = [f"- {block(place)} (casusnotities)" for place in self.casus]
        if self.persoonlijk:
            found.append(f"- {self.persoonlijk} persoonsgebonden {'score' if self.persoonlijk == 1 else 'scores'} "
                         "(het cijfer van de groep en het gemiddelde staan erin)")
        if self.identifiers:
            named = [f"{self.identifiers[kind]} {kind_name(kind, self.identifiers[kind])}"
                     for kind in IDENTIFIER_KINDS if self.identifiers[kind]]
            example = md(PLACEHOLDERS[next(kind for kind in IDENTIFIER_KINDS if self.identifiers[kind])])
            found.append(f"- {', '.join(named)}: vervangen door een aanduiding zoals {example}")
        if not found:
            return ["_Dit is het verslag voor de groep; er hoefde niets weggelaten te worden._"]
        return ["Dit is het verslag voor de groep. Weggelaten:", "", *found]


def _persoonlijk(step: StapRun) -> int:
    kind = kind_of(step)
    if kind is None:
        return 0
    try:
        return kind.persoonlijk(kind.inhoud(step), kind.capture(step))
    except ValidationError:
        return 0


def group_markdown(sessie: Sessie) -> str:
    """The report to share with the group. Identifiers are replaced in the session's texts before the
    report is written (so Markdown escapes cannot hide one), and once more over the written text.
    The count in the list at the end is what the report would have held, never more places."""
    from samenslim.domain.report_formats import count_identifiers, parse  # it builds on this module

    shown = _markdown(sessie, "groep", None)  # what the group's report holds, identifiers and all
    left_out = Weggelaten(identifiers=count_identifiers(parse(shown)))
    text = _markdown(redacted(sessie), "groep", left_out)
    return replace_identifiers(text)[0]


# Keys whose values are names the program made (ids, kinds, deck names), never typed text.
_NOT_TEXT = frozenset({"id", "werkvorm_id", "soort", "spiekbriefje"})


def redacted(sessie: Sessie) -> Sessie:
    """The session with every identifier in its texts (titles, names, notes, keys) replaced."""

    def clean(value: Any, key: str = "") -> Any:
        if isinstance(value, str):
            return value if key in _NOT_TEXT else replace_identifiers(value)[0]
        if isinstance(value, list):
            return [clean(item) for item in value]
        if isinstance(value, dict):
            result: dict[Any, Any] = {}
            for name, item in value.items():
                new = clean(name) if isinstance(name, str) else name
                while new in result:  # two names that become the same placeholder stay two
                    new = f"{new} ({len(result) + 1})"
                result[new] = clean(item, name if isinstance(name, str) else "")
            return result
        return value

    try:
        return Sessie.model_validate(clean(sessie.model_dump()))
    except ValidationError:  # a text that only validated as it was: the written text is scrubbed anyway
        return sessie


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
