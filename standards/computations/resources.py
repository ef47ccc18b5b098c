"""Facilities, equipment, money and coordination agreements: read from facilities, finance and org."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Q, Sum

from facilities.models import Condition, Equipment
from facilities.selectors import requirements_on, standing_of_centres
from finance.models import BudgetLine, Spending
from org.models_agreements import CoordinationAgreement
from standards.computations.base import Families, Outcome, Period, group_by_root, members, percent, share_outcome
from standards.computations.training import held_classes
from training.models import Enrolment


def facilities_standard_met(families: Families, period: Period, params: dict) -> dict[int, Outcome]:
    """Every requirement of the facilities standard in force on the reference day met by the centre itself
    (rooms and equipment are registered at the centre that holds them today)."""
    on = period.reference_day
    requirements = requirements_on(on)
    standing = standing_of_centres(list(families), on, requirements=requirements)
    result = {}
    for root in families:
        rows = standing.get(root, [])
        met = sum(1 for s in rows if s.met)
        value = Decimal(1 if rows and met == len(rows) else 0)
        result[root] = Outcome(value, "", (), f"{met}/{len(rows)}")
    return result


def equipment_working(families: Families, period: Period, params: dict) -> dict[int, Outcome]:
    """Items in good condition among all registered items (quantities added up)."""
    rows = (Equipment.objects.filter(centre_id__in=members(families)).values("centre_id", "condition")
            .annotate(n=Sum("quantity")).order_by().values_list("centre_id", "condition", "n"))
    result = {}
    for root, found in group_by_root(families, rows).items():
        total = sum(n or 0 for _, n in found)
        good = sum(n or 0 for condition, n in found if condition == Condition.GOOD)
        result[root] = Outcome(percent(good, total), "", (), f"{good}/{total}")
    return result


def agreements_with_senders(families: Families, period: Period, params: dict) -> dict[int, Outcome]:
    """Organisations that sent learners to the period's classes and have a coordination agreement in force
    with the centre (or a centre it continued) at some time in the period."""
    senders = (Enrolment.objects.filter(klass__in=held_classes(families, period), status=Enrolment.Status.ENROLLED,
                                        sending_organisation__isnull=False)
               .values_list("klass__centre_id", "sending_organisation_id").distinct())
    agreements = (CoordinationAgreement.objects.filter(centre_id__in=members(families), valid_from__lte=period.end)
                  .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=period.start))
                  .values_list("centre_id", "counterpart_id"))
    covered = {root: {c for (c,) in found} for root, found in group_by_root(families, agreements).items()}
    return {root: share_outcome([o for (o,) in found if o in covered[root]], [o for (o,) in found], "organisations")
            for root, found in group_by_root(families, senders).items()}


def budget_execution(families: Families, period: Period, params: dict) -> dict[int, Outcome]:
    """Spending recorded against the year's budget lines, as a share of the amounts budgeted (the district
    centre's and its successor's budgets of the year added up)."""
    planned = (BudgetLine.objects.filter(budget__centre_id__in=members(families), budget__year=period.year)
               .values("budget__centre_id").annotate(total=Sum("amount")).order_by()
               .values_list("budget__centre_id", "total"))
    spent = (Spending.objects.filter(line__budget__centre_id__in=members(families), line__budget__year=period.year)
             .values("line__budget__centre_id").annotate(total=Sum("amount")).order_by()
             .values_list("line__budget__centre_id", "total"))
    plan_by = {root: sum((t or 0 for (t,) in rows), Decimal(0)) for root, rows in group_by_root(families, planned).items()}
    spent_by = {root: sum((t or 0 for (t,) in rows), Decimal(0)) for root, rows in group_by_root(families, spent).items()}
    result = {}
    for root in families:
        budgeted, used = plan_by.get(root, Decimal(0)), spent_by.get(root, Decimal(0))
        value = (Decimal(100) * used / budgeted).quantize(Decimal("0.01")) if budgeted else None
        result[root] = Outcome(min(value, Decimal(100)) if value is not None else None, "", (), f"{used}/{budgeted}")
    return result
