"""JSON endpoints for equipment and a centre's standing against the facilities standard, scoped like the pages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from facilities import services
from facilities.models import Equipment, EquipmentCategory, Room
from facilities.permissions import reads_facilities
from facilities.selectors import standing_of_centres
from org.models import Centre

router = Router(tags=["facilities"])


class EquipmentOut(Schema):
    id: int
    centre_id: int
    category: str
    name: str
    quantity: int
    unit: str
    year_acquired: int | None
    funding_source: str
    condition: str
    room_id: int | None

    @staticmethod
    def resolve_category(obj) -> str:
        return obj.category.code


class EquipmentIn(Schema):
    centre_id: int
    category: str
    name: str
    quantity: int = 1
    unit: str = ""
    year_acquired: int | None = None
    funding_source: str = "local_budget"
    condition: str = "good"
    room_id: int | None = None
    note: str = ""


class StandingOut(Schema):
    requirement: str
    met: bool
    have: int
    need: int


def _require(request) -> None:
    if not reads_facilities(request.user):
        raise PermissionDenied


@router.get("/equipment", response=list[EquipmentOut])
@paginate(PageNumberPagination)
def list_equipment(request, centre_id: int | None = None, condition: str | None = None):
    _require(request)
    items = Equipment.objects.visible_to(request.user).select_related("category").order_by("centre_id", "pk")
    if centre_id:
        items = items.filter(centre_id=centre_id)
    if condition:
        items = items.filter(condition=condition)
    return items


@router.get("/equipment/{item_id}", response=EquipmentOut)
def get_equipment(request, item_id: int):
    _require(request)
    return get_object_or_404(Equipment.objects.visible_to(request.user).select_related("category"), pk=item_id)


@router.post("/equipment", response={201: EquipmentOut})
def create_equipment(request, payload: EquipmentIn):
    _require(request)
    centre = get_object_or_404(Centre.objects.visible_to(request.user), pk=payload.centre_id)
    category = EquipmentCategory.objects.filter(code=payload.category).first()
    if category is None:
        raise ValidationError({"category": ["unknown category"]})
    room = get_object_or_404(Room.objects.filter(centre=centre), pk=payload.room_id) if payload.room_id else None
    data = payload.dict(exclude={"centre_id", "category", "room_id"})
    item = services.save_equipment(actor=request.user, item=Equipment(centre=centre, category=category, room=room,
                                                                       **data))
    return Status(201, item)


@router.get("/centres/{centre_id}/standard", response=list[StandingOut])
def centre_standard(request, centre_id: int):
    _require(request)
    centre = get_object_or_404(Centre.objects.visible_to(request.user), pk=centre_id)
    if not reads_facilities(request.user, centre.pk):
        raise Http404
    return [{"requirement": s.requirement.name, "met": s.met, "have": s.have, "need": s.need}
            for s in standing_of_centres([centre.pk], timezone.localdate())[centre.pk]]
