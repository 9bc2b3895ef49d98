"""Inter-rater agreement: the statistics against hand-checked values, then a rubric's figures
from submitted reviews, then the page."""

import math

import pytest

from app.rubrics.agreement import (
    agreement,
    ordinal_alpha,
    pair_counts,
    rubric_agreement,
    version_agreement,
)
from tests.fixtures.network import PASSWORD

#: Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the worked example for
#: four observers and twelve units (missing values left out): ordinal alpha 0.815.
PAPER_UNITS = [
    [1, 1, 1],
    [2, 2, 3, 2],
    [3, 3, 3, 3],
    [3, 3, 3, 3],
    [2, 2, 2, 2],
    [1, 2, 3, 4],
    [4, 4, 4, 4],
    [1, 1, 2, 1],
    [2, 2, 2, 2],
    [5, 5, 5],
    [1, 1],
    [3],
]


def test_ordinal_alpha_of_krippendorffs_worked_example():
    assert round(ordinal_alpha(PAPER_UNITS), 3) == 0.815


def test_ordinal_alpha_of_a_small_hand_computed_case():
    # Values 0, 1, 2 seen 3, 2 and 3 times; ordinal distances 6.25 (0-1, 1-2) and 25 (0-2).
    # Observed 2 * 6.25 * 2 = 25, expected 600: alpha = 1 - (8 - 1) * 25 / 600 = 17 / 24.
    assert math.isclose(ordinal_alpha([[0, 1], [1, 2], [0, 0], [2, 2]]), 17 / 24)


def test_with_two_values_alpha_is_the_same_for_any_ordering():
    # o01 = o10 = 1, n0 = n1 = 3: alpha = 1 - 5 * 2 / (2 * 3 * 3) = 4 / 9.
    assert math.isclose(ordinal_alpha([[0, 0], [1, 1], [0, 1]]), 4 / 9)


def test_total_agreement_is_an_alpha_of_one():
    assert ordinal_alpha([[0, 0], [3, 3, 3], [1, 1]]) == 1.0


def test_alpha_cannot_be_computed_from_single_reviews():
    assert ordinal_alpha([[1], [2], [3]]) is None
    assert ordinal_alpha([]) is None


def test_alpha_cannot_be_computed_when_everyone_always_chose_the_same_level():
    assert ordinal_alpha([[2, 2], [2, 2, 2]]) is None


def test_single_reviews_are_left_out_of_alpha():
    assert ordinal_alpha([[0, 1], [1, 2], [0, 0], [2, 2], [0], [2]]) == ordinal_alpha(
        [[0, 1], [1, 2], [0, 0], [2, 2]]
    )


def test_pairs_count_every_two_reviewers_of_the_same_document():
    # Three reviewers make three pairs: (1, 1) exact, (1, 2) and (1, 2) adjacent.
    assert pair_counts([[1, 1, 2]]) == (3, 1, 3)
    assert pair_counts([[0, 2], [3, 3]]) == (2, 1, 1)


def test_agreement_of_the_small_case():
    result = agreement([[0, 1], [1, 2], [0, 0], [2, 2], [3]])
    assert (result.units, result.pairs) == (4, 4)
    assert result.exact == 0.5
    assert result.adjacent == 1.0
    assert math.isclose(result.alpha, 17 / 24)
    assert result.reliable


def test_agreement_without_pairs_has_no_figures():
    result = agreement([[1], [2]])
    assert (result.units, result.pairs) == (0, 0)
    assert result.exact is result.adjacent is result.alpha is result.reliable is None


def test_low_alpha_is_not_reliable():
    result = agreement([[0, 3], [1, 2], [2, 0], [3, 1]])
    assert result.alpha < 0.667
    assert result.reliable is False


# --- a rubric's figures from submitted reviews -------------------------------------------


@pytest.fixture
def rubric(make_rubric):
    return make_rubric("Lesson plan quality", criteria=("Objectives", "Activities"))


@pytest.fixture
def lessons(make_lesson):
    return [make_lesson(f"Lesson {number}") for number in range(4)]


