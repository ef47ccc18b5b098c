"""The class closing report (báo cáo tổng kết lớp): figures frozen when the officer makes it final."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


class ClosingReport(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        FINAL = "final", _("final")

    klass = models.OneToOneField("training.Klass", verbose_name=_("class"), on_delete=models.PROTECT,
                                 related_name="closing_report")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    number = models.CharField(_("document number"), max_length=60, blank=True)
    report_date = models.DateField(_("report date"), null=True, blank=True)
    assessment = models.TextField(_("general assessment"), blank=True)
    strengths = models.TextField(_("strengths"), blank=True)
    limitations = models.TextField(_("limitations and causes"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    figures = models.JSONField(_("figures"), null=True, blank=True, editable=False)
    finalised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    finalised_at = models.DateTimeField(_("made final at"), null=True, blank=True)

    class Meta:
        verbose_name = _("class closing report")
        verbose_name_plural = _("class closing reports")

    def __str__(self) -> str:
        return f"{self.klass_id} {self.get_status_display()}"

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL
