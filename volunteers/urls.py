from django.urls import path

from . import views

app_name = "volunteers"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/consent/withdraw/", views.consent_withdraw, name="consent-withdraw"),
    path("documents/", views.document_list, name="document-list"),
    path("documents/upload/", views.document_upload, name="document-upload"),
    path("documents/<int:pk>/delete/", views.document_delete, name="document-delete"),
    path("documents/<int:pk>/file/", views.document_download, name="document-download"),
]
