"""Per-criterion statistics and the weighted overall score, without a database."""

import math
import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.reviews.results import spread, weighted_score

scores = st.lists(st.sampled_from([1.0, 2.0, 3.0, 4.0]), min_size=1, max_size=8)


def test_spread_of_three_reviewers():
    result = spread([2, 3, 4])
    assert result.count == 3
    assert result.mean == 3
    assert result.median == 3
    assert (result.minimum, result.maximum) == (2, 4)
    assert result.deviation == pytest.approx(math.sqrt(2 / 3))


def test_the_median_of_an_even_count_is_between_the_middle_two():
    assert spread([1, 2, 3, 4]).median == 2.5


def test_reviewers_who_agree_have_no_spread():
    result = spread([3, 3])
    assert (result.minimum, result.maximum, result.deviation) == (3, 3, 0)


def test_a_criterion_nobody_scored_has_no_numbers():
    result = spread([])
    assert result.count == 0
    assert result.mean is result.median is result.minimum is result.deviation is None


@given(scores)
def test_mean_and_median_lie_within_the_range(values):
    result = spread(values)
    assert result.minimum <= result.mean <= result.maximum
    assert result.minimum <= result.median <= result.maximum
    assert 0 <= result.deviation <= (result.maximum - result.minimum) / 2 + 1e-9


@given(scores)
def test_the_order_reviewers_answered_in_changes_nothing(values):
    assert spread(values) == spread(sorted(values, reverse=True))


def test_the_overall_score_weighs_each_criterions_mean():
    # Means 3 (weight 2) and 1.5 (weight 1): (2 * 3 + 1 * 1.5) / 3.
    assert weighted_score([(2.0, [3, 3]), (1.0, [1, 2])]) == pytest.approx(2.5)


def test_a_criterion_without_scores_does_not_pull_the_score_down():
    assert weighted_score([(1.0, [4, 4]), (1.0, [])]) == 4


def test_nothing_scored_gives_no_score():
    assert weighted_score([(1.0, []), (2.0, [])]) is None
    assert weighted_score([(0.0, [3])]) is None


@given(st.lists(st.tuples(st.sampled_from([0.5, 1.0, 2.0, 3.0]), scores), min_size=1))
def test_the_overall_score_lies_between_the_lowest_and_highest_criterion_mean(criteria):
    means = [statistics.fmean(values) for _, values in criteria]
    assert min(means) - 1e-9 <= weighted_score(criteria) <= max(means) + 1e-9


@given(st.lists(scores, min_size=1, max_size=6))
def test_equal_weights_give_the_plain_mean_of_the_criterion_means(criteria):
    expected = statistics.fmean(statistics.fmean(values) for values in criteria)
    assert weighted_score([(1.0, values) for values in criteria]) == pytest.approx(expected)
