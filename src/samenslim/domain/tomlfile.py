"""Reading TOML (content, settings) so that no file can stop the app: tomllib with nesting too deep
for its recursive parser turned into an ordinary decode error with a line, and every parse error
described in Dutch. tomllib only: the quick catalog and the theme peek use this before the first frame."""

from __future__ import annotations

import re
import tomllib
from typing import Any

# The nesting of arrays and inline tables counted by deepest_line(); content needs three at most.
DEPTH_LIMIT = 32


class TooDeep(tomllib.TOMLDecodeError):
    """Arrays or inline tables nested deeper than the parser can follow. A TOMLDecodeError, so every
    handler of a bad TOML file handles it too."""

    def __init__(self, line: int | None) -> None:
        self.msg = "de waarden zijn te diep genest (lijsten of tabellen in elkaar)"
        ValueError.__init__(self, self.msg + (f" (regel {line})" if line else ""))
        self.lineno = line
        self.colno = None


def loads(text: str) -> dict[str, Any]:
    """tomllib.loads, raising TooDeep instead of RecursionError."""
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise TooDeep(deepest_line(text)) from None


def deepest_line(text: str, limit: int = DEPTH_LIMIT) -> int | None:
    """The line where arrays and inline tables first nest deeper than `limit` (strings and comments
    skipped), or None. Only run after the parser gave up, so plain and simple."""
    depth, line, index, length = 0, 1, 0, len(text)
    while index < length:
        char = text[index]
        if char == "\n":
            line += 1
        elif char == "#":
            end = text.find("\n", index)
            index = length if end < 0 else end
            continue
        elif char in "\"'":
            quote = char * 3 if text.startswith(char * 3, index) else char
            end = index + len(quote)
            while end < length and not text.startswith(quote, end):
                if text[end] == "\\" and char == '"':
                    end += 1
                elif text[end] == "\n" and len(quote) == 1:
                    break
                end += 1
            line += text.count("\n", index, end)
            index = end + len(quote)
            continue
        elif char in "[{":
            depth += 1
            if depth > limit:
                return line
        elif char in "]}":
            depth = max(depth - 1, 0)
        index += 1
    return None


_POSITION = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)")
_REASONS = [  # every message of Python's tomllib, in Dutch (checked in tests/unit/test_dutch.py)
    (r"Invalid value", "ongeldige waarde (tekst hoort tussen aanhalingstekens)"),
    (r"Expected '=' after a key in a key/value pair", "na een sleutel hoort '='"),
    (r"Unterminated string", "tekst zonder afsluitend aanhalingsteken"),
    (r"Cannot overwrite a value", "deze sleutel staat er al eerder"),
    (r"Cannot declare (.+) twice", "{0} staat er al eerder"),
    (r"Cannot mutate immutable namespace (.+)", "{0} is al helemaal vastgelegd en kan hier niet worden aangevuld"),
    (r"Cannot redefine namespace (.+)", "{0} is al eerder vastgelegd"),
    (r"Duplicate inline table key (.+)", "sleutel {0} staat twee keer in deze tabel"),
    (r"Escaped character is not a Unicode scalar value", "deze \\u-code is geen geldig teken"),
    (r"Expected '\]' at the end of a table declaration", "na de naam van een tabel hoort ']'"),
    (r"Expected '\]\]' at the end of an array declaration", "na de naam van een lijst van tabellen hoort ']]'"),
    (r"Expected newline or end of document after a statement", "na een waarde hoort een nieuwe regel"),
    (r"Expected (.+)", "hier hoort {0}"),
    (r"Found invalid character (.+)", "ongeldig teken {0}"),
    (r"Illegal character (.+)", "ongeldig teken {0}"),
    (r"Invalid date or datetime", "ongeldige datum of tijd"),
    (r"Invalid hex value", "ongeldige hexadecimale code"),
    (r"Invalid initial character for a key part", "ongeldig teken aan het begin van een sleutel"),
    (r"Invalid statement", "ongeldige regel"),
    (r"Unclosed array", "lijst zonder afsluitende ']'"),
    (r"Unclosed inline table", "tabel zonder afsluitende '}'"),
    (r"Unescaped '\\' in a string", "een \\ in tekst moet als \\\\ geschreven worden"),
]


def position(error: tomllib.TOMLDecodeError) -> tuple[int | None, int | None]:
    line = getattr(error, "lineno", None)  # Python 3.14+, and TooDeep
    if line is not None:
        return line, getattr(error, "colno", None)
    match = _POSITION.search(str(error))
    return (int(match.group(1)), int(match.group(2))) if match and match.group(1) else (None, None)


def reason(error: tomllib.TOMLDecodeError) -> str:
    """The parser's complaint in Dutch, without its position (see position())."""
    if isinstance(error, TooDeep):
        return str(getattr(error, "msg", None) or error)
    english = _POSITION.sub("", getattr(error, "msg", None) or str(error)).strip()
    for pattern, dutch in _REASONS:
        match = re.fullmatch(pattern, english)
        if match:
            return dutch.format(*map(_key, match.groups())) if match.groups() else dutch
    return "ongeldige TOML"  # never the parser's English


def _key(text: str) -> str:
    """tomllib names a table as a tuple, "('stappen', 'alleen')"; an author writes 'stappen.alleen'."""
    parts = re.findall(r"'([^']*)'", text) if text.startswith("(") else []
    return f"'{'.'.join(parts)}'" if parts else text


def describe(error: tomllib.TOMLDecodeError) -> str:
    """'geen geldige TOML op regel L, kolom C: <reason>' for a file without a Problem (the settings)."""
    line, column = position(error)
    where = f" op regel {line}" + (f", kolom {column}" if column else "") if line else ""
    return f"geen geldige TOML{where}: {reason(error)}"
