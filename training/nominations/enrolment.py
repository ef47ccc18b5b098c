"""Enrolment workflows for one learner: enrol (found by search), move to another class, withdraw.

The import of a whole nomination list is in training/nominations/services.py and shares the rules
(rules.py) and the helpers here.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.scope import scope_of
from core import audit
from core.audit import record, snapshot
from core.models import AuditEvent
from core.warnings import require_reason, with_warnings
from org.models import SendingOrganisation
from training.models import Enrolment, Klass
from training.nominations.rules import ACCEPTING, Candidate, Eligibility, Finding, Rule
from training.permissions import edits_class

AUDIT_FIELDS = ["klass_id", "person_id", "sending_organisation_id", "status", "status_reason", "moved_to_id",
                "override_reason", "source_row"]


# Shared checks --------------------------------------------------------------------------------------
def sending_organisations(actor, klass: Klass):
    """The organisations that may send learners to `klass`: its centre's own and the province-wide ones of
    its province, not archived, within the actor's scope (`actor=None`: a system script). The one lookup of
    the upload page, the API, the single enrolment and the import's "Đơn vị cử" column."""
    queryset = SendingOrganisation.objects.filter(
        Q(centre_id=klass.centre_id) | Q(centre__isnull=True, province_id=klass.centre.province_id), archived=False)
    if actor is not None:
        queryset = queryset.filter(pk__in=SendingOrganisation.objects.visible_to(actor).values("pk"))
    return queryset.order_by("sort_key")


def require_sending_organisation(actor, klass: Klass, organisation, *, field: str = "sending_organisation") -> None:
    if organisation is not None and not sending_organisations(actor, klass).filter(pk=organisation.pk).exists():
        raise ValidationError({field: _("This organisation does not send learners to this centre's classes.")})


def require_manager(actor, klass: Klass) -> None:
    """`actor=None` is a system script (the import command run without --user); a user needs the right."""
    if actor is not None and not edits_class(actor, klass):
        raise PermissionDenied


def require_accepting(klass: Klass) -> None:
    if klass.status not in ACCEPTING:
        raise ValidationError(
            _("Class %(code)s is %(status)s; learners are enrolled only while it is open for nominations or in "
              "progress.") % {"code": klass.code, "status": klass.get_status_display()},
            code="class_not_accepting",
        )


def lock_class(klass: Klass) -> Klass:
    """Lock the class row for the transaction, so two enrolments cannot both take the last place."""
    return Klass.objects.select_for_update().select_related("version", "centre").get(pk=klass.pk)


def findings_error(findings: Iterable[Finding]) -> ValidationError:
    texts = [f.text for f in findings]
    return ValidationError(
        _("%(problems)s To enrol anyway, give the reason for the exception.") % {"problems": " ".join(texts)},
        code="ineligible",
    )


def record_overrides(actor, pairs: list[tuple[Enrolment, list[Finding]]]) -> None:
    """One event per enrolment that broke a rule: which rules, and why it was allowed."""
    if not pairs:
        return
    audit.write([
        audit.event(
            actor=actor, action=AuditEvent.Action.OTHER, obj=enrolment,
            after={"overridden_rules": sorted({f.rule for f in findings}),
                   "findings": [f.text for f in findings], "override_reason": enrolment.override_reason},
            reason=enrolment.override_reason,
        )
        for enrolment, findings in pairs
    ])


def record_warnings(actor, pairs: list[tuple[Enrolment, list[str]]], reason: str) -> None:
    """One event per enrolment that went ahead despite a warning: the warnings, and the reason given."""
    if not pairs:
        return
    audit.write([
        audit.event(actor=actor, action=AuditEvent.Action.OTHER, obj=enrolment,
                    after={"warnings": warnings, "warning_reason": reason}, reason=with_warnings(reason, warnings))
        for enrolment, warnings in pairs
    ])


def _audit_change(actor, enrolment: Enrolment, before: dict, reason: str) -> None:
    record(actor=actor, action=AuditEvent.Action.UPDATE, obj=enrolment, before=before,
           after=snapshot(enrolment, AUDIT_FIELDS), reason=reason)


# Workflows ------------------------------------------------------------------------------------------
def enrol_person(*, actor, klass: Klass, person, sending_organisation=None, override_reason: str = "",
                 reason: str = "", warning_reason: str = "") -> Enrolment:
    """Enrol one registry person. Refuses when a rule says no, unless `override_reason` explains why; a
    warning (a party member in a course for candidates for admission) needs `warning_reason` (or the
    override's reason), which the audit keeps."""
    require_manager(actor, klass)
    require_sending_organisation(actor, klass, sending_organisation)
    override_reason = (override_reason or "").strip()
    with transaction.atomic():
        klass = lock_class(klass)
        require_accepting(klass)
        return _enrol(actor=actor, klass=klass, person=person, sending_organisation=sending_organisation,
                      override_reason=override_reason, reason=reason or _("Enrolled by search."),
                      warning_reason=warning_reason)


