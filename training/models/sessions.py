"""The timetable: sessions by date and part of day. Clashes are refused by the database itself."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SessionQuerySet(models.QuerySet):
    def visible_to(self, user):
        from training.models.scoping import class_condition

        condition = class_condition(user, "klass__")
        return self if condition is None else self.filter(condition)


class Session(models.Model):
    class Part(models.TextChoices):
        MORNING = "morning", _("morning")
        AFTERNOON = "afternoon", _("afternoon")
        EVENING = "evening", _("evening")

    klass = models.ForeignKey(
        "training.Klass", verbose_name=_("class"), on_delete=models.CASCADE, related_name="sessions"
    )
    date = models.DateField(_("date"))
    part = models.CharField(_("part of day"), max_length=10, choices=Part.choices)
    periods = models.PositiveSmallIntegerField(_("periods"), default=4)
    topic = models.ForeignKey(
        "curriculum.Topic",
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    lecturer = models.ForeignKey(
        "people.Lecturer",
        verbose_name=_("lecturer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    room = models.ForeignKey(
        "facilities.Room",
        verbose_name=_("room"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    attendance_taken = models.BooleanField(_("attendance taken"), default=False)

    objects = SessionQuerySet.as_manager()

    class Meta:
        # Morning, afternoon, evening in the day's order (their codes would sort alphabetically).
        ordering = [
            "date",
            models.Case(
                models.When(part="morning", then=models.Value(0)),
                models.When(part="afternoon", then=models.Value(1)),
                default=models.Value(2),
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["klass", "date", "part"], name="class_one_session_per_slot"),
            models.UniqueConstraint(
                fields=["lecturer", "date", "part"],
                condition=Q(lecturer__isnull=False),
                name="lecturer_one_session_per_slot",
            ),
            models.UniqueConstraint(
                fields=["room", "date", "part"], condition=Q(room__isnull=False), name="room_one_session_per_slot"
            ),
            models.CheckConstraint(condition=Q(periods__gte=1, periods__lte=6), name="session_periods_range"),
        ]
        indexes = [models.Index(fields=["date", "part"]), models.Index(fields=["lecturer", "date"])]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.get_part_display()}"


class LecturerUnavailability(models.Model):
    """A date (or part of a date) on which a lecturer cannot teach; the timetable generator avoids it."""

    lecturer = models.ForeignKey("people.Lecturer", on_delete=models.CASCADE, related_name="unavailable")
    date = models.DateField(_("date"))
    part = models.CharField(
        _("part of day"), max_length=10, choices=Session.Part.choices, blank=True, help_text=_("Empty: the whole day.")
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        indexes = [models.Index(fields=["lecturer", "date"])]
        verbose_name = _("lecturer unavailability")
        verbose_name_plural = _("lecturer unavailabilities")

    def __str__(self) -> str:
        return f"{self.lecturer_id} {self.date}"


class PublicHoliday(models.Model):
    """Days off that the timetable generator skips; kept as data because they move every year (Tết)."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=150)

    class Meta:
        ordering = ["date"]
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"
