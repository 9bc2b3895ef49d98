"""Requesting a review: what a request pins, the rules it checks, cancelling, and the pages."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.documents import services
from app.extensions import db
from app.reviews import allocation, requests
from app.reviews.models import (
    INVITED,
    SUBMITTED,
    WITHDRAWN,
    AllocationEvent,
    Assignment,
    ReviewRequest,
)
from app.rubrics.models import Criterion, Level, RubricVersion
from tests.fixtures.documents import lesson_content
from tests.fixtures.network import PASSWORD
from tests.reviews.cast import build_cast


@pytest.fixture
def cast(make_municipality, make_school, make_teacher, make_lesson, make_rubric):
    return build_cast(
        make_municipality,
        make_school,
        make_teacher,
        make_lesson,
        make_rubric,
        anonymity="reviewer_anonymous",
    )


@pytest.fixture
def lesson(make_lesson, make_teacher, make_municipality):
    return make_lesson("Knife skills", owner=make_teacher(municipality=make_municipality("Oulu")))


@pytest.fixture
def fills(monkeypatch):
    """The requests allocation was asked to fill, in order."""
    calls = []
    real = allocation.fill

    def spy(request, **kwargs):
        calls.append(request)
        return real(request, **kwargs)

    monkeypatch.setattr(allocation, "fill", spy)
    return calls


def request_for(lesson, rubric, **overrides) -> ReviewRequest:
    values = {
        "rubric_version": rubric.current_version,
        "requested_by": lesson.collaborators[0].teacher,
        "due_on": requests.local_today() + timedelta(days=10),
        **overrides,
    }
    made = requests.request_review(lesson, **values)
    db.session.commit()
    return made


def new_version(rubric) -> RubricVersion:
    version = RubricVersion(rubric=rubric, number=2, name="Revised", threshold=2.0)
    criterion = Criterion(version=version, position=0, title="Only one")
    criterion.levels.append(Level(position=0, score=1, descriptor="Some"))
    db.session.add(version)
    db.session.flush()
    rubric.current_version = version
    db.session.commit()
    return version


def test_a_request_pins_the_revision_and_rubric_version_it_was_made_with(
    lesson, make_rubric, fills
):
    rubric = make_rubric()
    pinned = lesson.current_revision_id
    made = request_for(lesson, rubric, reviewers_wanted=3, anonymity="double_blind")
    assert fills == [made]
    assert (made.revision_id, made.rubric_version_id) == (pinned, rubric.current_version_id)
    services.save_revision(
        lesson,
        lesson_content("Knife skills, revised"),
        author=made.requested_by,
        base_revision_id=pinned,
    )
    new_version(rubric)
    db.session.refresh(made)
    assert made.revision_id == pinned
    assert made.revision.title == "Knife skills"
    assert made.rubric_version.number == 1


def test_only_current_versions_of_rubrics_for_the_kind_of_work_are_offered(
    lesson, make_rubric, make_unit
):
    for_lessons = make_rubric("For lessons")
    make_rubric("For units", purpose="unit")
    make_rubric("For observing", purpose="observation")
    new_version(for_lessons)
    assert [v.name for v in requests.rubric_versions_for(lesson)] == ["Revised"]
    assert [v.name for v in requests.rubric_versions_for(make_unit())] == ["For units"]


@pytest.mark.parametrize(
    ("overrides", "why"),
    [
        ({"reviewers_wanted": 0}, "between 1 and 5"),
        ({"reviewers_wanted": 6}, "between 1 and 5"),
        ({"due_on": "today"}, "in the future"),
        ({"anonymity": "secret"}, "anonymity"),
        ({"rubric": "unit"}, "cannot review a lesson"),
    ],
)
def test_a_request_outside_the_rules_is_refused(lesson, make_rubric, overrides, why):
    overrides = dict(overrides)
    rubric = make_rubric(purpose=overrides.pop("rubric", "lesson"))
    if overrides.get("due_on") == "today":
        overrides["due_on"] = requests.local_today()
    with pytest.raises(ValueError, match=why):
        request_for(lesson, rubric, **overrides)


def test_one_round_at_a_time(lesson, make_rubric):
    rubric = make_rubric()
    first = request_for(lesson, rubric)
    with pytest.raises(requests.AlreadyOpen) as refused:
        request_for(lesson, rubric)
    assert refused.value.request == first
    db.session.rollback()
    requests.cancel_request(first, actor=first.requested_by)
    assert request_for(lesson, rubric).id != first.id


def test_cancelling_withdraws_reviewers_at_work_and_keeps_submitted_reviews(cast):
    cast.other_assignment.state = SUBMITTED
    third = Assignment(request=cast.request, reviewer=cast.other_teacher, number=3, state=INVITED)
    db.session.add(third)
    withdrawn = requests.cancel_request(cast.request, actor=cast.author)
    db.session.commit()
    assert withdrawn == [cast.assignment, third]
    assert cast.request.state == "cancelled"
    assert [a.state for a in cast.request.assignments] == [WITHDRAWN, SUBMITTED, WITHDRAWN]
    events = db.session.scalars(select(AllocationEvent)).all()
    assert {(e.assignment_id, e.action) for e in events} == {
        (cast.assignment.id, "withdrawn"),
        (third.id, "withdrawn"),
    }
    with pytest.raises(ValueError, match="not open"):
        requests.cancel_request(cast.request, actor=cast.author)


# The pages


def page(web, url: str) -> str:
    response = web.client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_owners_find_the_request_link_and_the_requests_on_the_lesson_page(web, cast):
    web.login(cast.author.email, PASSWORD)
    text = page(web, f"/lessons/{cast.lesson.id}")
    assert f'href="/documents/{cast.lesson.id}/reviews/new"' in text
    assert f'href="/reviews/requests/{cast.request.id}"' in text
    assert "Lesson plan quality" in text


def test_an_editor_follows_requests_but_cannot_make_one(web, cast):
    web.login(cast.coauthor.email, PASSWORD)
    text = page(web, f"/lessons/{cast.lesson.id}")
    assert "/reviews/new" not in text
    assert f'href="/reviews/requests/{cast.request.id}"' in text


def test_readers_of_a_shared_lesson_do_not_see_its_review_requests(web, cast):
    services.set_access(cast.lesson, visibility="network", status="published")
    db.session.commit()
    web.login(cast.other_teacher.email, PASSWORD)
    text = page(web, f"/lessons/{cast.lesson.id}")
    assert "/reviews/new" not in text
    assert "/reviews/requests/" not in text


def test_the_form_offers_sensible_defaults(web, lesson, make_rubric):
    make_rubric("Lesson plan quality")
    make_rubric("Unit coherence", purpose="unit")
    web.login(lesson.collaborators[0].teacher.email, PASSWORD)
    text = page(web, f"/documents/{lesson.id}/reviews/new")
    assert "Lesson plan quality" in text
    assert "Unit coherence" not in text
    assert 'name="reviewers" required type="number" value="2"' in text
    due = (requests.local_today() + timedelta(weeks=3)).isoformat()
    assert f'value="{due}"' in text
    assert (
        'checked id="anonymity-1" name="anonymity" type="radio" value="reviewer_anonymous"' in text
    )


def test_requesting_a_review_leads_to_the_request_page(web, lesson, make_rubric):
    rubric = make_rubric("Lesson plan quality")
    web.login(lesson.collaborators[0].teacher.email, PASSWORD)
    response = web.post(
        f"/documents/{lesson.id}/reviews/new",
        {
            "rubric": rubric.current_version_id,
            "reviewers": "3",
            "due_on": "2099-05-31",
            "anonymity": "double_blind",
            "message": "Are the timings realistic?",
        },
    )
    made = db.session.scalar(select(ReviewRequest))
    assert response.headers["Location"] == f"/reviews/requests/{made.id}"
    assert (made.reviewers_wanted, made.anonymity) == (3, "double_blind")
    assert made.due_on.isoformat() == "2099-05-31"
    text = page(web, f"/reviews/requests/{made.id}")
    assert "Are the timings realistic?" in text
    assert "Lesson plan quality" in text
    assert "May 31, 2099" in text


def test_bad_input_is_refused_with_everything_typed_kept(web, lesson, make_rubric):
    rubric = make_rubric()
    web.login(lesson.collaborators[0].teacher.email, PASSWORD)
    response = web.post(
        f"/documents/{lesson.id}/reviews/new",
        {
            "rubric": rubric.current_version_id,
            "reviewers": "9",
            "due_on": requests.local_today().isoformat(),
            "message": "Please look at the safety part",
        },
    )
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "Ask for between 1 and 5 reviewers." in text
    assert "Choose a day after today." in text
    assert "Please look at the safety part" in text
    assert db.session.scalar(select(ReviewRequest)) is None


def test_a_second_request_while_one_is_open_is_a_conflict(web, cast):
    web.login(cast.author.email, PASSWORD)
    url = f"/documents/{cast.lesson.id}/reviews/new"
    assert "Already out for review" in page(web, url)
    response = web.post(
        url,
        {"rubric": cast.rubric.current_version_id, "reviewers": "2", "due_on": "2099-01-01"},
    )
    assert response.status_code == 409
    assert len(db.session.scalars(select(ReviewRequest)).all()) == 1


def test_the_request_page_shows_reviewers_by_label_and_state(web, cast):
    cast.other_assignment.state = INVITED
    cast.request.shortfall = "Only two teachers could be found."
    web.login(cast.author.email, PASSWORD)
    text = page(web, f"/reviews/requests/{cast.request.id}")
    assert 'Reviewer 1 <span class="badge badge--accepted">Reviewing</span>' in text
    assert 'Reviewer 2 <span class="badge badge--invited">Invited</span>' in text
    assert "Only two teachers could be found." in text
    assert f'href="/reviews/requests/{cast.request.id}/results"' in text
    assert f'href="/reviews/requests/{cast.request.id}/allocation"' not in text


def test_the_authors_coordinator_reaches_the_allocation_page_from_the_request(web, cast):
    web.login(cast.authors_coordinator.email, PASSWORD)
    text = page(web, f"/reviews/requests/{cast.request.id}")
    assert f'href="/reviews/requests/{cast.request.id}/allocation"' in text


def test_authors_cancel_an_open_request(web, cast):
    web.login(cast.author.email, PASSWORD)
    response = web.post(f"/reviews/requests/{cast.request.id}/cancel")
    assert response.headers["Location"] == f"/reviews/requests/{cast.request.id}"
    db.session.refresh(cast.request)
    assert cast.request.state == "cancelled"
    assert {a.state for a in cast.request.assignments} == {WITHDRAWN}
    text = page(web, f"/reviews/requests/{cast.request.id}")
    assert "Cancelled" in text
    assert "/cancel" not in text
    again = web.post(f"/reviews/requests/{cast.request.id}/cancel")
    assert again.status_code == 403


def test_a_coordinator_can_request_a_review_of_a_private_draft(web, cast):
    cast.request.state = "cancelled"
    db.session.commit()
    web.login(cast.authors_coordinator.email, PASSWORD)
    response = web.post(
        f"/documents/{cast.lesson.id}/reviews/new",
        {"rubric": cast.rubric.current_version_id, "reviewers": "1", "due_on": "2099-01-01"},
    )
    assert response.status_code == 302
    made = db.session.scalar(select(ReviewRequest).where(ReviewRequest.state == "open"))
    assert made.requested_by == cast.authors_coordinator
