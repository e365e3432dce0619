from django.db.models import F, QuerySet
from django.shortcuts import get_object_or_404

from .models import ApiToken


def api_token_list(*, user) -> QuerySet[ApiToken]:
    """The person's tokens, active ones first, newest first."""
    return ApiToken.objects.filter(user=user).order_by(
        F("revoked_at").desc(nulls_first=True), "-created_at", "-pk"
    )


def api_token_get(*, pk: int) -> ApiToken:
    return get_object_or_404(ApiToken, pk=pk)
