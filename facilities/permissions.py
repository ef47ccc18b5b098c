"""Who may read and change a centre's facilities, as named predicates over the user's Scope."""

from __future__ import annotations

from accounts.scope import scope_of


def reads_facilities(user, centre_id: int | None = None) -> bool:
    """Staff, viewers and supervisors read the facilities of the centres they see."""
    scope = scope_of(user)
    if centre_id is None:
        return scope.is_staff_of_some_centre
    return scope.sees_people_of(centre_id)


def manages_facilities(user, centre_id: int | None) -> bool:
    """The centre's director and training officers keep its rooms, equipment and inventory."""
    return scope_of(user).edits(centre_id)


def manages_some_facilities(user) -> bool:
    return scope_of(user).edits_some_centre


def keeps_standard(user) -> bool:
    """The facilities standard and the equipment categories are national data: administrators keep them."""
    return scope_of(user).sees_everything
