"""The material side of a centre: buildings, rooms and off-site venues, equipment and its condition,
and the facilities standard (kept as data) a centre is measured against."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.scope import scope_of
from core.models import TimeStampedModel
from core.text import search_key


def _centre_scoped(queryset, user, field: str = "centre_id", ids: str = "centre_ids"):
    scope = scope_of(user)
    if scope.sees_everything:
        return queryset
    return queryset.filter(**{f"{field}__in": getattr(scope, ids)})


class FundingSource(models.TextChoices):
    """Where money comes from; the same list for equipment and the yearly budget."""

    LOCAL_BUDGET = "local_budget", _("commune/ward budget")
    PROVINCIAL_PROGRAMME = "provincial_programme", _("provincial programme funds")
    CO_ORGANISER = "co_organiser", _("co-organiser contributions")
    OTHER = "other", _("other")


class Building(TimeStampedModel):
    centre = models.ForeignKey("org.Centre", verbose_name=_("centre"), on_delete=models.PROTECT,
                               related_name="buildings")
    name = models.CharField(_("name"), max_length=150)
    floors = models.PositiveSmallIntegerField(_("floors"), default=1)
    year_built = models.PositiveSmallIntegerField(_("year built"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["centre", "name"]
        constraints = [models.UniqueConstraint(fields=["centre", "name"], name="unique_building_name_per_centre")]
        verbose_name = _("building")
        verbose_name_plural = _("buildings")

    def __str__(self) -> str:
        return self.name


class RoomQuerySet(models.QuerySet):
    def visible_to(self, user):
        return _centre_scoped(self, user)


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
    building = models.ForeignKey(Building, verbose_name=_("building"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="rooms")
    area_m2 = models.DecimalField(_("area (m²)"), max_digits=8, decimal_places=1, null=True, blank=True)
    accessible = models.BooleanField(_("step-free access"), default=False)
    use = models.CharField(_("use"), max_length=200, blank=True, help_text=_("e.g. lectures, exams, online classes."))
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True,
                                    help_text=_("For an off-site venue: whom to call to book it."))
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    active = models.BooleanField(_("in use"), default=True)

    objects = RoomQuerySet.as_manager()

    class Meta:
        ordering = ["centre", "name"]
        constraints = [models.UniqueConstraint(fields=["centre", "name"], name="unique_room_name_per_centre")]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")

    def __str__(self) -> str:
        return self.name


class EquipmentCategory(models.Model):
    """A kind of equipment (projector, sound system …): a list kept as data, with the words inventories use."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    aliases = models.CharField(_("other names"), max_length=400, blank=True,
                               help_text=_("Other wordings found in inventory lists, separated by semicolons."))
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("equipment category")
        verbose_name_plural = _("equipment categories")

    def __str__(self) -> str:
        return self.name

    def wordings(self) -> list[str]:
        return [w for w in [self.name, self.code, *self.aliases.split(";")] if w.strip()]


class Condition(models.TextChoices):
    GOOD = "good", pgettext_lazy("equipment condition", "good")
    NEEDS_REPAIR = "needs_repair", pgettext_lazy("equipment condition", "needs repair")
    BROKEN = "broken", pgettext_lazy("equipment condition", "broken")


class EquipmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        # Staff-level information: the centres whose staff, viewers and supervisors the user is among.
        return _centre_scoped(self, user, ids="person_centre_ids")


class Equipment(TimeStampedModel):
    centre = models.ForeignKey("org.Centre", verbose_name=_("centre"), on_delete=models.PROTECT,
                               related_name="equipment")
    category = models.ForeignKey(EquipmentCategory, verbose_name=_("category"), on_delete=models.PROTECT,
                                 related_name="items")
    name = models.CharField(_("name"), max_length=200)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    unit = models.CharField(_("unit"), max_length=30, blank=True, help_text=_("e.g. bộ, chiếc, cái."))
    year_acquired = models.PositiveSmallIntegerField(_("year acquired"), null=True, blank=True)
    funding_source = models.CharField(_("funding source"), max_length=30, choices=FundingSource.choices,
                                      default=FundingSource.LOCAL_BUDGET)
    condition = models.CharField(_("condition"), max_length=20, choices=Condition.choices, default=Condition.GOOD)
    room = models.ForeignKey(Room, verbose_name=_("room"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="equipment")
    note = models.CharField(_("note"), max_length=300, blank=True)
    search_text = models.CharField(max_length=400, editable=False, db_index=True)

    objects = EquipmentQuerySet.as_manager()

    class Meta:
        ordering = ["centre", "category__sort_order", "name"]
        indexes = [models.Index(fields=["centre", "category"]), models.Index(fields=["centre", "condition"])]
        verbose_name = _("equipment item")
        verbose_name_plural = _("equipment")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = search_key(f"{self.name} {self.note}")[:400]
        super().save(*args, **kwargs)


class ConditionCheck(models.Model):
    """A dated inspection; the item's condition is the one of its latest check."""

    equipment = models.ForeignKey(Equipment, verbose_name=_("equipment item"), on_delete=models.CASCADE,
                                  related_name="checks")
    date = models.DateField(_("date"))
    condition = models.CharField(_("condition"), max_length=20, choices=Condition.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("checked by"))

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("condition check")
        verbose_name_plural = _("condition checks")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.get_condition_display()}"


class FacilityRequirement(models.Model):
    """One line of the facilities standard, kept as data with the dates it applies.

    - rooms: at least `min_count` rooms of `room_kind` in use, each with at least `min_seats` seats;
    - equipment: at least `min_count` items of `category` in good condition (quantities add up);
    - equipment in every room: each lecture hall and classroom in use holds a good item of `category`.
    """

    class Kind(models.TextChoices):
        ROOMS = "rooms", _("rooms")
        EQUIPMENT = "equipment", _("equipment")
        EQUIPMENT_PER_ROOM = "equipment_per_room", _("equipment in every teaching room")

    name = models.CharField(_("requirement"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    room_kind = models.CharField(_("room kind"), max_length=20, choices=Room.Kind.choices, blank=True)
    min_seats = models.PositiveIntegerField(_("minimum seats"), default=0)
    min_count = models.PositiveIntegerField(_("minimum number"), default=1)
    category = models.ForeignKey(EquipmentCategory, verbose_name=_("equipment category"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="requirements")
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("facilities requirement")
        verbose_name_plural = _("facilities standard")

    def __str__(self) -> str:
        return self.name


class InventoryUpload(models.Model):
    """An inventory workbook kept between its preview and the confirmation (nothing else is written before)."""

    token = models.CharField(max_length=32, unique=True)
    centre = models.ForeignKey("org.Centre", on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=255)
    content = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.filename
