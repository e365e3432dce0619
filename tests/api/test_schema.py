"""The OpenAPI schema: valid, free of server errors under schemathesis, and enough on its own
for a client (issue 15's "done when")."""

import json
import re
import uuid

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from django.utils import timezone
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from api.services import api_token_create
from deployments.models import ActivityLog
from tests.factories import OpportunityFactory

SCHEMA_URL = "/api/schema/?format=json"
# Bounded so that the whole run stays well under a minute on a shared machine.
EXAMPLES_PER_OPERATION = 8


@pytest.fixture
def schema_document(db):
    response = Client().get(SCHEMA_URL)
    assert response.status_code == 200
    return response.json()


def test_the_schema_is_valid_openapi_3(schema_document):
    validate_schema(schema_document)  # raises on an invalid document

    assert schema_document["openapi"].startswith("3.")


def test_every_api_path_is_in_the_schema(schema_document):
    assert {
        "/api/v1/activity-logs/",
        "/api/v1/activity-logs/{id}/",
        "/api/v1/check-ins/",
        "/api/v1/monthly-reports/",
        "/api/v1/me/placements/",
        "/api/v1/opportunities/",
        "/api/v1/organisations/",
        "/api/v1/projects/",
    } <= set(schema_document["paths"])


# Schemathesis, through the WSGI application ---------------------------------------------------


@pytest.fixture
def field_volunteer_key(placement, volunteer):
    """A token of a volunteer in the field, so that writes get past authentication."""
    OpportunityFactory()
    _token, key = api_token_create(user=volunteer, name="Schemathesis")
    return key


@pytest.fixture
def wsgi_schema(db):
    """The schema as the WSGI application serves it. As Django's test client does, the
    connection is not closed at the end of each request: it holds the test's transaction."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi(SCHEMA_URL, get_wsgi_application())
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_operation_answers_a_server_error(wsgi_schema, field_volunteer_key, mode):
    """Every operation, with examples generated from the schema (valid ones, then invalid
    ones), sent with a field volunteer's token: none answers 5xx."""
    token = {"Authorization": f"Token {field_volunteer_key}"}

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
    )
    @given(data=st.data())
    def check(operation, data):
        case = data.draw(operation.as_strategy(generation_mode=mode))
        response = case.call(headers=token)
        case.validate_response(response, checks=[not_a_server_error])

    exercised = []
    for result in wsgi_schema.get_all_operations():
        operation = result.ok()
        try:
            check(operation)
        except Unsatisfiable:
            # A list with only optional paging parameters has few invalid forms to make.
            assert mode == GenerationMode.NEGATIVE, operation.label
        else:
            exercised.append(operation.label)
    assert len(exercised) >= 20


# A client that knows only the schema ---------------------------------------------------------


class SchemaClient:
    """Finds each operation by its operationId in the schema and calls it: nothing about
    the API is known here but what the schema says."""

    def __init__(self, document, token: str | None = None):
        self.operations = {
            operation["operationId"]: (path, method.upper(), operation)
            for path, methods in document["paths"].items()
            for method, operation in methods.items()
        }
        self.headers = {"Authorization": f"Token {token}"} if token else {}
        self.http = Client()

    def header_name(self, operation_id: str, prefix: str) -> str:
        _path, _method, operation = self.operations[operation_id]
        return next(
            parameter["name"]
            for parameter in operation.get("parameters", [])
            if parameter["in"] == "header" and parameter["name"].startswith(prefix)
        )

    def call(self, operation_id: str, *, body=None, headers=None, query=None, **path_values):
        path, method, operation = self.operations[operation_id]
        declared = {parameter["name"] for parameter in operation.get("parameters", [])}
        assert set(query or {}) <= declared, "a query parameter the schema does not declare"
        url = path.format(**path_values)
        headers = {**self.headers, **(headers or {})}
        if method == "GET":
            return self.http.get(url, query or {}, headers=headers)
        return self.http.generic(
            method,
            url,
            data=json.dumps(body),
            content_type="application/json",
            headers=headers,
        )


def test_a_client_from_the_schema_lists_opportunities_and_sends_a_log_once(
    schema_document, placement, volunteer
):
    opportunity = OpportunityFactory(title="Mathematics teacher")
    _token, key = api_token_create(user=volunteer, name="Generated client")
    visitor = SchemaClient(schema_document)
    field_app = SchemaClient(schema_document, token=key)

    listed = visitor.call("opportunities_list", query={"q": "mathematics"}).json()["results"]
    idempotency_header = field_app.header_name("activity_logs_create", "Idempotency")
    log = {
        "placement": field_app.call("me_placements_list").json()["results"][0]["id"],
        "date": timezone.localdate().isoformat(),
        "hours": "2.5",
        "activity_type": "teaching",
        "description": "Fractions with grade 5.",
    }
    one_key = {idempotency_header: str(uuid.uuid4())}
    first = field_app.call("activity_logs_create", body=log, headers=one_key)
    again = field_app.call("activity_logs_create", body=log, headers=one_key)

    assert [row["title"] for row in listed] == [opportunity.title]
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert list(ActivityLog.objects.values_list("placement", "description")) == [
        (placement.pk, "Fractions with grade 5.")
    ]


# The documentation page ---------------------------------------------------------------------


def test_the_docs_page_loads_everything_from_the_portal(client):
    page = client.get("/api/docs/")
    script = client.get("/api/docs/?script=")

    html = page.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    csp = page["Content-Security-Policy"]
    assert page.status_code == 200
    assert assets and all(asset.startswith("/") and not asset.startswith("//") for asset in assets)
    assert "<script>" not in html and "<style>" not in html  # nothing inline for the CSP
    assert "http" not in csp and "'unsafe-inline'" not in csp
    assert [client.get(asset).status_code for asset in assets if "script=" not in asset] == [
        200
    ] * (len(assets) - 1)
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert '"validatorUrl": null' in script.content.decode()
