"""API for standardisation: frameworks (with their data), assessments with values, the province overview."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from accounts.scope import scope_of
from standards.models import Framework
from standards.overview import province_choices, province_overview
from standards.permissions import reads_frameworks, sees_province_standing
from standards.selectors import assessment_rows, framework_tree, rows_standing, visible_assessments
from standards.services.framework_data import framework_data

router = Router(tags=["standards"])


def _staff(request) -> None:
    if not reads_frameworks(request.auth):
        raise HttpError(403, "Forbidden")


class FrameworkOut(Schema):
    id: int
    code: str
    number: int
    name: str
    status: str
    province_id: int | None
    provisional: bool
    effective_from: dt.date | None
    effective_to: dt.date | None
    issuing_document: str


class ValueOut(Schema):
    indicator_code: str
    indicator: str
    kind: str
    unit: str
    value: Decimal | None
    not_applicable: bool
    met_first_level: bool | None
    detail: str
    source: str
    source_ids: list[int]
    evidence: list[dict]
    review_agreed: bool | None
    reviewed_value: Decimal | None
    review_comment: str


class AssessmentOut(Schema):
    id: int
    centre_id: int
    centre: str
    framework_id: int
    year: int
    status: str
    result: str
    result_level: str | None
    self_level: str | None
    decision_number: str
    decision_date: dt.date | None
    submitted_at: dt.datetime | None

    @staticmethod
    def resolve_centre(obj) -> str:
        return obj.centre.name

    @staticmethod
    def resolve_result_level(obj) -> str | None:
        return obj.result_level.name if obj.result_level_id else None

    @staticmethod
    def resolve_self_level(obj) -> str | None:
        return obj.self_level.name if obj.self_level_id else None


class AssessmentDetailOut(Schema):
    id: int
    centre_id: int
    centre: str
    framework_id: int
    year: int
    status: str
    result: str
    result_level: str | None
    self_level: str | None
    decision_number: str
    decision_date: dt.date | None
    submitted_at: dt.datetime | None
    level_reached: str | None
    values: list[ValueOut]


class GroupStanding(Schema):
    code: str
    met: bool | None


class CentreStandingOut(Schema):
    centre_id: int
    centre: str
    predecessors: list[str]
    mode: str
    assessment_id: int | None
    level: str
    recognised: bool
    groups: list[GroupStanding]
    unmet: list[dict]
    trend: list[dict]


class OverviewOut(Schema):
    province_id: int
    province: str
    year: int
    framework_id: int | None
    centres: int
    standard: int
    rows: list[CentreStandingOut]


@router.get("/frameworks", response=list[FrameworkOut])
@paginate(PageNumberPagination, page_size=50)
def list_frameworks(request):
    _staff(request)
    return Framework.objects.visible_to(request.auth).order_by("code", "-number")


@router.get("/frameworks/{framework_id}", response=dict)
def get_framework(request, framework_id: int):
    """The framework's full data, in the JSON export format."""
    _staff(request)
    framework = get_object_or_404(Framework.objects.visible_to(request.auth), pk=framework_id)
    return {"id": framework.pk, "status": framework.status, **framework_data(framework)}


@router.get("/assessments", response=list[AssessmentOut])
@paginate(PageNumberPagination, page_size=50)
def list_assessments(request, year: int | None = None, status: str | None = None, centre_id: int | None = None):
    _staff(request)
    queryset = visible_assessments(request.auth).order_by("-year", "centre__sort_key", "pk")
    if year:
        queryset = queryset.filter(year=year)
    if status:
        queryset = queryset.filter(status=status)
    if centre_id:
        queryset = queryset.filter(centre_id=centre_id)
    return queryset


@router.get("/assessments/{assessment_id}", response=AssessmentDetailOut)
def get_assessment(request, assessment_id: int):
    _staff(request)
    assessment = get_object_or_404(visible_assessments(request.auth), pk=assessment_id)
    tree = framework_tree(assessment.framework)
    rows = assessment_rows(assessment, tree)
    result = rows_standing(tree, rows)
    first = tree.levels[0].pk if tree.levels else None
    values = []
    for row in rows:
        stored = row.stored
        values.append({
            "indicator_code": row.indicator.code, "indicator": row.indicator.text, "kind": row.indicator.kind,
            "unit": row.indicator.unit, "value": row.value, "not_applicable": row.not_applicable,
            "met_first_level": result.judged[row.indicator.pk].met.get(first), "detail": row.detail,
            "source": row.source, "source_ids": list(row.ids),
            "evidence": [{"id": e.pk, "name": e.name, "sha256": e.sha256, "size": e.size} for e in row.evidence],
            "review_agreed": stored.review_agreed if stored else None,
            "reviewed_value": stored.reviewed_value if stored else None,
            "review_comment": stored.review_comment if stored else "",
        })
    out = {name: getattr(assessment, name) for name in (
        "id", "centre_id", "framework_id", "year", "status", "result", "decision_number", "decision_date",
        "submitted_at")}
    out |= {"centre": assessment.centre.name, "result_level": AssessmentOut.resolve_result_level(assessment),
            "self_level": AssessmentOut.resolve_self_level(assessment)}
    return {**out, "level_reached": tree.level_name(result.level_id) or None, "values": values}


@router.get("/province-overview", response=OverviewOut)
def get_overview(request, province_id: int | None = None, year: int | None = None):
    if not sees_province_standing(request.auth):
        raise HttpError(403, "Forbidden")
    provinces = list(province_choices(request.auth))
    if province_id is None:
        scope = scope_of(request.auth)
        province = next((p for p in provinces if p.pk in scope.province_ids), provinces[0] if provinces else None)
    else:
        province = next((p for p in provinces if p.pk == province_id), None)
    if province is None:
        raise HttpError(404, "Not found")
    year = year or timezone.localdate().year
    overview = province_overview(province, year)
    groups = overview.tree.groups if overview.tree else []
    return {
        "province_id": province.pk, "province": province.name, "year": year,
        "framework_id": overview.framework.pk if overview.framework else None,
        "centres": len(overview.rows), "standard": overview.standard_count,
        "rows": [{
            "centre_id": r.centre.pk, "centre": r.centre.name, "predecessors": [p.name for p in r.predecessors],
            "mode": r.mode, "assessment_id": r.assessment.pk if r.assessment else None, "level": r.level_name,
            "recognised": r.recognised, "groups": [{"code": g.code, "met": r.group_met.get(g.code)} for g in groups],
            "unmet": [{"code": i.code, "value": v, "target": t, "gap": gap} for i, v, gap, t in r.unmet],
            "trend": [{"year": y, "result": label, "standard": s} for y, label, s in r.trend],
        } for r in overview.rows],
    }
