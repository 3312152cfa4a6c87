"""argparse in Dutch: its own texts (usage, errors, help) translated for every parser of the CLI."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

# argparse's own texts (its gettext messages), in Dutch. argparse looks them up through its module's
# `_` and `ngettext` at the moment it builds a parser, prints help or reports an error; DutchParser
# swaps those two for the length of each such call, so nothing else in the process is affected.
_DUTCH = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "the following arguments are required: %s": "dit ontbreekt nog: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "onbekende keuze: %(value)r (kies uit %(choices)s)",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r (verwacht: %(type)s)",
    "expected one argument": "hier hoort één waarde achter",
    "expected at least one argument": "hier hoort minstens één waarde achter",
    "expected at most one argument": "hier hoort hoogstens één waarde achter",
    "ambiguous option: %(option)s could match %(matches)s": "onduidelijke optie: %(option)s kan %(matches)s zijn",
    "one of the arguments %s is required": "een van deze argumenten is nodig: %s",
    "not allowed with argument %s": "kan niet samen met %s",
    "ignored explicit argument %r": "waarde %r wordt genegeerd",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "onbekende opdracht %(parser_name)r (kies uit %(choices)s)",
    "can't open '%(filename)s': %(error)s": "kan '%(filename)s' niet openen: %(error)s",
    "expected %s argument": "hier horen %s waarden achter",
    "expected %s arguments": "hier horen %s waarden achter",
}
_TYPE_NAMES = {"int": "een geheel getal", "float": "een getal", "Path": "een pad"}


def _dutch(message: str) -> str:
    return _DUTCH.get(message, message)


def _dutch_plural(singular: str, plural: str, count: int) -> str:
    return _dutch(singular if count == 1 else plural)


@contextmanager
def _in_dutch() -> Iterator[None]:
    module: Any = argparse
    saved = module._, module.ngettext
    module._, module.ngettext = _dutch, _dutch_plural
    try:
        yield
    finally:
        module._, module.ngettext = saved


def _dutch_call(method: Callable) -> Callable:
    def call(*args, **kwargs):
        with _in_dutch():
            return method(*args, **kwargs)

    call.__name__, call.__doc__ = method.__name__, method.__doc__
    return call


class DutchParser(argparse.ArgumentParser):
    """argparse with Dutch headings, help and errors ('gebruik:', 'fout: dit ontbreekt nog: ...')."""

    __init__ = _dutch_call(argparse.ArgumentParser.__init__)
    add_argument = _dutch_call(argparse.ArgumentParser.add_argument)
    parse_args = _dutch_call(argparse.ArgumentParser.parse_args)
    parse_known_args = _dutch_call(argparse.ArgumentParser.parse_known_args)
    format_usage = _dutch_call(argparse.ArgumentParser.format_usage)
    format_help = _dutch_call(argparse.ArgumentParser.format_help)
    error = _dutch_call(argparse.ArgumentParser.error)

    def _get_value(self, action, arg_string):
        try:
            return super()._get_value(action, arg_string)
        except argparse.ArgumentError as error:
            # 'verwacht: int' reads better as 'verwacht: een geheel getal'
            name = getattr(action.type, "__name__", "")
            if name in _TYPE_NAMES:
                error.message = error.message.replace(f"verwacht: {name})", f"verwacht: {_TYPE_NAMES[name]})")
            raise

