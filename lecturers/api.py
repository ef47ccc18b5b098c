"""The lecturers API: norms, loads, payment sheets, survey aggregates and standards status, scoped like the pages."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from accounts.scope import scope_of
from lecturers import permissions
from lecturers.documents import payment_data
from lecturers.feedback import survey_results
from lecturers.load import load_rows
from lecturers.models import NormTable, PaymentSheet, Survey
from lecturers.standards import centre_members
from org.models import Centre
from people.models import Lecturer
from training.models import Klass

router = Router(tags=["lecturers"])


class NormOut(Schema):
    post: str
    standard_hours: Decimal
    lecturing_hours: Decimal


class CoefficientOut(Schema):
    code: str
    name: str
    unit: str
    value: Decimal


class NormTableOut(Schema):
    id: int
    name: str
    first_year: int
    last_year: int | None
    year_kind: str
    overtime_multiplier: Decimal
    overtime_cap: int
    editable_default: bool
    norms: list[NormOut]
    coefficients: list[CoefficientOut]


class LoadOut(Schema):
    lecturer_id: int
    full_name: str
    centre_id: int
    kind: str
    post: str | None
    required_standard: Decimal
    required_lecturing: Decimal
    reduction_percent: Decimal
    taught_periods: int
    other_hours: Decimal
    delivered: Decimal
    balance: Decimal
    overtime_periods: Decimal
    overtime_paid_periods: Decimal
    overtime_amount: Decimal
    meets_norm: bool


class PaymentLineOut(Schema):
    name: str
    rank: str
    sessions: int
    periods: int
    rate: Decimal
    amount: Decimal


class PaymentOut(Schema):
    class_id: int
    final: bool
    estimate: bool
    fee_table: str
    lines: list[PaymentLineOut]
    total: Decimal
    total_in_words: str


class ItemResultOut(Schema):
    section: str
    question: str
    lecturer_id: int | None
    topic_id: int | None
    answers: int
    average: Decimal | None


class SurveyResultOut(Schema):
    survey_id: int
    class_id: int
    status: str
    learners: int
    forms_counted: int
    forms_not_counted: int
    results_visible: bool
    small_class: bool
    items: list[ItemResultOut]


class MissingOut(Schema):
    rule: str
    value: str
    advice: str


class StandardStatusOut(Schema):
    person_id: int
    full_name: str
    post: str
    lecturer_id: int | None
    meets: bool
    missing: list[MissingOut]


def _rules_reader(user) -> None:
    if not permissions.sees_rules(scope_of(user)):
        raise PermissionDenied


def _centre(user, centre_id: int) -> Centre:
    centre = get_object_or_404(Centre.objects.visible_to(user), pk=centre_id)
    if not permissions.sees_lecturer_records(scope_of(user), centre.pk):
        raise PermissionDenied
    return centre


def _load_out(row) -> dict:
    return {
        "lecturer_id": row.lecturer.pk, "full_name": row.lecturer.person.full_name, "centre_id": row.lecturer.centre_id,
        "kind": row.lecturer.kind, "post": row.post, "required_standard": row.required_standard,
        "required_lecturing": row.required_lecturing, "reduction_percent": row.reduction_percent,
        "taught_periods": row.taught_periods, "other_hours": row.other_hours, "delivered": row.delivered,
        "balance": row.balance, "overtime_periods": row.overtime_periods,
        "overtime_paid_periods": row.overtime_paid_periods, "overtime_amount": row.overtime_amount,
        "meets_norm": row.meets_norm,
    }


@router.get("/norms", response=list[NormTableOut])
@paginate(PageNumberPagination, page_size=50)
def list_norms(request):
    _rules_reader(request.auth)
    return [{
        "id": t.pk, "name": t.name, "first_year": t.first_year, "last_year": t.last_year, "year_kind": t.year_kind,
        "overtime_multiplier": t.overtime_multiplier, "overtime_cap": t.overtime_cap,
        "editable_default": t.is_editable_default,
        "norms": [{"post": n.post, "standard_hours": n.standard_hours, "lecturing_hours": n.lecturing_hours}
                  for n in t.lines.all()],
        "coefficients": [{"code": c.code, "name": c.name, "unit": c.unit, "value": c.value} for c in t.coefficients.all()],
    } for t in NormTable.objects.prefetch_related("lines", "coefficients")]


@router.get("/loads", response=list[LoadOut])
@paginate(PageNumberPagination, page_size=100)
def list_loads(request, centre_id: int, year: int):
    centre = _centre(request.auth, centre_id)
    return [_load_out(row) for row in load_rows([centre.pk], year)]


@router.get("/lecturers/{lecturer_id}/load", response=LoadOut)
def read_load(request, lecturer_id: int, year: int):
    lecturer = get_object_or_404(Lecturer.objects.visible_to(request.auth), pk=lecturer_id)
    if not permissions.sees_lecturer(scope_of(request.auth), lecturer.centre_id, lecturer.person_id):
        raise PermissionDenied
    return _load_out(load_rows([lecturer.centre_id], year, lecturer_ids=[lecturer.pk])[0])


@router.get("/classes/{class_id}/payment", response=PaymentOut)
def read_payment(request, class_id: int, estimate: bool = False):
    klass = get_object_or_404(Klass.objects.visible_to(request.auth).select_related("centre"), pk=class_id)
    if not permissions.sees_lecturer_records(scope_of(request.auth), klass.centre_id):
        raise PermissionDenied
    klass.payment_sheet = PaymentSheet.objects.filter(klass=klass).prefetch_related("lines").first()
    data = payment_data(klass, estimate=estimate)
    return {"class_id": klass.pk, "final": data.final, "estimate": data.estimate, "fee_table": data.table_name,
            "lines": [row.__dict__ for row in data.rows], "total": data.total, "total_in_words": data.total_in_words}


@router.get("/surveys/{survey_id}/results", response=SurveyResultOut)
def read_survey_results(request, survey_id: int):
    survey = get_object_or_404(Survey.objects.visible_to(request.auth).select_related("klass", "template"),
                               pk=survey_id)
    if not permissions.sees_lecturer_records(scope_of(request.auth), survey.klass.centre_id):
        raise PermissionDenied
    visible = survey.results_visible
    items = [{"section": r.item.section, "question": r.item.question.text, "lecturer_id": r.item.lecturer_id,
              "topic_id": r.item.topic_id, "answers": r.n, "average": r.average}
             for r in survey_results(survey)] if visible else []
    return {"survey_id": survey.pk, "class_id": survey.klass_id, "status": survey.status, "learners": survey.learners,
            "forms_counted": survey.valid_forms, "forms_not_counted": survey.invalid_forms,
            "results_visible": visible, "small_class": survey.small_class, "items": items}


@router.get("/standards", response=list[StandardStatusOut])
@paginate(PageNumberPagination, page_size=100)
def list_standards(request, centre_id: int):
    centre = _centre(request.auth, centre_id)
    _standard, members = centre_members(centre.pk)
    return [{"person_id": m.person.pk, "full_name": m.person.full_name, "post": m.post,
             "lecturer_id": m.lecturer.pk if m.lecturer else None, "meets": m.meets,
             "missing": [{"rule": c.requirement.rule, "value": c.requirement.value, "advice": c.requirement.advice}
                         for c in m.missing]} for m in members]
