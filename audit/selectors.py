"""Reading the audit history: one object's History, and the administrators' audit log."""

from dataclasses import dataclass

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

HISTORY_PAGE_SIZE = 20


def history_perm(obj) -> str:
    """The permission that shows `obj`'s History, declared in its app's rules.py."""
    meta = obj._meta
    return f"{meta.app_label}.view_{meta.model_name}_history"


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: str
    after: str


def _display(field, value) -> str:
    if value in (None, "None", ""):
        return "–"
    choices = dict(field.flatchoices) if field is not None and field.choices else None
    if choices:
        return str(choices.get(value, value))
    if field is not None and field.get_internal_type() == "BooleanField":
        return {"True": "✓", "False": "✗"}.get(value, value)
    return str(value)


def entry_changes(entry: LogEntry) -> list[FieldChange]:
    """The entry's field-level before and after, with the fields' own (translated) names.

    Works from the stored text alone, so that a page of entries costs no query per entry.
    """
    model = entry.content_type.model_class()
    changes = []
    for name, values in (entry.changes_dict or {}).items():
        try:
            field = model._meta.get_field(name) if model is not None else None
        except FieldDoesNotExist:
            field = None
        if field is not None and not getattr(field, "concrete", False):
            field = None  # a reverse relation: no choices, no verbose name of its own
        label = str(getattr(field, "verbose_name", name))
        if isinstance(values, dict):  # a many-to-many change: {"type", "objects", "operation"}
            objects = ", ".join(str(o) for o in values.get("objects", []))
            added = values.get("operation") == "add"
            changes.append(FieldChange(label, "" if added else objects, objects if added else ""))
            continue
        before, after = [*values, None, None][:2]
        changes.append(FieldChange(label, _display(field, before), _display(field, after)))
    return changes


def _annotate(entries, *, obj=None) -> None:
    content_type = ContentType.objects.get_for_model(obj) if obj is not None else None
    for entry in entries:
        entry.is_other_record = (entry.content_type_id, entry.object_id) != (
            getattr(content_type, "pk", None),
            getattr(obj, "pk", None),
        )
        model = entry.content_type.model_class()
        entry.kind = model._meta.verbose_name if model is not None else entry.content_type.model
        entry.field_changes = entry_changes(entry)


def history_list(*, obj) -> QuerySet[LogEntry]:
    """The entries of `obj` and of the records kept within it, newest first."""
    content_type = ContentType.objects.get_for_model(obj)
    within = {f"additional_data__{obj._meta.model_name}": obj.pk}
    return (
        LogEntry.objects.filter(Q(content_type=content_type, object_id=obj.pk) | Q(**within))
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )


def history_for(obj, viewer, *, page_number=None) -> Page:
    """One page of `obj`'s History for `viewer`: empty for whoever may not see it."""
    entries = history_list(obj=obj) if viewer.has_perm(history_perm(obj), obj) else None
    page = Paginator(
        entries if entries is not None else LogEntry.objects.none(), HISTORY_PAGE_SIZE
    ).get_page(page_number)
    page.object_list = list(page.object_list)
    _annotate(page.object_list, obj=obj)
    return page


def auditlog_list(
    *,
    person: str = "",
    content_type: ContentType | None = None,
    action: int | None = None,
    date_from=None,
    date_to=None,
) -> QuerySet[LogEntry]:
    """The audit log filtered for administrators, newest first. Dates are whole days in the
    current time zone."""
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-pk")
    if person:
        entries = entries.filter(
            Q(actor__email__icontains=person) | Q(actor_email__icontains=person)
        )
    if content_type is not None:
        entries = entries.filter(content_type=content_type)
    if action is not None:
        entries = entries.filter(action=action)
    if date_from:
        entries = entries.filter(timestamp__date__gte=date_from)
    if date_to:
        entries = entries.filter(timestamp__date__lte=date_to)
    return entries


def auditlog_page(entries, *, page_number=None, per_page: int = 50) -> Page:
    page = Paginator(entries, per_page).get_page(page_number)
    page.object_list = list(page.object_list)
    _annotate(page.object_list)
    return page
