"""Write the example sessions in sessions/: three finished sessions built from the real built-in
content, filled as the runner would fill them. Fixed ids and timestamps, so running this again
gives byte-identical files.

    python tools/make_example_sessions.py [MAP]      (default: sessions/ in the repository)

The people are made up; the notes speak about young people only in general terms.
"""

from __future__ import annotations

import hashlib
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from samenslim.domain.content import load_content
from samenslim.domain.locations import builtin_content_dir
from samenslim.domain.session import Sessie, new_session, new_session_id
from samenslim.domain.soorten import rondje
from samenslim.domain.store import SessionStore

WINTER = timezone(timedelta(hours=1))  # Europe/Amsterdam, CET
SUMMER = timezone(timedelta(hours=2))  # CEST (from 29 March 2026)

LIBRARY = load_content(builtin_content_dir())


def build(werkvorm_ids: list[str], created: datetime, **kwargs) -> Sessie:
    session = new_session([LIBRARY.werkvormen[name] for name in werkvorm_ids], created=created,
                          stapels=LIBRARY.stapels, **kwargs)
    # new_session adds four random hex digits; derive them from the title so the id is stable.
    session.id = new_session_id(session.titel, created)[:-4] + hashlib.sha256(session.titel.encode()).hexdigest()[:4]
    return session


def run_steps(session: Sessie, minutes: list[float], pause: float = 20) -> None:
    """Start and end every step one after the other, with the given minutes on the step timer,
    and leave the session finished on its last step (as the runner does)."""
    steps = [(w, s) for w, run in enumerate(session.werkvormen) for s in range(len(run.stappen))]
    assert len(minutes) == len(steps), (len(minutes), len(steps))
    moment = session.aangemaakt + timedelta(minutes=2)
    for (w, s), used in zip(steps, minutes, strict=True):
        step = session.werkvormen[w].stappen[s]
        step.gestart = moment
        step.gebruikte_seconden = round(used * 60, 3)
        moment += timedelta(seconds=used * 60)
        step.beeindigd = moment
        moment += timedelta(seconds=pause)
    session.positie.werkvorm, session.positie.stap = steps[-1]
    session.status = "afgerond"
    session.bijgewerkt = session.werkvormen[-1].stappen[-1].beeindigd


def round_capture(speakers: list[str], said: list[tuple[str, float]], repeat: bool,
                  planned_seconds: float | None) -> dict:
    """A round as RondjeView stores it: turns in speaker order, each ('' = passes, seconds)."""
    capture = rondje.Capture(sprekers=speakers, per_persoon=rondje.suggested_limit(planned_seconds, len(speakers)))
    turn = rondje.Round(speakers, repeat, capture.beurten, capture.spreektijd)
    elapsed = 0.0
    for text, seconds in said:
        elapsed += seconds
        if text:
            turn.speak(text, elapsed)
        else:
            turn.pass_turn(elapsed)
    assert turn.done, "an example round should be finished"
    capture.beurt_begon = turn.turn_began
    return capture.model_dump()


# -- 1: the first meeting of the pilot programme ---------------------------------------------

OOST = ["Marieke", "Sandra", "Youssef", "Peter", "Lotte", "Hans"]


