"""The CLI's commands that work without the app: lijst, valideer, kopieer, sessies, export, privacy,
bewaartermijn, opruimen. Everything they print goes through `say`, which escapes control characters."""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

# Control characters (C0, DEL, C1) and the invisible bidi controls: a title or note holding them
# could clear the user's terminal, move the cursor or make one text look like another.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str, keep: str = "") -> str:
    """`text` with every control character shown as an escape (\\x1b), except those in `keep`."""
    return _CONTROL.sub(lambda found: found[0] if found[0] in keep else ascii(found[0])[1:-1], text)


def json_printable(text: str) -> str:
    """JSON text safe for a terminal: raw control characters can only sit inside its strings (the
    line breaks between values are kept), and are written as the equal JSON escape \\u009b."""
    return _CONTROL.sub(lambda found: found[0] if found[0] == "\n" else f"\\u{ord(found[0]):04x}", text)


def say(*parts: object, file=None, keep: str = "") -> None:
    """print(), with control characters escaped: everything the command line prints goes here."""
    print(printable(" ".join(str(part) for part in parts), keep), file=file or sys.stdout)


def _library(locations):
    from samenslim.domain.content import load_content
    from samenslim.domain.locations import builtin_content_dir

    return load_content(builtin_content_dir(), locations.user_content_root)


def cmd_list(locations, as_json: bool) -> int:
    library = _library(locations)
    werkvormen = [w for chapter in library.by_chapter().values() for w in chapter]
    if as_json:
        rows = [{
            "id": w.id, "titel": w.titel, "hoofdstuk": w.hoofdstuk, "paragraaf": w.paragraaf, "doel": w.doel,
            "minuten": _number(w.minuten), "minuten_max": _number(w.minuten_max), "rollen": list(w.rollen), "fasen": list(w.fasen),
            "groepsvorm": list(w.groepsvorm), "solo": w.solo_mogelijk, "bron": str(library.sources[w.id]),
            "stappen": [{"titel": s.titel, "soort": s.soort, "minuten": _number(s.minuten)}
                        for s in w.stappen],
        } for w in werkvormen]
        print(json_printable(json.dumps(rows, ensure_ascii=False, indent=2)))
    else:
        width = max((len(w.id) for w in werkvormen), default=0)
        for w in werkvormen:
            say(f"{w.id:<{width}}  {w.titel}")
    for problem in library.problems:
        say(f"let op: {problem}", file=sys.stderr)
    return 0


def _number(value: float | None) -> int | float | None:
    return int(value) if value is not None and value == int(value) else value


def cmd_copy(locations, source_id: str, new_id: str | None) -> int:
    from samenslim.domain.copying import CopyError, copy_content

    try:
        path = copy_content(_library(locations), locations, source_id, new_id)
    except CopyError as error:
        say(f"samenslim kopieer: {error}", file=sys.stderr)
        return 1
    say(path)
    say(f"Pas het bestand aan; controleer het met: samenslim valideer \"{path}\"", file=sys.stderr)
    return 0


def cmd_validate(paths: list[Path]) -> int:
    from samenslim.domain.content import validate_paths

    problems = validate_paths(paths)
    for problem in problems:
        say(problem, keep="\n")
    if not problems:
        print("Alles in orde.", file=sys.stderr)
    return 1 if problems else 0


def cmd_sessions(locations, query: str | None = None) -> int:
    from samenslim.domain.sessions_index import list_sessions, search

    listing = list_sessions(locations.sessions_dir)
    entries = listing.entries if query is None else search(listing, query)
    for entry in entries:
        say(session_line(entry))  # a title may hold terminal escapes: say() shows them, harmless
    if not listing.entries:
        say(f"Nog geen sessies in {locations.sessions_dir}.", file=sys.stderr)
    elif not entries:
        say(f"Geen sessies gevonden met '{query}'.", file=sys.stderr)
    if listing.index_error:
        say(f"let op: {listing.index_error}", file=sys.stderr)
    return 0


def session_line(entry) -> str:
    """date, status, mode, title, group; a solo session shows only its date and title."""
    if entry.beschadigd:
        return f"{'?':<16}  {entry.bestand}: beschadigd, {entry.beschadigd}"
    when = f"{entry.aangemaakt:%d-%m-%Y %H:%M}" if entry.aangemaakt else "?"
    if entry.prive:  # the id holds only the date and the title's words, and export needs it
        return f"{when:<16}  {entry.titel}  · {entry.id}"
    from samenslim.domain.taal import status_naam

    line = f"{when:<16}  {status_naam(entry.status):<13}  {entry.modus:<5}  {entry.titel}" + (f"  ({entry.groep})" if entry.groep else "")
    return line + ("  [nieuwere versie: alleen te bekijken]" if entry.leesbaar_alleen else "") + f"  · {entry.id}"


