import re

import pytest
from playwright.sync_api import Page, expect

from tests.fixtures.search import publish

#: Public, network and private lessons about dough (tests/search/test_page.py).
pytestmark = pytest.mark.usefixtures("library")


def results(page: Page):
    return page.get_by_role("list", name="Search results").get_by_role("heading", level=3)


def test_visitor_narrows_by_two_facets_opens_a_result_and_comes_back_to_them(
    page: Page,
    live_server,
    assert_page_ok,
    make_lesson,
):
    publish(make_lesson, "Dough science", "Why dough rises.", subjects=["chemistry"], grades=["8"])
    page.goto(f"{live_server}/search")
    page.get_by_label("Search for").fill("dough")
    page.get_by_role("main").get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="results")).to_have_text("3 results")
    assert_page_ok(page)

    page.get_by_label("Biology").check()
    expect(page).to_have_url(re.compile(r"subjects=biology"))
    expect(results(page)).to_have_count(2)
    page.get_by_label("Grade 8").check()
    expect(page).to_have_url(re.compile(r"subjects=biology.*grades=8|grades=8.*subjects=biology"))
    expect(results(page)).to_have_text(["Yeast cells"])
    expect(page.get_by_role("status").filter(has_text="result")).to_have_text("1 result")

    page.get_by_role("link", name="Yeast cells").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Yeast cells")
    page.go_back()

    expect(page.get_by_label("Biology")).to_be_checked()
    expect(page.get_by_label("Grade 8")).to_be_checked()
    expect(page.get_by_label("Search for")).to_have_value("dough")
    expect(results(page)).to_have_text(["Yeast cells"])
    assert_page_ok(page)


def test_a_search_with_no_results_says_what_to_try(
    page: Page,
    live_server,
    assert_page_ok,
):
    page.goto(f"{live_server}/library?scope=public")
    page.get_by_role("search").get_by_label("Search units and lessons").fill("zebras")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    expect(page.get_by_text("Nothing matches this search.")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="results")).to_have_text("0 results")
    assert_page_ok(page)


def test_a_rejected_search_explains_itself_in_place(page: Page, live_server):
    page.goto(f"{live_server}/search?q=dough")
    page.get_by_label("Search for").fill("a*")
    page.get_by_label("Search for").press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Put at least two letters before a *.")
    expect(page.get_by_label("Search for")).to_have_value("a*")
    expect(page.get_by_role("list", name="Search results")).to_have_count(0)


def test_the_page_of_a_rejected_search_is_accessible(page: Page, live_server, assert_page_ok):
    page.goto(f"{live_server}/search?q=a*")
    expect(page.get_by_role("alert")).to_contain_text("Put at least two letters before a *.")
    assert_page_ok(page)
