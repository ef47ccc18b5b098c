"""Which sessions count as held: attendance was recorded, or an officer confirmed the session."""

from __future__ import annotations

from django.db.models import Q


def held_condition(prefix: str = "") -> Q:
    """A Q over sessions (or rows reaching a session through `prefix`, e.g. "session__")."""
    return Q(**{f"{prefix}attendance_taken": True}) | Q(**{f"{prefix}held_confirmation__isnull": False})
