"""Two editors saving from the same base revision never overwrite each other."""

import pytest
from sqlalchemy import select, update

from app.documents import services
from app.documents.models import Document, Revision
from app.extensions import db
from tests.conftest import Web
from tests.fixtures.documents import lesson_content
from tests.fixtures.network import PASSWORD


def lesson_form(base_id: int, body: str) -> dict:
    return {
        "title": "Hand hygiene",
        "summary": "Washing hands properly.",
        "language": "fi",
        "licence": "CC-BY-SA-4.0",
        "body": body,
        "base_revision_id": str(base_id),
    }


def test_second_save_from_the_same_base_is_a_conflict_that_keeps_the_text(
    app, make_lesson, make_teacher
):
    lesson = make_lesson()
    owner = lesson.collaborators[0].teacher
    editor = make_teacher("Karin Lindqvist")
    lesson.collaborators.append(type(lesson.collaborators[0])(teacher=editor, role="editor"))
    db.session.commit()
    base = lesson.current_revision_id
    first, second = Web(app.test_client()), Web(app.test_client())
    first.login(owner.email, PASSWORD)
    second.login(editor.email, PASSWORD)

    assert (
        first.post(f"/lessons/{lesson.id}/edit", lesson_form(base, "Owner's words")).status_code
        == 302
    )
    response = second.post(f"/lessons/{lesson.id}/edit", lesson_form(base, "Editor's words"))

    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Someone else saved this while you were editing" in page
    assert "Editor&#39;s words" in page
    bodies = db.session.scalars(select(Revision.body).where(Revision.document_id == lesson.id))
    assert "Owner's words" in list(bodies)
    again = second.post(
        f"/lessons/{lesson.id}/edit", lesson_form(lesson.current_revision_id, "Editor's words")
    )
    assert again.status_code == 302
    bodies = list(
        db.session.scalars(select(Revision.body).where(Revision.document_id == lesson.id))
    )
    assert "Owner's words" in bodies
    assert "Editor's words" in bodies


def test_the_pointer_moves_only_from_the_expected_revision(make_lesson):
    """The compare-and-swap in the database: another worker moved the pointer meanwhile."""
    lesson = make_lesson()
    owner = lesson.collaborators[0].teacher
    first = lesson.current_revision_id
    second = services.save_revision(lesson, lesson_content(body="second"), author=owner).id
    # Another process moves the pointer; this session's copy of the row still says `second`.
    db.session.execute(
        update(Document)
        .where(Document.id == lesson.id)
        .values(current_revision_id=first)
        .execution_options(synchronize_session=False)
    )
    with pytest.raises(services.EditConflict) as conflict:
        services.save_revision(
            lesson, lesson_content(body="third"), author=owner, base_revision_id=second
        )
    assert conflict.value.base_revision_id == second


def test_a_new_document_can_be_saved_again_within_the_same_transaction(make_teacher):
    author = make_teacher()
    lesson = services.create_document("lesson", lesson_content(body="first"), author=author)
    for number in range(3):
        services.save_revision(lesson, lesson_content(body=f"edit {number}"), author=author)
    db.session.commit()
    assert lesson.current_revision.body == "edit 2"
    assert lesson.current_revision.parent.body == "edit 1"
