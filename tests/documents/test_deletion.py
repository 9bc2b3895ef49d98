"""Deleting a unit or lesson is a revision too: recorded, hidden everywhere, and undoable."""

import io
import re
import zipfile

import pytest
from sqlalchemy import func, select

from app.collaboration import services as collaboration
from app.documents import deletion, services
from app.documents.models import Document, Revision
from app.extensions import db
from app.favourites import services as favourites
from tests.fixtures.network import PASSWORD
from tests.outcomes import DONE, MISSING, OK, ROLES, SHARING, assert_outcome, route_outcome

CONFLICT, GONE = 409, 410


def owner_of(document: Document):
    return document.access_root.collaborators[0].teacher


def counts() -> tuple[int, int]:
    return (
        db.session.scalar(select(func.count(Document.id))),
        db.session.scalar(select(func.count(Revision.id))),
    )


def lesson_ids(unit: Document) -> list[int]:
    db.session.expire(unit, ["lessons"])
    return [lesson.id for lesson in unit.lessons]


def page_text(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def unit_of_three(make_unit, make_lesson):
    """A published public unit with lessons Hygiene, Allergens, Temperatures."""
    unit = make_unit("Food safety", visibility="public", status="published")
    lessons = [make_lesson(title, unit=unit) for title in ("Hygiene", "Allergens", "Temperatures")]
    return unit, lessons


# The services


def test_deleting_records_a_revision_and_removes_nothing(make_lesson):
    lesson = make_lesson("Hand hygiene")
    owner = owner_of(lesson)
    before = lesson.current_revision
    rows = counts()

    deletion.delete_document(lesson, author=owner)
    db.session.commit()
    after_delete = counts()
    deletion.undo_deletion(lesson, author=owner)
    db.session.commit()

    assert after_delete == (rows[0], rows[1] + 1)
    assert counts() == (rows[0], rows[1] + 2)
    history = db.session.scalars(
        select(Revision).where(Revision.document_id == lesson.id).order_by(Revision.id)
    ).all()
    assert [r.source for r in history] == ["create", "delete", "undelete"]
    assert history[1].author == owner
    assert history[1].sha256 == before.sha256
    assert history[2].body == before.body
    assert lesson.deleted_at is None
    assert lesson.deleted_by is None


def test_a_deletion_says_when_and_by_whom(make_lesson):
    lesson = make_lesson()
    owner = owner_of(lesson)
    revision = deletion.delete_document(lesson, author=owner)
    db.session.commit()
    assert lesson.deleted_by == owner
    assert lesson.deleted_at == revision.created_at


def test_deleting_a_lesson_takes_it_out_of_its_units_lesson_order(unit_of_three):
    unit, (hygiene, allergens, temperatures) = unit_of_three
    deletion.delete_document(allergens, author=owner_of(unit))
    db.session.commit()

    assert lesson_ids(unit) == [hygiene.id, temperatures.id]
    assert [hygiene.position, temperatures.position] == [1, 2]
    latest = unit.current_revision
    assert latest.source == "delete_lesson"
    assert latest.summary == "Allergens"
    assert latest.fields["lessons"] == [hygiene.id, temperatures.id]
    assert allergens.unit_id == unit.id  # it keeps its unit, to come back into it


def test_undoing_puts_a_lesson_back_in_its_place(unit_of_three):
    unit, (hygiene, allergens, temperatures) = unit_of_three
    owner = owner_of(unit)
    deletion.delete_document(allergens, author=owner)
    db.session.commit()
    deletion.undo_deletion(allergens, author=owner)
    db.session.commit()

    assert lesson_ids(unit) == [hygiene.id, allergens.id, temperatures.id]
    assert unit.current_revision.source == "restore_lesson"
    assert unit.current_revision.fields["lessons"] == [hygiene.id, allergens.id, temperatures.id]


def test_undoing_puts_a_lesson_at_the_end_when_its_place_is_gone(unit_of_three):
    unit, (hygiene, allergens, temperatures) = unit_of_three
    owner = owner_of(unit)
    deletion.delete_document(temperatures, author=owner)
    services.detach_lesson(unit, hygiene, author=owner)
    db.session.commit()
    deletion.undo_deletion(temperatures, author=owner)
    db.session.commit()
    assert lesson_ids(unit) == [allergens.id, temperatures.id]
    assert [allergens.position, temperatures.position] == [1, 2]


def test_a_lesson_added_after_a_deletion_goes_at_the_end(unit_of_three, make_lesson):
    unit, (hygiene, allergens, temperatures) = unit_of_three
    deletion.delete_document(hygiene, author=owner_of(unit))
    db.session.commit()
    added = make_lesson("Cleaning", unit=unit)
    assert lesson_ids(unit) == [allergens.id, temperatures.id, added.id]
    assert added.position == 3


def test_an_undone_lesson_follows_the_sharing_its_unit_got_meanwhile(web, make_unit, make_lesson):
    unit = make_unit()
    lesson = make_lesson("Allergens", unit=unit)
    owner = owner_of(unit)
    deletion.delete_document(lesson, author=owner)
    services.set_access(unit, visibility="public", status="published")
    deletion.undo_deletion(lesson, author=owner)
    db.session.commit()
    assert (lesson.visibility, lesson.status) == ("public", "published")
    assert web.client.get(f"/lessons/{lesson.id}").status_code == OK  # a visitor reads it


def test_deleting_a_unit_leaves_its_lessons_as_they_were(unit_of_three):
    unit, lessons = unit_of_three
    revisions = [lesson.current_revision_id for lesson in lessons]
    deletion.delete_document(unit, author=owner_of(unit))
    db.session.commit()
    assert unit.current_revision.source == "delete"
    assert [lesson.current_revision_id for lesson in lessons] == revisions
    assert all(lesson.deleted_at is None for lesson in lessons)
    deletion.undo_deletion(unit, author=owner_of(unit))
    db.session.commit()
    assert lesson_ids(unit) == [lesson.id for lesson in lessons]


def test_a_lesson_cannot_come_back_into_a_deleted_unit(unit_of_three):
    unit, (_hygiene, allergens, _temperatures) = unit_of_three
    owner = owner_of(unit)
    deletion.delete_document(allergens, author=owner)
    deletion.delete_document(unit, author=owner)
    db.session.commit()
    with pytest.raises(deletion.UnitIsDeleted):
        deletion.undo_deletion(allergens, author=owner)


# Gone from every list


def test_a_deleted_lesson_is_gone_from_its_units_page_and_export(web, unit_of_three):
    unit, (_hygiene, allergens, _temperatures) = unit_of_three
    assert "Allergens" in page_text(web.client.get(f"/units/{unit.id}"))
    deletion.delete_document(allergens, author=owner_of(unit))
    db.session.commit()

    assert "Allergens" not in page_text(web.client.get(f"/units/{unit.id}"))
    export = web.client.get(f"/units/{unit.id}/export")
    names = zipfile.ZipFile(io.BytesIO(export.data)).namelist()
    assert [name for name in names if "/lessons/" in name] == [
        "food-safety/lessons/01-hygiene.md",
        "food-safety/lessons/02-temperatures.md",
    ]


@pytest.mark.parametrize("scope", ["mine", "shared", "municipality", "network", "public"])
def test_a_deleted_unit_is_gone_from_every_library_scope(web, make_unit, make_teacher, scope):
    owner, editor = make_teacher(), make_teacher()
    unit = make_unit(
        "Food safety",
        owner=owner,
        visibility="public",
        status="published",
        collaborators={"editor": [editor]},
    )
    web.login((owner if scope != "shared" else editor).email, PASSWORD)
    url = f"/library?scope={scope}"
    assert "Food safety" in page_text(web.client.get(url))
    deletion.delete_document(unit, author=owner)
    db.session.commit()
    assert "Food safety" not in page_text(web.client.get(url))


def test_deleted_documents_leave_favourites_and_collections(web, unit_of_three, make_teacher):
    unit, (_hygiene, allergens, temperatures) = unit_of_three
    reader = make_teacher()
    for document in (unit, allergens, temperatures):
        favourites.set_favourite(reader, document, True)
    collection = favourites.create_collection(reader, name="Kitchen")
    favourites.add_to_collection(collection, allergens)
    db.session.commit()
    web.login(reader.email, PASSWORD)
    assert "Allergens" in page_text(web.client.get("/favourites"))

    deletion.delete_document(allergens, author=owner_of(unit))
    db.session.commit()
    listed = page_text(web.client.get("/favourites"))
    assert "Allergens" not in listed
    assert "Temperatures" in listed
    assert "Allergens" not in page_text(web.client.get(f"/collections/{collection.id}"))
    assert "0 units and lessons" in page_text(web.client.get("/collections"))

    deletion.delete_document(unit, author=owner_of(unit))
    db.session.commit()
    listed = page_text(web.client.get("/favourites"))
    assert "Food safety" not in listed
    assert "Temperatures" not in listed


def test_invitations_to_a_deleted_unit_are_not_listed(web, make_unit, make_teacher):
    unit, invitee = make_unit("Food safety"), make_teacher()
    collaboration.invite(unit, inviter=owner_of(unit), name_or_email=invitee.email, role="editor")
    db.session.commit()
    web.login(invitee.email, PASSWORD)
    assert "Food safety" in page_text(web.client.get("/invitations"))
    deletion.delete_document(unit, author=owner_of(unit))
    db.session.commit()
    assert "Food safety" not in page_text(web.client.get("/invitations"))


# The Deleted list


def test_the_deleted_list_holds_what_the_owner_deleted(
    web, unit_of_three, make_unit, make_lesson, make_teacher
):
    unit, (_hygiene, allergens, _temperatures) = unit_of_three
    owner, editor = owner_of(unit), make_teacher()
    other = make_unit("Hand washing", owner=owner, collaborators={"editor": [editor]})
    make_lesson("Soap", unit=other)
    deletion.delete_document(allergens, author=owner)
    deletion.delete_document(other, author=owner)
    db.session.commit()

    web.login(owner.email, PASSWORD)
    listed = page_text(web.client.get("/library?scope=deleted"))
    assert "Allergens" in listed
    assert "in Food safety" in listed
    assert "Hand washing" in listed
    assert "Soap" not in listed  # it comes back with its unit
    assert len(re.findall(r"/undelete\"", listed)) == 2
    assert "Allergens" not in page_text(web.client.get("/library?scope=mine"))

    web.logout()
    web.login(editor.email, PASSWORD)
    assert "Hand washing" not in page_text(web.client.get("/library?scope=deleted"))


# Pages of a deleted document


def test_readers_get_410_with_when_and_who_and_only_owners_can_undo(
    web, unit_of_three, make_teacher
):
    unit, (_hygiene, allergens, _temperatures) = unit_of_three
    owner = owner_of(unit)
    owner.name = "Aino Owner"
    deletion.delete_document(allergens, author=owner)
    db.session.commit()

    response = web.client.get(f"/lessons/{allergens.id}")
    assert response.status_code == GONE
    assert "This lesson was deleted on" in page_text(response)
    assert "by Aino Owner" in page_text(response)
    assert "Undo deletion" not in page_text(response)

    web.login(owner.email, PASSWORD)
    response = web.client.get(f"/lessons/{allergens.id}")
    assert response.status_code == GONE
    assert f'action="/documents/{allergens.id}/undelete"' in page_text(response)


def test_a_lesson_of_a_deleted_unit_names_the_unit_and_undoes_the_unit(web, unit_of_three):
    unit, (hygiene, _allergens, _temperatures) = unit_of_three
    owner = owner_of(unit)
    deletion.delete_document(unit, author=owner)
    db.session.commit()
    web.login(owner.email, PASSWORD)
    response = web.client.get(f"/lessons/{hygiene.id}")
    assert response.status_code == GONE
    assert "The unit this lesson belongs to, “Food safety”, was deleted" in page_text(response)
    assert f'action="/documents/{unit.id}/undelete"' in page_text(response)


def test_a_private_deleted_document_is_still_not_found_by_others(web, make_unit, make_teacher):
    unit = make_unit()
    deletion.delete_document(unit, author=owner_of(unit))
    db.session.commit()
    web.login(make_teacher().email, PASSWORD)
    assert web.client.get(f"/units/{unit.id}").status_code == MISSING


def test_the_confirmation_page_names_what_goes(web, unit_of_three):
    unit, (hygiene, _allergens, _temperatures) = unit_of_three
    web.login(owner_of(unit).email, PASSWORD)
    assert "The unit and its 3 lessons will be deleted." in page_text(
        web.client.get(f"/documents/{unit.id}/delete")
    )
    assert "taken out of the unit “Food safety”" in page_text(
        web.client.get(f"/documents/{hygiene.id}/delete")
    )
    page = page_text(web.client.get(f"/units/{unit.id}"))
    assert f'href="/documents/{unit.id}/delete"' in page


def test_the_delete_link_is_for_owners_only(web, make_unit, make_teacher):
    editor = make_teacher()
    unit = make_unit(collaborators={"editor": [editor]})
    web.login(editor.email, PASSWORD)
    assert f"/documents/{unit.id}/delete" not in page_text(web.client.get(f"/units/{unit.id}"))


def test_owner_deletes_a_lesson_and_undoes_it_from_the_units_history(web, unit_of_three):
    unit, (hygiene, allergens, temperatures) = unit_of_three
    web.login(owner_of(unit).email, PASSWORD)

    response = web.post(f"/documents/{allergens.id}/delete")
    assert response.headers["Location"] == f"/units/{unit.id}#lessons"
    history = page_text(web.client.get(f"/documents/{unit.id}/history"))
    assert "Deleted lesson: Allergens" in history
    assert f'action="/documents/{allergens.id}/undelete"' in history

    response = web.post(f"/documents/{allergens.id}/undelete")
    assert response.headers["Location"] == f"/lessons/{allergens.id}"
    assert web.client.get(f"/lessons/{allergens.id}").status_code == OK
    history = page_text(web.client.get(f"/documents/{unit.id}/history"))
    assert "Deleted lesson: Allergens" in history
    assert "Brought back deleted lesson: Allergens" in history
    assert "/undelete" not in history
    assert lesson_ids(unit) == [hygiene.id, allergens.id, temperatures.id]


def test_a_deleted_documents_history_stays_readable_with_the_deletion_in_it(
    web, make_lesson, make_teacher
):
    lesson = make_lesson(visibility="network", status="published")
    owner = owner_of(lesson)
    deletion.delete_document(lesson, author=owner)
    db.session.commit()

    web.login(make_teacher().email, PASSWORD)
    history = web.client.get(f"/documents/{lesson.id}/history")
    assert history.status_code == OK
    assert "This lesson was deleted on" in page_text(history)
    assert "Deleted" in page_text(history)
    assert "/undelete" not in page_text(history)
    first = lesson.current_revision.parent_id
    assert web.client.get(f"/documents/{lesson.id}/revisions/{first}").status_code == OK

    web.logout()
    web.login(owner.email, PASSWORD)
    history = page_text(web.client.get(f"/documents/{lesson.id}/history"))
    assert f'action="/documents/{lesson.id}/undelete"' in history


def test_undoing_a_lesson_in_a_deleted_unit_asks_to_undo_the_unit_first(web, unit_of_three):
    unit, (_hygiene, allergens, _temperatures) = unit_of_three
    owner = owner_of(unit)
    deletion.delete_document(allergens, author=owner)
    deletion.delete_document(unit, author=owner)
    db.session.commit()
    web.login(owner.email, PASSWORD)
    response = web.post(f"/documents/{allergens.id}/undelete")
    assert response.status_code == CONFLICT
    assert "Undo the deletion of the unit first." in page_text(response)
    assert allergens.deleted_at is not None


def test_undoing_what_is_not_deleted_changes_nothing(web, make_lesson):
    lesson = make_lesson()
    rows = counts()
    web.login(owner_of(lesson).email, PASSWORD)
    response = web.post(f"/documents/{lesson.id}/undelete", follow_redirects=True)
    assert "there was nothing to undo" in page_text(response)
    assert counts() == rows


def test_deleting_without_the_csrf_token_is_refused(web, make_lesson):
    lesson = make_lesson()
    web.login(owner_of(lesson).email, PASSWORD)
    assert web.client.post(f"/documents/{lesson.id}/delete").status_code == 400
    assert lesson.deleted_at is None


# Nothing can be done to a deleted document but reading its history and undoing


@pytest.fixture
def deleted_things(make_unit, make_lesson):
    """A live unit with a deleted lesson, and a deleted unit with a lesson."""
    unit = make_unit("Food safety")
    lesson = make_lesson("Allergens", unit=unit)
    make_lesson("Hygiene", unit=unit)
    gone_unit = make_unit("Hand washing", owner=owner_of(unit))
    inner = make_lesson("Soap", unit=gone_unit)
    owner = owner_of(unit)
    deletion.delete_document(lesson, author=owner)
    deletion.delete_document(gone_unit, author=owner)
    db.session.commit()
    ids = {
        "u": unit.id,
        "l": lesson.id,
        "lr": lesson.current_revision.parent_id,
        "du": gone_unit.id,
        "m": inner.id,
    }
    return ids, owner


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("GET", "/lessons/{l}", GONE),
        ("GET", "/lessons/{l}/edit", GONE),
        ("POST", "/lessons/{l}/edit", GONE),
        ("POST", "/documents/{l}/comments", GONE),
        ("POST", "/documents/{l}/attachments", GONE),
        ("POST", "/documents/{l}/favourite", GONE),
        ("POST", "/documents/{l}/draft", GONE),
        ("POST", "/documents/{l}/revisions/{lr}/restore", GONE),
        ("GET", "/documents/{l}/people", GONE),
        ("POST", "/documents/{l}/delete", GONE),
        ("POST", "/units/{u}/lessons/{l}/move", MISSING),
        ("POST", "/units/{u}/lessons/{l}/detach", MISSING),
        ("GET", "/units/{du}", GONE),
        ("GET", "/units/{du}/print", GONE),
        ("GET", "/units/{du}/export", GONE),
        ("POST", "/documents/{du}/adapt", GONE),
        ("POST", "/documents/{du}/access", GONE),
        ("POST", "/units/{du}/lessons", GONE),
        ("GET", "/lessons/{m}", GONE),
        ("POST", "/documents/{m}/comments", GONE),
        ("GET", "/documents/{du}/history", OK),
        ("GET", "/units/{du}/timeline", OK),
        ("GET", "/documents/{m}/history", OK),
    ],
)
def test_a_deleted_document_only_shows_its_history(web, deleted_things, method, url, status):
    ids, owner = deleted_things
    rows = counts()
    web.login(owner.email, PASSWORD)
    url = url.format(**ids)
    data = {"direction": "down", "body": "Hello", "title": "New", "value": "on"}
    response = web.client.get(url) if method == "GET" else web.post(url, data)
    assert response.status_code == status
    assert counts() == rows


