"""API endpoints for scores and results: the grid, bulk score entry, approval, corrections."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pydantic
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from core.api_types import PageNumberPagination
from training.models import Enrolment, Klass, Score
from training.permissions import sees_class_people
from training.results import services as services

router = Router(tags=["training"])


class ComponentOut(Schema):
    id: int
    order: int
    name: str
    kind: str
    weight: Decimal
    required: bool


class ScoreCell(Schema):
    component_id: int
    value: Decimal | None


def _result(enrolment):
    return getattr(enrolment, "result", None)


class ResultRow(Schema):
    """One learner's line of the grid; read from an Enrolment with its result and scores."""

    enrolment_id: int
    person_id: int
    full_name: str
    scores: list[ScoreCell]
    final_score: Decimal | None
    classification: str
    absence_percent: Decimal | None
    completed: bool | None
    reasons: list[str]

    @staticmethod
    def resolve_enrolment_id(obj) -> int:
        return obj.pk

    @staticmethod
    def resolve_full_name(obj) -> str:
        return obj.person.full_name

    @staticmethod
    def resolve_scores(obj) -> list[dict]:
        return [{"component_id": s.component_id, "value": s.value} for s in obj.scores.all()]

    @staticmethod
    def resolve_final_score(obj):
        return _result(obj).final_score if _result(obj) else None

    @staticmethod
    def resolve_classification(obj) -> str:
        return _result(obj).classification if _result(obj) else ""

    @staticmethod
    def resolve_absence_percent(obj):
        return _result(obj).absence_percent if _result(obj) else None

    @staticmethod
    def resolve_completed(obj):
        return _result(obj).completed if _result(obj) else None

    @staticmethod
    def resolve_reasons(obj) -> list[str]:
        return list(_result(obj).reasons) if _result(obj) else []


class ClassResultsOut(Schema):
    class_id: int
    status: str
    locked: bool
    approved_at: dt.datetime | None
    components: list[ComponentOut]


class ScoreIn(Schema):
    enrolment_id: int
    component_id: int
    value: str | None = None  # "7,5", "7.5" or null to clear


class ScoresIn(Schema):
    scores: list[ScoreIn]


class SaveOut(Schema):
    created: int
    updated: int
    unchanged: int


class ApproveIn(Schema):
    warning_reason: str = ""  # why the step goes ahead despite its warnings (422 lists them when missing)


class CorrectionIn(Schema):
    enrolment_id: int
    component_id: int
    value: str | None = None
    reason: str


class CorrectionOut(Schema):
    enrolment_id: int
    component_id: int
    value: Decimal | None
    final_score: Decimal | None
    classification: str
    completed: bool


def _class(request, class_id: int) -> Klass:
    klass = get_object_or_404(Klass.objects.visible_to(request.auth).select_related("version"), pk=class_id)
    if not sees_class_people(request.auth, klass):
        raise PermissionDenied
    return klass


def _class_results(klass) -> dict:
    return {
        "class_id": klass.pk,
        "status": klass.status,
        "locked": klass.results_locked,
        "approved_at": klass.results_approved_at,
        "components": list(klass.version.components.order_by("order")),
    }


@router.get("/classes/{class_id}/results", response=ClassResultsOut)
def read_class_results(request, class_id: int):
    """The grid's columns and the class's state; the rows come from /results/rows."""
    return _class_results(_class(request, class_id))


@router.get("/classes/{class_id}/results/rows", response=list[ResultRow])
@paginate(PageNumberPagination, page_size=100)
def list_result_rows(request, class_id: int):
    klass = _class(request, class_id)
    # Scores ride along with a prefetch, so a page costs the same few queries however long it is.
    return (
        Enrolment.objects.filter(klass=klass, status=Enrolment.Status.ENROLLED)
        .select_related("person", "result")
        .order_by("person__sort_key", "pk")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.order_by("component__order")))
    )


@router.put("/classes/{class_id}/scores", response=SaveOut)
def save_scores(request, class_id: int, payload: ScoresIn):
    """Save many cells at once; one bad cell refuses the whole batch (422, errors keyed s-<enrolment>-<component>)."""
    klass = _class(request, class_id)
    entries = {(item.enrolment_id, item.component_id): item.value for item in payload.scores}
    summary = services.record_scores(actor=request.auth, klass=klass, entries=entries)
    return {"created": summary.created, "updated": summary.updated, "unchanged": summary.unchanged}


def _warning_reason(request) -> str:
    """The optional body's `warning_reason` (ApproveIn). Read here rather than by a body parameter: a POST
    with no body, or with an empty form as some clients send one, has always asked to approve, without a reason."""
    if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return str(request.POST.get("warning_reason", ""))
    if request.content_type != "application/json" or not request.body:
        return ""
    try:
        data = json.loads(request.body)
    except ValueError as exc:
        raise HttpError(400, "Cannot parse request body") from exc
    refusal = ValidationError(_('Send a JSON object such as {"warning_reason": "…"}.'))
    if not isinstance(data, dict):
        raise refusal
    try:
        return ApproveIn.model_validate(data).warning_reason
    except pydantic.ValidationError as exc:
        raise refusal from exc


@router.post("/classes/{class_id}/results/approve", response=ClassResultsOut, openapi_extra={"requestBody": {
    "required": False, "content": {"application/json": {"schema": ApproveIn.model_json_schema()}}}})
def approve_class_results(request, class_id: int):
    """Approve and lock the results; a warned approval (before the class's end date) needs `warning_reason`."""
    klass = _class(request, class_id)
    return _class_results(services.approve_results(actor=request.auth, klass=klass,
                                                   warning_reason=_warning_reason(request)))


@router.post("/classes/{class_id}/scores/correct", response=CorrectionOut)
def correct_class_score(request, class_id: int, payload: CorrectionIn):
    klass = _class(request, class_id)
    enrolment = get_object_or_404(Enrolment.objects.filter(klass=klass), pk=payload.enrolment_id)
    component = get_object_or_404(klass.version.components.all(), pk=payload.component_id)
    score, result = services.correct_score(
        actor=request.auth, enrolment=enrolment, component=component, value=payload.value, reason=payload.reason
    )
    return {
        "enrolment_id": enrolment.pk,
        "component_id": component.pk,
        "value": score.value,
        "final_score": result.final_score,
        "classification": result.classification,
        "completed": result.completed,
    }
