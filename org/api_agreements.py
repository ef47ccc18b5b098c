"""JSON endpoints for coordination agreements, scoped like the pages."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from org import agreements
from org.models import CoordinationAgreement

router = Router(tags=["agreements"])


class AgreementOut(Schema):
    id: int
    centre_id: int
    counterpart_id: int
    counterpart: str
    title: str
    document_number: str
    signed_on: dt.date
    valid_from: dt.date
    valid_to: dt.date | None
    status: str
    scope: str

    @staticmethod
    def resolve_counterpart(obj) -> str:
        return obj.counterpart.name

    @staticmethod
    def resolve_status(obj) -> str:
        return obj.status_on(timezone.localdate())


class YearOut(Schema):
    year: int
    classes: int
    learners: int


class AgreementDetailOut(AgreementOut):
    signatories: str
    centre_duties: str
    counterpart_duties: str
    years: list[YearOut]

    @staticmethod
    def resolve_years(obj) -> list[dict]:
        return agreements.classes_by_year(obj)


def _require(request) -> None:
    if not agreements.reads_agreements(request.user):
        raise PermissionDenied


@router.get("/agreements", response=list[AgreementOut])
@paginate(PageNumberPagination)
def list_agreements(request, centre_id: int | None = None, expiring: bool = False):
    _require(request)
    items = CoordinationAgreement.objects.visible_to(request.user).select_related("counterpart").order_by("-valid_from", "pk")
    if centre_id:
        items = items.filter(centre_id=centre_id)
    if expiring:
        items = items.expiring(timezone.localdate())
    return items


@router.get("/agreements/{agreement_id}", response=AgreementDetailOut)
def get_agreement(request, agreement_id: int):
    _require(request)
    return get_object_or_404(CoordinationAgreement.objects.visible_to(request.user).select_related("counterpart"),
                             pk=agreement_id)
