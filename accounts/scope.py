"""Computing a user's `Scope` (core/scope.py holds the value and its named predicates).

One `Scope` per request, computed from the user's current role assignments, their provinces' merged
units and the centres they reach in ONE query (a UNION ALL of the three reads), then used by every `visible_to(user)` queryset helper and every permission check. Centres and provinces
are read through the role assignment's own foreign keys, so accounts imports no app above it.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone

from accounts.access import recall_for
from accounts.models import Role, RoleAssignment, centre_model, unit_model
from core.prepared import Prepared
from core.scope import ANONYMOUS, Scope

__all__ = ["ANONYMOUS", "Scope", "compute_scope", "require_staff", "scope_of"]

# Roles that may change a centre's records (persons, staff, lecturers, sending organisations).
CENTRE_EDITORS = {Role.CENTRE_DIRECTOR, Role.TRAINING_OFFICER}
# Roles that may see citizen IDs and dates of birth of the persons in their scope.
PERSONAL_DATA_ROLES = {Role.SYSTEM_ADMIN, Role.PROVINCE_SUPERVISOR, Role.CENTRE_DIRECTOR, Role.TRAINING_OFFICER}


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


_NO_ID = "CAST(NULL AS bigint)"  # typed, so PostgreSQL matches the UNION's columns


def _scope_query(user_id, day) -> tuple[str, list]:
    """The UNION ALL of the three reads for one user on one day, as SQL and parameters.

    The unit and centre reads take the user's assignments as subqueries, so the three SELECTs are
    independent and go to the database as one UNION ALL, each row tagged with the read it belongs to.
    """
    assignments = RoleAssignment.objects.current(day).filter(user_id=user_id)
    watched = assignments.filter(role__in=[Role.PROVINCE_SUPERVISOR, Role.VIEWER], province_id__isnull=False)
    watched_ids = watched.values("province_id")
    units = unit_model().objects.filter(successor_id__in=watched_ids).values_list("id").order_by()
    history = unit_model().objects.filter(Q(id__in=watched_ids) | Q(successor_id__in=watched_ids)).values("id")
    direct = assignments.filter(centre_id__isnull=False).values("centre_id")
    centres = (
        centre_model().objects.filter(Q(province_id__in=history) | Q(id__in=direct) | Q(successors__id__in=direct))
        .values_list("id", "province_id", "predecessor_id").distinct().order_by()
    )
    parts, params = [], []
    # Columns: tag, three ids, the role (the text column last, so every column has one type).
    for tag, queryset, columns in (
        ("a", assignments.values_list("role", "province_id", "centre_id").order_by(),
         f"part.province_id, part.centre_id, {_NO_ID}, part.role"),
        ("u", units, f"part.id, {_NO_ID}, {_NO_ID}, NULL"),
        ("c", centres, "part.id, part.province_id, part.predecessor_id, NULL"),
    ):
        sql, part_params = queryset.query.sql_with_params()
        parts.append(f"SELECT '{tag}' AS tag, {columns} FROM ({sql}) part")
        params.extend(part_params)
    return " UNION ALL ".join(parts), params


# The query's text is the same for every user and day: it is compiled once per database backend, and
# each request runs it with the user's id and today's date (compiling it through the ORM costs about
# forty times as much as running it).
_SCOPE_QUERY = Prepared(_scope_query, -7_319_024_185, dt.date(1901, 2, 3))


def _scope_rows(user) -> tuple[list[tuple], set[int], list[tuple]]:
    """(assignments, merged unit ids, centre rows) of the user, read in one round trip."""
    rows = _SCOPE_QUERY.rows(user.pk, timezone.localdate())
    found = [], set(), []
    for tag, *values in rows:
        if tag == "a":
            found[0].append((values[3], values[0], values[1]))
        elif tag == "u":
            found[1].add(values[0])
        else:
            found[2].append((int(values[0]), values[1], values[2]))
    return found


def compute_scope(user) -> Scope:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ANONYMOUS
    assignments, merged_units, rows = _scope_rows(user)
    roles = frozenset(role for role, _, _ in assignments)
    if user.is_superuser or Role.SYSTEM_ADMIN in roles:
        return Scope(authenticated=True, sees_everything=True, roles=roles | {Role.SYSTEM_ADMIN},
                     person_id=user.person_id, personal_data=True)

    province_ids = {p for role, p, _ in assignments if p and role == Role.PROVINCE_SUPERVISOR}
    viewed_provinces = {p for role, p, _ in assignments if p and role == Role.VIEWER}
    direct_centres = {c for _, _, c in assignments if c}
    editable = {c for role, _, c in assignments if c and role in CENTRE_EDITORS}
    directed = {c for role, _, c in assignments if c and role == Role.CENTRE_DIRECTOR}
    person_roles_centres = {
        c for role, _, c in assignments if c and role in (CENTRE_EDITORS | {Role.VIEWER})
    }

    history = province_ids | viewed_provinces
    if history:
        history |= merged_units
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
        directed_centre_ids=frozenset(_expand_predecessors(directed, predecessor_of) if directed else set()),
        person_id=user.person_id,
        person_centre_ids=frozenset(
            _expand_predecessors(person_roles_centres, predecessor_of) | province_centres
        ),
        personal_data=bool(roles.intersection(PERSONAL_DATA_ROLES)),
    )


def scope_of(user) -> Scope:
    """The user's scope, computed once per user object (i.e. once per request), and remembered across
    requests while the access token the user was read with holds (accounts.access)."""
    cached = getattr(user, "_ttct_scope", None)
    if cached is None:
        if getattr(user, "is_authenticated", False):
            cached = user._ttct_scope = recall_for(user, ("scope", timezone.localdate()), lambda: compute_scope(user))
        else:
            cached = compute_scope(user)
    return cached


def require_staff(user) -> None:
    """Pages about a centre's people and organisations are for its staff, viewers and supervisors."""
    if not scope_of(user).is_staff_of_some_centre:
        raise PermissionDenied
