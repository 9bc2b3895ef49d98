"""Recent changes: the saves of the documents a teacher watches, each linked to its diff."""

import re

import pytest
from sqlalchemy import select

from app.documents import services
from app.documents.models import Collaborator
from app.extensions import db
from app.notifications.models import Watch
from tests.activity.scene import page_text, sign_in
from tests.fixtures.documents import lesson_content
from tests.outcomes import LOGIN, OK, assert_outcome
from tests.queries import queries_for


def edit(document, author, body: str, summary: str):
    revision = services.save_revision(
        document, lesson_content(document.title, body=body), author=author, summary=summary
    )
    db.session.commit()
    return revision


def watch(teacher, document) -> None:
    """``teacher`` watches ``document`` (they may already, as one of its collaborators)."""
    if (
        db.session.scalar(
            select(Watch.id).where(Watch.teacher_id == teacher.id, Watch.document_id == document.id)
        )
        is None
    ):
        db.session.add(Watch(teacher_id=teacher.id, document_id=document.id))
    db.session.commit()


@pytest.fixture
def watcher(make_teacher):
    return make_teacher("Wilma Watcher")


@pytest.fixture
def shared_unit(make_unit, make_lesson, make_teacher):
    unit = make_unit(
        "Food safety in catering",
        owner=make_teacher("Aino Korhonen"),
        visibility="network",
        status="published",
    )
    make_lesson("Hand hygiene", unit=unit)
    return unit


def owner_of(document):
    return document.collaborators[0].teacher


def test_changes_list_only_watched_documents_newest_first(web, watcher, shared_unit, make_lesson):
    watched = make_lesson("Allergens", visibility="network", status="published")
    unwatched = make_lesson("Knife skills", visibility="network", status="published")
    watch(watcher, watched)
    first = edit(watched, owner_of(watched), "Peanuts first", "Peanuts")
    edit(unwatched, owner_of(unwatched), "Hold it so", "Grip")
    second = edit(watched, owner_of(watched), "Peanuts, then milk", "Milk too")
    sign_in(web, watcher)
    text = page_text(web.client.get("/changes"))
    assert "Knife skills" not in text
    assert "Grip" not in text
    assert text.index("Milk too") < text.index("Peanuts")
    html = web.client.get("/changes").get_data(as_text=True)
    for revision in (first, second):
        link = f"/documents/{watched.id}/compare?a={revision.parent_id}&amp;b={revision.id}"
        assert link in html
        assert web.client.get(link.replace("&amp;", "&")).status_code == 200


def test_a_watched_unit_brings_its_lessons_changes(web, watcher, shared_unit):
    watch(watcher, shared_unit)
    lesson = shared_unit.lessons[0]
    edit(lesson, owner_of(shared_unit), "Wash for twenty seconds", "Timed washing")
    sign_in(web, watcher)
    text = page_text(web.client.get("/changes"))
    assert "Aino Korhonen" in text
    assert "changed Hand hygiene. Timed washing" in text
    assert "changed Food safety in catering. Added lesson: Hand hygiene" in text


def test_documents_the_teacher_can_no_longer_read_are_skipped(web, watcher, make_lesson):
    lesson = make_lesson("Allergens", visibility="network", status="published")
    watch(watcher, lesson)
    edit(lesson, owner_of(lesson), "Peanuts first", "Peanuts")
    services.set_access(lesson, visibility="private", status="draft")
    db.session.commit()
    sign_in(web, watcher)
    text = page_text(web.client.get("/changes"))
    assert "Allergens" not in text
    assert "No changes yet." in text


def test_a_collaborator_still_sees_a_private_document_they_watch(web, watcher, make_lesson):
    lesson = make_lesson("Allergens")
    lesson.collaborators.append(Collaborator(teacher=watcher, role="viewer"))
    db.session.commit()
    watch(watcher, lesson)
    edit(lesson, owner_of(lesson), "Peanuts first", "Peanuts")
    sign_in(web, watcher)
    assert "changed Allergens. Peanuts" in page_text(web.client.get("/changes"))


@pytest.mark.parametrize(("signed_in", "outcome"), [(False, LOGIN), (True, OK)])
def test_changes_are_for_signed_in_teachers(web, watcher, signed_in, outcome):
    sign_in(web, watcher if signed_in else None)
    assert_outcome(web.client.get("/changes"), outcome)


def test_the_account_menu_links_to_recent_changes(web, watcher):
    sign_in(web, watcher)
    html = web.client.get("/notifications").get_data(as_text=True)
    assert re.search(r'href="/changes"[^>]*>\s*Recent changes', html)


def test_queries_do_not_grow_with_the_changes(
    web, app, monkeypatch, watcher, make_lesson, make_teacher
):
    monkeypatch.setitem(app.config, "PAGE_SIZE", 500)
    authors = [make_teacher() for _ in range(3)]
    lessons = [
        make_lesson(f"Lesson {n}", visibility="network", status="published") for n in range(6)
    ]
    watch(watcher, lessons[0])
    edit(lessons[0], authors[0], "One", "One")
    sign_in(web, watcher)
    few = queries_for(web.client, "/changes")
    for number, lesson in enumerate(lessons[1:]):
        watch(watcher, lesson)
        edit(lesson, authors[number % 3], f"Text {number}", f"Change {number}")
    assert queries_for(web.client, "/changes") == few


@pytest.mark.parametrize(("page", "status"), [("abc", 200), ("0", 404), ("3", 404)])
def test_bad_page_numbers_are_not_errors(web, watcher, page, status):
    sign_in(web, watcher)
    assert web.client.get(f"/changes?page={page}").status_code == status
