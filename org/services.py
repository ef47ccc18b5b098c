"""Workflows on the organisation tree. Every change is atomic, checked against the actor's scope, and audited."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.scope import scope_of
from core.audit import record, snapshot
from core.models import AuditEvent
from core.services import audited_delete, audited_save, require
from core.text import nfc
from org.models import (
    AdministrativeUnit,
    Centre,
    CentreHost,
    CentreName,
    DocumentHeading,
    SendingOrganisation,
    ServiceAreaLink,
)
from org.permissions import can_edit_sending_org


def _day_before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=1)


@transaction.atomic
def create_centre(*, actor, centre: Centre, name: str, name_from: dt.date | None = None,
                  host_committee: str = "", host_unit: AdministrativeUnit | None = None) -> Centre:
    require(scope_of(actor).supervises(centre.province_id))
    centre.name = nfc(name)
    centre.refresh_search()
    audited_save(actor=actor, instance=centre)
    CentreName.objects.create(centre=centre, name=centre.name, valid_from=name_from or centre.founding_date)
    if host_committee:
        CentreHost.objects.create(centre=centre, committee_name=nfc(host_committee), unit=host_unit,
                                  valid_from=name_from or centre.founding_date)
    return centre


@transaction.atomic
def update_centre(*, actor, centre: Centre, reason: str = "") -> Centre:
    scope = scope_of(actor)
    require(scope.manages(centre.pk, centre.province_id))
    centre.refresh_search()
    return audited_save(actor=actor, instance=centre, reason=reason)


@transaction.atomic
def rename_centre(*, actor, centre: Centre, new_name: str, valid_from: dt.date, decision: str = "") -> CentreName:
    """Record a new name from a date; the old name stays in the history, ending the day before."""
    require(scope_of(actor).supervises(centre.province_id))
    new_name = nfc(new_name)
    latest = centre.names.filter(valid_to__isnull=True).order_by("-valid_from").first()
    if latest and latest.valid_from and valid_from <= latest.valid_from:
        raise ValidationError({"valid_from": _("The new name must start after the current name's start date (%(d)s).")
                               % {"d": latest.valid_from.strftime("%d/%m/%Y")}})
    if latest:
        latest.valid_to = _day_before(valid_from)
        latest.save(update_fields=["valid_to"])
    entry = CentreName.objects.create(centre=centre, name=new_name, valid_from=valid_from, decision=decision)
    if valid_from <= dt.date.today():
        before = snapshot(centre, ["name"])
        centre.name = new_name
        centre.refresh_search()
        centre.save(update_fields=["name", "search_text", "sort_key", "updated_at"])
        record(actor=actor, action=AuditEvent.Action.UPDATE, obj=centre, before=before,
               after=snapshot(centre, ["name"]), reason=decision)
    return entry


@transaction.atomic
def change_host(*, actor, centre: Centre, committee_name: str, valid_from: dt.date,
                unit: AdministrativeUnit | None = None) -> CentreHost:
    require(scope_of(actor).supervises(centre.province_id))
    current = centre.hosts.filter(valid_to__isnull=True).order_by("-valid_from").first()
    if current and current.valid_from and valid_from <= current.valid_from:
        raise ValidationError({"valid_from": _("The new host must start after the current host's start date.")})
    if current:
        current.valid_to = _day_before(valid_from)
        current.save(update_fields=["valid_to"])
    host = CentreHost.objects.create(centre=centre, committee_name=nfc(committee_name), unit=unit, valid_from=valid_from)
    record(actor=actor, action=AuditEvent.Action.UPDATE, obj=centre,
           before={"host": current.committee_name if current else None}, after={"host": host.committee_name})
    return host


@transaction.atomic
def add_service_area(*, actor, centre: Centre, unit: AdministrativeUnit, valid_from: dt.date | None) -> ServiceAreaLink:
    scope = scope_of(actor)
    require(scope.supervises(centre.province_id))
    if unit.province_id not in scope.province_ids_with_history and not scope.sees_everything:
        raise ValidationError({"unit": _("This administrative unit is outside your province.")})
    if ServiceAreaLink.objects.filter(centre=centre, unit=unit, valid_to__isnull=True).exists():
        raise ValidationError({"unit": _("%(unit)s is already in the centre's service area.") % {"unit": unit}})
    link = ServiceAreaLink.objects.create(centre=centre, unit=unit, valid_from=valid_from)
    record(actor=actor, action=AuditEvent.Action.UPDATE, obj=centre, after={"service_area_added": unit.name})
    return link


@transaction.atomic
def end_service_area(*, actor, link: ServiceAreaLink, valid_to: dt.date) -> ServiceAreaLink:
    require(scope_of(actor).supervises(link.centre.province_id))
    if link.valid_from and valid_to < link.valid_from:
        raise ValidationError({"valid_to": _("The end date is before the start date.")})
    link.valid_to = valid_to
    link.save(update_fields=["valid_to"])
    record(actor=actor, action=AuditEvent.Action.UPDATE, obj=link.centre,
           after={"service_area_ended": link.unit.name, "valid_to": valid_to.isoformat()})
    return link


def _check_sending_org_scope(actor, org: SendingOrganisation) -> None:
    require(can_edit_sending_org(actor, org))
    if org.parent_id and not SendingOrganisation.objects.visible_to(actor).filter(pk=org.parent_id).exists():
        raise ValidationError({"parent": _("The parent organisation is outside your scope.")})


@transaction.atomic
def save_sending_organisation(*, actor, organisation: SendingOrganisation, reason: str = "") -> SendingOrganisation:
    organisation.name = nfc(organisation.name)
    _check_sending_org_scope(actor, organisation)
    duplicate = SendingOrganisation.objects.filter(
        province_id=organisation.province_id, centre_id=organisation.centre_id, name__iexact=organisation.name
    ).exclude(pk=organisation.pk)
    if duplicate.exists():
        raise ValidationError({"name": _("An organisation with this name already exists here.")})
    # A parent may not be the organisation itself or one of its descendants.
    parent = organisation.parent
    seen = set()
    while parent is not None and organisation.pk:
        if parent.pk == organisation.pk or parent.pk in seen:
            raise ValidationError({"parent": _("An organisation cannot sit under itself.")})
        seen.add(parent.pk)
        parent = parent.parent
    return audited_save(actor=actor, instance=organisation, reason=reason)


@transaction.atomic
def archive_sending_organisation(*, actor, organisation: SendingOrganisation, archived: bool = True) -> None:
    _check_sending_org_scope(actor, organisation)
    organisation.archived = archived
    audited_save(actor=actor, instance=organisation)


@transaction.atomic
def delete_sending_organisation(*, actor, organisation: SendingOrganisation, reason: str = "") -> None:
    _check_sending_org_scope(actor, organisation)
    audited_delete(actor=actor, instance=organisation, reason=reason)


@transaction.atomic
def save_administrative_unit(*, actor, unit: AdministrativeUnit, reason: str = "") -> AdministrativeUnit:
    """Administrators keep every unit; a province supervisor keeps the units below their province."""
    scope = scope_of(actor)
    if not scope.sees_everything:
        require(unit.level != AdministrativeUnit.Level.PROVINCE)
        parent_province = unit.parent.province_id if unit.parent else None
        require(parent_province is not None and scope.supervises(parent_province))
    unit.name = nfc(unit.name)
    return audited_save(actor=actor, instance=unit, reason=reason)


@transaction.atomic
def set_document_heading(*, actor, centre: Centre, superior_body: str, issuing_body: str, symbol: str,
                         valid_from: dt.date) -> DocumentHeading:
    """Record the heading lines from `valid_from` on; the lines valid before stay for older documents."""
    scope = scope_of(actor)
    require(scope.edits(centre.pk) or scope.supervises(centre.province_id))
    current = centre.headings.filter(valid_to__isnull=True).order_by("-valid_from").first()
    if current and current.valid_from and valid_from <= current.valid_from:
        raise ValidationError({"valid_from": _("The new heading must start after the current heading's start date.")})
    if current:
        current.valid_to = _day_before(valid_from)
        current.save(update_fields=["valid_to"])
    heading = DocumentHeading.objects.create(
        centre=centre, superior_body=nfc(superior_body).upper(), issuing_body=nfc(issuing_body).upper(),
        symbol=nfc(symbol), valid_from=valid_from,
    )
    before = {"heading": str(current) if current else None}
    record(actor=actor, action=AuditEvent.Action.UPDATE, obj=centre, before=before, after={"heading": str(heading)})
    return heading
