"""A step kind lives in one place: its domain module (domain/soorten/<kind>.py) and its view
(werkvormen/<kind>.py). Elsewhere the code asks the kind (domain/soorten: KINDS, kind_of and the
Soort's questions) instead of testing a step's kind by name or reading its content or capture as a
dict. This scans the source, so a new shortcut fails here rather than quietly spreading a kind's
knowledge again (issue 12)."""

from __future__ import annotations

import ast
from pathlib import Path

from samenslim.domain.soorten import KINDS

SRC = Path(__file__).resolve().parents[2] / "src" / "samenslim"
KIND_NAMES = set(KINDS)
DICT_READS = {"inhoud", "vastgelegd"}


def own_modules(kind: str) -> set[Path]:
    return {SRC / "domain" / "soorten" / f"{kind}.py", SRC / "werkvormen" / f"{kind}.py"}


def kind_shortcuts(path: Path, source: str | None = None) -> list[str]:
    """Places in one file that test a kind by name or read a step's content or capture as a dict."""
    found = []
    tree = ast.parse(path.read_text("utf-8") if source is None else source, str(path))
    allowed = {kind for kind in KIND_NAMES if path in own_modules(kind)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            names = {part.value for part in [node.left, *node.comparators]
                     if isinstance(part, ast.Constant) and isinstance(part.value, str)}
            for container in [node.left, *node.comparators]:  # soort in ("rondje", ...)
                if isinstance(container, (ast.Tuple, ast.List, ast.Set)):
                    names |= {item.value for item in container.elts
                              if isinstance(item, ast.Constant) and isinstance(item.value, str)}
            mentions_soort = "soort" in ast.unparse(node)
            if mentions_soort and (names & KIND_NAMES) - allowed:
                found.append(f"{path.relative_to(SRC)}:{node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get":
            owner = node.func.value
            if isinstance(owner, ast.Attribute) and owner.attr in DICT_READS and not allowed:
                found.append(f"{path.relative_to(SRC)}:{node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute) \
                and node.value.attr in DICT_READS and not allowed:
            found.append(f"{path.relative_to(SRC)}:{node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, (ast.Dict, ast.Set, ast.Tuple, ast.List)) and not allowed:
            # a table or set of kind names (the old RENDER, _LISTS, NEEDS_OTHERS)
            items = node.keys if isinstance(node, ast.Dict) else node.elts
            names = {item.value for item in items if isinstance(item, ast.Constant) and isinstance(item.value, str)}
            if len(names & KIND_NAMES) >= 2:
                found.append(f"{path.relative_to(SRC)}:{node.lineno}: a table or set of kind names")
    return found


def test_no_code_outside_a_kind_tests_it_by_name_or_reads_its_dicts() -> None:
    found = [place for path in sorted(SRC.rglob("*.py")) for place in kind_shortcuts(path)]
    assert found == [], "ask the kind (domain/soorten) instead:\n" + "\n".join(found)


def test_the_scan_finds_what_it_should() -> None:
    """The scan itself: each shortcut it is meant to catch, in a file that is no kind's own, and the
    same lines allowed in the kind's own view."""
    code = ('if step.soort == "stapel": pass\n'
            'if step.soort in ("rondje", "tweegesprek"): pass\n'
            'x = step.inhoud.get("herhalen")\n'
            'y = step.vastgelegd["kaart"]\n'
            'RENDER = {"rondje": 1, "schaal": 2}\n'
            'NEEDS_OTHERS = frozenset({"rondje", "tweegesprek"})\n')
    assert len(kind_shortcuts(SRC / "screens" / "elsewhere.py", code)) == 7
    own = 'if self.step.soort == "stapel": pass\nx = self.step.inhoud.get("kaarten")\n'
    assert kind_shortcuts(SRC / "werkvormen" / "stapel.py", own) == []
