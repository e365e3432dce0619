"""The API's documentation page: Swagger UI from our own static files, its start-up script
served as a file of its own, so the page keeps the portal's Content Security Policy."""

from drf_spectacular.views import SpectacularSwaggerSplitView


class ApiDocsView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
