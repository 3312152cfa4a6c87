"""Command line: start the app, or list, validate and copy werkvormen without starting it.

Textual is imported only when the app starts, so `samenslim lijst` and `valideer` stay quick.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from samenslim import __version__

# argparse's own texts (its gettext messages), in Dutch. argparse looks them up through its module's
# `_` and `ngettext` at the moment it builds a parser, prints help or reports an error; DutchParser
# swaps those two for the length of each such call, so nothing else in the process is affected.
_DUTCH = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "the following arguments are required: %s": "dit ontbreekt nog: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "onbekende keuze: %(value)r (kies uit %(choices)s)",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r (verwacht: %(type)s)",
    "expected one argument": "hier hoort één waarde achter",
    "expected at least one argument": "hier hoort minstens één waarde achter",
    "expected at most one argument": "hier hoort hoogstens één waarde achter",
    "ambiguous option: %(option)s could match %(matches)s": "onduidelijke optie: %(option)s kan %(matches)s zijn",
    "one of the arguments %s is required": "een van deze argumenten is nodig: %s",
    "not allowed with argument %s": "kan niet samen met %s",
    "ignored explicit argument %r": "waarde %r wordt genegeerd",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "onbekende opdracht %(parser_name)r (kies uit %(choices)s)",
    "can't open '%(filename)s': %(error)s": "kan '%(filename)s' niet openen: %(error)s",
    "expected %s argument": "hier horen %s waarden achter",
    "expected %s arguments": "hier horen %s waarden achter",
}
_TYPE_NAMES = {"int": "een geheel getal", "float": "een getal", "Path": "een pad"}


def _dutch(message: str) -> str:
    return _DUTCH.get(message, message)


def _dutch_plural(singular: str, plural: str, count: int) -> str:
    return _dutch(singular if count == 1 else plural)


@contextmanager
def _in_dutch() -> Iterator[None]:
    module: Any = argparse
    saved = module._, module.ngettext
    module._, module.ngettext = _dutch, _dutch_plural
    try:
        yield
    finally:
        module._, module.ngettext = saved


def _dutch_call(method: Callable) -> Callable:
    def call(*args, **kwargs):
        with _in_dutch():
            return method(*args, **kwargs)

    call.__name__, call.__doc__ = method.__name__, method.__doc__
    return call


class DutchParser(argparse.ArgumentParser):
    """argparse with Dutch headings, help and errors ('gebruik:', 'fout: dit ontbreekt nog: ...')."""

    __init__ = _dutch_call(argparse.ArgumentParser.__init__)
    add_argument = _dutch_call(argparse.ArgumentParser.add_argument)
    parse_args = _dutch_call(argparse.ArgumentParser.parse_args)
    parse_known_args = _dutch_call(argparse.ArgumentParser.parse_known_args)
    format_usage = _dutch_call(argparse.ArgumentParser.format_usage)
    format_help = _dutch_call(argparse.ArgumentParser.format_help)
    error = _dutch_call(argparse.ArgumentParser.error)

    def _get_value(self, action, arg_string):
        try:
            return super()._get_value(action, arg_string)
        except argparse.ArgumentError as error:
            # 'verwacht: int' reads better as 'verwacht: een geheel getal'
            name = getattr(action.type, "__name__", "")
            if name in _TYPE_NAMES:
                error.message = error.message.replace(f"verwacht: {name})", f"verwacht: {_TYPE_NAMES[name]})")
            raise


def _font_size(text: str) -> int:
    """--lettergrootte: a whole number of pixels from 8 to 64, else a Dutch message."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen heel getal (pixels, 8 tot 64)") from None
    if not 8 <= value <= 64:
        raise argparse.ArgumentTypeError(f"{value} valt buiten 8 tot 64 pixels")
    return value


def build_parser() -> argparse.ArgumentParser:
    common = DutchParser(add_help=False)
    common.add_argument("--data-dir", metavar="MAP", default=argparse.SUPPRESS,
                        help="map voor sessies en eigen werkvormen (of zet SAMENSLIM_DATA_DIR)")
    parser = DutchParser(
        prog="samenslim", parents=[common],
        description="Werkvormen uit 'Samen slim en slagvaardig vernieuwen' stap voor stap begeleiden. "
                    "Zonder opdracht start de app.")
    parser.add_argument("--version", action="version", version=f"samenslim {__version__}",
                        help="toon het versienummer en stop")
    commands = parser.add_subparsers(dest="command", metavar="OPDRACHT")
    lijst = commands.add_parser("lijst", parents=[common], help="toon alle werkvormen")
    lijst.add_argument("--json", action="store_true", help="als JSON (voor scripts)")
    valideer = commands.add_parser("valideer", parents=[common], help="controleer werkvorm-bestanden")
    valideer.add_argument("paden", nargs="+", metavar="PAD", type=Path, help="bestand of map met .toml-bestanden")
    kopieer = commands.add_parser("kopieer", parents=[common],
                                  help="zet een werkvorm of stapel in je eigen map, klaar om aan te passen")
    kopieer.add_argument("bron", metavar="ID", help="id van een werkvorm of stapel (zie samenslim lijst)")
    kopieer.add_argument("--id", dest="new_id", metavar="NIEUW", help="id voor de kopie van een werkvorm")
    sessies = commands.add_parser("sessies", parents=[common], help="kijk terug op eerdere sessies")
    sessies.add_argument("--lijst", action="store_true", help="toon de sessies als tekst, zonder de app")
    sessies.add_argument("--zoek", metavar="TEKST",
                         help="toon alleen sessies waarin elk woord voorkomt (hoofdletters en accenten tellen "
                              "niet mee; van een sessie alleen tellen alleen de titel); werkt als --lijst")
    export = commands.add_parser("export", parents=[common], help="schrijf het verslag van een sessie (Markdown)")
    export.add_argument("sessie_id", metavar="ID", help="id van de sessie (zie samenslim sessies --lijst)")
    export.add_argument("--naar", metavar="PAD", type=Path, help="schrijf naar dit bestand in plaats van het scherm")
    export.add_argument("--json", action="store_true", help="een kopie van het sessiebestand (JSON)")
    serve = commands.add_parser("serve", parents=[common], help="open de app in de browser (met textual-serve)")
    serve.add_argument("--host", default="127.0.0.1", metavar="ADRES",
                       help="adres om op te luisteren (standaard 127.0.0.1: alleen deze computer)")
    serve.add_argument("--port", type=int, default=8000, metavar="POORT", help="poort (standaard 8000)")
    serve.add_argument("--lettergrootte", type=_font_size, default=16, metavar="PX",
                       help="lettergrootte in de browser, in pixels (8 tot 64, standaard 16; groter voor een "
                            "beamer). Per tabblad kan het ook in het adres: &fontsize=24")
    return parser


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


