"""The one way a read that matters is recorded: auditlog's ACCESS entry."""

from auditlog.models import LogEntry
from django.db import transaction


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
