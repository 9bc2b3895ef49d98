"""The partner search finds colleagues of other municipalities by what they chose to show."""

import pytest

from tests.fixtures.network import PASSWORD

ALL = ("subjects", "grades", "languages", "interests")


@pytest.fixture
def places(make_municipality):
    return make_municipality("Tornio"), make_municipality("Haparanda", country="SE")


@pytest.fixture
def searcher(web, make_teacher, places):
    teacher = make_teacher("Aino Searcher", municipality=places[0])
    web.login(teacher.email, PASSWORD)
    return teacher


@pytest.fixture
def showing_interests(make_teacher, places, profile):
    """``showing_interests(name, interests)``: a colleague across the border who shows only them."""

    def make(name, interests):
        teacher = make_teacher(name, municipality=places[1])
        return profile(teacher, shown=("interests",), interests=interests)

    return make


def search(web, **args):
    return web.client.get("/partners", query_string=args)


def test_a_shown_subject_is_found_and_a_hidden_one_is_not(
    web, searcher, places, make_teacher, make_subject, profile
):
    biology = make_subject("biology")
    shows = profile(
        make_teacher("Shows Biology", municipality=places[1]), shown=ALL, subjects=[biology]
    )
    hides = profile(
        make_teacher("Hides Biology", municipality=places[1]),
        shown=("languages", "interests"),
        subjects=[biology],
    )
    page = search(web, subject=biology.id).get_data(as_text=True)
    assert shows.name in page
    assert hides.name not in page


def test_hidden_interests_are_neither_matched_nor_shown(
    web, searcher, places, make_teacher, profile, showing_interests
):
    showing_interests("Open Olli", "Outdoor cooking over fire")
    hidden = profile(
        make_teacher("Quiet Kalle", municipality=places[1]),
        shown=("languages",),
        interests="Outdoor cooking and secret gardens",
    )
    page = search(web, q="outdoor cooking").get_data(as_text=True)
    assert "Open Olli" in page
    assert "Outdoor cooking over fire" in page
    assert hidden.name not in page
    page = search(web, language="fi").get_data(as_text=True)
    assert hidden.name in page
    assert "secret gardens" not in page


def test_every_word_must_appear_in_the_interests(web, searcher, showing_interests):
    showing_interests("Both Words", "Climate and forests")
    showing_interests("One Word", "Climate only")
    page = search(web, q="climate FORESTS").get_data(as_text=True)
    assert "Both Words" in page
    assert "One Word" not in page


def test_words_match_whatever_the_case_of_any_letter(web, searcher, showing_interests):
    showing_interests("Öljyväri Opettaja", "ÖLJYVÄRIT ja Åländsk SLÖJD")
    page = search(web, q="öljyvärit åländsk slöjd").get_data(as_text=True)
    assert "Öljyväri Opettaja" in page


def test_a_percent_sign_is_a_word_not_a_wildcard(web, searcher, showing_interests):
    showing_interests("Anyone", "Music")
    response = search(web, q="%")
    assert response.status_code == 200
    assert "Anyone" not in response.get_data(as_text=True)


def test_grade_and_language_count_only_when_shown(
    web, searcher, places, make_teacher, make_grade, profile
):
    grade7 = make_grade("grade-7")
    profile(
        make_teacher("Shown Grade", municipality=places[1], languages=["sv"]),
        shown=("grades",),
        grades=[grade7],
    )
    profile(
        make_teacher("Shown Swedish", municipality=places[1], languages=["sv"]),
        shown=("languages",),
        grades=[grade7],
    )
    by_grade = search(web, grade=grade7.id).get_data(as_text=True)
    assert "Shown Grade" in by_grade
    assert "Shown Swedish" not in by_grade
    by_language = search(web, language="sv").get_data(as_text=True)
    assert "Shown Swedish" in by_language
    assert "Shown Grade" not in by_language


def test_only_active_colleagues_of_other_municipalities_are_listed(
    web, searcher, places, make_teacher, profile
):
    profile(make_teacher("Neighbour Elsewhere", municipality=places[1]), shown=ALL)
    profile(make_teacher("Colleague At Home", municipality=places[0]), shown=ALL)
    profile(make_teacher("Gone Elsewhere", municipality=places[1], active=False), shown=ALL)
    page = search(web, language="fi").get_data(as_text=True)
    assert "Neighbour Elsewhere" in page
    assert "Colleague At Home" not in page
    assert "Gone Elsewhere" not in page


def test_a_teacher_who_shows_nothing_is_never_found(web, searcher, places, make_teacher):
    make_teacher("Private Pia", municipality=places[1])
    assert "Private Pia" not in search(web, language="fi").get_data(as_text=True)


def test_results_are_paged(web, app, monkeypatch, searcher, places, make_teacher, profile):
    monkeypatch.setitem(app.config, "PAGE_SIZE", 2)
    for name in ("Anna", "Bertil", "Cecilia"):
        profile(make_teacher(name, municipality=places[1]), shown=("languages",))
    first = search(web, language="fi").get_data(as_text=True)
    second = search(web, language="fi", page=2).get_data(as_text=True)
    assert "Anna" in first
    assert "Bertil" in first
    assert "Cecilia" not in first
    assert "Cecilia" in second
    assert "language=fi" in first  # the next page keeps the criteria


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"subject": "chemistry"}, "Choose a subject from the list."),
        ({"subject": "99999"}, "Choose a subject from the list."),
        ({"grade": "-1"}, "Choose a grade from the list."),
        ({"language": "xx"}, "Choose a language from the list."),
    ],
)
def test_a_bad_filter_is_a_400_that_keeps_the_words(web, searcher, args, message):
    response = search(web, q="forests", **args)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    assert 'value="forests"' in page


def test_too_long_words_are_a_400(web, searcher):
    assert search(web, q="x" * 201).status_code == 400


def test_a_page_past_the_end_is_not_found(web, searcher):
    assert search(web, language="fi", page=5).status_code == 404
