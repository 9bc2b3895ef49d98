"""The dashboard page, its year filter, its CSV files and the links to it."""

import csv
import io

import pytest

from app.dashboard.export import defused
from app.network.school_years import SchoolYear


def csv_rows(response) -> list[list[str]]:
    data = response.get_data()
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_dashboard_shows_the_chosen_years_tables_without_anonymous_reviewers(web, scene):
    web.login(scene.kaisa.email)

    page = web.client.get("/municipalities/tornio/dashboard?year=2024-25").get_data(as_text=True)

    assert "<caption>Joint units worked on in the year</caption>" in page
    assert "Winter light" in page
    assert "Haparanda, Luleå" in page
    assert "Reviewer 2" in page
    assert "Rasmus Granberg" not in page
    assert "Stina Lindqvist" not in page
    assert '<option value="2024-25" selected>' in page


def test_the_year_select_runs_from_the_first_contribution_to_the_current_year(web, scene):
    web.login(scene.kaisa.email)

    page = web.client.get("/municipalities/tornio/dashboard").get_data(as_text=True)

    current = SchoolYear.current()
    assert f'<option value="{current.slug}" selected>' in page
    assert '<option value="2022-23"' in page
    assert '<option value="2021-22"' not in page


def test_each_table_links_to_its_csv_for_the_same_year(web, scene):
    web.login(scene.kaisa.email)

    page = web.client.get("/municipalities/tornio/dashboard?year=2024-25").get_data(as_text=True)

    assert 'href="/municipalities/tornio/dashboard/reviews-received.csv?year=2024-25"' in page
    assert page.count(".csv?year=2024-25") == 10


def test_the_csv_is_named_for_the_municipality_year_and_table(web, scene):
    web.login(scene.kaisa.email)

    response = web.client.get(
        "/municipalities/tornio/dashboard/reviews-received.csv?year=2024\N{EN DASH}25"
    )

    assert response.headers["Content-Disposition"] == (
        'attachment; filename="tornio-2024-25-reviews-received.csv"'
    )
    assert response.mimetype == "text/csv"
    assert csv_rows(response) == [
        ["Under review", "Reviewer", "Reviewer's municipality", "Submitted on", "On time"],
        ["Hand hygiene", "Reviewer 1", "Haparanda", "2024-11-05", "Yes"],
        ["Hand hygiene", "Reviewer 2", "Luleå", "2024-11-25", "No"],
    ]


def test_csv_numbers_match_the_table(web, scene):
    web.login(scene.kaisa.email)

    response = web.client.get("/municipalities/tornio/dashboard/joint-units.csv?year=2024-25")

    assert csv_rows(response)[1:] == [
        ["Food safety", "Haparanda", "3"],
        ["Winter light", "Haparanda, Luleå", "3"],
    ]


def test_a_title_a_spreadsheet_would_run_as_a_formula_is_written_as_text(
    web, make_municipality, make_teacher, make_unit
):
    tornio = make_municipality("Tornio", slug="tornio")
    coordinator = make_teacher(municipality=tornio, coordinator=True)
    make_unit(
        '=HYPERLINK("http://evil.example","Click")',
        owner=make_teacher(municipality=tornio),
        collaborators={"editor": [make_teacher()]},
        visibility="network",
        status="published",
    )
    web.login(coordinator.email)

    rows = csv_rows(web.client.get("/municipalities/tornio/dashboard/joint-units.csv"))

    assert rows[1][0] == '\'=HYPERLINK("http://evil.example","Click")'


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx"])
def test_formula_starts_are_defused(text):
    assert defused(text) == "'" + text


def test_plain_text_is_left_alone():
    assert defused("Food safety, week 2") == "Food safety, week 2"


def test_the_municipality_page_and_account_menu_link_coordinators_to_the_dashboard(
    web, make_municipality, make_teacher
):
    tornio = make_municipality("Tornio", slug="tornio")
    web.login(make_teacher(municipality=tornio, coordinator=True).email)

    page = web.client.get("/municipalities/tornio").get_data(as_text=True)

    assert page.count('href="/municipalities/tornio/dashboard"') == 2


def test_a_teacher_sees_no_dashboard_link(web, make_municipality, make_teacher):
    tornio = make_municipality("Tornio", slug="tornio")
    web.login(make_teacher(municipality=tornio).email)

    page = web.client.get("/municipalities/tornio").get_data(as_text=True)

    assert "/dashboard" not in page
