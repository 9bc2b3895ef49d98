"""The results page: who may open it, and what it shows them (with reviewers anonymised)."""

from html import unescape

import pytest

from app.documents import services
from app.documents.models import Collaborator
from app.extensions import db
from app.reviews.models import SUBMITTED
from app.reviews.results import complete_if_done
from tests.fixtures.documents import lesson_content
from tests.fixtures.network import PASSWORD
from tests.outcomes import FORBIDDEN, LOGIN, MISSING, OK, assert_outcome
from tests.queries import queries_for
from tests.reviews.rounds import review_round

ROLES = [
    "owner",
    "editor",
    "commenter",
    "viewer",
    "other_teacher",
    "visitor",
    "reviewer",
    "invited_reviewer",
    "authors_coordinator",
    "other_coordinator",
    "admin",
]
#: Who sees the results, whatever the unit's sharing.
SEES = {"owner", "editor", "reviewer", "authors_coordinator", "admin"}
#: Who may read a private draft without seeing its results.
READS_PRIVATE = {"commenter", "viewer"}


@pytest.fixture
def cast(make_teacher, make_municipality, role_actors):
    """The permission table's people: the unit's collaborators, its reviewers, coordinators."""
    owner = role_actors["owner"]
    return {
        **role_actors,
        "reviewer": make_teacher("Rita Reviewer", municipality=make_municipality("Luleå")),
        "invited_reviewer": make_teacher("Ivar Invited", municipality=make_municipality("Kemi")),
        "authors_coordinator": make_teacher(
            "Cecilia Coordinator", municipality=owner.school.municipality, coordinator=True
        ),
        "other_coordinator": make_teacher("Olof Elsewhere", coordinator=True),
        "admin": make_teacher("Ada Admin", admin=True),
    }


def expected(role: str, sharing: str):
    if role in SEES:
        return OK
    if role == "visitor":
        return LOGIN
    if sharing == "public" or role in READS_PRIVATE:
        return FORBIDDEN
    return MISSING


@pytest.mark.parametrize("sharing", ["private", "public"])
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(web, cast, make_shared_unit, make_rubric, role, sharing):
    unit = (
        make_shared_unit("private", "draft")
        if sharing == "private"
        else make_shared_unit("public", "published")
    )
    request = review_round(
        unit,
        make_rubric(purpose="unit"),
        {cast["reviewer"]: [2, 2, 2]},
        requested_by=cast["owner"],
        waiting=[cast["invited_reviewer"]],
    )
    if cast[role] is not None:
        web.login(cast[role].email, PASSWORD)
    response = web.client.get(f"/reviews/requests/{request.id}/results")
    assert_outcome(response, expected(role, sharing))


def test_a_missing_request_is_not_found(web, make_teacher):
    web.login(make_teacher(admin=True).email, PASSWORD)
    assert web.client.get("/reviews/requests/999/results").status_code == 404


@pytest.fixture
def reviewed(make_municipality, make_teacher, make_rubric, make_lesson):
    """A private lesson reviewed by two teachers, each with a comment per criterion."""
    owner = make_teacher("Aino Author")
    lesson = make_lesson("Hand hygiene", owner=owner)
    rubric = make_rubric("Lesson plan quality", threshold=2.5)
    first = make_teacher("Lena Luleå", municipality=make_municipality("Luleå", slug="lulea"))
    second = make_teacher("Kalle Kemi", municipality=make_municipality("Kemi", slug="kemi"))

    def review(anonymity="reviewer_anonymous", complete=True):
        request = review_round(
            lesson,
            rubric,
            {first: [3, 1, 2], second: [1, 1, 0]},
            requested_by=owner,
            anonymity=anonymity,
            comments={
                first: ["Objectives are crisp.", "Good pacing.", "Fine rubric."],
                second: ["Name the skills.", "Too long.", "No exit ticket <b>at all</b>."],
            },
        )
        if complete:
            complete_if_done(request)
            db.session.commit()
        return request

    return {"owner": owner, "first": first, "second": second, "review": review}


def page_of(web, teacher, request) -> str:
    web.login(teacher.email, PASSWORD)
    response = web.client.get(f"/reviews/requests/{request.id}/results")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_authors_see_every_level_and_comment_with_the_reviewers_anonymised(web, reviewed):
    page = page_of(web, reviewed["owner"], reviewed["review"]())
    text = unescape(page)
    for words in ("Objectives are crisp.", "Too long.", "Strengths seen by reviewer 1."):
        assert words in text
    assert "Reviewer 1" in text
    assert "Reviewer 2" in text
    assert "Lena Luleå" not in text
    assert "Kalle Kemi" not in text
    assert "4 · Exemplary" in text
    assert "Ready after minor changes" in text


