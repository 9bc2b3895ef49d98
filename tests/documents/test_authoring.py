"""Writing units and lessons through the site."""

from sqlalchemy import select

from app.documents.models import Document, Revision
from app.extensions import db
from tests.fixtures.network import PASSWORD


def unit_form(**overrides):
    return {
        "title": "Sustainable wooden construction",
        "summary": "Timber frames for a cold climate.",
        "language": "sv",
        "languages": ["sv", "fi"],
        "weeks": "4",
        "licence": "CC-BY-4.0",
        "big_idea": "Wood stores carbon **for decades**.",
        "body": "## Week 1\n\nVisit a site.",
        **overrides,
    }


def test_teacher_creates_a_unit_and_becomes_its_owner(web, make_teacher):
    teacher = make_teacher("Emma Johansson")
    web.login(teacher.email, PASSWORD)
    response = web.post("/units/new", unit_form())
    assert response.status_code == 302
    unit = db.session.scalar(select(Document))
    assert unit.kind == "unit"
    assert unit.visibility == "private"
    assert [(c.teacher_id, c.role) for c in unit.collaborators] == [(teacher.id, "owner")]
    page = web.client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Sustainable wooden construction" in page
    assert "<strong>for decades</strong>" in page
    assert "Emma Johansson" in page


def test_new_lesson_form_starts_from_the_template(web, make_teacher):
    web.login(make_teacher().email, PASSWORD)
    page = web.client.get("/lessons/new").get_data(as_text=True)
    assert "## Opening (10 min)" in page
    assert "Students can" in page


def test_a_rejected_unit_keeps_the_text_and_says_what_is_wrong(web, make_teacher):
    web.login(make_teacher().email, PASSWORD)
    response = web.post("/units/new", unit_form(title="", body="My long overview"))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "My long overview" in page
    assert 'href="#title"' in page
    assert db.session.scalar(select(Document)) is None


def test_markdown_over_the_limit_is_refused_with_the_text_kept(app, web, make_teacher):
    web.login(make_teacher().email, PASSWORD)
    too_long = "x" * (app.config["MAX_MARKDOWN_BYTES"] + 1)
    response = web.post("/units/new", unit_form(big_idea=too_long))
    assert response.status_code == 422
    assert "too long" in response.get_data(as_text=True)


def test_unknown_licence_or_subject_is_422(web, make_teacher):
    web.login(make_teacher().email, PASSWORD)
    assert web.post("/units/new", unit_form(licence="MIT")).status_code == 422
    assert web.post("/units/new", unit_form(subjects=["astrology"])).status_code == 422


def test_editing_saves_a_revision_and_an_unchanged_save_makes_none(web, make_unit):
    unit = make_unit()
    owner = unit.collaborators[0].teacher
    web.login(owner.email, PASSWORD)
    form = unit_form(title="Food safety, revised")
    assert web.post(f"/units/{unit.id}/edit", form).status_code == 302
    assert web.post(f"/units/{unit.id}/edit", form).status_code == 302
    revisions = db.session.scalars(select(Revision).where(Revision.document_id == unit.id)).all()
    assert [r.title for r in revisions] == ["Food safety in catering", "Food safety, revised"]
    assert revisions[1].parent_id == revisions[0].id


def test_lessons_are_added_from_the_template_and_kept_in_order(web, make_unit):
    unit = make_unit()
    web.login(unit.collaborators[0].teacher.email, PASSWORD)
    for _ in range(3):
        response = web.post(f"/units/{unit.id}/lessons")
        assert response.status_code == 302
        assert "/edit" in response.headers["Location"]
    lessons = unit.lessons
    assert [lesson.position for lesson in lessons] == [1, 2, 3]
    assert "## Opening (10 min)" in lessons[0].current_revision.body
    web.post(f"/units/{unit.id}/lessons/{lessons[2].id}/move", {"direction": "up"})
    db.session.expire_all()
    order = [lesson.id for lesson in unit.lessons]
    assert order == [lessons[0].id, lessons[2].id, lessons[1].id]
    assert unit.current_revision.fields["lessons"] == order


def test_a_lesson_taken_out_of_its_unit_is_kept_as_a_standalone_lesson(web, make_unit, make_lesson):
    unit = make_unit()
    first, second = make_lesson("First", unit=unit), make_lesson("Second", unit=unit)
    web.login(unit.collaborators[0].teacher.email, PASSWORD)
    assert web.post(f"/units/{unit.id}/lessons/{first.id}/detach").status_code == 302
    db.session.expire_all()
    assert first.unit_id is None
    assert first.current_revision.title == "First"
    assert [c.role for c in first.collaborators] == ["owner"]
    assert second.position == 1


def test_owner_publishes_a_unit_and_its_lessons_follow(web, make_unit, make_lesson):
    unit = make_unit()
    lesson = make_lesson(unit=unit)
    web.login(unit.collaborators[0].teacher.email, PASSWORD)
    response = web.post(
        f"/documents/{unit.id}/access", {"visibility": "public", "status": "published"}
    )
    assert response.status_code == 302
    web.logout()
    assert web.client.get(f"/lessons/{lesson.id}").status_code == 200


def test_unit_page_carries_json_ld_and_the_content_language(client, make_unit):
    unit = make_unit(visibility="public", status="published")
    page = client.get(f"/units/{unit.id}").get_data(as_text=True)
    assert '<script type="application/ld+json">' in page
    assert '"@type": "LearningResource"' in page
    assert '<article class="document" lang="en">' in page


def test_print_view_has_every_lesson_and_the_attribution(client, make_unit, make_lesson):
    unit = make_unit(visibility="public", status="published")
    make_lesson("Hand hygiene", unit=unit)
    make_lesson("Allergens", unit=unit)
    page = client.get(f"/units/{unit.id}/print").get_data(as_text=True)
    assert page.count('class="print-lesson"') == 2
    assert "CC BY-SA 4.0" in page


def test_library_lists_mine_shared_and_public(web, make_unit, make_teacher):
    me = make_teacher()
    mine = make_unit("Mine", owner=me)
    shared = make_unit("Shared", collaborators={"editor": [me]})
    make_unit("Public", visibility="public", status="published")
    make_unit("Someone's private draft")
    web.login(me.email, PASSWORD)
    assert "Mine" in web.client.get("/library?scope=mine").get_data(as_text=True)
    page = web.client.get("/library?scope=shared").get_data(as_text=True)
    assert shared.title in page
    assert mine.title not in page
    public = web.client.get("/library?scope=network").get_data(as_text=True)
    assert "Public" in public
    assert "private draft" not in public
    assert web.client.get("/library?scope=everything").status_code == 400


def test_rerender_refreshes_html_from_an_older_renderer_only(runner, make_unit):
    unit = make_unit()
    revision = unit.current_revision
    revision.rendered = {"body": "<p>stale</p>"}
    revision.rendered_by = "0"
    body_before = revision.body
    db.session.commit()
    result = runner.invoke(args=["content", "rerender"])
    assert "Re-rendered 1 revision" in result.output
    db.session.refresh(revision)
    assert "<h2" in revision.rendered["body"]
    assert revision.body == body_before
    assert "Re-rendered 0 revision" in runner.invoke(args=["content", "rerender"]).output
