"""API: report kinds, reports with their figures (the frozen snapshot once submitted), the province roll-up."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from accounts.scope import scope_of
from org.models import AdministrativeUnit
from reports import permissions
from reports.models import Report, ReportKind
from reports.rollup import build_rollup
from reports.selectors import report_tables

router = Router(tags=["reports"])


class SectionOut(Schema):
    key: str
    order: int
    mandatory: bool


class KindOut(Schema):
    id: int
    code: str
    name: str
    period_type: str
    deadline_days: int
    active: bool
    sections: list[SectionOut]

    @staticmethod
    def resolve_sections(obj) -> list:
        return list(obj.sections.all())


class ReportOut(Schema):
    id: int
    centre_id: int
    centre_name: str
    kind_code: str
    year: int
    number: int
    start_date: dt.date
    end_date: dt.date
    version: int
    status: str
    document_number: str
    submitted_at: dt.datetime | None
    supersedes_id: int | None

    @staticmethod
    def resolve_centre_name(obj) -> str:
        return obj.centre.name

    @staticmethod
    def resolve_kind_code(obj) -> str:
        return obj.kind.code

    @staticmethod
    def resolve_document_number(obj) -> str:
        return obj.doc_label


class ReportDetailOut(ReportOut):
    frozen: bool
    tables: list[dict]
    texts: dict

    @staticmethod
    def resolve_frozen(obj) -> bool:
        return bool(obj.is_submitted and obj.snapshot)

    @staticmethod
    def resolve_tables(obj) -> list[dict]:
        return report_tables(obj)

    @staticmethod
    def resolve_texts(obj) -> dict:
        return obj.snapshot["texts"] if obj.is_submitted and obj.snapshot else obj.texts


class CentreLineOut(Schema):
    centre_id: int
    centre_name: str
    status: str
    report_id: int | None
    document_number: str


class RollupOut(Schema):
    province_id: int
    kind_code: str
    start_date: dt.date
    end_date: dt.date
    deadline: dt.date
    submitted: int
    expected: int
    centres: list[CentreLineOut]
    tables: list[dict]


def _require_reader(request):
    if not permissions.reads_some_reports(scope_of(request.user)):
        raise PermissionDenied


@router.get("/kinds", response=list[KindOut])
def list_kinds(request):
    return list(ReportKind.objects.prefetch_related("sections").order_by("id"))


@router.get("/reports", response=list[ReportOut])
@paginate(PageNumberPagination, page_size=50)
def list_reports(request, centre: int | None = None, kind: str | None = None, year: int | None = None,
                 status: str | None = None):
    _require_reader(request)
    queryset = Report.objects.visible_to(request.user).select_related("centre", "kind").order_by("-end_date", "pk")
    if centre:
        queryset = queryset.filter(centre_id=centre)
    if kind:
        queryset = queryset.filter(kind__code=kind)
    if year:
        queryset = queryset.filter(year=year)
    if status:
        queryset = queryset.filter(status=status)
    return queryset


@router.get("/reports/{report_id}", response=ReportDetailOut)
def get_report(request, report_id: int):
    _require_reader(request)
    return get_object_or_404(Report.objects.visible_to(request.user).select_related("centre", "kind"), pk=report_id)


@router.get("/rollup", response=RollupOut)
def get_rollup(request, province: int, kind: str, year: int, number: int = 1, start: dt.date | None = None,
               end: dt.date | None = None):
    scope = scope_of(request.user)
    if not permissions.reads_some_rollup(scope):
        raise PermissionDenied
    if not permissions.reads_rollup(scope, province):
        raise Http404
    unit = get_object_or_404(AdministrativeUnit, pk=province, level=AdministrativeUnit.Level.PROVINCE)
    report_kind = get_object_or_404(ReportKind, code=kind)
    rollup = build_rollup(province=unit, kind=report_kind, year=year, number=number, start=start, end=end)
    if not rollup.counted:
        raise ValidationError({"__all__": _("No centre has submitted this report for the period yet: there is "
                                            "nothing to add up.")})
    return {
        "province_id": unit.pk, "kind_code": report_kind.code, "start_date": rollup.start, "end_date": rollup.end,
        "deadline": rollup.deadline, "submitted": len(rollup.counted), "expected": len(rollup.expected),
        "centres": [{"centre_id": line.centre.pk, "centre_name": line.centre.name, "status": line.status,
                     "report_id": line.report.pk if line.report else None,
                     "document_number": line.report.doc_label if line.report else ""} for line in rollup.lines],
        "tables": rollup.tables,
    }