def _tidy(locations) -> None:
    """Every entry point that opens the data folder keeps it owner-only and free of stale temp files."""
    from samenslim.domain.erasure import tidy

    try:
        tidy(locations)
    except OSError:
        pass  # the command itself reports what it cannot read or write


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from samenslim.domain.locations import Locations

    locations = Locations.resolve(getattr(args, "data_dir", None))
    if args.command in ("kopieer", "sessies", "export", "serve"):
        _tidy(locations)  # the app does this itself once its first frame is drawn
    if args.command == "lijst":
        return cmd_list(locations, as_json=args.json)
    if args.command == "valideer":
        return cmd_validate(args.paden)
    if args.command == "kopieer":
        return cmd_copy(locations, args.bron, args.new_id)
    if args.command == "sessies" and (args.lijst or args.zoek is not None):
        return cmd_sessions(locations, args.zoek)
    if args.command == "export":
        return cmd_export(locations, args.sessie_id, args.naar, as_json=args.json)
    if args.command == "serve":
        from samenslim.serve import serve

        return serve(args.host, args.port, getattr(args, "data_dir", None), args.lettergrootte)
    problem = terminal_problem(args.command)
    if problem:
        print(problem, file=sys.stderr)
        return NO_TERMINAL
    from samenslim.app import SamenslimApp

    app = SamenslimApp(locations, start_screen="sessies" if args.command == "sessies" else None)
    app.run()
    if app.return_code:
        from samenslim.domain.crash import print_notice

        print_notice(app.crash_report)
    return app.return_code or 0


NO_TERMINAL = 3  # the exit code without a terminal: a script can tell it from other failures (1, 2 for usage)


def terminal_problem(command: str | None, environ: dict[str, str] | None = None) -> str | None:
    """Why the app cannot start here (Dutch), or None. Textual reads keys from stdin and draws on
    stderr; without a terminal it does not stop but spins at full speed (issue 16). Output sent to a
    file or a pipe (`samenslim sessies > lijst.txt`, cron, a script) means text was wanted: say where
    to get it. `samenslim serve` runs the app with TEXTUAL_DRIVER set (textual-serve's web driver,
    talking over pipes): that needs no terminal."""
    if (environ if environ is not None else os.environ).get("TEXTUAL_DRIVER"):
        return None
    if all(_is_terminal(stream) for stream in (sys.stdin, sys.stdout, sys.stderr)):
        return None
    where = "de invoer of uitvoer gaat nu naar een bestand of pijp, niet naar een terminal"
    if command == "sessies":
        return (f"samenslim sessies: het overzicht heeft een terminal nodig ({where}). "
                "Voor de lijst als tekst: samenslim sessies --lijst (zoeken: --zoek TEKST).")
    return (f"samenslim: de app heeft een terminal nodig ({where}). Start samenslim in een terminalvenster, "
            "of in de browser met: samenslim serve. Zonder app: samenslim lijst, samenslim sessies --lijst, "
            "samenslim export ID.")


def _is_terminal(stream) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):  # closed
        return False


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


def cmd_export(locations, session_id: str, target: Path | None, as_json: bool) -> int:
    from samenslim.domain.export import json_copy, markdown
    from samenslim.domain.store import SessionFileError, SessionStore

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
    text = json_copy(session) if as_json else markdown(session)
    if target is None:  # the notes may hold terminal escapes: shown, never obeyed
        sys.stdout.write(json_printable(text) if as_json else printable(text, keep="\n\t"))
        return 0
    try:
        from samenslim.domain.private_files import write_private

        write_private(target, text)  # owner-only, atomic; the user's folder itself is left as it is
    except OSError as error:
        from samenslim.domain.store import describe_os_error

        say(f"samenslim export: kan {target} niet schrijven: {describe_os_error(error)}", file=sys.stderr)
        return 1
    say(target, file=sys.stderr)
    return 0
