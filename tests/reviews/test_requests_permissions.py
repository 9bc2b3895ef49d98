"""Who may request, follow, cancel and write a review: predicates per role, then every route
by every role, in each anonymity mode (the mode hides names, never changes who may act)."""

import pytest
from flask_login import AnonymousUserMixin

from app.documents import services
from app.documents.models import Collaborator
from app.reviews import permissions
from app.reviews.models import ANONYMITY, INVITED
from tests.fixtures.documents import lesson_content
from tests.fixtures.network import PASSWORD
from tests.outcomes import DONE, FORBIDDEN, LOGIN, MISSING, OK, assert_outcome
from tests.reviews.cast import ROLES, build_cast


@pytest.fixture(params=ANONYMITY)
def cast(request, make_municipality, make_school, make_teacher, make_lesson, make_rubric):
    return build_cast(
        make_municipality,
        make_school,
        make_teacher,
        make_lesson,
        make_rubric,
        anonymity=request.param,
    )


def user(cast, role):
    return cast[role] or AnonymousUserMixin()


@pytest.mark.parametrize(
    ("role", "requests", "follows"),
    [
        ("author", True, True),
        ("reviewer", False, False),
        ("other_reviewer", False, False),
        ("authors_coordinator", True, True),
        ("reviewers_coordinator", False, False),
        ("other_teacher", False, False),
        ("admin", True, True),
        ("visitor", False, False),
    ],
)
def test_who_requests_and_follows_a_review(cast, role, requests, follows):
    assert permissions.can_request_review(user(cast, role), cast.lesson) is requests
    assert permissions.can_see_request(user(cast, role), cast.request) is follows
    assert permissions.can_cancel(user(cast, role), cast.request) is requests


def test_an_editor_follows_the_review_but_does_not_request_one(cast):
    assert permissions.can_see_request(cast.coauthor, cast.request)
    assert not permissions.can_request_review(cast.coauthor, cast.lesson)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_reviewer_writes_the_review(cast, role):
    writes = role == "reviewer"
    assert permissions.can_review(user(cast, role), cast.assignment) is writes
    assert permissions.can_write_review(user(cast, role), cast.assignment) is writes
    assert permissions.can_read_under_review(user(cast, role), cast.assignment) is writes


def test_an_invited_reviewer_reads_the_work_but_cannot_review_yet(cast):
    cast.assignment.state = INVITED
    assert permissions.can_read_under_review(cast.reviewer, cast.assignment)
    assert not permissions.can_review(cast.reviewer, cast.assignment)


def test_a_reviewer_who_joins_the_document_can_no_longer_review_it(cast):
    cast.lesson.collaborators.append(Collaborator(teacher=cast.reviewer, role="viewer"))
    assert not permissions.can_review(cast.reviewer, cast.assignment)


def test_a_cancelled_request_cannot_be_cancelled_again(cast):
    cast.request.state = "cancelled"
    assert not permissions.can_cancel(cast.author, cast.request)


# Expected outcome per role in ROLES order, on a private draft lesson: those who may not read
# the document find nothing there (404), except through their own review.
def row(default, **expected):
    return [expected.get(role, default) for role in ROLES]


REQUESTERS = row(MISSING, author=DONE, authors_coordinator=DONE, admin=DONE, visitor=LOGIN)
FOLLOWERS = row(MISSING, author=OK, authors_coordinator=OK, admin=OK, visitor=LOGIN)
REVIEWER_READS = row(MISSING, reviewer=OK, author=FORBIDDEN, admin=FORBIDDEN, visitor=LOGIN)
REVIEWER_WRITES = row(MISSING, reviewer=DONE, author=FORBIDDEN, admin=FORBIDDEN, visitor=LOGIN)
NEW_REQUEST = {"rubric": "{v}", "reviewers": "2", "due_on": "2099-06-01", "anonymity": "open"}
DRAFT = {"save": "1", "strengths": "Clear"}
ROUTES = [
    ("GET", "/documents/{d}/reviews/new", None, FOLLOWERS),
    ("POST", "/documents/{d}/reviews/new", NEW_REQUEST, REQUESTERS),
    ("GET", "/reviews/requests/{r}", None, FOLLOWERS),
    ("POST", "/reviews/requests/{r}/cancel", {}, REQUESTERS),
    ("GET", "/reviews/assignments/{a}/review", None, REVIEWER_READS),
    ("POST", "/reviews/assignments/{a}/review", DRAFT, REVIEWER_WRITES),
    ("GET", "/reviews/assignments/{a}/revision", None, REVIEWER_READS),
]


@pytest.mark.parametrize(("method", "url", "data", "expected"), ROUTES)
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(web, cast, method, url, data, expected, role):
    if url.endswith("/reviews/new"):
        cast.request.state = "cancelled"  # one round at a time: make room for a new one
    if cast[role] is not None:
        web.login(cast[role].email, PASSWORD)
    ids = {
        "d": cast.lesson.id,
        "r": cast.request.id,
        "a": cast.assignment.id,
        "v": cast.rubric.current_version_id,
    }
    url = url.format(**ids)
    data = {key: value.format(**ids) for key, value in (data or {}).items()}
    response = web.client.get(url) if method == "GET" else web.post(url, data)
    assert_outcome(response, expected[ROLES.index(role)])


@pytest.mark.parametrize(
    ("role", "expected"),
    [("other_teacher", FORBIDDEN), ("other_reviewer", FORBIDDEN), ("reviewer", OK)],
)
def test_teachers_who_may_read_a_shared_lesson_are_refused_not_misled(web, cast, role, expected):
    services.set_access(cast.lesson, visibility="network", status="published")
    web.login(cast[role].email, PASSWORD)
    for url in (f"/reviews/requests/{cast.request.id}", f"/documents/{cast.lesson.id}/reviews/new"):
        assert web.client.get(url).status_code == FORBIDDEN
    review = web.client.get(f"/reviews/assignments/{cast.assignment.id}/review")
    assert review.status_code == expected


def test_an_invited_reviewer_is_told_to_accept_first(web, cast):
    cast.assignment.state = INVITED
    web.login(cast.reviewer.email, PASSWORD)
    response = web.client.get(f"/reviews/assignments/{cast.assignment.id}/review")
    assert response.status_code == FORBIDDEN
    assert "Accept the invitation" in response.get_data(as_text=True)
    revision = web.client.get(f"/reviews/assignments/{cast.assignment.id}/revision")
    assert revision.status_code == OK
    assert "Show the glitter test." in revision.get_data(as_text=True)


def test_later_edits_do_not_reach_the_page_under_review(web, cast):
    services.save_revision(
        cast.lesson,
        lesson_content(body="## Opening\n\nA brand new opening."),
        author=cast.author,
        base_revision_id=cast.lesson.current_revision_id,
    )
    web.login(cast.reviewer.email, PASSWORD)
    page = web.client.get(f"/reviews/assignments/{cast.assignment.id}/revision")
    text = page.get_data(as_text=True)
    assert "Show the glitter test." in text
    assert "A brand new opening." not in text


def test_reviewers_read_a_private_draft_only_through_the_review_pages(web, cast):
    web.login(cast.reviewer.email, PASSWORD)
    revision = cast.request.revision_id
    assert web.client.get(f"/lessons/{cast.lesson.id}").status_code == MISSING
    assert web.client.get(f"/documents/{cast.lesson.id}/revisions/{revision}").status_code == 404
    under_review = web.client.get(f"/reviews/assignments/{cast.assignment.id}/revision")
    assert under_review.status_code == OK
