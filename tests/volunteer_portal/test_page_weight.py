"""A first visit to the opportunity listing transfers at most 300 KB, as served in production:
static files compressed by whitenoise at collectstatic, the page itself gzipped."""

import gzip
import re

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from tests.factories import OpportunityFactory

pytestmark = pytest.mark.django_db

BUDGET = 300 * 1024


@pytest.fixture
def collected(tmp_path, settings):
    """collectstatic with the production storage into a temporary folder."""
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", "--noinput", verbosity=0)
        yield tmp_path


def compressed_size(path) -> int:
    """What a browser accepting gzip or brotli receives: the smallest stored encoding."""
    sizes = [path.stat().st_size]
    sizes += [
        variant.stat().st_size
        for variant in (path.with_name(path.name + ".br"), path.with_name(path.name + ".gz"))
        if variant.exists()
    ]
    return min(sizes)


def test_first_visit_to_the_opportunity_listing_stays_under_300_kb(client, collected, settings):
    for _ in range(20):
        OpportunityFactory()
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=collected, STORAGES=storages, DEBUG=False):
        html = client.get(reverse("deployments:opportunity-list")).content

    assets = re.findall(rb'(?:href|src)="/static/([^"]+)"', html)
    assert assets, "the page links its stylesheets and scripts"
    total = len(gzip.compress(html)) + sum(
        compressed_size(collected / asset.decode()) for asset in assets
    )

    print(f"first visit to the opportunity listing: {total / 1024:.0f} KB")
    assert total <= BUDGET, f"{total / 1024:.0f} KB"
