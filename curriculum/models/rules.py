"""The rules of a programme version, kept as rows so the training app reads them as data."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from curriculum.choices import AssessmentKind, Classification, PrerequisiteKind
from curriculum.models.programme import Programme, ProgrammeVersion


class AssessmentComponent(models.Model):
    version = models.ForeignKey(ProgrammeVersion, on_delete=models.CASCADE, related_name="components")
    order = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=10, choices=AssessmentKind.choices)
    name = models.CharField(_("name"), max_length=200)
    weight = models.DecimalField(_("weight (%)"), max_digits=5, decimal_places=2)
    required = models.BooleanField(_("required for completion"), default=True)

    class Meta:
        ordering = ["version", "order"]
        verbose_name = _("assessment component")
        verbose_name_plural = _("assessment components")

    def __str__(self) -> str:
        return f"{self.name} ({self.weight}%)"


class GradeBand(models.Model):
    """A classification band: min_score ≤ score < max_score (the top band includes 10)."""

    version = models.ForeignKey(ProgrammeVersion, on_delete=models.CASCADE, related_name="bands")
    order = models.PositiveSmallIntegerField(_("order"))
    classification = models.CharField(_("classification"), max_length=12, choices=Classification.choices)
    min_score = models.DecimalField(_("from score"), max_digits=3, decimal_places=1)
    max_score = models.DecimalField(_("below score"), max_digits=3, decimal_places=1)
    passing = models.BooleanField(_("counts as passed"), default=True)

    class Meta:
        ordering = ["version", "order"]
        verbose_name = _("classification band")
        verbose_name_plural = _("classification bands")

    def __str__(self) -> str:
        return f"{self.get_classification_display()} {self.min_score}–{self.max_score}"

    def contains(self, score) -> bool:
        return self.min_score <= score < self.max_score or (self.max_score == 10 and score == 10)


class Prerequisite(models.Model):
    version = models.ForeignKey(ProgrammeVersion, on_delete=models.CASCADE, related_name="prerequisites")
    order = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=30, choices=PrerequisiteKind.choices)
    required_programme = models.ForeignKey(
        Programme, verbose_name=_("programme completed before"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="required_by",
    )
    within_months = models.PositiveSmallIntegerField(_("within months"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["version", "order"]
        verbose_name = _("prerequisite")
        verbose_name_plural = _("prerequisites")

    def __str__(self) -> str:
        if self.kind == PrerequisiteKind.PROGRAMME_COMPLETED and self.required_programme_id:
            return str(self.required_programme)
        return f"{self.get_kind_display()}: {self.within_months}"
