"""Notes the portal writes on a status change are kept as codes and read in the reader's
language, whoever's language the actor used (issue 11)."""

import importlib

import pytest
from django.apps import apps
from django.utils import translation

from deployments import services
from deployments.enums import AutomaticNote, OpportunityStatus, ProjectStatus
from deployments.models import OpportunityStatusChange, ProjectStatusChange
from tests.factories import OpportunityFactory, ProjectFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("deployments.migrations.0009_status_notes_as_codes")


def test_a_chinese_coordinators_publication_reads_in_english_for_an_english_reader(coordinator):
    project = ProjectFactory(status=ProjectStatus.APPROVED)
    project.programme.coordinators.add(coordinator)
    opportunity = OpportunityFactory(project=project, status=OpportunityStatus.DRAFT)

    with translation.override("zh-hans"):
        services.opportunity_transition(
            opportunity=opportunity, to_status=OpportunityStatus.OPEN, by=coordinator
        )

    change = ProjectStatusChange.objects.get(project=project)
    assert (change.note, change.automatic_note) == ("", AutomaticNote.OPPORTUNITY_PUBLISHED)
    with translation.override("en"):
        assert change.note_text == f"Opportunity “{opportunity.title}” published."
    with translation.override("zh-hans"):
        assert opportunity.title in change.note_text
        assert "published" not in change.note_text


def test_a_persons_own_note_is_shown_as_written(coordinator):
    project = ProjectFactory(status=ProjectStatus.PROPOSED)

    services.project_transition(
        project=project, to_status=ProjectStatus.CANCELLED, by=coordinator, note="无资金"
    )

    with translation.override("en"):
        assert ProjectStatusChange.objects.get(project=project).note_text == "无资金"


def test_notes_written_before_in_any_language_become_codes():
    opportunity = OpportunityFactory()
    project = opportunity.project
    with translation.override("zh-hans"):
        seats = translation.gettext("Every seat is taken.")
        published = translation.gettext("Opportunity “%(title)s” published.") % {
            "title": "Maths teacher"
        }
    OpportunityStatusChange.objects.create(
        opportunity=opportunity, from_status="open", to_status="filled", note=seats
    )
    ProjectStatusChange.objects.create(
        project=project, from_status="approved", to_status="recruiting", note=published
    )
    ProjectStatusChange.objects.create(
        project=project, from_status="proposed", to_status="cancelled", note="Out of funds"
    )

    migration.notes_become_codes(apps, None)

    assert OpportunityStatusChange.objects.get().automatic_note == AutomaticNote.SEATS_TAKEN
    published_change, own = ProjectStatusChange.objects.order_by("pk")
    assert published_change.note_params == {"title": "Maths teacher"}
    with translation.override("en"):
        assert published_change.note_text == "Opportunity “Maths teacher” published."
    assert (own.note, own.automatic_note) == ("Out of funds", "")
