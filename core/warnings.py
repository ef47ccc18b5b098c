"""Warnings a user may override with a reason: the step goes ahead and the reason is kept in the audit.

A service collects the warnings that apply (dates out of order, a class outside its plan's quarter …)
and calls `require_reason`; without a reason it refuses with code "needs_reason" and the warnings as the
message, so the page can show them beside a reason field. The reason then goes into the audit event.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

FIELD = "warning_reason"


def require_reason(warnings: list[str], reason: str, *, field: str = FIELD) -> str:
    """The reason, stripped ("" when no warning applies: nothing to justify, nothing recorded); refuses when
    warnings apply and it is empty."""
    reason = (reason or "").strip()
    if warnings and not reason:
        raise ValidationError(
            {field: [*warnings, _("Give the reason to continue; it is recorded in the history.")]},
            code="needs_reason",
        )
    return reason if warnings else ""


def with_warnings(reason: str, warnings: list[str]) -> str:
    """The audit text: the warnings overridden, then the reason given."""
    if not warnings:
        return reason
    return " ".join(warnings) + (" — " + reason if reason else "")


__all__ = ["FIELD", "require_reason", "with_warnings"]
