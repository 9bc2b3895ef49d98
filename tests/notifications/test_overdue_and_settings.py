"""Overdue reviews told once by the cron command; each teacher's choice of notifications."""

from datetime import timedelta

from app.db import utcnow
from app.extensions import db
from app.notifications import preferences
from app.notifications.commands import notify_overdue_command
from app.notifications.models import Notification
from app.notifications.services import notify
from app.reviews.models import SUBMITTED
from tests.fixtures.network import PASSWORD
from tests.reviews.cast import build_cast


def told(teacher, kind) -> int:
    return db.session.scalar(
        db.select(db.func.count(Notification.id)).where(
            Notification.teacher_id == teacher.id, Notification.kind == kind
        )
    )


def test_overdue_reviewers_are_told_once_and_submitted_ones_not_at_all(
    app, make_municipality, make_school, make_teacher, make_lesson, make_rubric
):
    cast = build_cast(
        make_municipality,
        make_school,
        make_teacher,
        make_lesson,
        make_rubric,
        anonymity="reviewer_anonymous",
    )
    cast.request.due_on = (utcnow() - timedelta(days=2)).date()
    cast.other_assignment.state = SUBMITTED
    db.session.commit()
    runner = app.test_cli_runner()
    assert "1 reviewers told" in runner.invoke(notify_overdue_command).output
    assert "0 reviewers told" in runner.invoke(notify_overdue_command).output
    assert told(cast.reviewer, "review_overdue") == 1
    assert told(cast.other_reviewer, "review_overdue") == 0
    assert cast.assignment.overdue_notified_at is not None


def test_a_kind_turned_off_is_not_kept_and_e_mail_only_is_kept_read(app, make_teacher, monkeypatch):
    teacher = make_teacher()
    preferences.choose(teacher, "comment", in_site=False, by_email=False)
    assert notify(teacher, "comment", params={"title": "T"}, link="/units/1") is None
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    preferences.choose(teacher, "comment", in_site=False, by_email=True)
    kept = notify(teacher, "comment", params={"title": "T"}, link="/units/1")
    assert kept.read_at is not None
    assert kept.email_state == "pending"
    db.session.rollback()


def test_the_settings_page_saves_choices_and_says_no_e_mail_is_sent(web, make_teacher):
    teacher = make_teacher()
    web.login(teacher.email, PASSWORD)
    page = web.client.get("/notifications/settings").get_data(as_text=True)
    assert "This site does not send e-mail" in page
    assert 'name="site-comment" id="site-comment" checked' in page
    response = web.post("/notifications/settings", {"site-invitation": "on"})
    assert response.status_code == 302
    assert not preferences.choice(teacher, "comment").in_site
    assert preferences.choice(teacher, "invitation").in_site
    assert preferences.choice(teacher, "invitation").by_email  # kept: the site sends no e-mail
