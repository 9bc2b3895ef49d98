"""Telling reviewers their review is past due: once per assignment, run daily by cron."""

from datetime import date

from sqlalchemy import select

from app.db import utcnow
from app.extensions import db
from app.notifications.services import notify
from app.reviews.models import ACTIVE, Assignment, ReviewRequest
from app.reviews.requests import path_to


def overdue_assignments(today: date) -> list[Assignment]:
    """Invited or accepted assignments of open requests due before today, not yet told."""
    return list(
        db.session.scalars(
            select(Assignment)
            .join(ReviewRequest, Assignment.request_id == ReviewRequest.id)
            .where(
                Assignment.state.in_(ACTIVE),
                Assignment.overdue_notified_at.is_(None),
                ReviewRequest.state == "open",
                ReviewRequest.due_on < today,
            )
            .order_by(Assignment.id)
        )
    )


def notify_overdue(today: date | None = None) -> int:
    """Tell each overdue reviewer once; how many were told. It flushes, the caller commits."""
    assignments = overdue_assignments(today or utcnow().date())
    for assignment in assignments:
        request = assignment.request
        notify(
            assignment.reviewer,
            "review_overdue",
            params={"title": request.revision.title, "due": request.due_on.isoformat()},
            link=path_to("assignments.show", assignment_id=assignment.id),
        )
        assignment.overdue_notified_at = utcnow()
    db.session.flush()
    return len(assignments)
