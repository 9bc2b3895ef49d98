"""The search page: what each reader finds and counts, filters, sorting, paging, htmx, bad input."""

import re
from html import unescape

import pytest

from tests.fixtures.network import PASSWORD
from tests.fixtures.search import publish

RESULT_TITLE = re.compile(r'<li class="result">\s*<h3><a href="[^"]+">([^<]*)</a>')


def titles(response) -> list[str]:
    return [unescape(t) for t in RESULT_TITLE.findall(response.get_data(as_text=True))]


def facet_count(response, label: str) -> int | None:
    """The count beside a facet value's label, None when the value is not offered."""
    pattern = rf'>{re.escape(label)} <span class="facet__count">\((\d+)\)</span>'
    match = re.search(pattern, response.get_data(as_text=True))
    return int(match.group(1)) if match else None


def sign_in_as(web, make_teacher, library, role: str) -> None:
    teacher = {
        "visitor": None,
        "teacher": make_teacher(),
        "owner": library["private_owner"],
        "admin": make_teacher(admin=True),
    }[role]
    if teacher:
        web.login(teacher.email, PASSWORD)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("visitor", {"Bread baking", "Yeast cells"}),
        ("teacher", {"Bread baking", "Yeast cells", "Taikina"}),
        ("owner", {"Bread baking", "Yeast cells", "Taikina", "Secret dough"}),
        ("admin", {"Bread baking", "Yeast cells", "Taikina", "Secret dough"}),
    ],
)
def test_each_reader_finds_only_what_they_may_read(web, make_teacher, library, role, expected):
    sign_in_as(web, make_teacher, library, role)
    response = web.client.get("/search?q=dough")
    assert response.status_code == 200
    assert set(titles(response)) == expected
    assert f"{len(expected)} results" in response.get_data(as_text=True)


@pytest.mark.parametrize(("role", "finnish"), [("visitor", None), ("teacher", 1), ("owner", 1)])
def test_facet_counts_leave_out_what_the_reader_may_not_read(
    web, make_teacher, library, role, finnish
):
    sign_in_as(web, make_teacher, library, role)
    response = web.client.get("/search?q=dough")
    assert facet_count(response, "Finnish") == finnish
    assert facet_count(response, "English") == (3 if role == "owner" else 2)


def test_a_lesson_for_two_grades_counts_under_both(client, library):
    response = client.get("/search?q=dough")
    assert facet_count(response, "Grade 7") == 2
    assert facet_count(response, "Grade 8") == 1
    assert facet_count(response, "Biology") == 2
    assert facet_count(response, "Chemistry") == 1
    assert facet_count(response, "Tornio") == 1
    assert facet_count(response, "Lesson plan") == 2
    assert facet_count(response, "Up to 45 min") == 2
    assert facet_count(response, "CC BY 4.0") == 2


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("/search?q=dough&subjects=biology", ["Bread baking", "Yeast cells"]),
        ("/search?q=dough&subjects=biology&grades=8", ["Yeast cells"]),
        ("/search?q=dough&grades=7&municipalities=tornio", ["Bread baking"]),
        (
            "/search?subjects=chemistry&subjects=biology&kind=lesson",
            ["Bread baking", "Yeast cells"],
        ),
        ("/search?q=dough&language=en&duration=90", []),
        ("/search?q=dough&licence=CC-BY-4.0&peer_reviewed=no", ["Bread baking", "Yeast cells"]),
    ],
)
def test_filters_combine(client, library, address, expected):
    response = client.get(address)
    assert response.status_code == 200
    assert sorted(titles(response)) == expected


def test_chosen_filters_stay_checked_and_can_be_removed(client, library):
    page = client.get("/search?q=dough&subjects=biology&grades=8").get_data(as_text=True)
    assert re.search(r'name="subjects" value="biology" checked', page)
    assert re.search(r'name="grades" value="8" checked', page)
    assert not re.search(r'name="grades" value="7" checked', page)
    removal = re.search(r'<a href="([^"]+)">Remove Grade: Grade 8</a>', page)
    assert removal
    assert sorted(titles(client.get(unescape(removal.group(1))))) == [
        "Bread baking",
        "Yeast cells",
    ]


def test_browsing_without_a_query_lists_everything_readable_newest_first(client, library):
    response = client.get("/search")
    assert response.status_code == 200
    assert titles(response) == ["Yeast cells", "Bread baking"]
    assert facet_count(response, "English") == 2


def test_relevance_puts_a_title_match_first_and_newest_the_latest(client, make_lesson):
    publish(make_lesson, "Sourdough starter", "Feed it flour.")
    publish(make_lesson, "Baking day", "Sourdough, sourdough and sourdough bread.")
    assert titles(client.get("/search?q=sourdough")) == ["Sourdough starter", "Baking day"]
    newest = client.get("/search?q=sourdough&sort=newest")
    assert titles(newest) == ["Baking day", "Sourdough starter"]
    assert re.search(r'<option value="newest" selected>', newest.get_data(as_text=True))
    assert client.get("/search?q=sourdough&sort=reviewed").status_code == 200


