"""Notification services and messages without HTTP."""

from datetime import timedelta

import pytest
from flask_login import AnonymousUserMixin

from app.db import utcnow
from app.extensions import db
from app.notifications import services
from app.notifications.kinds import MESSAGES, message
from app.notifications.permissions import can_see_notification


def test_notify_adds_an_unread_notification_for_the_teacher(make_teacher):
    teacher = make_teacher()
    notification = services.notify(
        teacher, "review_submitted", params={"title": "Soup", "reviewer": "Reviewer 2"}, link="/x"
    )
    assert notification.id is not None
    assert (notification.teacher, notification.read_at) == (teacher, None)
    assert notification.params == {"title": "Soup", "reviewer": "Reviewer 2"}
    assert services.unread_count(teacher) == 1


def test_an_unknown_kind_is_refused(make_teacher):
    with pytest.raises(ValueError, match="unknown notification kind"):
        services.notify(make_teacher(), "review_sent", params={}, link="/x")


@pytest.mark.parametrize(
    "link", ["https://evil.example/", "//evil.example", "javascript:alert(1)", "units/1", ""]
)
def test_a_link_off_the_site_is_refused(make_teacher, link):
    with pytest.raises(ValueError, match="path on this site"):
        services.notify(make_teacher(), "review_reply", params={"title": "Soup"}, link=link)


def test_unread_count_counts_only_the_teachers_unread_notifications(
    make_teacher, make_notification
):
    teacher, other = make_teacher(), make_teacher()
    first = make_notification(teacher)
    make_notification(teacher)
    make_notification(other)
    services.mark_read(first)
    assert services.unread_count(teacher) == 1
    assert services.unread_count(other) == 1


def test_only_the_teacher_it_was_meant_for_sees_a_notification(make_teacher, make_notification):
    teacher = make_teacher()
    notification = make_notification(teacher)
    assert can_see_notification(teacher, notification)
    assert not can_see_notification(make_teacher(admin=True), notification)
    assert not can_see_notification(AnonymousUserMixin(), notification)


def test_marking_read_again_keeps_the_first_time(make_teacher, make_notification):
    notification = make_notification(make_teacher())
    services.mark_read(notification)
    first = notification.read_at
    services.mark_read(notification)
    assert notification.read_at == first


def test_mark_all_read_leaves_other_teachers_alone(make_teacher, make_notification):
    teacher, other = make_teacher(), make_teacher()
    make_notification(teacher)
    make_notification(teacher)
    make_notification(other)
    assert services.mark_all_read(teacher) == 2
    db.session.commit()
    assert services.unread_count(teacher) == 0
    assert services.unread_count(other) == 1


def test_recent_lists_the_teachers_notifications_newest_first_a_page_at_a_time(
    make_teacher, make_notification
):
    teacher = make_teacher()
    made = [make_notification(teacher, title=f"Unit {n}") for n in range(5)]
    for age, notification in enumerate(reversed(made)):
        notification.created_at = utcnow() - timedelta(hours=age)
    make_notification(make_teacher())
    db.session.commit()
    first = services.recent(teacher, 1, per_page=3)
    assert first.items == made[::-1][:3]
    assert first.total == 5
    assert services.recent(teacher, 2, per_page=3).items == made[::-1][3:]


@pytest.mark.parametrize("kind", sorted(MESSAGES))
def test_every_kind_names_its_params(in_request, kind):
    params = {
        "title": "Hand hygiene",
        "due": "2026-12-01",
        "reviewer": "Reviewer 2",
        "result": "passed",
        "observer": "Aino Korhonen",
        "date": "2026-11-20",
        "mentee": "Minna Mentee",
        "mentor": "Maria Mentor",
        "coordinator": "Kaisa Coordinator",
        "name": "Maria Mentor",
        "inviter": "Olli Owner",
        "commenter": "Kalle Commenter",
    }
    text = message(kind, params)
    assert "%(" not in text
    assert "Something on Tandem needs your attention." not in text


def test_dates_and_results_are_shown_in_words(in_request):
    text = message("review_invited", {"title": "Soup", "due": "2026-12-01"})
    assert text == "You are invited to review “Soup”, due Dec 1, 2026."
    text = message("review_completed", {"title": "Soup", "result": "passed"})
    assert text == "The review of “Soup” is complete: it met the rubric's threshold."


@pytest.mark.parametrize(
    ("kind", "params"),
    [("made_up", {"title": "Soup"}), ("review_invited", {"title": "Soup"}), ("review_reply", [])],
)
def test_an_unknown_kind_or_missing_params_give_a_general_message(in_request, kind, params):
    assert message(kind, params) == "Something on Tandem needs your attention."
