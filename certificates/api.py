"""API for certificates: list and read (scoped), issue, revoke, re-issue, and the public check by code."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from certificates import permissions, services
from certificates.models import Certificate
from core.api_types import YEAR_MAX, YEAR_MIN, PageNumberPagination
from core.http import client_address
from training.models import Klass

router = Router(tags=["certificates"])


class CertificateOut(Schema):
    code: str
    number: str
    register_year: int
    status: str
    class_id: int
    class_code: str
    enrolment_id: int
    person_id: int
    learner_name: str
    programme_name: str
    classification: str
    issued_on: dt.date
    centre_name: str
    replaces_code: str | None
    revoked_at: dt.datetime | None
    revoked_reason: str

    @staticmethod
    def resolve_number(obj) -> str:
        return obj.number_label

    @staticmethod
    def resolve_register_year(obj) -> int:
        return obj.register.year

    @staticmethod
    def resolve_class_id(obj) -> int:
        return obj.enrolment.klass_id

    @staticmethod
    def resolve_person_id(obj) -> int:
        return obj.enrolment.person_id

    @staticmethod
    def resolve_replaces_code(obj) -> str | None:
        return obj.replaces.code if obj.replaces_id else None


class IssueIn(Schema):
    issued_on: dt.date | None = None
    enrolment_ids: list[int] | None = None  # default: every completer without a valid certificate
    signer_capacity: str = ""  # e.g. "KT. GIÁM ĐỐC" when a deputy signs
    signer_title: str = "GIÁM ĐỐC"
    signer_name: str | None = None
    place: str | None = None
    warning_reason: str = ""  # why the step goes ahead despite its warnings (422 lists them when missing)


class ReasonIn(Schema):
    reason: str


class VerificationOut(Schema):
    status: str  # valid | revoked | unknown
    code: str
    learner_name: str
    programme_name: str
    class_code: str
    number: str
    issued_on: dt.date | None
    centre_name: str
    revoked_on: dt.date | None
    reissued: bool


def _queryset(request):
    return Certificate.objects.visible_to(request.auth).select_related("register", "enrolment", "replaces")


@router.get("/verify/{code}", response=VerificationOut, auth=None)
def verify_certificate(request, code: str):
    """The public check behind the QR code: no login, no citizen ID, rate-limited per address."""
    if not services.allow_lookup(client_address(request)):
        raise HttpError(429, "Too many lookups; wait a minute.")
    return services.lookup(code)


@router.get("/", response=list[CertificateOut])
@paginate(PageNumberPagination, page_size=100)
def list_certificates(request, class_id: int | None = None, status: str | None = None, year: int | None = Query(None, ge=YEAR_MIN, le=YEAR_MAX)):
    queryset = _queryset(request).order_by("register__centre_id", "register__year", "number")
    if class_id:
        queryset = queryset.filter(enrolment__klass_id=class_id)
    if status:
        queryset = queryset.filter(status=status)
    if year:
        queryset = queryset.filter(register__year=year)
    return queryset


@router.get("/{code}", response=CertificateOut)
def read_certificate(request, code: str):
    return get_object_or_404(_queryset(request), code=code)


@router.post("/classes/{class_id}/issue", response={201: list[CertificateOut]})
def issue_for_class(request, class_id: int, payload: IssueIn):
    klass = get_object_or_404(Klass.objects.visible_to(request.auth), pk=class_id)
    if not permissions.sees_class_certificates(request.auth, klass):
        raise PermissionDenied
    issued = services.issue_certificates(
        actor=request.auth,
        klass=klass,
        enrolment_ids=payload.enrolment_ids,
        issued_on=payload.issued_on,
        signer_title=payload.signer_title,
        signer_name=payload.signer_name,
        place=payload.place,
        signer_capacity=payload.signer_capacity,
        warning_reason=payload.warning_reason,
    )
    return Status(201, list(_queryset(request).filter(pk__in=[c.pk for c in issued]).order_by("number")))


@router.post("/{code}/revoke", response=CertificateOut)
def revoke(request, code: str, payload: ReasonIn):
    certificate = get_object_or_404(_queryset(request), code=code)
    services.revoke_certificate(actor=request.auth, certificate=certificate, reason=payload.reason)
    return get_object_or_404(_queryset(request), code=code)


@router.post("/{code}/reissue", response={201: CertificateOut})
def reissue(request, code: str, payload: ReasonIn):
    certificate = get_object_or_404(_queryset(request), code=code)
    new = services.reissue_certificate(actor=request.auth, certificate=certificate, reason=payload.reason)
    return Status(201, get_object_or_404(_queryset(request), pk=new.pk))
