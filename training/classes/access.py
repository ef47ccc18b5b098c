"""Who may do what with plans and classes. Shared by the services, pages and API of the class lifecycle."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from accounts.models import Role, RoleAssignment
from accounts.scope import scope_of


def can_edit_centre(user, centre_id: int | None) -> bool:
    """The centre's director and training officers (and administrators) run its plans and classes."""
    return scope_of(user).can_edit_centre(centre_id)


def sees_centre_work(user) -> bool:
    """Staff, supervisors and party-committee viewers read plans, class lists and the dashboard."""
    return scope_of(user).is_staff_of_some_centre


def directed_centre_ids(user) -> frozenset[int]:
    """Centres the user currently directs, with the predecessors whose records they inherited.

    Cached on the user object like the scope, so a page asks the database once.
    """
    cached = getattr(user, "_ttct_directed", None)
    if cached is not None:
        return cached
    from org.models import Centre

    ids: set[int] = set()
    if getattr(user, "is_authenticated", False) and Role.CENTRE_DIRECTOR in scope_of(user).roles:
        today = dt.date.today()
        ids = set(
            RoleAssignment.objects.filter(
                Q(valid_from__isnull=True) | Q(valid_from__lte=today),
                Q(valid_to__isnull=True) | Q(valid_to__gte=today),
                user=user, role=Role.CENTRE_DIRECTOR, centre__isnull=False,
            ).values_list("centre_id", flat=True)
        )
        frontier = set(ids)
        while frontier:  # predecessor chains are one or two links long
            found = set(
                Centre.objects.filter(successors__id__in=frontier).values_list("id", flat=True)
            ) - ids
            ids |= found
            frontier = found
    result = frozenset(ids)
    if getattr(user, "is_authenticated", False):
        user._ttct_directed = result
    return result


def is_director_of(user, centre_id: int | None) -> bool:
    """Approving a plan (and a class's results) is the director's act; administrators may stand in."""
    scope = scope_of(user)
    if scope.sees_everything:
        return True
    return centre_id is not None and centre_id in directed_centre_ids(user)
