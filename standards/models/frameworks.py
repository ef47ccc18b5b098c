"""Criteria frameworks as versioned data: framework → levels, groups → criteria → indicators → targets.

A framework is identified by its code and version number. Once published (or used by an assessment)
a version is never edited, only superseded by a new version, so past assessments keep the exact
criteria they were judged on.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel, period_order
from core.text import document_label


class Unit(models.TextChoices):
    PERCENT = "percent", _("per cent")
    COUNT = "count", _("number")
    SCORE = "score", _("score (0–10)")
    YES_NO = "yes_no", _("yes / no")


# The range a value (and a target) of each unit must lie in; None = unbounded.
UNIT_RANGE: dict[str, tuple[Decimal, Decimal | None]] = {
    Unit.PERCENT: (Decimal(0), Decimal(100)),
    Unit.COUNT: (Decimal(0), None),
    Unit.SCORE: (Decimal(0), Decimal(10)),
    Unit.YES_NO: (Decimal(0), Decimal(1)),
}


class Comparator(models.TextChoices):
    AT_LEAST = "ge", "≥"
    AT_MOST = "le", "≤"
    EQUAL = "eq", "="

    def holds(self, value: Decimal, target: Decimal) -> bool:
        if self == Comparator.AT_LEAST:
            return value >= target
        if self == Comparator.AT_MOST:
            return value <= target
        return value == target


class FrameworkQuerySet(models.QuerySet):
    def visible_to(self, user):
        """National frameworks for every signed-in user; a province's own copies for that province's users."""
        from accounts.scope import scope_of

        scope = scope_of(user)
        if scope.sees_everything:
            return self
        if not scope.authenticated:
            return self.none()
        return self.filter(Q(province__isnull=True) | Q(province_id__in=scope.province_ids_with_history))


class Framework(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        SUPERSEDED = "superseded", _("superseded")

    code = models.CharField(_("code"), max_length=40)
    number = models.PositiveIntegerField(_("version number"), default=1)
    name = models.CharField(_("name"), max_length=300)
    issuer = models.CharField(_("issued by"), max_length=250, blank=True)
    document_number = models.CharField(_("issuing document number"), max_length=60, blank=True)
    document_date = models.DateField(_("issuing document date"), null=True, blank=True)
    effective_from = models.DateField(_("effective from"), null=True, blank=True)
    effective_to = models.DateField(_("effective to"), null=True, blank=True)
    province = models.ForeignKey(
        "org.AdministrativeUnit", verbose_name=_("province"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", help_text=_("Empty: the national default every province may copy."),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    provisional = models.BooleanField(
        _("editable defaults"), default=False,
        help_text=_("The indicators are plausible defaults: no official list for the centres was found."),
    )
    notes = models.TextField(_("notes"), blank=True)
    based_on = models.ForeignKey("self", verbose_name=_("based on"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="derived")
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")

    objects = FrameworkQuerySet.as_manager()

    class Meta:
        ordering = ["code", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["code", "number"], name="unique_framework_version"),
            period_order("effective_from", "effective_to", name="framework_effective_period"),
        ]
        indexes = [models.Index(fields=["province", "status"])]
        verbose_name = _("criteria framework")
        verbose_name_plural = _("criteria frameworks")

    def __str__(self) -> str:
        return f"{self.name} (v{self.number})"

    @property
    def issuing_document(self) -> str:
        return document_label(self.document_number, self.issuer, self.document_date)

    @property
    def in_use(self) -> bool:
        return bool(self.pk) and self.assessments.exists()

    @property
    def is_locked(self) -> bool:
        """Only a draft no assessment uses may be edited."""
        return self.status != self.Status.DRAFT or self.in_use


class Level(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="levels")
    order = models.PositiveSmallIntegerField(_("order"))
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["framework", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="unique_level_code")]
        verbose_name = _("level")
        verbose_name_plural = _("levels")

    def __str__(self) -> str:
        return self.name


class Group(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="groups")
    order = models.PositiveSmallIntegerField(_("order"))
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=300)

    class Meta:
        ordering = ["framework", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="unique_group_code")]
        verbose_name = _("criterion group")
        verbose_name_plural = _("criterion groups")

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class Criterion(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(_("order"))
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=400)

    class Meta:
        ordering = ["group", "order"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Indicator(models.Model):
    class Kind(models.TextChoices):
        COMPUTED = "computed", _("computed from the centre's data")
        DECLARED = "declared", _("declared with evidence")

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="indicators")
    # Denormalised so a framework's indicators come in one indexed query.
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="indicators")
    order = models.PositiveSmallIntegerField(_("order"))
    code = models.CharField(_("code"), max_length=20)
    text = models.TextField(_("indicator"))
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    comparator = models.CharField(_("comparator"), max_length=2, choices=Comparator.choices,
                                  default=Comparator.AT_LEAST)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    computation = models.CharField(_("computation"), max_length=60, blank=True)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    guidance = models.TextField(_("guidance"), blank=True)

    class Meta:
        ordering = ["framework", "criterion__group__order", "criterion__order", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="unique_indicator_code")]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return f"{self.code} {self.text[:80]}"

    @property
    def is_computed(self) -> bool:
        return self.kind == self.Kind.COMPUTED


class Target(models.Model):
    """What an indicator must reach for one level; an indicator without a target is not part of that level."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="targets")
    value = models.DecimalField(_("target"), max_digits=12, decimal_places=2)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["indicator", "level"], name="one_target_per_level")]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return f"{self.indicator_id}@{self.level_id}: {self.value}"
