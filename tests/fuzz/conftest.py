import pytest

from tests.authz import runner

# One demo world for the whole fuzzing package (building it takes a while), rolled back at the end.
world = pytest.fixture(scope="package", name="world")(runner.make_world)
world_files = runner.world_files
