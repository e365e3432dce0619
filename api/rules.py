"""Who may manage API tokens: each person their own, nobody another's."""

import rules


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(user.is_authenticated)


@rules.predicate
def is_token_owner(user, token) -> bool:
    return token is not None and user.is_authenticated and token.user_id == user.pk


rules.add_perm("api.list_tokens", is_signed_in)
rules.add_perm("api.add_token", is_signed_in)
rules.add_perm("api.revoke_token", is_token_owner)
