"""The rules of a rubric, checked on drafts alone (no database): where each problem is reported."""

import math
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from app.rubrics.drafts import (
    CriterionDraft,
    LevelDraft,
    RubricDraft,
    check_draft,
    score_range,
)


def criterion(title="Objectives", scores=(1, 2, 3, 4), weight=1.0) -> CriterionDraft:
    levels = tuple(LevelDraft(score, f"Level scoring {score}.") for score in scores)
    return CriterionDraft(title, "", weight, levels)


def draft(*criteria, threshold=3.0) -> RubricDraft:
    criteria = criteria or (criterion(), criterion("Activities"))
    return RubricDraft("Lesson plan", "", "en", threshold, tuple(criteria))


def places(rubric: RubricDraft) -> list[tuple]:
    return [problem.where for problem in check_draft(rubric)]


def test_a_sound_draft_breaks_no_rule():
    assert places(draft()) == []


def test_scores_must_rise_from_level_to_level():
    assert places(draft(criterion(scores=(1, 2, 2, 4)))) == [("criteria", 0, "levels", 2, "score")]


def test_a_criterion_needs_at_least_two_levels():
    assert ("criteria", 0, "levels") in places(draft(criterion(scores=(4,)), threshold=4))


def test_a_weight_must_be_above_zero_and_a_number():
    for weight in (0, -1, math.nan, math.inf, None):
        assert places(draft(criterion(weight=weight))) == [("criteria", 0, "weight")]


def test_only_the_later_of_two_equal_titles_is_marked():
    rubric = draft(criterion("Objectives"), criterion(" objectives "))
    assert places(rubric) == [("criteria", 1, "title")]


def test_a_rubric_needs_a_name_and_a_criterion():
    assert places(RubricDraft(" ", "", "en", 3.0, ())) == [("name",), ("criteria",)]


def test_a_level_needs_a_descriptor_and_a_score():
    empty = CriterionDraft("Safety", "", 1.0, (LevelDraft(None, "Unsafe."), LevelDraft(4, " ")))
    assert places(draft(empty)) == [
        ("criteria", 0, "levels", 0, "score"),
        ("criteria", 0, "levels", 1, "descriptor"),
    ]


def test_the_threshold_lies_above_the_lowest_and_at_most_the_highest_weighted_mean():
    assert places(draft(threshold=4.0)) == []
    for threshold in (1.0, 0.5, 4.01, None):
        assert places(draft(threshold=threshold)) == [("threshold",)]


def test_the_range_is_weighted_by_each_criteria_weight():
    rubric = (criterion(weight=3.0), criterion("Safety", scores=(0, 1), weight=1.0))
    assert score_range([(c.weight, [lv.score for lv in c.levels]) for c in rubric]) == (
        0.75,
        3.25,
    )
    assert places(draft(*rubric, threshold=3.25)) == []
    assert places(draft(*rubric, threshold=3.5)) == [("threshold",)]


def test_an_unknown_language_is_refused():
    assert places(replace(draft(), language="tlh")) == [("language",)]


@given(
    st.lists(
        st.tuples(
            st.floats(min_value=0.1, max_value=100),
            st.lists(st.integers(0, 100), min_size=2, max_size=8, unique=True),
        ),
        min_size=1,
        max_size=20,
    )
)
def test_any_rising_levels_with_the_threshold_at_the_top_are_accepted(rows):
    criteria = tuple(
        criterion(f"Criterion {n}", scores=tuple(sorted(scores)), weight=weight)
        for n, (weight, scores) in enumerate(rows)
    )
    low, high = score_range([(c.weight, [lv.score for lv in c.levels]) for c in criteria])
    assert low < high
    assert places(draft(*criteria, threshold=high)) == []
