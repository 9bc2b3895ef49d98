"""Whose names the review pages show: the labels per mode and viewer, then every page of the
flow searched for the names each mode hides."""

import pytest

from app.reviews.anonymity import author_label, reviewer_label
from app.reviews.models import ANONYMITY, DECLINED
from tests.fixtures.network import PASSWORD
from tests.reviews.cast import build_cast

AUTHORS = "Aino Korhonen, Eero Väisänen"


@pytest.fixture
def make_cast(make_municipality, make_school, make_teacher, make_lesson, make_rubric):
    def make(anonymity: str):
        return build_cast(
            make_municipality,
            make_school,
            make_teacher,
            make_lesson,
            make_rubric,
            anonymity=anonymity,
        )

    return make


@pytest.fixture
def in_a_request(app):
    """Labels are worded in the reader's language, chosen per web request."""
    with app.test_request_context():
        yield


@pytest.mark.usefixtures("in_a_request")
@pytest.mark.parametrize(
    ("anonymity", "viewer", "expected"),
    [
        ("open", "author", "Rasmus Granberg"),
        ("open", "other_reviewer", "Rasmus Granberg"),
        ("reviewer_anonymous", "author", "Reviewer 1"),
        ("reviewer_anonymous", "other_reviewer", "Reviewer 1"),
        ("reviewer_anonymous", "authors_coordinator", "Reviewer 1"),
        ("reviewer_anonymous", "admin", "Reviewer 1"),
        ("reviewer_anonymous", "reviewer", "Rasmus Granberg"),
        ("double_blind", "author", "Reviewer 1"),
        ("double_blind", "reviewer", "Rasmus Granberg"),
    ],
)
def test_reviewer_label(make_cast, anonymity, viewer, expected):
    cast = make_cast(anonymity)
    assert reviewer_label(cast[viewer], cast.assignment) == expected


@pytest.mark.usefixtures("in_a_request")
def test_reviewers_are_numbered_by_their_assignment(make_cast):
    cast = make_cast("reviewer_anonymous")
    assert reviewer_label(cast.author, cast.other_assignment) == "Reviewer 2"


@pytest.mark.usefixtures("in_a_request")
@pytest.mark.parametrize(
    ("anonymity", "viewer", "expected"),
    [
        ("open", "reviewer", AUTHORS),
        ("reviewer_anonymous", "reviewer", AUTHORS),
        ("double_blind", "reviewer", "The authors"),
        ("double_blind", "other_reviewer", "The authors"),
        ("double_blind", "author", AUTHORS),
        ("double_blind", "authors_coordinator", AUTHORS),
        ("double_blind", "reviewers_coordinator", AUTHORS),
        ("double_blind", "admin", AUTHORS),
    ],
)
def test_author_label(make_cast, anonymity, viewer, expected):
    cast = make_cast(anonymity)
    assert author_label(cast[viewer], cast.request) == expected


@pytest.mark.usefixtures("in_a_request")
def test_a_reviewer_who_declined_still_does_not_learn_the_authors(make_cast):
    cast = make_cast("double_blind")
    cast.assignment.state = DECLINED
    assert author_label(cast.reviewer, cast.request) == "The authors"


COMPLETE = {
    "criterion_{c0}-level": "{l0}",
    "criterion_{c0}-comment": "Objectives are clear.",
    "criterion_{c1}-level": "{l1}",
    "strengths": "Lively opening.",
    "recommendation": "minor_changes",
    "submit": "1",
}


def complete_review(cast) -> dict:
    first, second = cast.rubric.current_version.criteria
    ids = {"c0": first.id, "l0": first.levels[2].id, "c1": second.id, "l1": second.levels[3].id}
    return {key.format(**ids): value.format(**ids) for key, value in COMPLETE.items()}


def pages_seen(web, cast, role: str, urls: list[str]) -> str:
    """Every page ``role`` opens, as one text."""
    web.logout()
    web.login(cast[role].email, PASSWORD)
    texts = []
    for url in urls:
        response = web.client.get(url)
        assert response.status_code == 200, (role, url)
        texts.append(response.get_data(as_text=True))
    return "\n".join(texts)


def walk_through(web, cast) -> dict[str, str]:
    """The reviewer reviews and submits; everyone involved then opens their pages."""
    review = f"/reviews/assignments/{cast.assignment.id}/review"
    revision = f"/reviews/assignments/{cast.assignment.id}/revision"
    request_page = f"/reviews/requests/{cast.request.id}"
    seen = {"reviewer": pages_seen(web, cast, "reviewer", [review, revision])}
    response = web.post(review, complete_review(cast))
    assert response.status_code == 302
    seen["reviewer"] += pages_seen(web, cast, "reviewer", [review, revision, "/notifications"])
    for role in ("authors_coordinator", "admin"):
        seen[role] = pages_seen(web, cast, role, [request_page, "/notifications"])
    document = f"/lessons/{cast.lesson.id}"
    seen["author"] = pages_seen(web, cast, "author", [request_page, "/notifications", document])
    return seen


@pytest.mark.parametrize("anonymity", ANONYMITY)
def test_authors_coordinators_and_admins_see_reviewers_only_in_the_open_mode(
    web, make_cast, anonymity
):
    cast = make_cast(anonymity)
    seen = walk_through(web, cast)
    for role in ("author", "authors_coordinator", "admin"):
        for name in cast.reviewer_names:
            assert (name in seen[role]) is (anonymity == "open"), (role, name)
        if anonymity != "open":
            assert "Reviewer 1" in seen[role]
            assert "Reviewer 2" in seen[role]
    assert "Rasmus Granberg submitted a review" in seen["author"] or anonymity != "open"
    assert "Reviewer 1 submitted a review" in seen["author"] or anonymity == "open"


@pytest.mark.parametrize("anonymity", ANONYMITY)
def test_reviewers_see_the_authors_except_in_double_blind(web, make_cast, anonymity):
    cast = make_cast(anonymity)
    seen = walk_through(web, cast)["reviewer"]
    if anonymity == "double_blind":
        for word in cast.author_words:
            assert word not in seen
        assert "the authors' names are not shown" in seen
    else:
        assert cast.author.name in seen
        assert cast.coauthor.name in seen


@pytest.mark.parametrize("anonymity", ANONYMITY)
def test_a_reviewer_never_sees_another_reviewers_name(web, make_cast, anonymity):
    cast = make_cast(anonymity)
    seen = walk_through(web, cast)["reviewer"]
    assert cast.other_reviewer.name not in seen
    assert cast.reviewer.name in seen  # their own, in the page header at least
