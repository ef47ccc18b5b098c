"""Who may do what with frameworks and assessments, in terms of the Scope vocabulary."""

from __future__ import annotations

from accounts.scope import scope_of


def manages_framework(user, framework) -> bool:
    """Administrators keep the national frameworks; a province's supervisors keep the province's copies."""
    scope = scope_of(user)
    if framework.province_id is None:
        return scope.sees_everything
    return scope.supervises(framework.province_id)


def manages_some_framework(user) -> bool:
    return scope_of(user).supervises_some_province


def reads_frameworks(user) -> bool:
    return scope_of(user).is_staff_of_some_centre


def reads_assessments(user) -> bool:
    """The list of self-assessments: the centres' staff and viewers, and the supervisors."""
    return scope_of(user).is_staff_of_some_centre


def prepares_assessment(user, centre_id: int) -> bool:
    """The centre's director and training officers fill in the self-assessment."""
    return scope_of(user).edits(centre_id)


def submits_assessment(user, centre_id: int) -> bool:
    """Only the director submits (signs) the self-assessment."""
    return scope_of(user).directs(centre_id)


def reviews_assessment(user, assessment) -> bool:
    """The supervisors of the centre's province review and recognise."""
    return scope_of(user).supervises(assessment.centre.province_id)


def sees_province_standing(user) -> bool:
    return scope_of(user).supervises_some_province


def sees_centre_standing(user, centre_id: int) -> bool:
    return scope_of(user).sees_people_of(centre_id)
