from django.urls import path

from . import views

app_name = "knowledge"

urlpatterns = [
    path("", views.resource_list, name="resource-list"),
    path("new/", views.resource_create, name="resource-create"),
    path("<int:pk>/", views.resource_detail, name="resource-detail"),
    path("<int:pk>/edit/", views.resource_update, name="resource-update"),
    path("<int:pk>/publish/", views.resource_publish, name="resource-publish"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment-download"),
    path("attachments/<int:pk>/remove/", views.attachment_remove, name="attachment-remove"),
]
