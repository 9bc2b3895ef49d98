"""The notification list, following and marking notifications read, the count in the header."""

import pytest
from sqlalchemy import event

from app.extensions import db
from tests.fixtures.network import PASSWORD
from tests.outcomes import LOGIN, MISSING, assert_outcome


@pytest.fixture
def teacher(make_teacher):
    return make_teacher("Aino Korhonen")


@pytest.fixture
def signed_in(web, teacher):
    web.login(teacher.email, PASSWORD)
    return web


def page_of(web, url: str) -> str:
    response = web.client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def item(page: str, notification) -> str:
    """The list item of one notification."""
    end = page.index(f'id="notification-{notification.id}"')
    start = page.rindex("<li", 0, end)
    return page[start : page.index("</li>", end)]


def test_the_list_shows_notifications_newest_first_with_the_unread_marked(
    signed_in, teacher, make_notification
):
    old = make_notification(teacher, "review_reply", title="Soup safety")
    new = make_notification(
        teacher, "review_submitted", title="Hand hygiene", reviewer="Reviewer 2"
    )
    signed_in.client.get(f"/notifications/{old.id}/open")
    page = page_of(signed_in, "/notifications")
    assert page.index("Reviewer 2 submitted a review of “Hand hygiene”.") < page.index(
        "The authors replied to your review of “Soup safety”."
    )
    assert "notification--unread" in item(page, new)
    assert "Unread" in item(page, new)
    assert "notification--unread" not in item(page, old)
    assert "Unread" not in item(page, old)
    assert f'href="/notifications/{new.id}/open"' in page


def test_the_list_is_paged(signed_in, teacher, make_notification, app):
    app.config["PAGE_SIZE"] = 2
    try:
        for number in range(3):
            make_notification(teacher, title=f"Unit {number}")
        first = page_of(signed_in, "/notifications")
        assert "Unit 2" in first
        assert "Unit 0" not in first
        assert 'rel="next"' in first
        assert "Unit 0" in page_of(signed_in, "/notifications?page=2")
    finally:
        app.config["PAGE_SIZE"] = 25


@pytest.mark.parametrize("page", ["9" * 12, "9" * 30, "0", "-2", "two"])
def test_a_page_past_the_end_or_garbled_is_no_error(signed_in, teacher, make_notification, page):
    make_notification(teacher, title="Soup safety")
    assert signed_in.client.get(f"/notifications?page={page}").status_code == 200


def test_a_teacher_without_notifications_is_told_so(signed_in):
    assert "You have no notifications." in page_of(signed_in, "/notifications")


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(
    signed_in, teacher, make_notification
):
    notification = make_notification(teacher, link="/units/7#comments")
    response = signed_in.client.get(f"/notifications/{notification.id}/open")
    assert response.status_code == 302
    assert response.headers["Location"] == "/units/7#comments"
    db.session.refresh(notification)
    assert notification.read_at is not None


@pytest.mark.parametrize("link", ["https://evil.example/", "//evil.example/x", "/\\evil.example"])
def test_opening_never_leaves_the_site(signed_in, teacher, make_notification, link):
    notification = make_notification(teacher)
    notification.link = link  # a row written before links were checked, or by hand
    db.session.commit()
    response = signed_in.client.get(f"/notifications/{notification.id}/open")
    assert response.headers["Location"] == "/notifications"


def test_marking_one_read_keeps_it_in_the_list(signed_in, teacher, make_notification):
    notification = make_notification(teacher)
    response = signed_in.post(f"/notifications/{notification.id}/read?page=1")
    assert response.status_code == 302
    assert response.headers["Location"] == "/notifications?page=1"
    db.session.refresh(notification)
    assert notification.read_at is not None
    page = page_of(signed_in, "/notifications")
    assert "The authors replied to your review of “Hand hygiene”." in page
    assert "notification--unread" not in page


def test_marking_all_read_clears_the_badge(signed_in, teacher, make_notification, make_teacher):
    make_notification(teacher)
    make_notification(teacher)
    other = make_notification(make_teacher())
    assert signed_in.post("/notifications/read").status_code == 302
    page = page_of(signed_in, "/notifications")
    assert "All your notifications are marked as read." in page
    assert "notification--unread" not in page
    assert "unread</span>" not in page
    db.session.refresh(other)
    assert other.read_at is None


def test_marking_read_needs_the_form_token(signed_in, teacher, make_notification):
    notification = make_notification(teacher)
    assert signed_in.client.post(f"/notifications/{notification.id}/read").status_code == 400
    assert signed_in.client.post("/notifications/read").status_code == 400


ROUTES = [
    ("GET", "/notifications/{n}/open"),
    ("POST", "/notifications/{n}/read"),
]


@pytest.mark.parametrize(("method", "route"), ROUTES)
@pytest.mark.parametrize(("role", "expected"), [("other_teacher", MISSING), ("visitor", LOGIN)])
def test_only_the_teacher_reaches_their_notification(
    web, teacher, make_teacher, make_notification, method, route, role, expected
):
    notification = make_notification(teacher)
    if role == "other_teacher":
        web.login(make_teacher().email, PASSWORD)
    url = route.format(n=notification.id)
    response = web.client.get(url) if method == "GET" else web.post(url)
    assert_outcome(response, expected)
    db.session.refresh(notification)
    assert notification.read_at is None


@pytest.mark.parametrize(
    ("method", "url"), [("GET", "/notifications"), ("POST", "/notifications/read")]
)
def test_visitors_are_sent_to_sign_in(web, method, url):
    response = web.client.get(url) if method == "GET" else web.post(url)
    assert_outcome(response, LOGIN)


def test_the_header_shows_the_unread_count(signed_in, teacher, make_notification):
    assert "unread</span>" not in page_of(signed_in, "/")
    for _ in range(3):
        make_notification(teacher)
    page = page_of(signed_in, "/")
    assert 'href="/notifications"' in page
    assert '<span aria-hidden="true">3</span><span class="visually-hidden">3 unread</span>' in page


def notification_queries(client, url: str) -> int:
    """How many statements reading ``url`` runs against the notification table."""
    statements = []

    def count(connection, cursor, statement, *args):
        if "notification" in statement:
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(statements)


def test_the_count_costs_one_query_for_a_teacher_and_none_for_a_visitor(
    web, teacher, make_notification
):
    assert notification_queries(web.client, "/") == 0
    assert "/notifications" not in page_of(web, "/")
    web.login(teacher.email, PASSWORD)
    for _ in range(5):
        make_notification(teacher)
    assert notification_queries(web.client, "/") == 1
