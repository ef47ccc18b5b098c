"""Workflows on budgets, spending and class costs: atomic, scoped, audited."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from core.audit import record, record_many, snapshot
from core.models import AuditEvent
from core.money import format_money, to_dong
from core.services import audited_delete, audited_save, require
from finance.costing import compute_lines
from finance.models import Budget, BudgetLine, CostLine, CostRule, CostSheet, Spending
from finance.permissions import keeps_cost_rules, manages_finance
from training.models import Klass


class OverBudget(ValidationError):
    """The spending is more than what remains on its line; it may go ahead with a reason."""

    def __init__(self, *, remaining: Decimal, amount: Decimal):
        self.remaining, self.amount = remaining, amount
        super().__init__(
            _("%(amount)s is more than the %(remaining)s remaining on this budget line. Give the reason to record "
              "it anyway.") % {"amount": format_money(amount), "remaining": format_money(remaining)},
            code="over_budget")


def _not_negative(errors: dict, field: str, value, label: str) -> None:
    if value is None:
        errors[field] = [_("Enter %(what)s.") % {"what": label}]
    elif value < 0:
        errors[field] = [_("%(what)s cannot be negative.") % {"what": label.capitalize()}]


# --- budgets -------------------------------------------------------------------------------------
@transaction.atomic
def save_budget(*, actor, budget: Budget, reason: str = "") -> Budget:
    require(manages_finance(actor, budget.centre_id))
    if budget.pk:
        require(manages_finance(actor, Budget.objects.values_list("centre_id", flat=True).get(pk=budget.pk)))
    if Budget.objects.filter(centre_id=budget.centre_id, year=budget.year).exclude(pk=budget.pk).exists():
        raise ValidationError({"year": [_("The centre already has a budget for %(year)s.") % {"year": budget.year}]})
    if bool(budget.approval_number) != bool(budget.approval_date):
        raise ValidationError({"approval_date": [_("Enter both the number and the date of the approving document.")]})
    return audited_save(actor=actor, instance=budget, reason=reason)


@transaction.atomic
def save_budget_line(*, actor, line: BudgetLine, reason: str = "") -> BudgetLine:
    require(manages_finance(actor, line.budget.centre_id))
    errors: dict = {}
    _not_negative(errors, "amount", line.amount, _("the amount"))
    if errors:
        raise ValidationError(errors)
    line.amount = to_dong(line.amount)
    if line.pk:
        spent = line.spendings.aggregate(s=Sum("amount"))["s"] or Decimal(0)
        if line.amount < spent:
            raise ValidationError({"amount": [_("%(spent)s has already been spent on this line; the amount cannot be "
                                                "less.") % {"spent": format_money(spent)}]})
    return audited_save(actor=actor, instance=line, reason=reason)


@transaction.atomic
def delete_budget_line(*, actor, line: BudgetLine, reason: str = "") -> None:
    require(manages_finance(actor, line.budget.centre_id))
    audited_delete(actor=actor, instance=line, reason=reason)


def remaining_on(line: BudgetLine) -> Decimal:
    spent = Spending.objects.filter(line=line).aggregate(s=Sum("amount"))["s"] or Decimal(0)
    return line.amount - spent


@transaction.atomic
def record_spending(*, actor, spending: Spending, over_budget_reason: str = "") -> Spending:
    """Record money spent against a line. Over what remains, it needs a reason, which is kept and audited."""
    line = BudgetLine.objects.select_for_update().select_related("budget").get(pk=spending.line_id)
    require(manages_finance(actor, line.budget.centre_id))
    errors: dict = {}
    if spending.amount is None or spending.amount <= 0:
        errors["amount"] = [_("The amount must be more than 0 đồng.")]
    if spending.date and spending.date.year != line.budget.year:
        errors["date"] = [_("The date is outside the budget year %(year)s.") % {"year": line.budget.year}]
    if spending.klass_id and spending.klass.centre_id != line.budget.centre_id:
        errors["klass"] = [_("The class belongs to another centre.")]
    for field, label in (("document_number", _("the voucher number")), ("payee", _("the payee"))):
        if not (getattr(spending, field) or "").strip():
            errors[field] = [_("Enter %(what)s.") % {"what": label}]
    if errors:
        raise ValidationError(errors)
    spending.amount = to_dong(spending.amount)
    remaining = remaining_on(line)
    reason = " ".join(over_budget_reason.split())
    if spending.amount > remaining:
        if not reason:
            raise OverBudget(remaining=remaining, amount=spending.amount)
        spending.over_budget_reason = reason[:500]
    spending.recorded_by = actor if getattr(actor, "is_authenticated", False) else None
    spending.full_clean()
    spending.save()
    record(actor=actor, action=AuditEvent.Action.CREATE, obj=spending, after=snapshot(spending),
           reason=spending.over_budget_reason)
    return spending


@transaction.atomic
def delete_spending(*, actor, spending: Spending, reason: str = "") -> None:
    require(manages_finance(actor, spending.line.budget.centre_id))
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for deleting a recorded spending.")]})
    audited_delete(actor=actor, instance=spending, reason=reason)


# --- cost rules ----------------------------------------------------------------------------------
@transaction.atomic
def save_cost_rule(*, actor, rule: CostRule, reason: str = "") -> CostRule:
    require(keeps_cost_rules(actor, rule.province_id))
    errors: dict = {}
    _not_negative(errors, "amount", rule.amount, _("the amount"))
    if rule.valid_to and rule.valid_from and rule.valid_to < rule.valid_from:
        errors["valid_to"] = [_("The rule ends before it starts.")]
    if errors:
        raise ValidationError(errors)
    rule.amount = to_dong(rule.amount)
    return audited_save(actor=actor, instance=rule, reason=reason)


# --- class costs ---------------------------------------------------------------------------------
def _sheet(klass: Klass, kind: str, actor) -> CostSheet:
    sheet, _created = CostSheet.objects.get_or_create(klass=klass, kind=kind, defaults={"prepared_by": actor})
    return sheet


@transaction.atomic
def prepare_cost_sheet(*, actor, klass: Klass, kind: str) -> CostSheet:
    """Compute the estimate, or the settlement of a closed class, from its timetable and the cost rules;
    preparing it again replaces its lines (the documents recorded on it stay)."""
    require(manages_finance(actor, klass.centre_id))
    if kind == CostSheet.Kind.SETTLEMENT and klass.status != Klass.Status.CLOSED:
        raise ValidationError(_("Class %(code)s is not closed yet; a settlement is made once the class has closed.")
                              % {"code": klass.code})
    inputs, lines = compute_lines(klass, kind)
    sheet = _sheet(klass, kind, actor)
    before = [snapshot(line) for line in sheet.lines.all()]
    sheet.lines.all().delete()
    sheet.learners, sheet.days = inputs.learners, inputs.days
    sheet.prepared_by = actor if getattr(actor, "is_authenticated", False) else None
    sheet.save()
    for line in lines:
        line.sheet = sheet
    CostLine.objects.bulk_create(lines)
    record(actor=actor, action=AuditEvent.Action.UPDATE if before else AuditEvent.Action.CREATE, obj=sheet,
           before={"lines": before} if before else None,
           after={"lines": [snapshot(line) for line in lines], **snapshot(sheet)})
    return sheet


def _check_line(line: CostLine) -> None:
    errors: dict = {}
    line.label = " ".join((line.label or "").split())
    if not line.label:
        errors["label"] = [_("Enter the content of the line.")]
    _not_negative(errors, "quantity", line.quantity, _("the quantity"))
    _not_negative(errors, "rate", line.rate, _("the rate"))
    if errors:
        raise ValidationError(errors)
    line.rate = to_dong(line.rate)
    line.amount = to_dong(line.quantity * line.rate)


@transaction.atomic
def save_cost_lines(*, actor, sheet: CostSheet, lines: list[CostLine], deleted: list[CostLine] = ()) -> CostSheet:
    """Save the lines edited on the page (and new ones), delete the removed ones, all or nothing."""
    require(manages_finance(actor, sheet.klass.centre_id))
    removed = {id(line) for line in deleted}
    lines = [line for line in lines if id(line) not in removed]
    problems = {}
    for number, line in enumerate(lines, start=1):
        line.sheet = sheet
        try:
            _check_line(line)
        except ValidationError as error:
            problems[number] = error
    if problems:
        raise ValidationError(
            [_("Line %(n)s: %(message)s") % {"n": n, "message": " ".join(e.messages)} for n, e in problems.items()])
    stored = {line.pk: snapshot(line) for line in sheet.lines.all()}
    for line in deleted:
        if line.pk:
            line.delete()
    for line in lines:
        line.save()
    changed = [line for line in lines if stored.get(line.pk) != snapshot(line)]
    if changed or deleted:
        record_many(actor=actor, action=AuditEvent.Action.UPDATE, objects=changed)
        record(actor=actor, action=AuditEvent.Action.UPDATE, obj=sheet, before={"lines": list(stored.values())},
               after={"lines": [snapshot(line) for line in sheet.lines.all()]})
    return sheet


@transaction.atomic
def record_cost_document(*, actor, sheet: CostSheet, number: str, date, file=None, note: str = "") -> CostSheet:
    """The signed document of an estimate or a settlement (number, date, scanned file)."""
    require(manages_finance(actor, sheet.klass.centre_id))
    if not number.strip() or date is None:
        raise ValidationError({"document_number": [_("Enter both the number and the date of the document.")]})
    sheet.document_number, sheet.document_date, sheet.note = number.strip(), date, note
    if file:
        sheet.file = file
    return audited_save(actor=actor, instance=sheet, validate=False)
