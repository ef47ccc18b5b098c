"""Who may change which part of the catalogue.

National entries: system administrators. A province's entries: its supervisors. A centre's local
programmes: the centre's director and training officers, and the supervisors of its province.
Everyone in scope reads.
"""

from __future__ import annotations

from accounts.scope import Scope, scope_of


def can_edit_programme(user, programme) -> bool:
    scope = scope_of(user)
    if scope.sees_everything:
        return True
    if programme.owner_centre_id:
        return scope.manages(programme.owner_centre_id, programme.owner_centre.province_id)
    if programme.owner_province_id:
        return scope.supervises(programme.owner_province_id)
    return False


def is_supervisor(scope: Scope) -> bool:
    return scope.supervises_some_province


def can_create_programmes(user) -> bool:
    scope = scope_of(user)
    return scope.supervises_some_province or scope.edits_some_centre


def can_review_overlaps(user) -> bool:
    return is_supervisor(scope_of(user))


def can_edit_mappings(user) -> bool:
    """Liên thông is agreed between the province and its school, so supervisors keep the mapping."""
    return is_supervisor(scope_of(user))


def can_view_overlaps(user) -> bool:
    """The overlap report, matrix and explanations: the staff who keep or read the catalogue."""
    scope = scope_of(user)
    return is_supervisor(scope) or scope.is_staff_of_some_centre


def can_analyse_version(user, version) -> bool:
    """Officers check their own drafts before publishing; supervisors check any version they see."""
    return can_review_overlaps(user) or can_edit_programme(user, version.programme)


def can_analyse_files(user) -> bool:
    """An uploaded catalogue file is checked by whoever may import one, and by supervisors."""
    return can_review_overlaps(user) or can_create_programmes(user)


def can_edit_overlap_rules(user) -> bool:
    """Stop phrases and the detector's settings apply to every catalogue: administrators keep them."""
    return scope_of(user).sees_everything
