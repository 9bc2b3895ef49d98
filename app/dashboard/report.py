"""The annual report's indicators for a municipality and school year, with their charts.

Every number comes from the same services as the dashboard's tables, so the report and the
tables agree.
"""

from dataclasses import dataclass

from flask_babel import gettext as _
from markupsafe import Markup

from app.dashboard import people, reviews, units
from app.dashboard.cells import Scope
from app.dashboard.charts import Bar, bar_chart
from app.network.models import Municipality
from app.reviews.chart import number
from app.rubrics.models import RubricVersion


@dataclass(frozen=True)
class RubricResult:
    version: RubricVersion
    means: list[reviews.CriterionMean]
    chart: Markup


@dataclass(frozen=True)
class Report:
    joint_units: int
    partners: list[tuple[Municipality, int]]
    reviews_given: int
    reviews_received: int
    rubrics: list[RubricResult]
    participation: people.Participation
    goals: list[units.Goal]
    speed_given: reviews.Speed
    speed_received: reviews.Speed
    load: list[tuple[Municipality, int]]
    load_chart: Markup | None
    partner_chart: Markup | None


def described(pairs) -> str:
    return "; ".join(f"{label}: {number(value)}" for label, value in pairs) + "."


def rubric_result(version: RubricVersion, means: list[reviews.CriterionMean]) -> RubricResult:
    title = _("Mean level per criterion: %(rubric)s", rubric=version.name)
    chart = bar_chart(
        [Bar(m.criterion.title, m.mean) for m in means],
        chart_id=f"rubric-chart-{version.id}",
        title=title,
        desc=described((m.criterion.title, m.mean) for m in means),
        scale=version.max_score,
    )
    return RubricResult(version, means, chart)


def load_chart(scope: Scope, load: list[tuple[Municipality, int]]) -> Markup | None:
    if not load:
        return None
    return bar_chart(
        [Bar(m.name, n, emphasis=m.id == scope.municipality.id) for m, n in load],
        chart_id="load-chart",
        title=_("Reviews given per municipality"),
        desc=described((m.name, n) for m, n in load),
    )


def partner_chart(partners: list[tuple[Municipality, int]]) -> Markup | None:
    if not partners:
        return None
    return bar_chart(
        [Bar(m.name, n) for m, n in partners],
        chart_id="partner-chart",
        title=_("Joint units per partner municipality"),
        desc=described((m.name, n) for m, n in partners),
    )


def build_report(scope: Scope) -> Report:
    """The year's indicators, as the report page shows them."""
    municipality, year = scope.municipality, scope.year
    joint = units.joint_units(scope.viewer, municipality, year)
    partners = sorted(units.partner_counts(joint).items(), key=lambda p: (-p[1], p[0].name))
    given = reviews.given(municipality, year)
    received = reviews.received(municipality, year)
    load = reviews.load(year)
    return Report(
        joint_units=len(joint),
        partners=partners,
        reviews_given=len(given),
        reviews_received=len(received),
        rubrics=[rubric_result(v, m) for v, m in reviews.rubric_means(municipality, year)],
        participation=people.participation(municipality, year),
        goals=units.curriculum_goals(scope.viewer, municipality, year),
        speed_given=reviews.speed(given),
        speed_received=reviews.speed(received),
        load=load,
        load_chart=load_chart(scope, load),
        partner_chart=partner_chart(partners),
    )
