import pytest

from tests.organizations.factories import build_chain


@pytest.fixture
def chain(db):
    return build_chain()
