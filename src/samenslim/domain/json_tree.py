"""Decoded JSON walked without recursion before any model sees it: nesting too deep, numbers that are
not finite and lone surrogates (see ARCHITECTURE.md, 'Loading is the single gate'). Split from
session.py; plain Python, no pydantic."""

from __future__ import annotations

import math
import re
from typing import Any

# Deeper than this is no capture samenslim writes (the deepest is about 8 levels); it is refused
# before pydantic or the JSON writer could run out of recursion on it.
MAX_DEPTH = 64


class SessionCheckError(ValueError):
    """A session file that parses but cannot be trusted, with the field (dotted path) and a Dutch reason."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"veld '{where}' klopt niet ({reason})" if where else reason)
        self.where = where
        self.reason = reason


_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean_text(text: str) -> str:
    """A lone surrogate (a half of a UTF-16 pair, e.g. \\ud800 in JSON) cannot be written as UTF-8:
    it becomes U+FFFD, the replacement character, as any UTF-8 decoder would show it."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def check_tree(data: Any, where: str = "") -> Any:
    """Walk decoded JSON without recursion: refuse nesting deeper than MAX_DEPTH and numbers that are
    not finite (json reads NaN and Infinity), and replace lone surrogates in texts and keys (in place).
    Returns the (cleaned) value; raises SessionCheckError. Runs over everything a file holds, so it
    keeps to C-level checks per value and builds a field path only for the error."""
    if isinstance(data, str):
        return _clean_text(data)
    if isinstance(data, float) and not math.isfinite(data):
        raise SessionCheckError(where, "een getal moet eindig zijn, geen NaN of Infinity")
    if not isinstance(data, (dict, list)):
        return data
    # (container, depth, parent entry, key in the parent): the path is rebuilt from the chain on error
    stack: list[tuple[Any, int, Any, Any]] = [(data, 1, None, None)]
    isfinite = math.isfinite
    while stack:
        entry = stack.pop()
        item, depth = entry[0], entry[1]
        if depth > MAX_DEPTH:
            raise SessionCheckError(_path_of(entry, where, limit=8),
                                    f"de gegevens zijn te diep genest (meer dan {MAX_DEPTH} niveaus)")
        if type(item) is dict:
            try:
                plain_keys = "".join(item).isascii()
            except TypeError:  # keys that are not texts (not from JSON)
                plain_keys = False
            if not plain_keys:
                cleaned = {_clean_text(str(key)): value for key, value in item.items()}
                item.clear()
                item.update(cleaned)
            pairs: Any = item.items()
        else:
            pairs = enumerate(item)
        for key, value in pairs:
            kind = type(value)
            if kind is str:
                if not value.isascii():
                    item[key] = _clean_text(value)
            elif kind is float:
                if not isfinite(value):
                    raise SessionCheckError(_path_of((value, depth + 1, entry, key), where),
                                            "een getal moet eindig zijn, geen NaN of Infinity")
            elif kind is dict or kind is list:
                stack.append((value, depth + 1, entry, key))
    return data


def _path_of(entry: tuple[Any, int, Any, Any], where: str, limit: int = 0) -> str:
    """'werkvormen.0.stappen.2.vastgelegd.x' for a check_tree entry (cut after `limit` parts, with '…')."""
    keys: list[str] = []
    while entry is not None and entry[2] is not None:
        keys.append(str(entry[3]))
        entry = entry[2]
    parts = ([where] if where else []) + keys[::-1]
    if limit and len(parts) > limit:
        return ".".join(parts[:limit]) + "…"
    return ".".join(parts)
