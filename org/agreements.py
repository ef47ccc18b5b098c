"""Coordination agreements: who may keep them, the workflows that change them, and the reads over them.

The classes co-organised under an agreement and their learners are read through reverse relations
(`agreement.classes`, `organisation.enrolments`), so org needs no import of training above it.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from accounts.scope import scope_of
from core.services import audited_delete, audited_save, require
from org.models import CoordinationAgreement, SendingOrganisation

LEARNER_STATUSES_EXCLUDED = ("withdrawn", "moved")


# --- permissions ---------------------------------------------------------------------------------
def reads_agreements(user, centre_id: int | None = None) -> bool:
    """Staff, viewers and supervisors read the agreements of the centres whose people they see."""
    scope = scope_of(user)
    return scope.is_staff_of_some_centre if centre_id is None else scope.sees_people_of(centre_id)


def manages_agreements(user, centre_id: int | None) -> bool:
    """The centre's director and training officers record its agreements."""
    return scope_of(user).edits(centre_id)


def manages_some_agreements(user) -> bool:
    return scope_of(user).edits_some_centre


# --- workflows -----------------------------------------------------------------------------------
def date_errors(signed_on, valid_from, valid_to) -> dict[str, list[str]]:
    """The messages for dates out of order (shared by the service and the form)."""
    messages: list[str] = []
    if valid_from and valid_to and valid_to < valid_from:
        messages.append(_("The agreement ends (%(end)s) before it starts (%(start)s).") % {
            "end": valid_to.strftime("%d/%m/%Y"), "start": valid_from.strftime("%d/%m/%Y")})
    elif signed_on and valid_to and valid_to < signed_on:
        messages.append(_("The agreement ends before the date it was signed."))
    return {"valid_to": messages} if messages else {}


def _validate(agreement: CoordinationAgreement) -> None:
    errors: dict[str, list[str]] = {}
    agreement.document_number = " ".join((agreement.document_number or "").split())
    agreement.title = " ".join((agreement.title or "").split())
    if not agreement.document_number:
        errors["document_number"] = [_("Enter the number of the agreement's document.")]
    errors.update(date_errors(agreement.signed_on, agreement.valid_from, agreement.valid_to))
    counterpart = agreement.counterpart if agreement.counterpart_id else None
    if counterpart is not None and agreement.centre_id:
        centre = agreement.centre
        if counterpart.centre_id not in (None, centre.pk) or (
                counterpart.centre_id is None and counterpart.province_id != centre.province_id):
            errors["counterpart"] = [_("Choose an organisation of the centre or of its province.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_agreement(*, actor, agreement: CoordinationAgreement, reason: str = "") -> CoordinationAgreement:
    """Record or change an agreement of a centre the actor manages (also the centre before a change)."""
    require(manages_agreements(actor, agreement.centre_id))
    if agreement.pk:
        stored = CoordinationAgreement.objects.filter(pk=agreement.pk).values_list("centre_id", flat=True).first()
        require(manages_agreements(actor, stored))
    _validate(agreement)
    return audited_save(actor=actor, instance=agreement, reason=reason)


@transaction.atomic
def delete_agreement(*, actor, agreement: CoordinationAgreement, reason: str = "") -> None:
    """Delete an agreement entered by mistake; one that classes refer to stays."""
    require(manages_agreements(actor, agreement.centre_id))
    audited_delete(actor=actor, instance=agreement, reason=reason)


# --- reads ---------------------------------------------------------------------------------------
def classes_by_year(agreement: CoordinationAgreement) -> list[dict]:
    """[{year, classes, learners}] of the classes co-organised under the agreement, newest year first."""
    rows = (
        agreement.classes.annotate(year=ExtractYear("start_date")).values("year")
        .annotate(classes=Count("id", distinct=True),
                  learners=Count("enrolments", distinct=True,
                                 filter=~Q(enrolments__status__in=LEARNER_STATUSES_EXCLUDED)))
        .order_by("-year")
    )
    return list(rows)


def expiring_agreements(user, on: dt.date):
    return (CoordinationAgreement.objects.visible_to(user).expiring(on)
            .select_related("counterpart", "centre").order_by("valid_to"))


def counterparts_without_agreement(centre_ids, on: dt.date):
    """Organisations that sent learners to the centres' classes but have no agreement in force with the
    centre, with the number of learners they sent (one query)."""
    ids = list(centre_ids)
    in_force = CoordinationAgreement.objects.in_force(on).filter(
        counterpart=OuterRef("pk"), centre_id__in=ids)
    sent = Q(enrolments__klass__centre_id__in=ids) & ~Q(enrolments__status__in=LEARNER_STATUSES_EXCLUDED)
    return (
        SendingOrganisation.objects.filter(enrolments__klass__centre_id__in=ids)
        .annotate(has_agreement=Exists(in_force))
        .filter(has_agreement=False)
        .annotate(learners=Count("enrolments", filter=sent, distinct=True))
        .order_by("-learners", "sort_key")
    )
