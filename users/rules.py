import rules


@rules.predicate
def is_administrator(user) -> bool:
    return bool(user.is_authenticated and user.is_superuser)
