"""The REST API, version 1. Views stay thin: the pages' forms parse the input, `rules`
decides who may do what (RulesPermission), the deployments services make every change, and
the querysets come from the selectors scoped to the viewer."""

import hashlib
import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, ParseError
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error

from deployments import selectors, services
from deployments.enums import ActivityLogStatus, ApplicationStatus
from deployments.forms import (
    ActivityLogForm,
    ActivityLogReviewForm,
    CheckInForm,
    MonthlyReportForm,
    OpportunityFilterForm,
    PlacementFilterForm,
    ProjectFilterForm,
    ReviewForm,
    TransitionNoteForm,
)
from deployments.rules import is_log_author
from partners import selectors as partner_selectors
from partners.forms import OrganisationFilterForm
from volunteers import selectors as volunteer_selectors

from . import serializers
from .permissions import RulesPermission
from .services import IdempotencyKeyReused, idempotent_create

IDEMPOTENCY_KEY_HEADER = "Idempotency-Key"
MAX_IDEMPOTENCY_KEY_LENGTH = 255

IDEMPOTENCY_KEY_PARAMETER = OpenApiParameter(
    IDEMPOTENCY_KEY_HEADER,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="A key the client makes for this record (a UUID): a retry with the same key "
    "answers 200 with the record made the first time, and makes nothing.",
)
ERRORS = OpenApiResponse(description="Invalid input: {field: [messages]}")


def idempotent_create_schema(*, request, record):
    """The schema of a create that takes an Idempotency-Key: 201 made, 200 made before."""
    return extend_schema(
        request=request,
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
        responses={
            201: record,
            200: record,
            400: ERRORS,
            422: OpenApiResponse(description="The key was used for a different request."),
        },
    )


# Input --------------------------------------------------------------------------------------


def form_data(data) -> MultiValueDict:
    """The request's fields as a form reads them: multipart and form bodies as they are,
    a JSON object's values as the text a form would have posted."""
    if isinstance(data, QueryDict):
        return data
    if not isinstance(data, dict):
        raise ParseError(_("Send a JSON object."))
    values = MultiValueDict()
    for name, value in data.items():
        items = value if isinstance(value, list) else [value]
        values.setlist(name, ["" if item is None else str(item) for item in items])
    return values


def idempotency_key(request) -> str:
    key = request.headers.get(IDEMPOTENCY_KEY_HEADER, "").strip()
    if not key or len(key) > MAX_IDEMPOTENCY_KEY_LENGTH:
        raise ApiValidationError(
            {
                IDEMPOTENCY_KEY_HEADER: [
                    _("Send an %(header)s header of at most %(length)d characters.")
                    % {"header": IDEMPOTENCY_KEY_HEADER, "length": MAX_IDEMPOTENCY_KEY_LENGTH}
                ]
            }
        )
    return key


def request_fingerprint(request) -> str:
    """A digest of what was asked: the same key with other content is another request."""
    digest = hashlib.sha256(f"{request.method} {request.path}\n".encode())
    data = request.data
    if isinstance(data, QueryDict):
        data = {name: data.getlist(name) for name in data if name not in request.FILES}
    digest.update(json.dumps(data, sort_keys=True, default=str).encode())
    for name in sorted(request.FILES):
        for upload in request.FILES.getlist(name):
            digest.update(name.encode())
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)
    return digest.hexdigest()


def patched_form_data(form, data) -> MultiValueDict:
    """The record's current values with the sent ones over them: PATCH changes only what it
    names, through the same form as the page."""
    merged = MultiValueDict(
        {
            name: ["" if value is None else str(value)]
            for name, value in form.initial.items()
            if name in form.fields
        }
    )
    for name in data:
        merged.setlist(name, data.getlist(name))
    return merged


def service_refusal(error: ValidationError) -> APIException:
    """A service's refusal as the API answers it: 403 when the person may not do this (a
    superuser passes every `has_perm`, but the services still ask who they are), else 400
    with the messages by field."""
    if getattr(error, "code", None) in ("not_allowed", "not_assigned"):
        return exceptions.PermissionDenied(" ".join(error.messages))
    return ApiValidationError(as_serializer_error(error))


