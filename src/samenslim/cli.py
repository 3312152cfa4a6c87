"""Command line: start the app, or list, validate and copy werkvormen without starting it.

Textual is imported only when the app starts, so `samenslim lijst` and `valideer` stay quick.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from samenslim import __version__


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="MAP", default=argparse.SUPPRESS,
                        help="map voor sessies en eigen werkvormen (of zet SAMENSLIM_DATA_DIR)")
    parser = argparse.ArgumentParser(
        prog="samenslim", parents=[common],
        description="Werkvormen uit 'Samen slim en slagvaardig vernieuwen' stap voor stap begeleiden. "
                    "Zonder opdracht start de app.")
    parser.add_argument("--version", action="version", version=f"samenslim {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="OPDRACHT")
    lijst = commands.add_parser("lijst", parents=[common], help="toon alle werkvormen")
    lijst.add_argument("--json", action="store_true", help="als JSON (voor scripts)")
    valideer = commands.add_parser("valideer", parents=[common], help="controleer werkvorm-bestanden")
    valideer.add_argument("paden", nargs="+", metavar="PAD", type=Path, help="bestand of map met .toml-bestanden")
    kopieer = commands.add_parser("kopieer", parents=[common],
                                  help="zet een werkvorm of stapel in je eigen map, klaar om aan te passen")
    kopieer.add_argument("bron", metavar="ID", help="id van een werkvorm of stapel (zie samenslim lijst)")
    kopieer.add_argument("--id", dest="new_id", metavar="NIEUW", help="id voor de kopie van een werkvorm")
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
    from samenslim.app import SamenslimApp

    SamenslimApp(locations).run()
    return 0


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
