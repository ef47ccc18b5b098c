"""Scores per assessment component, and the result computed from the programme version's rules."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from curriculum.choices import Classification


class ResultClassification(models.TextChoices):
    """What a result's classification may hold: a grading band's classification, or "pass" for a completed
    learner of a programme graded đạt / không đạt only. The one source of their labels."""

    EXCELLENT = Classification.EXCELLENT.value, Classification.EXCELLENT.label
    VERY_GOOD = Classification.VERY_GOOD.value, Classification.VERY_GOOD.label
    GOOD = Classification.GOOD.value, Classification.GOOD.label
    AVERAGE = Classification.AVERAGE.value, Classification.AVERAGE.label
    PASS = "pass", _("pass")
    FAIL = Classification.FAIL.value, Classification.FAIL.label


class Score(models.Model):
    enrolment = models.ForeignKey("training.Enrolment", on_delete=models.CASCADE, related_name="scores")
    component = models.ForeignKey(
        "curriculum.AssessmentComponent",
        verbose_name=_("assessment component"),
        on_delete=models.PROTECT,
        related_name="scores",
    )
    value = models.DecimalField(_("score"), max_digits=3, decimal_places=1, null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "component"], name="one_score_per_component"),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0, value__lte=10), name="score_between_0_and_10"
            ),
        ]
        verbose_name = _("score")
        verbose_name_plural = _("scores")

    def __str__(self) -> str:
        return f"{self.value}"


class Result(models.Model):
    """Derived from scores and attendance by training.results.services; stored so lists and reports stay cheap."""

    enrolment = models.OneToOneField("training.Enrolment", on_delete=models.CASCADE, related_name="result")
    final_score = models.DecimalField(_("final score"), max_digits=3, decimal_places=1, null=True, blank=True)
    classification = models.CharField(_("classification"), max_length=12, blank=True,
                                      choices=ResultClassification.choices)
    absence_percent = models.DecimalField(_("absent sessions (%)"), max_digits=5, decimal_places=2, default=0)
    completed = models.BooleanField(_("completed"), default=False)
    reasons = models.JSONField(_("why not completed"), default=list, blank=True)
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["completed"])]
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self) -> str:
        return f"{self.final_score} {self.classification}"