def form_errors(form) -> ValidationError:
    return ValidationError(form.errors.as_data())


def _placement_for_field_work(request, perm: str):
    """The placement named in the body, among those the viewer may see; then the permission
    to work on it, as the placement page asks."""
    try:
        pk = int(str(form_data(request.data).get("placement", "")))
    except ValueError:
        pk = None
    placement = (
        selectors.placement_visible_list(viewer=request.user).filter(pk=pk).first() if pk else None
    )
    if placement is None:
        raise ValidationError({"placement": [_("Choose one of your placements.")]})
    placement = selectors.placement_get(pk=placement.pk)
    if not request.user.has_perm(perm, placement):
        raise PermissionDenied
    return placement


class IdempotentCreateMixin:
    """`create` runs once per Idempotency-Key; a retry answers 200 with the same record."""

    def idempotent_response(self, request, create, serializer_class):
        key = idempotency_key(request)
        try:
            record, created = idempotent_create(
                user=request.user,
                key=key,
                fingerprint=request_fingerprint(request),
                create=create,
            )
        except IdempotencyKeyReused:
            return Response(
                {
                    "detail": _(
                        "This %(header)s was already used for a different request. Make a "
                        "new key for each new record."
                    )
                    % {"header": IDEMPOTENCY_KEY_HEADER}
                },
                status=status.HTTP_422_UNPROCESSABLE_ENTITY,
            )
        except ValidationError as error:
            raise service_refusal(error) from error
        return Response(
            serializer_class(self.refreshed(record), context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    def refreshed(self, record):
        return record


# Public: projects, opportunities, organisations ---------------------------------------------


def _filter_parameters(form_class) -> list[OpenApiParameter]:
    """The page's filter form's fields as query parameters of the schema."""
    return [
        OpenApiParameter(name, OpenApiTypes.STR, description=str(field.label or ""))
        for name, field in form_class.base_fields.items()
    ]


@extend_schema_view(
    list=extend_schema(
        parameters=_filter_parameters(ProjectFilterForm),
    )
)
class ProjectViewSet(viewsets.ReadOnlyModelViewSet):
    """Published projects for everyone, and those of the viewer's programmes and
    organisations; the same filters as the project directory."""

    lookup_value_converter = "int"
    serializer_class = serializers.ProjectSerializer
    permission_classes = [AllowAny, RulesPermission]
    view_permission = "deployments.view_project"

    def get_queryset(self):
        viewer = self.request.user
        form = ProjectFilterForm(
            self.request.query_params or None,
            programmes=selectors.project_programme_filter_choices(viewer=viewer),
        )
        if form.is_bound:
            form.is_valid()
        return selectors.project_list(viewer=viewer, **form.selector_filters())


@extend_schema_view(list=extend_schema(parameters=_filter_parameters(OpportunityFilterForm)))
class OpportunityViewSet(viewsets.ReadOnlyModelViewSet):
    """Open opportunities, as on the public listing, with its filters; one opportunity as
    its page shows it to the viewer."""

    lookup_value_converter = "int"
    serializer_class = serializers.OpportunitySerializer
    permission_classes = [AllowAny, RulesPermission]
    view_permission = "deployments.view_opportunity"

    def get_queryset(self):
        form = OpportunityFilterForm(self.request.query_params or None)
        if form.is_bound:
            form.is_valid()
        return selectors.opportunity_list(**form.selector_filters())

    def get_object(self):
        opportunity = selectors.opportunity_get(pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, opportunity)
        return opportunity


@extend_schema_view(list=extend_schema(parameters=_filter_parameters(OrganisationFilterForm)))
class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Verified organisations for everyone, and those the viewer works with, as in the
    directory, with its filters."""

    lookup_value_converter = "int"
    serializer_class = serializers.OrganisationSerializer
    permission_classes = [AllowAny, RulesPermission]
    view_permission = "partners.view_organisation"

    def get_queryset(self):
        form = OrganisationFilterForm(self.request.query_params or None)
        return partner_selectors.organisation_list(viewer=self.request.user, filters=form.filters())


# Placements ---------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "mine", OpenApiTypes.BOOL, description="Only the placements you serve in."
            ),
            OpenApiParameter("status", OpenApiTypes.STR),
            OpenApiParameter("country", OpenApiTypes.STR),
        ]
    )
)
class PlacementViewSet(viewsets.ReadOnlyModelViewSet):
    """Placements the viewer may see, as on the placement board; `mine=1` keeps the viewer's
    own, with whether they may log activity, report or check in now."""

    lookup_value_converter = "int"
    serializer_class = serializers.PlacementSerializer
    permission_classes = [IsAuthenticated, RulesPermission]
    view_permission = "deployments.view_placement"

    def get_queryset(self):
        filters = PlacementFilterForm(self.request.query_params or None)
        status_filter = country = ""
        if filters.is_valid():
            status_filter = filters.cleaned_data["status"]
            country = filters.cleaned_data["country"]
        placements = selectors.placement_list(
            viewer=self.request.user, status=status_filter, country=country
        )
        if self.mine():
            placements = placements.filter(volunteer=self.request.user)
        return placements

    def mine(self) -> bool:
        return self.request.query_params.get("mine", "") in ("1", "true", "yes")


class MyPlacementViewSet(PlacementViewSet):
    """The placements the viewer serves in (the same as `placements/?mine=1`)."""

    def mine(self) -> bool:
        return True


# Activity logs ------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("placement", OpenApiTypes.INT),
            OpenApiParameter("status", OpenApiTypes.STR, enum=ActivityLogStatus.values),
        ]
    ),
    create=idempotent_create_schema(
        request={
            "multipart/form-data": serializers.ActivityLogWriteSerializer,
            "application/json": serializers.ActivityLogWriteSerializer,
        },
        record=serializers.ActivityLogSerializer,
    ),
    partial_update=extend_schema(
        request={
            "multipart/form-data": serializers.ActivityLogUpdateSerializer,
            "application/json": serializers.ActivityLogUpdateSerializer,
        },
        responses={
            200: serializers.ActivityLogSerializer,
            400: ERRORS,
            409: OpenApiResponse(
                serializers.ActivityLogSerializer,
                description="The log can no longer be changed; this is it as it is now.",
            ),
        },
    ),
)
class ActivityLogViewSet(
    IdempotentCreateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Activity logs of the placements the viewer may see."""

    lookup_value_converter = "int"
    serializer_class = serializers.ActivityLogSerializer
    permission_classes = [IsAuthenticated, RulesPermission]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    http_method_names = ["get", "post", "patch", "head", "options"]
    view_permission = "deployments.view_activity_log"
    permission_required = {"review_queue": "deployments.list_programmes"}
    object_permission_required = {"review": "deployments.review_activity_log"}

    def get_queryset(self):
        logs = selectors.activity_log_visible_list(viewer=self.request.user)
        placement = self.request.query_params.get("placement", "")
        if placement.isdigit():
            logs = logs.filter(placement=placement)
        log_status = self.request.query_params.get("status", "")
        if log_status in ActivityLogStatus.values:
            logs = logs.filter(status=log_status)
        return logs

    def refreshed(self, record):
        return selectors.activity_log_get(pk=record.pk)

    def create(self, request):
        def create():
            placement = _placement_for_field_work(request, "deployments.log_activity")
            form = ActivityLogForm(form_data(request.data), request.FILES, placement=placement)
            if not form.is_valid():
                raise form_errors(form)
            return services.activity_log_create(
                placement=placement,
                by=request.user,
                photos=request.FILES.getlist("photos"),
                **form.service_fields(),
            )

        return self.idempotent_response(request, create, serializers.ActivityLogSerializer)

    def partial_update(self, request, pk=None):
        """Changes the fields sent, while the log is open for correction (a returned log goes
        back for review); once approved, 409 with the log as it is."""
        log = self.get_object()
        if not is_log_author(request.user, log):
            raise PermissionDenied
        if not request.user.has_perm("deployments.change_activity_log", log):
            return self._conflict(log)
        form = ActivityLogForm(
            patched_form_data(
                ActivityLogForm(instance=log, placement=log.placement), form_data(request.data)
            ),
            request.FILES,
            instance=log,
            placement=log.placement,
        )
        if not form.is_valid():
            raise ApiValidationError(as_serializer_error(form_errors(form)))
        try:
            services.activity_log_update(
                log=log,
                by=request.user,
                photos=request.FILES.getlist("photos"),
                **form.service_fields(),
            )
        except ValidationError as error:
            if error.code == "approved":
                return self._conflict(log)
            raise service_refusal(error) from error
        return Response(self.get_serializer(self.refreshed(log)).data)

    @extend_schema(responses={200: serializers.ActivityLogSerializer}, parameters=[], filters=False)
    @action(detail=False, url_path="review-queue")
    def review_queue(self, request):
        """Logs of the coordinator's programmes waiting for review, oldest first."""
        logs = selectors.activity_log_review_queue(viewer=request.user).prefetch_related("photos")
        page = self.paginate_queryset(logs)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        request=serializers.ActivityLogReviewSerializer,
        responses={
            200: serializers.ActivityLogSerializer,
            400: ERRORS,
            409: OpenApiResponse(
                serializers.ActivityLogSerializer,
                description="The log was reviewed meanwhile; this is it as it is now.",
            ),
        },
    )
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        """A coordinator approves the log, or returns it with a comment to correct."""
        log = self.get_object()
        form = ActivityLogReviewForm(form_data(request.data))
        if not form.is_valid():
            raise ApiValidationError(as_serializer_error(form_errors(form)))
        try:
            services.activity_log_transition(
                log=log,
                to_status=form.cleaned_data["action"],
                by=request.user,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            if error.code == "transition_not_allowed":
                return self._conflict(log)
            raise service_refusal(error) from error
        return Response(self.get_serializer(self.refreshed(log)).data)

    def _conflict(self, log):
        return Response(
            self.get_serializer(self.refreshed(log)).data, status=status.HTTP_409_CONFLICT
        )


# Check-ins ----------------------------------------------------------------------------------


@extend_schema_view(
    create=idempotent_create_schema(
        request=serializers.CheckInWriteSerializer, record=serializers.CheckInSerializer
    ),
)
class CheckInViewSet(
    IdempotentCreateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Check-ins of the placements the viewer may see; the volunteer sends them."""

    lookup_value_converter = "int"
    serializer_class = serializers.CheckInSerializer
    permission_classes = [IsAuthenticated, RulesPermission]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return selectors.check_in_visible_list(viewer=self.request.user)

    def create(self, request):
        def create():
            placement = _placement_for_field_work(request, "deployments.check_in")
            form = CheckInForm(form_data(request.data))
            if not form.is_valid():
                raise form_errors(form)
            return services.check_in_create(
                placement=placement, by=request.user, **form.cleaned_data
            )

        return self.idempotent_response(request, create, serializers.CheckInSerializer)


# Monthly reports ----------------------------------------------------------------------------


@extend_schema_view(
    create=idempotent_create_schema(
        request=serializers.MonthlyReportWriteSerializer, record=serializers.MonthlyReportSerializer
    ),
)
class MonthlyReportViewSet(
    IdempotentCreateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Monthly reports of the placements the viewer may see; the volunteer sends them."""

    lookup_value_converter = "int"
    serializer_class = serializers.MonthlyReportSerializer
    permission_classes = [IsAuthenticated, RulesPermission]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return selectors.monthly_report_visible_list(viewer=self.request.user)

    def create(self, request):
        def create():
            placement = _placement_for_field_work(request, "deployments.submit_monthly_report")
            form = MonthlyReportForm(form_data(request.data), placement=placement)
            if not form.is_valid():
                raise form_errors(form)
            return services.monthly_report_submit(
                placement=placement, by=request.user, **form.cleaned_data
            )

        return self.idempotent_response(request, create, serializers.MonthlyReportSerializer)


# Applications and reviews -------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("status", OpenApiTypes.STR, enum=ApplicationStatus.values),
        ]
    )
)
class ApplicationViewSet(viewsets.ReadOnlyModelViewSet):
    """Applications to the coordinator's programmes; one application to whoever may see it
    (its volunteer, its coordinators, its assigned reviewers), with its transitions and the
    reviewer's review."""

    lookup_value_converter = "int"
    serializer_class = serializers.ApplicationSerializer
    permission_classes = [IsAuthenticated, RulesPermission]
    view_permission = "deployments.view_application"
    object_permission_required = {"review": "deployments.review_application"}

    def get_queryset(self):
        status_filter = self.request.query_params.get("status", "")
        return selectors.application_programme_list(
            viewer=self.request.user,
            status=status_filter if status_filter in ApplicationStatus.values else "",
        )

    def get_object(self):
        application = selectors.application_get(pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, application)
        return application

    def _current(self, application, answer=status.HTTP_200_OK):
        fresh = selectors.application_get(pk=application.pk)
        return Response(self.get_serializer(fresh).data, status=answer)

    @extend_schema(
        request=serializers.ApplicationTransitionSerializer,
        responses={
            200: serializers.ApplicationSerializer,
            400: ERRORS,
            403: OpenApiResponse(
                description="Not yours to make (the volunteer's or a coordinator's move)."
            ),
            409: OpenApiResponse(
                serializers.ApplicationSerializer,
                description="The application cannot make this move from where it is now.",
            ),
        },
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """One move along the application's state machine, by its volunteer or a
        coordinator, as the buttons on its page; rejecting needs the reason in `note`."""
        application = self.get_object()
        form = TransitionNoteForm(form_data(request.data))
        if not form.is_valid():
            raise ApiValidationError(as_serializer_error(form_errors(form)))
        try:
            services.application_transition(
                application=application,
                to_status=form.cleaned_data["to"],
                by=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            if error.code == "transition_not_allowed":
                return self._current(application, status.HTTP_409_CONFLICT)
            raise service_refusal(error) from error
        return self._current(application)

    @extend_schema(
        request=serializers.ReviewWriteSerializer,
        responses={200: serializers.ReviewSerializer, 400: ERRORS},
    )
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        """The assigned reviewer's scores and recommendation; sent again, they replace the
        earlier ones while the candidate is in partner review."""
        application = self.get_object()
        review = selectors.review_for(application=application, reviewer=request.user)
        form = ReviewForm(form_data(request.data), instance=review)
        if not form.is_valid():
            raise ApiValidationError(as_serializer_error(form_errors(form)))
        try:
            saved = services.review_submit(
                application=application, reviewer=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            raise service_refusal(error) from error
        return Response(serializers.ReviewSerializer(saved).data)


class MyApplicationViewSet(viewsets.ReadOnlyModelViewSet):
    """The viewer's own applications."""

    lookup_value_converter = "int"
    serializer_class = serializers.ApplicationSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return selectors.application_list_for_volunteer(volunteer=self.request.user).order_by(
            "-created_at", "-pk"
        )


class ReviewQueueViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Candidates the partner reviewer was asked to review, not yet reviewed first."""

    serializer_class = serializers.ApplicationSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return selectors.review_queue(reviewer=self.request.user).select_related("volunteer")


class ReviewViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The reviews the partner reviewer wrote."""

    serializer_class = serializers.ReviewSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return selectors.review_list(reviewer=self.request.user)


# The volunteer's own profile ----------------------------------------------------------------


class MyProfileView(generics.RetrieveAPIView):
    """The viewer's volunteer profile, as they keep it on the profile page (404 before they
    first save it)."""

    serializer_class = serializers.VolunteerProfileSerializer
    permission_classes = [IsAuthenticated, RulesPermission]
    view_permission = "volunteers.view_profile"

    def get_object(self):
        profile = volunteer_selectors.profile_get(user=self.request.user)
        if profile is None:
            raise exceptions.NotFound
        self.check_object_permissions(self.request, profile)
        return profile
