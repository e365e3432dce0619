from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("", views.organisation_list, name="organisation-list"),
    path("new/", views.organisation_create, name="organisation-create"),
    path("<int:pk>/", views.organisation_detail, name="organisation-detail"),
    path("<int:pk>/edit/", views.organisation_update, name="organisation-update"),
    path("<int:pk>/history/", views.organisation_history, name="organisation-history"),
    path("<int:pk>/verify/", views.organisation_verify, name="organisation-verify"),
    path("<int:pk>/members/", views.member_list, name="member-list"),
    path(
        "<int:pk>/members/<int:membership_pk>/edit/",
        views.member_update,
        name="member-update",
    ),
    path(
        "<int:pk>/members/<int:membership_pk>/remove/",
        views.member_remove,
        name="member-remove",
    ),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation-accept"),
    path("agreements/", views.agreement_list, name="agreement-list"),
    path("agreements/new/", views.agreement_create, name="agreement-create"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement-detail"),
    path("agreements/<int:pk>/edit/", views.agreement_update, name="agreement-update"),
    path("agreements/<int:pk>/history/", views.agreement_history, name="agreement-history"),
    path(
        "agreements/<int:pk>/transition/",
        views.agreement_transition,
        name="agreement-transition",
    ),
    path("agreements/<int:pk>/confirm/", views.agreement_confirm, name="agreement-confirm"),
    path("agreements/<int:pk>/document/", views.agreement_document, name="agreement-document"),
]
