"""Rubric pages: reading rubrics and their versions, and writing and revising them in the site."""

import re

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.rubrics.models import Rubric, RubricVersion
from app.rubrics.services import find_rubric
from tests.fixtures.network import PASSWORD
from tests.rubrics.form_data import LEVELS, rubric_form


@pytest.fixture
def admin(web, make_teacher):
    admin = make_teacher(admin=True)
    web.login(admin.email, PASSWORD)
    return admin


def text(response) -> str:
    return response.get_data(as_text=True)


def version_count() -> int:
    return db.session.scalar(select(func.count()).select_from(RubricVersion))


def test_a_visitor_sees_every_rubric_with_purpose_version_and_criteria(client, make_rubric):
    make_rubric("Lesson plan quality", criteria=("Objectives", "Activities"))
    make_rubric("Classroom observation", purpose="observation")
    page = text(client.get("/rubrics"))
    assert "Lesson plan quality" in page
    assert "For: Lesson plans" in page
    assert "For: Lesson observations" in page
    assert "2 criteria" in page
    assert "3 criteria" in page
    assert "Version 1" in page
    assert "New rubric" not in page


def test_the_navigation_links_to_rubrics(client):
    assert 'href="/rubrics"' in text(client.get("/"))


def test_a_rubric_page_shows_criteria_weights_levels_and_threshold(client, make_rubric):
    rubric = make_rubric(
        "Lesson plan quality", criteria=("Objectives", "Safety"), weights=(2, 1.5), threshold=2.5
    )
    page = text(client.get(f"/rubrics/{rubric.slug}"))
    assert re.search(r"<h3[^>]*>Objectives</h3>\s*<p class=\"muted\">Weight 2</p>", page)
    assert "Weight 1.5" in page
    assert '<th scope="row">4</th><td>Exemplary</td>' in page
    assert "a weighted mean score of 2.5 or more" in page
    assert "superseded" not in page


def test_an_older_version_is_marked_superseded_and_links_to_the_current(
    client, make_rubric, make_teacher, web
):
    rubric = make_rubric("Lesson plan quality", criteria=("Objectives",))
    admin = make_teacher(admin=True)
    web.login(admin.email, PASSWORD)
    data = rubric_form("Lesson plan quality", criteria=(("Learning objectives", LEVELS),))
    web.post(f"/rubrics/{rubric.slug}/revise", data | {"base_number": "1"})
    web.logout()

    old = text(client.get(f"/rubrics/{rubric.slug}/versions/1"))
    assert "This is version 1, which has been superseded." in old
    assert f'href="/rubrics/{rubric.slug}">See the current version (2)' in old
    assert "Objectives" in old
    assert "Learning objectives" not in old
    current = text(client.get(f"/rubrics/{rubric.slug}"))
    assert "Learning objectives" in current
    assert f'href="/rubrics/{rubric.slug}/versions/1">Version 1</a>' in current


def test_unknown_rubrics_and_versions_are_not_found(client, make_rubric):
    rubric = make_rubric()
    assert client.get("/rubrics/no-such-rubric").status_code == 404
    assert client.get(f"/rubrics/{rubric.slug}/versions/2").status_code == 404


def test_an_admin_publishes_a_new_rubric_leaving_empty_rows_out(web, admin):
    data = rubric_form(
        "Workshop safety",
        criteria=(("Hazards", LEVELS), ("", (("", ""),) * 4), ("Tidy workplace", LEVELS[:2])),
        slug="workshop-safety",
        purpose="lesson",
        threshold="2,5",
    )
    response = web.post("/rubrics/new", data)
    assert response.status_code == 302
    assert response.headers["Location"] == "/rubrics/workshop-safety"
    version = find_rubric("workshop-safety").current_version
    assert (version.number, version.threshold, version.created_by) == (1, 2.5, admin)
    assert [c.title for c in version.criteria] == ["Hazards", "Tidy workplace"]
    assert [len(c.levels) for c in version.criteria] == [4, 2]


def test_add_a_criterion_shows_one_more_row_and_keeps_what_was_typed(web, admin):
    data = rubric_form("Workshop safety, draft", slug="workshop-safety", purpose="unit")
    response = web.post("/rubrics/new", data | {"add_criterion": "Add a criterion"})
    page = text(response)
    assert response.status_code == 200
    assert 'id="criteria-1"' in page
    assert 'id="criteria-2"' not in page
    assert 'value="Workshop safety, draft"' in page
    assert "Every hazard is named with a precaution." in page
    assert '<option selected value="unit">' in page
    assert db.session.scalar(select(func.count()).select_from(Rubric)) == 0


