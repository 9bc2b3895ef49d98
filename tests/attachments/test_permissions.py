"""Who may upload, remove and download attachments: every role, private and public."""

import io

import pytest
from sqlalchemy import func, select

from app.attachments.models import Attachment
from app.extensions import db
from tests.attachments import samples
from tests.fixtures.network import PASSWORD

pytestmark = pytest.mark.usefixtures("attachment_dir")

ROLES = ["owner", "editor", "commenter", "viewer", "other_teacher", "visitor"]
COLLABORATORS = {"owner", "editor", "commenter", "viewer"}
EDITORS = {"owner", "editor"}
LOGIN, DONE, OK, FORBIDDEN, MISSING = "login", "done", 200, 403, 404
SHARING = {"private": ("private", "draft"), "public": ("public", "published")}


def expected(action: str, role: str, sharing: str):
    reads = sharing == "public" or role in COLLABORATORS
    if action == "download":
        if reads:
            return OK
        return LOGIN if role == "visitor" else MISSING
    if role == "visitor":
        return LOGIN
    if not reads:
        return MISSING
    return DONE if role in EDITORS else FORBIDDEN


@pytest.fixture
def setting(make_unit, make_lesson, make_teacher, make_attachment):
    """A unit and its lesson, each with one attachment; a teacher for each role."""
    owner = make_teacher()
    others = {role: make_teacher() for role in ("editor", "commenter", "viewer")}
    actors = {"owner": owner, **others, "other_teacher": make_teacher(), "visitor": None}

    def make(sharing: str, kind: str):
        visibility, status = SHARING[sharing]
        unit = make_unit(
            owner=owner,
            visibility=visibility,
            status=status,
            collaborators={role: [teacher] for role, teacher in others.items()},
        )
        document = unit if kind == "unit" else make_lesson(unit=unit)
        return document, make_attachment(document, "worksheet.pdf", samples.PDF), actors

    return make


@pytest.mark.parametrize("kind", ["unit", "lesson"])
@pytest.mark.parametrize("sharing", list(SHARING))
@pytest.mark.parametrize("action", ["upload", "delete", "download"])
@pytest.mark.parametrize("role", ROLES)
def test_attachment_route_by_role(web, setting, kind, sharing, action, role):
    document, attachment, actors = setting(sharing, kind)
    if actors[role] is not None:
        web.login(actors[role].email, PASSWORD)
    if action == "upload":
        data = {"attachment-file": (io.BytesIO(samples.CSV), "results.csv")}
        response = web.post(f"/documents/{document.id}/attachments", data)
    elif action == "delete":
        response = web.post(f"/attachments/{attachment.id}/delete")
    else:
        response = web.client.get(f"/attachments/{attachment.id}/worksheet.pdf", buffered=True)

    outcome = expected(action, role, sharing)
    if outcome == LOGIN:
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login")
    elif outcome == DONE:
        assert response.status_code == 302
        assert response.headers["Location"].endswith("#attachments")
    else:
        assert response.status_code == outcome
    count = db.session.scalar(select(func.count(Attachment.id)))
    changed = outcome == DONE
    assert count == {"upload": 2 if changed else 1, "delete": 0 if changed else 1}.get(action, 1)
