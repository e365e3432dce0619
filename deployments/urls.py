from django.urls import path

from .views import (
    applications,
    field_app,
    history,
    indicators,
    needs_assessments,
    opportunities,
    partnerships,
    placements,
    programmes,
    projects,
)

app_name = "deployments"

urlpatterns = [
    # The field app: served from the site's root, so that the worker's scope is every page.
    path("sw.js", field_app.field_app_service_worker, name="field-app-service-worker"),
    path("manifest.webmanifest", field_app.field_app_manifest, name="field-app-manifest"),
    path("offline/", field_app.field_app_offline, name="field-app-offline"),
    # Opportunities
    path("opportunities/", opportunities.opportunity_list, name="opportunity-list"),
    path("opportunities/<int:pk>/", opportunities.opportunity_detail, name="opportunity-detail"),
    path(
        "opportunities/<int:pk>/history/",
        history.opportunity_history,
        name="opportunity-history",
    ),
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
    path("projects/<int:pk>/history/", history.project_history, name="project-history"),
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
    path("programmes/<int:pk>/history/", history.programme_history, name="programme-history"),
    path("programmes/<int:pk>/iati.xml", programmes.programme_iati, name="programme-iati"),
    # Partnerships
    path("partnerships/", partnerships.partnership_list, name="partnership-list"),
    path(
        "programmes/<int:pk>/partnerships/new/",
        partnerships.partnership_propose,
        name="partnership-propose",
    ),
    path(
        "programmes/<int:pk>/organisations/new/",
        partnerships.programme_organisation_register,
        name="programme-organisation-register",
    ),
    path(
        "partnerships/<int:pk>/accept/",
        partnerships.partnership_accept,
        name="partnership-accept",
    ),
    path("partnerships/<int:pk>/end/", partnerships.partnership_end, name="partnership-end"),
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
        "applications/<int:pk>/history/",
        history.application_history,
        name="application-history",
    ),
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
    # Placements and field work
    path("placements/", placements.placement_list, name="placement-list"),
    path("placements/logs/", placements.activity_log_queue, name="activity-log-queue"),
    path("placements/<int:pk>/", placements.placement_detail, name="placement-detail"),
    path("placements/<int:pk>/history/", history.placement_history, name="placement-history"),
    path("placements/<int:pk>/edit/", placements.placement_update, name="placement-update"),
    path(
        "placements/<int:pk>/transition/",
        placements.placement_transition,
        name="placement-transition",
    ),
    path(
        "placements/<int:pk>/checklist/<slug:item>/",
        placements.pre_departure_item_update,
        name="pre-departure-item-update",
    ),
    path(
        "placements/<int:pk>/logs/new/",
        placements.activity_log_create,
        name="activity-log-create",
    ),
    path(
        "placements/<int:pk>/reports/new/",
        placements.monthly_report_create,
        name="monthly-report-create",
    ),
    path("placements/<int:pk>/check-in/", placements.check_in_create, name="check-in-create"),
    path(
        "check-ins/<int:pk>/acknowledge/",
        placements.check_in_acknowledge,
        name="check-in-acknowledge",
    ),
    path("check-ins/<int:pk>/resolve/", placements.check_in_resolve, name="check-in-resolve"),
    path("placements/<int:pk>/appraisal/", placements.appraisal_edit, name="appraisal-edit"),
    path("placements/<int:pk>/lessons/", placements.lessons_edit, name="lessons-edit"),
    path(
        "placements/<int:pk>/certificate/",
        placements.placement_certificate,
        name="placement-certificate",
    ),
    path("logs/<int:pk>/edit/", placements.activity_log_update, name="activity-log-update"),
    path("logs/<int:pk>/review/", placements.activity_log_review, name="activity-log-review"),
    path(
        "logs/<int:pk>/supervise/",
        placements.activity_log_supervise,
        name="activity-log-supervise",
    ),
    path("photos/<int:pk>/", placements.activity_photo, name="activity-photo"),
    path(
        "photos/<int:pk>/thumbnail/",
        placements.activity_photo,
        {"size": "thumbnail"},
        name="activity-photo-thumbnail",
    ),
    path(
        "projects/<int:pk>/indicators/",
        placements.project_indicators,
        name="project-indicators",
    ),
    path(
        "indicators/<int:pk>/measurements/new/",
        placements.indicator_measurement_create,
        name="indicator-measurement-create",
    ),
]
