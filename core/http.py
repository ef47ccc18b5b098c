"""Request helpers shared by the apps."""

from django.conf import settings


def client_address(request) -> str:
    """The client's address for throttling. Behind a trusted proxy (BEHIND_PROXY=1) it is the last
    address the proxy appended to X-Forwarded-For; otherwise every client would share the proxy's."""
    if getattr(settings, "TRUST_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")
