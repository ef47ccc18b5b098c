"""A class (lớp): one run of a programme version at a centre, from the opening decision to closing."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import TimeStampedModel
from core.text import search_key


def venue_of(off_site_venue: str, room_name: str | None) -> str:
    """Where a class meets: the off-site venue when it has one, else its room at the centre."""
    return off_site_venue or room_name or ""


class KlassQuerySet(models.QuerySet):
    def visible_to(self, user):
        from training.models.scoping import class_condition

        condition = class_condition(user)
        return self if condition is None else self.filter(condition)


class Klass(TimeStampedModel):
    """Named Klass because `class` is a Python keyword; the interface calls it "lớp"."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        OPEN = "open", _("open for nominations")
        IN_PROGRESS = "in_progress", _("in progress")
        RESULTS_APPROVED = "results_approved", _("results approved")
        CLOSED = "closed", pgettext_lazy("class status", "closed")

    centre = models.ForeignKey("org.Centre", verbose_name=_("centre"), on_delete=models.PROTECT, related_name="classes")
    version = models.ForeignKey(
        "curriculum.ProgrammeVersion",
        verbose_name=_("programme version"),
        on_delete=models.PROTECT,
        related_name="classes",
    )
    plan_line = models.ForeignKey(
        "training.PlanLine",
        verbose_name=_("plan line"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="classes",
    )
    code = models.CharField(_("class code"), max_length=40, unique=True)
    name = models.CharField(_("class name"), max_length=300)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    room = models.ForeignKey(
        "facilities.Room",
        verbose_name=_("room"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="classes",
    )
    off_site_venue = models.CharField(_("off-site venue"), max_length=300, blank=True)
    co_organiser = models.ForeignKey(
        "org.SendingOrganisation",
        verbose_name=_("co-organiser"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="co_organised_classes",
    )
    agreement = models.ForeignKey(
        "org.CoordinationAgreement", verbose_name=_("coordination agreement"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="classes",
    )
    head_teacher = models.ForeignKey(
        "people.Lecturer",
        verbose_name=_("head teacher"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="head_of_classes",
    )
    capacity = models.PositiveIntegerField(_("capacity"), default=60)
    is_resit = models.BooleanField(
        _("resit class"), default=False, help_text=_("Learners who completed the programme before may enrol again.")
    )
    opening_decision_number = models.CharField(_("opening decision number"), max_length=60, blank=True)
    opening_decision_date = models.DateField(_("opening decision date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    results_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("results approved by"),
    )
    results_approved_at = models.DateTimeField(_("results approved at"), null=True, blank=True)
    recognition_decision_number = models.CharField(_("recognition decision number"), max_length=60, blank=True)
    recognition_decision_date = models.DateField(_("recognition decision date"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    search_text = models.CharField(max_length=400, editable=False, db_index=True)

    objects = KlassQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="class_dates_in_order"),
        ]
        indexes = [
            models.Index(fields=["centre", "status"]),
            models.Index(fields=["centre", "start_date"]),
        ]
        verbose_name = _("class")
        verbose_name_plural = _("classes")

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    def save(self, *args, **kwargs):
        self.search_text = search_key(f"{self.code} {self.name}")[:400]
        super().save(*args, **kwargs)

    @property
    def venue(self) -> str:
        return venue_of(self.off_site_venue, self.room.name if self.room_id else None)

    @property
    def results_locked(self) -> bool:
        return self.status in (self.Status.RESULTS_APPROVED, self.Status.CLOSED)
