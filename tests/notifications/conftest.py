"""A notification factory: committed rows for a teacher."""

import pytest

from app.extensions import db
from app.notifications import services


@pytest.fixture
def make_notification(app):
    """``make_notification(teacher, "review_submitted", title="Hand hygiene", link="/units/1")``."""

    def make(teacher, kind="review_reply", *, link="/units/1", **params):
        notification = services.notify(
            teacher, kind, params={"title": "Hand hygiene", **params}, link=link
        )
        db.session.commit()
        return notification

    return make


@pytest.fixture
def in_request(app):
    """A request context, for messages in the reader's language."""
    with app.test_request_context():
        yield
