"""The one way a read that matters is recorded: auditlog's ACCESS entry."""

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction


@transaction.atomic
def access_record(*, instance, actor, what: str = "") -> LogEntry:
    """Records that `actor` read `instance` (a download, someone else's page).

    The request id and the client's address come from the audit middleware, as for changes;
    `what` says which read it was, e.g. "download", in the entry's additional data.
    """
    data = dict(getattr(instance, "get_additional_data", dict)() or {})
    if what:
        data["access"] = what
    return LogEntry.objects.log_create(
        instance,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        changes={},
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_email=getattr(actor, "email", None) or None,
        additional_data=data or None,
    )


# Erasure -----------------------------------------------------------------------------------

ERASED = "[erased]"


def _is_free_text(field) -> bool:
    return isinstance(field, (models.TextField, models.JSONField)) or (
        isinstance(field, models.CharField) and not field.choices
    )


def _erased_changes(changes: dict | None, model, *, whole: bool) -> dict | None:
    if not changes:
        return changes
    erased = {}
    for name, values in changes.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            field = None
        if isinstance(values, dict):  # many-to-many: {"type", "operation", "objects"}
            erased[name] = {**values, "objects": [ERASED]} if whole else values
        elif whole or field is None or _is_free_text(field):
            erased[name] = [ERASED for _ in values]
        else:
            erased[name] = values
    return erased


def audit_record_keys(*, personal=(), describing=()) -> list[tuple[type, list, bool]]:
    """The records whose history an erasure cleans, read before it deletes any of them.

    `personal` querysets hold records that are personal data through and through (a profile,
    documents): every value in their history is erased. `describing` ones keep what feeds
    statistics (statuses, dates, hours): only their free text is erased.
    """
    return [(qs.model, list(qs.values_list("pk", flat=True)), True) for qs in personal] + [
        (qs.model, list(qs.values_list("pk", flat=True)), False) for qs in describing
    ]


@transaction.atomic
def audit_history_erase(*, person, records: list[tuple[type, list, bool]]) -> int:
    """Erases a person's personal data from the audit history, keeping who did what when.

    The records' entries (from `audit_record_keys`, the deletions' own entries included)
    lose their values as said there and their descriptions, which may name the person; the
    person's own entries keep their actor (now "Erased person #id") without the email
    address and the network address. The only change the history ever takes; returns the
    number of entries changed.
    """
    changed = 0
    for model, pks, whole in records:
        if not pks:
            continue
        content_type = ContentType.objects.get_for_model(model)
        entries = LogEntry.objects.filter(content_type=content_type, object_id__in=pks)
        erased = []
        for entry in entries.only("pk", "object_id", "changes").iterator(chunk_size=500):
            entry.changes = _erased_changes(entry.changes, model, whole=whole)
            entry.changes_text = ""
            entry.object_repr = f"{model._meta.verbose_name} #{entry.object_id}"
            entry.serialized_data = None
            erased.append(entry)
        LogEntry.objects.bulk_update(
            erased, ["changes", "changes_text", "object_repr", "serialized_data"], batch_size=500
        )
        changed += len(erased)
    changed += LogEntry.objects.filter(actor=person).update(actor_email=None, remote_addr=None)
    return changed
