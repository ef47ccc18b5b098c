"""Who may do what with reports, in the words of the one Scope vocabulary."""

from __future__ import annotations

from core.scope import Scope


def reads_reports_of(scope: Scope, centre_id: int | None) -> bool:
    """A centre's reports: its staff and viewers, and the province's supervisors."""
    return scope.sees_people_of(centre_id)


def reads_some_reports(scope: Scope) -> bool:
    return scope.is_staff_of_some_centre


def prepares_report(scope: Scope, centre_id: int | None) -> bool:
    """Generates a report, writes its text, starts a correction: the director and the training officers."""
    return scope.edits(centre_id)


def submits_report(scope: Scope, centre_id: int | None) -> bool:
    """Signs and sends the report upward: the director."""
    return scope.directs(centre_id)


def reads_rollup(scope: Scope, province_id: int | None) -> bool:
    return scope.supervises(province_id)


def reads_some_rollup(scope: Scope) -> bool:
    return scope.supervises_some_province


def edits_report_kinds(scope: Scope) -> bool:
    """Report kinds are national data: the system administrator keeps them."""
    return scope.sees_everything
