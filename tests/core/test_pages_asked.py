"""A page number no list reaches, typed into the address of any paged list, is a page that is
not there (404) or the list's empty last page, never a database error."""

import pytest

from tests.fixtures.network import PASSWORD

HUGE = "9" * 25


@pytest.fixture
def lists(make_teacher, make_unit, make_lesson):
    """The paged lists a signed-in teacher reaches: (address, what its first page shows)."""
    teacher = make_teacher("Aino Paged")
    unit = make_unit("Paged unit", owner=teacher, visibility="public", status="published")
    lesson = make_lesson("Paged lesson", unit=unit, owner=teacher)
    municipality = teacher.school.municipality
    return teacher, [
        ("/library", "Paged unit"),
        ("/favourites", None),
        ("/collections", None),
        (f"/municipalities/{municipality.slug}/teachers", "Aino Paged"),
        (f"/documents/{lesson.id}/history", "Paged lesson"),
        (f"/units/{unit.id}/snapshots", "Paged unit"),
        ("/notifications", None),
    ]


def test_a_page_beyond_every_list_is_not_an_error(web, lists):
    teacher, addresses = lists
    web.login(teacher.email, PASSWORD)
    for address, shown in addresses:
        first = web.client.get(address)
        assert first.status_code == 200, address
        if shown:
            assert shown in first.get_data(as_text=True), address
        for page in (HUGE, "-3", "x"):
            response = web.client.get(f"{address}?page={page}")
            assert response.status_code in (200, 404), (address, page)
