"""Money: the yearly budget (dự toán năm) by source and purpose, spending against its lines, the cost
rules kept as data per province and date, and each class's cost estimate and settlement.

Amounts are whole đồng in DecimalFields; a line's amount is its quantity times its rate rounded once,
and every total is a sum of stored amounts, so nothing drifts.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.scope import scope_of
from core.models import TimeStampedModel
from facilities.models import FundingSource

MONEY = {"max_digits": 15, "decimal_places": 0}


def _staff_scoped(queryset, user, field: str):
    scope = scope_of(user)
    if scope.sees_everything:
        return queryset
    return queryset.filter(**{f"{field}__in": scope.person_centre_ids})


class Purpose(models.TextChoices):
    TRAINING = "training", _("training classes")
    MATERIALS = "materials", _("materials and documents")
    FACILITIES = "facilities", _("facilities and equipment")
    STAFF = "staff", _("training of staff and lecturers")
    OPERATIONS = "operations", _("running costs")
    OTHER = "other", _("other purposes")


class BudgetQuerySet(models.QuerySet):
    def visible_to(self, user):
        return _staff_scoped(self, user, "centre_id")


class Budget(TimeStampedModel):
    """A centre's budget for one year, approved by a document of the body that funds it."""

    centre = models.ForeignKey("org.Centre", verbose_name=_("centre"), on_delete=models.PROTECT,
                               related_name="budgets")
    year = models.PositiveSmallIntegerField(_("year"))
    approval_issuer = models.CharField(_("approved by (body)"), max_length=250, blank=True)
    approval_number = models.CharField(_("approving document number"), max_length=60, blank=True)
    approval_date = models.DateField(_("approving document date"), null=True, blank=True)
    approval_file = models.FileField(_("approving document"), upload_to="budgets/%Y/", blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = BudgetQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "centre"]
        constraints = [models.UniqueConstraint(fields=["centre", "year"], name="one_budget_per_centre_year")]
        verbose_name = _("yearly budget")
        verbose_name_plural = _("yearly budgets")

    def __str__(self) -> str:
        return f"{self.year} – {self.centre}"

    @property
    def approved(self) -> bool:
        return bool(self.approval_number and self.approval_date)


