"""The volunteer's own profile and documents: parse, check permission, call a service, render.

A document the viewer may not see is a 404, as if it did not exist.
"""

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.services import access_record

from . import selectors, services
from .enums import DocumentKind
from .forms import DocumentUploadForm, LanguageFormSet, ProfileForm, language_pairs
from .models import Document, VolunteerProfile
from .signals import document_warnings


def _posted(request):
    """The submitted data on POST (even if empty, so the form is bound), else None."""
    return request.POST if request.method == "POST" else None


def _add_service_errors(form, error: ValidationError) -> None:
    """A service's refusal as form errors, on the fields it names when the form has them."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# Profile ---------------------------------------------------------------------------------


@login_required
def profile(request):
    """The whole profile on one page, with what is still missing for a complete one."""
    user = request.user
    instance = selectors.profile_get(user=user)
    if instance is None:
        instance = VolunteerProfile(user=user)
    elif not user.has_perm("volunteers.change_profile", instance):
        raise PermissionDenied
    form = ProfileForm(_posted(request), instance=instance)
    formset = LanguageFormSet(_posted(request), instance=instance, prefix="languages")
    if request.method == "POST":
        form_valid = form.is_valid()
        if formset.is_valid() and form_valid:
            try:
                services.profile_save(
                    user=user, languages=language_pairs(formset), **form.service_fields()
                )
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                messages.success(request, _("Your profile was saved."))
                return redirect("volunteers:profile")
        messages.error(request, _("Your profile was not saved. Correct the fields marked below."))
    return render(
        request,
        "volunteers/profile_form.html",
        {
            "form": form,
            "formset": formset,
            "profile": instance if instance.pk else None,
            "completeness": selectors.profile_completeness(user=user),
        },
    )


@login_required
@require_POST
def consent_withdraw(request):
    if services.consent_withdraw(user=request.user):
        messages.success(
            request,
            _(
                "You withdrew your consent to the processing of your data. You cannot apply "
                "until you give it again."
            ),
        )
    else:
        messages.info(request, _("You had not given your consent."))
    return redirect("volunteers:profile")


# Documents -------------------------------------------------------------------------------


def _visible_document(request, pk, perm: str = "volunteers.view_document") -> Document:
    document = selectors.document_get(pk=pk)
    if document is None or not request.user.has_perm(perm, document):
        raise Http404(_("No such document."))
    return document


@login_required
def document_list(request):
    documents = list(selectors.document_list(owner=request.user))
    return render(
        request,
        "volunteers/document_list.html",
        {
            "documents": documents,
            "has_cv": any(document.kind == DocumentKind.CV for document in documents),
            "today": timezone.localdate(),
        },
    )


@login_required
def document_upload(request):
    form = DocumentUploadForm(_posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.document_upload(
                owner=request.user,
                kind=form.cleaned_data["kind"],
                file=form.cleaned_data["file"],
                expires_on=form.cleaned_data["expires_on"],
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("“%(name)s” was uploaded.") % {"name": document.original_filename},
            )
            for _receiver, warning in document_warnings.send(sender=Document, document=document):
                if warning:
                    messages.warning(request, warning)
            return redirect("volunteers:document-list")
    return render(request, "volunteers/document_form.html", {"form": form})


@login_required
def document_delete(request, pk):
    """GET asks to confirm; POST deletes."""
    document = _visible_document(request, pk, "volunteers.delete_document")
    if request.method == "POST":
        services.document_delete(document=document)
        messages.success(
            request, _("“%(name)s” was deleted.") % {"name": document.original_filename}
        )
        return redirect("volunteers:document-list")
    return render(request, "volunteers/document_confirm_delete.html", {"document": document})


@login_required
def document_download(request, pk):
    """The file from private storage, only for those who may see it, never cached.

    Someone else's passport, visa or CV is worth more than one stolen session: anyone but the
    owner confirms their password first (after a 404 for what they may not see, so that
    asking reveals nothing).
    """
    document = _visible_document(request, pk)
    if document.owner_id == request.user.pk:
        return _document_file(request, document)
    return _another_persons_document_file(request, document)


@reauthentication_required
def _another_persons_document_file(request, document):
    return _document_file(request, document)


def _document_file(request, document):
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("The document's file is missing.")) from error
    access_record(instance=document, actor=request.user, what="download")
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.download_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
