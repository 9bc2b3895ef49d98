"""Allocation rules that must hold for every network: checked on generated data against the
rules as the exchange states them, not against the code's own predicate."""

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from app.reviews.allocation_rules import COUNTED, Case, Person, allocate

MUNICIPALITIES = range(1, 5)


PERSON = st.tuples(
    st.sampled_from(MUNICIPALITIES),
    st.integers(0, 2),
    st.frozensets(st.sampled_from("abc"), max_size=2),
    st.frozensets(st.sampled_from(("fi", "sv")), max_size=2),
    st.sampled_from((True, True, True, False)),
    st.integers(0, 4),
)


def person(teacher_id: int, fields) -> Person:
    municipality, school, subjects, languages, active, load = fields
    return Person(
        teacher_id, municipality * 10 + school, municipality, f"M{municipality}",
        subjects, languages, active, load,
    )  # fmt: skip


@st.composite
def networks(draw):
    """(a request's case, every teacher) with random rules in play."""
    rows = draw(st.lists(PERSON, min_size=1, max_size=20))
    everyone = [person(teacher_id, fields) for teacher_id, fields in enumerate(rows, start=1)]
    some_id = st.integers(1, len(everyone))
    pair = st.tuples(some_id, some_id)
    authors = draw(st.lists(st.sampled_from(everyone), min_size=1, max_size=3, unique=True))
    reviewing = draw(st.frozensets(some_id, max_size=2))
    case = Case(
        authors=tuple(authors),
        collaborators=frozenset(a.id for a in authors) | draw(st.frozensets(some_id, max_size=4)),
        assigned=reviewing | draw(st.frozensets(some_id, max_size=3)),
        reviewing=reviewing,
        conflicts=draw(st.frozensets(pair, max_size=6)),
        reviewed=draw(st.frozensets(pair, max_size=6)),
        subjects=draw(st.frozensets(st.sampled_from("abc"), max_size=2)),
        language=draw(st.sampled_from(["", "fi", "sv"])),
        wanted=draw(st.integers(1, 5)),
    )
    return case, everyone


def may_review(case: Case, person: Person) -> bool:
    """The exchange's rules, as the product states them."""
    authors = {a.id for a in case.authors}
    return (
        person.active
        and person.municipality_id not in {a.municipality_id for a in case.authors}
        and person.school_id not in {a.school_id for a in case.authors}
        and person.id not in authors | case.collaborators | case.assigned
        and not any({(person.id, a), (a, person.id)} & case.conflicts for a in authors)
        and not any((a, person.id) in case.reviewed for a in authors)
    )


@settings(max_examples=150, deadline=None)
@given(networks())
def test_no_pick_ever_breaks_a_rule(network):
    case, everyone = network
    picks = allocate(case, everyone).picks
    assert all(may_review(case, pick.person) for pick in picks)
    assert len({pick.person.id for pick in picks}) == len(picks) <= case.places


@settings(max_examples=150, deadline=None)
@given(networks())
def test_places_stay_open_only_when_nobody_else_may_review(network):
    case, everyone = network
    allocation = allocate(case, everyone)
    allowed = [person for person in everyone if may_review(case, person)]
    if len(allocation.picks) < case.places:
        assert len(allocation.picks) == len(allowed)
    else:
        assert len(allocation.picks) == case.places


@settings(max_examples=150, deadline=None)
@given(networks())
def test_a_request_left_short_says_why_for_every_teacher_of_other_municipalities(network):
    case, everyone = network
    allocation = allocate(case, everyone)
    shortfall = allocation.shortfall
    if len(allocation.picks) == case.places:
        assert shortfall is None
        return
    author_places = {a.municipality_id for a in case.authors}
    elsewhere = [p for p in everyone if p.active and p.municipality_id not in author_places]
    assert shortfall["found"] == case.filled + len(allocation.picks)
    assert shortfall["wanted"] == case.wanted
    assert shortfall["pool"] == len(elsewhere)
    # Current reviewers are found, not passed over (unless they also work on the document).
    reviewing = [p for p in elsewhere if p.id in case.reviewing - case.collaborators]
    explained = sum(shortfall.get(rule, 0) for rule in COUNTED)
    assert explained + len(reviewing) + len(allocation.picks) == len(elsewhere)


@settings(max_examples=150, deadline=None)
@given(networks())
def test_no_teacher_left_out_is_a_better_match_than_one_picked(network):
    case, everyone = network
    allocation = allocate(case, everyone)
    picked = {pick.person.id for pick in allocation.picks}
    worst_pick = max((pick.key for pick in allocation.picks), default=None)
    for other in allocation.eligible:
        if other.person.id not in picked:
            assert worst_pick is None or other.key > worst_pick


@settings(max_examples=150, deadline=None)
@given(
    st.integers(2, 12).flatmap(
        lambda size: st.tuples(
            st.just(size),
            st.lists(st.integers(1, size), min_size=1, max_size=30),
        )
    )
)
def test_request_after_request_keeps_loads_within_one(pool):
    size, requests = pool
    author = Person(0, school_id=1, municipality_id=1)
    loads = dict.fromkeys(range(1, size + 1), 0)
    for wanted in requests:
        everyone = [
            Person(i, school_id=20 + i, municipality_id=2 + i % 3, open_reviews=load)
            for i, load in loads.items()
        ]
        allocation = allocate(Case(authors=(author,), wanted=wanted), everyone)
        assert len(allocation.picks) == wanted
        for pick in allocation.picks:
            loads[pick.person.id] += 1
        assert max(loads.values()) - min(loads.values()) <= 1


@settings(deadline=None)
@given(networks())
def test_the_same_network_gives_the_same_picks(network):
    case, everyone = network
    again = allocate(replace(case), list(reversed(everyone)))
    assert again.picks == allocate(case, everyone).picks
