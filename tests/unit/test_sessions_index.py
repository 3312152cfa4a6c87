"""The sessions index: a cache of summaries that is never trusted over the session files."""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import time
from datetime import date
from pathlib import Path

import pytest

from samenslim.domain.erasure import delete_session
from samenslim.domain.session import Positie, Sessie, session_from_json
from samenslim.domain.sessions_index import (
    INDEX_NAME,
    TEXTS_NAME,
    filter_entries,
    list_sessions,
    read_file,
    read_head,
    search,
    search_text,
)
from samenslim.domain.sessions_index.reading import HEAD_BYTES, _Head, _quick_session
from samenslim.domain.store import SessionFileError, SessionStore

EXAMPLES = Path(__file__).resolve().parents[2] / "sessions"
EXAMPLE_FILES = sorted(path for path in EXAMPLES.glob("*.json") if not path.name.startswith("."))
PILOT = "20260312-133000-bijeenkomst-1-samen-richten-4f30"
INTERVISIE = "20260407-150000-intervisie-trajectbegeleiders-3c2c"
SOLO = "20260420-084500-mijn-rol-in-het-netwerk-5645"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "sessies"
    target.mkdir()
    for path in EXAMPLE_FILES:
        shutil.copy(path, target / path.name)
    settle(target)
    return target


def settle(folder: Path) -> None:
    """Session files as they usually are: written a while ago (see SETTLE_NS)."""
    past = time.time_ns() - 3600 * 10**9
    for path in folder.glob("*.json"):
        os.utime(path, ns=(past, past))


def titles(entries) -> list[str]:
    return [entry.titel for entry in entries]


def load(folder: Path, session_id: str) -> dict:
    return json.loads((folder / f"{session_id}.json").read_text(encoding="utf-8"))


def write(folder: Path, name: str, data: dict) -> Path:
    path = folder / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def test_cold_listing_summarises_every_session_newest_first(folder: Path) -> None:
    listing = list_sessions(folder)
    assert (listing.reread, listing.reused, listing.dropped) == (3, 0, 0)
    assert listing.full_reads == 0 and listing.texts == {}, "files the store wrote are listed from their head"
    assert [entry.id for entry in listing.entries] == [SOLO, INTERVISIE, PILOT]
    pilot = listing.entries[2]
    assert pilot.titel == "Bijeenkomst 1: Samen richten" and pilot.groep == "Netwerk Jongeren Oost"
    assert pilot.werkvormen == ["check-in", "historielijn", "positief-thema"]
    assert pilot.werkvorm_titels == ["Check-in", "Historielijn", "Een positief thema formuleren"]
    assert (pilot.modus, pilot.status, pilot.schema_versie) == ("groep", "afgerond", 1)
    assert pilot.aangemaakt.isoformat() == "2026-03-12T13:30:00+01:00"
    assert pilot.grootte == (folder / pilot.bestand).stat().st_size
    assert not pilot.prive and listing.entries[0].prive
    assert all(entry.beschadigd is None and not entry.leesbaar_alleen for entry in listing.entries)
    assert (folder / INDEX_NAME).is_file() and not (folder / TEXTS_NAME).exists(), "the texts wait for a search"
    assert titles(search(listing, "zomergat")) == ["Bijeenkomst 1: Samen richten"]
    assert listing.full_reads == 3, "the first search reads the files whole"
    assert [entry.id for entry in listing.entries] == [SOLO, INTERVISIE, PILOT], "and finds nothing new"
    for name in (INDEX_NAME, TEXTS_NAME):
        assert (folder / name).is_file()
        if os.name == "posix":
            assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600


def test_warm_listing_reuses_every_entry(folder: Path) -> None:
    cold = list_sessions(folder)
    search(cold, "iets")  # saves the texts
    caches_before = [(folder / name).read_bytes() for name in (INDEX_NAME, TEXTS_NAME)]
    warm = list_sessions(folder)
    assert (warm.reread, warm.reused) == (0, 3)
    assert warm.entries == cold.entries
    assert titles(search(warm, "snuffeldag")) == ["Intervisie trajectbegeleiders april"]
    assert warm.full_reads == 0, "texts come from the cache"
    assert [(folder / name).read_bytes() for name in (INDEX_NAME, TEXTS_NAME)] == caches_before, \
        "nothing changed, nothing written"


