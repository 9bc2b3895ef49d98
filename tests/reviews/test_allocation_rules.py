"""The allocation rules on plain data: who is passed over, who is picked first, and why."""

from app.reviews.allocation_rules import (
    ASSIGNED,
    AUTHOR,
    COLLABORATOR,
    CONFLICT,
    INACTIVE,
    MUNICIPALITY,
    RECIPROCAL,
    SCHOOL,
    Case,
    Person,
    allocate,
    broken_rules,
)

TORNIO, HAPARANDA, LULEA, KEMI = 1, 2, 3, 4
AUTHOR_ONE = Person(1, school_id=10, municipality_id=TORNIO, municipality="Tornio")
AUTHOR_TWO = Person(2, school_id=20, municipality_id=HAPARANDA, municipality="Haparanda")


def teacher(teacher_id: int, municipality_id: int = LULEA, **fields) -> Person:
    names = {TORNIO: "Tornio", HAPARANDA: "Haparanda", LULEA: "Luleå", KEMI: "Kemi"}
    school = fields.pop("school_id", 100 * municipality_id + teacher_id)
    return Person(teacher_id, school, municipality_id, names[municipality_id], **fields)


def case(**fields) -> Case:
    return Case(authors=(AUTHOR_ONE, AUTHOR_TWO), **fields)


def picked(allocation) -> list[int]:
    return [pick.person.id for pick in allocation.picks]


def test_reviewers_come_from_a_municipality_of_no_author():
    people = [teacher(5, TORNIO), teacher(6, HAPARANDA), teacher(7, LULEA), teacher(8, KEMI)]
    assert picked(allocate(case(), people)) == [7, 8]
    assert broken_rules(case(), people[0]) == (MUNICIPALITY,)
    assert broken_rules(case(), people[1]) == (MUNICIPALITY,)


def test_an_author_a_collaborator_or_a_deactivated_teacher_is_never_picked():
    outsider_editor = teacher(5, KEMI)
    gone = teacher(6, KEMI, active=False)
    rules = case(collaborators=frozenset({1, 2, 5}))
    assert picked(allocate(rules, [AUTHOR_ONE, outsider_editor, gone, teacher(7)])) == [7]
    assert broken_rules(rules, AUTHOR_ONE)[0] == AUTHOR
    assert broken_rules(rules, outsider_editor) == (COLLABORATOR,)
    assert broken_rules(rules, gone) == (INACTIVE,)


def test_a_teacher_of_an_authors_school_breaks_the_school_rule_too():
    colleague = teacher(5, TORNIO, school_id=AUTHOR_ONE.school_id)
    assert broken_rules(case(), colleague) == (SCHOOL, MUNICIPALITY)


def test_a_conflict_of_interest_counts_whoever_declared_it():
    declared_by_candidate = teacher(5)
    declared_by_author = teacher(6)
    rules = case(conflicts=frozenset({(5, 2), (1, 6)}))
    assert broken_rules(rules, declared_by_candidate) == (CONFLICT,)
    assert broken_rules(rules, declared_by_author) == (CONFLICT,)
    assert picked(allocate(rules, [declared_by_candidate, declared_by_author, teacher(7)])) == [7]


def test_whose_work_an_author_reviewed_does_not_review_that_author_now():
    reviewed_by_author = teacher(5)
    reviewed_the_author = teacher(6)
    rules = case(reviewed=frozenset({(1, 5), (6, 2)}))
    assert broken_rules(rules, reviewed_by_author) == (RECIPROCAL,)
    # Having reviewed an author is no favour the author can return: 6 may review again.
    assert broken_rules(rules, reviewed_the_author) == ()


def test_nobody_is_asked_twice_whatever_they_answered():
    rules = case(assigned=frozenset({5}))
    assert broken_rules(rules, teacher(5)) == (ASSIGNED,)
    assert picked(allocate(rules, [teacher(5), teacher(6), teacher(7)])) == [6, 7]


def test_subject_then_language_then_load_then_id_decide():
    rules = case(subjects=frozenset({"biology"}), language="sv")
    people = [
        teacher(5, open_reviews=0),
        teacher(6, languages=frozenset({"sv"}), open_reviews=3),
        teacher(7, subjects=frozenset({"biology"}), open_reviews=4),
        teacher(8, subjects=frozenset({"biology"}), languages=frozenset({"sv"}), open_reviews=5),
        teacher(9, open_reviews=0),
    ]
    ranked = [pick.person.id for pick in allocate(rules, people).eligible]
    assert ranked == [8, 7, 6, 5, 9]


def test_fewest_open_reviews_first_among_equal_matches():
    people = [teacher(5, open_reviews=2), teacher(6, open_reviews=1), teacher(7, open_reviews=1)]
    assert picked(allocate(case(wanted=2), people)) == [6, 7]


def test_the_same_data_gives_the_same_picks_in_any_order():
    people = [teacher(i, open_reviews=i % 3) for i in range(5, 30)]
    first = picked(allocate(case(wanted=3), people))
    assert picked(allocate(case(wanted=3), list(reversed(people)))) == first


def test_only_open_places_are_filled():
    people = [teacher(i) for i in range(5, 10)]
    reviewing = frozenset({50, 51})
    assert picked(allocate(case(wanted=3, reviewing=reviewing), people)) == [5]
    assert picked(allocate(case(wanted=2, reviewing=reviewing), people)) == []


def test_a_pick_says_where_from_what_matches_and_the_load():
    rules = case(subjects=frozenset({"biology"}), language="sv")
    person = teacher(5, subjects=frozenset({"biology", "chemistry"}), open_reviews=1)
    (pick,) = allocate(rules, [person]).picks
    assert pick.reasons == {"municipality": "Luleå", "subject": True, "language": False, "open": 1}


def test_a_filled_request_has_no_shortfall():
    assert allocate(case(wanted=1), [teacher(5)]).shortfall is None


def test_a_shortfall_counts_who_was_passed_over_and_why():
    rules = case(
        wanted=3,
        collaborators=frozenset({5, 6}),
        conflicts=frozenset({(7, 1)}),
        reviewed=frozenset({(2, 8)}),
        assigned=frozenset({9, 13}),
        reviewing=frozenset({13}),
    )
    others = [teacher(11, TORNIO), teacher(12, active=False), teacher(13)]
    allocation = allocate(rules, [teacher(i) for i in range(5, 11)] + others)
    assert picked(allocation) == [10]
    # Teacher 13 already reviews: found, not passed over. Teacher 9 declined earlier.
    assert allocation.shortfall == {
        "found": 2,
        "wanted": 3,
        "pool": 7,
        COLLABORATOR: 2,
        CONFLICT: 1,
        RECIPROCAL: 1,
        ASSIGNED: 1,
    }


def test_a_collaborator_in_an_authors_municipality_is_not_counted_as_passed_over():
    rules = case(wanted=1, collaborators=frozenset({5}))
    shortfall = allocate(rules, [teacher(5, TORNIO)]).shortfall
    assert shortfall == {"found": 0, "wanted": 1, "pool": 0}
