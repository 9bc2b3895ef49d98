"""Watching units and lessons, and the comments, replies, changes and invitations that notify."""

import pytest

from app.comments.services import add_comment
from app.documents import services as documents
from app.extensions import db
from app.notifications import watching
from app.notifications.models import Notification
from tests.fixtures.documents import unit_content
from tests.fixtures.network import PASSWORD
from tests.outcomes import DONE, LOGIN, MISSING, assert_outcome


def kinds_of(teacher) -> list[str]:
    return list(
        db.session.scalars(
            db.select(Notification.kind)
            .where(Notification.teacher_id == teacher.id)
            .order_by(Notification.id)
        )
    )


@pytest.fixture
def owner(make_teacher):
    return make_teacher("Olli Owner")


@pytest.fixture
def reader(make_teacher):
    return make_teacher("Riikka Reader")


@pytest.fixture
def unit(make_unit, owner):
    return make_unit(owner=owner, visibility="network", status="published")


def test_the_creator_watches_and_watching_a_unit_covers_its_lessons(
    app, unit, owner, reader, make_lesson
):
    lesson = make_lesson(unit=unit)
    assert watching.is_watching(owner, unit)
    watching.watch(reader, unit)
    assert watching.watchers(lesson) == sorted([owner, reader], key=lambda t: t.id)
    watching.unwatch(reader, unit)
    assert not watching.is_watching(reader, unit)


def test_a_comment_reaches_watchers_but_not_its_author(app, unit, owner, reader):
    watching.watch(reader, unit)
    add_comment(unit, author=reader, body="Nice unit")
    db.session.commit()
    assert kinds_of(owner) == ["comment"]
    assert kinds_of(reader) == []


def test_a_reply_reaches_the_commenter(app, unit, owner, reader):
    first = add_comment(unit, author=reader, body="A question")
    add_comment(unit, author=owner, body="An answer", parent=first)
    db.session.commit()
    assert kinds_of(reader) == ["comment_reply"]
    assert kinds_of(owner) == ["comment"]


def test_changes_do_not_pile_up_while_one_is_unread(app, unit, owner, reader):
    watching.watch(reader, unit)
    for title in ("Second title", "Third title"):
        documents.save_revision(unit, unit_content(title), author=owner)
    db.session.commit()
    assert kinds_of(reader) == ["document_changed"]
    assert kinds_of(owner) == []


def test_no_change_reaches_a_watcher_who_can_no_longer_read(app, unit, owner, reader):
    watching.watch(reader, unit)
    documents.set_access(unit, visibility="private", status="draft")
    documents.save_revision(unit, unit_content("Hidden now"), author=owner)
    db.session.commit()
    assert kinds_of(reader) == []
    assert watching.watchers(unit) == [owner]


def test_an_invitation_notifies_and_accepting_it_makes_a_watcher(web, unit, owner, reader):
    from app.collaboration.services import accept, invite

    invitation = invite(unit, inviter=owner, name_or_email=reader.email, role="editor")
    assert kinds_of(reader) == ["invitation"]
    accept(invitation, teacher=reader)
    assert watching.is_watching(reader, unit)


def test_the_watch_button_watches_and_stops(web, unit, reader):
    web.login(reader.email, PASSWORD)
    page = web.client.get(f"/units/{unit.id}").get_data(as_text=True)
    assert "Watch" in page
    assert_outcome(web.post(f"/documents/{unit.id}/watch", {"next": f"/units/{unit.id}"}), DONE)
    assert watching.is_watching(reader, unit)
    listed = web.client.get("/notifications/watching").get_data(as_text=True)
    assert unit.title in listed
    web.post(f"/documents/{unit.id}/unwatch", {})
    assert not watching.is_watching(reader, unit)


@pytest.mark.parametrize(
    ("role", "outcome"),
    [
        ("visitor", LOGIN),
        ("other_municipality_teacher", DONE),
        ("teacher", DONE),
        ("coordinator", DONE),
        ("other_coordinator", DONE),
        ("admin", DONE),
    ],
)
def test_who_may_watch_a_network_unit(web, unit, make_teacher, make_municipality, role, outcome):
    municipality = unit.created_by.school.municipality
    elsewhere = make_municipality("Elsewhere")
    people = {
        "other_municipality_teacher": lambda: make_teacher(municipality=elsewhere),
        "teacher": lambda: make_teacher(municipality=municipality),
        "coordinator": lambda: make_teacher(municipality=municipality, coordinator=True),
        "other_coordinator": lambda: make_teacher(municipality=elsewhere, coordinator=True),
        "admin": lambda: make_teacher(admin=True),
    }
    if role != "visitor":
        web.login(people[role]().email, PASSWORD)
    assert_outcome(web.post(f"/documents/{unit.id}/watch", {}), outcome)


@pytest.mark.parametrize(
    ("role", "outcome"),
    [
        ("visitor", LOGIN),
        ("other_municipality_teacher", MISSING),
        ("teacher", MISSING),
        ("coordinator", MISSING),
        ("other_coordinator", MISSING),
        ("admin", DONE),
    ],
)
def test_who_may_watch_a_private_unit(
    web, make_unit, owner, make_teacher, make_municipality, role, outcome
):
    unit = make_unit(owner=owner)
    municipality = owner.school.municipality
    elsewhere = make_municipality("Elsewhere")
    people = {
        "other_municipality_teacher": lambda: make_teacher(municipality=elsewhere),
        "teacher": lambda: make_teacher(municipality=municipality),
        "coordinator": lambda: make_teacher(municipality=municipality, coordinator=True),
        "other_coordinator": lambda: make_teacher(municipality=elsewhere, coordinator=True),
        "admin": lambda: make_teacher(admin=True),
    }
    if role != "visitor":
        web.login(people[role]().email, PASSWORD)
    assert_outcome(web.post(f"/documents/{unit.id}/watch", {}), outcome)
    assert_outcome(web.client.get("/notifications/settings"), LOGIN if role == "visitor" else 200)
    assert_outcome(web.client.get("/notifications/watching"), LOGIN if role == "visitor" else 200)
