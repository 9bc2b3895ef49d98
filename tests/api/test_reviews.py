"""Review data through the API: the badge without reviewers' names, and a double-blind
reviewer who learns nothing of the authors from any endpoint."""

import pytest

from app.extensions import db
from app.reviews.results import complete_if_done
from tests.reviews.rounds import review_round

PASSING = [3, 3, 3]


def strings(value) -> str:
    """Every key and string in a JSON body, one per line."""
    if isinstance(value, dict):
        return "\n".join(f"{key}\n{strings(item)}" for key, item in value.items())
    if isinstance(value, list):
        return "\n".join(strings(item) for item in value)
    return value if isinstance(value, str) else ""


@pytest.fixture
def reviewers(make_teacher, make_municipality):
    return [
        make_teacher("Lena Luleå", municipality=make_municipality("Luleå", slug="lulea")),
        make_teacher("Kalle Kemi", municipality=make_municipality("Kemi", slug="kemi")),
    ]


@pytest.fixture
def author(make_teacher, make_school, make_municipality):
    tornio = make_municipality("Tornio", slug="tornio")
    return make_teacher("Aino Korhonen", school=make_school("Putaan koulu", municipality=tornio))


@pytest.fixture
def reviewed(make_unit, make_lesson, make_rubric, reviewers, author):
    """A public unit whose lesson passed a round by both reviewers, with ``anonymity``."""

    def make(anonymity: str = "reviewer_anonymous"):
        unit = make_unit(
            "Rivers", owner=author, visibility="public", status="published", partners=["tornio"]
        )
        lesson = make_lesson("River water", unit=unit)
        rubric = make_rubric("Lesson plan quality")
        request = review_round(
            lesson,
            rubric,
            dict.fromkeys(reviewers, PASSING),
            requested_by=author,
            anonymity=anonymity,
        )
        complete_if_done(request)
        db.session.commit()
        return unit, lesson

    return make


def test_outcomes_give_the_badge_without_reviewers_names(api, reviewed, reviewers):
    _unit, lesson = reviewed()
    response = api(f"/api/v1/documents/{lesson.id}/outcomes")
    assert response.status_code == 200
    body = response.get_json()
    assert body["peerReviewed"] is True
    review = body["review"]
    assert review["rubric"] == "Lesson plan quality"
    assert review["rubricVersion"] == 1
    assert review["reviewerMunicipalities"] == ["Kemi", "Luleå"]
    assert review["revision"].endswith(f"/revisions/{lesson.current_revision_id}")
    assert review["isCurrent"] is True
    text = strings(body)
    assert "Luleå" in text
    for reviewer in reviewers:
        assert reviewer.name not in text


def test_a_document_without_a_passed_round_has_no_badge(api, make_lesson):
    lesson = make_lesson(visibility="public", status="published")
    body = api(f"/api/v1/documents/{lesson.id}/outcomes").get_json()
    assert body == body | {"peerReviewed": False, "review": None}


def test_a_double_blind_reviewer_reads_no_author_anywhere(api, reviewed, reviewers, author):
    unit, lesson = reviewed("double_blind")
    urls = [
        f"/api/v1/units/{unit.id}",
        f"/api/v1/lessons/{lesson.id}",
        "/api/v1/units",
        "/api/v1/lessons",
        "/api/v1/search?q=River",
        f"/api/v1/documents/{lesson.id}/revisions",
        f"/api/v1/documents/{lesson.id}/revisions/{lesson.current_revision_id}",
        f"/api/v1/documents/{unit.id}/revisions/{unit.current_revision_id}",
        f"/api/v1/documents/{lesson.id}/outcomes",
    ]
    for url in urls:
        response = api(url, as_=reviewers[0])
        assert response.status_code == 200, url
        text = strings(response.get_json())
        for word in (author.name, author.school.name, "Tornio", "tornio"):
            assert word not in text, (url, word)


def test_everyone_else_reads_the_authors(api, reviewed, make_teacher, author):
    unit, _lesson = reviewed("double_blind")
    body = api(f"/api/v1/units/{unit.id}", as_=make_teacher()).get_json()
    assert body["author"] == [
        {
            "@type": "Person",
            "name": "Aino Korhonen",
            "affiliation": {"@type": "School", "name": "Putaan koulu"},
        }
    ]
    revision = api(f"/api/v1/documents/{unit.id}/revisions/{unit.current_revision_id}").get_json()
    assert revision["author"]["name"] == "Aino Korhonen"
    assert revision["fields"]["partners"] == ["tornio"]
