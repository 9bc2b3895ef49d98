"""Autosaved drafts: the teacher's private work in progress, offered when the editor reopens."""

import pytest
from sqlalchemy import func, select

from app.documents import services as documents
from app.documents.models import Draft, Revision
from app.editor import services
from app.extensions import db
from tests.conftest import csrf_token_from
from tests.editor import unit_form
from tests.fixtures.documents import unit_content
from tests.fixtures.network import PASSWORD


@pytest.fixture
def unit(make_unit, make_teacher):
    return make_unit(collaborators={"editor": [make_teacher("Erik Editor")]})


def owner_of(unit):
    return next(c.teacher for c in unit.collaborators if c.role == "owner")


def editor_of(unit):
    return next(c.teacher for c in unit.collaborators if c.role == "editor")


def drafts() -> list[Draft]:
    return db.session.scalars(select(Draft).order_by(Draft.id)).all()


def test_autosave_keeps_the_form_as_the_teachers_private_draft(web, unit):
    web.login(owner_of(unit).email, PASSWORD)
    form = unit_form(body="Half-written plan", base_revision_id=str(unit.current_revision_id))
    response = web.post(f"/documents/{unit.id}/draft", form)
    assert response.status_code == 200
    assert "Draft saved" in response.get_data(as_text=True)
    [draft] = drafts()
    assert draft.teacher_id == owner_of(unit).id
    assert draft.base_revision_id == unit.current_revision_id
    assert draft.data["body"] == ["Half-written plan"]
    assert draft.data["languages"] == ["sv", "fi"]
    assert "csrf_token" not in draft.data
    assert db.session.scalar(select(func.count(Revision.id))) == 1  # a draft is no revision


def test_a_later_autosave_replaces_the_draft(web, unit):
    web.login(owner_of(unit).email, PASSWORD)
    web.post(f"/documents/{unit.id}/draft", unit_form(body="First words"))
    web.post(f"/documents/{unit.id}/draft", unit_form(body="First words, and more"))
    assert [d.data["body"] for d in drafts()] == [["First words, and more"]]


def test_reopening_the_editor_offers_the_draft(web, unit):
    web.login(owner_of(unit).email, PASSWORD)
    web.post(f"/documents/{unit.id}/draft", unit_form(body="Half-written plan"))
    page = web.client.get(f"/units/{unit.id}/edit").get_data(as_text=True)
    assert "You have unsaved changes from" in page
    assert f'href="/units/{unit.id}/edit?draft=1">Restore my draft</a>' in page
    assert "Discard draft" in page
    assert "has changed since" not in page
    assert "Half-written plan" not in page  # offered, not yet in the form


def test_restoring_fills_the_form_with_the_draft(web, unit):
    web.login(owner_of(unit).email, PASSWORD)
    web.post(f"/documents/{unit.id}/draft", unit_form(title="Timber, draft", body="Half-written"))
    page = web.client.get(f"/units/{unit.id}/edit?draft=1").get_data(as_text=True)
    assert "is in the form below" in page
    assert 'value="Timber, draft"' in page
    assert "Half-written</textarea>" in page
    assert f'name="base_revision_id" type="hidden" value="{unit.current_revision_id}"' in page
    assert csrf_token_from(page)  # the restored form can still be sent


def test_discarding_deletes_the_draft(web, unit):
    web.login(owner_of(unit).email, PASSWORD)
    web.post(f"/documents/{unit.id}/draft", unit_form(body="Half-written plan"))
    response = web.post(f"/documents/{unit.id}/draft/discard")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/units/{unit.id}/edit"
    assert drafts() == []
    page = web.client.get(f"/units/{unit.id}/edit").get_data(as_text=True)
    assert "unsaved changes" not in page


def test_a_draft_is_private_to_its_teacher(web, unit):
    web.login(owner_of(unit).email, PASSWORD)
    web.post(f"/documents/{unit.id}/draft", unit_form(body="The owner's secret plan"))
    web.logout()
    web.login(editor_of(unit).email, PASSWORD)
    for url in (f"/units/{unit.id}/edit", f"/units/{unit.id}/edit?draft=1"):
        page = web.client.get(url).get_data(as_text=True)
        assert "unsaved changes" not in page
        assert "secret plan" not in page
    web.post(f"/documents/{unit.id}/draft/discard")  # discards only the editor's own (none)
    assert len(drafts()) == 1