def test_files_changed_just_before_the_index_was_built_are_read_again(folder: Path) -> None:
    # A file's mtime has a coarse clock: a second change within the same tick keeps size and mtime.
    for path in folder.glob("*.json"):
        path.touch()
    list_sessions(folder)
    assert list_sessions(folder).reread == 3
    settle(folder)
    list_sessions(folder)
    assert list_sessions(folder).reused == 3


def test_a_modified_file_is_read_again(folder: Path) -> None:
    list_sessions(folder)
    store = SessionStore(folder)
    session = store.load(INTERVISIE)
    session.titel = "Intervisie met nieuwe titel"
    session.werkvormen[0].stappen[4].vastgelegd = {"notities": "Een heel nieuwe zin over stroopwafels."}
    store.save(session)
    listing = list_sessions(folder)
    assert (listing.reread, listing.reused) == (1, 2)
    assert "Intervisie met nieuwe titel" in titles(listing.entries)
    assert titles(search(listing, "stroopwafels")) == ["Intervisie met nieuwe titel"]
    assert search(listing, "voorstellen") == [], "the old text is gone from the search"
    assert b"voorstellen" not in (folder / TEXTS_NAME).read_bytes()


def test_a_deleted_file_is_dropped_with_its_text(folder: Path) -> None:
    search(list_sessions(folder), "iets")
    assert b"snuffeldag" in (folder / TEXTS_NAME).read_bytes()
    (folder / f"{INTERVISIE}.json").unlink()
    listing = list_sessions(folder)
    assert (listing.dropped, listing.reused, listing.reread) == (1, 2, 0)
    assert INTERVISIE not in [entry.id for entry in listing.entries]
    assert b"snuffeldag" not in (folder / TEXTS_NAME).read_bytes()
    assert INTERVISIE.encode() not in (folder / INDEX_NAME).read_bytes()


@pytest.mark.parametrize(("content", "reason"), [
    (b'{"schema_versie": 1, "id": "x", "titel": ', "geen geldige JSON (regel 1"),
    (b"\xff\xfe\x00garbage", "UTF-8"),
    (b"[1, 2, 3]", "geen sessie"),
    (b'{"schema_versie": 1, "id": "abc"}', "klopt niet"),
    (b"", "geen geldige JSON"),
])
def test_a_damaged_file_is_listed_with_its_reason_and_left_alone(folder: Path, content: bytes, reason: str) -> None:
    damaged = folder / "20250101-090000-kapot-0000.json"
    damaged.write_bytes(content)
    for _ in range(2):  # also when its entry comes from the index
        listing = list_sessions(folder)
        [entry] = [entry for entry in listing.entries if entry.beschadigd]
        assert entry.bestand == damaged.name and entry.id == "20250101-090000-kapot-0000"
        assert reason in entry.beschadigd
        assert damaged.read_bytes() == content, "a damaged file is never rewritten"
    assert len(listing.entries) == 4 and listing.entries[-1] is entry, "unreadable files come last"
    with pytest.raises(SessionFileError) as raised:
        SessionStore(folder).load(damaged.stem)
    assert raised.value.damage.reason == entry.beschadigd, "the same words as when opening it"


def test_a_newer_schema_is_listed_read_only(folder: Path) -> None:
    data = load(folder, PILOT)
    data.update(schema_versie=99, id="20260501-100000-uit-de-toekomst-0001", titel="Uit de toekomst",
                nieuw_veld={"uitleg": "iets dat deze versie niet kent: tijdreizen"})
    newer = write(folder, data["id"], data)
    before = newer.read_bytes()
    listing = list_sessions(folder)
    [entry] = [entry for entry in listing.entries if entry.id == data["id"]]
    assert entry.titel == "Uit de toekomst" and entry.leesbaar_alleen and entry.beschadigd is None
    assert entry.schema_versie == 99 and entry.groep == "Netwerk Jongeren Oost"
    assert entry.werkvormen == ["check-in", "historielijn", "positief-thema"]
    assert titles(search(listing, "tijdreizen")) == ["Uit de toekomst"]
    assert newer.read_bytes() == before


