from django.urls import path

from .views import (
    applications,
    indicators,
    needs_assessments,
    opportunities,
    programmes,
    projects,
)

app_name = "deployments"

urlpatterns = [
    # Opportunities
    path("opportunities/", opportunities.opportunity_list, name="opportunity-list"),
    path("opportunities/<int:pk>/", opportunities.opportunity_detail, name="opportunity-detail"),
    path(
        "opportunities/<int:pk>/edit/",
        opportunities.opportunity_update,
        name="opportunity-update",
    ),
    path(
        "opportunities/<int:pk>/transition/",
        opportunities.opportunity_transition,
        name="opportunity-transition",
    ),
    # Projects
    path("projects/", projects.project_list, name="project-list"),
    path("projects/new/", projects.project_create, name="project-create"),
    path("projects/<int:pk>/", projects.project_detail, name="project-detail"),
    path("projects/<int:pk>/edit/", projects.project_update, name="project-update"),
    path("projects/<int:pk>/transition/", projects.project_transition, name="project-transition"),
    path(
        "projects/<int:pk>/needs-assessment/",
        needs_assessments.needs_assessment_edit,
        name="needs-assessment-edit",
    ),
    path(
        "projects/<int:pk>/needs-assessment/sign-off/",
        needs_assessments.needs_assessment_sign_off,
        name="needs-assessment-sign-off",
    ),
    path(
        "projects/<int:pk>/indicators/new/",
        indicators.indicator_create,
        name="indicator-create",
    ),
    path(
        "projects/<int:pk>/opportunities/new/",
        opportunities.opportunity_create,
        name="opportunity-create",
    ),
    path("indicators/<int:pk>/edit/", indicators.indicator_update, name="indicator-update"),
    path("indicators/<int:pk>/delete/", indicators.indicator_delete, name="indicator-delete"),
    # Programmes
    path("programmes/", programmes.programme_list, name="programme-list"),
    path("programmes/<int:pk>/", programmes.programme_detail, name="programme-detail"),
    path("programmes/<int:pk>/edit/", programmes.programme_update, name="programme-update"),
    # Applications and reviews
    path("opportunities/<int:pk>/apply/", applications.application_apply, name="application-apply"),
    path(
        "opportunities/<int:pk>/applications/",
        applications.opportunity_pipeline,
        name="opportunity-pipeline",
    ),
    path("applications/", applications.application_list, name="application-list"),
    path("applications/<int:pk>/", applications.application_detail, name="application-detail"),
    path(
        "applications/<int:pk>/transition/",
        applications.application_transition,
        name="application-transition",
    ),
    path(
        "applications/<int:pk>/release/",
        applications.application_release,
        name="application-release",
    ),
    path("applications/<int:pk>/review/", applications.review_edit, name="review-edit"),
    path(
        "applications/<int:pk>/review/conflict/",
        applications.review_conflict,
        name="review-conflict",
    ),
]
