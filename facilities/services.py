"""Workflows on rooms and venues: the one path pages, the API and scripts use to change them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.scope import scope_of
from core.services import audited_delete, audited_save, require
from facilities.models import Room


def can_manage_rooms(user, centre_id: int | None) -> bool:
    """The centre's director and training officers keep its list of rooms."""
    return scope_of(user).can_edit_centre(centre_id)


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
