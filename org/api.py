"""Read endpoints for the organisation tree."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from core.api_types import PageNumberPagination
from core.listing import search_words
from org.models import AdministrativeUnit, Centre, SendingOrganisation

router = Router(tags=["organisation"])


class UnitOut(Schema):
    id: int
    code: str
    name: str
    level: str
    parent_id: int | None
    province_id: int | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    successor_id: int | None


class CentreOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    level: str
    status: str
    province_id: int
    predecessor_id: int | None
    address: str
    phone: str
    email: str
    founding_issuer: str
    founding_number: str
    founding_date: dt.date | None


class DatedName(Schema):
    name: str
    valid_from: dt.date | None
    valid_to: dt.date | None


class ServiceAreaOut(Schema):
    unit_id: int
    unit_name: str
    valid_from: dt.date | None
    valid_to: dt.date | None


class CentreDetailOut(CentreOut):
    names: list[DatedName]
    hosts: list[DatedName]
    service_area: list[ServiceAreaOut]


class SendingOrganisationOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    parent_id: int | None
    province_id: int
    centre_id: int | None
    archived: bool


@router.get("/centres", response=list[CentreOut])
@paginate(PageNumberPagination, page_size=50)
def list_centres(request, q: str | None = None, level: str | None = None, status: str | None = None):
    queryset = Centre.objects.visible_to(request.auth).order_by("sort_key", "id")
    if level:
        queryset = queryset.filter(level=level)
    if status:
        queryset = queryset.filter(status=status)
    return search_words(queryset, q)


@router.get("/centres/{centre_id}", response=CentreDetailOut)
def read_centre(request, centre_id: int):
    centre = get_object_or_404(Centre.objects.visible_to(request.auth), pk=centre_id)
    data = CentreOut.from_orm(centre).dict()
    data["names"] = [DatedName(name=n.name, valid_from=n.valid_from, valid_to=n.valid_to) for n in centre.names.all()]
    data["hosts"] = [
        DatedName(name=h.committee_name, valid_from=h.valid_from, valid_to=h.valid_to) for h in centre.hosts.all()
    ]
    data["service_area"] = [
        ServiceAreaOut(unit_id=link.unit_id, unit_name=link.unit.name, valid_from=link.valid_from, valid_to=link.valid_to)
        for link in centre.service_area.select_related("unit")
    ]
    return data


@router.get("/units", response=list[UnitOut])
@paginate(PageNumberPagination, page_size=100)
def list_units(request, q: str | None = None, level: str | None = None, current: bool = False):
    queryset = AdministrativeUnit.objects.visible_to(request.auth).order_by("sort_key", "id")
    if level:
        queryset = queryset.filter(level=level)
    if current:
        queryset = queryset.current()
    return search_words(queryset, q)


@router.get("/units/{unit_id}", response=UnitOut)
def read_unit(request, unit_id: int):
    return get_object_or_404(AdministrativeUnit.objects.visible_to(request.auth), pk=unit_id)


@router.get("/sending-organisations", response=list[SendingOrganisationOut])
@paginate(PageNumberPagination, page_size=100)
def list_sending_organisations(request, q: str | None = None, kind: str | None = None, archived: bool = False):
    queryset = SendingOrganisation.objects.visible_to(request.auth).filter(archived=archived).order_by("sort_key", "id")
    if kind:
        queryset = queryset.filter(kind=kind)
    return search_words(queryset, q)


@router.get("/sending-organisations/{org_id}", response=SendingOrganisationOut)
def read_sending_organisation(request, org_id: int):
    return get_object_or_404(SendingOrganisation.objects.visible_to(request.auth), pk=org_id)