@pytest.mark.parametrize("change", [
    lambda raw: raw.replace(b'"schema_versie": 1,', b'"schema_versie": 1.0,', 1),
    lambda raw: raw.replace(b'"schema_versie": 1,', b'"schema_versie": "1",', 1),
    lambda raw: raw.replace(b'"schema_versie": 1,', b'', 1),
    lambda raw: raw.replace(b'"schema_versie": 1,', b'', 1).replace(b'"notities": ""', b'"schema_versie": 1', 1),
    lambda raw: raw.replace(b'"titel": "Mijn rol', b'"titel": 5, "titel": "Mijn rol', 1),
    lambda raw: raw.replace(b'"titel": "Mijn rol', b'"titel": "Mijn rol", "titel": 5, "x": "', 1),
    lambda raw: raw.replace(b'"titel": "Mijn rol', b'"titel": "Mijn\\ud800 rol', 1),
    lambda raw: b"\xef\xbb\xbf" + raw,
    lambda raw: raw.replace(b'"notities": ""', b'"notities": ' + b"[" * 5000 + b"]" * 5000, 1),
    lambda raw: raw + b"\n",
    lambda raw: raw,
], ids=["float-version", "string-version", "no-version", "nested-version", "duplicate-key", "duplicate-key-last",
        "lone-surrogate", "bom", "deep", "newline", "as-is"])
def test_the_listing_says_readable_exactly_when_the_store_can_open_it(folder: Path, change) -> None:
    path = folder / f"{SOLO}.json"
    path.write_bytes(change(path.read_bytes()))
    entry, _ = read_file(path, 0, 0)
    try:
        SessionStore(folder).load_path(path)
        opens = None
    except SessionFileError as error:
        opens = error.damage.reason
    assert entry.beschadigd == opens


def test_search_finds_captured_text_in_every_kind_of_step(folder: Path) -> None:
    listing = list_sessions(folder)
    assert titles(search(listing, "snuffeldag")) == ["Intervisie trajectbegeleiders april"]  # a round's tip
    assert titles(search(listing, "Zomergat")) == ["Bijeenkomst 1: Samen richten"]  # an anecdote, any case
    assert titles(search(listing, "hans 2015")) == ["Bijeenkomst 1: Samen richten"]  # the line-up
    assert titles(search(listing, "wondervraag")) == ["Bijeenkomst 1: Samen richten"]  # a step title
    assert titles(search(listing, "uwv regie")) == ["Intervisie trajectbegeleiders april"], "every word must match"
    assert search(listing, "snuffeldag zomergat") == []
    assert len(search(listing, "  ")) == 3


def test_what_someone_noted_alone_is_not_found_unless_asked(folder: Path) -> None:
    listing = list_sessions(folder)
    assert search(listing, "meivakantie") == [], "an action in the solo session"
    assert titles(search(listing, "meivakantie", include_private=True)) == ["Mijn rol in het netwerk"]
    assert titles(search(listing, "mijn rol")) == ["Mijn rol in het netwerk"], "found by its title"
    assert search(listing, "aanspreekpunt") and all(not entry.prive for entry in search(listing, "aanspreekpunt"))


