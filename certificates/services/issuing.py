"""Issuing, revoking and re-issuing certificates, with register numbers that are never reused.

Numbers come from the centre's register for the year: the register row is locked (SELECT … FOR
UPDATE) for the rest of the transaction, so two officers issuing at once get consecutive numbers,
never the same one, and a failed issue gives its numbers back by rolling back.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.models import Certificate, CertificateRegister
from certificates.permissions import can_issue
from core.audit import record, record_many, snapshot
from core.models import AuditEvent
from core.services import require
from core.warnings import require_reason, with_warnings
from curriculum.choices import CertificateType
from training.models import Enrolment, Klass
from training.results.completion import completers, has_completed
from training.results.documents import (
    director_name,
    host_committee,
    place_name,
    vn_upper,
)
from training.results.rules import printed_classification

FROZEN_FIELDS = [
    "number",
    "register_id",
    "code",
    "issued_on",
    "status",
    "learner_name",
    "classification",
    "replaces_id",
]
MAX_DAYS_AHEAD = 366  # dated ahead for a ceremony or the next year's register at most, never years ahead
REVOKE_FIELDS = ["status", "revoked_at", "revoked_by_id", "revoked_reason"]


def take_numbers(*, centre, year: int, count: int) -> tuple[CertificateRegister, int]:
    """Reserve `count` consecutive numbers in the centre's register; call inside a transaction."""
    if not CertificateRegister.objects.filter(centre=centre, year=year).exists():
        try:
            with transaction.atomic():
                CertificateRegister.objects.create(centre=centre, year=year)
        except IntegrityError:
            pass  # another transaction created it first; lock theirs below
    register = CertificateRegister.objects.select_for_update().get(centre=centre, year=year)
    first = register.next_number
    register.next_number = first + count
    register.save(update_fields=["next_number"])
    return register, first


def _frozen_copy(
    enrolment: Enrolment,
    klass: Klass,
    *,
    issued_on,
    signer_title,
    signer_name,
    place,
    signer_capacity="",
    host_line=None,
) -> dict:
    """What the certificate states, copied from the records as they are when it is issued."""
    person = enrolment.person
    if host_line is None:
        host_line = vn_upper(host_committee(klass.centre, issued_on))
    return {
        "enrolment": enrolment,
        "issued_on": issued_on,
        "learner_name": person.full_name,
        "date_of_birth": person.date_of_birth,
        "programme_name": klass.version.programme.name,
        "class_code": klass.code,
        "class_name": klass.name,
        "host_line": host_line,
        "signer_capacity": signer_capacity,
        "class_start": klass.start_date,
        "class_end": klass.end_date,
        "classification": printed_classification(enrolment.result.classification),
        "centre_name": klass.centre.name,
        "signer_title": signer_title,
        "signer_name": signer_name,
        "place": place,
    }


def _check_class(klass: Klass, issued_on: dt.date) -> None:
    if not klass.results_locked:
        raise ValidationError(
            _("Certificates are issued after the director approves the results."), code="results_not_approved"
        )
    if klass.version.certificate_type == CertificateType.NONE:
        raise ValidationError(_("This programme awards no certificate."), code="no_certificate")
    if issued_on > timezone.localdate() + dt.timedelta(days=MAX_DAYS_AHEAD):
        raise ValidationError(
            {"issued_on": [_("The issue date is too far in the future; certificates are dated at most %(days)d days "
                             "ahead.") % {"days": MAX_DAYS_AHEAD}]}, code="issued_too_late"
        )
    if issued_on < klass.start_date:
        raise ValidationError(
            {"issued_on": [_("The issue date cannot be before the class started.")]}, code="issued_too_early"
        )


def _completers(klass: Klass, enrolment_ids) -> list[Enrolment]:
    """The learners to certify; refuses anyone who did not complete or already holds a valid certificate."""
    queryset = Enrolment.objects.filter(klass=klass).select_related("person", "result")
    if enrolment_ids is None:
        return list(completers(klass).exclude(certificates__status=Certificate.Status.VALID))
    wanted = set(enrolment_ids)
    found = {e.pk: e for e in queryset.filter(pk__in=wanted)}
    holding = dict(
        Certificate.objects.filter(enrolment_id__in=wanted, status=Certificate.Status.VALID)
        .select_related("register")
        .values_list("enrolment_id", "number")
    )
    errors = []
    for pk in sorted(wanted):
        enrolment = found.get(pk)
        if enrolment is None:
            errors.append(_("Learner %(id)s is not in this class.") % {"id": pk})
            continue
        if not has_completed(enrolment):
            errors.append(
                _("%(name)s did not complete the programme; no certificate can be issued.")
                % {"name": enrolment.person.full_name}
            )
        elif pk in holding:
            errors.append(
                _("%(name)s already holds certificate number %(number)s.")
                % {"name": enrolment.person.full_name, "number": holding[pk]}
            )
    if errors:
        raise ValidationError(errors, code="not_eligible")
    return sorted(found.values(), key=lambda e: (e.person.sort_key, e.pk))


def issue_warnings(issued_on: dt.date) -> list[str]:
    """What the issuer is asked to confirm with a reason."""
    if issued_on > timezone.localdate():
        return [_("The issue date %(date)s is after today.") % {"date": issued_on.strftime("%d/%m/%Y")}]
    return []


