"""A document's history, a unit's timeline, old revisions and restoring them."""

import re

import pytest
from sqlalchemy import select

from app.documents import services
from app.documents.models import Revision
from app.extensions import db
from tests.fixtures.documents import lesson_content
from tests.fixtures.network import PASSWORD
from tests.queries import queries_for


def edit(document, author, body: str, summary: str = ""):
    revision = services.save_revision(
        document, lesson_content(document.title, body=body), author=author, summary=summary
    )
    db.session.commit()
    return revision


@pytest.fixture
def lesson(make_lesson):
    return make_lesson("Hand hygiene", visibility="public", status="published")


def owner_of(document):
    return document.collaborators[0].teacher


def revision_ids(html: str) -> list[int]:
    return [int(n) for n in re.findall(r"/revisions/(\d+)\"", html)]


def test_history_lists_revisions_newest_first_with_authors_and_size_changes(web, lesson):
    owner = owner_of(lesson)
    first = lesson.current_revision
    second = edit(lesson, owner, "Short", summary="Cut it down")
    third = edit(lesson, owner, "Short, and now a little longer")
    html = web.client.get(f"/documents/{lesson.id}/history").get_data(as_text=True)
    assert revision_ids(html) == [third.id, second.id, first.id]
    assert owner.name in html
    assert owner.school.municipality.name in html
    assert "Revision 3" in html
    assert "Cut it down" in html
    assert f"\u2212{first.size - second.size} characters" in html
    assert f"+{third.size - second.size} characters" in html


def test_history_is_paginated(web, app, lesson):
    app.config["PAGE_SIZE"] = 2
    owner = owner_of(lesson)
    for number in range(4):
        edit(lesson, owner, f"Version {number}")
    page_one = web.client.get(f"/documents/{lesson.id}/history").get_data(as_text=True)
    page_three = web.client.get(f"/documents/{lesson.id}/history?page=3").get_data(as_text=True)
    assert len(revision_ids(page_one)) == 2
    assert revision_ids(page_three) == [lesson_first_revision_id(lesson)]
    assert 'rel="next"' in page_one
    app.config["PAGE_SIZE"] = 25


def lesson_first_revision_id(document) -> int:
    return db.session.scalar(
        select(Revision.id).where(Revision.document_id == document.id).order_by(Revision.id)
    )


def test_unit_lesson_changes_describe_what_happened(web, make_unit, make_lesson):
    unit = make_unit(visibility="public", status="published")
    make_lesson("Allergens", unit=unit)
    html = web.client.get(f"/documents/{unit.id}/history").get_data(as_text=True)
    assert "Added lesson: Allergens" in html


def test_timeline_of_a_unit_includes_its_lessons_revisions(web, make_unit, make_lesson):
    unit = make_unit(visibility="public", status="published")
    lesson = make_lesson("Allergens", unit=unit)
    change = edit(lesson, owner_of(unit), "Changed the allergen table")
    html = web.client.get(f"/units/{unit.id}/timeline").get_data(as_text=True)
    assert revision_ids(html)[0] == change.id
    assert lesson.current_revision.id in revision_ids(html)
    assert unit.current_revision.id in revision_ids(html)
    assert "Lesson: Allergens" in html


def test_viewing_an_old_revision_shows_its_old_text(web, lesson):
    old = lesson.current_revision
    edit(lesson, owner_of(lesson), "Entirely new activities")
    html = web.client.get(f"/documents/{lesson.id}/revisions/{old.id}").get_data(as_text=True)
    assert "Show the glitter test." in html
    assert "Entirely new activities" not in html
    assert "You are viewing revision 1 of 2" in html


def test_a_revision_of_another_document_is_not_found(web, lesson, make_lesson):
    other = make_lesson("Other", visibility="public", status="published")
    response = web.client.get(f"/documents/{lesson.id}/revisions/{other.current_revision_id}")
    assert response.status_code == 404


def test_restore_makes_a_new_revision_and_leaves_older_ones_untouched(web, lesson):
    owner = owner_of(lesson)
    old = lesson.current_revision
    edit(lesson, owner, "Entirely new activities")
    before = db.session.execute(
        select(Revision.id, Revision.sha256, Revision.body).order_by(Revision.id)
    ).all()
    web.login(owner.email, PASSWORD)
    response = web.post(f"/documents/{lesson.id}/revisions/{old.id}/restore")
    assert response.status_code == 302
    after = db.session.execute(
        select(Revision.id, Revision.sha256, Revision.body).order_by(Revision.id)
    ).all()
    assert after[: len(before)] == before
    assert len(after) == len(before) + 1
    db.session.expire_all()
    restored = db.session.get(Revision, lesson.current_revision_id)
    assert restored.id not in {row.id for row in before}
    assert (restored.sha256, restored.body, restored.source) == (old.sha256, old.body, "restore")
    history = web.client.get(f"/documents/{lesson.id}/history").get_data(as_text=True)
    assert "Restored revision 1" in history


def test_restoring_the_current_version_makes_no_revision(web, lesson):
    owner = owner_of(lesson)
    web.login(owner.email, PASSWORD)
    count = len(db.session.scalars(select(Revision.id)).all())
    response = web.post(
        f"/documents/{lesson.id}/revisions/{lesson.current_revision_id}/restore",
        follow_redirects=True,
    )
    assert "That is already the current version" in response.get_data(as_text=True)
    assert len(db.session.scalars(select(Revision.id)).all()) == count


def test_restoring_a_unit_keeps_its_current_lessons(web, make_unit, make_lesson):
    unit = make_unit()
    old = unit.current_revision
    lesson = make_lesson("Allergens", unit=unit)
    changed = services.current_content(unit)
    services.save_revision(
        unit, services.Content(changed.title, changed.fields, "New overview"), author=owner_of(unit)
    )
    db.session.commit()
    web.login(owner_of(unit).email, PASSWORD)
    web.post(f"/documents/{unit.id}/revisions/{old.id}/restore")
    db.session.expire_all()
    assert unit.current_revision.source == "restore"
    assert unit.current_revision.body == old.body
    assert unit.current_revision.fields["lessons"] == [lesson.id]


def test_history_queries_do_not_grow_with_revisions(web, make_lesson, make_teacher):
    authors = [make_teacher() for _ in range(3)]
    counts = []
    for revisions in (5, 40):
        lesson = make_lesson(f"Lesson of {revisions}", visibility="public", status="published")
        for number in range(revisions - 1):
            edit(lesson, authors[number % 3], f"Version {number}")
        counts.append(queries_for(web.client, f"/documents/{lesson.id}/history"))
    assert counts[0] == counts[1], counts


def test_each_later_revision_links_to_its_comparison_when_comparing_exists(web, app, lesson):
    first = lesson.current_revision
    second = edit(lesson, owner_of(lesson), "Something else")
    html = web.client.get(f"/documents/{lesson.id}/history").get_data(as_text=True)
    if "compare.show" in app.view_functions:
        assert f"a={first.id}&amp;b={second.id}" in html
        assert html.count("Compare with the previous revision") == 1
    else:  # the compare pages are not there yet: the history still works, without the links
        assert "Compare with the previous revision" not in html
