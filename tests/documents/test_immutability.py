"""History only grows: no code path changes or deletes what a revision records."""

import pytest

from app.documents.models import RevisionIsImmutable
from app.extensions import db


@pytest.mark.parametrize(
    ("column", "value"),
    [("body", "rewritten"), ("title", "Another title"), ("fields", {}), ("summary", "x")],
)
def test_changing_what_a_revision_records_is_refused(make_lesson, column, value):
    revision = make_lesson().current_revision
    setattr(revision, column, value)
    with pytest.raises(RevisionIsImmutable):
        db.session.flush()
    db.session.rollback()


def test_deleting_a_revision_is_refused(make_lesson):
    revision = make_lesson().current_revision
    db.session.delete(revision)
    with pytest.raises(RevisionIsImmutable):
        db.session.flush()
    db.session.rollback()


def test_only_the_derived_html_may_be_rendered_again(make_lesson):
    revision = make_lesson().current_revision
    revision.rendered = {**revision.rendered, "body": "<p>again</p>"}
    revision.rendered_by = "2"
    db.session.commit()
    assert revision.rendered["body"] == "<p>again</p>"
