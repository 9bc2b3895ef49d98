"""The network's pages: municipalities, schools and teacher profiles."""

from flask import Blueprint, abort, current_app, render_template
from flask_login import current_user, login_required
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.network import permissions
from app.network.collaboration import municipality_links
from app.network.forms import ToggleForm
from app.network.map_svg import network_map
from app.network.models import Municipality, School, Teacher
from app.network.permissions import can_manage_teacher, can_see_teachers
from app.urls import page_asked

bp = Blueprint("network", __name__)


@bp.record_once
def share_permissions_with_templates(state) -> None:
    state.app.jinja_env.globals.update(
        {name: getattr(permissions, name) for name in permissions.__all__}
    )


def get_municipality_or_404(slug: str) -> Municipality:
    return db.one_or_404(select(Municipality).where(Municipality.slug == slug))


def active_teacher_counts(group_by) -> dict[int, int]:
    """Active teachers per school (``School.id``) or municipality (``School.municipality_id``)."""
    query = (
        select(group_by, func.count(Teacher.id))
        .join(Teacher.school)
        .where(Teacher.active)
        .group_by(group_by)
    )
    return dict(db.session.execute(query).all())


def network_order() -> list[Municipality]:
    """Every municipality in the network page's order (the collaboration map's too)."""
    return db.session.scalars(
        select(Municipality).order_by(Municipality.country, Municipality.name)
    ).all()


@bp.get("/municipalities")
def municipalities():
    """Every municipality of the network, with its schools and number of teachers."""
    rows = db.session.scalars(
        select(Municipality)
        .options(selectinload(Municipality.schools))
        .order_by(Municipality.country, Municipality.name)
    ).all()
    links = municipality_links()
    return render_template(
        "network/municipalities.html",
        municipalities=rows,
        teacher_counts=active_teacher_counts(School.municipality_id),
        links=links,
        collaboration_map=network_map(rows, links),
    )


@bp.get("/municipalities/<slug>")
def municipality(slug: str):
    """A municipality: its languages, default licence, schools and coordinators."""
    municipality = get_municipality_or_404(slug)
    coordinators = []
    if can_see_teachers(current_user):
        coordinators = db.session.scalars(
            select(Teacher)
            .join(Teacher.school)
            .where(
                School.municipality_id == municipality.id, Teacher.is_coordinator, Teacher.active
            )
            .order_by(Teacher.name)
        ).all()
    links = municipality_links()
    return render_template(
        "network/municipality.html",
        municipality=municipality,
        coordinators=coordinators,
        teacher_counts=active_teacher_counts(School.id),
        links=[link for link in links if link.joins(municipality)],
        collaboration_map=network_map(
            network_order(), links, map_id="municipality-map", focus=municipality
        ),
    )


@bp.get("/municipalities/<slug>/teachers")
@login_required
def municipality_teachers(slug: str):
    """All teachers of a municipality, paginated, inactive ones marked."""
    municipality = get_municipality_or_404(slug)
    page = db.paginate(
        select(Teacher)
        .join(Teacher.school)
        .options(selectinload(Teacher.subjects))
        .where(School.municipality_id == municipality.id)
        .order_by(Teacher.name, Teacher.id),
        page=page_asked(),
        per_page=current_app.config["PAGE_SIZE"],
    )
    return render_template(
        "network/municipality_teachers.html", municipality=municipality, page=page
    )


@bp.get("/schools/<int:school_id>")
def school(school_id: int):
    """A school and, for signed-in teachers, its teachers."""
    school = db.get_or_404(School, school_id)
    teachers = []
    if can_see_teachers(current_user):
        teachers = db.session.scalars(
            select(Teacher)
            .options(selectinload(Teacher.subjects))
            .where(Teacher.school_id == school.id, Teacher.active)
            .order_by(Teacher.name)
        ).all()
    return render_template("network/school.html", school=school, teachers=teachers)


@bp.get("/teachers/<int:teacher_id>")
@login_required
def teacher(teacher_id: int):
    """A teacher's profile: school, municipality, subjects and languages."""
    teacher = db.get_or_404(Teacher, teacher_id)
    if not teacher.active and not can_manage_teacher(current_user, teacher):
        abort(404)
    return render_template("network/teacher.html", teacher=teacher, toggle_form=ToggleForm())