def pilot_meeting() -> Sessie:
    session = build(["check-in", "historielijn", "positief-thema"], datetime(2026, 3, 12, 13, 30, tzinfo=WINTER),
                    titel="Bijeenkomst 1: Samen richten", groep="Netwerk Jongeren Oost", deelnemers=OOST)
    checkin, history, theme = session.werkvormen
    checkin.stappen[0].vastgelegd = {"kaart": "Waarom ben je vandaag hierheen gekomen?", "getrokken": False,
                                     "notities": ""}
    checkin.stappen[1].vastgelegd = round_capture(OOST, [
        ("Omdat ik merk dat we elkaar pas bellen als het al misgaat. Ik wil dat we eerder aan tafel zitten.", 84),
        ("Vanuit de gemeente wil ik horen wat jullie nodig hebben, niet alleen cijfers aanleveren.", 71),
        ("Ik zie jongeren bij het UWV pas als ze al een jaar thuiszitten. Dat moet eerder kunnen.", 88),
        ("Nieuwsgierig. Op school hebben we veel goede bedoelingen, maar de overdracht na het diploma is los zand.",
         95),
        ("Ik ben nieuw in dit overleg en wil de gezichten bij de namen leren kennen.", 52),
        ("Na tien jaar leerplicht weet ik wat er misgaat; ik wil nu eens weten wat er goed gaat.", 76),
    ], repeat=False, planned_seconds=checkin.stappen[1].geplande_seconden)

    history.stappen[0].vastgelegd = {"notities": (
        "We kijken terug op de samenwerking sinds het convenant voortijdig schoolverlaten (2019).\n"
        "Doel: zien waar we nu staan, voordat we in het voorjaar een nieuwe werkwijze kiezen.\n"
        "Niet om schuld te verdelen: wat heeft ons tot hier gebracht?")}
    history.stappen[1].vastgelegd = {"volgorde": [
        {"naam": "Hans", "sinds": "2015"}, {"naam": "Marieke", "sinds": "2018"},
        {"naam": "Peter", "sinds": "voorjaar 2021"}, {"naam": "Sandra", "sinds": "2022"},
        {"naam": "Youssef", "sinds": "september 2023"}, {"naam": "Lotte", "sinds": "januari 2025"},
    ]}
    history.stappen[2].vastgelegd = {"notities": (
        "Twee groepjes van drie.\n"
        "Veel verhalen over de overgang van mbo naar werk, en over de zomer als niemand zich verantwoordelijk voelt.\n"
        "Ook verhalen over wat wél lukte: korte lijnen in de wijk.")}
    history.stappen[3].vastgelegd = {"anekdotes": [
        {"wanneer": "2019", "titel": "Convenant voortijdig schoolverlaten getekend door school, gemeente en RMC",
         "verteller": "Hans"},
        {"wanneer": "maart 2020", "titel": "Scholen dicht: contact met jongeren via de app, huisbezoeken op de stoep",
         "verteller": "Marieke"},
        {"wanneer": "najaar 2021", "titel": "Eerste warme overdracht van school naar UWV, tien jongeren in een proef",
         "verteller": "Peter"},
        {"wanneer": "2022", "titel": "Gemeente zet het jongerenloket op in het wijkcentrum", "verteller": "Sandra"},
        {"wanneer": "mei 2023", "titel": "Afspraken over gegevens delen: eindelijk mag het RMC de lijst zien",
         "verteller": "Sandra"},
        {"wanneer": "zomer 2024", "titel": "Zomergat: acht jongeren uit beeld tussen diploma en start opleiding",
         "verteller": "Youssef"},
        {"wanneer": "januari 2025", "titel": "Jongerenwerk schuift aan bij het casusoverleg", "verteller": "Lotte"},
    ]}
    history.stappen[4].vastgelegd = {"notities": (
        "Het werkte steeds als er één vast gezicht was dat de jongere kende, niet als we een formulier doorstuurden.\n"
        "Patroon: na elke reorganisatie beginnen we opnieuw met kennismaken; de zomer is elk jaar het zwakke punt.\n"
        "Volgende stap: afspreken wie in de zomer het aanspreekpunt is, en het jongerenwerk er vaker bij halen.")}

    theme.stappen[1].vastgelegd = {"notities": (
        "Een jongere loopt binnen bij het loket en er zit iemand die al weet wie hij is.\n"
        "Meer momenten waarop school, RMC en UWV samen aan tafel zitten met de jongere erbij, niet over hem.\n"
        "Het omgekeerde van 'uit beeld raken': iedereen weet bij wie hij terechtkan, ook in augustus.")}
    theme.stappen[2].vastgelegd = {"notities": (
        "Maandag: de lijst van het RMC is kort, want iedereen heeft een volgende stap.\n"
        "Peter hoeft niet te bellen om te vragen 'waar is hij gebleven?', het UWV belt hem.\n"
        "Lotte: jongeren stappen zelf naar ons toe, omdat ze weten dat het helpt.")}
    theme.stappen[3].vastgelegd = {
        "thema": "Elke jongere een volgende stap, en iemand die meeloopt",
        "notities": "Ook als vraag goed: hoe zorgen we dat niemand er in zijn eentje voor staat?\n"
                    "Iedereen kan zich erin vinden; Youssef wil 'werk' er later misschien in terug."}
    session.thema = theme.stappen[3].vastgelegd["thema"]
    run_steps(session, [1.5, 8.2, 6.0, 11.5, 25.0, 32.0, 14.0, 3.0, 16.5, 9.0, 12.0])
    return session


# -- 2: progressiegerichte intervisie ---------------------------------------------------------

