"""Links between topics: liên thông mappings and reviewed overlaps."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from curriculum.choices import Coverage, OverlapDecision, OverlapVerdict
from curriculum.models.programme import Programme, Topic


class MappingQuerySet(models.QuerySet):
    def visible_to(self, user):
        visible = Programme.objects.visible_to(user)
        return self.filter(centre_topic__version__programme__in=visible,
                           school_module__version__programme__in=visible)


class TopicMapping(TimeStampedModel):
    """A centre topic counted toward a module of a provincial-school programme (liên thông)."""

    centre_topic = models.ForeignKey(Topic, verbose_name=_("centre topic"), on_delete=models.CASCADE,
                                     related_name="school_mappings")
    school_module = models.ForeignKey(Topic, verbose_name=_("provincial-school module"), on_delete=models.CASCADE,
                                      related_name="centre_mappings")
    coverage = models.CharField(_("coverage"), max_length=12, choices=Coverage.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = MappingQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["centre_topic", "school_module"], name="unique_topic_mapping"),
        ]
        verbose_name = _("liên thông mapping")
        verbose_name_plural = _("liên thông mappings")

    def __str__(self) -> str:
        return f"{self.centre_topic} → {self.school_module} ({self.get_coverage_display()})"


class OverlapReview(TimeStampedModel):
    """A supervisor's verdict on a pair of topics the detector flagged.

    Keyed by the topics' lineages (smaller first), so the verdict is shown again for later versions
    of the same topics.
    """

    lineage_low = models.UUIDField()
    lineage_high = models.UUIDField()
    topic_low = models.ForeignKey(Topic, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    topic_high = models.ForeignKey(Topic, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    verdict = models.CharField(_("verdict"), max_length=12, choices=OverlapVerdict.choices)
    decision = models.CharField(_("decision"), max_length=10, choices=OverlapDecision.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    score = models.DecimalField(_("similarity when reviewed"), max_digits=4, decimal_places=3, null=True,
                                blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    # A merge or a shortening saves periods on one of the two topics: its lineage, and how many.
    saved_lineage = models.UUIDField(null=True, blank=True, db_index=True)
    periods_saved = models.PositiveSmallIntegerField(_("periods saved"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["lineage_low", "lineage_high"], name="unique_overlap_review"),
        ]
        verbose_name = _("overlap review")
        verbose_name_plural = _("overlap reviews")

    def __str__(self) -> str:
        return f"{self.lineage_low}/{self.lineage_high}: {self.verdict}"
