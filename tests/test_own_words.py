"""Content is written in our own words: no content file shares a run of 12 or more words with the
workbook. Run as a script to see the overlaps at a stricter length: python -m tests.test_own_words 9"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SEEDS

RUN_LENGTH = 12
WORD = re.compile(r"[a-zà-ÿ0-9']+")


def words(text: str) -> list[str]:
    # The seeds break words over lines with a hyphen; join them so "samen-\nwerking" is one word.
    return WORD.findall(text.lower().replace("-\n", "").replace("\n", " "))


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
        if shared:
            found[path] = shared
    return found


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the workbook seeds are not here ({SEEDS}); nothing to compare with")
def test_no_content_file_repeats_the_workbook() -> None:
    found = overlaps(RUN_LENGTH)
    report = [f"{path.relative_to(REPO)}: {' '.join(run)}" for path, shared in found.items() for run in sorted(shared)]
    assert not found, "Zelfde woorden als het werkboek; schrijf dit in eigen woorden:\n" + "\n".join(report)


def test_the_check_finds_a_copied_sentence(tmp_path) -> None:
    sentence = "een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien"
    assert runs(sentence, RUN_LENGTH) & runs("voor " + sentence + " na", RUN_LENGTH)
    assert not runs(sentence, RUN_LENGTH) & runs(sentence.replace("zeven", "7"), RUN_LENGTH)


if __name__ == "__main__":
    length = int(sys.argv[1]) if len(sys.argv) > 1 else RUN_LENGTH
    for path, shared in overlaps(length).items():
        for run in sorted(shared):
            print(f"{path.relative_to(REPO)}: {' '.join(run)}")
