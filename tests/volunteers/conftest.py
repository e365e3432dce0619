import pytest

from tests.factories import UserFactory


@pytest.fixture
def other_volunteer(db):
    return UserFactory(name="Chen Jing")