# Route by role


OWNERS = {"owner"}

# (method, url, who may act: a role set, "read" for anyone who may read, "gone" for a 410)
ROUTES = [
    ("GET", "/documents/{u}/delete", OWNERS),
    ("GET", "/documents/{l}/delete", OWNERS),
    ("POST", "/documents/{u}/delete", OWNERS),
    ("POST", "/documents/{l}/delete", OWNERS),
    ("POST", "/documents/{d}/undelete", OWNERS),
    ("GET", "/lessons/{d}", "gone"),
    ("GET", "/documents/{d}/history", "read"),
]


def expected(role: str, method: str, who, sharing) -> object:
    """A deleted lesson is gone (410) for whoever could read it; an owner's GET shows a page."""
    if who == "gone":
        outcome = route_outcome(role, "read", sharing)
        return GONE if outcome == OK else outcome
    outcome = route_outcome(role, who, sharing)
    return OK if method == "GET" and outcome == DONE else outcome


@pytest.fixture
def unit_with_roles(make_shared_unit, make_lesson, role_actors):
    def make(visibility: str, status: str):
        unit = make_shared_unit(visibility, status)
        lesson = make_lesson(unit=unit)
        deleted = make_lesson("Deleted already", unit=unit)
        deletion.delete_document(deleted, author=role_actors["owner"])
        db.session.commit()
        return {"u": unit.id, "l": lesson.id, "d": deleted.id}, role_actors

    return make


@pytest.mark.parametrize("sharing", list(SHARING), ids=lambda s: "-".join(s))
@pytest.mark.parametrize(("method", "url", "who"), ROUTES, ids=[f"{r[0]} {r[1]}" for r in ROUTES])
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role_and_sharing(web, unit_with_roles, sharing, method, url, who, role):
    ids, actors = unit_with_roles(*sharing)
    if actors[role] is not None:
        web.login(actors[role].email, PASSWORD)
    rows = counts()
    url = url.format(**ids)
    response = web.client.get(url) if method == "GET" else web.post(url)
    outcome = expected(role, method, who, sharing)
    assert_outcome(response, outcome)
    if outcome != DONE:
        assert counts() == rows  # refused: nothing recorded
