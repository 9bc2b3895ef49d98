"""A municipality's coordinator dashboard, its tables as CSV and the printable annual report."""

from datetime import UTC, date, datetime

from flask import Blueprint, Response, abort, make_response, render_template, request
from flask_babel import format_date, format_decimal, format_number, format_percent
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.dashboard import people
from app.dashboard.cells import Scope
from app.dashboard.export import filename, table_csv
from app.dashboard.permissions import can_see_dashboard
from app.dashboard.report import build_report
from app.dashboard.tables import TABLES
from app.errors import render_error
from app.network.models import Municipality
from app.network.school_years import SchoolYear
from app.network.views import get_municipality_or_404

bp = Blueprint("dashboard", __name__)


def shown(value: object) -> str:
    """A table cell as the reader reads it: numbers and dates in their locale."""
    if value is None:
        return "–"  # noqa: RUF001 (an en dash stands for no value, as in the results table)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, date):
        return format_date(value, "medium")
    if isinstance(value, int):
        return format_number(value)
    if isinstance(value, float):
        return format_decimal(value, format="0.##")
    return str(value)


def percent(share: float | None) -> str:
    return shown(None) if share is None else format_percent(share)


@bp.record_once
def share_helpers_with_templates(state) -> None:
    state.app.jinja_env.globals.update(
        can_see_dashboard=can_see_dashboard, shown=shown, percent=percent
    )


def year_asked() -> SchoolYear:
    """The school year the address asks for (the current one unless it says); a 400 that
    says what a school year looks like for anything else."""
    text = request.args.get("year", "").strip()
    today = datetime.now(UTC).date()
    if not text:
        return SchoolYear.current(today)
    try:
        return SchoolYear.parse(text, today=today)
    except ValueError:
        first, last = SchoolYear.accepted(today)
        message = _(
            "“%(year)s” is not a school year Tandem can show. Write it like %(example)s, "
            "from %(first)s to %(last)s.",
            year=text[:20],
            example=SchoolYear.current(today).label,
            first=first.label,
            last=last.label,
        )
        abort(make_response(render_error(400, message)))


def scope_for(slug: str) -> Scope:
    """Load the municipality, check the reader may see its dashboard, read the year."""
    municipality = get_municipality_or_404(slug)
    if not can_see_dashboard(current_user, municipality):
        abort(403)
    return Scope(current_user, municipality, year_asked(), datetime.now(UTC).date())


def year_choices(municipality: Municipality, chosen: SchoolYear) -> list[SchoolYear]:
    """The current school year and every earlier one since the municipality's first
    contribution, newest first, with the chosen one."""
    current = SchoolYear.current()
    first = people.first_year(municipality) or current
    years = {SchoolYear(start) for start in range(min(first, current).start, current.start + 1)}
    return sorted(years | {chosen}, reverse=True)


@bp.get("/municipalities/<slug>/dashboard")
@login_required
def show(slug: str):
    """The municipality's year at a glance for its coordinators, each table with its CSV."""
    scope = scope_for(slug)
    return render_template(
        "dashboard/show.html",
        scope=scope,
        tables={name: build(scope) for name, build in TABLES.items()},
        years=year_choices(scope.municipality, scope.year),
    )


@bp.get("/municipalities/<slug>/dashboard/<name>.csv")
@login_required
def export(slug: str, name: str):
    """One dashboard table as a CSV file, named for the municipality, year and table."""
    scope = scope_for(slug)
    if name not in TABLES:
        abort(404)
    table = TABLES[name](scope)
    download = filename(table, scope.municipality.slug, scope.year.slug)
    return Response(
        table_csv(table),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{download}"',
            "Content-Type": "text/csv; charset=utf-8",
        },
    )


@bp.get("/municipalities/<slug>/report")
@login_required
def report(slug: str):
    """The year's indicators for the annual review, to read or print."""
    scope = scope_for(slug)
    return render_template(
        "dashboard/report.html",
        scope=scope,
        report=build_report(scope),
        years=year_choices(scope.municipality, scope.year),
    )
