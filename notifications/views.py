from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import selectors, services
from .forms import NotificationPreferencesForm
from .models import Notification

# htmx stops polling when a response has this status: nothing to count once signed out.
HTMX_STOP_POLLING = 286


@login_required
def notification_list(request):
    read = request.GET.get("read")
    if read not in selectors.READ_FILTERS:
        read = None
    page = Paginator(selectors.notification_list(user=request.user, read=read), 30).get_page(
        request.GET.get("page")
    )
    filters = [
        (None, _("All")),
        ("unread", _("Unread")),
        ("read", _("Read")),
    ]
    return render(
        request,
        "notifications/notification_list.html",
        {"page": page, "read": read, "filters": filters},
    )


@login_required
@require_POST
def notification_read(request, pk):
    """Marks one notification read and follows its link."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.notification_mark_read(notification=notification)
    link = notification.link
    if link and url_has_allowed_host_and_scheme(link, allowed_hosts={request.get_host()}):
        return redirect(link)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request):
    count = services.notification_mark_all_read(user=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)d notification marked as read.",
            "%(count)d notifications marked as read.",
            count,
        )
        % {"count": count},
    )
    return redirect("notifications:list")


@never_cache
@require_GET
def unread_count(request):
    """The navigation badge, refreshed by htmx; signed out, it empties and stops polling."""
    if not request.user.is_authenticated:
        return render(
            request,
            "notifications/includes/unread_badge.html",
            {"unread_notifications": 0},
            status=HTMX_STOP_POLLING,
        )
    return render(
        request,
        "notifications/includes/unread_badge.html",
        {"unread_notifications": selectors.notification_unread_count(user=request.user)},
    )


@login_required
def preferences(request):
    """Per kind of notification: how to receive it and how often to be emailed."""
    form = NotificationPreferencesForm(
        request.POST or None, current=selectors.preference_choices(user=request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.preferences_save(user=request.user, choices=form.choices())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your notification preferences were saved."))
            return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
