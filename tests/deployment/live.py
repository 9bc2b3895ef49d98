"""Tandem as it is deployed, for tests: a database set up by the commands an operator runs,
gunicorn processes serving it, and a browser (a cookie jar) that fills in their forms."""

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

from tests.conftest import CSRF_PATTERN
from tests.fixtures.postgres import free_port

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
BASE_REVISION = re.compile(r'name="base_revision_id"[^>]*value="(\d+)"')
#: A demo teacher (content/network.yaml) who reads the site in English.
TEACHER, NAME, PASSWORD = "laura.salmi@kemi.example", "Laura Salmi", "tandem-demo"


def environment(database_url: str, folder: Path, *, search_backend: str = "whoosh") -> dict:
    """What every node of one deployment is started with (docs/deployment.md)."""
    return {
        **os.environ,
        "FLASK_SQLALCHEMY_DATABASE_URI": database_url,
        "FLASK_SEARCH_BACKEND": search_backend,
        "FLASK_SEARCH_INDEX_DIR": str(folder / "search"),
        "FLASK_SECRET_KEY": "the same secret on every node",
        "FLASK_ATTACHMENT_DIR": str(folder / "attachments"),
    }


def flask(env: dict, *command: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "flask"), "--app", "app", *command],
        cwd=ROOT,
        env=env,
        check=check,
        capture_output=True,
        text=True,
    )


def set_up(env: dict) -> None:
    """Migrate and load the demo content, once, as an operator does before starting nodes."""
    flask(env, "db", "upgrade")
    flask(env, "content", "load")


class Node:
    """A gunicorn serving the deployment on a port of its own, in a process group of its own
    (so that a test can kill it, workers and all)."""

    def __init__(self, env: dict, *, workers: int = 1):
        self.port = free_port()
        self.address = f"http://127.0.0.1:{self.port}"
        command = [str(BIN / "gunicorn"), "--workers", str(workers), "--bind"]
        self.process = subprocess.Popen(
            [*command, f"127.0.0.1:{self.port}", "app:create_app()"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_for(self.address)

    def stop(self) -> None:
        """Stop the node (gracefully) if it still runs."""
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)

    def kill(self) -> None:
        """SIGKILL the master and every worker at once, as a power cut would."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)


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

    def post(self, url: str, form: dict, *, page: str | None = None) -> tuple[int, str]:
        """Submit ``form`` to ``url`` with the CSRF token of ``page`` (else of ``url``)."""
        token = CSRF_PATTERN.search(page or self.get(url)[1]).group(1)
        data = urllib.parse.urlencode({"csrf_token": token, **form}).encode()
        return self.open(urllib.request.Request(url, data=data))  # noqa: S310

    def open(self, request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def sign_in(self, address: str) -> None:
        status, _ = self.post(f"{address}/login", {"email": TEACHER, "password": PASSWORD})
        assert status == 302, "the demo teacher signs in"

    def new_lesson(self, address: str, title: str, body: str, *, found_at: str = "") -> str:
        """Start a lesson through one node and find it by its title through ``found_at``
        (the same node if not given); returns its path (``/lessons/<id>``)."""
        status, _ = self.post(f"{address}/lessons/new", lesson_form(title, body))
        assert status == 302
        page = self.get(f"{found_at or address}/search?q={urllib.parse.quote(title)}")[1]
        found = re.search(r'href="(/lessons/\d+)"[^>]*>\s*' + re.escape(title), page)
        assert found, "the lesson is found by its title"
        return found.group(1)


def lesson_form(title: str, body: str, base_revision_id: str = "") -> dict:
    return {
        "title": title,
        "summary": "Acids and bases at home.",
        "language": "en",
        "licence": "CC-BY-4.0",
        "body": body,
        "base_revision_id": base_revision_id,
    }
