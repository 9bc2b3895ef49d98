"""Adapt for my class: provenance, attribution and inherited licence terms."""

import pytest
from sqlalchemy import select

from app.documents import services
from app.documents.adaptation import compatible_licences
from app.documents.models import Document
from app.extensions import db
from tests.fixtures.documents import unit_content
from tests.fixtures.network import PASSWORD


def adapt(web, document):
    return web.post(f"/documents/{document.id}/adapt")


def test_a_reader_adapts_a_unit_with_its_lessons_and_provenance(
    web, make_unit, make_lesson, make_teacher
):
    unit = make_unit(visibility="network", status="published")
    make_lesson("Hand hygiene", unit=unit)
    make_lesson("Allergens", unit=unit)
    reader = make_teacher()
    web.login(reader.email, PASSWORD)
    response = adapt(web, unit)
    assert response.status_code == 302
    copy = db.session.scalar(select(Document).where(Document.source_document_id == unit.id))
    assert copy.source_revision_id == unit.current_revision_id
    assert [(c.teacher_id, c.role) for c in copy.collaborators] == [(reader.id, "owner")]
    assert [lesson.title for lesson in copy.lessons] == ["Hand hygiene", "Allergens"]
    assert all(lesson.source_document.unit_id == unit.id for lesson in copy.lessons)
    assert copy.visibility == "private"
    page = web.client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Adapted from" in page
    assert unit.title in page


def test_the_source_counts_its_adaptations_and_the_copy_sees_later_changes(
    web, make_unit, make_teacher
):
    unit = make_unit(visibility="public", status="published")
    web.login(make_teacher().email, PASSWORD)
    copy_url = adapt(web, unit).headers["Location"]
    assert "Adapted 1 time" in web.client.get(f"/units/{unit.id}").get_data(as_text=True)
    assert "has changed since" not in web.client.get(copy_url).get_data(as_text=True)
    owner = unit.collaborators[0].teacher
    services.save_revision(unit, unit_content("Food safety, second edition"), author=owner)
    db.session.commit()
    assert "has changed since" in web.client.get(copy_url).get_data(as_text=True)


def test_no_derivatives_licence_blocks_adapting_with_an_explanation(web, make_unit, make_teacher):
    unit = make_unit(visibility="public", status="published", licence="CC-BY-ND-4.0")
    web.login(make_teacher().email, PASSWORD)
    page = web.client.get(f"/units/{unit.id}").get_data(as_text=True)
    assert "Adapt for my class" not in page
    assert "does not allow adapted versions" in page
    response = adapt(web, unit)
    assert response.status_code == 403
    assert "does not allow adapted versions" in response.get_data(as_text=True)
    assert db.session.scalar(select(Document).where(Document.source_document_id == unit.id)) is None


def test_nobody_adapts_what_they_cannot_read(web, make_unit, make_teacher):
    unit = make_unit()  # a private draft
    web.login(make_teacher().email, PASSWORD)
    assert adapt(web, unit).status_code == 404


@pytest.mark.parametrize(
    ("source", "allowed"),
    [
        ("CC-BY-SA-4.0", ["CC-BY-SA-4.0"]),
        ("CC-BY-NC-SA-4.0", ["CC-BY-NC-SA-4.0"]),
        ("CC-BY-NC-4.0", ["CC-BY-NC-4.0", "CC-BY-NC-SA-4.0", "CC-BY-NC-ND-4.0"]),
    ],
)
def test_share_alike_and_non_commercial_terms_are_inherited(source, allowed):
    assert compatible_licences(source) == allowed


def test_an_adapted_copy_cannot_drop_share_alike(web, make_unit, make_teacher):
    unit = make_unit(visibility="public", status="published", licence="CC-BY-SA-4.0")
    web.login(make_teacher().email, PASSWORD)
    copy_id = int(adapt(web, unit).headers["Location"].rsplit("/", 1)[1])
    form = {
        "title": "My version",
        "summary": "Mine.",
        "language": "en",
        "languages": ["en"],
        "licence": "CC0-1.0",
    }
    response = web.post(f"/units/{copy_id}/edit", form)
    assert response.status_code == 422
