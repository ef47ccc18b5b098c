"""Workflows on rooms, buildings and equipment: the one path pages, the API and scripts use to change them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import audited_delete, audited_save, require
from facilities.models import Building, ConditionCheck, Equipment, Room
from facilities.permissions import keeps_standard, manages_facilities


def can_manage_rooms(user, centre_id: int | None) -> bool:
    """The centre's director and training officers keep its list of rooms."""
    return manages_facilities(user, centre_id)


def _validate(room: Room) -> None:
    errors: dict[str, list[str]] = {}
    room.name = " ".join((room.name or "").split())
    if not room.name:
        errors.setdefault("name", []).append(_("Enter the name of the room."))
    elif Room.objects.filter(centre_id=room.centre_id, name__iexact=room.name).exclude(pk=room.pk).exists():
        errors.setdefault("name", []).append(
            _("The centre already has a room called “%(name)s”.") % {"name": room.name}
        )
    if room.kind == Room.Kind.OFF_SITE and not room.address.strip():
        errors.setdefault("address", []).append(_("Enter the address of the off-site venue."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_room(*, actor, room: Room, reason: str = "") -> Room:
    """Create or change a room of a centre the actor may edit (also the centre before a change)."""
    require(can_manage_rooms(actor, room.centre_id))
    if room.pk:
        stored_centre = Room.objects.filter(pk=room.pk).values_list("centre_id", flat=True).first()
        require(can_manage_rooms(actor, stored_centre))
        if stored_centre != room.centre_id and room.classes.exists():
            raise ValidationError(
                {"centre": [_("The room is used by classes; it cannot move to another centre.")]}
            )
    _validate(room)
    return audited_save(actor=actor, instance=room, reason=reason)


@transaction.atomic
def set_room_active(*, actor, room: Room, active: bool, reason: str = "") -> Room:
    """Take a room out of use (it stays on past classes and sessions) or bring it back."""
    require(can_manage_rooms(actor, room.centre_id))
    room.active = active
    return audited_save(actor=actor, instance=room, reason=reason, validate=False)


@transaction.atomic
def delete_room(*, actor, room: Room, reason: str = "") -> None:
    """Delete a room entered by mistake; a room that classes or sessions used can only be taken out of use."""
    require(can_manage_rooms(actor, room.centre_id))
    audited_delete(actor=actor, instance=room, reason=reason)


@transaction.atomic
def save_building(*, actor, building: Building, reason: str = "") -> Building:
    require(manages_facilities(actor, building.centre_id))
    building.name = " ".join((building.name or "").split())
    if Building.objects.filter(centre_id=building.centre_id, name__iexact=building.name).exclude(pk=building.pk).exists():
        raise ValidationError({"name": [_("The centre already has a building called “%(name)s”.")
                                        % {"name": building.name}]})
    return audited_save(actor=actor, instance=building, reason=reason)


def _validate_equipment(item: Equipment) -> None:
    errors: dict[str, list[str]] = {}
    item.name = " ".join((item.name or "").split())
    if not item.name:
        errors["name"] = [_("Enter the name of the item.")]
    if item.quantity is None or item.quantity < 1:
        errors["quantity"] = [_("The quantity must be a whole number of at least 1.")]
    if item.room_id and item.room.centre_id != item.centre_id:
        errors["room"] = [_("The room belongs to another centre.")]
    if item.year_acquired and not 1950 <= item.year_acquired <= 2100:
        errors["year_acquired"] = [_("Enter a year such as 2021.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_equipment(*, actor, item: Equipment, reason: str = "") -> Equipment:
    """Create or change an equipment item of a centre the actor manages."""
    require(manages_facilities(actor, item.centre_id))
    if item.pk:
        stored = Equipment.objects.filter(pk=item.pk).values_list("centre_id", flat=True).first()
        require(manages_facilities(actor, stored))
    _validate_equipment(item)
    return audited_save(actor=actor, instance=item, reason=reason)


@transaction.atomic
def delete_equipment(*, actor, item: Equipment, reason: str = "") -> None:
    require(manages_facilities(actor, item.centre_id))
    item.checks.all().delete()
    audited_delete(actor=actor, instance=item, reason=reason)


@transaction.atomic
def record_condition_check(*, actor, item: Equipment, date, condition: str, note: str = "") -> ConditionCheck:
    """A dated inspection; the item takes the condition of its latest check (an older check changes nothing)."""
    require(manages_facilities(actor, item.centre_id))
    if date is None:
        raise ValidationError({"date": [_("Enter the date of the check.")]})
    if date > timezone.localdate():
        raise ValidationError({"date": [_("The date of a check cannot be in the future.")]})
    check = ConditionCheck(equipment=item, date=date, condition=condition, note=note.strip(),
                           checked_by=actor if getattr(actor, "is_authenticated", False) else None)
    check.full_clean(exclude=["equipment"])
    audited_save(actor=actor, instance=check, validate=False)
    latest = item.checks.order_by("-date", "-id").first()
    if latest.pk == check.pk and item.condition != condition:
        item.condition = condition
        audited_save(actor=actor, instance=item, reason=_("condition check of %(date)s") % {
            "date": date.strftime("%d/%m/%Y")}, validate=False)
    return check


@transaction.atomic
def save_requirement(*, actor, requirement, reason: str = ""):
    """Change the facilities standard (a line of it); audited like every rule kept as data."""
    require(keeps_standard(actor))
    return audited_save(actor=actor, instance=requirement, reason=reason)


@transaction.atomic
def save_category(*, actor, category, reason: str = ""):
    require(keeps_standard(actor))
    return audited_save(actor=actor, instance=category, reason=reason)
