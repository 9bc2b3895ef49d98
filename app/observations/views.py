"""Observing a colleague's lesson as taught: record, follow up, read back, list."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.db import row_id
from app.documents.models import Document
from app.documents.permissions import can_read
from app.extensions import db, login_manager
from app.network.models import Teacher
from app.observations import permissions, services
from app.observations.forms import observation_form
from app.observations.progress import chart, title_key
from app.reviews.models import Observation
from app.reviews.requests import local_today
from app.revisions.history import revision_number

bp = Blueprint("observations", __name__)


@bp.record_once
def share_with_templates(state) -> None:
    state.app.jinja_env.globals.update(
        {name: getattr(permissions, name) for name in permissions.__all__}
    )


def get_observation(observation_id: int) -> Observation:
    """The observation if the reader may see it; visitors sign in, anyone else finds nothing."""
    observation = db.get_or_404(Observation, observation_id)
    if not permissions.can_view_observation(current_user, observation):
        if not current_user.is_authenticated:
            abort(login_manager.unauthorized())
        abort(404)
    return observation


@bp.get("/observations")
@login_required
def index():
    """The observations the teacher made and those made of their lessons, as follow-up chains."""
    return render_template(
        "observations/index.html",
        made=services.made_by(current_user),
        received=services.observations_of(current_user),
    )


@bp.route("/observations/new", methods=["GET", "POST"])
@login_required
def new():
    """Record an observation of a colleague's lesson, first finding the colleague by name."""
    return record(previous=None)


@bp.route("/observations/<int:observation_id>/follow-up", methods=["GET", "POST"])
@login_required
def follow_up(observation_id: int):
    """Observe the same teacher again, with the earlier agreed next steps in view."""
    previous = get_observation(observation_id)
    if not permissions.can_follow_up(current_user, previous):
        abort(403)
    return record(previous=previous)


def observed_teacher(previous: Observation | None) -> Teacher | None:
    """The colleague being observed: the earlier observation's teacher, else the chosen one."""
    if previous is not None:
        return previous.teacher
    number = row_id(request.values.get("teacher"))
    teacher = db.session.get(Teacher, number) if number else None
    if teacher is None or not permissions.can_observe(current_user, teacher):
        return None
    return teacher


def chosen_version(previous: Observation | None, rubrics):
    """The rubric version the form was written against, else the one asked for or suggested."""
    if request.method == "POST":
        version = services.observation_version(request.form.get("rubric_version"))
        if version is None:
            abort(400)
        return version
    by_id = {str(rubric.id): rubric for rubric in rubrics}
    suggested = previous.rubric_version.rubric if previous else None
    rubric = by_id.get(request.args.get("rubric", "")) or suggested or rubrics[0]
    return rubric.current_version


def record(previous: Observation | None):
    """The observation form: a first observation of a colleague, or a follow-up of one."""
    teacher = observed_teacher(previous)
    rubrics = services.observation_rubrics()
    if request.method == "GET" and teacher is None:
        return choose_teacher()
    if request.method == "GET" and not rubrics:
        return render_template("observations/no_rubric.html")
    version = chosen_version(previous, rubrics)
    form = observation_form(version, **form_defaults(teacher, previous))
    if form.validate_on_submit() and teacher is not None:
        observation = save(form, teacher, version, previous)
        db.session.commit()
        flash(
            _("The observation is saved. %(name)s can read it now.", name=teacher.name), "success"
        )
        return redirect(url_for(".show", observation_id=observation.id))
    if teacher is None:
        form.form_errors.append(_("Choose the colleague whose lesson you observed."))
    page = render_template(
        "observations/new.html",
        form=form,
        teacher=teacher,
        version=version,
        rubrics=rubrics,
        previous=previous,
        earlier=earlier_levels(previous, version),
    )
    return page, 422 if request.method == "POST" else 200


def form_defaults(teacher: Teacher | None, previous: Observation | None) -> dict:
    """The lessons to offer, and what a fresh form starts with: a follow-up repeats the
    earlier lesson and class."""
    earlier_lesson = previous.document if previous else None
    lessons = services.lessons_for(current_user, teacher or current_user, also=earlier_lesson)
    return {
        "lessons": lessons,
        "teacher": teacher.id if teacher else "",
        "lesson": earlier_lesson.id if earlier_lesson in lessons else None,
        "taught_on": local_today(),
        "class_name": previous.class_name if previous else "",
    }


def save(form, teacher: Teacher, version, previous: Observation | None) -> Observation:
    """The signed-in teacher's observation, from a form that passed validation."""
    lesson_id = form.lesson.data
    return services.record_observation(
        teacher,
        observer=current_user,
        version=version,
        taught_on=form.taught_on.data,
        class_name=form.class_name.data,
        ratings=form.ratings(),
        notes=form.notes.data or "",
        next_steps=form.next_steps.data or "",
        lesson=db.session.get(Document, lesson_id) if lesson_id else None,
        previous=previous,
    )


def choose_teacher():
    """Step one: find the colleague by name, in any municipality."""
    query = request.args.get("q", "").strip()
    found = services.colleagues_named(query, observer=current_user) if query else []
    return render_template("observations/choose.html", query=query, found=found)


def earlier_levels(previous: Observation | None, version) -> dict:
    """The earlier observation's level per criterion (by title), shown in a follow-up's form."""
    if previous is None:
        return {}
    marks = {title_key(mark.title): mark for mark in services.marks_of(previous)}
    return {
        c.id: marks[title_key(c.title)] for c in version.criteria if title_key(c.title) in marks
    }


@bp.get("/observations/<int:observation_id>")
@login_required
def show(observation_id: int):
    """An observation with its levels and feedback; a follow-up shows progress since."""
    observation = get_observation(observation_id)
    progress = services.progress_of(observation)
    return render_template(
        "observations/show.html",
        observation=observation,
        rated={row.criterion_id: row for row in observation.levels},
        progress=progress,
        chart=chart(progress) if progress else None,
        follow_ups=services.follow_ups_of(observation, current_user),
        lesson_readable=observation.document is not None
        and can_read(current_user, observation.document),
        revision_number=revision_number(observation.revision) if observation.revision else None,
    )
