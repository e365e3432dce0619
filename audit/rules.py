"""Who may read the audit log. Each object's History is decided in its own app's rules.py."""

import rules

from users.rules import is_administrator

rules.add_perm("audit.view_auditlog", is_administrator)


def may_change(perm: str):
    """A predicate asking `perm` as finally declared, for an object's `view_<model>_history`
    rule: whoever may change an object sees its History (deployments widens some of partners'
    permissions after they are declared, so the rule is asked, not copied)."""

    @rules.predicate(name=f"may_change:{perm}")
    def holds(user, obj) -> bool:
        return bool(obj is not None and user.has_perm(perm, obj))

    return holds
