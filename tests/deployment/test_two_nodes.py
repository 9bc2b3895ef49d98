"""Two web nodes on one PostgreSQL, as docs/deployment.md sets them up: two gunicorn
processes on their own ports, sharing only the database and the secret key. A teacher signed
in on one is signed in on the other, and a lesson saved through one is read, found and
conflict-checked through the other at once."""

import pytest

from tests.conftest import BACKENDS
from tests.deployment.live import BASE_REVISION, NAME, Browser, Node, environment, lesson_form
from tests.deployment.live import set_up as set_up_deployment

pytestmark = pytest.mark.skipif(
    "postgresql" not in BACKENDS, reason="a deployment of several nodes runs on PostgreSQL"
)


@pytest.fixture(scope="module")
def nodes(postgres_cluster, tmp_path_factory):
    """The addresses of two nodes of one deployment, migrated once, with the demo content."""
    url = postgres_cluster.create_database("tandem_nodes")
    env = environment(url, tmp_path_factory.mktemp("nodes"), search_backend="postgres")
    set_up_deployment(env)
    started = []
    try:
        started += [Node(env), Node(env)]
        yield [node.address for node in started]
    finally:
        for node in started:
            node.stop()


def test_an_edit_through_one_node_is_read_found_and_conflict_checked_through_the_other(nodes):
    first, second = nodes
    browser = Browser()
    browser.sign_in(first)
    status, page = browser.get(f"{second}/account/profile")  # the session is the second's too
    assert status == 200
    assert NAME in page

    title = "Red cabbage indicator"
    lesson = browser.new_lesson(first, title, "Boil the cabbage.", found_at=second)
    assert "Boil the cabbage." in browser.get(f"{second}{lesson}")[1]

    edit_page = browser.get(f"{second}{lesson}/edit")[1]
    base = BASE_REVISION.search(edit_page).group(1)
    status, _ = browser.post(
        f"{first}{lesson}/edit", lesson_form(title, "Boil the cabbage for ten minutes.", base)
    )
    assert status == 302
    assert title in browser.get(f"{second}/search?q=minutes")[1]

    status, page = browser.post(
        f"{second}{lesson}/edit",
        lesson_form(title, "Boil the cabbage in vinegar.", base),
        page=edit_page,
    )
    assert status == 409
    assert "Someone else changed the same passages" in page
    assert "Boil the cabbage in vinegar." in page  # the stale edit is kept for merging
