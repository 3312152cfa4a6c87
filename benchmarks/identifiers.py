"""Identifier detector benchmark: how long `find_identifiers` takes on 10 kB of text.

Three texts of 10,240 characters each, the best of several runs:

* notes: the free text of the example sessions (notes, turns, anecdotes, actions) repeated,
  with no identifiers: what a long note usually is.
* json: an example session file as it is on disk (many digits: dates, seconds, ids).
* dense: a sentence with a phone number, a BSN, an e-mail address and a date of birth,
  repeated (about 490 findings): the worst realistic case.

Run from the repository root:

    python benchmarks/identifiers.py
"""

from __future__ import annotations

import json
import timeit
from pathlib import Path

from samenslim.domain.identifiers import find_identifiers

ROOT = Path(__file__).resolve().parents[1]
SIZE = 10_240


def strings(value: object, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, dict):
        for item in value.values():
            strings(item, out)
    elif isinstance(value, list):
        for item in value:
            strings(item, out)


def texts() -> dict[str, str]:
    notes: list[str] = []
    raw = ""
    for path in sorted((ROOT / "sessions").glob("*.json")):
        text = path.read_text(encoding="utf-8")
        raw += text
        for run in json.loads(text)["werkvormen"]:
            for step in run["stappen"]:
                strings(step["vastgelegd"], notes)
    prose = "\n".join(notes)
    dense = "Jan belde 06-12345678 over BSN 123456782, mail jan@example.nl, geboren 14-03-2008. "
    return {
        "notes": (prose * (SIZE // len(prose) + 1))[:SIZE],
        "json": (raw * (SIZE // len(raw) + 1))[:SIZE],
        "dense": (dense * (SIZE // len(dense) + 1))[:SIZE],
    }


def main() -> None:
    for name, text in texts().items():
        runs = timeit.repeat(lambda text=text: find_identifiers(text), number=100, repeat=7)
        found = len(find_identifiers(text))
        print(f"{name:<6} {len(text):>6} chars  {min(runs) / 100 * 1e6:8.0f} µs  ({found} findings)")


if __name__ == "__main__":
    main()