def cmd_export(locations, session_id: str, target: Path | None, as_json: bool, vorm: str = "md",
               voor: str | None = None) -> int:
    """The report (md, html or docx; for the group by default, or 'volledig') or the JSON copy.
    Markdown and JSON go to the screen without --naar; html and docx to verslagen/ID[.groep].html|docx,
    where deleting the session finds them. The identifier scan runs first: kinds and counts on
    stderr, never the values."""
    from samenslim.domain.store import SessionFileError, SessionStore

    if as_json and voor is not None:
        say("samenslim export: --voor hoort niet bij --json: de JSON-kopie is altijd het hele sessiebestand",
            file=sys.stderr)
        return 2
    store = SessionStore(locations.sessions_dir, root=locations.data_dir)
    try:
        path = store.path_for(session_id)
    except ValueError:
        path = None
    if path is None or not path.is_file():
        say(f"samenslim export: er is geen sessie met id '{session_id}' in {store.folder} "
            f"(zie samenslim sessies --lijst)", file=sys.stderr)
        return 1
    try:
        session = store.load_path(path)
    except SessionFileError as error:
        say(f"samenslim export: de sessie kan niet gelezen worden: {error}", file=sys.stderr)
        return 1
    content, suffix, warning = _export_content(session, vorm, as_json, voor or "groep")
    if warning:
        say(warning, file=sys.stderr)
    root = None
    if target is None and suffix.endswith((".md", ".json")):  # the notes may hold terminal escapes: shown, never obeyed
        assert isinstance(content, str)
        sys.stdout.write(json_printable(content) if as_json else printable(content, keep="\n\t"))
        return 0
    if target is None:
        from samenslim.domain.erasure import report_path

        target, root = report_path(locations, session.id, suffix), locations.data_dir
    try:
        from samenslim.domain.private_files import write_private

        # owner-only, atomic; a folder the user chose (--naar) is left as it is
        write_private(target, content, root=root)
    except OSError as error:
        from samenslim.domain.store import describe_os_error

        say(f"samenslim export: kan {target} niet schrijven: {describe_os_error(error)}", file=sys.stderr)
        return 1
    say(target, file=sys.stderr)
    return 0


def _export_content(session, vorm: str, as_json: bool, voor: str = "groep") -> tuple[str | bytes, str, str | None]:
    """What to write, its suffix, and the identifier warning (or None)."""
    if as_json:
        from samenslim.domain.export import json_copy
        from samenslim.domain.privacy import scan_session
        from samenslim.domain.report_formats import identifier_warning

        counts: Counter = Counter()
        for place in scan_session(session):
            counts[place.kind] += place.count
        return json_copy(session), ".json", identifier_warning(counts, "deze JSON-kopie")
    from samenslim.domain.report_formats import build, identifier_warning, voor_named, vorm_named

    report = build(session, vorm_named(vorm), voor_named(voor))
    return report.content, report.suffix, identifier_warning(report.identifiers)


def months(count: int) -> str:
    return f"{count} {'maand' if count == 1 else 'maanden'}"


