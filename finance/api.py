"""JSON endpoints for budgets, spending and class costs, scoped like the pages. Amounts are strings of
whole đồng (exact decimals, never floats)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from finance import services
from finance.models import Budget, CostSheet, Spending
from finance.permissions import reads_finance
from finance.selectors import budget_summary, estimate_vs_settlement
from training.models.scoping import visible_class_or_404

router = Router(tags=["finance"])


class BudgetOut(Schema):
    id: int
    centre_id: int
    year: int
    approval_number: str
    approval_date: dt.date | None


class FiguresOut(Schema):
    planned: Decimal
    spent: Decimal
    remaining: Decimal


class LineOut(Schema):
    id: int
    source: str
    purpose: str
    description: str
    planned: Decimal
    spent: Decimal
    remaining: Decimal


class BudgetDetailOut(BudgetOut):
    lines: list[LineOut]
    total: FiguresOut


class SpendingIn(Schema):
    line_id: int
    amount: Decimal
    date: dt.date
    document_number: str
    payee: str
    description: str = ""
    class_id: int | None = None
    over_budget_reason: str = ""


class SpendingOut(Schema):
    id: int
    line_id: int
    amount: Decimal
    date: dt.date
    document_number: str
    payee: str
    over_budget_reason: str


class CostLineOut(Schema):
    item: str
    label: str
    quantity: Decimal
    unit: str
    rate: Decimal
    amount: Decimal


class SheetOut(Schema):
    kind: str
    learners: int
    days: int
    document_number: str
    document_date: dt.date | None
    total: Decimal
    lines: list[CostLineOut]


class ClassCostOut(Schema):
    class_id: int
    estimate: SheetOut | None
    settlement: SheetOut | None
    difference: Decimal | None


def _require(request) -> None:
    if not reads_finance(request.user):
        raise PermissionDenied


def _budget(request, budget_id: int) -> Budget:
    _require(request)
    return get_object_or_404(Budget.objects.visible_to(request.user), pk=budget_id)


@router.get("/budgets", response=list[BudgetOut])
@paginate(PageNumberPagination)
def list_budgets(request, centre_id: int | None = None, year: int | None = None):
    _require(request)
    budgets = Budget.objects.visible_to(request.user).order_by("-year", "centre_id", "pk")
    if centre_id:
        budgets = budgets.filter(centre_id=centre_id)
    if year:
        budgets = budgets.filter(year=year)
    return budgets


@router.get("/budgets/{budget_id}", response=BudgetDetailOut)
def get_budget(request, budget_id: int):
    budget = _budget(request, budget_id)
    summary = budget_summary(budget)
    return {
        "id": budget.pk, "centre_id": budget.centre_id, "year": budget.year,
        "approval_number": budget.approval_number, "approval_date": budget.approval_date,
        "lines": [{"id": ln.pk, "source": ln.source, "purpose": ln.purpose, "description": ln.description,
                   "planned": ln.figures.planned, "spent": ln.figures.spent, "remaining": ln.figures.remaining}
                  for ln in summary.lines],
        "total": {"planned": summary.total.planned, "spent": summary.total.spent,
                  "remaining": summary.total.remaining},
    }


@router.post("/budgets/{budget_id}/spending", response={201: SpendingOut})
def create_spending(request, budget_id: int, payload: SpendingIn):
    """Over the line's remaining amount the answer is 422 with code "over_budget" unless a reason is given."""
    budget = _budget(request, budget_id)
    line = get_object_or_404(budget.lines, pk=payload.line_id)
    klass = visible_class_or_404(request.user, payload.class_id) if payload.class_id else None
    spending = Spending(line=line, amount=payload.amount, date=payload.date, document_number=payload.document_number,
                        payee=payload.payee, description=payload.description, klass=klass)
    return Status(201, services.record_spending(actor=request.user, spending=spending,
                                                over_budget_reason=payload.over_budget_reason))


def _sheet_out(sheet: CostSheet | None):
    if sheet is None:
        return None
    lines = list(sheet.lines.all())
    return {"kind": sheet.kind, "learners": sheet.learners, "days": sheet.days,
            "document_number": sheet.document_number, "document_date": sheet.document_date,
            "total": sum((ln.amount for ln in lines), Decimal(0)), "lines": lines}


@router.get("/classes/{class_id}/costs", response=ClassCostOut)
def class_costs(request, class_id: int):
    _require(request)
    klass = visible_class_or_404(request.user, class_id)
    if not reads_finance(request.user, klass.centre_id):
        raise Http404
    sheets, _comparison = estimate_vs_settlement(klass)
    estimate = _sheet_out(sheets.get(CostSheet.Kind.ESTIMATE))
    settlement = _sheet_out(sheets.get(CostSheet.Kind.SETTLEMENT))
    difference = settlement["total"] - (estimate["total"] if estimate else 0) if settlement else None
    return {"class_id": klass.pk, "estimate": estimate, "settlement": settlement, "difference": difference}
