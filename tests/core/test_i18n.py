"""The interface language: profile first, then a visitor's choice, then the browser."""

import pytest

from tests.fixtures.network import PASSWORD


@pytest.mark.parametrize(
    ("accept", "lang"), [("fi-FI,fi;q=0.9", "fi"), ("sv-SE,sv", "sv"), ("de-DE", "en"), ("", "en")]
)
def test_visitor_gets_the_browsers_language(client, accept, lang):
    page = client.get("/", headers={"Accept-Language": accept}).get_data(as_text=True)
    assert f'<html lang="{lang}">' in page


def test_teachers_profile_language_wins_over_the_browser(web, make_teacher):
    teacher = make_teacher()
    teacher.ui_language = "sv"
    web.login(teacher.email, PASSWORD)
    page = web.client.get("/", headers={"Accept-Language": "fi"}).get_data(as_text=True)
    assert '<html lang="sv">' in page


def test_visitor_switches_language_from_the_footer(web):
    response = web.post("/language", {"language": "fi", "next": "/municipalities"})
    assert response.headers["Location"] == "/municipalities"
    page = web.client.get("/", headers={"Accept-Language": "sv"}).get_data(as_text=True)
    assert '<html lang="fi">' in page


def test_language_switch_stays_on_this_site(web):
    response = web.post("/language", {"language": "fi", "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"
