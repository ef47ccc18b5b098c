"""API endpoints for annual plans: read with plan-vs-actual, create, lines, approval. Same services as the pages."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Sum
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from core.api_types import YEAR_MAX, YEAR_MIN, PageNumberPagination
from curriculum.models import Programme
from org.models import Centre
from training.models import AnnualPlan, PlanLine
from training.permissions import sees_centre_work
from training.plans import services as services
from training.plans.report import plan_vs_actual

router = Router(tags=["training"])


class PlanOut(Schema):
    id: int
    centre_id: int
    year: int
    status: str
    approval_issuer: str
    approval_number: str
    approval_date: dt.date | None
    approved_at: dt.datetime | None
    notes: str
    planned_classes: int = 0
    planned_learners: int = 0


class LineOut(Schema):
    id: int
    programme_id: int
    programme_code: str
    audience: str
    quarter: int
    planned_classes: int
    planned_learners: int
    note: str
    opened_classes: int = 0
    finished_classes: int = 0
    enrolled: int = 0
    completed: int = 0


class UnplannedOut(Schema):
    programme_code: str
    opened_classes: int
    finished_classes: int
    enrolled: int
    completed: int


class PlanDetailOut(PlanOut):
    lines: list[LineOut]
    outside_plan: list[UnplannedOut]
    opened_classes: int
    finished_classes: int
    enrolled: int
    completed: int


class PlanIn(Schema):
    centre_id: int
    year: int = Field(..., ge=YEAR_MIN, le=YEAR_MAX)
    notes: str = ""


class LineIn(Schema):
    programme_id: int
    audience: str = ""
    quarter: int
    planned_classes: int = 1
    planned_learners: int = 0
    note: str = ""


class ApproveIn(Schema):
    issuer: str
    number: str
    date: dt.date


class ReasonIn(Schema):
    reason: str


def _reader(user) -> None:
    if not sees_centre_work(user):
        raise PermissionDenied


def _visible(request):
    return AnnualPlan.objects.visible_to(request.auth)


def _detail(plan: AnnualPlan) -> dict:
    report = plan_vs_actual(plan)
    total = report.total
    data = PlanOut.from_orm(plan).dict()
    data.update(
        planned_classes=total.planned_classes, planned_learners=total.planned_learners,
        opened_classes=total.opened_classes, finished_classes=total.finished_classes,
        enrolled=total.enrolled, completed=total.completed,
        lines=[
            {"id": r.line.pk, "programme_id": r.line.programme_id, "programme_code": r.programme_code,
             "audience": r.audience, "quarter": r.quarter, "planned_classes": r.planned_classes,
             "planned_learners": r.planned_learners, "note": r.line.note, "opened_classes": r.opened_classes,
             "finished_classes": r.finished_classes, "enrolled": r.enrolled, "completed": r.completed}
            for r in report.rows
        ],
        outside_plan=[
            {"programme_code": r.programme_code, "opened_classes": r.opened_classes,
             "finished_classes": r.finished_classes, "enrolled": r.enrolled, "completed": r.completed}
            for r in report.unplanned
        ],
    )
    return data


def _programme(request, pk: int) -> Programme:
    programme = Programme.objects.visible_to(request.auth).filter(pk=pk).first()
    if programme is None:
        raise ValidationError({"programme_id": [_("Choose a programme from the catalogue.")]})
    return programme


@router.get("/plans", response=list[PlanOut])
@paginate(PageNumberPagination, page_size=50)
def list_plans(request, centre_id: int | None = None, year: int | None = Query(None, ge=YEAR_MIN, le=YEAR_MAX), status: str | None = None):
    _reader(request.auth)
    queryset = (
        _visible(request)
        .annotate(planned_classes=Sum("lines__planned_classes", default=0),
                  planned_learners=Sum("lines__planned_learners", default=0), n=Count("lines"))
        .order_by("-year", "centre_id", "pk")
    )
    if centre_id:
        queryset = queryset.filter(centre_id=centre_id)
    if year:
        queryset = queryset.filter(year=year)
    if status:
        queryset = queryset.filter(status=status)
    return queryset


@router.get("/plans/{plan_id}", response=PlanDetailOut)
def read_plan(request, plan_id: int):
    _reader(request.auth)
    return _detail(get_object_or_404(_visible(request), pk=plan_id))


@router.post("/plans", response={201: PlanDetailOut})
def create_plan(request, payload: PlanIn):
    centre = get_object_or_404(Centre.objects.visible_to(request.auth), pk=payload.centre_id)
    plan = services.create_plan(actor=request.auth, centre=centre, year=payload.year, notes=payload.notes)
    return Status(201, _detail(plan))


@router.post("/plans/{plan_id}/lines", response={201: PlanDetailOut})
def add_line(request, plan_id: int, payload: LineIn):
    plan = get_object_or_404(_visible(request), pk=plan_id)
    data = payload.dict()
    line = PlanLine(plan=plan, programme=_programme(request, data.pop("programme_id")), **data)
    services.save_plan_line(actor=request.auth, line=line)
    return Status(201, _detail(plan))


@router.put("/plans/{plan_id}/lines/{line_id}", response=PlanDetailOut)
def update_line(request, plan_id: int, line_id: int, payload: LineIn):
    plan = get_object_or_404(_visible(request), pk=plan_id)
    line = get_object_or_404(PlanLine, pk=line_id, plan=plan)
    data = payload.dict()
    line.programme = _programme(request, data.pop("programme_id"))
    for key, value in data.items():
        setattr(line, key, value)
    services.save_plan_line(actor=request.auth, line=line)
    return _detail(plan)


@router.delete("/plans/{plan_id}/lines/{line_id}", response={204: None})
def delete_line(request, plan_id: int, line_id: int):
    plan = get_object_or_404(_visible(request), pk=plan_id)
    services.delete_plan_line(actor=request.auth, line=get_object_or_404(PlanLine, pk=line_id, plan=plan))
    return Status(204, None)


@router.post("/plans/{plan_id}/approve", response=PlanDetailOut)
def approve_plan(request, plan_id: int, payload: ApproveIn):
    plan = get_object_or_404(_visible(request), pk=plan_id)
    plan = services.approve_plan(actor=request.auth, plan=plan, issuer=payload.issuer, number=payload.number,
                                 date=payload.date)
    return _detail(plan)


@router.post("/plans/{plan_id}/reopen", response=PlanDetailOut)
def reopen_plan(request, plan_id: int, payload: ReasonIn):
    plan = get_object_or_404(_visible(request), pk=plan_id)
    return _detail(services.reopen_plan(actor=request.auth, plan=plan, reason=payload.reason))
