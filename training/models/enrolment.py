"""A learner's place in a class."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from training.models.classes import Klass


class EnrolmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        from training.models.scoping import class_condition

        condition = class_condition(user, "klass__")
        return self if condition is None else self.filter(condition)

    def active(self):
        return self.filter(status=Enrolment.Status.ENROLLED)


class Progress(models.TextChoices):
    """Where a learner stands, derived from the enrolment, its class's state and the result (not stored)."""

    NOT_STARTED = "not_started", _("not started")
    STUDYING = "studying", _("studying")
    COMPLETED = "completed", _("completed")
    NOT_COMPLETED = "not_completed", _("not completed")
    WITHDRAWN = "withdrawn", _("withdrawn")


TALLY_FIELDS = ("marks_recorded", "marks_present")


class Enrolment(TimeStampedModel):
    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("enrolled")
        WITHDRAWN = "withdrawn", _("withdrawn")
        MOVED = "moved", _("moved to another class")

    klass = models.ForeignKey(
        "training.Klass", verbose_name=_("class"), on_delete=models.PROTECT, related_name="enrolments"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("learner"), on_delete=models.PROTECT, related_name="enrolments"
    )
    sending_organisation = models.ForeignKey(
        "org.SendingOrganisation",
        verbose_name=_("sending organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.ENROLLED)
    status_reason = models.TextField(_("reason"), blank=True)
    moved_to = models.ForeignKey(
        "training.Klass", verbose_name=_("moved to"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    override_reason = models.TextField(
        _("eligibility override"),
        blank=True,
        help_text=_("Why the learner was enrolled although an eligibility rule said otherwise."),
    )
    source_row = models.PositiveIntegerField(_("row in the nomination list"), null=True, blank=True)
    # The learner's attendance marks and those present or late, kept by training.attendance.tallies when
    # marks are saved: lists of classes add up their learners' counts instead of reading every mark.
    marks_recorded = models.PositiveIntegerField(_("attendance marks"), default=0, editable=False)
    marks_present = models.PositiveIntegerField(_("marks present or late"), default=0, editable=False)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["klass", "person__sort_key"]
        constraints = [models.UniqueConstraint(fields=["klass", "person"], name="one_enrolment_per_class")]
        indexes = [models.Index(fields=["klass", "status"]), models.Index(fields=["person", "status"])]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.klass_id}"

    def save(self, *args, **kwargs):
        # The attendance counts are written only by training.attendance.tallies.refresh: an enrolment read
        # before a sheet was saved (a withdrawal, an edit) must not put its older counts back.
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [f.name for f in self._meta.concrete_fields
                                       if not f.primary_key and f.name not in TALLY_FIELDS]
        super().save(*args, **kwargs)

    @property
    def progress(self) -> str:
        """A `Progress` value. Results count only once the director approved them: before that a result is
        provisional and the learner is still studying (or has not started, before the class's first day)."""
        if self.status != self.Status.ENROLLED:
            return Progress.WITHDRAWN
        klass = self.klass
        if klass.status in (Klass.Status.RESULTS_APPROVED, Klass.Status.CLOSED):
            result = getattr(self, "result", None)  # a missing one-to-one raises AttributeError
            return Progress.COMPLETED if result is not None and result.completed else Progress.NOT_COMPLETED
        if klass.status in (Klass.Status.PLANNED, Klass.Status.OPEN) or klass.start_date > timezone.localdate():
            return Progress.NOT_STARTED
        return Progress.STUDYING

    @property
    def progress_label(self) -> str:
        return Progress(self.progress).label