def cmd_privacy(locations) -> int:
    """What samenslim keeps where, and where identifiers sit: kinds and places, never the values.
    Exit 1 when something needs attention (identifiers found, or a file that could not be checked)."""
    from samenslim.domain.identifiers import KINDS, kind_name, redact
    from samenslim.domain.privacy import overview
    from samenslim.domain.taal import aantal

    found = overview(locations)

    def day(moment) -> str:
        return f"{moment:%d-%m-%Y}" if moment else "?"

    def kinds(counts) -> str:
        return ", ".join(f"{counts[kind]} {kind_name(kind, counts[kind])}" for kind in KINDS if counts[kind])

    say("Wat samenslim bewaart, en waar")
    say(f"  Gegevensmap        {found.data_dir}")
    for folder in found.folders:
        files = ("nog niet aangemaakt" if folder.files is None
                 else f"{folder.files} {'bestand' if folder.files == 1 else 'bestanden'}")
        say(f"  {folder.label:<18} {folder.path}  ({files})")
    say(f"  {'Bewaartermijnen':<18} {found.terms_file}" + ("" if found.terms_file.is_file() else "  (nog niet aangemaakt)"))
    if found.sessions:
        say("  (de map Sessies houdt ook een index en een zoekcache bij met de tekst van de sessies; wat daar "
            "staat gaat mee als een sessie verwijderd wordt)")
    say("")
    if found.sessions:
        say(f"{aantal(found.sessions, 'sessie')}, de oudste van {day(found.oldest)}. Per groep:")
        for group in found.groups:
            name = "solo (privé)" if group.solo else (group.naam or "zonder groep")
            when = day(group.oudste) if group.oudste == group.nieuwste else f"{day(group.oudste)} tot {day(group.nieuwste)}"
            say(f"  {name}: {aantal(group.sessies, 'sessie')} ({when})")
            if group.termijn and group.bewaren_tot:
                past = group.past_term(found.now)
                say(f"    bewaartermijn {months(group.termijn.maanden)} na de laatste bijeenkomst: "
                    f"{'verlopen op' if past else 'bewaren tot'} {day(group.bewaren_tot)}, daarna "
                    f"{group.termijn.na}; reden: {redact(group.termijn.reden)}")
            elif group.naam and not group.solo:
                say("    geen bewaartermijn vastgelegd")
    else:
        say("Nog geen sessies.")
    for term in found.terms_without_sessions:
        say(f"  {redact(term.groep)}: geen sessies; bewaartermijn {months(term.maanden)}, reden: {redact(term.reden)}")
    if found.terms_problem:
        say(f"  let op: de bewaartermijnen kunnen niet gelezen worden: {redact(found.terms_problem)}")
    # Past their term and not yet carried out (an anonymised session no longer counts): domain/cleanup.py
    from samenslim.domain.cleanup import plan as cleanup_plan

    cleanup = cleanup_plan(locations, found.now)
    if found.terms_file.is_file() or cleanup.opgeruimd:
        say(f"  Laatst opgeruimd: {f'{cleanup.opgeruimd:%d-%m-%Y %H:%M}' if cleanup.opgeruimd else 'nog nooit'} "
            "(samenslim opruimen --uitvoeren)")
    if cleanup.due:
        say("")
        say(f"Over de bewaartermijn van hun groep: {aantal(len(cleanup.due), 'sessie')}. Bekijk ze met: samenslim "
            "opruimen; ruim ze op met: samenslim opruimen --uitvoeren")
        for group_name in dict.fromkeys(item.groep for item in cleanup.due):
            mine = [item for item in cleanup.due if item.groep == group_name]
            say(f"  {group_name}: {aantal(len(mine), 'sessie')}, bewaren tot {day(mine[0].bewaren_tot)}, daarna {mine[0].actie}")
    elif found.sessions and not any(group.termijn for group in found.groups):
        say("Leg per groep vast hoe lang je de sessies bewaart: samenslim bewaartermijn GROEP MAANDEN --reden TEKST")
    if found.findings or found.report_findings:
        say("")
        say("Herkenbare gegevens gevonden (de waarden zelf worden nergens getoond):")
        for session in found.findings:
            say(f"  sessie {session.session_id} “{session.titel}”: {kinds(session.counts)}")
            for place in session.places:
                say(f"    {kind_name(place.kind, place.count)}{f' ({place.count})' if place.count > 1 else ''}: {place.place}")
        for name, places in found.report_findings:
            counts: Counter[str] = Counter()
            for place in places:
                counts[place.kind] += place.count
            say(f"  verslag {name}: {kinds(counts)}")
            for place in places:
                say(f"    {kind_name(place.kind, place.count)}{f' ({place.count})' if place.count > 1 else ''}: {place.place}")
        say("Haal ze weg waar ze niet nodig zijn: pas het veld aan in de app (Eerdere sessies, heropenen), "
            "of verwijder de sessie of het verslag. Een BSN mag alleen waar een wet dat voorschrijft.")
    elif found.scanned:
        say("")
        say(f"Geen herkenbare gegevens gevonden in {aantal(found.scanned, 'sessie')} en de verslagen "
            "(gezocht naar BSN, telefoonnummer, e-mailadres, IBAN en geboortedatum).")
    if found.unreadable:
        say("")
        say("Niet te controleren (samenslim kan deze bestanden niet lezen):")
        for name, reason in found.unreadable:
            say(f"  {name}: {reason}")
    # found.past_term counts anonymised sessions too: what is still to do is cleanup.due
    attention = found.findings or found.report_findings or found.unreadable or found.terms_problem or cleanup.due
    return 1 if attention else 0