def test_add_a_level_shows_one_more_level_in_that_criterion(web, admin):
    data = rubric_form(slug="workshop-safety", purpose="lesson")
    page = text(web.post("/rubrics/new", data | {"criteria-0-add_level": "Add a level"}))
    assert 'name="criteria-0-levels-4-score"' in page
    assert 'name="criteria-0-levels-5-score"' not in page
    assert "Students write the risk assessment themselves." in page


def test_revising_starts_from_the_current_version(web, admin, make_rubric):
    rubric = make_rubric("Lesson plan quality", criteria=("Objectives", "Activities"))
    page = text(web.client.get(f"/rubrics/{rubric.slug}/revise"))
    assert 'value="Lesson plan quality"' in page
    assert 'name="criteria-1-title" type="text" value="Activities"' in page
    assert 'name="criteria-0-levels-3-score" type="text" value="4"' in page
    assert 'name="base_number" type="hidden" value="1"' in page


def test_revising_publishes_the_next_version(web, admin, make_rubric):
    rubric = make_rubric("Lesson plan quality")
    data = rubric_form("Lesson plan quality", change_note="One criterion is enough.")
    response = web.post(f"/rubrics/{rubric.slug}/revise", data | {"base_number": "1"})
    assert response.status_code == 302
    db.session.expire_all()
    current = find_rubric(rubric.slug).current_version
    assert (current.number, current.change_note) == (2, "One criterion is enough.")
    assert [c.title for c in current.criteria] == ["Hazards"]
    page = text(web.client.get(f"/rubrics/{rubric.slug}"))
    assert "One criterion is enough." in page


def test_a_revision_from_an_older_version_keeps_the_text_and_says_so(web, admin, make_rubric):
    rubric = make_rubric("Lesson plan quality")
    web.post(f"/rubrics/{rubric.slug}/revise", rubric_form(base_number="1"))
    stale = rubric_form("My careful revision", base_number="1")
    response = web.post(f"/rubrics/{rubric.slug}/revise", stale)
    page = text(response)
    assert response.status_code == 409
    assert "Version 2 was published while you were revising." in page
    assert 'value="My careful revision"' in page
    assert 'name="base_number" type="hidden" value="2"' in page
    assert version_count() == 2


BROKEN = {
    "criteria-0-levels-2-score": "2",
    "criteria-0-levels-3-descriptor": "",
    "criteria-0-weight": "heavy",
    "threshold": "9",
}


def test_bad_input_is_explained_beside_each_field_and_every_text_is_kept(web, admin):
    data = rubric_form("Workshop safety", slug="workshop-safety", purpose="lesson") | BROKEN
    data |= {"criteria-1-description": "Only a description, no title."}
    response = web.post("/rubrics/new", data)
    page = text(response)
    assert response.status_code == 422
    assert re.search(
        r'id="criteria-0-levels-2-score-error">.*Give a higher score than the level before \(2\)',
        page,
    )
    assert re.search(r'id="criteria-0-levels-3-descriptor-error">.*Describe this level', page)
    assert re.search(r'id="criteria-0-weight-error">.*Enter a number, such as 3 or 2.5', page)
    assert re.search(r'id="criteria-1-title-error">.*Enter a title', page)
    assert "Criterion 2, Title: Enter a title." in page  # the summary at the top
    assert 'value="heavy"' in page
    assert "Only a description, no title." in page
    assert "Every hazard is named with a precaution." in page
    assert 'value="9"' in page
    assert version_count() == 0


def test_a_threshold_out_of_reach_is_refused(web, admin):
    data = rubric_form(slug="workshop-safety", purpose="lesson", threshold="4.5")
    page = text(web.post("/rubrics/new", data))
    assert "Set the threshold above 1 and at most 4" in page


def test_a_short_name_in_use_is_refused_beside_it(web, admin, make_rubric):
    rubric = make_rubric()
    response = web.post("/rubrics/new", rubric_form(slug=rubric.slug, purpose="lesson"))
    assert response.status_code == 422
    assert re.search(
        r'id="slug-error">.*Another rubric already uses this short name', text(response)
    )


def test_a_rubric_without_criteria_is_refused(web, admin):
    data = {"name": "Empty", "language": "en", "threshold": "3"}
    response = web.post("/rubrics/new", data | {"slug": "empty", "purpose": "lesson"})
    assert response.status_code == 422
    assert "Give from 1 to 20 criteria." in text(response)
