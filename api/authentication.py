"""`Authorization: Token <key>` with a personal API token."""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .models import ApiToken
from .services import api_key_digest, api_token_record_use


class ApiTokenAuthentication(authentication.TokenAuthentication):
    """A token is found by the digest of its key; a revoked one, or one of an account that is
    no longer active, is refused like a wrong key."""

    keyword = "Token"

    def authenticate_credentials(self, key):
        token = (
            ApiToken.objects.select_related("user")
            .filter(key_digest=api_key_digest(key), revoked_at__isnull=True)
            .first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        api_token_record_use(token=token)
        return token.user, token
