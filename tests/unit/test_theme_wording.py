"""{thema} is filled into prompts with the group's theme. A theme may be a statement ("Elke jongere
een plek") or a question ("Hoe zorgen we samen dat geen jongere uitvalt?"); both must give sentences
that read well, and a solo session never says 'jullie thema'."""

from __future__ import annotations

import re

import pytest

from samenslim.domain.content import load_content
from samenslim.domain.locations import builtin_content_dir
from samenslim.domain.session import fill_theme, step_as_asked, steps_for

STATEMENT = "Elke jongere een passende plek"
QUESTION = "Hoe zorgen we samen dat geen jongere uitvalt?"
LIBRARY = load_content(builtin_content_dir())
PROMPTS = [(werkvorm.id, index, step) for werkvorm in LIBRARY.werkvormen.values()
           for index, step in enumerate(werkvorm.stappen)
           if "{thema}" in " ".join([step.titel, step.uitleg, *step.vragen,
                                      *(([step.alleen.uitleg or "", *(step.alleen.vragen or [])]) if step.alleen else [])])]


def texts(werkvorm_id: str, theme: str, solo: bool) -> list[tuple[str, str]]:
    """(as written, as asked) for every text of every step that is asked."""
    werkvorm = LIBRARY.werkvormen[werkvorm_id]
    pairs = []
    for step in steps_for(werkvorm, solo):
        written = step_as_asked(step, "{thema}", LIBRARY.stapels, solo)  # solo wording chosen, nothing filled
        asked = step_as_asked(step, theme, LIBRARY.stapels, solo)
        pairs += zip((written.titel, written.uitleg, *written.vragen), (asked.titel, asked.uitleg, *asked.vragen),
                     strict=True)
    return pairs


def test_the_theme_is_used_in_about_a_dozen_prompts() -> None:
    assert len(PROMPTS) >= 8, [(w, i) for w, i, _ in PROMPTS]


def test_a_question_theme_is_quoted_so_the_sentence_goes_on() -> None:
    assert fill_theme("Als het gaat om {thema}: wie doet ertoe?", QUESTION) == \
        f"Als het gaat om het thema ‘{QUESTION}’: wie doet ertoe?"
    assert fill_theme("Rond {thema} dus.", "", solo=False) == "Rond jullie thema dus."
    assert fill_theme("Rond {thema} dus.", "", solo=True) == "Rond je thema dus."


# Alone only where the werkvorm is offered alone.
WORDING_CASES = [pytest.param(werkvorm_id, solo, id=f"{werkvorm_id}-{'alleen' if solo else 'groep'}")
                 for werkvorm_id in sorted({w for w, _, _ in PROMPTS}) for solo in (False, True)
                 if not solo or LIBRARY.werkvormen[werkvorm_id].solo_mogelijk]


@pytest.mark.parametrize("theme", [STATEMENT, QUESTION, ""], ids=["uitspraak", "vraag", "geen"])
@pytest.mark.parametrize(("werkvorm_id", "solo"), WORDING_CASES)
def test_every_theme_prompt_reads_well_in_both_forms(werkvorm_id: str, theme: str, solo: bool) -> None:
    for written, text in texts(werkvorm_id, theme, solo):
        if "‘{thema}’" not in written:
            continue
        assert "{thema}" not in text
        # the theme never ends a sentence (a question mark followed by a full stop or a second one)...
        assert not re.search(r"’\s*[.?!]", text), text
        # ...and never starts one (it would start in lower case)
        assert not re.search(r"(^|[.?!]\s+)het thema", text), text
        if theme:
            assert f"het thema ‘{theme}’" in text, text
        elif solo:
            assert "je thema" in text and "jullie thema" not in text, text
