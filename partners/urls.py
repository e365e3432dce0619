from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("", views.organisation_list, name="organisation-list"),
    path("agreements/", views.agreement_list, name="agreement-list"),
]
