"""How an app registers a model for the audit history, in its own `audit.py`."""

from operator import attrgetter

from auditlog.registry import auditlog

# Changes on every save, and says nothing the entry's own time does not.
ALWAYS_EXCLUDED = ["updated_at"]


def audit_register(model, *, within: dict[str, str] | None = None, **options) -> None:
    """Records every change to `model` (auditlog's `register` options pass through).

    `within` names the records whose History also shows this one's changes, as
    `{model_name: attribute path to its id}`, e.g. `{"placement": "placement_id"}` for an
    activity log; they are kept in the entry's `additional_data`, so that a deleted row's
    entries stay in its parent's History.
    """
    if within:
        getters = {name: attrgetter(path) for name, path in within.items()}

        def get_additional_data(instance):
            return {name: getter(instance) for name, getter in getters.items()}

        model.get_additional_data = get_additional_data
    exclude = [*ALWAYS_EXCLUDED, *options.pop("exclude_fields", [])]
    auditlog.register(model, exclude_fields=exclude, **options)
