"""Rooms and venues where classes meet. (Equipment, budgets and class costs join this app later.)"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.scope import scope_of
from core.models import TimeStampedModel


class RoomQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = scope_of(user)
        if scope.sees_everything:
            return self
        return self.filter(centre_id__in=scope.centre_ids)


class Room(TimeStampedModel):
    class Kind(models.TextChoices):
        LECTURE_HALL = "lecture_hall", _("lecture hall")
        CLASSROOM = "classroom", _("classroom")
        MEETING_ROOM = "meeting_room", _("meeting room")
        COMPUTER_ROOM = "computer_room", _("computer room")
        OFF_SITE = "off_site", _("off-site venue")

    centre = models.ForeignKey("org.Centre", verbose_name=_("centre"), on_delete=models.PROTECT, related_name="rooms")
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CLASSROOM)
    seats = models.PositiveIntegerField(_("seats"), default=0)
    address = models.CharField(
        _("address"), max_length=300, blank=True, help_text=_("For an off-site venue, e.g. a commune hall.")
    )
    active = models.BooleanField(_("in use"), default=True)

    objects = RoomQuerySet.as_manager()

    class Meta:
        ordering = ["centre", "name"]
        constraints = [models.UniqueConstraint(fields=["centre", "name"], name="unique_room_name_per_centre")]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")

    def __str__(self) -> str:
        return self.name
