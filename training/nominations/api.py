"""API endpoints for enrolments: list, enrol, withdraw, move, and the nomination import (preview and commit).

Reads are scoped like the pages (the class must be visible; its learner list needs a staff role of the
centre); writes go through training.nominations.enrolment / nominations, which check the right to change.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status, UploadedFile
from ninja.pagination import paginate

from accounts.scope import scope_of
from core.api_types import PageNumberPagination
from people.models import Person
from training.classes.figures import VALID_CERTIFICATE
from training.models import Enrolment, Klass
from training.nominations import enrolment as services
from training.nominations.importers import ImportBlocked
from training.nominations.records import learner_record
from training.nominations.services import Choices, import_nominations, preview_nominations
from training.nominations.store import require_size
from training.permissions import sees_class_people

router = Router(tags=["training"])


class EnrolmentOut(Schema):
    id: int
    class_id: int
    class_code: str
    person_id: int
    full_name: str
    sending_organisation_id: int | None
    status: str
    status_reason: str
    moved_to_id: int | None
    override_reason: str
    source_row: int | None
    created_at: dt.datetime

    @staticmethod
    def resolve_class_id(obj) -> int:
        return obj.klass_id

    @staticmethod
    def resolve_class_code(obj) -> str:
        return obj.klass.code

    @staticmethod
    def resolve_full_name(obj) -> str:
        return obj.person.full_name


class RecordOut(EnrolmentOut):
    programme_code: str
    centre_id: int
    start_date: dt.date
    end_date: dt.date
    final_score: float | None = None
    classification: str = ""
    completed: bool | None = None
    certificate_codes: list[str] = []

    @staticmethod
    def resolve_programme_code(obj) -> str:
        return obj.klass.version.programme.code

    @staticmethod
    def resolve_centre_id(obj) -> int:
        return obj.klass.centre_id

    @staticmethod
    def resolve_start_date(obj) -> dt.date:
        return obj.klass.start_date

    @staticmethod
    def resolve_end_date(obj) -> dt.date:
        return obj.klass.end_date

    @staticmethod
    def _result(obj):
        # Results are shown once approved, as on the pages.
        return getattr(obj, "result", None) if obj.klass.results_locked else None

    @staticmethod
    def resolve_final_score(obj):
        result = RecordOut._result(obj)
        return float(result.final_score) if result and result.final_score is not None else None

    @staticmethod
    def resolve_classification(obj) -> str:
        result = RecordOut._result(obj)
        return result.classification if result else ""

    @staticmethod
    def resolve_completed(obj):
        result = RecordOut._result(obj)
        return result.completed if result else None

    @staticmethod
    def resolve_certificate_codes(obj) -> list[str]:
        return [c.code for c in obj.certificates.all() if c.status == VALID_CERTIFICATE]


class EnrolIn(Schema):
    person_id: int
    sending_organisation_id: int | None = None
    override_reason: str = ""
    warning_reason: str = ""  # why the step goes ahead despite its warnings (422 lists them when missing)


class ReasonIn(Schema):
    reason: str


class MoveIn(Schema):
    to_class_id: int
    reason: str
    override_reason: str = ""
    warning_reason: str = ""  # why the step goes ahead despite its warnings (422 lists them when missing)


class ImportOptions(Schema):
    skip_rows: str = ""  # "13,14"
    skip_errors: bool = False
    consent_all: bool = False
    consent_rows: str = ""
    override_rows: str = ""
    override_reason: str = ""
    warning_reason: str = ""  # why the step goes ahead despite its warnings (422 lists them when missing)
    sending_organisation_id: int | None = None


class ImportRowOut(Schema):
    row: int
    status: str
    full_name: str
    national_id: str | None
    date_of_birth: str | None
    messages: list[str]


class ImportReportOut(Schema):
    summary: dict
    rows: list[ImportRowOut]


class ErrorOut(Schema):
    detail: dict | list


# Helpers --------------------------------------------------------------------------------------------
def _class(request, class_id: int) -> Klass:
    klass = get_object_or_404(Klass.objects.visible_to(request.auth).select_related("centre", "version"), pk=class_id)
    if not sees_class_people(request.auth, klass):
        raise PermissionDenied
    return klass


def _enrolment(request, enrolment_id: int) -> Enrolment:
    enrolment = get_object_or_404(Enrolment.objects.visible_to(request.auth).select_related(
        "klass__centre", "klass__version", "person"), pk=enrolment_id)
    if not (sees_class_people(request.auth, enrolment.klass)
            or enrolment.person_id == scope_of(request.auth).person_id):
        raise PermissionDenied
    return enrolment


def _organisation(request, klass: Klass, pk: int | None):
    """The organisation the payload names, among those that send learners to the class's centre."""
    if pk is None:
        return None
    found = services.sending_organisations(request.auth, klass).filter(pk=pk).first()
    if found is None:
        raise ValidationError({"sending_organisation_id": [_("This organisation does not send learners to this "
                                                             "centre's classes.")]})
    return found


