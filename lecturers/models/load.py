"""Teaching load: yearly norms by post, coefficients for other work, reductions, recorded other work."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


class NormPost(models.TextChoices):
    DIRECTOR = "director", _("director")
    DEPUTY = "deputy_director", _("deputy director")
    LECTURER = "lecturer", _("full-time lecturer")
    LECTURER_OFFICE = "lecturer_office", _("full-time lecturer with academic or office work")


class YearKind(models.TextChoices):
    CALENDAR = "calendar", _("calendar year (1/1 – 31/12)")
    SCHOOL = "school", _("school year ending 30/6")


class NormTable(TimeStampedModel):
    """The norms of a run of years (QĐ 1853/QĐ-BTGTW, 2010, as the default), with overtime rules."""

    name = models.CharField(_("name"), max_length=200)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True,
                                                 help_text=_("Empty: until a newer table."))
    year_kind = models.CharField(_("year"), max_length=10, choices=YearKind.choices, default=YearKind.CALENDAR)
    overtime_multiplier = models.DecimalField(_("overtime multiplier"), max_digits=4, decimal_places=2,
                                              default=Decimal("1.5"))
    overtime_cap = models.PositiveIntegerField(_("overtime periods at most a year"), default=200)
    source = models.CharField(_("source"), max_length=250, blank=True)
    is_editable_default = models.BooleanField(_("editable default"), default=False, editable=False)

    class Meta:
        ordering = ["-first_year"]
        constraints = [
            models.CheckConstraint(condition=Q(last_year__isnull=True) | Q(last_year__gte=F("first_year")),
                                   name="norm_table_years_in_order"),
        ]
        verbose_name = _("norm table")
        verbose_name_plural = _("norm tables")

    def __str__(self) -> str:
        return self.name


class NormLine(models.Model):
    table = models.ForeignKey(NormTable, on_delete=models.CASCADE, related_name="lines")
    post = models.CharField(_("post"), max_length=20, choices=NormPost.choices)
    standard_hours = models.DecimalField(_("standard hours"), max_digits=6, decimal_places=1)
    lecturing_hours = models.DecimalField(_("of which lecturing hours"), max_digits=6, decimal_places=1)

    class Meta:
        ordering = ["table", "post"]
        constraints = [
            models.UniqueConstraint(fields=["table", "post"], name="one_norm_per_post"),
            models.CheckConstraint(condition=Q(lecturing_hours__lte=F("standard_hours")),
                                   name="lecturing_within_standard"),
        ]
        verbose_name = _("norm")
        verbose_name_plural = _("norms")

    def __str__(self) -> str:
        return f"{self.get_post_display()} {self.standard_hours}/{self.lecturing_hours}"


class Coefficient(models.Model):
    """How many standard hours one unit of a kind of work is worth (a lecturing period is 1)."""

    LECTURE = "lecture"

    table = models.ForeignKey(NormTable, on_delete=models.CASCADE, related_name="coefficients")
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("work"), max_length=200)
    unit = models.CharField(_("unit"), max_length=60)
    value = models.DecimalField(_("standard hours per unit"), max_digits=6, decimal_places=2)

    class Meta:
        ordering = ["table", "code"]
        constraints = [
            models.UniqueConstraint(fields=["table", "code"], name="one_coefficient_per_code"),
            models.CheckConstraint(condition=Q(value__gte=0), name="coefficient_not_negative"),
        ]
        verbose_name = _("conversion coefficient")
        verbose_name_plural = _("conversion coefficients")

    def __str__(self) -> str:
        return self.name


class LoadEntry(TimeStampedModel):
    """Work other than lecturing, or a reduction of the norm, recorded for a lecturer and year."""

    class Kind(models.TextChoices):
        WORK = "work", _("other work")
        LEAVE = "leave", _("reduction: leave")
        STUDY = "study", _("reduction: study")
        CONCURRENT = "concurrent", _("reduction: concurrent post")
        OTHER = "other_reduction", _("reduction: other")

    lecturer = models.ForeignKey("people.Lecturer", verbose_name=_("lecturer"), on_delete=models.CASCADE,
                                 related_name="load_entries")
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    coefficient_code = models.SlugField(_("work"), max_length=40, blank=True)
    quantity = models.DecimalField(_("quantity"), max_digits=8, decimal_places=2, default=0)
    percent = models.DecimalField(_("reduction (% of the norm)"), max_digits=5, decimal_places=2, default=0)
    note = models.CharField(_("note"), max_length=250, blank=True)

    class Meta:
        ordering = ["year", "kind", "pk"]
        indexes = [models.Index(fields=["lecturer", "year"])]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=0), name="load_quantity_not_negative"),
            models.CheckConstraint(condition=Q(percent__gte=0, percent__lte=100), name="load_percent_range"),
        ]
        verbose_name = _("load entry")
        verbose_name_plural = _("load entries")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}"

    @property
    def is_reduction(self) -> bool:
        return self.kind != self.Kind.WORK


class LoadPost(models.Model):
    """The norm post of a lecturer in a year when the staff record does not say it (e.g. an office role)."""

    lecturer = models.ForeignKey("people.Lecturer", on_delete=models.CASCADE, related_name="load_posts")
    year = models.PositiveSmallIntegerField(_("year"))
    post = models.CharField(_("post"), max_length=20, choices=NormPost.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["lecturer", "year"], name="one_load_post_a_year")]
        verbose_name = _("norm post")
        verbose_name_plural = _("norm posts")

    def __str__(self) -> str:
        return f"{self.get_post_display()} {self.year}"