def test_filters(folder: Path) -> None:
    solo = load(folder, SOLO)
    solo.update(id="20260521-084500-nog-een-reflectie-0002", titel="Nog een reflectie", groep="Netwerk Jongeren Oost",
                aangemaakt="2026-05-21T08:45:00+02:00")
    write(folder, solo["id"], solo)
    entries = list_sessions(folder).entries
    assert titles(filter_entries(entries, groep=" netwerk  jongeren OOST")) == ["Bijeenkomst 1: Samen richten"]
    assert titles(filter_entries(entries, groep="Netwerk Jongeren Oost", include_private=True)) == [
        "Nog een reflectie", "Bijeenkomst 1: Samen richten"]
    assert titles(filter_entries(entries, werkvorm="progressiegerichte-intervisie")) == [
        "Intervisie trajectbegeleiders april"]
    assert titles(filter_entries(entries, werkvorm="schaalvraag")) == ["Nog een reflectie", "Mijn rol in het netwerk"]
    assert titles(filter_entries(entries, werkvorm="Historielijn")) == ["Bijeenkomst 1: Samen richten"]
    assert titles(filter_entries(entries, modus="solo")) == ["Nog een reflectie", "Mijn rol in het netwerk"]
    assert titles(filter_entries(entries, van=date(2026, 4, 7), tot=date(2026, 4, 20))) == [
        "Mijn rol in het netwerk", "Intervisie trajectbegeleiders april"]
    assert titles(filter_entries(entries, tot=date(2026, 3, 12))) == ["Bijeenkomst 1: Samen richten"]
    assert titles(filter_entries(entries, modus="groep", van=date(2026, 4, 1))) == [
        "Intervisie trajectbegeleiders april"]
    assert filter_entries(entries, groep="Onbekend") == []


@pytest.mark.parametrize("garbage", [b"{niet af", b'{"formaat": 1, "samenslim": "0.0.1", "gebouwd_ns": 0, "sessies": []}',
                                     b"\x00\x01", b"[]"])
def test_an_unusable_index_is_rebuilt(folder: Path, garbage: bytes) -> None:
    list_sessions(folder)
    (folder / INDEX_NAME).write_bytes(garbage)
    (folder / TEXTS_NAME).write_bytes(garbage)
    listing = list_sessions(folder)
    assert (listing.reread, len(listing.entries)) == (3, 3)
    assert titles(search(listing, "snuffeldag")) == ["Intervisie trajectbegeleiders april"]
    warm = list_sessions(folder)
    assert warm.reused == 3 and titles(search(warm, "snuffeldag")) == ["Intervisie trajectbegeleiders april"]


def test_search_texts_that_do_not_match_the_file_are_not_used(folder: Path) -> None:
    search(list_sessions(folder), "iets")
    texts = json.loads((folder / TEXTS_NAME).read_bytes())
    for name, (size, mtime_ns, _, damage) in texts["teksten"].items():
        texts["teksten"][name] = [size + 1, mtime_ns, "verzonnen tekst", damage]
    (folder / TEXTS_NAME).write_text(json.dumps(texts))
    warm = list_sessions(folder)
    assert search(warm, "verzonnen") == []
    assert titles(search(warm, "snuffeldag")) == ["Intervisie trajectbegeleiders april"]


def test_only_session_files_are_listed(folder: Path) -> None:
    (folder / f".{PILOT}.4242.abc123.tmp").write_text("half")
    (folder / f"{PILOT}.lock").write_text("")
    (folder / f"{PILOT}.json.bak").write_text("{}")
    (folder / "notities.txt").write_text("los")
    (folder / "map.json").mkdir()
    assert len(list_sessions(folder).entries) == 3


def test_the_store_does_not_take_the_cache_files_for_sessions(folder: Path) -> None:
    list_sessions(folder)
    sessions, damaged = SessionStore(folder).scan()
    assert len(sessions) == 3 and damaged == []


def test_a_missing_folder_lists_nothing_and_creates_nothing(tmp_path: Path) -> None:
    listing = list_sessions(tmp_path / "nergens")
    assert listing.entries == [] and not (tmp_path / "nergens").exists()


