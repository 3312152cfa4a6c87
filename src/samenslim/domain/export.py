"""A session as a report ('verslag') in Markdown, to mail or keep: readable as plain text and clean
when converted. Deterministic: the same session always gives the same text.

User text is escaped only where it would change the structure (a note starting with '#', a '|'
in a table cell, '*' or '<' that would start emphasis or HTML), so the plain text stays readable.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from samenslim.domain.readback import actions, minutes, step_lines
from samenslim.domain.session import Sessie, StapRun
from samenslim.domain.soorten import (
    cirkels,
    experiment,
    kolommen,
    opstelling,
    rondje,
    schaal,
    thema,
    tijdlijn,
    tweegesprek,
)

DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]


def dutch_date(moment: datetime) -> str:
    """'maandag 23 november 2026, 14:05', in the time zone the session was recorded in."""
    return f"{DAYS[moment.weekday()]} {moment.day} {MONTHS[moment.month - 1]} {moment.year}, {moment:%H:%M}"


# -- escaping ---------------------------------------------------------------------------------

_INLINE = re.compile(r"([\\`*_<\[\]])")  # emphasis, code, HTML and links
_BLOCK_START = re.compile(r"^([#>+\-=~|]|\d+(?=[.)]))")  # headings, quotes, lists, rules, fences, tables


def md(text: str) -> str:
    """User text as literal Markdown on one line, inside a line."""
    return _INLINE.sub(r"\\\1", " ".join(str(text).split()))


def block(text: str) -> str:
    """User text at the start of a line or list item, where '# x' or '2019. x' would start a block."""
    text = md(text)
    match = _BLOCK_START.match(text)
    if match is None:
        return text
    end = match.end()
    return text[:end] + "\\" + text[end:] if match.group(0)[0].isdigit() else "\\" + text


def heading(level: int, text: str) -> str:
    text = md(text)
    if text.endswith("#"):  # 'Titel #' would lose its '#' as the heading's closing sequence
        text = text[:-1] + "\\#"
    return f"{'#' * level} {text}"


def cell(text: str) -> str:
    return md(text).replace("|", "\\|")


def bullets(lines: list[str]) -> list[str]:
    return [f"- {block(line)}" for line in lines if line.strip()]


def note_lines(text: str) -> list[str]:
    return [line for line in text.strip().splitlines() if line.strip()]


# -- per kind: what was captured --------------------------------------------------------------

def _round(step: StapRun) -> list[str]:
    capture = rondje.Capture.model_validate(step.vastgelegd)
    people = list(dict.fromkeys(capture.sprekers + [turn.spreker for turn in capture.beurten]))
    said = {name: [turn.tekst for turn in capture.beurten if turn.spreker == name and not turn.gepast]
            for name in people}
    lines = []
    for name in people:
        turns = [text or "(sprak, geen notitie)" for text in said[name]]
        if len(turns) == 1:
            lines.append(f"- **{md(name)}:** {md(turns[0])}")
        elif turns:
            lines.append(f"- **{md(name)}**")
            lines += [f"  - {block(text)}" for text in turns]
        elif any(turn.spreker == name for turn in capture.beurten):
            lines.append(f"- **{md(name)}:** _past_")
    if capture.sprekers and capture.beurten and step.inhoud.get("herhalen"):
        done = rondje.Round(capture.sprekers, True, list(capture.beurten)).finished_in_round
        if done:
            lines += ["", f"_Klaar in ronde {done}: toen paste iedereen._"]
    return lines


def _scale(step: StapRun) -> list[str]:
    capture = schaal.Capture.model_validate(step.vastgelegd)
    low, high = step.inhoud.get("laagste", 0), step.inhoud.get("hoogste", 10)
    meaning_low, meaning_high = step.inhoud.get("betekenis_laagste", ""), step.inhoud.get("betekenis_hoogste", "")
    scale = f"{low}{f' ({md(meaning_low)})' if meaning_low else ''} tot {high}" \
            f"{f' ({md(meaning_high)})' if meaning_high else ''}"
    lines = [f"Schaal van {scale}.", ""] if capture.groep is not None or capture.per_deelnemer else []
    if capture.groep is not None:
        lines.append(f"- **{'Groep' if capture.per_deelnemer else 'Cijfer'}:** {schaal.format_score(capture.groep)}")
    lines += [f"- **{md(name)}:** {schaal.format_score(score)}" for name, score in capture.per_deelnemer.items()]
    if (mean := schaal.average(capture.per_deelnemer)) is not None:
        lines.append(f"- **Gemiddelde:** {schaal.format_mean(mean)}")
    return lines + _paragraph(bullets(note_lines(capture.notities)))


def _columns(step: StapRun) -> list[str]:
    items = kolommen.Capture.model_validate(step.vastgelegd).items
    names = list(step.inhoud.get("kolommen", [])) + [name for name in items if name not in step.inhoud.get("kolommen", [])]
    if not any(items.values()):
        return []
    rows = max(len(items.get(name, [])) for name in names)
    table = ["| " + " | ".join(cell(name) for name in names) + " |", "|" + " --- |" * len(names)]
    for row in range(rows):
        table.append("| " + " | ".join(cell(items[name][row]) if row < len(items.get(name, [])) else ""
                                      for name in names) + " |")
    return table


def _line_up(step: StapRun) -> list[str]:
    places = opstelling.line_up(opstelling.Capture.model_validate(step.vastgelegd).volgorde)
    return [f"{number}. {block(place.naam)} (sinds {md(place.sinds)})" for number, place in enumerate(places, start=1)]


def _timeline(step: StapRun) -> list[str]:
    items = tijdlijn.chronological(tijdlijn.Capture.model_validate(step.vastgelegd).anekdotes)
    return [f"- **{md(item.wanneer)}:** {md(item.titel)}" + (f" _(verteld door {md(item.verteller)})_"
                                                            if item.verteller else "") for item in items]


def _pairs(step: StapRun) -> list[str]:
    capture = tweegesprek.Capture.model_validate(step.vastgelegd)
    lines = []
    if any(len(group) > 1 for group in capture.paren):
        lines += [f"Tweetallen: {'; '.join(' & '.join(md(name) for name in group) for group in capture.paren)}.", ""]
    return lines + [f"- **{md(name)}:** {md(text)}" for name, text in capture.verhalen.items() if text.strip()]


def _theme(step: StapRun) -> list[str]:
    capture = thema.Capture.model_validate(step.vastgelegd)
    lines = [f"**Thema: {md(capture.thema)}**"] if capture.thema.strip() else []
    return lines + _paragraph(bullets(note_lines(capture.notities)))


def _experiments(step: StapRun) -> list[str]:
    return bullets([experiment.describe(item)
                    for item in experiment.Capture.model_validate(step.vastgelegd).experimenten])


def _rings(step: StapRun) -> list[str]:
    """The rings from the inside out, each with what was placed on it: nested lists read as rings
    in a mail client and in the read-back screen alike."""
    rings = list(step.inhoud.get("ringen", []))
    lines = []
    for person, own in cirkels.by_person(cirkels.Capture.model_validate(step.vastgelegd).items).items():
        if person:  # one circle per participant: a heading per person
            lines += ["", f"**Cirkel van {md(person)}**", ""]
        for depth, (ring, items) in enumerate(cirkels.by_ring(own, rings).items()):
            if not items:
                continue
            where = "binnenste ring" if depth == 0 else ("buitenste ring" if depth == len(rings) - 1 else f"ring {depth + 1}")
            label = md(ring) if ring == cirkels.NIET_GEPLAATST else f"{'◎ ' * (depth + 1)}{md(ring)} ({where})"
            lines.append(f"- **{label}**")
            lines += [f"  - {block(cirkels.describe(item))}" for item in items]
    return lines


def _paragraph(lines: list[str]) -> list[str]:
    """A block after other text needs a blank line before it."""
    return ["", *lines] if lines else []


# Kinds whose captures read better with their own layout; the others use their terugblik lines.
RENDER: dict[str, Callable[[StapRun], list[str]]] = {
    "rondje": _round, "schaal": _scale, "kolommen": _columns, "opstelling": _line_up, "tijdlijn": _timeline,
    "tweegesprek": _pairs, "thema": _theme, "experiment": _experiments, "cirkels": _rings,
}


def captured(step: StapRun) -> list[str]:
    render = RENDER.get(step.soort)
    try:
        lines = render(step) if render else bullets(step_lines(step))
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
            if step.soort == "tekst" and not lines:
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


def action_line(werkvorm: str, item: dict[str, Any], name_werkvorm: bool) -> str:
    details = [(label, str(item.get(key) or "")) for label, key in (
        ("wie", "eigenaar"), ("wanneer", "wanneer"), ("eerste stap", "eerste_stap"), ("met hulp van", "helpers"),
        ("evalueren", "evaluatie"))]
    if item.get("soort") == "experiment":
        details.append(("status", str(item.get("status") or "")))
    parts = [f"{label}: {md(value)}" for label, value in details if value.strip()]
    source = f" _({md(werkvorm)})_" if name_werkvorm else ""
    return f"- {block(str(item.get('tekst', '')))}" + (f" ({'; '.join(parts)})" if parts else "") + source


def json_copy(sessie: Sessie) -> str:
    """The session exactly as the store writes it."""
    return sessie.model_dump_json(indent=1) + "\n"
