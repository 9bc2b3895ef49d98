"""The factories a scene is built from, by name."""

import pytest

from tests.activity.scene import FACTORIES


@pytest.fixture
def factories(request):
    return {name: request.getfixturevalue(name) for name in FACTORIES}