def cmd_retention(locations, group: str, month_count: int, reason: str, after: str | None = None) -> int:
    """Record how long a group's sessions are kept after its last meeting, why, and what happens then."""
    from datetime import UTC, datetime

    from pydantic import ValidationError

    from samenslim.domain import retention
    from samenslim.domain.groups import group_key
    from samenslim.domain.oserrors import describe_os_error
    from samenslim.domain.sessions_index import list_sessions

    try:
        term = retention.record(locations.data_dir, group, month_count, reason,
                                datetime.now(UTC).replace(microsecond=0), after=after)  # type: ignore[arg-type]
    except ValidationError as error:
        field = str(error.errors()[0]["loc"][0])
        problem = {"groep": "GROEP mag niet leeg zijn",
                   "maanden": f"MAANDEN moet een geheel getal van 1 tot en met {retention.MAX_MONTHS} zijn",
                   "reden": "--reden mag niet leeg zijn: schrijf op waarom deze termijn",
                   "na": "--na moet verwijderen of anonimiseren zijn"}.get(field, field)
        say(f"samenslim bewaartermijn: {problem}", file=sys.stderr)
        return 2
    except retention.RetentionFileError as error:
        say(f"samenslim bewaartermijn: {error}; er is niets veranderd", file=sys.stderr)
        return 1
    except OSError as error:
        say(f"samenslim bewaartermijn: kan {retention.path_in(locations.data_dir)} niet schrijven: "
            f"{describe_os_error(error)}", file=sys.stderr)
        return 1
    say(f"Bewaartermijn van {term.groep}: {months(term.maanden)} na de laatste bijeenkomst, daarna "
        f"{term.na}. Reden: {term.reden}")
    key = group_key(term.groep)
    moments = [entry.aangemaakt for entry in list_sessions(locations.sessions_dir).entries
               if not entry.beschadigd and not entry.prive and group_key(entry.groep) == key and entry.aangemaakt]
    if moments:
        last = max(moments)
        say(f"Laatste bijeenkomst {last:%d-%m-%Y}: bewaren tot {retention.term_ends(term, last):%d-%m-%Y}.")
    else:
        say(f"let op: er zijn (nog) geen sessies van groep '{term.groep}'; de termijn geldt zodra ze er zijn.",
            file=sys.stderr)
    say(f"Vastgelegd in {retention.path_in(locations.data_dir)}", file=sys.stderr)
    return 0


def cmd_cleanup(locations, carry_out: bool) -> int:
    """The sessions past their group's term and what happens to them; with --uitvoeren it happens.
    Exit 1 when something is past its term and not carried out (like privacy: it needs attention),
    or when carrying out failed for a session; 0 when there is nothing to do or all is done."""
    from datetime import UTC, datetime

    from samenslim.domain import cleanup, retention
    from samenslim.domain.identifiers import redact
    from samenslim.domain.oserrors import describe_os_error
    from samenslim.domain.taal import aantal

    now = datetime.now(UTC).replace(microsecond=0)
    plan = cleanup.plan(locations, now)
    if plan.terms_problem:
        say(f"samenslim opruimen: de bewaartermijnen kunnen niet gelezen worden: {redact(plan.terms_problem)}; "
            "er is niets veranderd", file=sys.stderr)
        return 1
    for session_id, why in plan.skipped:
        say(f"let op: {session_id}: {why}", file=sys.stderr)
    if not plan.due:
        if carry_out:
            try:
                retention.record_cleanup(locations.data_dir, now)
            except (retention.RetentionFileError, OSError) as error:
                say(f"let op: kan niet vastleggen wanneer er is opgeruimd: {describe_os_error(error) if isinstance(error, OSError) else error}",
                    file=sys.stderr)
        say("Niets op te ruimen: geen sessie is over de bewaartermijn van haar groep.")
        return 0
    if not carry_out:
        say(f"{aantal(len(plan.due), 'sessie')} over de bewaartermijn van de groep:")
        for item in plan.due:
            say(f"  {cleanup.describe(item)}")
        say("Voer het uit met: samenslim opruimen --uitvoeren")
        return 1
    try:
        outcome = cleanup.carry_out(locations, plan.due, now)
    except (retention.RetentionFileError, OSError) as error:  # only when recording the moment fails
        say(f"let op: kan niet vastleggen wanneer er is opgeruimd: {describe_os_error(error) if isinstance(error, OSError) else error}",
            file=sys.stderr)
        return 1
    for item, new_id in outcome.done:
        done = "verwijderd" if new_id is None else f"geanonimiseerd (nu {new_id})"
        say(f"  {cleanup.describe(item).rsplit('  → ', 1)[0]}: {done}")
    for item, why in outcome.failed:
        say(f"  {cleanup.describe(item).rsplit('  → ', 1)[0]}: niet gelukt, {why}", file=sys.stderr)
    say(f"{aantal(len(outcome.done), 'sessie')} opgeruimd" + (f", {len(outcome.failed)} niet gelukt" if outcome.failed else "") + ".")
    return 1 if outcome.failed else 0