def test_an_index_that_cannot_be_written_is_reported_not_fatal(folder: Path, monkeypatch) -> None:
    def full_disk(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    listing = list_sessions(folder)
    assert len(listing.entries) == 3 and "de schijf is vol" in listing.index_error
    assert sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp")) == [], "no temp files left"


def test_deleting_removes_the_file_its_lock_temps_backups_and_index_entry(folder: Path) -> None:
    store = SessionStore(folder)
    search(list_sessions(folder), "iets")
    store.lock(INTERVISIE).release()
    leftovers = [folder / f".{INTERVISIE}.4242.abc123.tmp", folder / f"{INTERVISIE}.json.bak",
                 folder / f"{INTERVISIE}.json~"]
    for path in leftovers:
        path.write_text("kopie")
    other_temp = folder / f".{PILOT}.4242.abc123.tmp"
    other_temp.write_text("van een andere sessie")
    delete_session(folder, INTERVISIE)
    names = sorted(path.name for path in folder.iterdir())
    assert not [name for name in names if INTERVISIE in name]
    assert other_temp.exists(), "another session's files stay"
    assert INTERVISIE.encode() not in (folder / INDEX_NAME).read_bytes()
    assert b"snuffeldag" not in (folder / TEXTS_NAME).read_bytes(), "its text no longer sits in the cache"
    listing = list_sessions(folder)
    assert (listing.reused, listing.reread, listing.dropped) == (2, 0, 0), "the rest of the index is still good"


def test_session_files_are_valid_examples() -> None:
    for path in EXAMPLE_FILES:
        session = session_from_json(json.loads(path.read_text(encoding="utf-8")))
        assert session.id == path.stem and session.status == "afgerond"


def test_reading_a_file_gives_its_search_text() -> None:
    entry, text = read_file(EXAMPLES / f"{PILOT}.json", 1, 2)
    assert (entry.grootte, entry.mtime_ns) == (1, 2)
    assert "zomergat" in text and "marieke" in text and "\n" not in text and text == text.lower()
    assert search_text(["A\nB", "C"]) == "a b c"


def test_files_as_the_store_writes_them_take_the_quick_path(tmp_path: Path) -> None:
    """The quick path is what keeps a cold listing of thousands of files near one second; it must
    not switch itself off unnoticed (for instance when Sessie's fields are reordered)."""
    session = session_from_json(json.loads((EXAMPLES / f"{PILOT}.json").read_text(encoding="utf-8")))
    raw = SessionStore(tmp_path).save(session).read_bytes()
    assert _quick_session(raw) == session


# -- the head: what a listing reads of a file -----------------------------------------------------

def listed(listing, session_id: str):
    [entry] = [entry for entry in listing.entries if entry.id == session_id]
    return entry


def head(path: Path):
    """read_head as a listing calls it: with the file's size."""
    return read_head(path, path.stat().st_size, 2)


def opening(folder: Path, session_id: str) -> str | None:
    """None when the store opens the file, else the Dutch reason it gives."""
    try:
        SessionStore(folder).load(session_id)
    except SessionFileError as error:
        return error.damage.reason
    return None


def test_a_file_the_store_wrote_is_listed_from_its_head(folder: Path) -> None:
    store = SessionStore(folder)
    session = store.load(PILOT)
    session.titel, session.werkvormen = "Alleen de historielijn", session.werkvormen[1:2]
    session.positie = Positie()  # inside the shorter agenda: a position past it is refused on opening
    path = store.save(session)
    raw = path.read_bytes()
    assert raw.index(b'"agenda"') < raw.index(b'"werkvormen"') < HEAD_BYTES < len(raw)
    entry, text = head(path)
    assert text is None, "only the head was read"
    assert (entry.titel, entry.werkvormen, entry.werkvorm_titels) == (
        "Alleen de historielijn", ["historielijn"], ["Historielijn"]), "the agenda follows the werkvormen"
    assert entry == read_file(path, path.stat().st_size, 2)[0], "the same summary as reading it whole"


def test_the_head_checks_every_field_before_werkvormen_with_the_sessions_types() -> None:
    """_Head must follow Sessie: same fields before werkvormen, in the same order (the store writes
    them in this order, and the list reads only what comes before werkvormen)."""
    fields = list(Sessie.model_fields)
    assert list(_Head.__annotations__) == fields[:fields.index("werkvormen")]
    assert fields.index("agenda") == fields.index("werkvormen") - 1


def test_an_old_file_without_agenda_is_read_whole_and_listed_with_its_werkvormen(folder: Path) -> None:
    data = load(folder, PILOT)
    del data["agenda"]
    write(folder, PILOT, data)
    settle(folder)
    listing = list_sessions(folder)
    assert listing.full_reads == 1 and PILOT + ".json" in listing.texts
    pilot = listed(listing, PILOT)
    assert pilot.beschadigd is None and pilot.werkvormen == ["check-in", "historielijn", "positief-thema"]
    assert pilot.werkvorm_titels == ["Check-in", "Historielijn", "Een positief thema formuleren"]
    assert SessionStore(folder).load(PILOT).agenda == [], "it still opens; the agenda comes with its next save"
    index = (folder / INDEX_NAME).stat().st_ino  # a rewrite replaces the file
    assert titles(search(listing, "zomergat")) == ["Bijeenkomst 1: Samen richten"]
    assert listing.full_reads == 3, "its text came with the listing, the other two are read now"
    assert (folder / INDEX_NAME).stat().st_ino == index, "the full reads found what the heads said: not rewritten"
    assert b"zomergat" in (folder / TEXTS_NAME).read_bytes(), "the text read by the listing is saved too"


def test_a_truncated_file_is_listed_as_damaged(folder: Path) -> None:
    path = folder / f"{INTERVISIE}.json"
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) * 2 // 3])  # the head is intact, the end is gone
    listing = list_sessions(folder)
    entry = listed(listing, INTERVISIE)
    assert entry.beschadigd and "geen geldige JSON" in entry.beschadigd
    assert entry.beschadigd == opening(folder, INTERVISIE)
    assert listing.entries[-1] is entry and listing.full_reads == 1
    assert path.read_bytes() == raw[: len(raw) * 2 // 3], "left as it is"


@pytest.mark.parametrize(("old", "new", "reason"), [
    (b'"modus": "solo"', b'"modus": "samen"', "veld 'modus' klopt niet"),
    (b'"titel": "Mijn rol in het netwerk"', b'"titel": ["Mijn rol"]', "veld 'titel' klopt niet"),
    (b'"aangemaakt": "2026-04-20T08:45:00+02:00"', b'"aangemaakt": "gisteren"', "veld 'aangemaakt' klopt niet"),
    (b'"aangemaakt": "2026-04-20T08:45:00+02:00"', b'"aangemaakt": "2026-02-30T08:45:00+02:00"',
     "veld 'aangemaakt' klopt niet"),
    (b'"groep": ""', b'"groep": null', "veld 'groep' klopt niet"),
    (b'"deelnemers": []', b'"deelnemers": "Anna"', "veld 'deelnemers' klopt niet"),
    (b'"stap": 5', b'"stap": "vijf"', "veld 'positie.stap' klopt niet"),
    (b'"werkvorm_id": "schaalvraag",\n   "titel": "Schaalvraag"\n  }', b'"titel": "Schaalvraag"\n  }',
     "veld 'agenda.0.werkvorm_id' klopt niet"),
    (b'"id": "20260420-084500-mijn-rol-in-het-netwerk-5645"', b'"id": "Mijn Rol"', "veld 'id' klopt niet"),
    (b'"schema_versie": 1', b'"schema_versie": "1"', "'schema_versie' ontbreekt of is geen getal"),
], ids=["modus", "titel", "date", "date-value", "groep-null", "people", "position", "agenda", "id", "version"])
def test_a_head_with_a_wrong_type_is_read_whole_and_listed_as_damaged(folder: Path, old: bytes, new: bytes,
                                                                      reason: str) -> None:
    path = folder / f"{SOLO}.json"
    raw = path.read_bytes()
    assert raw.count(old) == 1
    path.write_bytes(raw.replace(old, new))
    entry, text = head(path)
    assert text is not None, "read whole"
    assert entry.beschadigd and reason in entry.beschadigd and entry.beschadigd == opening(folder, SOLO)


def test_damage_in_the_middle_is_listed_and_shown_when_opened_or_searched(folder: Path) -> None:
    path = folder / f"{PILOT}.json"
    raw = path.read_bytes()
    middle = raw.index(b'"gebruikte_seconden"', len(raw) // 2)
    broken = raw[:middle] + b'"gebruikte_seconden": veel,' + raw[middle:]
    path.write_bytes(broken)
    settle(folder)
    listing = list_sessions(folder)
    assert listing.full_reads == 0 and listed(listing, PILOT).beschadigd is None, "the head and the end are fine"
    reason = opening(folder, PILOT)
    assert reason and "geen geldige JSON" in reason, "opening it says what is wrong"
    assert search(listing, "zomergat") == [], "a search reads it whole"
    entry = listed(listing, PILOT)
    assert entry.beschadigd == reason and listing.entries[-1] is entry, "and marks it, listed last"
    warm = list_sessions(folder)
    assert warm.reused == 3 and listed(warm, PILOT).beschadigd == reason, "the index knows it from then on"
    (folder / INDEX_NAME).unlink()
    cold = list_sessions(folder)
    assert listed(cold, PILOT).beschadigd is None
    search(cold, "iets")
    assert cold.full_reads == 0 and listed(cold, PILOT).beschadigd == reason, "the texts file remembers it too"
    assert path.read_bytes() == broken, "a damaged file is never rewritten"


def test_a_listing_gets_a_file_written_in_another_way_right(folder: Path) -> None:
    """Key order, spacing and a renamed file: the full read decides whatever the head looks like."""
    data = load(folder, PILOT)
    data = {"titel": data.pop("titel"), **data}  # schema_versie not first
    write(folder, PILOT, data)
    renamed = folder / "20260312-133000-hernoemd-0000.json"
    (folder / f"{INTERVISIE}.json").rename(renamed)  # its id no longer is its file name
    settle(folder)
    listing = list_sessions(folder)
    assert listing.full_reads == 1, "the renamed file goes the full path when its id does not match"
    assert all(entry.beschadigd is None for entry in listing.entries)
    assert listed(listing, "20260312-133000-hernoemd-0000").titel == "Intervisie trajectbegeleiders april"
    assert listed(listing, PILOT).werkvormen == ["check-in", "historielijn", "positief-thema"]


@pytest.mark.parametrize("when", [
    "2026-04-20T08:45:00Z", "2026-04-20T08:45:00.5+02:00", "2026-04-20T08:45:00.123456-05:30", "2026-04-20T08:45:00",
    "2026-04-20 08:45:00+02:00", "2026-04-20T08:45+02:00", "2026-04-20", "2026-13-20T08:45:00+02:00",
    "2026-04-20T24:00:00+02:00", "2026-04-20T08:45:60+02:00", "2026-04-20T08:45:00+24:00", "1745131500",
])
def test_the_head_reads_dates_as_the_store_does(folder: Path, when: str) -> None:
    path = folder / f"{SOLO}.json"
    path.write_bytes(path.read_bytes().replace(b'"2026-04-20T08:45:00+02:00"', f'"{when}"'.encode(), 1))
    entry, _ = head(path)
    reason = opening(folder, SOLO)
    assert entry.beschadigd == reason
    if reason is None:
        assert entry.aangemaakt == SessionStore(folder).load(SOLO).aangemaakt


@pytest.mark.parametrize("change", [
    lambda raw: raw.replace(b'"schema_versie": 1,', b'"schema_versie": 1.0,', 1),
    lambda raw: raw.replace(b'"schema_versie": 1,', b'"schema_versie": true,', 1),
    lambda raw: raw.replace(b'"schema_versie": 1,', b'', 1),
    lambda raw: raw.replace(b'"titel": "Mijn rol', b'"titel": 5, "titel": "Mijn rol', 1),
    lambda raw: raw.replace(b'"titel": "Mijn rol', b'"titel": "Mijn rol", "titel": 5, "x": "', 1),
    lambda raw: raw.replace(b'"titel": "Mijn rol', b'"titel": "Mijn\\ud800 rol', 1),
    lambda raw: raw.replace(b'"titel": "Mijn rol', "\"titel\": \"Mijn r\u00f6l".encode("latin-1"), 1),
    lambda raw: raw.replace(b'"thema": "', b'"thema": "' + "\u00e9".encode() * 3000, 1),
    lambda raw: raw.replace(b'"deelnemers": []', b'"deelnemers": ' + b"[" * 5000 + b"]" * 5000, 1),
    lambda raw: b"\xef\xbb\xbf" + raw,
    lambda raw: b"  \n" + raw + b"\n\n",
    lambda raw: raw.rstrip(b"}\n"),
    lambda raw: raw + b"\x00",
    lambda raw: raw.replace(b'"agenda": [', b'"agenda": [], "agenda2": [', 1),
    lambda raw: raw.replace(b'"notities": ""', b'"notities": ' + b"[" * 5000 + b"]" * 5000, 1),
    lambda raw: raw,
], ids=["float-version", "bool-version", "no-version", "duplicate-key", "duplicate-key-last", "lone-surrogate",
        "latin-1", "long-head", "deep-head", "bom", "whitespace", "no-end", "nul-at-end", "empty-agenda",
        "deep-in-the-middle", "as-is"])
def test_the_head_says_readable_when_the_store_can_open_it(folder: Path, change, request) -> None:
    """As test_the_listing_says_readable_exactly_when_the_store_can_open_it, for the head: the same
    verdict, except for damage past the head (the documented trade-off: found on opening or search).
    Only a head laid out as the store writes it, that parses and has the right types, is listed
    from the head; the rest is read whole."""
    path = folder / f"{SOLO}.json"
    path.write_bytes(change(path.read_bytes()))
    entry, text = head(path)
    via_head = request.node.callspec.id in ("duplicate-key", "whitespace", "deep-in-the-middle", "as-is")
    assert (text is None) == via_head
    assert entry == read_file(path, path.stat().st_size, 2)[0] or (text is None and entry.beschadigd is None)
    if text is None:  # listed from the head: the store opens it, unless damaged past the head
        raw = path.read_bytes()
        assert opening(folder, SOLO) is None or raw.find(b"[" * 5000) > raw.index(b'"werkvormen"')
    else:
        assert entry.beschadigd == opening(folder, SOLO)


def test_a_file_that_cannot_be_read_is_listed_with_the_reason(folder: Path) -> None:
    if os.name != "posix" or os.geteuid() == 0:
        pytest.skip("needs file permissions that apply")
    path = folder / f"{SOLO}.json"
    path.chmod(0)
    entry = listed(list_sessions(folder), SOLO)
    assert entry.beschadigd and "kan niet gelezen worden" in entry.beschadigd


def test_a_lone_surrogate_does_not_stop_the_listing(folder: Path) -> None:
    path = folder / f"{SOLO}.json"
    path.write_bytes(path.read_bytes().replace(b'"titel": "Mijn rol', b'"titel": "Mijn\\ud800 rol', 1))
    settle(folder)
    listing = list_sessions(folder)
    # Our choice: a lone surrogate cannot be written as UTF-8; it reads as U+FFFD, as any decoder shows it.
    assert listed(listing, SOLO).titel == "Mijn\ufffd rol in het netwerk" and not listing.index_error
    assert titles(search(listing, "zomergat")) == ["Bijeenkomst 1: Samen richten"] and not listing.index_error
    assert list_sessions(folder).reused == 3, "the caches were written (with a '?' for it)"


def test_deleting_from_a_folder_that_does_not_exist_creates_nothing(tmp_path: Path) -> None:
    """The caches' lock goes on without a folder (its docstring says so); filelock would create the
    folder, with the umask's permissions, just to hold a lock in it."""
    folder = tmp_path / "sessies"
    delete_session(folder, INTERVISIE)
    assert not folder.exists()
