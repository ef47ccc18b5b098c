"""Who may do what with lecturers' load, pay, standards and feedback: named predicates over the Scope."""

from __future__ import annotations

from core.scope import Scope


def sees_lecturer_records(scope: Scope, centre_id: int | None) -> bool:
    """Loads, payment sheets, standards of a centre's lecturers: its staff, viewers and supervisors."""
    return scope.sees_people_of(centre_id)


def manages_lecturer_records(scope: Scope, centre_id: int | None) -> bool:
    """Confirms sessions, makes payment sheets final, records reductions, opens surveys."""
    return scope.edits(centre_id)


def sees_own_lecturer_record(scope: Scope, person_id: int | None) -> bool:
    return person_id is not None and scope.person_id == person_id


def sees_lecturer(scope: Scope, centre_id: int | None, person_id: int | None) -> bool:
    return sees_lecturer_records(scope, centre_id) or sees_own_lecturer_record(scope, person_id)


def manages_fee_tables(scope: Scope, province_id: int | None) -> bool:
    """A province's tables: its supervisors; the national default: administrators only."""
    return scope.supervises(province_id) if province_id else scope.sees_everything


def manages_national_rules(scope: Scope) -> bool:
    """Norm tables, coefficients, standards and survey templates are kept by administrators."""
    return scope.sees_everything


def sees_rules(scope: Scope) -> bool:
    return scope.is_staff_of_some_centre or scope.supervises_some_province
