from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("present")
        EXCUSED = "excused", _("excused absence")
        UNEXCUSED = "unexcused", _("unexcused absence")
        LATE = "late", _("late")

    session = models.ForeignKey("training.Session", on_delete=models.CASCADE, related_name="attendance")
    enrolment = models.ForeignKey("training.Enrolment", on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PRESENT)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "enrolment"], name="one_mark_per_session")]
        indexes = [models.Index(fields=["enrolment", "status"])]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self) -> str:
        return self.get_status_display()

    @property
    def is_absent(self) -> bool:
        return self.status in (self.Status.EXCUSED, self.Status.UNEXCUSED)
