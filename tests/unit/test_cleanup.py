"""Anonymising one step asks its kind (Soort.anoniem): every typed text and name goes, at every
kind, also in per-person dict keys and in keys a newer version added; scores, counts and choices stay."""

from __future__ import annotations

import json

import pytest

from samenslim.domain.cleanup import REMOVED, Pseudonyms
from samenslim.domain.session import StapRun
from samenslim.domain.soorten import KINDS

T = "Kwartelkoning"  # a typed text
N = "Jan de Vries Jr."  # a name (with dots: dict keys holding it must still be found)

CAPTURES = {
    "actie": {"acties": [{"tekst": T, "eigenaar": N, "wanneer": T}]},
    "cirkels": {"items": [{"tekst": T, "ring": "invloed", "relatie": "sterk", "belang": T, "van": N}]},
    "experiment": {"experimenten": [{"tekst": T, "eigenaar": N, "eerste_stap": T, "helpers": N, "evaluatie": T,
                                     "status": "gedaan"}]},
    "keuze": {"kaart": "Kaart", "notities": T},
    "kolommen": {"items": {"ikzelf": [T, T]}},
    "opstelling": {"volgorde": [{"naam": N, "sinds": T}]},
    "rondje": {"sprekers": [N], "beurten": [{"spreker": N, "ronde": 1, "tekst": T, "seconden": 3.0}],
               "spreektijd": {N: 3.0}},
    "schaal": {"groep": 6, "per_deelnemer": {N: 7.5}, "notities": T},
    "stapel": {"kaart": "Kaart", "getrokken": True},
    "tekst": {},
    "thema": {"notities": T, "thema": T},
    "tijdlijn": {"anekdotes": [{"wanneer": T, "titel": T, "verteller": N}]},
    "tweegesprek": {"paren": [[N, "Anna"]], "verhalen": {N: T}},
    "vragen": {"notities": T, "per_deelnemer": {N: T}},
}

INHOUD = {"cirkels": {"ringen": ["invloed", "betrokkenheid"]}, "kolommen": {"kolommen": ["ikzelf", "context"]}}


def test_every_kind_is_covered() -> None:
    assert set(CAPTURES) == set(KINDS)


@pytest.mark.parametrize("soort", sorted(CAPTURES))
def test_a_kind_keeps_no_text_and_no_name(soort: str) -> None:
    kind = KINDS[soort]
    capture = {**CAPTURES[soort], "van_een_nieuwere_versie": T}
    inhoud = INHOUD.get(soort, {})
    step = StapRun(titel="Stap", soort=soort, inhoud=inhoud, vastgelegd=capture)
    names = Pseudonyms()
    kept = kind.anoniem(step, names, REMOVED)
    text = json.dumps(kept, ensure_ascii=False)
    assert T not in text and "Jan" not in text and "Anna" not in text
    kind.capture(StapRun(titel="Stap", soort=soort, inhoud=inhoud, vastgelegd=kept))  # still a valid capture of its kind
    if soort == "schaal":
        assert kept["groep"] == 6 and kept["per_deelnemer"] == {"deelnemer 1": 7.5}
    if soort == "rondje":
        assert kept["spreektijd"] == {"deelnemer 1": 3.0} and kept["beurten"][0]["tekst"] == REMOVED
    if soort == "experiment":
        assert kept["experimenten"][0]["status"] == "gedaan"


def test_pseudonyms_are_consistent_and_blank_stays_blank() -> None:
    names = Pseudonyms()
    assert [names("Anna"), names("Bob"), names(" anna "), names("  ")] == ["deelnemer 1", "deelnemer 2", "deelnemer 1", ""]
