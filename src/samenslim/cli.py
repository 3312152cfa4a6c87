"""Command line: start the app, or list, validate and copy werkvormen without starting it.

Textual is imported only when the app starts, so `samenslim lijst` and `valideer` stay quick.
"""

from __future__ import annotations

import argparse
import json
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
    export = commands.add_parser("export", parents=[common], help="schrijf het verslag van een sessie (Markdown)")
    export.add_argument("sessie_id", metavar="ID", help="id van de sessie (zie samenslim sessies --lijst)")
    export.add_argument("--naar", metavar="PAD", type=Path, help="schrijf naar dit bestand in plaats van het scherm")
    export.add_argument("--json", action="store_true", help="een kopie van het sessiebestand (JSON)")
    serve = commands.add_parser("serve", parents=[common], help="open de app in de browser (met textual-serve)")
    serve.add_argument("--host", default="127.0.0.1", metavar="ADRES",
                       help="adres om op te luisteren (standaard 127.0.0.1: alleen deze computer)")
    serve.add_argument("--port", type=int, default=8000, metavar="POORT", help="poort (standaard 8000)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from samenslim.locations import Locations

    locations = Locations.resolve(getattr(args, "data_dir", None))
    if args.command == "lijst":
        return cmd_list(locations, as_json=args.json)
    if args.command == "valideer":
        return cmd_validate(args.paden)
    if args.command == "kopieer":
        return cmd_copy(locations, args.bron, args.new_id)
    if args.command == "sessies" and args.lijst:
        return cmd_sessions(locations)
    if args.command == "export":
        return cmd_export(locations, args.sessie_id, args.naar, as_json=args.json)
    if args.command == "serve":
        from samenslim.serve import serve

        return serve(args.host, args.port, getattr(args, "data_dir", None))
    from samenslim.app import SamenslimApp

    app = SamenslimApp(locations, start_screen="sessies" if args.command == "sessies" else None)
    app.run()
    if app.return_code:
        from samenslim.crash import print_notice

        print_notice(app.crash_report)
    return app.return_code or 0


def _library(locations):
    from samenslim.content import load_content
    from samenslim.locations import builtin_content_dir

    return load_content(builtin_content_dir(), locations.user_content_root)


def cmd_list(locations, as_json: bool) -> int:
    library = _library(locations)
    werkvormen = [w for chapter in library.by_chapter().values() for w in chapter]
    if as_json:
        rows = [{
            "id": w.id, "titel": w.titel, "hoofdstuk": w.hoofdstuk, "paragraaf": w.paragraaf, "doel": w.doel,
            "minuten": _number(w.minuten), "rollen": list(w.rollen), "fasen": list(w.fasen),
            "groepsvorm": list(w.groepsvorm), "solo": w.solo_mogelijk, "bron": str(library.sources[w.id]),
            "stappen": [{"titel": s.titel, "soort": s.soort, "minuten": _number(s.minuten)}
                        for s in w.stappen],
        } for w in werkvormen]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        width = max((len(w.id) for w in werkvormen), default=0)
        for w in werkvormen:
            print(f"{w.id:<{width}}  {w.titel}")
    for problem in library.problems:
        print(f"let op: {problem}", file=sys.stderr)
    return 0


def _number(value: float | None) -> int | float | None:
    return int(value) if value is not None and value == int(value) else value


def cmd_copy(locations, source_id: str, new_id: str | None) -> int:
    from samenslim.copying import CopyError, copy_content

    try:
        path = copy_content(_library(locations), locations, source_id, new_id)
    except CopyError as error:
        print(f"samenslim kopieer: {error}", file=sys.stderr)
        return 1
    print(path)
    print(f"Pas het bestand aan; controleer het met: samenslim valideer \"{path}\"", file=sys.stderr)
    return 0


def cmd_validate(paths: list[Path]) -> int:
    from samenslim.content import validate_paths

    problems = validate_paths(paths)
    for problem in problems:
        print(problem)
    if not problems:
        print("Alles in orde.", file=sys.stderr)
    return 1 if problems else 0


def cmd_sessions(locations) -> int:
    from samenslim.sessions_index import list_sessions

    listing = list_sessions(locations.sessions_dir)
    for entry in listing.entries:
        print(session_line(entry))
    if not listing.entries:
        print(f"Nog geen sessies in {locations.sessions_dir}.", file=sys.stderr)
    if listing.index_error:
        print(f"let op: {listing.index_error}", file=sys.stderr)
    return 0


def session_line(entry) -> str:
    """date, status, mode, title, group; a solo session shows only its date and title."""
    if entry.beschadigd:
        return f"{'?':<16}  {entry.bestand}: beschadigd, {entry.beschadigd}"
    when = f"{entry.aangemaakt:%d-%m-%Y %H:%M}" if entry.aangemaakt else "?"
    if entry.prive:  # the id holds only the date and the title's words, and export needs it
        return f"{when:<16}  {entry.titel}  · {entry.id}"
    from samenslim.taal import status_naam

    line = f"{when:<16}  {status_naam(entry.status):<13}  {entry.modus:<5}  {entry.titel}" + (f"  ({entry.groep})" if entry.groep else "")
    return line + ("  [nieuwere versie: alleen te bekijken]" if entry.leesbaar_alleen else "") + f"  · {entry.id}"


def cmd_export(locations, session_id: str, target: Path | None, as_json: bool) -> int:
    from samenslim.export import json_copy, markdown
    from samenslim.store import SessionFileError, SessionStore

    store = SessionStore(locations.sessions_dir)
    try:
        path = store.path_for(session_id)
    except ValueError:
        path = None
    if path is None or not path.is_file():
        print(f"samenslim export: er is geen sessie met id '{session_id}' in {store.folder} "
              f"(zie samenslim sessies --lijst)", file=sys.stderr)
        return 1
    try:
        session = store.load_path(path)
    except SessionFileError as error:
        print(f"samenslim export: de sessie kan niet gelezen worden: {error}", file=sys.stderr)
        return 1
    text = json_copy(session) if as_json else markdown(session)
    if target is None:
        sys.stdout.write(text)
        return 0
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as error:
        from samenslim.store import describe_os_error

        print(f"samenslim export: kan {target} niet schrijven: {describe_os_error(error)}", file=sys.stderr)
        return 1
    print(target, file=sys.stderr)
    return 0
