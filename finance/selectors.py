"""Reads over money: plan vs spent per line and source (live), estimate vs settlement of a class, the
estimated cost of an annual plan and the budget still free, and the province comparison of centres.
Each runs a fixed number of queries, whatever the number of lines, classes or centres."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import Coalesce

from facilities.models import FundingSource
from facilities.selectors import quantities_by_condition, requirements_on, standing_of_centres
from finance.models import Budget, BudgetLine, CostLine, CostSheet, Spending
from finance.rules import rates_on

ZERO = Decimal(0)


@dataclass
class Figures:
    planned: Decimal = ZERO
    spent: Decimal = ZERO

    @property
    def remaining(self) -> Decimal:
        return self.planned - self.spent

    @property
    def percent(self) -> int:
        return round(100 * self.spent / self.planned) if self.planned else 0

    @property
    def over(self) -> bool:
        return self.spent > self.planned


@dataclass
class BudgetSummary:
    lines: list  # BudgetLine with .figures
    by_source: list[tuple[str, Figures]]
    total: Figures = field(default_factory=Figures)


def budget_summary(budget: Budget) -> BudgetSummary:
    """Plan vs spent per line, per source and in total (one query)."""
    lines = list(budget.lines.annotate(spent=Coalesce(Sum("spendings__amount"), ZERO)).order_by("source", "purpose", "id"))
    sources: dict[str, Figures] = defaultdict(Figures)
    total = Figures()
    for line in lines:
        line.figures = Figures(line.amount, line.spent)
        sources[line.source].planned += line.amount
        sources[line.source].spent += line.spent
        total.planned += line.amount
        total.spent += line.spent
    labels = dict(FundingSource.choices)
    return BudgetSummary(lines, [(labels[s], sources[s]) for s in FundingSource.values if s in sources], total)


@dataclass
class Comparison:
    item: str
    label: str
    estimate: Decimal
    settlement: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        return None if self.settlement is None else self.settlement - self.estimate


def estimate_vs_settlement(klass) -> tuple[dict, list[Comparison]]:
    """The two sheets of a class and the difference per item (two queries)."""
    sheets = {s.kind: s for s in CostSheet.objects.filter(klass=klass)}
    amounts = defaultdict(lambda: {CostSheet.Kind.ESTIMATE: ZERO, CostSheet.Kind.SETTLEMENT: ZERO})
    rows = CostLine.objects.filter(sheet__klass=klass).values_list("item", "sheet__kind").annotate(a=Sum("amount"))
    for item, kind, amount in rows:
        amounts[item][kind] = amount
    settled = CostSheet.Kind.SETTLEMENT in sheets
    labels = dict(CostLine.Item.choices)
    result = [Comparison(item, labels[item], amounts[item][CostSheet.Kind.ESTIMATE],
                         amounts[item][CostSheet.Kind.SETTLEMENT] if settled else None)
              for item in CostLine.Item.values if item in amounts]
    return sheets, result


def sheet_totals(sheet_ids) -> dict[int, Decimal]:
    rows = CostLine.objects.filter(sheet_id__in=list(sheet_ids)).values_list("sheet_id").annotate(t=Sum("amount"))
    return dict(rows)


@dataclass
class PlanLineCost:
    line: object
    estimated: Decimal
    from_classes: int  # classes of the line whose own estimate is counted


def plan_costs(plan) -> tuple[list[PlanLineCost], dict]:
    """Each plan line's estimated cost: the estimates of its classes, and for the classes not yet opened
    a rough figure from the cost rules (learners × per-learner items and days, ceremonies, lecturer
    sessions from the programme's periods at 4 periods a session); then the year's budget still free."""
    lines = list(plan.lines.select_related("programme").annotate(classes_opened=Count("classes", distinct=True)))
    estimates = (CostLine.objects.filter(sheet__kind=CostSheet.Kind.ESTIMATE, sheet__klass__plan_line__plan=plan)
                 .values_list("sheet__klass__plan_line_id").annotate(total=Sum("amount"),
                                                                      classes=Count("sheet", distinct=True)))
    by_line = {line_id: (total, n) for line_id, total, n in estimates}
    periods = dict(plan.lines.values_list("id").annotate(p=Coalesce(
        Max("programme__versions__total_periods", filter=Q(programme__versions__status="published")), 0)))
    rates = rates_on(plan.centre.province_id, _first_day(plan.year))
    result = []
    for line in lines:
        total, counted = by_line.get(line.pk, (ZERO, 0))
        remaining_classes = max(line.planned_classes - counted, 0)
        if remaining_classes:
            sessions = math.ceil(periods.get(line.pk, 0) / 4) or 2
            days = math.ceil(sessions / 2)
            learners = Decimal(line.planned_learners) / max(line.planned_classes, 1)
            per_class = (
                learners * (rates["materials"] + rates["certificate"] + days * (rates["meal"] + rates["travel"]))
                + rates["opening"] + rates["closing"] + sessions * rates["lecturer_session"]
            )
            total += remaining_classes * per_class
        result.append(PlanLineCost(line, Decimal(round(total)), counted))
    estimated = sum((r.estimated for r in result), ZERO)
    budget = Budget.objects.filter(centre=plan.centre, year=plan.year).first()
    summary = budget_summary(budget) if budget else None
    training_budget = sum((ln.amount for ln in summary.lines if ln.purpose == "training"), ZERO) if summary else ZERO
    return result, {
        "budget": budget, "estimated": estimated, "training_budget": training_budget,
        "total_budget": summary.total.planned if summary else ZERO,
        "spent": summary.total.spent if summary else ZERO,
        "free": training_budget - estimated,
    }


def _first_day(year: int) -> dt.date:
    return dt.date(year, 1, 1)


@dataclass
class CentreRow:
    centre: object
    met: int
    requirements: int
    equipment: int
    broken: int
    budget: Decimal
    spent: Decimal

    @property
    def percent_spent(self) -> int:
        return round(100 * self.spent / self.budget) if self.budget else 0


def province_comparison(centres, year: int, on) -> list[CentreRow]:
    """Facilities standing, equipment, budget and spending of many centres (a fixed number of queries)."""
    centres = list(centres)
    ids = [c.pk for c in centres]
    requirements = requirements_on(on)
    quantities = quantities_by_condition(ids)
    standing = standing_of_centres(ids, on, requirements, quantities)
    equipment: dict[int, list[int]] = defaultdict(lambda: [0, 0])  # centre -> [all items, broken]
    for (centre_id, _category, condition), quantity in quantities.items():
        equipment[centre_id][0] += quantity
        if condition == "broken":
            equipment[centre_id][1] += quantity
    budgets = dict(BudgetLine.objects.filter(budget__centre_id__in=ids, budget__year=year)
                   .values_list("budget__centre_id").annotate(t=Sum("amount")))
    spent = dict(Spending.objects.filter(line__budget__centre_id__in=ids, line__budget__year=year)
                 .values_list("line__budget__centre_id").annotate(t=Sum("amount")))
    return [CentreRow(c, sum(1 for s in standing[c.pk] if s.met), len(requirements),
                      equipment[c.pk][0], equipment[c.pk][1],
                      budgets.get(c.pk, ZERO), spent.get(c.pk, ZERO)) for c in centres]
