"""The step kinds. Each module describes one kind: its content fields, what it captures and how it
reads back. Its screen part lives in samenslim.werkvormen (named by the module's VIEW), so this
package stays free of Textual. Adding a kind: write the module, add it to the tuple below, write its view."""

from __future__ import annotations

from types import ModuleType

from samenslim.domain.soorten import (
    actie,
    cirkels,
    experiment,
    keuze,
    kolommen,
    opstelling,
    rondje,
    schaal,
    stapel,
    tekst,
    thema,
    tijdlijn,
    tweegesprek,
    vragen,
)

KINDS: dict[str, ModuleType] = {
    kind.SOORT: kind for kind in (tekst, vragen, stapel, keuze, rondje, tweegesprek, schaal, tijdlijn, opstelling,
                                 kolommen, cirkels, actie, experiment, thema)
}
