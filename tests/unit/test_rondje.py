"""The turn-taking rules of a round, on their own."""

from __future__ import annotations

import pytest

from samenslim.domain.soorten.rondje import EVERYONE, Round, speakers_for


def test_single_round_ends_after_everyone_had_a_turn() -> None:
    rnd = Round(["A", "B"], repeat=False, turns=[])
    rnd.speak("hallo")
    assert rnd.current_speaker == "B" and not rnd.done
    rnd.pass_turn()
    assert rnd.done and rnd.current_speaker is None
    with pytest.raises(RuntimeError):
        rnd.speak("te laat")


def test_repeating_round_needs_one_whole_round_of_passes() -> None:
    rnd = Round(["A", "B", "C"], repeat=True, turns=[])
    for action in ["speak", "pass", "pass",   # round 1: not everyone passed
                   "pass", "pass", "speak",   # round 2: the last one still spoke
                   "pass", "pass"]:
        getattr(rnd, "speak" if action == "speak" else "pass_turn")(*(["x"] if action == "speak" else []))
        assert not rnd.done
    assert rnd.current_speaker == "C" and rnd.round_number == 3
    rnd.pass_turn()
    assert rnd.done and rnd.finished_in_round == 3
    assert [t.ronde for t in rnd.turns] == [1, 1, 1, 2, 2, 2, 3, 3, 3]


def test_passes_spread_over_two_rounds_do_not_count() -> None:
    rnd = Round(["A", "B"], repeat=True, turns=[])
    rnd.speak("x")
    rnd.pass_turn()
    rnd.pass_turn()  # A passes in round 2, B passed in round 1: not one whole round yet
    assert not rnd.done
    rnd.pass_turn()
    assert rnd.finished_in_round == 2


def test_undo_takes_back_the_last_turn() -> None:
    rnd = Round(["A", "B"], repeat=False, turns=[])
    rnd.speak("eerste")
    rnd.pass_turn()
    assert rnd.done
    assert rnd.undo().spreker == "B"
    assert rnd.current_speaker == "B" and not rnd.done


def test_speakers_leave_out_a_role_and_never_end_up_empty() -> None:
    assert speakers_for(["A", "B", "C"], {"casusinbrenger": "B"}, "casusinbrenger") == ["A", "C"]
    assert speakers_for([], {}, None) == [EVERYONE]
    assert speakers_for(["A"], {"casusinbrenger": "A"}, "casusinbrenger") == [EVERYONE]


def test_next_speaker_for_the_beamer() -> None:
    single = Round(["Anna", "Bram", "Chris"], repeat=False, turns=[])
    assert (single.current_speaker, single.next_speaker) == ("Anna", "Bram")
    single.speak("a")
    single.speak("b")
    assert (single.current_speaker, single.next_speaker) == ("Chris", None)  # the last turn of the round
    rounds = Round(["Anna", "Bram"], repeat=True, turns=[])
    rounds.speak("a")
    assert (rounds.current_speaker, rounds.next_speaker) == ("Bram", "Anna")  # round and round
    assert Round(["Anna"], repeat=True, turns=[]).next_speaker is None
