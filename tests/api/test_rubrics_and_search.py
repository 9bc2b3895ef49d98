"""Rubrics, which everyone reads, and search, which answers as the search page does."""

import pytest

from app.extensions import db
from app.rubrics import services


def test_rubrics_are_listed_by_name_for_everyone(client, make_rubric):
    make_rubric("Unit quality", purpose="unit")
    make_rubric("Lesson plan quality")
    body = client.get("/api/v1/rubrics").get_json()
    assert [item["name"] for item in body["items"]] == ["Lesson plan quality", "Unit quality"]
    assert body["items"][0]["version"] == 1
    assert body["total"] == 2


def test_a_rubric_has_its_criteria_and_levels(client, make_rubric):
    rubric = make_rubric("Lesson plan quality", criteria=("Objectives", "Activities"))
    body = client.get(f"/api/v1/rubrics/{rubric.slug}").get_json()
    assert body["name"] == "Lesson plan quality"
    assert body["isCurrent"] is True
    assert body["threshold"] == 3.0
    assert [c["name"] for c in body["criteria"]] == ["Objectives", "Activities"]
    assert body["criteria"][0]["levels"][0] == {"score": 1, "descriptor": "Beginning"}
    assert len(body["criteria"][0]["levels"]) == 4


def test_an_older_version_stays_readable(client, make_rubric, make_teacher):
    rubric = make_rubric("Lesson plan quality", criteria=("Objectives",))
    draft = services.draft_of(rubric.current_version)
    services.publish_version(
        rubric, draft, actor=make_teacher(admin=True), change_note="Clearer", base_number=1
    )
    db.session.commit()
    old = client.get(f"/api/v1/rubrics/{rubric.slug}/versions/1").get_json()
    assert (old["version"], old["isCurrent"]) == (1, False)
    assert client.get(f"/api/v1/rubrics/{rubric.slug}").get_json()["version"] == 2


@pytest.mark.parametrize("url", ["/api/v1/rubrics/no-such", "/api/v1/rubrics/{slug}/versions/9"])
def test_a_missing_rubric_or_version_is_404(client, make_rubric, url):
    rubric = make_rubric()
    response = client.get(url.format(slug=rubric.slug))
    assert response.status_code == 404
    assert response.is_json


@pytest.mark.search
def test_search_finds_and_marks_words(client, public_lesson):
    public_lesson("Bread baking", "Knead the dough until it is smooth.")
    public_lesson("Yeast cells", "Yeast makes bread rise.")
    body = client.get("/api/v1/search?q=dough").get_json()
    assert [item["name"] for item in body["items"]] == ["Bread baking"]
    assert "<mark>dough</mark>" in body["items"][0]["snippet"]
    assert body["query"] == "dough"
    assert "facets" not in body


@pytest.mark.search
def test_search_filters_and_counts_facets_as_the_page_does(client, library):
    body = client.get("/api/v1/search?q=dough&language=en&facets=1").get_json()
    assert {item["name"] for item in body["items"]} == {"Bread baking", "Yeast cells"}
    assert body["filters"] == {"language": ["en"]}
    assert body["facets"]["language"] == {"en": 2}
    grades = body["facets"]["grades"]
    assert (grades["7"], grades["8"]) == (2, 1)


@pytest.mark.search
def test_search_never_shows_or_counts_a_private_lesson(client, api, library):
    body = client.get("/api/v1/search?q=dough&facets=1").get_json()
    assert "Secret dough" not in {item["name"] for item in body["items"]}
    assert body["total"] == 2
    owned = api("/api/v1/search?q=secret", as_=library["private_owner"]).get_json()
    assert [item["name"] for item in owned["items"]] == ["Secret dough"]


@pytest.mark.parametrize(
    "query",
    ["sort=oldest", "language=xx", "page=1001", "q=%22", "facets=yes", "per_page=500"],
)
def test_bad_search_parameters_are_400_with_a_message(client, query):
    response = client.get(f"/api/v1/search?{query}")
    assert response.status_code == 400, query
    assert response.get_json()["message"]