def test_agreement_per_criterion_over_documents_with_two_submitted_reviews(
    rubric, lessons, make_submitted_reviews
):
    version = rubric.current_version
    make_submitted_reviews(version, lessons[0], [(0, 3), (1, 3)])
    make_submitted_reviews(version, lessons[1], [(2, 0), (2, 2), (2, 1)])
    make_submitted_reviews(version, lessons[2], [(3, 3)])  # one review: no pair
    make_submitted_reviews(version, lessons[3], [(0, 0), (3, 3)], submitted=False)  # drafts
    result = version_agreement(version)
    assert result.documents == 2
    (objectives, first), (activities, second) = result.criteria
    assert (objectives.title, activities.title) == ("Objectives", "Activities")
    assert (first.units, first.pairs) == (2, 4)
    assert (first.exact, first.adjacent) == (3 / 4, 1.0)
    assert (second.units, second.pairs) == (2, 4)
    assert (second.exact, second.adjacent) == (1 / 4, 3 / 4)
    assert math.isclose(first.alpha, ordinal_alpha([[0, 1], [2, 2, 2]]))
    assert (result.overall.units, result.overall.pairs) == (4, 8)
    assert math.isclose(result.overall.alpha, ordinal_alpha([[0, 1], [2, 2, 2], [3, 3], [0, 2, 1]]))


def test_unscored_criteria_are_left_out(rubric, lessons, make_submitted_reviews):
    version = rubric.current_version
    make_submitted_reviews(version, lessons[0], [(1, None), (1, 2)])
    objectives, activities = (figures for _c, figures in version_agreement(version).criteria)
    assert objectives.pairs == 1
    assert activities.pairs == 0
    assert activities.alpha is None


def test_each_version_has_its_own_figures_newest_first(
    rubric, lessons, make_submitted_reviews, make_reworded_version
):
    first = rubric.current_version
    make_submitted_reviews(first, lessons[0], [(0, 0), (3, 3)])
    second = make_reworded_version(rubric)
    make_submitted_reviews(second, lessons[1], [(2, 2), (2, 2)])
    newest, oldest = rubric_agreement(rubric)
    assert (newest.version, oldest.version) == (second, first)
    assert newest.overall.exact == 1.0
    assert oldest.overall.exact == 0.0


# --- the page --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [("admin", 200), ("coordinator", 200), ("creator", 403), ("teacher", 403)],
)
def test_agreement_is_for_coordinators_and_admins(web, calibration_cast, role, status):
    web.login(calibration_cast[role].email, PASSWORD)
    response = web.client.get(f"/rubrics/{calibration_cast.rubric.slug}/agreement")
    assert response.status_code == status


def test_visitors_are_sent_to_sign_in(client, calibration_cast):
    response = client.get(f"/rubrics/{calibration_cast.rubric.slug}/agreement")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_an_unknown_rubric_is_not_found(web, calibration_cast):
    web.login(calibration_cast.admin.email, PASSWORD)
    assert web.client.get("/rubrics/no-such-rubric/agreement").status_code == 404


def test_the_page_shows_each_criterion_and_flags_low_alpha(
    web, calibration_cast, make_lesson, make_submitted_reviews
):
    version = calibration_cast.rubric.current_version
    lessons = [make_lesson(f"Lesson {number}") for number in range(4)]
    # Clear objectives agree fully; activities are read every which way.
    for lesson, (low, high) in zip(lessons, [(0, 3), (1, 2), (2, 0), (3, 1)], strict=True):
        make_submitted_reviews(version, lesson, [(lesson.id % 4, low, 1), (lesson.id % 4, high, 1)])
    web.login(calibration_cast.coordinator.email, PASSWORD)
    page = web.client.get(f"/rubrics/{calibration_cast.rubric.slug}/agreement").get_data(
        as_text=True
    )
    rows = {
        title: page[page.index(f">{title}</th>") :].split("</tr>")[0]
        for title in (
            "Clear objectives",
            "Activities",
            "Assessment",
        )
    }
    assert "100%" in rows["Clear objectives"]
    assert "1.00" in rows["Clear objectives"]
    assert "read differently" in rows["Activities"]
    assert "read differently" not in rows["Clear objectives"]
    assert "cannot be computed" in rows["Assessment"]  # everyone chose the same level
    assert "0.667" in page


def test_a_version_without_paired_reviews_says_so(web, calibration_cast):
    web.login(calibration_cast.admin.email, PASSWORD)
    page = web.client.get(f"/rubrics/{calibration_cast.rubric.slug}/agreement").get_data(
        as_text=True
    )
    assert "No document has two submitted reviews with this version yet" in page