def intervisie() -> Sessie:
    people = ["Noor", "Daan", "Fatma", "Kees", "Ilse"]
    session = build(["progressiegerichte-intervisie"], datetime(2026, 4, 7, 15, 0, tzinfo=SUMMER),
                    titel="Intervisie trajectbegeleiders april", groep="Intervisie trajectbegeleiders",
                    thema="Elke jongere een volgende stap, en iemand die meeloopt", deelnemers=people,
                    rollen={"voorzitter": "Daan", "casusinbrenger": "Fatma"})
    steps = session.werkvormen[0].stappen
    askers = [name for name in people if name != "Fatma"]
    steps[0].vastgelegd = {"notities": (
        "Casus: een jongere van negentien is na een afgebroken mbo-opleiding een half jaar thuis.\n"
        "School, RMC en UWV hebben allemaal contact gehad, maar ieder met een eigen plan en eigen afspraken.\n"
        "Fatma wil tips over hoe ze als trajectbegeleider de regie kan pakken zonder de jongere kwijt te raken.\n"
        "Advies is welkom over het eerste gesprek met alle partijen samen, niet over de opleidingskeuze.")}
    steps[1].vastgelegd = round_capture(askers, [
        ("Je blijft contact houden, ook toen hij drie afspraken miste.", 35),
        ("Knap dat je al die partijen bij naam kent.", 30),
        ("Je vraagt eerst wat hij zelf wil, voordat je iets regelt.", 40),
        ("Je bent eerlijk dat je het ook even niet wist.", 28),
    ], repeat=False, planned_seconds=steps[1].geplande_seconden)
    steps[2].vastgelegd = round_capture(askers, [
        ("Weet de jongere dat je deze casus inbrengt?", 20),
        ("Wie heeft nu formeel het contact: school of RMC?", 25),
        ("Is er een datum waarop de uitkering of de inschrijving afloopt?", 30),
        ("Heeft hij iemand thuis die meedenkt?", 18),
        ("Zijn de afspraken van de partijen ergens op papier gezet?", 22),
        ("", 5), ("Hoe vaak spreek je hem nu?", 15), ("", 4),
        ("", 3), ("", 3), ("", 3), ("", 3),
    ], repeat=True, planned_seconds=steps[2].geplande_seconden)
    steps[3].vastgelegd = round_capture(askers, [
        ("Plan één gesprek met alle partijen én de jongere, en laat hem de agenda mee maken.", 40),
        ("Spreek af wie het vaste aanspreekpunt is en zet dat in één zin op papier.", 35),
        ("Vraag aan school wat er in zijn laatste goede periode wél werkte.", 38),
        ("Neem het jongerenwerk mee: die zien hem in de wijk.", 30),
        ("Maak de volgende stap klein: eerst een snuffeldag, pas dan een opleiding.", 42),
        ("", 4), ("", 3), ("Bel hem na het gesprek nog een keer, los van de afspraken.", 25),
        ("", 3), ("", 3), ("", 3), ("", 3),
    ], repeat=True, planned_seconds=steps[3].geplande_seconden)
    steps[4].vastgelegd = {"notities": (
        "Fatma neemt mee: één gesprek met iedereen erbij, en het vaste aanspreekpunt op papier.\n"
        "De tip van de snuffeldag gaat ze volgende week al voorstellen.")}
    run_steps(session, [6.5, 3.0, 5.5, 6.5, 2.5])
    return session


# -- 3: a schaalvraag alone -------------------------------------------------------------------

def solo_scale() -> Sessie:
    session = build(["schaalvraag"], datetime(2026, 4, 20, 8, 45, tzinfo=SUMMER), titel="Mijn rol in het netwerk",
                    modus="solo",
                    thema="Elke jongere een volgende stap, en iemand die meeloopt")
    steps = session.werkvormen[0].stappen
    steps[1].vastgelegd = {"groep": 6, "per_deelnemer": {}, "notities": ""}
    steps[2].vastgelegd = {"notities": (
        "De vaste afspraak met het UWV op dinsdag helpt: ik hoef niet meer te zoeken wie ik moet bellen.\n"
        "Wat het best werkte: samen met de jongere bellen in plaats van over hem mailen.")}
    steps[3].vastgelegd = {"notities": (
        "In januari, toen het jongerenwerk er voor het eerst bij zat. Ik vroeg toen meer en regelde minder.")}
    steps[4].vastgelegd = {"notities": (
        "Een 7: ik weet van elke jongere op mijn lijst wie zijn aanspreekpunt is.\n"
        "Merkbaar aan minder telefoontjes 'waar is hij gebleven?'.")}
    steps[5].vastgelegd = {"acties": [
        {"tekst": "Mijn lijst doorlopen en per jongere het aanspreekpunt noteren", "eigenaar": "",
         "wanneer": "vrijdag 24 april"},
        {"tekst": "Lotte vragen of ik een middag mee kan naar het jongerenwerk", "eigenaar": "",
         "wanneer": "voor de meivakantie"},
    ]}
    run_steps(session, [1.0, 2.0, 6.5, 4.0, 5.0, 4.5], pause=5)
    return session


EXAMPLES = {"pilot": pilot_meeting, "intervisie": intervisie, "solo": solo_scale}


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "sessions"
    store = SessionStore(folder)
    for make in EXAMPLES.values():
        print(store.save(make()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
