"""The grading arithmetic: parsing scores, weighted final score, classification, completion."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from training.results.rules import (
    PASS,
    REASON_ABSENCE,
    REASON_BELOW_MINIMUM,
    REASON_FAILING_BAND,
    REASON_MISSING,
    BandRule,
    ComponentRule,
    Rules,
    absence_percent,
    evaluate,
    final_score,
    parse_score,
)

D = Decimal


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("7,5", D("7.5")),
        ("7.5", D("7.5")),
        (" 8 ", D("8.0")),
        ("10", D("10.0")),
        ("0", D("0.0")),
        ("7,50", D("7.5")),
        (D("6.5"), D("6.5")),
        (9, D("9.0")),
        ("", None),
        (None, None),
        ("  ", None),
    ],
)
def test_scores_are_read_with_comma_or_dot(raw, expected):
    assert parse_score(raw) == expected


@pytest.mark.parametrize(
    "raw, code",
    [
        ("11", "out_of_range"),
        ("10,1", "out_of_range"),
        ("-1", "out_of_range"),
        ("7,55", "too_many_decimals"),
        ("7.25", "too_many_decimals"),
        ("abc", "not_a_number"),
        ("7,5,3", "not_a_number"),
        ("7 , 5x", "not_a_number"),
    ],
)
def test_bad_scores_are_refused_with_a_reason(raw, code):
    with pytest.raises(ValidationError) as caught:
        parse_score(raw, cell="Dòng 3 (Nguyễn Văn An), Bài thu hoạch")
    assert caught.value.code == code
    assert caught.value.messages[0].startswith("Dòng 3 (Nguyễn Văn An), Bài thu hoạch: ")


def rules(scheme="ten_point", components=None, min_final="5.0", max_absence="20"):
    bands = (
        BandRule("excellent", D("9.0"), D("10.0"), True),
        BandRule("very_good", D("8.0"), D("9.0"), True),
        BandRule("good", D("7.0"), D("8.0"), True),
        BandRule("average", D("5.0"), D("7.0"), True),
        BandRule("fail", D("0.0"), D("5.0"), False),
    )
    if components is None:
        components = (ComponentRule(1, "Thu hoạch", D("40"), True), ComponentRule(2, "Kiểm tra", D("60"), True))
    return Rules(scheme, tuple(components), bands, D(min_final) if min_final else None, D(max_absence))


def test_final_score_is_weighted_and_rounded_half_up():
    # 7,0 × 40 % + 8,5 × 60 % = 7,9
    assert final_score(rules(), {1: D("7.0"), 2: D("8.5")}) == D("7.9")
    # 8,5 × 0,4 + 9,0 × 0,6 = 8,8
    assert final_score(rules(), {1: D("8.5"), 2: D("9.0")}) == D("8.8")
    # 7,3 and 7,4 at 50/50 give 7,35 -> 7,4 (half up, not banker's rounding)
    half = rules(components=(ComponentRule(1, "a", D("50"), True), ComponentRule(2, "b", D("50"), True)))
    assert final_score(half, {1: D("7.3"), 2: D("7.4")}) == D("7.4")


def test_missing_required_score_leaves_no_final_score():
    assert final_score(rules(), {1: D("7.0")}) is None
    outcome = evaluate(rules(), {1: D("7.0")}, D(0))
    assert not outcome.completed and outcome.reasons == (REASON_MISSING,)


def test_an_optional_component_without_score_drops_out_of_the_weights():
    optional = rules(components=(ComponentRule(1, "a", D("40"), True), ComponentRule(2, "b", D("60"), False)))
    assert final_score(optional, {1: D("6.0")}) == D("6.0")
    assert evaluate(optional, {1: D("6.0")}, D(0)).completed


@pytest.mark.parametrize(
    "scores, classification",
    [
        ({1: D("9"), 2: D("9")}, "excellent"),
        ({1: D("10"), 2: D("10")}, "excellent"),
        ({1: D("8"), 2: D("8")}, "very_good"),
        ({1: D("7"), 2: D("7")}, "good"),
        ({1: D("5"), 2: D("5")}, "average"),
        ({1: D("4"), 2: D("5")}, "fail"),
    ],
)
def test_classification_follows_the_bands(scores, classification):
    assert evaluate(rules(), scores, D(0)).classification == classification


def test_below_minimum_fails_even_when_the_band_passes():
    strict = rules(min_final="7.0")
    outcome = evaluate(strict, {1: D("6"), 2: D("6")}, D(0))
    assert outcome.classification == "average" and not outcome.completed
    assert outcome.reasons == (REASON_BELOW_MINIMUM,)


def test_failing_band_without_minimum():
    outcome = evaluate(rules(min_final=None), {1: D("3"), 2: D("4")}, D(0))
    assert outcome.reasons == (REASON_FAILING_BAND,)


def test_too_many_absences_fail_a_good_learner():
    outcome = evaluate(rules(), {1: D("9"), 2: D("9")}, D("25"))
    assert not outcome.completed and outcome.reasons == (REASON_ABSENCE,)
    assert evaluate(rules(), {1: D("9"), 2: D("9")}, D("20")).completed  # the limit itself is allowed


def test_pass_fail_programmes_say_pass_or_fail():
    pass_fail = rules(scheme="pass_fail")
    assert evaluate(pass_fail, {1: D("6"), 2: D("6")}, D(0)).classification == PASS
    assert evaluate(pass_fail, {1: D("3"), 2: D("3")}, D(0)).classification == "fail"


def test_without_components_completion_rests_on_attendance():
    none = rules(components=())
    assert evaluate(none, {}, D(0)).completed
    assert not evaluate(none, {}, D(50)).completed


def test_absence_share():
    assert absence_percent(1, 4) == D("25.00")
    assert absence_percent(0, 0) == D(0)
    assert absence_percent(1, 3) == D("33.33")
