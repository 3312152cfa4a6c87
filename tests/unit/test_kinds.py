"""The domain side of the step kinds added for the whole workbook, and the theme and group logic."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from samenslim.domain.catalog import from_library, quick_catalog
from samenslim.domain.content import load_content, load_library
from samenslim.domain.groups import groups_from
from samenslim.domain.locations import builtin_content_dir
from samenslim.domain.session import new_session, now, retheme
from samenslim.domain.soorten import KINDS, cirkels, kolommen, tweegesprek


def test_pairs_with_an_odd_one_out_make_a_trio() -> None:
    assert tweegesprek.make_pairs(["A", "B", "C", "D"]) == [["A", "B"], ["C", "D"]]
    assert tweegesprek.make_pairs(["A", "B", "C", "D", "E"]) == [["A", "B"], ["C", "D", "E"]]
    assert tweegesprek.make_pairs(["A"]) == [["A"]]
    assert tweegesprek.halves([["A", "B"], ["C", "D", "E"]], swap=True) == 3
    assert tweegesprek.halves([["A", "B"]], swap=False) == 1


def test_real_threes_fill_up_with_pairs_never_a_four_or_one_alone() -> None:
    names = list("ABCDEFGH")
    for count in range(2, 9):
        groups = tweegesprek.make_pairs(names[:count], size=3)
        assert sorted(sum(groups, [])) == names[:count], count
        assert all(len(group) in (2, 3) for group in groups), (count, groups)
        assert sum(len(group) == 3 for group in groups) == max(g for g in range(count // 3 + 1)
                                                                if (count - 3 * g) % 2 == 0), (count, groups)
    assert tweegesprek.make_pairs(list("ABCDEFG"), size=3) == [["A", "B", "C"], ["D", "E"], ["F", "G"]]


def test_halves_follow_the_step_timer() -> None:
    assert tweegesprek.current_half(0, 600, 2) == (0, 300)
    assert tweegesprek.current_half(299, 600, 2) == (0, 1)
    assert tweegesprek.current_half(300, 600, 2) == (1, 300)
    assert tweegesprek.current_half(900, 600, 2)[0] == 1  # overtime stays in the last half
    assert tweegesprek.current_half(50, None, 2) == (0, None)
    assert tweegesprek.current_half(50, None, 2, switched=1) == (1, None), "switched by hand without a plan"
    assert tweegesprek.current_half(10, 600, 2, switched=1) == (1, 590), "switched early"
    assert tweegesprek.current_half(10, 600, 2, switched=5) == (1, 590)
    assert tweegesprek.tellers([["A", "B"], ["C", "D", "E"]], 2) == [("E", ["C", "D"])]


def test_rings_group_items_inner_first_and_keep_unplaced_apart() -> None:
    items = [cirkels.Item(tekst="x", ring="Buiten"), cirkels.Item(tekst="y"), cirkels.Item(tekst="z", ring="Binnen")]
    grouped = cirkels.by_ring(items, ["Binnen", "Buiten"])
    assert list(grouped) == ["Binnen", "Buiten", cirkels.NIET_GEPLAATST]
    assert [i.tekst for i in grouped[cirkels.NIET_GEPLAATST]] == ["y"]
    assert [cirkels.next_relation(r) for r in ("", "sterk", "zwak", "moet sterker")] == \
        ["sterk", "zwak", "moet sterker", ""]
    lines = cirkels.KIND.terugblik(cirkels.CirkelsInhoud(ringen=["Binnen", "Buiten"]), cirkels.Capture.model_validate(
        {"items": [{"tekst": "Gemeente", "ring": "Binnen", "relatie": "zwak", "belang": "geld"}]}))
    assert lines == ["Binnen: Gemeente (relatie: zwak; belang: geld)"]


def test_columns_read_back_in_their_order() -> None:
    assert kolommen.KIND.terugblik(kolommen.KolommenInhoud(kolommen=["Ikzelf", "Context"]),
                                   kolommen.Capture(items={"Context": ["b"], "Ikzelf": ["a"]})) == ["Ikzelf: a", "Context: b"]


def test_retheme_fills_only_steps_not_yet_started() -> None:
    library = load_library(builtin_content_dir() / "werkvormen")
    schaalvraag = library.werkvormen["schaalvraag"]
    session = new_session([schaalvraag, schaalvraag], titel="t")
    session.werkvormen[0].stappen[0].gestart = now()
    asked = session.werkvormen[0].stappen[0].uitleg
    refilled = retheme(session, "Samen sterk", library.werkvormen)
    assert session.thema == "Samen sterk"
    assert session.werkvormen[0].stappen[0].uitleg == asked, "what was asked stays as it was asked"
    assert "Samen sterk" in session.werkvormen[1].stappen[0].uitleg
    assert refilled == 2 * len(schaalvraag.stappen) - 1


def test_a_group_keeps_its_newest_theme() -> None:
    library = load_library(builtin_content_dir() / "werkvormen")
    start = datetime(2026, 1, 1, tzinfo=UTC)
    first = new_session([library.werkvormen["check-in"]], titel="1", groep="Team Oost", thema="Oud", created=start)
    second = new_session([library.werkvormen["check-in"]], titel="2", groep="team  oost", thema="Nieuw",
                         created=start + timedelta(days=7))
    third = new_session([library.werkvormen["check-in"]], titel="3", groep="Team Oost", created=start + timedelta(days=14))
    solo = new_session([library.werkvormen["check-in"]], titel="4", groep="Team Oost", thema="Privé", modus="solo",
                       created=start + timedelta(days=21))
    info = groups_from([third, solo, first, second])["team oost"]
    assert (info.thema, info.sessies) == ("Nieuw", 3)


def test_quick_listing_matches_the_checked_library() -> None:
    root = builtin_content_dir()
    quick = quick_catalog(root / "werkvormen")
    checked = from_library(load_content(root).werkvormen, {k: m.NAAM for k, m in KINDS.items()})
    assert quick.entries.keys() == checked.entries.keys()
    for werkvorm_id, entry in quick.entries.items():
        other = checked.entries[werkvorm_id]
        assert (entry.titel, entry.hoofdstuk, entry.paragraaf, [s.titel for s in entry.stappen]) == \
            (other.titel, other.hoofdstuk, other.paragraaf, [s.titel for s in other.stappen])


def test_actions_and_experiments_form_one_list() -> None:
    from samenslim.domain.readback import actions

    library = load_content(builtin_content_dir())
    session = new_session([library.werkvormen["schaalvraag"], library.werkvormen["experiment-ontwerpen"]], titel="t")
    session.werkvormen[0].stappen[-1].vastgelegd = {"acties": [{"tekst": "Bellen", "eigenaar": "Bram"}]}
    session.werkvormen[1].stappen[-1].vastgelegd = {"experimenten": [{"tekst": "Spreekuur", "helpers": "school"}]}
    found = actions(session)
    assert [(werkvorm, item.tekst, item.soort, item.details) for werkvorm, item in found] == [
        ("Schaalvraag", "Bellen", "actie", (("wie", "Bram"), ("wanneer", ""))),
        ("Experimenten ontwerpen", "Spreekuur", "experiment",
         (("wie", ""), ("eerste stap", ""), ("met hulp van", "school"), ("evalueren", ""), ("status", "open")))]
