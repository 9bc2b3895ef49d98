"""No lost update across processes: many editors save one lesson at once through gunicorn.

Every submitted text ends either in a revision (the save was accepted) or back with its
author on the merge page (409). Nothing is lost and nothing fails with a 5xx. Editors who each
change their own paragraph are merged: every one of their saves gets through.
"""

import html
import http.cookiejar
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from sqlalchemy import select

from app.documents import services
from app.documents.models import Collaborator, Document, Revision
from app.extensions import db
from tests.fixtures.documents import lesson_content
from tests.fixtures.network import PASSWORD
from tests.fixtures.postgres import free_port

EDITORS, ROUNDS = 6, 4
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
BASE = re.compile(r'name="base_revision_id"[^>]*value="(\d+)"')
BODY = re.compile(r'<textarea[^>]*name="body"[^>]*>\r?\n?(.*?)</textarea>', re.DOTALL)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Editor:
    def __init__(self, base_url: str):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
        )

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(self.base_url + path, body, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def login(self, email: str) -> None:
        _, page = self.request("/login")
        token = TOKEN.search(page).group(1)
        status, _ = self.request(
            "/login", {"csrf_token": token, "email": email, "password": PASSWORD}
        )
        assert status == 302

    def save(self, lesson_id: int, text: str, replacing: re.Pattern | None = None) -> int:
        """Open the editor and save ``text`` as the body, or in place of ``replacing`` in it."""
        status, page = self.request(f"/lessons/{lesson_id}/edit")
        assert status == 200, status
        body = text
        if replacing is not None:
            body = replacing.sub(text, html.unescape(BODY.search(page).group(1)))
        form = {
            "csrf_token": TOKEN.search(page).group(1),
            "base_revision_id": BASE.search(page).group(1),
            "title": "Hand hygiene",
            "summary": "Washing hands properly.",
            "language": "fi",
            "licence": "CC-BY-SA-4.0",
            "body": body,
        }
        status, page = self.request(f"/lessons/{lesson_id}/edit", form)
        if status == 409:
            assert text in html.unescape(page), "a conflict must give the author's text back"
        return status


@pytest.fixture
def gunicorn(database_url, migrated_app, tmp_path):
    """Two gunicorn worker processes serving the test database."""
    port = free_port()
    env = {
        **os.environ,
        "TANDEM_CONFIG": "testing",
        "FLASK_SQLALCHEMY_DATABASE_URI": database_url,
        "FLASK_LOGIN_RATE_LIMIT": "1000 per minute",
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        "2",
        "--bind",
        f"127.0.0.1:{port}",
        "app:create_app()",
    ]
    log = tmp_path / "gunicorn.log"
    with log.open("wb") as output:
        server = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(base_url + "/", timeout=2).close()  # noqa: S310 (loopback)
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError(log.read_text()) from None
            time.sleep(0.2)
    yield base_url
    server.terminate()
    server.wait(timeout=10)


def lesson_with_editors(make_lesson, make_teacher, body: str | None = None):
    """A lesson (with ``body``, if given) and the e-mail addresses of EDITORS editors."""
    lesson = make_lesson()
    if body is not None:
        owner = lesson.collaborators[0].teacher
        services.save_revision(lesson, lesson_content(body=body), author=owner)
    editors = [make_teacher() for _ in range(EDITORS)]
    for teacher in editors:
        lesson.collaborators.append(Collaborator(teacher=teacher, role="editor"))
    db.session.commit()
    return lesson.id, [teacher.email for teacher in editors]


def save_at_once(base_url: str, emails: list[str], save) -> list[tuple[str, int]]:
    """Every editor, in a thread of their own, signs in and calls ``save(client, number,
    round)`` ROUNDS times; returns each (text, status) it gave back."""
    outcomes: list[tuple[str, int]] = []
    errors: list[BaseException] = []

    def work(number: int, email: str) -> None:
        try:
            client = Editor(base_url)
            client.login(email)
            for round_ in range(ROUNDS):
                outcomes.append(save(client, number, round_))
        except BaseException as error:  # reported below, with the thread's outcome
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n, e)) for n, e in enumerate(emails)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    db.session.commit()  # a fresh snapshot
    return outcomes


def test_concurrent_saves_from_two_processes_lose_nothing(gunicorn, make_lesson, make_teacher):
    lesson_id, emails = lesson_with_editors(make_lesson, make_teacher)

    def save(client: Editor, number: int, round_: int) -> tuple[str, int]:
        text = f"Editor {number}, round {round_}: wash for 20 seconds."
        return text, client.save(lesson_id, text)

    outcomes = save_at_once(gunicorn, emails, save)
    assert len(outcomes) == EDITORS * ROUNDS
    assert {status for _, status in outcomes} <= {302, 409}
    bodies = set(db.session.scalars(select(Revision.body).where(Revision.document_id == lesson_id)))
    accepted = [text for text, status in outcomes if status == 302]
    assert accepted, "some saves must get through"
    assert all(text in bodies for text in accepted)
    assert len(bodies) == len(accepted) + 1  # each accepted save is one revision, plus the first


def test_editors_changing_different_paragraphs_all_get_through(gunicorn, make_lesson, make_teacher):
    paragraphs = [f"Paragraph {n}: nothing yet." for n in range(EDITORS)]
    lesson_id, emails = lesson_with_editors(make_lesson, make_teacher, "\n\n".join(paragraphs))

    def save(client: Editor, number: int, round_: int) -> tuple[str, int]:
        text = f"Paragraph {number}: round {round_} by editor {number}."
        mine = re.compile(rf"^Paragraph {number}: .*$", re.MULTILINE)
        return text, client.save(lesson_id, text, replacing=mine)

    outcomes = save_at_once(gunicorn, emails, save)
    assert [status for _, status in outcomes] == [302] * (EDITORS * ROUNDS)
    bodies = list(
        db.session.scalars(select(Revision.body).where(Revision.document_id == lesson_id))
    )
    assert all(any(text in body for body in bodies) for text, _ in outcomes)
    final = db.session.get(Document, lesson_id).current_revision.body
    for number in range(EDITORS):
        assert f"Paragraph {number}: round {ROUNDS - 1} by editor {number}." in final