class BudgetLine(models.Model):
    budget = models.ForeignKey(Budget, verbose_name=_("budget"), on_delete=models.CASCADE, related_name="lines")
    source = models.CharField(_("source"), max_length=30, choices=FundingSource.choices)
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)
    amount = models.DecimalField(_("amount (đồng)"), **MONEY)

    class Meta:
        ordering = ["budget", "source", "purpose", "id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="budget_line_amount_not_negative")]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self) -> str:
        return f"{self.get_source_display()} – {self.get_purpose_display()}"


class SpendingQuerySet(models.QuerySet):
    def visible_to(self, user):
        return _staff_scoped(self, user, "line__budget__centre_id")


class Spending(models.Model):
    """Money spent against a budget line, with its voucher (chứng từ)."""

    line = models.ForeignKey(BudgetLine, verbose_name=_("budget line"), on_delete=models.PROTECT,
                             related_name="spendings")
    amount = models.DecimalField(_("amount (đồng)"), **MONEY)
    date = models.DateField(_("date"))
    document_number = models.CharField(_("voucher number"), max_length=60)
    payee = models.CharField(_("payee"), max_length=250)
    description = models.CharField(_("description"), max_length=300, blank=True)
    klass = models.ForeignKey("training.Klass", verbose_name=_("class"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="spendings")
    file = models.FileField(_("attached file"), upload_to="spending/%Y/", blank=True)
    over_budget_reason = models.CharField(_("reason for spending over the line"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("recorded by"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SpendingQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="spending_amount_positive")]
        indexes = [models.Index(fields=["line", "date"])]
        verbose_name = _("spending")
        verbose_name_plural = _("spending")

    def __str__(self) -> str:
        return f"{self.document_number} {self.amount}"


class CostRule(models.Model):
    """A rate used to estimate a class's cost, for a province (or every province) from a date."""

    class Item(models.TextChoices):
        MATERIALS = "materials", _("materials, per learner")
        MEAL = "meal", _("meal support, per learner and day")
        TRAVEL = "travel", _("travel support, per learner and day")
        VENUE = "venue", _("venue hire off site, per day")
        OPENING = "opening", _("opening ceremony, per class")
        CLOSING = "closing", _("closing ceremony, per class")
        CERTIFICATE = "certificate", _("certificate, per learner")
        # Class estimates take lecturer fees from the lecturers' fee tables; this average serves the
        # annual plan's rough figure for classes not yet opened, whose lecturers are not known.
        LECTURER_SESSION = "lecturer_session", _("lecturer fee per session, for plan estimates")

    province = models.ForeignKey("org.AdministrativeUnit", verbose_name=_("province"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+",
                                 help_text=_("Empty: the default for every province."))
    item = models.CharField(_("item"), max_length=20, choices=Item.choices)
    amount = models.DecimalField(_("amount (đồng)"), **MONEY)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    basis = models.CharField(_("basis"), max_length=300, blank=True,
                             help_text=_("The document the rate comes from, e.g. Thông tư 40/2017/TT-BTC."))

    class Meta:
        ordering = ["item", "province", "-valid_from"]
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="cost_rule_amount_not_negative")]
        indexes = [models.Index(fields=["item", "valid_from"])]
        verbose_name = _("cost rule")
        verbose_name_plural = _("cost rules")

    def __str__(self) -> str:
        return f"{self.get_item_display()}: {self.amount}"


class CostSheetQuerySet(models.QuerySet):
    def visible_to(self, user):
        return _staff_scoped(self, user, "klass__centre_id")


class CostSheet(TimeStampedModel):
    """A class's estimate (dự toán) or settlement (quyết toán): editable lines and their documents."""

    class Kind(models.TextChoices):
        ESTIMATE = "estimate", _("estimate")
        SETTLEMENT = "settlement", _("settlement")

    klass = models.ForeignKey("training.Klass", verbose_name=_("class"), on_delete=models.CASCADE,
                              related_name="cost_sheets")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    learners = models.PositiveIntegerField(_("learners"), default=0)
    days = models.PositiveIntegerField(_("days"), default=0)
    document_number = models.CharField(_("document number"), max_length=60, blank=True)
    document_date = models.DateField(_("document date"), null=True, blank=True)
    file = models.FileField(_("signed document"), upload_to="class-costs/%Y/", blank=True)
    note = models.TextField(_("note"), blank=True)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("prepared by"))

    objects = CostSheetQuerySet.as_manager()

    class Meta:
        ordering = ["klass", "kind"]
        constraints = [models.UniqueConstraint(fields=["klass", "kind"], name="one_cost_sheet_per_kind")]
        verbose_name = _("class cost sheet")
        verbose_name_plural = _("class cost sheets")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.klass_id}"


class CostLine(models.Model):
    class Item(models.TextChoices):
        LECTURER = "lecturer", _("lecturer fees")
        MATERIALS = "materials", _("materials")
        MEAL = "meal", _("learner meal support")
        TRAVEL = "travel", _("learner travel support")
        VENUE = "venue", _("venue hire")
        OPENING = "opening", _("opening ceremony")
        CLOSING = "closing", _("closing ceremony")
        CERTIFICATE = "certificate", _("certificates")
        OTHER = "other", _("other costs")

    sheet = models.ForeignKey(CostSheet, on_delete=models.CASCADE, related_name="lines")
    item = models.CharField(_("item"), max_length=20, choices=Item.choices)
    label = models.CharField(_("content"), max_length=300)
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    rate = models.DecimalField(_("rate (đồng)"), **MONEY)
    amount = models.DecimalField(_("amount (đồng)"), **MONEY)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sheet", "order", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=0, rate__gte=0, amount__gte=0),
                                   name="cost_line_not_negative"),
        ]
        verbose_name = _("cost line")
        verbose_name_plural = _("cost lines")

    def __str__(self) -> str:
        return self.label
