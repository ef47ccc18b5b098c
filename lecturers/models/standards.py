"""Post standards as versioned data: for each post, requirements over the recorded qualifications."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


class StandardPost(models.TextChoices):
    DIRECTOR = "director", _("director")
    DEPUTY = "deputy_director", _("deputy director")
    FULL_TIME = "full_time", _("full-time lecturer")
    PART_TIME = "part_time", _("part-time lecturer")
    GUEST = "guest", _("guest lecturer")


class Rule(models.TextChoices):
    THEORY = "theory_level", _("political theory level at least")
    DEGREE = "degree", _("education level at least")
    STATE_MANAGEMENT = "state_management", _("state management level at least")
    PEDAGOGY = "pedagogy", _("pedagogy certificate")
    IT = "it", _("IT certificate")
    YEARS = "years", _("years in post or teaching at least")
    PARTY = "party", _("party member")


class StandardSet(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=250, blank=True)
    is_editable_default = models.BooleanField(_("editable default"), default=False, editable=False)

    class Meta:
        ordering = ["-valid_from"]
        constraints = [models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                                              name="standard_set_dates_in_order")]
        verbose_name = _("post standards")
        verbose_name_plural = _("post standards")

    def __str__(self) -> str:
        return self.name


class Requirement(models.Model):
    standard = models.ForeignKey(StandardSet, on_delete=models.CASCADE, related_name="requirements")
    post = models.CharField(_("post"), max_length=20, choices=StandardPost.choices)
    rule = models.CharField(_("rule"), max_length=20, choices=Rule.choices)
    value = models.CharField(_("value"), max_length=30, blank=True,
                             help_text=_("The level code or the number of years the rule asks for."))
    advice = models.CharField(_("what to do"), max_length=250, blank=True,
                              help_text=_("The course or step that meets the requirement."))

    class Meta:
        ordering = ["standard", "post", "pk"]
        constraints = [models.UniqueConstraint(fields=["standard", "post", "rule"], name="one_rule_per_post")]
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")

    def __str__(self) -> str:
        return f"{self.get_post_display()}: {self.get_rule_display()} {self.value}".strip()
