"""Who may read and change a centre's money, as named predicates over the user's Scope."""

from __future__ import annotations

from accounts.scope import scope_of


def reads_finance(user, centre_id: int | None = None) -> bool:
    """Staff, viewers and supervisors read the budget and class costs of the centres they see."""
    scope = scope_of(user)
    return scope.is_staff_of_some_centre if centre_id is None else scope.sees_people_of(centre_id)


def manages_finance(user, centre_id: int | None) -> bool:
    """The centre's director and training officers keep its budget, spending and class costs."""
    return scope_of(user).edits(centre_id)


def manages_some_finance(user) -> bool:
    return scope_of(user).edits_some_centre


def keeps_cost_rules(user, province_id: int | None) -> bool:
    """A province's supervisors set its cost rules; the national defaults belong to administrators."""
    scope = scope_of(user)
    return scope.sees_everything if province_id is None else scope.supervises(province_id)


def compares_centres(user) -> bool:
    """The province comparison: supervisors (and administrators)."""
    return scope_of(user).supervises_some_province