def test_saving_deletes_the_savers_draft_and_others_learn_the_document_changed(web, unit):
    for teacher in (owner_of(unit), editor_of(unit)):
        web.login(teacher.email, PASSWORD)
        web.post(f"/documents/{unit.id}/draft", unit_form(body=f"Draft by {teacher.name}"))
        web.logout()
    web.login(owner_of(unit).email, PASSWORD)
    assert web.post(f"/units/{unit.id}/edit", unit_form(title="Saved")).status_code == 302
    assert [d.teacher_id for d in drafts()] == [editor_of(unit).id]
    web.logout()
    web.login(editor_of(unit).email, PASSWORD)
    page = web.client.get(f"/units/{unit.id}/edit").get_data(as_text=True)
    assert "You have unsaved changes from" in page
    assert "The document has changed since you began this draft." in page


def test_preview_button_keeps_the_draft(web, unit):
    web.login(owner_of(unit).email, PASSWORD)
    web.post(f"/documents/{unit.id}/draft", unit_form(body="Half-written plan"))
    assert web.post(f"/units/{unit.id}/edit", unit_form(preview="1")).status_code == 200
    assert len(drafts()) == 1


@pytest.mark.parametrize(
    ("who", "visibility", "expected"),
    [
        ("owner", "private", 200),
        ("editor", "private", 200),
        ("commenter", "private", 403),
        ("viewer", "private", 403),
        ("other teacher", "network", 403),
        ("other teacher", "private", 404),  # a private document is not shown to exist
        ("visitor", "public", 302),
    ],
)
def test_only_owners_and_editors_may_keep_a_draft(
    web, make_unit, make_teacher, who, visibility, expected
):
    roles = {role: [make_teacher()] for role in ("editor", "commenter", "viewer")}
    unit = make_unit(visibility=visibility, status="published", collaborators=roles)
    teacher = owner_of(unit) if who == "owner" else roles.get(who, [make_teacher()])[0]
    if who != "visitor":
        web.login(teacher.email, PASSWORD)
    assert web.post(f"/documents/{unit.id}/draft", unit_form()).status_code == expected
    assert len(drafts()) == (1 if expected == 200 else 0)
    discarded = web.post(f"/documents/{unit.id}/draft/discard").status_code
    assert discarded == (302 if expected == 200 else expected)


def test_autosave_without_the_csrf_token_is_refused(web, unit):
    web.login(owner_of(unit).email, PASSWORD)
    assert web.client.post(f"/documents/{unit.id}/draft", data=unit_form()).status_code == 400
    assert drafts() == []


def test_a_draft_over_the_size_limit_is_refused_with_a_message(app, web, unit):
    web.login(owner_of(unit).email, PASSWORD)
    too_long = "x" * (app.config["MAX_MARKDOWN_BYTES"] + 1)
    response = web.post(f"/documents/{unit.id}/draft", unit_form(body=too_long))
    assert response.status_code == 413
    assert "Too long to save as a draft" in response.get_data(as_text=True)
    assert drafts() == []


def test_a_base_revision_of_another_document_counts_as_the_current_one(app, unit, make_unit):
    other = make_unit("Another unit")
    draft = services.save_draft(
        unit, owner_of(unit), {}, base_revision_id=other.current_revision_id
    )
    assert draft.base_revision_id == unit.current_revision_id
    assert not services.is_stale(draft, unit)


def test_a_draft_from_an_older_revision_is_stale(app, unit):
    first = unit.current_revision_id
    documents.save_revision(unit, unit_content("Renamed"), author=owner_of(unit))
    draft = services.save_draft(unit, editor_of(unit), {}, base_revision_id=first)
    assert draft.base_revision_id == first
    assert services.is_stale(draft, unit)
    assert services.load_draft(unit, owner_of(unit)) is None
    assert services.discard_draft(unit, editor_of(unit))
    assert services.load_draft(unit, editor_of(unit)) is None
