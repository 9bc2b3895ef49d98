import pytest

from tests.dashboard.scene import build_scene


@pytest.fixture
def scene(make_municipality, make_school, make_teacher, make_rubric):
    return build_scene(make_municipality, make_school, make_teacher, make_rubric)
