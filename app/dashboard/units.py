"""A municipality's units and lessons in a school year: joint units and their partners,
peer-review outcomes, adaptations made elsewhere and the curriculum goals its units cover.

A joint unit is a unit with authors (owners or editors) both in the municipality and in at
least one other; it counts in a year when a revision of it or of its lessons was saved then.
Only what the reader may read is listed or counted.
"""

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import aliased, selectinload

from app.dashboard.scope import (
    AUTHOR_ROLES,
    authored_elsewhere,
    authored_in,
    root_id,
    teacher_ids,
    within,
)
from app.documents.models import UNIT, Collaborator, Document, Revision
from app.documents.permissions import not_deleted, readable_by
from app.extensions import db
from app.network.models import Municipality, School, Teacher
from app.network.school_years import SchoolYear
from app.reviews.models import Outcome


@dataclass(frozen=True)
class JointUnit:
    unit: Document
    partners: list[Municipality]
    revisions: int


def revisions_per_unit(year: SchoolYear) -> dict[int, int]:
    """Revisions saved in the year, per unit (a lesson's count towards its unit)."""
    root = root_id().label("root")
    query = (
        select(root, func.count(Revision.id))
        .join(Revision, Revision.document_id == Document.id)
        .where(within(Revision.created_at, year))
        .group_by(root)
    )
    return dict(db.session.execute(query).all())


def municipality_units(viewer, municipality: Municipality, *, joint: bool) -> list[Document]:
    """The municipality's readable units; with ``joint``, only those co-authored elsewhere."""
    query = (
        select(Document)
        .options(
            selectinload(Document.current_revision),
            selectinload(Document.collaborators)
            .selectinload(Collaborator.teacher)
            .selectinload(Teacher.school)
            .selectinload(School.municipality),
        )
        .where(Document.kind == UNIT, readable_by(viewer), authored_in(municipality))
        .order_by(Document.id)
    )
    if joint:
        query = query.where(authored_elsewhere(municipality))
    return list(db.session.scalars(query))


def joint_units(viewer, municipality: Municipality, year: SchoolYear) -> list[JointUnit]:
    """The joint units worked on in the year, each with its partner municipalities."""
    counts = revisions_per_unit(year)
    rows = []
    for unit in municipality_units(viewer, municipality, joint=True):
        if unit.id not in counts:
            continue
        partners = {
            c.teacher.school.municipality
            for c in unit.collaborators
            if c.role in AUTHOR_ROLES and c.teacher.school.municipality_id != municipality.id
        }
        rows.append(JointUnit(unit, sorted(partners, key=lambda m: m.name), counts[unit.id]))
    return sorted(rows, key=lambda row: row.unit.title.casefold())


def partner_counts(rows: list[JointUnit]) -> Counter:
    """Joint units per partner municipality."""
    return Counter(partner for row in rows for partner in row.partners)


def outcomes(municipality: Municipality, year: SchoolYear) -> list[Outcome]:
    """The peer-review outcomes decided in the year on the municipality's units and lessons."""
    return list(
        db.session.scalars(
            select(Outcome)
            .join(Outcome.document)
            .options(
                selectinload(Outcome.revision),
                selectinload(Outcome.rubric_version),
                selectinload(Outcome.document),
            )
            .where(within(Outcome.decided_at, year), authored_in(municipality), not_deleted())
            .order_by(Outcome.decided_at, Outcome.id)
        )
    )


def adaptations(viewer, municipality: Municipality, year: SchoolYear) -> list[Document]:
    """Readable copies made in the year, by teachers of other municipalities, of units and
    lessons the municipality's teachers created or co-authored."""
    source = aliased(Document)
    ours = teacher_ids(municipality)
    source_is_ours = (source.created_by_id.in_(ours)) | authored_in(
        municipality, func.coalesce(source.unit_id, source.id)
    )
    return list(
        db.session.scalars(
            select(Document)
            .join(source, Document.source_document_id == source.id)
            .options(
                selectinload(Document.current_revision),
                selectinload(Document.source_document).selectinload(Document.current_revision),
                selectinload(Document.created_by)
                .selectinload(Teacher.school)
                .selectinload(School.municipality),
            )
            .where(
                within(Document.created_at, year),
                Document.created_by_id.not_in(ours),
                source_is_ours,
                readable_by(viewer),
            )
            .order_by(Document.created_at, Document.id)
        )
    )


@dataclass(frozen=True)
class Goal:
    """A curriculum goal the lessons name, and how many lessons and units name it."""

    framework: str
    code: str
    name: str
    lessons: int
    units: int


def goal_key(row: dict) -> tuple[str, str, str]:
    return tuple((row.get(key) or "").strip() for key in ("framework", "code", "name"))


def curriculum_goals(viewer, municipality: Municipality, year: SchoolYear) -> list[Goal]:
    """The curriculum goals named by the lessons of the municipality's units worked on in the
    year, most named first."""
    counts = revisions_per_unit(year)
    units = [u for u in municipality_units(viewer, municipality, joint=False) if u.id in counts]
    lessons: Counter = Counter()
    in_units: dict[tuple, set[int]] = {}
    for unit in units:
        for lesson in unit.lessons:
            for key in {goal_key(row) for row in lesson.fields.get("curriculum") or []}:
                if any(key):
                    lessons[key] += 1
                    in_units.setdefault(key, set()).add(unit.id)
    goals = [Goal(*key, lessons=n, units=len(in_units[key])) for key, n in lessons.items()]
    return sorted(goals, key=lambda g: (-g.lessons, g.framework.casefold(), g.code, g.name))