def _enrol(*, actor, klass, person, sending_organisation, override_reason, reason, warning_reason="",
           exclude_enrolment_id=None) -> Enrolment:
    rules = Eligibility(klass, exclude_enrolment_id=exclude_enrolment_id)
    found = rules.assess([Candidate(person.pk, person_id=person.pk, override=override_reason)])[person.pk]
    if found.already_enrolled:
        raise ValidationError(_("%(name)s is already enrolled in class %(code)s.")
                              % {"name": person.full_name, "code": klass.code}, code="already_enrolled")
    blocking = found.blocking
    if blocking and not override_reason:
        raise findings_error(blocking)
    warnings = found.warnings
    warning_reason = require_reason(warnings, warning_reason or override_reason)
    kept_reason = override_reason if blocking else ""
    if found.reactivate_id:
        enrolment = Enrolment.objects.select_for_update().get(pk=found.reactivate_id)
        before = snapshot(enrolment, AUDIT_FIELDS)
        enrolment.status = Enrolment.Status.ENROLLED
        enrolment.status_reason = ""
        enrolment.moved_to = None
        enrolment.override_reason = kept_reason
        if sending_organisation is not None:
            enrolment.sending_organisation = sending_organisation
        enrolment.save()
        _audit_change(actor, enrolment, before, reason)
    else:
        enrolment = Enrolment.objects.create(klass=klass, person=person, sending_organisation=sending_organisation,
                                             override_reason=kept_reason)
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=enrolment,
               after=snapshot(enrolment, AUDIT_FIELDS), reason=reason)
    if blocking:
        record_overrides(actor, [(enrolment, blocking)])
    if warnings:
        record_warnings(actor, [(enrolment, warnings)], warning_reason)
    return enrolment


def _require_changeable(enrolment: Enrolment) -> None:
    if enrolment.status != Enrolment.Status.ENROLLED:
        raise ValidationError(_("This learner is no longer enrolled in the class (%(status)s).")
                              % {"status": enrolment.get_status_display()}, code="not_enrolled")
    if enrolment.klass.results_locked:
        raise ValidationError(_("The results of class %(code)s are approved; its enrolments can no longer change.")
                              % {"code": enrolment.klass.code}, code="results_locked")


def withdraw_enrolment(*, actor, enrolment: Enrolment, reason: str) -> Enrolment:
    """The learner leaves the class. Attendance and scores recorded so far stay with the enrolment."""
    require_manager(actor, enrolment.klass)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the withdrawal.")}, code="reason_required")
    with transaction.atomic():
        enrolment = Enrolment.objects.select_for_update().select_related("klass", "person").get(pk=enrolment.pk)
        _require_changeable(enrolment)
        before = snapshot(enrolment, AUDIT_FIELDS)
        enrolment.status = Enrolment.Status.WITHDRAWN
        enrolment.status_reason = reason
        enrolment.save()
        _audit_change(actor, enrolment, before, reason)
    return enrolment


def move_enrolment(*, actor, enrolment: Enrolment, to_klass: Klass, reason: str,
                   override_reason: str = "", warning_reason: str = "") -> Enrolment:
    """Move a learner to another class; returns the enrolment in the new class.

    The old enrolment stays, marked "moved", with its attendance and scores; the new class's rules
    (capacity, prerequisites ...) apply as for any enrolment.
    """
    require_manager(actor, enrolment.klass)
    require_manager(actor, to_klass)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the move.")}, code="reason_required")
    if to_klass.pk == enrolment.klass_id:
        raise ValidationError({"to_klass": _("Choose a class other than the learner's current class.")},
                              code="same_class")
    with transaction.atomic():
        # Lock both classes in id order, so two opposite moves cannot wait on each other.
        first, second = sorted([enrolment.klass_id, to_klass.pk])
        list(Klass.objects.select_for_update().filter(pk__in=[first, second]).order_by("pk"))
        enrolment = Enrolment.objects.select_for_update().select_related("klass", "person").get(pk=enrolment.pk)
        target = Klass.objects.select_related("version", "centre").get(pk=to_klass.pk)
        _require_changeable(enrolment)
        require_accepting(target)
        moved = _enrol(actor=actor, klass=target, person=enrolment.person,
                       sending_organisation=enrolment.sending_organisation,
                       override_reason=(override_reason or "").strip(), warning_reason=warning_reason,
                       reason=_("Moved from class %(code)s: %(reason)s") % {"code": enrolment.klass.code,
                                                                            "reason": reason})
        before = snapshot(enrolment, AUDIT_FIELDS)
        enrolment.status = Enrolment.Status.MOVED
        enrolment.status_reason = reason
        enrolment.moved_to = target
        enrolment.save()
        _audit_change(actor, enrolment, before, reason)
    return moved


def move_targets(user, enrolment: Enrolment):
    """Classes the learner can be moved to: accepting classes the user manages, same programme first."""
    scope = scope_of(user)
    classes = Klass.objects.visible_to(user).filter(status__in=ACCEPTING).exclude(pk=enrolment.klass_id)
    if not scope.sees_everything:
        classes = classes.filter(centre_id__in=scope.editable_centre_ids)
    return classes.select_related("version__programme").order_by("version__programme__code", "-start_date")


__all__ = [
    "Rule", "enrol_person", "require_sending_organisation", "sending_organisations", "move_enrolment", "move_targets", "require_accepting",
    "require_manager", "withdraw_enrolment",
]
