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


_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_REASONS = {
    "Invalid value": "ongeldige waarde",
    "Expected '=' after a key in a key/value pair": "na een sleutel hoort '='",
    "Unterminated string": "tekst zonder afsluitend aanhalingsteken",
    "Cannot overwrite a value": "deze sleutel staat er al eerder",
    "Cannot declare": "deze tabel is al eerder gedeclareerd",
    "Cannot mutate immutable namespace": "deze tabel is al volledig gegeven en kan niet aangevuld worden",
    "Cannot redefine namespace": "deze naam is al eerder gebruikt",
    "Duplicate inline table key": "deze sleutel staat twee keer in de tabel",
    "Escaped character is not a Unicode scalar value": "deze \\u-code is geen geldig teken",
    "Expected ']' at the end of a table declaration": "een tabelkop eindigt met ']'",
    "Expected ']]' at the end of an array declaration": "een kop van een lijst tabellen eindigt met ']]'",
    "Found invalid character": "ongeldig teken",
    "Invalid statement": "ongeldige regel",
    "Unclosed array": "lijst zonder afsluitende ']'",
    "Unclosed inline table": "tabel zonder afsluitende '}'",
    "Expected newline or end of document after a statement": "na een waarde hoort een nieuwe regel",
    "Invalid initial character for a key part": "ongeldig teken aan het begin van een sleutel",
    "Illegal character": "ongeldig teken",
    "Invalid date or datetime": "ongeldige datum of tijd",
    "Invalid hex value": "ongeldige hexadecimale code",
    "Expected": "hier ontbreekt een teken",
    "Unescaped '\\' in a string": "een '\\' in een tekst moet als '\\\\' geschreven worden",
}


def position(error: tomllib.TOMLDecodeError) -> tuple[int | None, int | None]:
    line = getattr(error, "lineno", None)  # Python 3.14+, and TooDeep
    if line is not None:
        return line, getattr(error, "colno", None)
    match = _POSITION.search(str(error))
    return (int(match.group(1)), int(match.group(2))) if match else (None, None)


def reason(error: tomllib.TOMLDecodeError) -> str:
    """The parser's complaint in Dutch, without its position (see position())."""
    english = _POSITION.sub("", getattr(error, "msg", None) or str(error)).strip()
    for start, dutch in _REASONS.items():
        if english.startswith(start):
            return dutch
    if isinstance(error, TooDeep):
        return english
    return "ongeldige TOML"  # never the parser's English


def describe(error: tomllib.TOMLDecodeError) -> str:
    """'geen geldige TOML: <reason> (regel L, kolom C)'."""
    line, column = position(error)
    where = f" (regel {line}" + (f", kolom {column}" if column else "") + ")" if line else ""
    return f"geen geldige TOML: {reason(error)}{where}"