def test_the_page_has_the_chart_the_table_and_the_outcome(web, reviewed):
    text = unescape(page_of(web, reviewed["owner"], reviewed["review"]()))
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="results-chart" role="img"' in text
    assert "<caption>Scores per criterion, as numbers</caption>" in text
    # Means 3, 2 and 2 (Clear objectives, Activities, Assessment): overall 7/3.
    assert "Clear objectives: mean 3, median 3, lowest 2, highest 4" in text
    assert "Overall score 2.33 of 4; the threshold is 2.5." in text
    assert "did not reach the threshold" in text


def test_reviewers_text_is_escaped(web, reviewed):
    page = page_of(web, reviewed["owner"], reviewed["review"]())
    assert "No exit ticket &lt;b&gt;at all&lt;/b&gt;." in page
    assert "<b>at all</b>" not in page


def test_in_an_open_review_the_authors_see_the_reviewers_names(web, reviewed):
    text = unescape(page_of(web, reviewed["owner"], reviewed["review"](anonymity="open")))
    assert "Lena Luleå" in text
    assert "Reviewer 1" not in text


def test_a_reviewer_sees_their_own_name_and_the_others_by_number(web, reviewed):
    text = unescape(page_of(web, reviewed["second"], reviewed["review"]()))
    assert "Kalle Kemi" in text
    assert "Reviewer 1" in text
    assert "Lena Luleå" not in text


def test_before_the_last_review_the_page_shows_what_is_in_and_no_outcome(
    web, reviewed, make_teacher
):
    request = reviewed["review"](complete=False)
    request.assignments[1].state = "accepted"
    request.assignments[1].review.submitted_at = None
    db.session.commit()
    text = unescape(page_of(web, reviewed["owner"], request))
    assert "1 review is in." in text
    assert "1 still has to" in text
    assert "Objectives are crisp." in text
    assert "Name the skills." not in text
    assert "Overall score" not in text


def test_a_reviewer_who_has_not_submitted_cannot_see_the_others(web, reviewed, make_lesson):
    request = reviewed["review"](complete=False)
    assignment = request.assignments[1]
    assignment.state = "accepted"
    db.session.commit()
    web.login(reviewed["second"].email, PASSWORD)
    assert web.client.get(f"/reviews/requests/{request.id}/results").status_code == 404
    assignment.state = SUBMITTED
    db.session.commit()
    assert web.client.get(f"/reviews/requests/{request.id}/results").status_code == 200


def test_a_coordinator_of_an_editors_municipality_sees_the_results(
    web, reviewed, make_teacher, make_municipality
):
    request = reviewed["review"]()
    place = make_municipality("Haparanda")
    editor = make_teacher(municipality=place)
    db.session.add(Collaborator(document_id=request.document_id, teacher=editor, role="editor"))
    db.session.commit()
    coordinator = make_teacher(municipality=place, coordinator=True)
    assert "Objectives are crisp." in page_of(web, coordinator, request)


def test_the_authors_can_open_the_reviewed_version_and_what_changed_since(web, reviewed):
    request = reviewed["review"]()
    lesson, owner = request.document, reviewed["owner"]
    services.save_revision(lesson, lesson_content("Hand hygiene", body="Dry."), author=owner)
    db.session.commit()
    text = unescape(page_of(web, owner, request))
    reviewed_version = f"/documents/{lesson.id}/revisions/{request.revision_id}"
    assert f'<a href="{reviewed_version}">The reviewed version</a>' in text
    changes = (
        f"/documents/{lesson.id}/compare?a={request.revision_id}&b={lesson.current_revision_id}"
    )
    assert f'<a href="{changes}">What has changed since the review</a>' in text


def test_the_results_page_costs_the_same_queries_for_two_and_five_reviewers(
    web, make_municipality, make_teacher, make_rubric, make_lesson
):
    owner = make_teacher("Aino Author")
    web.login(owner.email, PASSWORD)
    rubric = make_rubric("Lesson plan quality", criteria=("Objectives", "Activities", "Timing"))
    counts = []
    for reviewers in (2, 5):
        lesson = make_lesson(f"Lesson for {reviewers}", owner=owner)
        levels = {
            make_teacher(municipality=make_municipality(f"Place {reviewers}-{n}")): [1, 2, 3]
            for n in range(reviewers)
        }
        request = review_round(lesson, rubric, levels, requested_by=owner)
        complete_if_done(request)
        db.session.commit()
        counts.append(queries_for(web.client, f"/reviews/requests/{request.id}/results"))
    assert counts[0] == counts[1], counts
