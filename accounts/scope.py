"""What part of the organisation tree a user may see and change.

One `Scope` per request, computed from the user's role assignments in a fixed number of queries,
then used by every `visible_to(user)` queryset helper and every permission check.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q

from accounts.models import Role

# Roles that may change a centre's records (persons, staff, lecturers, sending organisations).
CENTRE_EDITORS = {Role.CENTRE_DIRECTOR, Role.TRAINING_OFFICER}
# Roles that may see citizen IDs and dates of birth of the persons in their scope.
PERSONAL_DATA_ROLES = {Role.SYSTEM_ADMIN, Role.PROVINCE_SUPERVISOR, Role.CENTRE_DIRECTOR, Role.TRAINING_OFFICER}


@dataclass(frozen=True)
class Scope:
    authenticated: bool = False
    sees_everything: bool = False
    roles: frozenset = frozenset()
    # Provinces supervised (current units); with their pre-2025 predecessors, and the provinces of
    # the visible centres, in province_ids_with_history.
    province_ids: frozenset = frozenset()
    province_ids_with_history: frozenset = frozenset()
    # Centres visible: those assigned, those of supervised provinces, and their predecessors.
    centre_ids: frozenset = frozenset()
    # Centres whose records the user may change.
    editable_centre_ids: frozenset = frozenset()
    # Lecturer and learner roles: the user's own person record.
    person_id: int | None = None
    # Centres where the user has a role that sees the centre's persons (not lecturer/learner only).
    person_centre_ids: frozenset = field(default=frozenset())

    def has_role(self, *roles: str) -> bool:
        return self.sees_everything or bool(self.roles.intersection(roles))

    def can_edit_centre(self, centre_id: int | None) -> bool:
        return self.sees_everything or (centre_id is not None and centre_id in self.editable_centre_ids)

    def can_manage_province(self, province_id: int | None) -> bool:
        """Province supervisors keep the register of centres and province-wide organisations."""
        return self.sees_everything or (
            Role.PROVINCE_SUPERVISOR in self.roles and province_id in self.province_ids_with_history
        )

    @property
    def sees_personal_data(self) -> bool:
        return self.sees_everything or bool(self.roles.intersection(PERSONAL_DATA_ROLES))

    @property
    def is_staff_of_some_centre(self) -> bool:
        return self.sees_everything or bool(self.person_centre_ids)


ANONYMOUS = Scope()


def _expand_predecessors(centre_ids: set[int], links: dict[int, int | None]) -> set[int]:
    """Add every predecessor (and its predecessors) of the given centres."""
    result = set(centre_ids)
    frontier = list(centre_ids)
    while frontier:
        predecessor = links.get(frontier.pop())
        if predecessor and predecessor not in result:
            result.add(predecessor)
            frontier.append(predecessor)
    return result


def compute_scope(user) -> Scope:
    from org.models import AdministrativeUnit, Centre

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ANONYMOUS
    today = dt.date.today()
    assignments = list(
        user.role_assignments.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=today), Q(valid_to__isnull=True) | Q(valid_to__gte=today)
        ).values_list("role", "province_id", "centre_id")
    )
    roles = frozenset(role for role, _, _ in assignments)
    if user.is_superuser or Role.SYSTEM_ADMIN in roles:
        return Scope(authenticated=True, sees_everything=True, roles=roles | {Role.SYSTEM_ADMIN}, person_id=user.person_id)

    province_ids = {p for role, p, _ in assignments if p and role == Role.PROVINCE_SUPERVISOR}
    viewed_provinces = {p for role, p, _ in assignments if p and role == Role.VIEWER}
    direct_centres = {c for _, _, c in assignments if c}
    editable = {c for role, _, c in assignments if c and role in CENTRE_EDITORS}
    person_roles_centres = {
        c for role, _, c in assignments if c and role in (CENTRE_EDITORS | {Role.VIEWER})
    }

    history = province_ids | viewed_provinces
    if history:
        history |= set(AdministrativeUnit.objects.filter(successor_id__in=history).values_list("id", flat=True))
    rows = list(
        Centre.objects.filter(Q(province_id__in=history) | Q(id__in=direct_centres) | Q(successors__id__in=direct_centres))
        .values_list("id", "province_id", "predecessor_id")
        .distinct()
    )
    predecessor_of = {cid: pred for cid, _, pred in rows}
    province_centres = {cid for cid, prov, _ in rows if prov in history}
    visible = _expand_predecessors(direct_centres | province_centres, predecessor_of)
    # A centre's province is visible for reference data (units, province-wide organisations).
    history |= {prov for cid, prov, _ in rows if cid in visible}
    return Scope(
        authenticated=True,
        roles=roles,
        province_ids=frozenset(province_ids),
        province_ids_with_history=frozenset(history),
        centre_ids=frozenset(visible),
        editable_centre_ids=frozenset(_expand_predecessors(editable, predecessor_of) if editable else set()),
        person_id=user.person_id,
        person_centre_ids=frozenset(
            _expand_predecessors(person_roles_centres, predecessor_of) | province_centres
        ),
    )


def scope_of(user) -> Scope:
    """The user's scope, computed once per user object (i.e. once per request)."""
    cached = getattr(user, "_ttct_scope", None)
    if cached is None:
        cached = compute_scope(user)
        if getattr(user, "is_authenticated", False):
            user._ttct_scope = cached
    return cached


def require_staff(user) -> None:
    """Pages about a centre's people and organisations are for its staff, viewers and supervisors."""
    from django.core.exceptions import PermissionDenied

    if not scope_of(user).is_staff_of_some_centre:
        raise PermissionDenied
