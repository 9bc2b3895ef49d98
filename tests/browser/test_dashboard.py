import csv

from playwright.sync_api import Page, expect

from tests.browser.conftest import account_nav
from tests.dashboard.scene import build_scene


def test_coordinator_filters_a_year_and_downloads_a_table(
    page: Page,
    live_server,
    assert_page_ok,
    sign_in,
    make_municipality,
    make_school,
    make_teacher,
    make_rubric,
):
    scene = build_scene(make_municipality, make_school, make_teacher, make_rubric)
    sign_in(page, scene.kaisa)

    account_nav(page).get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dashboard of Tornio")
    assert_page_ok(page)
    page.get_by_label("School year").select_option("2024-25")
    page.get_by_role("button", name="Show").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Dashboard of Tornio, 2024\N{EN DASH}25"
    )
    joint = page.get_by_role("table", name="Joint units worked on in the year")
    expect(joint.get_by_role("row")).to_have_count(3)
    expect(joint).to_contain_text("Haparanda, Luleå")
    assert_page_ok(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download “Joint units worked on in the year” as CSV").click()
    download = download_info.value
    assert download.suggested_filename == "tornio-2024-25-joint-units.csv"
    with open(download.path(), encoding="utf-8-sig", newline="") as saved:
        rows = list(csv.reader(saved))
    assert rows == [
        ["Unit", "Partner municipalities", "Revisions in the year"],
        ["Food safety", "Haparanda", "3"],
        ["Winter light", "Haparanda, Luleå", "3"],
    ]

    page.get_by_role("link", name="Annual report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Annual report of Tornio, 2024\N{EN DASH}25"
    )
    expect(page.get_by_role("img", name="Reviews given per municipality")).to_be_visible()
    assert_page_ok(page)
