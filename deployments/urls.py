from django.urls import path

from .views import opportunities, programmes, projects

app_name = "deployments"

urlpatterns = [
    path("opportunities/", opportunities.opportunity_list, name="opportunity-list"),
    path("projects/", projects.project_list, name="project-list"),
    path("programmes/", programmes.programme_list, name="programme-list"),
]
