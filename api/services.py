"""Writes of the API app: tokens made, used and revoked; idempotent creates."""

import hashlib
import secrets
from collections.abc import Callable

import rules
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import KEY_PREFIX_LENGTH, ApiToken, IdempotencyKey

# Writing `last_used_at` on every request would make each read a write; a minute is precise
# enough to tell a person whether a token is still in use.
LAST_USE_PRECISION_SECONDS = 60


class IdempotencyKeyReused(Exception):
    """The key was already used for a different request."""


def api_key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """Makes a token; the key is returned this once and only its digest is stored."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name.")}, code="required")
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, key_prefix=key[:KEY_PREFIX_LENGTH], key_digest=api_key_digest(key)
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by) -> ApiToken:
    """Revokes the token for good; revoking it again changes nothing."""
    locked = ApiToken.objects.select_for_update().get(pk=token.pk)
    if not rules.has_perm("api.revoke_token", by, locked):
        raise ValidationError(_("Only its owner can revoke a token."), code="not_allowed")
    if locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
    return locked


def api_token_record_use(*, token: ApiToken) -> None:
    """Notes that the token was used now, at most once a minute (a single UPDATE)."""
    now = timezone.now()
    if (
        token.last_used_at is not None
        and (now - token.last_used_at).total_seconds() < LAST_USE_PRECISION_SECONDS
    ):
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now


def _created_for(*, user, key: str, fingerprint: str) -> models.Model | None:
    claim = IdempotencyKey.objects.filter(user=user, key=key).select_related("content_type").first()
    if claim is None:
        return None
    if claim.fingerprint != fingerprint:
        raise IdempotencyKeyReused
    return claim.target


@transaction.atomic
def idempotent_create(
    *, user, key: str, fingerprint: str, create: Callable[[], models.Model]
) -> tuple[models.Model, bool]:
    """Runs `create` once per (user, key): returns the record and whether it is new.

    A retry, or a request racing the first one, gets the first one's record. The key is
    stored in the transaction that creates the record, so a create that fails leaves the key
    free; a racing request that failed only because the first one's record now exists (the
    month is reported, the day's hours are taken) gets that record too. The same key with a
    different request raises IdempotencyKeyReused.
    """
    existing = _created_for(user=user, key=key, fingerprint=fingerprint)
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            created = create()
            IdempotencyKey.objects.create(
                user=user,
                key=key,
                fingerprint=fingerprint,
                content_type=ContentType.objects.get_for_model(created),
                object_id=created.pk,
            )
    except (IntegrityError, ValidationError):
        existing = _created_for(user=user, key=key, fingerprint=fingerprint)
        if existing is None:
            raise
        return existing, False
    return created, True
