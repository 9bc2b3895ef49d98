"""Paging, bad parameters, methods and addresses under /api/: JSON answers, never a page;
and reading a longer page costs no more queries."""

import pytest

from tests.queries import queries_for


@pytest.fixture
def lessons(make_lesson, make_teacher):
    """``lessons(n)``: n public lessons of one teacher, the last made first in lists."""

    def make(count: int):
        owner = make_teacher()
        return [
            make_lesson(f"Lesson {n}", owner=owner, visibility="public", status="published")
            for n in range(1, count + 1)
        ]

    return make


def test_a_page_links_to_its_neighbours(client, lessons):
    lessons(5)
    body = client.get("/api/v1/lessons?per_page=2&page=2").get_json()
    assert [item["name"] for item in body["items"]] == ["Lesson 3", "Lesson 2"]
    assert (body["page"], body["per_page"], body["total"]) == (2, 2, 5)
    assert body["next"] == "http://localhost/api/v1/lessons?per_page=2&page=3"
    assert body["prev"] == "http://localhost/api/v1/lessons?per_page=2&page=1"
    last = client.get(body["next"]).get_json()
    assert [item["name"] for item in last["items"]] == ["Lesson 1"]
    assert last["next"] is None


def test_an_empty_list_is_one_empty_page(client):
    body = client.get("/api/v1/units").get_json()
    assert body == {"items": [], "page": 1, "per_page": 25, "total": 0, "next": None, "prev": None}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("page=0", "page must be a whole number from 1."),
        ("page=two", "page must be a whole number from 1."),
        ("page=-1", "page must be a whole number from 1."),
        ("per_page=0", "per_page must be a whole number from 1."),
        ("per_page=101", "per_page can be at most 100."),
        ("per_page=99999999999999999999999", "per_page can be at most 100."),
    ],
)
def test_bad_paging_is_400_with_a_message(client, query, message):
    response = client.get(f"/api/v1/units?{query}")
    assert response.status_code == 400
    assert response.get_json() == {"error": "bad_request", "message": message}


@pytest.mark.parametrize("page", ["3", "10000", "99999999999999999999"])
def test_a_page_past_the_end_is_404(client, lessons, page):
    lessons(2)
    response = client.get(f"/api/v1/lessons?per_page=1&page={page}")
    assert response.status_code == 404
    assert response.get_json()["error"] == "not_found"


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_the_api_only_reads(client, method):
    response = client.open("/api/v1/units", method=method)
    assert response.status_code == 405
    assert response.get_json()["error"] == "method_not_allowed"
    assert "GET" in response.headers["Allow"]


def test_an_unknown_address_under_the_api_is_json(client):
    for url in ("/api/v1/nothing", "/api/v2/units", "/api/v1/units/99999999999"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.is_json


def test_the_site_keeps_its_own_error_pages(client):
    response = client.get("/nothing-here")
    assert response.status_code == 404
    assert response.mimetype == "text/html"


def test_the_index_lists_the_endpoints(client):
    body = client.get("/api/v1/").get_json()
    assert body["endpoints"]["units"] == "http://localhost/api/v1/units"
    assert body["endpoints"]["revision"].endswith("/documents/{id}/revisions/{revision_id}")
    assert body["authenticated"] is False


def test_a_lesson_speaks_json_ld(client, make_unit, make_lesson, make_subject):
    make_subject("history")
    unit = make_unit(visibility="public", status="published", subjects=["history"], grades=["7"])
    lesson = make_lesson("River water", unit=unit)
    body = client.get(f"/api/v1/lessons/{lesson.id}").get_json()
    assert body["@type"] == "LearningResource"
    assert body["@id"] == f"http://localhost/api/v1/lessons/{lesson.id}"
    assert body["url"] == f"http://localhost/lessons/{lesson.id}"
    assert body["isPartOf"] == f"http://localhost/api/v1/units/{unit.id}"
    assert (body["name"], body["inLanguage"], body["timeRequired"]) == (
        "River water",
        "fi",
        "PT90M",
    )
    assert body["license"] == "https://creativecommons.org/licenses/by-sa/4.0/"
    unit_body = client.get(f"/api/v1/units/{unit.id}").get_json()
    assert unit_body["about"] == ["History"]
    assert unit_body["educationalLevel"] == ["7"]
    assert [part["name"] for part in unit_body["hasPart"]] == ["River water"]


def test_a_revision_has_its_markdown_html_and_text(client, make_lesson):
    lesson = make_lesson(visibility="public", status="published")
    body = client.get(
        f"/api/v1/documents/{lesson.id}/revisions/{lesson.current_revision_id}"
    ).get_json()
    assert body["version"] == 1
    assert body["body"] == "## Opening (10 min)\n\nShow the glitter test."
    assert body["fields"]["objectives"] == "- Students can wash their hands properly"
    assert "<li>Students can wash their hands properly</li>" in body["html"]["objectives"]
    assert "Show the glitter test." in body["text"]


def test_a_revision_of_another_document_is_not_found(client, make_lesson):
    one = make_lesson(visibility="public", status="published")
    other = make_lesson(visibility="public", status="published")
    url = f"/api/v1/documents/{one.id}/revisions/{other.current_revision_id}"
    assert client.get(url).status_code == 404


def settled_queries(client, url: str) -> int:
    """Queries of reading ``url`` once the last saves are indexed (the first search after a
    save indexes it)."""
    client.get(url)
    return queries_for(client, url)


@pytest.mark.parametrize("url", ["/api/v1/lessons", "/api/v1/search"])
def test_queries_do_not_grow_with_the_page(client, lessons, url):
    lessons(2)
    few = settled_queries(client, f"{url}?per_page=2")
    lessons(8)
    assert settled_queries(client, f"{url}?per_page=10") == few
