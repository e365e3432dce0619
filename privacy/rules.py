"""Who may export, ask for and carry out erasure — decided only here.

A person's export is theirs alone. Erasure requests are seen and carried out by the
coordinators of a programme the person applied to, and by administrators.
"""

import rules


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(user.is_authenticated)


@rules.predicate
def is_export_owner(user, export) -> bool:
    return export is not None and user.is_authenticated and export.user_id == user.pk


can_request_data_export = is_signed_in
can_view_data_export = is_export_owner

rules.add_perm("privacy.request_data_export", can_request_data_export)
rules.add_perm("privacy.view_dataexport", can_view_data_export)
rules.add_perm("privacy.download_dataexport", can_view_data_export)
