import os

import pytest
from django.core.cache import cache

from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and other cached state never leak from one test into another."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def volunteer(db):
    return UserFactory(name="Li Wei")


@pytest.fixture
def programme(db):
    return ProgrammeFactory(name="Chinese Foreign Aid Volunteer Programme")


@pytest.fixture
def coordinator(programme):
    user = UserFactory(name="Zhang Min")
    programme.coordinators.add(user)
    return user


@pytest.fixture
def host_partner(db):
    return OrganisationFactory(name="Nepal Community Learning Centre", country="NP")


@pytest.fixture
def partner_member(host_partner):
    user = UserFactory(name="Sita Sharma")
    MembershipFactory(user=user, organisation=host_partner, is_reviewer=True, is_supervisor=True)
    return user


@pytest.fixture
def administrator(db):
    return UserFactory(name="Site Administrator", is_superuser=True, is_staff=True)


@pytest.fixture
def redis_url():
    """The Redis of CI and production-shaped setups; tests needing it skip without it."""
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("REDIS_URL is not set: no Redis to test against")
    return url
