"""Command line: start the app, or list, validate and copy werkvormen without starting it.

Textual is imported only when the app starts, so `samenslim lijst` and `valideer` stay quick.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from samenslim import __version__
from samenslim.commands import (
    cmd_cleanup,
    cmd_copy,
    cmd_export,
    cmd_list,
    cmd_privacy,
    cmd_retention,
    cmd_sessions,
    cmd_validate,
    printable,
    say,
    session_line,
)
from samenslim.dutch_argparse import DutchParser

__all__ = ["main", "build_parser", "printable", "say", "session_line", "EXPORT_FORMS", "EXPORT_FOR"]

# The report's forms (domain/report_formats.VORMEN, not imported here: it loads python-docx).
EXPORT_FORMS = ("md", "html", "docx")
# Who a report is for (domain/export.VOOR); the first is the default (privacy by default, see ARCHITECTURE.md).
EXPORT_FOR = ("groep", "volledig")


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
    export = commands.add_parser(
        "export", parents=[common], help="schrijf het verslag van een sessie (Markdown, HTML of Word)",
        description="Schrijf het verslag van een sessie. Standaard het verslag voor de groep: zonder casusnotities "
                    "en zonder cijfers per persoon, met herkenbare gegevens vervangen; --voor volledig geeft alles, "
                    "voor je eigen archief. Markdown komt zonder --naar op het scherm; HTML en Word komen zonder "
                    "--naar in de map verslagen (ID.groep.html of ID.html, enzovoort) en gaan mee als je de sessie "
                    "verwijdert. Vooraf wordt gemeld hoeveel herkenbare gegevens (BSN, telefoon, e-mail, IBAN, "
                    "geboortedatum) het verslag bevat.")
    export.add_argument("sessie_id", metavar="ID", help="id van de sessie (zie samenslim sessies --lijst)")
    form = export.add_mutually_exclusive_group()
    form.add_argument("--vorm", choices=EXPORT_FORMS, default=None,
                      help="md: Markdown (standaard); html: één bestand voor mail en browser, ook als PDF te "
                           "printen; docx: Word")
    form.add_argument("--json", action="store_true", help="een kopie van het sessiebestand (JSON)")
    export.add_argument("--voor", choices=EXPORT_FOR, default=None,
                        help="groep: om te delen met de groep (standaard; zonder casusnotities en cijfers per "
                             "persoon, herkenbare gegevens vervangen, met een lijst van wat is weggelaten); "
                             "volledig: alles, voor je eigen archief")
    export.add_argument("--naar", metavar="PAD", type=Path,
                        help="schrijf naar dit bestand (zonder --naar: md op het scherm, html en docx in de map "
                             "verslagen)")
    privacy_help = ("wat samenslim bewaart en waar, en waar herkenbare gegevens staan (BSN, telefoon, "
                    "e-mail, IBAN, geboortedatum); exit 1 als er iets aandacht vraagt")
    commands.add_parser("privacy", parents=[common], help=privacy_help,
                        description=privacy_help[0].upper() + privacy_help[1:] + ". Toont soort en plek, nooit de "
                                    "gegevens zelf.")
    termijn = commands.add_parser("bewaartermijn", parents=[common],
                                  help="leg vast hoe lang de sessies van een groep bewaard blijven, en waarom",
                                  description="Leg vast hoe lang de sessies van een groep bewaard blijven na de "
                                              "laatste bijeenkomst, en waarom. Opnieuw vastleggen vervangt de termijn.")
    termijn.add_argument("groep", metavar="GROEP", help="naam van de groep, zoals bij de sessies "
                                                       "(hoofdletters en spaties tellen niet mee)")
    termijn.add_argument("maanden", metavar="MAANDEN", type=int,
                         help="hoeveel maanden na de laatste bijeenkomst van de groep (1 tot en met 1200)")
    termijn.add_argument("--reden", metavar="TEKST", required=True,
                         help="waarom deze termijn (de Autoriteit Persoonsgegevens vraagt termijn én reden vast te leggen)")
    termijn.add_argument("--na", choices=("verwijderen", "anonimiseren"), default=None,
                         help="wat er na de termijn met de sessies gebeurt: verwijderen (standaard; opnieuw vastleggen zonder --na "
                              "houdt de eerdere keuze) of anonimiseren "
                              "(alle getypte tekst en namen weg; data, werkvormen, scores en de stand van acties "
                              "blijven, zodat het verloop van de groep zichtbaar blijft)")
    opruimen_help = "ruim de sessies op die over de bewaartermijn van hun groep zijn (verwijderen of anonimiseren)"
    opruimen = commands.add_parser(
        "opruimen", parents=[common], help=opruimen_help,
        description=opruimen_help[0].upper() + opruimen_help[1:] + ". Zonder --uitvoeren toont het alleen wat er "
                    "zou gebeuren (exit 1 als er iets op te ruimen is).")
    opruimen.add_argument("--uitvoeren", action="store_true", help="voer het opruimen echt uit")
    serve = commands.add_parser("serve", parents=[common], help="open de app in de browser (met textual-serve)")
    serve.add_argument("--host", default="127.0.0.1", metavar="ADRES",
                       help="adres om op te luisteren (standaard 127.0.0.1: alleen deze computer)")
    serve.add_argument("--port", type=int, default=8000, metavar="POORT", help="poort (standaard 8000)")
    serve.add_argument("--lettergrootte", type=_font_size, default=16, metavar="PX",
                       help="lettergrootte in de browser, in pixels (8 tot 64, standaard 16; groter voor een "
                            "beamer). Per tabblad kan het ook in het adres: &fontsize=24")
    return parser


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
    if args.command in ("kopieer", "sessies", "export", "serve", "privacy", "bewaartermijn", "opruimen"):
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
        return cmd_export(locations, args.sessie_id, args.naar, as_json=args.json, vorm=args.vorm or "md",
                          voor=args.voor)
    if args.command == "privacy":
        return cmd_privacy(locations)
    if args.command == "bewaartermijn":
        return cmd_retention(locations, args.groep, args.maanden, args.reden, args.na)
    if args.command == "opruimen":
        return cmd_cleanup(locations, args.uitvoeren)
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

