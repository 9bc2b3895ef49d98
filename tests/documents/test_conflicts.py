"""Two editors saving from the same base revision never overwrite each other: their edits
merge, or the second editor gets a merge page with every word they wrote."""

import pytest
from sqlalchemy import select, update

from app.documents import services
from app.documents.models import Document, Revision
from app.extensions import db
from tests.conftest import Web
from tests.fixtures.documents import lesson_content
from tests.fixtures.network import PASSWORD


def lesson_form(base_id: int, body: str, title: str = "Hand hygiene") -> dict:
    return {
        "title": title,
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
    assert "Someone else changed the same passages while you were editing" in page
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


@pytest.fixture
def two_editors(app, make_lesson, make_teacher, make_municipality):
    """A lesson whose owner and an editor from another municipality each have a browser."""
    body = "## Opening\n\nShow the glitter test.\n\n## Practice\n\nWash hands for 20 seconds.\n"
    lesson = make_lesson()
    owner = lesson.collaborators[0].teacher
    services.save_revision(lesson, lesson_content(body=body), author=owner)
    editor = make_teacher("Karin Lindqvist", municipality=make_municipality("Haparanda"))
    lesson.collaborators.append(type(lesson.collaborators[0])(teacher=editor, role="editor"))
    db.session.commit()
    first, second = Web(app.test_client()), Web(app.test_client())
    first.login(owner.email, PASSWORD)
    second.login(editor.email, PASSWORD)
    return lesson, body, first, second


def test_edits_to_different_passages_are_merged_and_the_teacher_told(two_editors):
    lesson, body, owner, editor = two_editors
    base = lesson.current_revision_id
    theirs = body.replace("glitter test", "glitter test under UV light")
    yours = body.replace("20 seconds", "30 seconds")
    # Browsers send a textarea's lines with CRLF endings; the stored text has "\n".
    crlf = lesson_form(base, theirs.replace("\n", "\r\n"))
    assert owner.post(f"/lessons/{lesson.id}/edit", crlf).status_code == 302

    response = editor.post(
        f"/lessons/{lesson.id}/edit",
        lesson_form(base, yours.replace("\n", "\r\n"), title="Hand hygiene in the kitchen"),
        follow_redirects=True,
    )

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "saved changes while you were editing" in page
    assert "Activities" in page
    db.session.expire_all()
    merged = db.session.get(Document, lesson.id).current_revision
    assert merged.source == "merge"
    assert merged.title == "Hand hygiene in the kitchen"
    assert "glitter test under UV light" in merged.body
    assert "Wash hands for 30 seconds." in merged.body
    assert merged.parent.body == theirs


def test_overlapping_edits_show_the_merge_page_with_their_changes_marked(two_editors):
    lesson, body, owner, editor = two_editors
    base = lesson.current_revision_id
    theirs = body.replace("Show the glitter test.", "Show the glitter test twice.").replace(
        "20 seconds", "40 seconds"
    )
    yours = body.replace("20 seconds", "30 seconds")
    assert owner.post(f"/lessons/{lesson.id}/edit", lesson_form(base, theirs)).status_code == 302
    latest = db.session.get(Document, lesson.id).current_revision_id

    response = editor.post(
        f"/lessons/{lesson.id}/edit", lesson_form(base, yours, title="Kitchen hygiene")
    )

    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Someone else changed the same passages while you were editing" in page
    assert "Their changes: Activities" in page
    assert '<ins><span class="visually-hidden">added: </span>40 </ins>seconds' in page
    assert '<ins><span class="visually-hidden">added: </span> twice</ins>' in page
    # The form: the teacher's lines where the edits meet, the other side's change elsewhere.
    assert "Wash hands for 30 seconds." in page
    assert "Show the glitter test twice." in page
    assert 'value="Kitchen hygiene"' in page
    assert f'name="base_revision_id" type="hidden" value="{latest}"' in page
    assert db.session.get(Document, lesson.id).current_revision_id == latest


def test_a_base_that_is_not_a_revision_of_the_lesson_never_overwrites(two_editors, make_lesson):
    lesson, body, _owner, editor = two_editors
    elsewhere = make_lesson().current_revision_id
    before = lesson.current_revision_id
    for base in (elsewhere, 10**9):
        response = editor.post(
            f"/lessons/{lesson.id}/edit", lesson_form(base, body.replace("20", "25"))
        )
        assert response.status_code == 409
        assert "Wash hands for 25 seconds." in response.get_data(as_text=True)
    assert db.session.get(Document, lesson.id).current_revision_id == before


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
