"""Request helpers shared by the apps."""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, reverse


def client_address(request) -> str:
    """The client's address for throttling. Behind a trusted proxy (BEHIND_PROXY=1) it is the last
    address the proxy appended to X-Forwarded-For; otherwise every client would share the proxy's."""
    if getattr(settings, "TRUST_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


_STAND_IN = 987_654_321_987


@lru_cache(maxsize=512)
def _around_pk(prefix: str, name: str) -> tuple[str, str] | None:
    """The URL of `name` for a stand-in id, split around it (None if the id does not appear exactly once)."""
    parts = reverse(name, args=[_STAND_IN]).split(str(_STAND_IN))
    return (parts[0], parts[1]) if len(parts) == 2 else None


def pk_url(name: str, pk) -> str:
    """The same URL as `reverse(name, args=[pk])` for a view taking one integer id, reversed once per view
    name and script prefix, for list rows (a `{% url %}` per row was a fifth of a list page's rendering)."""
    around = _around_pk(get_script_prefix(), name)
    if around is None:
        return reverse(name, args=[pk])
    return f"{around[0]}{int(pk)}{around[1]}"
