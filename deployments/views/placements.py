"""Placements: the board, a placement's page with its timeline, the checklist and the
state machine, activity logs and their review, monthly reports, check-ins, the appraisal,
lessons learned, the certificate and private photos. Views parse, check, call a service.
"""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from audit.services import access_record
from users.forms import NextUrlForm

from .. import selectors, services
from ..certificates import certificate_pdf
from ..enums import (
    ActivityLogStatus,
    CheckInStatus,
    PlacementStatus,
    PreDepartureItemKind,
)
from ..forms import (
    ActivityLogBulkReviewForm,
    ActivityLogForm,
    ActivityLogReviewForm,
    AppraisalForm,
    CheckInForm,
    CheckInResponseForm,
    IndicatorMeasurementForm,
    LessonsForm,
    MonthlyReportForm,
    PlacementFilterForm,
    PlacementForm,
    PlacementTransitionForm,
    PreDepartureItemForm,
    SupervisorCommentForm,
)
from ..models import Appraisal
from ..rules import is_placement_volunteer
from ..transitions import PLACEMENT_TRANSITIONS, allowed_targets
from ..validators import placement_duration_warning, visa_expiry_warning
from .common import (
    add_service_errors,
    message_form_errors,
    message_service_error,
    next_url,
    paginate,
    paginate_ids,
    require_perm,
    require_visible,
)

PS = PlacementStatus
# A placement's page holds its checklist, field work, indicators and timeline, read on
# phones in the field: ten logs a page, and the ten newest timeline entries.
PLACEMENT_LOGS_PER_PAGE = TIMELINE_SHOWN = 10


def _placement(request, pk, perm: str = "deployments.view_placement"):
    placement = selectors.placement_get(pk=pk)
    require_visible(request, "deployments.view_placement", placement)
    if perm != "deployments.view_placement":
        require_perm(request, perm, placement)
    return placement


# The board and a placement's page -----------------------------------------------------------


@login_required
def placement_list(request):
    """The coordinators' board; partner supervisors and volunteers see theirs."""
    filters = PlacementFilterForm(request.GET or None)
    status, country = "", ""
    if filters.is_valid():
        status, country = filters.cleaned_data["status"], filters.cleaned_data["country"]
    counts = selectors.placement_status_counts(viewer=request.user)
    return render(
        request,
        "deployments/placement_list.html",
        {
            "filters": filters,
            "status_tabs": [(value, PS(value).label, count) for value, count in counts.items()],
            "page_obj": paginate_ids(
                request,
                selectors.placement_list(viewer=request.user, status=status, country=country),
                # The tabs counted the rows already, unless a country narrows them.
                count=None if country else counts[status] if status else sum(counts.values()),
            ),
            # The rule itself: no one holds this permission through Django's tables (it has no
            # row there), and asking them would cost two queries for anyone it refuses.
            "can_review_logs": rules.has_perm("deployments.list_programmes", request.user),
        },
    )


@login_required
def placement_detail(request, pk):
    placement = _placement(request, pk)
    user = request.user
    can_manage = user.has_perm("deployments.manage_placement", placement)
    is_volunteer = is_placement_volunteer(user, placement)
    can_supervise = user.has_perm("deployments.supervise_placement", placement)
    checklist = selectors.placement_checklist(placement=placement)
    timeline = selectors.placement_timeline(placement=placement)
    # Weekly check-ins give a long placement hundreds of entries: the newest are shown, with
    # a link to the whole timeline.
    shown = len(timeline) if request.GET.get("timeline") == "all" else TIMELINE_SHOWN
    context = {
        "placement": placement,
        "project": placement.project,
        "checklist": checklist,
        # For those who enter the dates; the volunteer cannot act on it.
        "duration_warning": placement_duration_warning(
            placement.planned_start, placement.planned_end
        )
        if can_manage
        else None,
        "visa_warning": _visa_warning(placement, checklist),
        "missing": services.placement_in_country_refusals(placement=placement)
        if placement.status == PS.PRE_DEPARTURE
        else [],
        "logs": paginate(
            request,
            selectors.activity_log_list(placement=placement),
            PLACEMENT_LOGS_PER_PAGE,
            param="logs_page",
        ),
        "timeline": timeline[:shown],
        "timeline_more": max(len(timeline) - shown, 0),
        "indicators": selectors.project_indicator_progress(project=placement.project),
        "appraisal": Appraisal.objects.filter(placement=placement).first(),
        "can_manage": can_manage,
        "can_supervise": can_supervise,
        "is_volunteer": is_volunteer,
        "can_log": user.has_perm("deployments.log_activity", placement),
        "can_report": user.has_perm("deployments.submit_monthly_report", placement),
        "can_check_in": user.has_perm("deployments.check_in", placement),
        "can_appraise": user.has_perm("deployments.appraise_placement", placement),
        "can_write_lessons": user.has_perm("deployments.write_lessons", placement),
        "can_download_certificate": user.has_perm("deployments.download_certificate", placement),
        # Rendered into the page, so that a volunteer offline still has them.
        "emergency_contacts": selectors.placement_emergency_contacts(placement=placement)
        if is_volunteer
        else [],
        "user_time_zone": timezone.get_current_timezone_name(),
    }
    if can_manage:
        context.update(
            actions=allowed_targets(PLACEMENT_TRANSITIONS, placement.status),
            item_forms=[
                (row, PreDepartureItemForm(instance=row, placement=placement, prefix=row.item))
                for row in checklist
            ]
            if placement.status == PS.PRE_DEPARTURE
            else [],
        )
    return render(request, "deployments/placement_detail.html", context)


