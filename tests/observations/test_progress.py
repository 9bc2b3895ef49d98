"""Progress between an observation and its follow-up: pure comparison and chart geometry."""

from app.observations.progress import (
    BAR_SPAN,
    IMPROVED,
    LOWER,
    SAME,
    Mark,
    chart,
    compare,
)


def mark(title, level, levels=4):
    return Mark(title, level, levels, None if level is None else float(level), f"Level {level}")


def test_each_criterion_is_improved_the_same_or_lower():
    progress = compare(
        [mark("Objectives", 2), mark("Engagement", 3), mark("Checking", 3)],
        [mark("Objectives", 3), mark("Engagement", 3), mark("Checking", 1)],
    )
    assert [(row.title, row.change) for row in progress.rows] == [
        ("Objectives", IMPROVED),
        ("Engagement", SAME),
        ("Checking", LOWER),
    ]
    assert (progress.count(IMPROVED), progress.count(SAME), progress.count(LOWER)) == (1, 1, 1)
    assert progress.dropped == progress.added == []


def test_the_change_follows_the_level_scores_not_their_positions():
    earlier = Mark("Objectives", 2, 4, 2.0)
    later = Mark("Objectives", 2, 5, 2.5)  # a revised rubric with finer levels
    assert compare([earlier], [later]).rows[0].change == IMPROVED


def test_criteria_are_matched_by_title_in_the_later_rubrics_order():
    progress = compare(
        [mark("Checking understanding", 1), mark("Learning  objectives", 2)],
        [mark("learning objectives", 4), mark("Checking Understanding", 1)],
    )
    assert [row.title for row in progress.rows] == ["learning objectives", "Checking Understanding"]
    assert [row.earlier.level for row in progress.rows] == [2, 1]
    assert [row.change for row in progress.rows] == [IMPROVED, SAME]


def test_criteria_in_only_one_rubric_version_are_named_as_not_comparable():
    progress = compare(
        [mark("Objectives", 2), mark("Homework", 3)],
        [mark("Objectives", 2), mark("Differentiation", 1)],
    )
    assert [row.title for row in progress.rows] == ["Objectives"]
    assert progress.dropped == ["Homework"]
    assert progress.added == ["Differentiation"]


def test_an_unrated_criterion_has_no_change():
    progress = compare([mark("Objectives", None)], [mark("Objectives", 3)])
    assert progress.rows[0].change is None
    assert progress.count(IMPROVED) == 0


def test_the_bars_are_as_long_as_the_levels_are_high():
    drawn = chart(
        compare(
            [mark("Objectives", 1), mark("Engagement", 4)],
            [mark("Objectives", 2), mark("Engagement", None)],
        )
    )
    first, second = drawn.rows
    assert (first.earlier.width, first.now.width) == (BAR_SPAN // 4, BAR_SPAN // 2)
    assert (first.earlier.text, first.now.text) == ("1/4", "2/4")
    assert (second.earlier.width, second.now.width) == (BAR_SPAN, 0)
    assert second.now.text == "\N{EN DASH}"
    assert first.now.y > first.earlier.y
    assert second.earlier.y > first.now.y
    assert drawn.height > second.now.y + drawn.bar_height


def test_the_chart_grows_with_its_rows_and_shortens_long_labels():
    long_title = "Students explain their reasoning to each other in pairs"
    one = chart(compare([mark("A", 1)], [mark("A", 2)]))
    two = chart(compare([mark("A", 1), mark(long_title, 1)], [mark("A", 2), mark(long_title, 1)]))
    assert two.height > one.height
    assert two.rows[1].label.endswith("…")
    assert len(two.rows[1].label) <= 30
    assert two.rows[0].label == "A"
