"""The person's API tokens, under their account: make one (its key is shown this once),
see when each was last used, revoke one."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import ApiTokenCreateForm
from .selectors import api_token_get, api_token_list
from .services import api_token_create, api_token_revoke


@login_required
def token_list(request):
    if not request.user.has_perm("api.list_tokens"):
        raise PermissionDenied
    form = ApiTokenCreateForm(request.POST or None)
    new_key = None
    if request.method == "POST":
        if not request.user.has_perm("api.add_token"):
            raise PermissionDenied
        if form.is_valid():
            _token, new_key = api_token_create(user=request.user, **form.cleaned_data)
            form = ApiTokenCreateForm()
    # The new key is shown in this answer only (never stored, never redirected with).
    return render(
        request,
        "api/token_list.html",
        {"form": form, "tokens": api_token_list(user=request.user), "new_key": new_key},
    )


@login_required
@require_POST
def token_revoke(request, pk):
    token = api_token_get(pk=pk)
    # The rule itself, not user.has_perm: a superuser holds every permission, but a token is
    # its owner's alone.
    if not rules.has_perm("api.revoke_token", request.user, token):
        raise Http404
    api_token_revoke(token=token, by=request.user)
    messages.success(
        request, _("The token “%(name)s” is revoked: it opens nothing now.") % {"name": token.name}
    )
    return redirect("api:token-list")
