"""What the deployments views share: permission checks, pagination, service errors."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404

from users.forms import NextUrlForm

PAGE_SIZE = 20


def require_perm(request, perm: str, obj=None) -> None:
    """Refuses with 403 unless the user holds the permission (on the object)."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def require_visible(request, perm: str, obj) -> None:
    """Answers 404, as if the object did not exist, to those who may not see it."""
    if not request.user.has_perm(perm, obj):
        raise Http404


class CountedPaginator(Paginator):
    """A paginator told how many rows there are, when a cache already knows."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.count = count  # in place of the cached_property that would count the rows


def paginate(
    request, rows, per_page: int = PAGE_SIZE, param: str = "page", count: int | None = None
):
    """The requested page; an invalid or too high page number gives the nearest page."""
    paginator = (
        Paginator(rows, per_page)
        if count is None
        else CountedPaginator(rows, per_page, count=count)
    )
    return paginator.get_page(request.GET.get(param))


def paginate_ids(
    request,
    rows,
    per_page: int = PAGE_SIZE,
    param: str = "page",
    *,
    count: int | None = None,
):
    """`paginate` for a queryset heavy with joins and annotated subqueries: the page's ids come
    from a lean query of the same filters and order (and so does the paginator's count, unless
    the page already knows it), then only those rows load whole. Sorting every row with all
    its joined columns cost more than the rest of the page."""
    paginator = Paginator(rows.values_list("pk", flat=True), per_page)
    if count is not None:
        paginator.count = count
    page = paginator.get_page(request.GET.get(param))
    ids = list(page.object_list)
    loaded = {row.pk: row for row in rows.filter(pk__in=ids)} if ids else {}
    # In the page's order; a row gone since its id was read is left out.
    page.object_list = [loaded[pk] for pk in ids if pk in loaded]
    return page


def add_service_errors(form, error: ValidationError) -> None:
    """A service's refusal as form errors, on the fields it names when the form has them."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def message_service_error(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def message_form_errors(request, form) -> None:
    """An invalid form posted from a button, whose page shows no form to hold the errors."""
    messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))


def next_url(request, fallback: str) -> str:
    """The posted `next` address when it stays on this site, else `fallback`."""
    return NextUrlForm(request.POST).url(request, fallback)
