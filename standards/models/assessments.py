"""A centre's self-assessment against one framework version for one year, and its provincial review.

Computed values are filled from the centre's data and frozen as a snapshot when the director submits;
later changes to classes, lecturers or certificates do not move a submitted assessment.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


class AssessmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The centre's staff and viewers (and its successors'), and the province's supervisors."""
        from accounts.scope import scope_of

        scope = scope_of(user)
        if scope.sees_everything:
            return self
        return self.filter(centre_id__in=scope.person_centre_ids)


class Assessment(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        UNDER_REVIEW = "under_review", _("under review")
        RETURNED = "returned", _("returned for changes")
        RECOGNISED = "recognised", _("recognised")
        CLOSED = "closed", _("closed, not yet standard")

    class Result(models.TextChoices):
        NONE = "", _("no result yet")
        NOT_YET = "not_yet", _("not yet standard")
        LEVEL = "level", _("standard at a level")

    centre = models.ForeignKey("org.Centre", verbose_name=_("centre"), on_delete=models.PROTECT,
                               related_name="assessments")
    framework = models.ForeignKey("standards.Framework", verbose_name=_("criteria framework"),
                                  on_delete=models.PROTECT, related_name="assessments")
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("submitted by"))
    # The level the centre's own (frozen) values reach, and the one the reviewed values reach.
    self_level = models.ForeignKey("standards.Level", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("level reached (self-assessment)"))
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("reviewer"))
    review_started_at = models.DateTimeField(_("review started at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    result = models.CharField(_("result"), max_length=10, choices=Result.choices, default=Result.NONE, blank=True)
    result_level = models.ForeignKey("standards.Level", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("recognised level"))
    decision_number = models.CharField(_("recognition decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("recognition decision date"), null=True, blank=True)
    decision_file = models.FileField(_("recognition decision file"), upload_to="standards/decisions/%Y/",
                                     blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "centre__sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "framework", "year"], name="one_assessment_per_framework_year"),
        ]
        indexes = [models.Index(fields=["centre", "year"]), models.Index(fields=["year", "status"])]
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")

    def __str__(self) -> str:
        return f"{self.centre} – {self.year}"

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def is_frozen(self) -> bool:
        return not self.is_editable

    @property
    def in_review(self) -> bool:
        return self.status in (self.Status.SUBMITTED, self.Status.UNDER_REVIEW)

    @property
    def is_closed(self) -> bool:
        return self.status in (self.Status.RECOGNISED, self.Status.CLOSED)


class AssessmentValue(models.Model):
    """One indicator's value in an assessment: computed (frozen at submission) or declared with evidence."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey("standards.Indicator", on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2, null=True, blank=True)
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    note = models.TextField(_("explanation"), blank=True)
    # What the computed value was computed from: the model and the ids, for the drill-down list.
    source_model = models.CharField(max_length=100, blank=True)
    source_ids = models.JSONField(default=list, blank=True)
    detail = models.CharField(_("how it was computed"), max_length=300, blank=True)
    frozen_at = models.DateTimeField(_("frozen at"), null=True, blank=True)
    review_agreed = models.BooleanField(_("reviewer agrees"), null=True, blank=True)
    reviewed_value = models.DecimalField(_("reviewed value"), max_digits=12, decimal_places=2, null=True, blank=True)
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        ordering = ["assessment", "indicator__criterion__group__order", "indicator__criterion__order",
                    "indicator__order"]
        constraints = [models.UniqueConstraint(fields=["assessment", "indicator"], name="one_value_per_indicator")]
        verbose_name = _("assessment value")
        verbose_name_plural = _("assessment values")

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.value}"

    @property
    def effective_value(self):
        """The reviewer's value where one was set, else the centre's."""
        if self.review_agreed is False and self.reviewed_value is not None:
            return self.reviewed_value
        return self.value


class Evidence(models.Model):
    value = models.ForeignKey(AssessmentValue, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to="standards/evidence/%Y/")
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["value", "uploaded_at", "id"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.name


class GroupNarrative(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="narratives")
    group = models.ForeignKey("standards.Group", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("narrative"), blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "group"], name="one_narrative_per_group")]
        verbose_name = _("group narrative")
        verbose_name_plural = _("group narratives")

    def __str__(self) -> str:
        return f"{self.assessment_id}/{self.group_id}"
