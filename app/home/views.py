"""The front page."""

from flask import Blueprint, render_template
from sqlalchemy import func, select

from app.extensions import db
from app.network.models import Municipality, School, Teacher

bp = Blueprint("home", __name__)


@bp.get("/")
def index():
    """What Tandem is, and the network at a glance."""
    counts = {
        "municipalities": db.session.scalar(select(func.count(Municipality.id))),
        "schools": db.session.scalar(select(func.count(School.id))),
        "teachers": db.session.scalar(select(func.count(Teacher.id)).where(Teacher.active)),
    }
    return render_template("home/index.html", counts=counts)
