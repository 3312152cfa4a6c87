"""Markdown for the report: user text escaped only where it would change the structure (a note
starting with '#', a '|' in a table cell, '*' or '<' that would start emphasis or HTML), so the
plain text stays readable. Used by export.py and by the step kinds' own report layouts."""

from __future__ import annotations

import re

_INLINE = re.compile(r"([\\`*_<\[\]])")  # emphasis, code, HTML and links
_BLOCK_START = re.compile(r"^([#>+\-=~|]|\d+(?=[.)]))")  # headings, quotes, lists, rules, fences, tables


def md(text: str) -> str:
    """User text as literal Markdown on one line, inside a line."""
    return _INLINE.sub(r"\\\1", " ".join(str(text).split()))


def block(text: str) -> str:
    """User text at the start of a line or list item, where '# x' or '2019. x' would start a block."""
    text = md(text)
    match = _BLOCK_START.match(text)
    if match is None:
        return text
    end = match.end()
    return text[:end] + "\\" + text[end:] if match.group(0)[0].isdigit() else "\\" + text


def heading(level: int, text: str) -> str:
    text = md(text)
    if text.endswith("#"):  # 'Titel #' would lose its '#' as the heading's closing sequence
        text = text[:-1] + "\\#"
    return f"{'#' * level} {text}"


def cell(text: str) -> str:
    return md(text).replace("|", "\\|")


def bullets(lines: list[str]) -> list[str]:
    return [f"- {block(line)}" for line in lines if line.strip()]


def note_lines(text: str) -> list[str]:
    return [line for line in text.strip().splitlines() if line.strip()]


def paragraph(lines: list[str]) -> list[str]:
    """A block after other text needs a blank line before it."""
    return ["", *lines] if lines else []
