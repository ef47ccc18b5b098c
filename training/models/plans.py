"""The annual training plan (kế hoạch đào tạo, bồi dưỡng năm): lines of programme × audience × quarter."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.scope import scope_of
from core.models import TimeStampedModel


class AnnualPlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = scope_of(user)
        if scope.sees_everything:
            return self
        return self.filter(centre_id__in=scope.person_centre_ids)


class AnnualPlan(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        APPROVED = "approved", _("approved")

    centre = models.ForeignKey("org.Centre", verbose_name=_("centre"), on_delete=models.PROTECT, related_name="plans")
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    approval_issuer = models.CharField(_("approved by (body)"), max_length=250, blank=True)
    approval_number = models.CharField(_("approving document number"), max_length=60, blank=True)
    approval_date = models.DateField(_("approving document date"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = AnnualPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "centre"]
        constraints = [models.UniqueConstraint(fields=["centre", "year"], name="one_plan_per_centre_year")]
        verbose_name = _("annual plan")
        verbose_name_plural = _("annual plans")

    def __str__(self) -> str:
        return f"{self.year} – {self.centre}"


class PlanLine(models.Model):
    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="lines")
    programme = models.ForeignKey(
        "curriculum.Programme", verbose_name=_("programme"), on_delete=models.PROTECT, related_name="plan_lines"
    )
    audience = models.CharField(_("audience"), max_length=250, blank=True)
    quarter = models.PositiveSmallIntegerField(_("quarter"), choices=[(q, str(q)) for q in range(1, 5)])
    planned_classes = models.PositiveSmallIntegerField(_("classes"), default=1)
    planned_learners = models.PositiveIntegerField(_("learners"), default=0)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["plan", "quarter", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="plan_line_quarter"),
        ]
        verbose_name = _("plan line")
        verbose_name_plural = _("plan lines")

    def __str__(self) -> str:
        return f"Q{self.quarter} {self.programme_id} × {self.planned_classes}"
