"""Identifiers in free text: BSN, phone numbers, e-mail addresses, IBANs and dates of birth.

The notes are about vulnerable young people; the AVG asks for data minimisation and the UAVG
(art. 46) allows a BSN only where a law prescribes it. This module finds such identifiers so the
app, the export and `samenslim privacy` can point at them and replace them by a placeholder.

Pure functions, no I/O. A Finding holds the kind and the position, never the matched value: what
is found is only ever shown as a place or replaced, not logged, listed or stored elsewhere.

Rules (the choices where the issue was silent are marked "own choice"):
- BSN: 9 digits, or 8 (a BSN written without its leading zero, padded to 9), plain or written in
  the usual groups (3-3-3, 4-2-3, 2-2-2-3; for 8 digits 2-3-3 and 3-2-3) with one kind of
  separator (dot, space or dash), passing the 11-proef: weights 9..2 and -1, the sum divisible by
  11 and not 0. Own choice: other groupings are not taken (so "14-03-2008" is never a BSN), and
  neither is a number right after "€" or "EUR" (an amount) or glued to other digits by a dot,
  comma, dash or slash, nor eight digits that read as a date (20261123).
- Phone: a Dutch number: 0, +31, 0031 or +31 (0), then 9 digits (mobile 6..., landline with its area
  code) with spaces, dashes, dots, a slash or brackets anywhere between them. Own choice: not when
  it starts with a date with a four-digit year ("01-02-2026 14:30" is a date and a time).
- E-mail: name@domain.tld.
- IBAN: a country code, two check digits and the country's length (the IBAN registry), spaces
  allowed, passing the mod-97 check.
- Date of birth: only after a cue (geboren, geb., geboortedatum, geboortedag, geboren op): a date
  as 14-03-2008, 14/3/08, 14.03.2008, 2008-03-14 or 14 maart 2008 (month names and their usual
  abbreviations). Only the date is replaced; the cue stays ("geboren [geboortedatum verwijderd]").
  A date without a cue is not a date of birth.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal

Kind = Literal["bsn", "telefoon", "email", "iban", "geboortedatum"]

KINDS: tuple[Kind, ...] = ("bsn", "telefoon", "email", "iban", "geboortedatum")

PLACEHOLDERS: dict[Kind, str] = {
    "bsn": "[BSN verwijderd]",
    "telefoon": "[telefoonnummer verwijderd]",
    "email": "[e-mailadres verwijderd]",
    "iban": "[IBAN verwijderd]",
    "geboortedatum": "[geboortedatum verwijderd]",
}

# How each kind is named in a sentence (Dutch, singular and plural).
KIND_NAMES: dict[Kind, tuple[str, str]] = {
    "bsn": ("BSN", "BSN's"),
    "telefoon": ("telefoonnummer", "telefoonnummers"),
    "email": ("e-mailadres", "e-mailadressen"),
    "iban": ("IBAN", "IBAN's"),
    "geboortedatum": ("geboortedatum", "geboortedata"),
}


def kind_name(kind: Kind, count: int = 1) -> str:
    singular, plural = KIND_NAMES[kind]
    return singular if count == 1 else plural


@dataclass(frozen=True, slots=True)
class Finding:
    """Where an identifier is: text[start:end]. Deliberately without the value itself."""

    kind: Kind
    start: int
    end: int

    @property
    def placeholder(self) -> str:
        return PLACEHOLDERS[self.kind]


# Every pattern starts with a plain character class and looks behind only after it: Python's re
# then skips quickly to the candidates (a lookbehind first costs about ten times as much on 10 kB).
_D = "[0-9]"  # ASCII digits only, here and below (\d would take any script's digits)

# --- BSN ---------------------------------------------------------------------------------------

_BSN_LAYOUTS = (  # digits per group; the separator is one of ". -", the same throughout
    (9,), (3, 3, 3), (4, 2, 3), (2, 2, 2, 3),
    (8,), (2, 3, 3), (3, 2, 3),
)


def _layout(groups: tuple[int, ...]) -> str:
    """A regex for one layout, without its first digit (the pattern's common start): its groups of
    digits, the separator matched once and then repeated."""
    name = "s" + "".join(map(str, groups))
    first, *rest = groups
    pattern = f"{_D}{{{first - 1}}}"
    for number, count in enumerate(rest):
        pattern += (f"(?P<{name}>[. \\-])" if number == 0 else f"(?P={name})") + f"{_D}{{{count}}}"
    return pattern


_BSN = re.compile(
    rf"{_D}(?<!{_D}{_D})(?<!{_D}[.,\-/]{_D})"  # not inside a longer number
    rf"(?<!€{_D})(?<!€ {_D})(?<!EUR{_D})(?<!EUR {_D})"  # not an amount
    r"(?:" + "|".join(_layout(groups) for groups in _BSN_LAYOUTS) + r")"
    rf"(?!{_D})(?![.,\-/]{_D})")
_NOT_DIGIT = re.compile("[^0-9]")
# Eight digits that read as a date (20261123, 23112026) are taken for one: a kenmerk or a seed, not
# a BSN that lost its leading zero.
_DAY, _MONTH, _YEAR = "(?:0[1-9]|[12][0-9]|3[01])", "(?:0[1-9]|1[0-2])", "(?:19|20)[0-9]{2}"
_COMPACT_DATE = re.compile(f"{_YEAR}{_MONTH}{_DAY}|{_DAY}{_MONTH}{_YEAR}")


def elfproef(digits: str) -> bool:
    """The BSN's 11-proef on 9 digits (8 are padded with a leading zero): weighted 9, 8, ..., 2 and
    -1, the sum is a multiple of 11 and not 0."""
    digits = digits.rjust(9, "0")
    if len(digits) != 9 or not (digits.isascii() and digits.isdigit()):
        return False
    d = digits.encode()  # the character codes: each digit's value + 48; the weights add up to 43
    total = 9 * d[0] + 8 * d[1] + 7 * d[2] + 6 * d[3] + 5 * d[4] + 4 * d[5] + 3 * d[6] + 2 * d[7] - d[8] - 48 * 43
    return total != 0 and total % 11 == 0


# --- phone -------------------------------------------------------------------------------------

_INTERNATIONAL = r"31[ .\-]{0,2}(?:\(0\)[ .\-]{0,2})?"  # after + or 00: 31, maybe (0)
_PHONE = re.compile(
    r"[+0(](?<![\w+][+0(])(?<![0-9][.\-/][+0(])"  # +31, 0031, 0 or (0, not inside a word or number
    rf"(?:(?<=\+){_INTERNATIONAL}|(?<=0)0{_INTERNATIONAL}|(?<=\()0|(?<=0))"
    rf"[1-9](?:[ .\-/)]{{0,3}}{_D}){{8}}"  # the area code or 6, then the rest: 9 digits in all
    rf"(?!{_D})(?![.\-/]{_D})")
# A date with a four-digit year and the time after it ("01-02-2026 14:30") has ten digits too.
_DATE_FIRST = re.compile(r"\(?(?:0?[1-9]|[12][0-9]|3[01])[-/.](?:0?[1-9]|1[0-2])[-/.](?:19|20)[0-9]{2}(?![0-9])")

# --- e-mail ------------------------------------------------------------------------------------

# The part before the @ is read backwards from it, at most 64 characters (RFC 5321's limit), so a
# text full of @ costs no more than one of a few.
_NOT_LOCAL = re.compile(r"[^\w.%+\-]")  # what the part before the @ may not hold
_EMAIL_DOMAIN = re.compile(r"[^\W_](?:[\w\-]*[^\W_])?(?:\.[^\W_](?:[\w\-]*[^\W_])?)*\.[^\W\d_]{2,}(?![\w\-])")


def _emails(text: str) -> list[Finding]:
    found = []
    at = text.find("@")
    while at != -1:
        before = text[max(0, at - 64):at][::-1]
        stop = _NOT_LOCAL.search(before)
        local = stop.start() if stop else len(before)
        domain = _EMAIL_DOMAIN.match(text, at + 1) if local else None
        if domain:
            found.append(Finding("email", at - local, domain.end()))
        at = text.find("@", at + 1)
    return found


# --- IBAN --------------------------------------------------------------------------------------

# The IBAN registry's length per country (SWIFT). A country not listed is not recognised.
IBAN_LENGTHS: dict[str, int] = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29,
    "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "EG": 29,
    "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28,
    "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20,
    "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19,
    "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29,
    "RO": 24, "RS": 22, "SA": 24, "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28,
    "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}
# Where one may start: the first check digit, after a country code that is not inside a word
# (the IBAN itself starts two characters earlier). The rest is read by _iban_at.
_IBAN_CHECK = re.compile(rf"{_D}(?<=[A-Za-z]{{2}}{_D})(?<![^\W_][A-Za-z]{{2}}{_D}){_D}")


def iban_valid(iban: str) -> bool:
    """mod-97 (ISO 13616) on an IBAN without spaces."""
    iban = iban.upper()
    if IBAN_LENGTHS.get(iban[:2]) != len(iban) or not (iban.isascii() and iban.isalnum()):
        return False
    rearranged = iban[4:] + iban[:4]
    return int("".join(str(int(char, 36)) for char in rearranged)) % 97 == 1


def _iban_at(text: str, start: int) -> int | None:
    """The end of a valid IBAN starting at `start`, or None. Single spaces may sit between any
    two characters; the IBAN must not run on into more letters or digits."""
    length = IBAN_LENGTHS.get(text[start:start + 2].upper())
    if length is None:
        return None
    chars: list[str] = []
    position = start
    while len(chars) < length and position < len(text):
        char = text[position]
        if char == " " and chars and position + 1 < len(text) and text[position + 1] != " ":
            position += 1
            continue
        if not (char.isascii() and char.isalnum()):
            return None
        chars.append(char)
        position += 1
    if len(chars) < length or (position < len(text) and text[position].isalnum()):
        return None
    return position if iban_valid("".join(chars)) else None


# --- date of birth -----------------------------------------------------------------------------

_MONTHS = (r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
           r"|jan|feb|febr|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec")
_DATE = (rf"(?:{_D}{{1,2}}[-/.]{_D}{{1,2}}[-/.](?:{_D}{{4}}|{_D}{{2}})"  # 14-03-2008, 14/3/08, 14.03.2008
         rf"|{_D}{{4}}-{_D}{{1,2}}-{_D}{{1,2}}"  # 2008-03-14
         rf"|{_D}{{1,2}}\s+(?i:{_MONTHS})\.?\s+{_D}{{4}})")  # 14 maart 2008, 14 mrt. 2008
_BIRTH = re.compile(
    r"[gG](?<![^\W_][gG])(?i:eboren(?:\s+op)?|eb\.\s*datum|eb\.|eb|eboortedatum|eboortedag)"  # the cue
    rf"\s*:?\s*(?P<datum>{_DATE})(?!{_D})")


# --- finding and replacing ---------------------------------------------------------------------

_DIGIT = re.compile(_D)


def find_identifiers(text: str) -> list[Finding]:
    """Every identifier in the text, in order, none overlapping (where two candidates overlap the
    one that starts first wins, then the longer: an IBAN holds digits that look like a phone)."""
    if "@" not in text and not _DIGIT.search(text):
        return []
    found = _emails(text) if "@" in text else []
    for m in _BSN.finditer(text):
        digits = _NOT_DIGIT.sub("", m[0])
        if elfproef(digits) and not (len(digits) == 8 and _COMPACT_DATE.fullmatch(digits)):
            found.append(Finding("bsn", m.start(), m.end()))
    found += [Finding("telefoon", m.start(), m.end()) for m in _PHONE.finditer(text) if not _DATE_FIRST.match(m[0])]
    for m in _IBAN_CHECK.finditer(text):
        end = _iban_at(text, m.start() - 2)
        if end is not None:
            found.append(Finding("iban", m.start() - 2, end))
    found += [Finding("geboortedatum", m.start("datum"), m.end("datum")) for m in _BIRTH.finditer(text)]
    found.sort(key=lambda finding: (finding.start, -finding.end))
    kept: list[Finding] = []
    for finding in found:
        if not kept or finding.start >= kept[-1].end:
            kept.append(finding)
    return kept


def replace_identifiers(text: str) -> tuple[str, Counter[Kind]]:
    """The text with every identifier replaced by its placeholder, and how many of each kind.
    Repeated until nothing is found (a placeholder holds no digit and no '@', and every finding
    holds one, so this ends): replacing twice changes nothing more."""
    counts: Counter[Kind] = Counter()
    while findings := find_identifiers(text):
        parts: list[str] = []
        position = 0
        for finding in findings:
            parts += [text[position:finding.start], finding.placeholder]
            position = finding.end
            counts[finding.kind] += 1
        parts.append(text[position:])
        text = "".join(parts)
    return text, counts


def redact(text: str) -> str:
    """The text with its identifiers replaced: for showing a title or name that may hold one."""
    return replace_identifiers(text)[0]
