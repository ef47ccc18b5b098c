"""Warnings a user may override with a reason: the step goes ahead and the reason is kept in the audit.

A service collects the warnings that apply (dates out of order, a class outside its plan's quarter …)
and calls `require_reason`; without a reason it refuses, the reason's field holding each warning (code
"warning") and then the request for a reason (code "needs_reason"), so the page can show them beside a
reason field and the API can list them (`refused_warnings`). The reason then goes into the audit event.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

FIELD = "warning_reason"
WARNING = "warning"
NEEDS_REASON = "needs_reason"


def require_reason(warnings: list[str], reason: str, *, field: str = FIELD) -> str:
    """The reason, stripped ("" when no warning applies: nothing to justify, nothing recorded); refuses when
    warnings apply and it is empty."""
    reason = (reason or "").strip()
    if warnings and not reason:
        raise ValidationError({field: [
            *(ValidationError(text, code=WARNING) for text in warnings),
            ValidationError(_("Give the reason to continue; it is recorded in the history."), code=NEEDS_REASON),
        ]})
    return reason if warnings else ""


def refused_warnings(error: ValidationError) -> tuple[str, list[str]] | None:
    """(the reason's field, the warnings) when `error` is a refusal of `require_reason`, else None."""
    for field, errors in getattr(error, "error_dict", {}).items():
        if any(e.code == NEEDS_REASON for e in errors):
            return field, [str(e.message) for e in errors if e.code == WARNING]
    return None


def with_warnings(reason: str, warnings: list[str]) -> str:
    """The audit text: the warnings overridden, then the reason given."""
    if not warnings:
        return reason
    return " ".join(warnings) + (" — " + reason if reason else "")


__all__ = ["FIELD", "NEEDS_REASON", "WARNING", "refused_warnings", "require_reason", "with_warnings"]
