"""API authentication: a bearer token for scripts, or the browser session (with CSRF) for pages."""

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from accounts.models import ApiToken


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        found = ApiToken.find_active(token)
        if found is None:
            return None
        # Touch last_used_at at most once a minute to keep reads cheap.
        now = timezone.now()
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user


class UserSessionAuth(SessionAuth):
    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return user if user and user.is_active else None
