"""Every deployments model is in the admin, with its list, search and add pages working."""

import pytest
from django.contrib import admin
from django.urls import reverse

from deployments import models
from tests.factories import (
    IndicatorFactory,
    OpportunityLanguageFactory,
    ProjectPartnerFactory,
    ReviewFactory,
    SignedOffNeedsAssessmentFactory,
)

pytestmark = pytest.mark.django_db

MODELS = [
    models.SustainableDevelopmentGoal,
    models.Programme,
    models.Project,
    models.ProjectPartner,
    models.ProjectStatusChange,
    models.NeedsAssessment,
    models.NeedsAssessmentEvent,
    models.Indicator,
    models.Opportunity,
    models.OpportunityLanguage,
    models.OpportunityStatusChange,
    models.Application,
    models.Review,
    models.Placement,
]


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_model_admin_changelist_and_search(client, administrator, model):
    assert model in admin.site._registry
    SignedOffNeedsAssessmentFactory()
    IndicatorFactory()
    ProjectPartnerFactory()
    OpportunityLanguageFactory()
    ReviewFactory()
    client.force_login(administrator)
    url = reverse(f"admin:deployments_{model._meta.model_name}_changelist")

    assert client.get(url).status_code == 200
    assert client.get(url, {"q": "a"}).status_code == 200


@pytest.mark.parametrize(
    "model", [models.Programme, models.Project, models.Opportunity], ids=lambda m: m.__name__
)
def test_model_admin_add_and_change_pages(client, administrator, model):
    opportunity = OpportunityLanguageFactory().opportunity
    objects = {
        models.Programme: opportunity.project.programme,
        models.Project: opportunity.project,
        models.Opportunity: opportunity,
    }
    client.force_login(administrator)
    name = model._meta.model_name

    assert client.get(reverse(f"admin:deployments_{name}_add")).status_code == 200
    change = reverse(f"admin:deployments_{name}_change", args=[objects[model].pk])
    assert client.get(change).status_code == 200


def test_sdgs_are_read_only_in_the_admin(client, administrator):
    client.force_login(administrator)

    assert (
        client.get(reverse("admin:deployments_sustainabledevelopmentgoal_add")).status_code == 403
    )


def test_an_application_change_page_shows_its_history_and_reviews(client, administrator):
    review = ReviewFactory(comment="Promising")
    client.force_login(administrator)

    response = client.get(
        reverse("admin:deployments_application_change", args=[review.application.pk])
    )

    assert response.status_code == 200
    assert "Promising" in response.content.decode()
