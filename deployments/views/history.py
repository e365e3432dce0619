"""Each managed object's History, from the audit log (see the `audit` app)."""

from audit.views import history_view

from ..models import Application, Opportunity, Placement, Programme, Project

programme_history = history_view(
    Programme, view_perm="deployments.view_programme", detail_url="deployments:programme-detail"
)
project_history = history_view(
    Project, view_perm="deployments.view_project", detail_url="deployments:project-detail"
)
opportunity_history = history_view(
    Opportunity,
    view_perm="deployments.view_opportunity",
    detail_url="deployments:opportunity-detail",
)
application_history = history_view(
    Application,
    view_perm="deployments.view_application",
    detail_url="deployments:application-detail",
)
placement_history = history_view(
    Placement, view_perm="deployments.view_placement", detail_url="deployments:placement-detail"
)
