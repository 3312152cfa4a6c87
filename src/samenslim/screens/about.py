"""Over samenslim: whose workbook this is, what it builds on, and what the app adds (F2 in the library)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from samenslim import __version__

BOOK = (
    "samenslim volgt het werkboek Samen slim en slagvaardig vernieuwen van Saskia Tjepkema en "
    "Marijke Boessenkool (Kessels & Smit, Utrecht, december 2019). Het boek is geschreven in opdracht van het "
    "ministerie van SZW, met steun van Ingrado, op basis van vijf pilotregio's; de samenvatting 'In de "
    "schijnwerper: rode draden uit succesverhalen' hoort erbij."
)
SOURCES = (
    "David Cooperrider: Appreciative Inquiry, de basis van de 5V-cyclus.",
    "Tjepkema, S., Verheijen, L. & Kabalt, J. (2016). Waarderend veranderen: Appreciative Inquiry in de "
    "dagelijkse praktijk van managers. Boom.",
    "Tjepkema, S. & Kabalt, J. (2012). Appreciative Inquiry: veranderen met energie. Kessels & Smit.",
    "Verdonschot, S., Keursten, P. & Van Rooij, M. (2009). Samen vernieuwen in de praktijk. "
    "Bohn Stafleu van Loghum.",
    "Edmondson, A. C. (2012). Teaming: how organizations learn, innovate and compete in the knowledge "
    "economy. Wiley.",
    "Van Woerkom, M. (2018). Het gebruik van sterke punten in teams en organisaties: Transactive Strengths "
    "Systems. NSVP.",
    "Daamen, W. (2015). Wat werkt bij het implementeren van jeugdinterventies? Nederlands Jeugdinstituut.",
    "Coert Visser (cpw.nu): oplossings- en progressiegericht werken, waaronder de schaalvraag, Hoe werkte het "
    "hier?, progressiegerichte intervisie en de progressiecirkel.",
    "Jitske Kramer (Deep Democracy): de ja- en nee-stemmen bij de check-in en Meerdere stemmen.",
)
OWN = (
    "De werkvormen in deze app zijn in eigen woorden geschreven: de stappen, volgorde, tijden en soort vragen "
    "komen uit het boek, de zinnen niet. Waar de app iets toevoegt (een verdeling van de tijd, een spelregel, "
    "een koppeling in de vastloophulp), staat dat in het inhoudsbestand als eigen keuze."
)


def about_text() -> str:
    sources = "\n".join(f"• {source}" for source in SOURCES)
    return f"{BOOK}\n\nHet boek bouwt voort op:\n{sources}\n\n{OWN}\n\nsamenslim {__version__}"


class AboutScreen(ModalScreen[None]):
    HULP = """Over samenslim
    Wie het werkboek schreven waar samenslim op bouwt, op welke bronnen het boek steunt, en welke
    keuzes van samenslim zelf zijn."""
    BINDINGS = [Binding("escape,enter", "dismiss(None)", "Sluiten")]
    DEFAULT_CSS = """
    AboutScreen { align: center middle; }
    """

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Over samenslim", classes="dialog-title")
            with VerticalScroll():
                yield Static(about_text(), markup=False, id="about-text")
