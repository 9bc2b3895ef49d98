"""Whose names the replies and re-review pages show: the authors reply and ask for a re-review,
the reviewers read the replies and open their re-review, and every page each of them opened is
searched for the names the mode hides."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.reviews.models import ANONYMITY, ReviewRequest
from app.reviews.requests import local_today
from tests.fixtures.network import PASSWORD
from tests.reviews.answered import revise, submit_both
from tests.reviews.cast import build_cast


@pytest.fixture
def make_cast(make_municipality, make_school, make_teacher, make_lesson, make_rubric):
    def make(anonymity: str):
        cast = build_cast(
            make_municipality,
            make_school,
            make_teacher,
            make_lesson,
            make_rubric,
            anonymity=anonymity,
        )
        submit_both(cast)
        return cast

    return make


def sign_in(web, cast, role: str) -> None:
    web.logout()
    web.login(cast[role].email, PASSWORD)


def pages_seen(web, urls: list[str]) -> str:
    """Every page the signed-in teacher opens, as one text."""
    texts = []
    for url in urls:
        response = web.client.get(url)
        assert response.status_code == 200, url
        texts.append(response.get_data(as_text=True))
    return "\n".join(texts)


def reply_to_everything(web, cast, revision_id: int) -> None:
    """The owner replies to every point of both reviews, naming the later revision."""
    data = {}
    for assignment in (cast.assignment, cast.other_assignment):
        review = assignment.review.id
        for key in [*(c.id for c in cast.rubric.current_version.criteria), "all"]:
            data[f"reply_{review}_{key}-body"] = f"Reply on {key}."
            data[f"reply_{review}_{key}-addressed_in"] = str(revision_id)
    response = web.post(f"/reviews/requests/{cast.request.id}/replies", data)
    assert response.status_code == 302


def walk_through(web, cast) -> dict[str, str]:
    """The owner replies and asks for a re-review; each reviewer reads the replies, accepts and
    opens the re-review; the authors' coordinator and the admin follow along."""
    revision = revise(cast)
    first = cast.request.id
    round_one = [f"/reviews/requests/{first}/replies", f"/reviews/requests/{first}/results"]
    sign_in(web, cast, "author")
    seen = {"author": pages_seen(web, [f"/reviews/requests/{first}/rereview"])}
    reply_to_everything(web, cast, revision.id)
    due = (local_today() + timedelta(days=10)).isoformat()
    assert web.post(f"/reviews/requests/{first}/rereview", {"due_on": due}).status_code == 302
    second = db.session.scalar(select(ReviewRequest).where(ReviewRequest.previous_id == first))
    following = [*round_one, f"/reviews/requests/{second.id}"]
    seen["author"] += pages_seen(web, following)
    for role in ("authors_coordinator", "admin"):
        sign_in(web, cast, role)
        seen[role] = pages_seen(web, [*following, "/notifications"])
    for role, assignment in zip(("reviewer", "other_reviewer"), second.assignments, strict=True):
        invitation = f"/reviews/assignments/{assignment.id}"
        sign_in(web, cast, role)
        seen[role] = pages_seen(web, [*round_one, "/notifications", invitation])
        assert web.post(f"{invitation}/accept").status_code == 302
        reading = [f"{invitation}/review", f"{invitation}/review?until={revision.id}"]
        seen[role] += pages_seen(web, [*reading, f"{invitation}/revision"])
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


@pytest.mark.parametrize("anonymity", ANONYMITY)
def test_reviewers_see_the_authors_except_in_double_blind(web, make_cast, anonymity):
    cast = make_cast(anonymity)
    seen = walk_through(web, cast)
    for role in ("reviewer", "other_reviewer"):
        assert "Reply on all." in seen[role]
        assert "Named the glitter" in seen[role]
        if anonymity == "double_blind":
            for word in cast.author_words:
                assert word not in seen[role], (role, word)
            assert "The authors" in seen[role]
        else:
            assert cast.author.name in seen[role]


@pytest.mark.parametrize("anonymity", ANONYMITY)
def test_a_reviewer_sees_another_reviewers_name_only_in_the_open_mode(web, make_cast, anonymity):
    cast = make_cast(anonymity)
    seen = walk_through(web, cast)
    assert (cast.other_reviewer.name in seen["reviewer"]) is (anonymity == "open")
    assert (cast.reviewer.name in seen["other_reviewer"]) is (anonymity == "open")
    assert cast.reviewer.name in seen["reviewer"]  # their own, in the page header at least
