"""Periodic reports (báo cáo định kỳ): kinds with their sections as data, and each centre's reports.

A report is computed from the centre's data while it is a draft; submitting it freezes the numbers and
the text in `snapshot`, and gives it a document number ("05-BC/TTCT") counted per centre within the
party committee's term. A correction is a new version of the same report; every version is kept.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from reports.periods import period_label


class PeriodType(models.TextChoices):
    QUARTER = "quarter", _("quarter")
    HALF_YEAR = "half_year", _("six months")
    NINE_MONTHS = "nine_months", _("nine months")
    YEAR = "year", _("year")
    AD_HOC = "ad_hoc", _("ad hoc")


class ReportKind(TimeStampedModel):
    """A kind of report (quarterly, six-monthly …): its period, its deadline and its sections."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    period_type = models.CharField(_("period"), max_length=15, choices=PeriodType.choices)
    deadline_days = models.PositiveSmallIntegerField(
        _("deadline (days after the period ends)"), default=10,
        help_text=_("A report not submitted this many days after the end of its period is late."),
    )
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("report kind")
        verbose_name_plural = _("report kinds")

    def __str__(self) -> str:
        return self.name


class ReportKindSection(models.Model):
    """One section of a kind: a table from the section registry, or a text the centre writes."""

    kind = models.ForeignKey(ReportKind, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(_("section"), max_length=40)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    mandatory = models.BooleanField(_("mandatory"), default=False)

    class Meta:
        ordering = ["kind", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="one_section_per_kind")]
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")

    def __str__(self) -> str:
        return self.key


class DocumentTerm(models.Model):
    """A party committee's term (nhiệm kỳ): document numbers restart from 01 in each."""

    label = models.CharField(_("term"), max_length=40)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))

    class Meta:
        ordering = ["start"]
        verbose_name = _("term")
        verbose_name_plural = _("terms")

    def __str__(self) -> str:
        return self.label


class ReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        from accounts.scope import scope_of

        scope = scope_of(user)
        if scope.sees_everything:
            return self
        return self.filter(centre_id__in=scope.person_centre_ids)

    def submitted(self):
        return self.filter(status=Report.Status.SUBMITTED)


class Report(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")

    centre = models.ForeignKey("org.Centre", verbose_name=_("centre"), on_delete=models.PROTECT, related_name="reports")
    kind = models.ForeignKey(ReportKind, verbose_name=_("report kind"), on_delete=models.PROTECT, related_name="reports")
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("period number"), default=1,
                                              help_text=_("The quarter (1–4) or the half (1–2)."))
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    supersedes = models.OneToOneField("self", verbose_name=_("corrects"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="superseded_by")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    texts = models.JSONField(_("text sections"), default=dict, blank=True)
    snapshot = models.JSONField(_("frozen figures"), null=True, blank=True, editable=False)
    doc_number = models.PositiveIntegerField(_("document number"), null=True, blank=True)
    doc_label = models.CharField(_("document number"), max_length=40, blank=True)
    term = models.ForeignKey(DocumentTerm, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("submitted by"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("created by"))

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-end_date", "centre", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "kind", "start_date", "end_date", "version"],
                                    name="one_report_version_per_period"),
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="report_period_order"),
        ]
        indexes = [
            models.Index(fields=["kind", "start_date", "end_date", "status"]),
            models.Index(fields=["centre", "status"]),
        ]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return f"{self.kind} {self.period_label} – {self.centre}"

    @property
    def period_label(self) -> str:
        return period_label(self.kind.period_type, self.year, self.number, self.start_date, self.end_date)

    @property
    def deadline(self) -> dt.date:
        return self.end_date + dt.timedelta(days=self.kind.deadline_days)

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED
