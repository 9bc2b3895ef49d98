"""A coordinator's form pairing a new teacher of their municipality with a mentor."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import SelectChoice, SelectField
from wtforms.validators import DataRequired

from app.extensions import db
from app.network.models import Municipality, School, Teacher


def new_teachers_of(municipality: Municipality) -> list[Teacher]:
    return db.session.scalars(
        select(Teacher)
        .join(Teacher.school)
        .where(School.municipality_id == municipality.id, Teacher.active, Teacher.new_to_exchange)
        .order_by(Teacher.name, Teacher.id)
    ).all()


def mentors_outside(municipality: Municipality) -> list[Teacher]:
    return db.session.scalars(
        select(Teacher)
        .join(Teacher.school)
        .where(School.municipality_id != municipality.id, Teacher.active, Teacher.offers_mentoring)
        .order_by(Teacher.name, Teacher.id)
    ).all()


class PairForm(FlaskForm):
    mentee = SelectField(
        _l("Teacher new to the exchange"),
        validators=[DataRequired(_l("Choose a teacher new to the exchange."))],
    )
    mentor = SelectField(
        _l("Mentor"),
        validators=[DataRequired(_l("Choose a mentor."))],
        description=_l("Teachers of other municipalities who offer to mentor."),
    )

    def fill_choices(self, municipality: Municipality) -> None:
        """Choices are ids as text; anything else is refused as not a valid choice."""
        self.mentee.choices = [SelectChoice("", _l("Choose a teacher"))] + [
            SelectChoice(str(t.id), t.name) for t in new_teachers_of(municipality)
        ]
        self.mentor.choices = [SelectChoice("", _l("Choose a mentor"))] + [
            SelectChoice(str(t.id), t.name, optgroup=t.municipality.name)
            for t in mentors_outside(municipality)
        ]
