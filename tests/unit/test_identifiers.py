"""The identifier detector (domain/identifiers.py): true and false positives from real formats."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samenslim.domain.identifiers import (
    KINDS,
    PLACEHOLDERS,
    Finding,
    elfproef,
    find_identifiers,
    iban_valid,
    redact,
    replace_identifiers,
)


def kinds_in(text: str) -> list[tuple[str, str]]:
    return [(finding.kind, text[finding.start:finding.end]) for finding in find_identifiers(text)]


# --- BSN -----------------------------------------------------------------------------------------

def test_elfproef_examples_from_the_issue() -> None:
    assert elfproef("123456782")
    assert not elfproef("123456789")


def test_elfproef_refuses_a_sum_of_zero() -> None:
    # 0*9 ... 0*2 - 0 = 0: divisible by 11, but no BSN
    assert not elfproef("000000000")
    assert not elfproef("00000000")


def test_elfproef_pads_eight_digits_with_a_leading_zero() -> None:
    # 012345672: 0+8+14+18+20+20+18+14-2 = 110 = 10 * 11
    assert elfproef("012345672")
    assert elfproef("12345672")
    assert not elfproef("12345678")
    assert not elfproef("1234567"), "seven digits are no BSN"
    assert not elfproef("1234567820"), "ten digits are no BSN"


@pytest.mark.parametrize("written", [
    "123456782", "123.456.782", "123 456 782", "123-456-782", "1234.56.782", "1234 56 782", "12.34.56.782",
    "012345672", "12345672", "12.345.672", "123.45.672",
])
def test_a_bsn_is_found_plain_and_in_its_usual_groups(written: str) -> None:
    text = f"De jongere (BSN {written}) meldde zich."
    assert kinds_in(text) == [("bsn", written)]


@pytest.mark.parametrize("text", [
    "nummer 123456789",  # fails the 11-proef
    "nummer 000000000",  # sum 0
    "nummer 12345678",  # eight digits that fail when padded
    "nummer 123.456.789",
    "12.3456.782",  # not a usual grouping
    "123.456-782",  # two kinds of separator
    "14-03-2008",  # a date, whatever its digits
    "SEED = 20261123",  # eight digits that pass when padded, but read as a date (yyyymmdd)
    "kenmerk 07012020",  # and as ddmmyyyy (passes padded too)
])
def test_no_bsn(text: str) -> None:
    assert [kind for kind, _ in kinds_in(text)] == []


def test_a_ten_digit_06_number_is_a_phone_number_not_a_bsn() -> None:
    # 0612345678's last nine digits and 612345678 are looked at as BSN candidates only inside the
    # number; the phone wins, and a BSN is never reported for part of a longer number
    for text in ("bel 0612345678", "bel 06-12345678", "bel 06 12345678", "bel 06 1234 5678"):
        assert [kind for kind, _ in kinds_in(text)] == ["telefoon"], text
    assert kinds_in("order 6123456782") == [], "ten digits, no leading 0: neither BSN nor phone"


# --- phone ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("written", [
    "06-12345678", "0612345678", "06 12345678", "06 - 12 34 56 78", "06-1234 5678",
    "+31 6 12345678", "+31612345678", "+316-12345678", "0031 6 12345678", "0031612345678", "+31 (0)6 12345678",
    "010-1234567", "0201234567", "020 123 4567", "0318-123456", "(010) 123 45 67", "+31 20 123 4567",
    "+31 (0)20 123 4567", "0031 20 1234567", "06-12-34-56-78",
])
def test_dutch_phone_numbers(written: str) -> None:
    text = f"Bereikbaar op {written}, na vieren."
    assert kinds_in(text) == [("telefoon", written)]


@pytest.mark.parametrize("text", [
    "order 061234567",  # nine digits
    "order 06123456789",  # eleven digits
    "order 061234567890",
    "+32 6 12345678",  # not Dutch (and not a valid Belgian format either)
    "artikel 0,5 procent",
    "versie 0.1.2.3",
])
def test_no_phone(text: str) -> None:
    assert kinds_in(text) == []


# --- e-mail --------------------------------------------------------------------------------------

@pytest.mark.parametrize("written", [
    "jan@example.nl", "a.b+c@sub.gemeente.nl", "j.de.vries@leerplicht-regio.nl", "fatma_b@school.org",
    "élodie@exemple.fr",
])
def test_e_mail_addresses(written: str) -> None:
    assert kinds_in(f"Mail naar {written}.") == [("email", written)]


@pytest.mark.parametrize("text", ["@Noor zegt", "naam@", "a@b", "kosten 5 @ 3 euro", "@@", "x@.nl"])
def test_no_e_mail(text: str) -> None:
    assert kinds_in(text) == []


# --- IBAN ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("written", [
    "NL91ABNA0417164300", "NL91 ABNA 0417 1643 00", "nl91abna0417164300",
    "DE89370400440532013000", "DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432", "BE68539007547034",
    "FR1420041010050500013M02606",
])
def test_ibans(written: str) -> None:
    assert kinds_in(f"Rekening {written} graag.") == [("iban", written)]


@pytest.mark.parametrize("text", [
    "NL91ABNA0417164301",  # check digits wrong
    "NL92ABNA0417164300",
    "NL91ABNA041716430",  # too short
    "XNL91ABNA0417164300",  # inside a word
    "ZZ91ABNA0417164300",  # no such country
    "NL91ABNA0417164300X",  # runs on
])
def test_no_iban(text: str) -> None:
    assert [kind for kind, _ in kinds_in(text) if kind == "iban"] == []


def test_iban_valid_checks_country_length_and_mod_97() -> None:
    assert iban_valid("NL91ABNA0417164300")
    assert not iban_valid("NL91ABNA04171643000")
    assert not iban_valid("NL91ABNA041716430!")


# --- date of birth -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "date"), [
    ("geboren 14-03-2008", "14-03-2008"),
    ("Geboren op 14/3/2008", "14/3/2008"),
    ("geb. 14 maart 2008", "14 maart 2008"),
    ("geb. 14 mrt. 2008", "14 mrt. 2008"),
    ("geboortedatum: 2008-03-14", "2008-03-14"),
    ("Geboortedatum 14.03.08", "14.03.08"),
    ("geb.datum 1-2-2003", "1-2-2003"),
])
def test_dates_of_birth_after_a_cue(text: str, date: str) -> None:
    assert kinds_in(text) == [("geboortedatum", date)]
    assert replace_identifiers(text)[0].endswith("[geboortedatum verwijderd]"), "the cue stays"


@pytest.mark.parametrize("text", [
    "Overleg op 14-03-2008 om 14:30",  # a date without a cue
    "2008-03-14",
    "14 maart 2008 was het convenant",
    "geboren in 2008",  # a year is not a date
    "ongeboren 14-03-2008",  # the cue inside a word
])
def test_no_date_of_birth(text: str) -> None:
    assert kinds_in(text) == []


# --- what is not an identifier -------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Postcode 1234 AB, Stationsplein 12",
    "Budget € 1.234.567,89 voor drie jaar",
    "Budget € 12.345.678 in totaal",  # eight digits in BSN groups, but an amount
    "€123456782",
    "In 2019 en 2020, en sinds 2008",
    "Om 14:30 uur, tot 16.45",
    "Het convenant van 14-03-2008 en 2008-03-14",
    "Ordernummer 1234567 en 12345678901 en 1234567890123",
    "Tel het: 1, 2, 3, 4, 5, 6, 7, 8, 9",
    "Score 7/10, 6,5 gemiddeld, 40 dagen",
    "Overleg 01-02-2026 14:30",  # a date and a time: ten digits starting with 0, no phone
    "op 05/03/2026 10 uur, en 01.02.2026 12.30 uur",
    "Budget EUR 123456782",
])
def test_false_positives_from_real_formats(text: str) -> None:
    assert kinds_in(text) == []


# --- replacing -----------------------------------------------------------------------------------

def test_replace_names_each_kind_and_counts_them() -> None:
    text = ("Casus: BSN 123456782, moeder bereikbaar op 06-12345678 en j.jansen@example.nl, "
            "geboren 14-03-2008, rekening NL91 ABNA 0417 1643 00. Ook 123.456.782.")
    new, counts = replace_identifiers(text)
    assert new == ("Casus: BSN [BSN verwijderd], moeder bereikbaar op [telefoonnummer verwijderd] en "
                   "[e-mailadres verwijderd], geboren [geboortedatum verwijderd], rekening [IBAN verwijderd]. "
                   "Ook [BSN verwijderd].")
    assert counts == {"bsn": 2, "telefoon": 1, "email": 1, "iban": 1, "geboortedatum": 1}


def test_findings_hold_positions_and_never_the_value() -> None:
    finding = find_identifiers("BSN 123456782")[0]
    assert finding == Finding("bsn", 4, 13)
    assert "123456782" not in repr(finding)
    assert finding.placeholder == "[BSN verwijderd]"
    assert set(PLACEHOLDERS) == set(KINDS)


def test_redact_leaves_clean_text_alone() -> None:
    assert redact("Een gewone notitie.") == "Een gewone notitie."


# --- properties ----------------------------------------------------------------------------------

_IDENTIFIERS = st.sampled_from([
    "123456782", "123.456.782", "1234 56 782", "12345672", "06-12345678", "+31 6 12345678", "010-1234567",
    "jan@example.nl", "NL91ABNA0417164300", "NL91 ABNA 0417 1643 00", "geboren 14-03-2008", "geb. 1 mei 2001",
])
_PIECES = st.one_of(_IDENTIFIERS, st.text(alphabet="0123456789 .-+@()/:€aAbgeNL,\n", max_size=12), st.text(max_size=12))
_TEXTS = st.lists(_PIECES, max_size=8).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_replacing_is_idempotent_and_leaves_no_finding(text: str) -> None:
    once, _ = replace_identifiers(text)
    assert find_identifiers(once) == []
    assert replace_identifiers(once) == (once, {})


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_findings_are_ordered_apart_and_inside_the_text(text: str) -> None:
    end = 0
    for finding in find_identifiers(text):
        assert end <= finding.start < finding.end <= len(text)
        end = finding.end


@settings(max_examples=300, deadline=None)
@given(st.text().filter(lambda text: "@" not in text and not re.search("[0-9]", text)))
def test_text_without_digits_or_at_sign_is_unchanged(text: str) -> None:
    assert find_identifiers(text) == []
    assert replace_identifiers(text) == (text, {})


@given(st.text(alphabet="0123456789", min_size=8, max_size=9))
def test_elfproef_is_the_weighted_sum(digits: str) -> None:
    padded = digits.rjust(9, "0")
    total = sum(weight * int(digit) for weight, digit in zip((9, 8, 7, 6, 5, 4, 3, 2, -1), padded, strict=True))
    assert elfproef(digits) == (total % 11 == 0 and total != 0)