def issue_certificates(
    *,
    actor,
    klass: Klass,
    enrolment_ids=None,
    issued_on: dt.date | None = None,
    signer_title: str = "GIÁM ĐỐC",
    signer_name: str | None = None,
    place: str | None = None,
    signer_capacity: str = "",
    warning_reason: str = "",
) -> list[Certificate]:
    """Certify the class's completers (all who hold none yet, or the enrolments given).

    A certificate dated after today is issued only with `warning_reason`, which the audit keeps."""
    require(can_issue(actor, klass))
    klass = Klass.objects.select_related("version__programme", "centre").get(pk=klass.pk)
    issued_on = issued_on or timezone.localdate()
    _check_class(klass, issued_on)
    warnings = issue_warnings(issued_on)
    reason = with_warnings(require_reason(warnings, warning_reason), warnings)
    signer_name = director_name(klass.centre, issued_on) if signer_name is None else signer_name.strip()
    place = place_name(klass.centre) if not place else place.strip()
    host_line = vn_upper(host_committee(klass.centre, issued_on))
    with transaction.atomic():
        # Lock the class before reading who still needs a certificate: a second issue of the same class
        # waits here, then finds everyone certified (the database's one-valid-per-enrolment rule backs it).
        Klass.objects.select_for_update().filter(pk=klass.pk).values_list("pk", flat=True).get()
        enrolments = _completers(klass, enrolment_ids)
        if not enrolments:
            raise ValidationError(
                _("Every learner who completed already holds a certificate."), code="nothing_to_issue"
            )
        register, first = take_numbers(centre=klass.centre, year=issued_on.year, count=len(enrolments))
        certificates = [
            Certificate(
                register=register,
                number=first + offset,
                **_frozen_copy(
                    e,
                    klass,
                    issued_on=issued_on,
                    signer_title=signer_title,
                    signer_name=signer_name,
                    place=place,
                    host_line=host_line,
                    signer_capacity=(signer_capacity or "").strip(),
                ),
            )
            for offset, e in enumerate(enrolments)
        ]
        Certificate.objects.bulk_create(certificates, batch_size=500)
        if certificates and certificates[0].pk is None:
            certificates = list(
                Certificate.objects.filter(register=register, number__gte=first, number__lt=first + len(certificates))
            )
        record_many(actor=actor, action=AuditEvent.Action.ISSUE, objects=certificates, after_fields=FROZEN_FIELDS,
                    reason=reason)
    return certificates


def revoke_certificate(*, actor, certificate: Certificate, reason: str) -> Certificate:
    klass = certificate.enrolment.klass
    require(can_issue(actor, klass))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Give the reason for revoking the certificate.")]}, code="reason_required")
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.status != Certificate.Status.VALID:
            raise ValidationError(_("This certificate is already revoked."), code="already_revoked")
        before = snapshot(certificate, REVOKE_FIELDS)
        certificate.status = Certificate.Status.REVOKED
        certificate.revoked_at, certificate.revoked_by, certificate.revoked_reason = timezone.now(), actor, reason
        certificate.save(update_fields=["status", "revoked_at", "revoked_by", "revoked_reason", "updated_at"])
        record(
            actor=actor,
            action=AuditEvent.Action.REVOKE,
            obj=certificate,
            before=before,
            after=snapshot(certificate, REVOKE_FIELDS),
            reason=reason,
        )
    return certificate


def reissue_certificate(
    *,
    actor,
    certificate: Certificate,
    reason: str,
    issued_on: dt.date | None = None,
    signer_title: str | None = None,
    signer_name: str | None = None,
) -> Certificate:
    """Replace a certificate (lost, damaged, name corrected): the old one is revoked, the new one
    gets a new number, states the records as they are now and points back to the old one."""
    enrolment = certificate.enrolment
    klass = Klass.objects.select_related("version__programme", "centre").get(pk=enrolment.klass_id)
    require(can_issue(actor, klass))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": [_("Give the reason for re-issuing the certificate.")]}, code="reason_required"
        )
    issued_on = issued_on or timezone.localdate()
    _check_class(klass, issued_on)
    with transaction.atomic():
        Klass.objects.select_for_update().filter(pk=klass.pk).values_list("pk", flat=True).get()
        old = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if Certificate.objects.filter(replaces=old).exists():
            raise ValidationError(_("This certificate has already been re-issued."), code="already_reissued")
        enrolment = Enrolment.objects.select_related("person", "result").get(pk=old.enrolment_id)
        if not has_completed(enrolment):
            raise ValidationError(
                _("%(name)s no longer meets the completion rules; no certificate can be issued.")
                % {"name": enrolment.person.full_name},
                code="not_eligible",
            )
        if old.status == Certificate.Status.VALID:
            revoke_certificate(actor=actor, certificate=old, reason=_("Re-issued: %(reason)s") % {"reason": reason})
        register, number = take_numbers(centre=klass.centre, year=issued_on.year, count=1)
        new = Certificate(
            register=register,
            number=number,
            replaces=old,
            **_frozen_copy(
                enrolment,
                klass,
                issued_on=issued_on,
                signer_title=signer_title or old.signer_title or "GIÁM ĐỐC",
                signer_name=old.signer_name if signer_name is None else signer_name,
                place=old.place or place_name(klass.centre),
                signer_capacity=old.signer_capacity,
            ),
        )
        new.save()
        record(actor=actor, action=AuditEvent.Action.ISSUE, obj=new, after=snapshot(new, FROZEN_FIELDS), reason=reason)
    return new
