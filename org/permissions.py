"""Who may change what in the organisation register: each rule written once, on the `Scope` vocabulary."""

from __future__ import annotations

from accounts.scope import scope_of


def can_edit_centre_page(user, centre) -> bool:
    return scope_of(user).manages(centre.pk, centre.province_id)


def can_edit_sending_org(user, org) -> bool:
    """A centre's organisation: the centre's editors and the province's supervisors. A province-wide one:
    the supervisors, and the editors of a centre in that province (they add the offices that send learners)."""
    scope = scope_of(user)
    if org.centre_id:
        return scope.manages(org.centre_id, org.province_id)
    return scope.supervises(org.province_id) or (
        scope.edits_some_centre and org.province_id in scope.province_ids_with_history
    )


def can_add_sending_org(user) -> bool:
    scope = scope_of(user)
    return scope.edits_some_centre or scope.supervises_some_province
