"""Two web nodes on one PostgreSQL, as docs/deployment.md sets them up: two gunicorn
processes on their own ports, sharing only the database and the secret key. A teacher signed
in on one is signed in on the other, and a lesson saved through one is read, found and
conflict-checked through the other at once."""

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

from tests.conftest import BACKENDS, CSRF_PATTERN
from tests.fixtures.postgres import free_port

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
APP = "app:create_app()"
#: A demo teacher who reads the site in English.
TEACHER, NAME, PASSWORD = "laura.salmi@kemi.example", "Laura Salmi", "tandem-demo"

pytestmark = pytest.mark.skipif(
    "postgresql" not in BACKENDS, reason="a deployment of several nodes runs on PostgreSQL"
)


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One teacher's browser: one cookie jar for every node, as behind a load balancer."""

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirects()
        )

    def get(self, url: str) -> tuple[int, str]:
        return self.open(urllib.request.Request(url))  # noqa: S310 (http to the nodes)

    def post(self, url: str, form: dict) -> tuple[int, str]:
        token = CSRF_PATTERN.search(self.get(url)[1]).group(1)
        data = urllib.parse.urlencode({"csrf_token": token, **form}).encode()
        return self.open(urllib.request.Request(url, data=data))  # noqa: S310

    def open(self, request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


@pytest.fixture(scope="module")
def nodes(postgres_cluster, tmp_path_factory):
    """The addresses of two nodes of one deployment, migrated once and given the demo content."""
    folder = tmp_path_factory.mktemp("nodes")
    env = {
        **os.environ,
        "FLASK_SQLALCHEMY_DATABASE_URI": postgres_cluster.create_database("tandem_nodes"),
        "FLASK_SEARCH_BACKEND": "postgres",
        "FLASK_SECRET_KEY": "the same secret on every node",
        "FLASK_ATTACHMENT_DIR": str(folder / "attachments"),
    }
    flask = [str(BIN / "flask"), "--app", "app"]
    for command in (["db", "upgrade"], ["content", "load"]):  # once, from one node
        subprocess.run([*flask, *command], cwd=ROOT, env=env, check=True, capture_output=True)
    ports = [free_port(), free_port()]
    servers = [
        subprocess.Popen(
            [str(BIN / "gunicorn"), "--workers", "1", "--bind", f"127.0.0.1:{port}", APP],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    addresses = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for address in addresses:
            wait_for(address)
        yield addresses
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)


def wait_for(address: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{address}/", timeout=5).close()  # noqa: S310
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def lesson_form(title: str, body: str, base_revision_id: str = "") -> dict:
    return {
        "title": title,
        "summary": "Acids and bases at home.",
        "language": "en",
        "licence": "CC-BY-4.0",
        "body": body,
        "base_revision_id": base_revision_id,
    }


def test_an_edit_through_one_node_is_read_found_and_conflict_checked_through_the_other(nodes):
    first, second = nodes
    browser = Browser()
    status, _ = browser.post(f"{first}/login", {"email": TEACHER, "password": PASSWORD})
    assert status == 302
    status, page = browser.get(f"{second}/account/profile")  # the session is the second's too
    assert status == 200
    assert NAME in page

    title = "Red cabbage indicator"
    status, _ = browser.post(f"{first}/lessons/new", lesson_form(title, "Boil the cabbage."))
    assert status == 302
    status, page = browser.get(f"{second}/search?q=cabbage")
    assert status == 200
    lesson = re.search(r'href="/lessons/(\d+)"[^>]*>\s*' + title, page)
    assert lesson, "the second node finds the lesson saved through the first"
    lesson_url = f"/lessons/{lesson.group(1)}"
    assert "Boil the cabbage." in browser.get(f"{second}{lesson_url}")[1]

    edit_page = browser.get(f"{second}{lesson_url}/edit")[1]
    base = re.search(r'name="base_revision_id"[^>]*value="(\d+)"', edit_page).group(1)
    status, _ = browser.post(
        f"{first}{lesson_url}/edit", lesson_form(title, "Boil the cabbage for ten minutes.", base)
    )
    assert status == 302
    assert "minutes" in browser.get(f"{second}/search?q=minutes")[1]

    status, page = browser.post(
        f"{second}{lesson_url}/edit", lesson_form(title, "Boil the cabbage in vinegar.", base)
    )
    assert status == 409
    assert "Someone else changed the same passages" in page
    assert "Boil the cabbage in vinegar." in page  # the stale edit is kept for merging
