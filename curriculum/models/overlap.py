"""The overlap detector's rules as data: stop phrases and the effective-dated settings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from curriculum.overlap import (
    DEFAULT_EQUIVALENT_TERMS,
    DEFAULT_KEYWORD_WEIGHT,
    DEFAULT_STOP_PHRASES,
    DEFAULT_THRESHOLD,
    DEFAULT_TITLE_WEIGHT,
    Params,
    StopList,
    Terms,
)

DEFAULT_PUBLISH_CONFIRM_ABOVE = 0


class StopPhrase(TimeStampedModel):
    """Wording that says nothing about a topic's subject ("nội dung cơ bản", "của"). Removed from the
    texts only as a whole phrase, so "số" in "chuyển đổi số" stays unless "số" alone is listed."""

    phrase = models.CharField(_("phrase"), max_length=120, unique=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["phrase"]
        verbose_name = _("stop phrase")
        verbose_name_plural = _("stop phrases")

    def __str__(self) -> str:
        return self.phrase


class EquivalentTerm(TimeStampedModel):
    """A subject and the other wordings programme outlines use for it ("tôn giáo": "đồng bào có đạo",
    "tín ngưỡng"). The detector reads each of them as one shared token before comparing."""

    term = models.CharField(_("term"), max_length=120, unique=True)
    equivalents = models.TextField(_("equivalent wordings"), help_text=_("Separated by semicolons."))
    note = models.CharField(_("note"), max_length=300, blank=True)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["term"]
        verbose_name = _("equivalent term")
        verbose_name_plural = _("equivalent terms")

    def __str__(self) -> str:
        return self.term

    @property
    def equivalent_list(self) -> list[str]:
        return [p.strip() for p in self.equivalents.split(";") if p.strip()]


class OverlapSettingsQuerySet(models.QuerySet):
    def in_force(self, on: dt.date | None = None):
        return self.filter(effective_from__lte=on or timezone.localdate()).order_by("-effective_from").first()


class OverlapSettings(TimeStampedModel):
    """How the detector scores and when publishing asks for confirmation; a new row from a date on."""

    effective_from = models.DateField(_("effective from"), unique=True)
    threshold = models.DecimalField(
        _("similarity threshold"), max_digits=4, decimal_places=3, default=Decimal(str(DEFAULT_THRESHOLD)),
        validators=[MinValueValidator(Decimal("0.05")), MaxValueValidator(Decimal("1"))])
    title_weight = models.DecimalField(
        _("weight of the title"), max_digits=3, decimal_places=1, default=Decimal(str(DEFAULT_TITLE_WEIGHT)),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("5"))],
        help_text=_("Relative to the outline, which weighs 1."))
    keyword_weight = models.DecimalField(
        _("weight of the keywords"), max_digits=3, decimal_places=1, default=Decimal(str(DEFAULT_KEYWORD_WEIGHT)),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("5"))])
    publish_confirm_above = models.PositiveIntegerField(
        _("unreviewed overlaps allowed before publishing asks for confirmation"),
        default=DEFAULT_PUBLISH_CONFIRM_ABOVE)
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = OverlapSettingsQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("overlap settings")
        verbose_name_plural = _("overlap settings")

    def __str__(self) -> str:
        return f"{self.effective_from:%d/%m/%Y}: {self.threshold}"


def detector_params(on: dt.date | None = None, threshold: float | None = None) -> Params:
    """The detector's parameters in force (three queries), the defaults where none are recorded."""
    settings = OverlapSettings.objects.in_force(on)
    phrases = list(StopPhrase.objects.filter(active=True).values_list("phrase", flat=True))
    terms = [(t.term, t.equivalent_list) for t in EquivalentTerm.objects.filter(active=True)]
    return Params(
        threshold=threshold if threshold is not None else float(settings.threshold if settings else
                                                               DEFAULT_THRESHOLD),
        title_weight=float(settings.title_weight) if settings else DEFAULT_TITLE_WEIGHT,
        keyword_weight=float(settings.keyword_weight) if settings else DEFAULT_KEYWORD_WEIGHT,
        stops=StopList(phrases) if phrases or StopPhrase.objects.exists() else StopList(DEFAULT_STOP_PHRASES),
        terms=Terms(terms) if terms or EquivalentTerm.objects.exists() else Terms(DEFAULT_EQUIVALENT_TERMS),
    )


def publish_confirm_above(on: dt.date | None = None) -> int:
    settings = OverlapSettings.objects.in_force(on)
    return settings.publish_confirm_above if settings else DEFAULT_PUBLISH_CONFIRM_ABOVE