@login_required
def placement_update(request, pk):
    placement = _placement(request, pk, "deployments.manage_placement")
    form = PlacementForm(request.POST or None, instance=placement)
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_update(placement=placement, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The placement was saved."))
            warning = placement_duration_warning(
                form.cleaned_data["planned_start"], form.cleaned_data["planned_end"]
            )
            if warning:
                messages.warning(request, warning)
            return redirect("deployments:placement-detail", pk)
    return render(
        request,
        "deployments/placement_form.html",
        {
            "form": form,
            "placement": placement,
            "duration_warning": placement_duration_warning(
                placement.planned_start, placement.planned_end
            ),
        },
    )


@login_required
@require_POST
def placement_transition(request, pk):
    placement = _placement(request, pk)
    form = PlacementTransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid action and date."))
        return redirect("deployments:placement-detail", pk)
    to_status = form.cleaned_data["to"]
    try:
        services.placement_transition(
            placement=placement,
            to_status=to_status,
            by=request.user,
            on=form.cleaned_data["on"],
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        message_service_error(request, error)
    else:
        messages.success(
            request, _("The placement is now: %(status)s.") % {"status": PS(to_status).label}
        )
    return redirect("deployments:placement-detail", pk)


@login_required
@require_POST
def pre_departure_item_update(request, pk, item):
    placement = _placement(request, pk, "deployments.manage_placement")
    if item not in PreDepartureItemKind.values:
        raise Http404
    row = next(
        row for row in selectors.placement_checklist(placement=placement) if row.item == item
    )
    form = PreDepartureItemForm(request.POST, instance=row, placement=placement, prefix=item)
    if form.is_valid():
        try:
            services.pre_departure_item_update(
                placement=placement, item=item, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            message_service_error(request, error)
        else:
            messages.success(
                request,
                _("“%(item)s” is now %(status)s.")
                % {"item": PreDepartureItemKind(item).label, "status": row.get_status_display()},
            )
            warning = _visa_warning(placement, [row])
            if warning:
                messages.warning(request, warning)
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(f"{placement_url(placement)}#checklist")


def _visa_warning(placement, rows) -> str | None:
    """The visa item's own expiry, else its document's, against the planned end."""
    for row in rows:
        if row.item == PreDepartureItemKind.VISA:
            expires_on = row.expires_on or (row.document.expires_on if row.document else None)
            return visa_expiry_warning(expires_on=expires_on, planned_end=placement.planned_end)
    return None


def placement_url(placement) -> str:
    return reverse("deployments:placement-detail", args=[placement.pk])


# Activity logs -----------------------------------------------------------------------------


def _files(request) -> list:
    return request.FILES.getlist("photos")


@login_required
def activity_log_create(request, pk):
    """The quick form for a phone: a day's activity with photos, in under a minute."""
    placement = _placement(request, pk, "deployments.log_activity")
    form = ActivityLogForm(request.POST or None, request.FILES or None, placement=placement)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_log_create(
                placement=placement,
                by=request.user,
                photos=_files(request),
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your activity was logged. Thank you!"))
            return redirect("deployments:placement-detail", pk)
    return render(
        request,
        "deployments/activity_log_form.html",
        {
            "form": form,
            "placement": placement,
            "log": None,
            "emergency_contacts": selectors.placement_emergency_contacts(placement=placement),
        },
    )


@login_required
def activity_log_update(request, pk):
    """The volunteer corrects a log not yet approved; a returned one goes back for review."""
    log = selectors.activity_log_get(pk=pk)
    require_visible(request, "deployments.view_activity_log", log)
    require_perm(request, "deployments.change_activity_log", log)
    placement = log.placement
    form = ActivityLogForm(
        request.POST or None, request.FILES or None, instance=log, placement=placement
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_log_update(
                log=log, by=request.user, photos=_files(request), **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your log was saved and sent for review."))
            return redirect("deployments:placement-detail", placement.pk)
    return render(
        request,
        "deployments/activity_log_form.html",
        {"form": form, "placement": placement, "log": log},
    )


@login_required
@require_POST
def activity_log_review(request, pk):
    log = selectors.activity_log_get(pk=pk)
    require_visible(request, "deployments.view_activity_log", log)
    require_perm(request, "deployments.review_activity_log", log)
    form = ActivityLogReviewForm(request.POST)
    if form.is_valid():
        try:
            services.activity_log_transition(
                log=log,
                to_status=form.cleaned_data["action"],
                by=request.user,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            message_service_error(request, error)
        else:
            messages.success(
                request,
                _("The log is now: %(status)s.")
                % {"status": ActivityLogStatus(form.cleaned_data["action"]).label},
            )
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(next_url(request, placement_url(log.placement)))


@login_required
def activity_log_queue(request):
    """Logs waiting for the coordinator's review, approved or returned in bulk."""
    require_perm(request, "deployments.list_programmes")
    waiting = selectors.activity_log_review_queue(viewer=request.user)
    form = ActivityLogBulkReviewForm(request.POST or None, logs=waiting)
    if request.method == "POST" and form.is_valid():
        action = form.cleaned_data["action"]
        done, refused = services.activity_log_bulk_review(
            logs=form.cleaned_data["logs"],
            to_status=action,
            by=request.user,
            comment=form.cleaned_data["comment"],
        )
        if done:
            messages.success(
                request,
                ngettext(
                    "%(count)d log is now: %(status)s.",
                    "%(count)d logs are now: %(status)s.",
                    len(done),
                )
                % {"count": len(done), "status": ActivityLogStatus(action).label},
            )
        for log, reason in refused:
            messages.error(request, _("%(log)s: %(reason)s") % {"log": log, "reason": reason})
        return redirect("deployments:activity-log-queue")
    return render(
        request,
        "deployments/activity_log_queue.html",
        {
            "form": form,
            "page_obj": paginate(
                request, waiting, count=selectors.activity_log_review_count(viewer=request.user)
            ),
        },
    )


@login_required
@require_POST
def activity_log_supervise(request, pk):
    log = selectors.activity_log_get(pk=pk)
    require_visible(request, "deployments.view_activity_log", log)
    require_perm(request, "deployments.verify_activity_log", log)
    form = SupervisorCommentForm(request.POST)
    if form.is_valid():
        try:
            services.activity_log_supervise(log=log, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            message_service_error(request, error)
        else:
            messages.success(request, _("Thank you: the volunteer will see your note."))
    else:
        messages.error(request, " ".join(form.non_field_errors()))
    return redirect(placement_url(log.placement))


@login_required
def activity_photo(request, pk, size="original"):
    """A photo, only to those who may see the placement; anyone else gets a 404."""
    photo = selectors.activity_photo_get(pk=pk)
    if not request.user.has_perm("deployments.view_placement", photo.log.placement):
        raise Http404
    field = photo.thumbnail if size == "thumbnail" else photo.image
    try:
        handle = field.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404 from error
    content_type = "image/png" if field.name.endswith(".png") else "image/jpeg"
    response = FileResponse(handle, content_type=content_type)
    # Evidence photos may show people and places: no cache keeps them, not even the browser's.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Monthly reports and check-ins -------------------------------------------------------------


@login_required
def monthly_report_create(request, pk):
    placement = _placement(request, pk, "deployments.submit_monthly_report")
    form = MonthlyReportForm(request.POST or None, placement=placement)
    if request.method == "POST" and form.is_valid():
        try:
            services.monthly_report_submit(
                placement=placement,
                by=request.user,
                month=form.cleaned_data["month"],
                achievements=form.cleaned_data["achievements"],
                challenges=form.cleaned_data["challenges"],
                support_needed=form.cleaned_data["support_needed"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your monthly report was sent."))
            return redirect("deployments:placement-detail", pk)
    return render(
        request, "deployments/monthly_report_form.html", {"form": form, "placement": placement}
    )


@login_required
@require_POST
def check_in_create(request, pk):
    placement = _placement(request, pk, "deployments.check_in")
    form = CheckInForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose how you are."))
        return redirect("deployments:placement-detail", pk)
    try:
        check_in = services.check_in_create(
            placement=placement, by=request.user, **form.cleaned_data
        )
    except ValidationError as error:
        message_service_error(request, error)
    else:
        if check_in.status == CheckInStatus.EMERGENCY:
            messages.warning(
                request,
                _(
                    "Your coordinators and host supervisor have been alerted. If you are in "
                    "danger, call local emergency services now."
                ),
            )
        else:
            messages.success(request, _("Thank you for checking in."))
    return redirect("deployments:placement-detail", pk)


def _check_in(request, pk):
    """An emergency check-in the user may answer; 404 for those who may not see it."""
    check_in = selectors.check_in_get(pk=pk)
    require_visible(request, "deployments.view_placement", check_in.placement)
    require_perm(request, "deployments.respond_to_check_in", check_in)
    return check_in


@login_required
@require_POST
def check_in_acknowledge(request, pk):
    check_in = _check_in(request, pk)
    form = CheckInResponseForm(request.POST)
    destination = next_url(request, reverse("dashboard"))
    if not form.is_valid():
        message_form_errors(request, form)
        return redirect(destination)
    try:
        services.checkin_acknowledge(
            check_in=check_in, by=request.user, note=form.cleaned_data["note"]
        )
    except ValidationError as error:
        message_service_error(request, error)
    else:
        messages.success(
            request,
            _("You acknowledged the emergency of %(volunteer)s; they have been told.")
            % {"volunteer": check_in.placement.volunteer.name},
        )
    return redirect(destination)


@login_required
def check_in_resolve(request, pk):
    check_in = _check_in(request, pk)
    form = CheckInResponseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.checkin_resolve(
                check_in=check_in, by=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The emergency is marked resolved."))
            return redirect(next_url(request, reverse("dashboard")))
    return render(
        request,
        "deployments/check_in_resolve_form.html",
        {
            "form": form,
            "check_in": check_in,
            "next": NextUrlForm(request.GET).url(request, reverse("dashboard")),
        },
    )


# The end of a placement --------------------------------------------------------------------


@login_required
def appraisal_edit(request, pk):
    placement = _placement(request, pk, "deployments.appraise_placement")
    appraisal = Appraisal.objects.filter(placement=placement).first()
    form = AppraisalForm(request.POST or None, instance=appraisal)
    if request.method == "POST" and form.is_valid():
        try:
            services.appraisal_submit(placement=placement, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your appraisal was saved. Thank you."))
            return redirect("deployments:placement-detail", pk)
    return render(
        request, "deployments/placement_appraisal_form.html", {"form": form, "placement": placement}
    )


@login_required
def lessons_edit(request, pk):
    placement = _placement(request, pk, "deployments.write_lessons")
    form = LessonsForm(request.POST or None, initial={"lessons": placement.lessons_learned})
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.placement_lessons_submit(
                    placement=placement, by=request.user, lessons=form.cleaned_data["lessons"]
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Thank you. Your lessons learned will help the next volunteers."),
            )
            return redirect("deployments:placement-detail", pk)
    return render(
        request, "deployments/placement_lessons_form.html", {"form": form, "placement": placement}
    )


@login_required
def placement_certificate(request, pk):
    placement = _placement(request, pk, "deployments.download_certificate")
    try:
        pdf = certificate_pdf(placement=placement)
    except (ImportError, OSError):
        messages.error(request, _("The certificate cannot be made right now. Please try later."))
        return redirect("deployments:placement-detail", pk)
    access_record(instance=placement, actor=request.user, what="certificate")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="certificate-of-service-{placement.pk}.pdf"'
    )
    return response


# Indicators --------------------------------------------------------------------------------


@login_required
def project_indicators(request, pk):
    """A project's indicators: actual against baseline and target."""
    project = selectors.project_get(pk=pk)
    require_visible(request, "deployments.view_project", project)
    return render(
        request,
        "deployments/project_indicators.html",
        {
            "project": project,
            "indicators": selectors.indicator_progress_list(projects=project),
            "can_manage_indicators": request.user.has_perm(
                "deployments.manage_indicators", project
            ),
        },
    )


@login_required
def indicator_measurement_create(request, pk):
    indicator = selectors.indicator_get(pk=pk)
    require_visible(request, "deployments.view_project", indicator.project)
    require_perm(request, "deployments.manage_indicators", indicator.project)
    form = IndicatorMeasurementForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_measurement_record(
                indicator=indicator, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The measurement was recorded."))
            return redirect("deployments:project-indicators", indicator.project_id)
    return render(
        request,
        "deployments/indicator_measurement_form.html",
        {"form": form, "indicator": indicator, "project": indicator.project},
    )
