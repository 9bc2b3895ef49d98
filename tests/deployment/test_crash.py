"""A server killed with SIGKILL in the middle of a stream of saves loses nothing it said was
saved: after a restart every acknowledged save is in the lesson's history, no revision is
half-written, the search index agrees with the database (or is made to by a reindex), and no
lock left behind keeps the next save waiting."""

import threading
import time

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import BACKENDS
from tests.deployment.live import BASE_REVISION, Browser, Node, environment, flask, lesson_form
from tests.deployment.live import set_up as set_up_deployment

#: (database, search backend) pairs a deployment may run on.
DEPLOYMENTS = [
    (database, search)
    for database, search in [
        ("sqlite", "whoosh"),
        ("postgresql", "whoosh"),
        ("postgresql", "postgres"),
    ]
    if database in BACKENDS
]
TITLE = "Crash course in titration"


@pytest.fixture(params=DEPLOYMENTS, ids=["-".join(pair) for pair in DEPLOYMENTS])
def deployment(request, tmp_path) -> dict:
    database, search = request.param
    if database == "sqlite":
        url = f"sqlite:///{tmp_path}/tandem.sqlite3"
    else:
        url = request.getfixturevalue("postgres_cluster").create_database(f"tandem_crash_{search}")
    env = environment(url, tmp_path, search_backend=search)
    set_up_deployment(env)
    return env


@pytest.fixture
def start_node(deployment):
    """``start_node()``: a node of the deployment (2 workers), stopped after the test."""
    started = []

    def start() -> Node:
        started.append(Node(deployment, workers=2))
        return started[-1]

    yield start
    for node in started:
        node.stop()


class Saver(threading.Thread):
    """A teacher saving a lesson again and again, each time from its current revision; the
    numbers of the saves the server acknowledged (a redirect to the lesson) are kept."""

    def __init__(self, browser: Browser, edit_url: str):
        super().__init__(daemon=True)
        self.browser = browser
        self.edit_url = edit_url
        self.acknowledged: list[int] = []

    def run(self) -> None:
        number = 0
        while True:
            number += 1
            try:
                page = self.browser.get(self.edit_url)[1]
                base = BASE_REVISION.search(page).group(1)
                form = lesson_form(TITLE, f"Save {number}.", base)
                status, _ = self.browser.post(self.edit_url, form, page=page)
            except OSError:  # the server is gone
                return
            assert status == 302, f"save {number} answered {status}"
            self.acknowledged.append(number)


def revisions_of(url: str, lesson_path: str) -> tuple[list[tuple], int]:
    """The lesson's revisions (id, body, rendered HTML) and its current revision's id."""
    engine = create_engine(url)
    document_id = int(lesson_path.rsplit("/", 1)[1])
    with engine.connect() as connection:
        revisions = connection.execute(
            text("SELECT id, body, rendered FROM revision WHERE document_id = :id ORDER BY id"),
            {"id": document_id},
        ).all()
        current = connection.scalar(
            text("SELECT current_revision_id FROM document WHERE id = :id"), {"id": document_id}
        )
    engine.dispose()
    return revisions, current


def test_a_killed_server_loses_no_acknowledged_save_and_leaves_no_lock(deployment, start_node):
    node = start_node()
    browser = Browser()
    browser.sign_in(node.address)
    lesson = browser.new_lesson(node.address, TITLE, "Save 0.")
    saver = Saver(browser, f"{node.address}{lesson}/edit")
    saver.start()
    deadline = time.monotonic() + 60
    while len(saver.acknowledged) < 8 and saver.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    node.kill()
    saver.join(timeout=60)
    assert len(saver.acknowledged) >= 8, "saves were acknowledged before the kill"

    revisions, current = revisions_of(deployment["FLASK_SQLALCHEMY_DATABASE_URI"], lesson)
    bodies = [body for _, body, _ in revisions]
    for number in saver.acknowledged:
        assert f"Save {number}." in bodies, f"acknowledged save {number} is in the history"
    assert current == revisions[-1][0], "the lesson shows its last saved revision"
    assert all(rendered for _, _, rendered in revisions), "every revision is whole"

    check = flask(deployment, "search", "check", check=False)
    if check.returncode:  # whatever the index missed, a reindex restores from the database
        flask(deployment, "search", "reindex")
        check = flask(deployment, "search", "check", check=False)
    assert check.returncode == 0, check.stdout

    restarted = start_node()
    # A lock left behind would fail this save (the database's) or keep it from the
    # index (Whoosh's writer lock), so that the search would not find it.
    edit_url = f"{restarted.address}{lesson}/edit"
    page = browser.get(edit_url)[1]
    base = BASE_REVISION.search(page).group(1)
    form = lesson_form(TITLE, "Saved after the restart.", base)
    assert browser.post(edit_url, form, page=page)[0] == 302
    assert TITLE in browser.get(f"{restarted.address}/search?q=restart")[1]
