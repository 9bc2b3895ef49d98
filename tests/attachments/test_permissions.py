"""Who may upload, remove and download attachments: every role, private and public."""

import io

import pytest
from sqlalchemy import func, select

from app.attachments.models import Attachment
from app.extensions import db
from tests.attachments import samples
from tests.fixtures.network import PASSWORD
from tests.outcomes import DONE, ROLES, assert_outcome, route_outcome

pytestmark = pytest.mark.usefixtures("attachment_dir")

EDITORS = {"owner", "editor"}
#: The sharing a test id names -> (visibility, status).
ACCESS = {"private": ("private", "draft"), "public": ("public", "published")}


def expected(action: str, role: str, sharing: str):
    """Downloading is reading; uploading and removing are for editors."""
    return route_outcome(role, "read" if action == "download" else EDITORS, ACCESS[sharing])


@pytest.fixture
def setting(make_shared_unit, make_lesson, role_actors, make_attachment):
    """A unit and its lesson, each with one attachment; a teacher for each role."""

    def make(sharing: str, kind: str):
        unit = make_shared_unit(*ACCESS[sharing])
        document = unit if kind == "unit" else make_lesson(unit=unit)
        return document, make_attachment(document, "worksheet.pdf", samples.PDF), role_actors

    return make


@pytest.mark.parametrize("kind", ["unit", "lesson"])
@pytest.mark.parametrize("sharing", list(ACCESS))
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
    assert_outcome(response, outcome)
    if outcome == DONE:
        assert response.headers["Location"].endswith("#attachments")
    count = db.session.scalar(select(func.count(Attachment.id)))
    changed = outcome == DONE
    assert count == {"upload": 2 if changed else 1, "delete": 0 if changed else 1}.get(action, 1)