def test_results_come_a_page_at_a_time_with_the_filters_in_the_links(app, client, make_lesson):
    app.config["SEARCH_PAGE_SIZE"] = 2
    for number in range(5):
        publish(make_lesson, f"Soup {number}", "Soup for everyone.", language="en")
    first = client.get("/search?q=soup&language=en")
    assert len(titles(first)) == 2
    assert "5 results" in first.get_data(as_text=True)
    next_link = re.search(r'<a href="([^"]+)" rel="next">', first.get_data(as_text=True))
    assert next_link
    address = unescape(next_link.group(1))
    assert "page=2" in address
    assert "language=en" in address
    assert "q=soup" in address
    assert len(titles(client.get("/search?q=soup&language=en&page=3"))) == 1
    assert set(titles(first)).isdisjoint(titles(client.get(address)))


def test_a_misspelt_search_offers_the_word_the_reader_may_find(client, library):
    page = client.get("/search?q=doughh&subjects=biology").get_data(as_text=True)
    assert "Nothing matches this search." in page
    link = re.search(r'Did you mean <a href="([^"]+)">dough</a>\?', page)
    assert link
    address = unescape(link.group(1))
    assert "q=dough&" in address
    assert "subjects=biology" in address


def test_snippets_mark_the_words_and_never_carry_the_documents_html(client, make_lesson):
    publish(make_lesson, "Markup", "Knead the <script>alert(1)</script> dough well.")
    page = client.get("/search?q=dough").get_data(as_text=True)
    assert "<mark>dough</mark>" in page
    assert "<script>alert" not in page


def test_htmx_gets_the_results_region_and_the_count_to_announce(client, library):
    response = client.get("/search?q=dough&subjects=chemistry", headers={"HX-Request": "true"})
    page = response.get_data(as_text=True)
    assert "<html" not in page
    assert titles(response) == ["Yeast cells"]
    assert re.search(r'id="search-status" hx-swap-oob="innerHTML">\s*1 result\s*<', page)
    assert "HX-Request" in response.headers["Vary"]


def test_htmx_restoring_history_gets_the_whole_page(client, library):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    page = client.get("/search?q=dough", headers=headers).get_data(as_text=True)
    assert "<html" in page
    assert 'hx-push-url="true"' in page


def test_every_page_has_a_search_box_but_the_search_page_has_one(client, library):
    assert 'id="site-search-q"' in client.get("/library?scope=public").get_data(as_text=True)
    assert 'id="site-search-q"' not in client.get("/search").get_data(as_text=True)


BAD_QUERIES = [
    ({"q": '"unbalanced'}, None),
    ({"q": "AND"}, "Type at least one word"),
    ({"q": "OR"}, "Type at least one word"),
    ({"q": "-"}, "Type at least one word"),
    ({"q": "*"}, "Type at least one word"),
    ({"q": "**"}, "Type at least one word"),
    ({"q": "a*"}, "at least two letters before a *"),
    ({"q": "dough " * 1700}, "Search for at most 500 characters"),
    ({"q": "\u0000\u202e odd"}, None),
    ({"q": "🍞 dough"}, None),
    ({"q": "taikina\u0308 cafe\u0301"}, None),
    ({"q": "dough", "sort": "bogus"}, "sorted by relevance, newest or most reviewed"),
    ({"q": "dough", "page": "0"}, "whole number from 1"),
    ({"q": "dough", "page": "abc"}, "whole number from 1"),
    ({"q": "dough", "page": "99999"}, "whole number from 1"),
    ({"q": "dough", "page": "5"}, "There is only 1 page of results."),
    ({"q": "dough", "subjects": "astrology"}, "Subject: there is no “astrology” to filter by."),
    ({"q": "dough", "kind": "video"}, "Type: there is no “video” to filter by."),
]


@pytest.mark.parametrize(("args", "message"), BAD_QUERIES, ids=lambda v: repr(v)[:30])
def test_bad_searches_get_a_message_or_results_never_a_500(client, library, args, message):
    response = client.get("/search", query_string=args)
    page = response.get_data(as_text=True)
    if message is None:
        assert response.status_code in (200, 400)
    else:
        assert response.status_code == 400
        assert message in unescape(page)
    assert "<h1>Search units and lessons</h1>" in page


def test_a_rejected_query_stays_in_the_box_with_the_filters(client, library):
    response = client.get("/search?q=a*&subjects=biology&sort=newest")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'name="q" value="a*"' in page
    assert '<input type="hidden" name="subjects" value="biology">' in page
    assert '<input type="hidden" name="sort" value="newest">' in page


def test_control_characters_are_dropped_from_the_query(client, library):
    response = client.get("/search", query_string={"q": "\u0000\u202edough"})
    assert response.status_code == 200
    assert 'name="q" value="dough"' in response.get_data(as_text=True)
    assert len(titles(response)) == 2