def _rows(text: str) -> set[int]:
    return {int(part) for part in text.replace(";", ",").split(",") if part.strip().isdigit()}


def _choices(options: ImportOptions) -> Choices:
    reason = options.override_reason.strip()
    return Choices(skipped=_rows(options.skip_rows), consented=_rows(options.consent_rows),
                   consent_all=options.consent_all, skip_errors=options.skip_errors,
                   overrides={row: reason for row in _rows(options.override_rows)} if reason else {},
                   warning_reason=options.warning_reason.strip())


# Enrolments -----------------------------------------------------------------------------------------
@router.get("/classes/{class_id}/enrolments", response=list[EnrolmentOut])
@paginate(PageNumberPagination, page_size=100)
def list_enrolments(request, class_id: int, status: str | None = None):
    klass = _class(request, class_id)
    queryset = klass.enrolments.select_related("klass", "person").order_by("person__sort_key", "pk")
    return queryset.filter(status=status) if status else queryset


@router.post("/classes/{class_id}/enrolments", response={201: EnrolmentOut})
def enrol(request, class_id: int, payload: EnrolIn):
    klass = _class(request, class_id)
    person = get_object_or_404(Person.objects.visible_to(request.auth), pk=payload.person_id)
    enrolment = services.enrol_person(actor=request.auth, klass=klass, person=person,
                                      sending_organisation=_organisation(request, klass, payload.sending_organisation_id),
                                      override_reason=payload.override_reason, warning_reason=payload.warning_reason)
    return Status(201, enrolment)


@router.get("/enrolments/{enrolment_id}", response=EnrolmentOut)
def read_enrolment(request, enrolment_id: int):
    return _enrolment(request, enrolment_id)


@router.post("/enrolments/{enrolment_id}/withdraw", response=EnrolmentOut)
def withdraw(request, enrolment_id: int, payload: ReasonIn):
    enrolment = _enrolment(request, enrolment_id)
    return services.withdraw_enrolment(actor=request.auth, enrolment=enrolment, reason=payload.reason)


@router.post("/enrolments/{enrolment_id}/move", response=EnrolmentOut)
def move(request, enrolment_id: int, payload: MoveIn):
    enrolment = _enrolment(request, enrolment_id)
    target = get_object_or_404(Klass.objects.visible_to(request.auth), pk=payload.to_class_id)
    return services.move_enrolment(actor=request.auth, enrolment=enrolment, to_klass=target, reason=payload.reason,
                                   override_reason=payload.override_reason, warning_reason=payload.warning_reason)


@router.get("/people/{person_id}/enrolments", response=list[RecordOut])
def person_record(request, person_id: int):
    """Every class of the person that the caller sees, with approved results and valid certificate codes."""
    person = get_object_or_404(Person.objects.visible_to(request.auth), pk=person_id)
    return learner_record(request.auth, person.pk)


@router.get("/me/enrolments", response=list[RecordOut])
def my_record(request):
    person_id = scope_of(request.auth).person_id
    if not person_id:
        raise PermissionDenied
    return learner_record(request.auth, person_id)


# Nomination import ----------------------------------------------------------------------------------
@router.post("/classes/{class_id}/nominations/preview", response={200: ImportReportOut})
def preview_import(request, class_id: int, file: File[UploadedFile], options: Form[ImportOptions]):
    """The same report as `manage.py import_nominations --dry-run --json`; writes nothing."""
    klass = _class(request, class_id)
    require_size(file.size)
    preview = preview_nominations(actor=request.auth, klass=klass, source=file.file, choices=_choices(options))
    return preview.to_json_data()


@router.post("/classes/{class_id}/nominations/import", response={201: ImportReportOut, 422: ErrorOut})
def commit_import(request, class_id: int, file: File[UploadedFile], options: Form[ImportOptions]):
    """Enrol the list: all rows or none. Rows with errors must be skipped (skip_rows / skip_errors)."""
    klass = _class(request, class_id)
    require_size(file.size)
    try:
        outcome = import_nominations(actor=request.auth, klass=klass, source=file.file, choices=_choices(options),
                                     sending_organisation=_organisation(request, klass, options.sending_organisation_id),
                                     filename=file.name or "")
    except ImportBlocked as error:
        return Status(422, {"detail": {"__all__": [str(error)]}})
    return Status(201, outcome.to_json_data())
