"""Content is written in our own words: no content file shares a run of 8 or more words with the
workbook, apart from the few fixed phrases in ALLOWED (each with its reason). Curly quotes count as
straight ones, so a copied sentence cannot hide behind typography.
Run as a script to see the overlaps at another length: python -m tests.unit.test_own_words 7"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SEEDS

RUN_LENGTH = 8
WORD = re.compile(r"[a-zà-ÿ0-9']+")
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                        "\u201c": '"', "\u201d": '"', "\u201e": '"'})

# Runs that may be shared with the workbook, with the reason. Only fixed names and the book's own fixed
# questions belong here, never explanations. Keep it short.
ALLOWED: dict[str, str] = {
}


def words(text: str) -> list[str]:
    # The seeds break words over lines with a hyphen; join them so "samen-\nwerking" is one word.
    return WORD.findall(text.translate(QUOTES).lower().replace("-\n", "").replace("\n", " "))


def runs(text: str, length: int) -> set[tuple[str, ...]]:
    found = words(text)
    return {tuple(found[i:i + length]) for i in range(len(found) - length + 1)}


def overlaps(length: int) -> dict[Path, set[tuple[str, ...]]]:
    book: set[tuple[str, ...]] = set()
    for seed in SEEDS.glob("*.txt"):
        book |= runs(seed.read_text(encoding="utf-8", errors="replace"), length)
    found = {}
    for path in sorted((REPO / "content").rglob("*.toml")):
        shared = runs(path.read_text(encoding="utf-8"), length) & book
        shared = {run for run in shared if not any(" ".join(run) in " ".join(words(allowed)) for allowed in ALLOWED)}
        if shared:
            found[path] = shared
    return found


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the workbook seeds are not here ({SEEDS}); nothing to compare with")
def test_no_content_file_repeats_the_workbook() -> None:
    found = overlaps(RUN_LENGTH)
    report = [f"{path.relative_to(REPO)}: {' '.join(run)}" for path, shared in found.items() for run in sorted(shared)]
    assert not found, "Zelfde woorden als het werkboek; schrijf dit in eigen woorden:\n" + "\n".join(report)


def test_the_check_finds_a_copied_sentence(tmp_path) -> None:
    sentence = "een twee drie vier vijf zes zeven acht negen"
    assert runs(sentence, RUN_LENGTH) & runs("voor " + sentence + " na", RUN_LENGTH)
    assert not runs(sentence, RUN_LENGTH) & runs(sentence.replace("vijf", "5"), RUN_LENGTH)


def test_curly_quotes_count_as_straight_ones() -> None:
    book = "Wat is de kern van jouw verhaal over \u2018het gouden moment\u2019 vandaag?"
    copied = "Wat is de kern van jouw verhaal over 'het gouden moment' vandaag?"
    assert runs(book, RUN_LENGTH) & runs(copied, RUN_LENGTH)
    assert words("jongeren\u2019s") == ["jongeren's"]


def test_every_allowed_run_has_a_reason_and_is_short() -> None:
    assert len(ALLOWED) <= 10, "the allow-list is for a few fixed titles and questions, not for explanations"
    for phrase, reason in ALLOWED.items():
        assert reason.strip() and len(words(phrase)) >= RUN_LENGTH, phrase


if __name__ == "__main__":
    length = int(sys.argv[1]) if len(sys.argv) > 1 else RUN_LENGTH
    for path, shared in overlaps(length).items():
        for run in sorted(shared):
            print(f"{path.relative_to(REPO)}: {' '.join(run)}")
